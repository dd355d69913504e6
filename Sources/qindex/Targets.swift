import ArgumentParser
import Foundation
import QualityData
import QualityIndicators
import QualityIngest
import QualityReport

extension QIndex {
    /// `qindex targets FILE... --plan PLAN`: the plan's progress on the terminal.
    struct Targets: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print how far along each plan target is (latest year per target and region), from sampling results, inspections and regional statistics.")

        @Argument(help: "Sampling-result files (.csv or .csv.gz); may be none when every target uses inspections or statistics.")
        var files: [String] = []

        @Option(help: "Plan file (YAML).")
        var plan: String

        @Option(help: "Inspection-record files; repeatable.")
        var inspections: [String] = []

        @Option(help: "Regional-statistics files; repeatable.")
        var stats: [String] = []

        @Option(help: "Enterprise register: the population for enterprise inspection coverage.")
        var register: [String] = []

        @Option(help: "Mapping file (YAML: columns, values) for inspection records in another layout.")
        var inspectionMapping: String?

        @Option(help: "Language: zh or en.")
        var lang: String = "zh"

        @Flag(help: "Every year of every target, not only the latest.")
        var allYears = false

        func run() throws {
            guard let language = Language(rawValue: lang) else { throw ValidationError("--lang must be zh or en") }
            let inputs = try TerminalInputs.load(files: files, language: language) {
                try CompanionInputs.load(inspections: inspections, statistics: stats, register: register, plan: plan, regions: .bundled,
                                         encoding: nil, inspectionMapping: inspectionMapping)
            }
            let rows = inputs.companions.targets(sampling: inputs.table, regions: .bundled)
            print(TargetsText.render(rows, allYears: allYears, lang: language))
            if let line = ReportStrings.targetSummary(rows)?(language) { print(line) }
            if inputs.failed { throw ExitCode(1) }
        }
    }
}
