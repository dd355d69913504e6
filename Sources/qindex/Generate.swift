import ArgumentParser
import QualityData
import QualityIngest
import QualitySynthetic

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
        var batches: Int = 30_000

        @Option(help: "Random seed (same seed, same file).")
        var seed: UInt64 = 20_201_231

        @Option(help: "Header and value language: zh as bureaus export, en the canonical names.")
        var headers: Language = .zh

        @Option(help: "Output encoding.")
        var encoding: TextEncoding = .utf8

        @Flag(help: "ISO dates and region codes on every row (for running the same workload in other engines).")
        var plain = false

        @Flag(help: "Plant known outliers in an even history (a city in the last year, a Guangxi testing agency, Guangxi's 2017-Q3); see docs/methods.md.")
        var plantOutliers = false

        @Option(name: .shortAndLong, help: "Output file (.csv or .csv.gz).", completion: FileKinds.data)
        var out: String = "sampling.csv.gz"

        @Option(help: "Also write matching inspection records to this file (.csv or .csv.gz).")
        var inspections: String?

        @OptionGroup var language: LanguageOption

        @Option(help: "Also write matching regional statistics (long format) to this file.")
        var stats: String?

        func run() throws {
            let lang = language.value
            guard batches > 0 else { throw ValidationError(CommandMessages.batchesPositive(lang)) }
            guard batches <= RecordLimits.largestGeneratedBatches else { throw ValidationError(CommandMessages.batchesAtMost(lang)) }
            var o = GeneratorOptions()
            o.batches = batches
            o.seed = seed
            o.chineseHeaders = headers == .zh
            o.encoding = encoding
            o.plain = plain
            o.plantOutliers = plantOutliers
            let s = try SamplingHistoryGenerator(options: o).write(to: out)
            let generator = SamplingHistoryGenerator(options: o)
            Terminal.print(CommandMessages.wroteSampling(out, batches: s.batches, rows: s.rows, continuation: s.continuationRows, duplicate: s.duplicateRows,
                                                enterprises: s.enterprises, products: s.products)(lang))
            if let inspections {
                let c = try generator.writeInspections(to: inspections)
                Terminal.print(CommandMessages.wroteInspections(inspections, inspections: c.inspections, planted: c.planted)(lang))
            }
            if let stats {
                let c = try generator.writeStatistics(to: stats)
                Terminal.print(CommandMessages.wroteStatistics(stats, count: c.statistics)(lang))
            }
        }
    }
}
