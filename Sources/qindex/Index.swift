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
            var options = SamplingIngestOptions()
            let env = ProcessInfo.processInfo.environment
            let base = env["XDG_CACHE_HOME"] ?? ((env["HOME"] ?? NSTemporaryDirectory()) as NSString).appendingPathComponent(".cache")
            options.snapshotDirectory = (base as NSString).appendingPathComponent("qindex")
            var failed = false
            do {
                let companions = try CompanionInputs.load(inspections: inspections, statistics: stats, register: register, plan: nil,
                                                          regions: options.regions, encoding: nil, index: index)
                var table: SamplingTable?
                if !files.isEmpty {
                    let load = try SamplingIngest.load(paths: files, options: options)
                    load.snapshotWrite?.wait()
                    table = load.table
                    for e in load.failures { FileHandle.standardError.write(Data((e.message(language) + "\n").utf8)); failed = true }
                }
                for e in companions.failures { FileHandle.standardError.write(Data((e.message(language) + "\n").utf8)); failed = true }
                if let result = companions.index(sampling: table, regions: options.regions) {
                    print(IndexText.render(result, year: year, lang: language))
                }
            } catch let e as IngestError {
                FileHandle.standardError.write(Data((e.message(language) + "\n").utf8))
                throw ExitCode(1)
            }
            if failed { throw ExitCode(1) }
        }
    }
}
