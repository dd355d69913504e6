import ArgumentParser
import QualityReport
import QualityRun

extension QIndex {
    /// `qindex index FILE... --index FRAMEWORK`: the ranking on the terminal.
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the composite index ranking (score, rank, rank interval, band) of an index framework: what `report` writes in index_scores.csv, from the same inputs.")

        @OptionGroup var inputs: InputOptions

        @Option(help: "Index framework file (YAML).")
        var index: String

        @Option(help: "Year (default: the latest with scores).")
        var year: Int?

        func run() throws {
            let c = try inputs.configuration(index: index)
            var (result, outcome) = Runner.index(c)
            if let result { outcome.output.insert(IndexText.render(result, year: year, lang: c.language), at: 0) }
            try finish(outcome)
        }
    }
}
