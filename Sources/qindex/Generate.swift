import ArgumentParser
import QualityRun

extension QIndex {
    /// `qindex generate --batches N --out FILE`: a seeded synthetic history.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a realistic synthetic sampling history (2011–2020, Guangxi in detail) for trying qindex at any size.",
            discussion: """
            Examples:
              qindex generate --batches 1000000 --out history-1m.csv.gz
              qindex generate --headers en --encoding gb18030 --out en-gbk.csv
              qindex generate --plant-outliers --plain --batches 100000 --seed 7 --out planted.csv.gz
            """)

        @Option(help: "Number of batches.")
        var batches: Int = GenerateRequest().batches

        @Option(help: "Random seed (same seed, same file).")
        var seed: UInt64 = GenerateRequest().seed

        @Option(help: "Header and value language: zh as bureaus export, en the canonical names.")
        var headers: Choices.Language = GenerateRequest().headers

        @Option(help: "Output encoding.")
        var encoding: Choices.Encoding = GenerateRequest().encoding

        @Flag(help: "ISO dates and region codes on every row (for running the same workload in other engines).")
        var plain = false

        @Flag(help: "Plant known outliers in an even history (a city in the last year, a Guangxi testing agency, Guangxi's 2017-Q3); see docs/methods.md.")
        var plantOutliers = false

        @Option(name: .shortAndLong, help: "Output file (.csv or .csv.gz).", completion: FileKinds.data)
        var out: String = GenerateRequest().out

        @Option(help: "Also write matching inspection records to this file (.csv or .csv.gz).")
        var inspections: String?

        @OptionGroup var language: LanguageOption

        @Option(help: "Also write matching regional statistics (long format) to this file.")
        var stats: String?

        func run() throws {
            var r = GenerateRequest()
            r.batches = batches
            r.seed = seed
            r.headers = headers
            r.encoding = encoding
            r.plain = plain
            r.plantOutliers = plantOutliers
            r.out = out
            r.inspections = inspections
            r.stats = stats
            r.language = language.lang
            try finish(usage { try r.run() })
        }
    }
}
