import ArgumentParser
import QualityRun

extension QIndex {
    /// `qindex index FILE... --index FRAMEWORK`: the ranking on the terminal.
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the composite index ranking (score, rank, rank interval, band) of an index framework: what `report` writes in index_scores.csv, from the same inputs.",
            discussion: """
            Examples:
              qindex index data/*.csv.gz --index index.yaml --inspections i.csv.gz --stats stats.csv
              qindex index data/*.csv.gz --index index.yaml --year 2019 --json
            """)

        @OptionGroup var inputs: InputOptions

        @Option(help: "Index framework file (YAML).", completion: FileKinds.yaml)
        var index: String

        @Option(help: "Year (default: the latest with scores).")
        var year: Int?

        @OptionGroup var style: OutputStyle

        func run() throws {
            var r = IndexRequest()
            r.inputs = inputs.request(style)
            r.index = index
            r.year = year
            try finish(usage { try r.run() }, style)
        }
    }
}
