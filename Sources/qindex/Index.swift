import ArgumentParser
import Foundation
import QualityData
import QualityIndicators
import QualityIngest
import QualityReport

extension QIndex {
    /// `qindex index FILE... --index FRAMEWORK`: the ranking on the terminal.
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the composite index ranking (score, rank, rank interval, band) of an index framework.")

        @Argument(help: "Sampling-result files (.csv or .csv.gz).")
        var files: [String] = []

        @Option(help: "Index framework file (YAML).")
        var index: String

        @Option(help: "Inspection-record files; repeatable.")
        var inspections: [String] = []

        @Option(help: "Regional-statistics files; repeatable.")
        var stats: [String] = []

        @Option(help: "Enterprise register.")
        var register: [String] = []

        @Option(help: "Language: zh or en.")
        var lang: String = "zh"

        @Option(help: "Year (default: the latest with scores).")
        var year: Int?

        func run() throws {
            guard let language = Language(rawValue: lang) else { throw ValidationError("--lang must be zh or en") }
            let inputs = try TerminalInputs.load(files: files, language: language) {
                try CompanionInputs.load(inspections: inspections, statistics: stats, register: register, plan: nil, regions: .bundled,
                                         encoding: nil, index: index)
            }
            if let result = inputs.companions.index(sampling: inputs.table, regions: .bundled) {
                print(IndexText.render(result, year: year, lang: language))
            }
            if inputs.failed { throw ExitCode(1) }
        }
    }
}
