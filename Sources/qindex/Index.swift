import ArgumentParser
import QualityReport
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

        @OptionGroup var output: OutputStyle

        func run() throws {
            let c = try inputs.configuration(index: index, output: output)
            var (result, outcome) = Runner.index(c)
            if let result { outcome.output.insert(IndexText.render(result, year: year, lang: c.language), at: 0) }
            try finish(outcome, output: output) {
                var table = result.map(ReportTables.indexScores) ?? ReportTable(name: "index_scores", columns: [])
                if let result, let y = year ?? result.units.filter({ $0.score != nil }).map(\.year).max(),
                   let yc = table.columns.firstIndex(of: "year") {
                    table.rows = table.rows.filter { $0[yc] == String(y) }
                }
                return TableJSON(command: "index", table: table, files: outcome.files.map { RunSummary.File($0, lang: c.language) }).json()
            }
        }
    }
}
