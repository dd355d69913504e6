import ArgumentParser
import Foundation
import QualityReport

extension QIndex {
    /// `qindex sql --engine duckdb|spark --parquet DIR --out DIR`: the count SQL, printed.
    struct SQL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sql",
            abstract: "Print the SQL (DuckDB or Spark) that computes the pass-rate counts by year and breakdown over `qindex export`'s Parquet.",
            discussion: """
            Each statement writes one count table (year, key, batches_sampled, passed, failed, enterprises_tested,
            enterprises_passed) as CSV under --out. The breakdowns come from the indicator registry.
            Examples:
              qindex export data/*.csv.gz --out parquet
              qindex sql --engine duckdb --parquet parquet --out counts | duckdb
              qindex sql --engine spark --parquet hdfs:///qindex/parquet --out hdfs:///qindex/counts > counts.sql
              spark-sql -f counts.sql
            """)

        @Option(help: "SQL dialect.")
        var engine: CountSQL.Engine = .duckdb

        @Option(help: "Folder of `qindex export`'s Parquet files (a path or URL the engine reads).")
        var parquet: String

        @Option(name: .shortAndLong, help: "Folder the engine writes the count tables into.")
        var out: String = "qindex-counts"

        func run() throws {
            print(CountSQL.script(parquet: parquet, out: out, engine: engine), terminator: "")
        }
    }
}

extension CountSQL.Engine: ExpressibleByArgument {}
