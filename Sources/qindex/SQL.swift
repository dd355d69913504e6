import ArgumentParser
import QualityRun

extension QIndex {
    /// `qindex sql --engine duckdb|spark --parquet DIR --out DIR`: the count SQL, printed.
    struct SQL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sql",
            abstract: "Print the SQL (DuckDB or Spark) that computes every count the report needs over `qindex export`'s Parquet, for `qindex report --from-counts`.",
            discussion: """
            Each statement writes one count table as CSV under --out (a local
            folder is made; a URL is the engine's to make): batches and
            enterprises by year and every breakdown (regions at every level,
            region × level, product, level, channel, size, agency, agency ×
            product, month, region × month, follow-up), each grouped indicator by
            its groupings, failing items, the enterprises' follow-up windows and
            repeat-failure runs, and the data's dates (docs/tables.md). Keys,
            groupings and counts come from the registries. Copy the export's
            _counts/_accounting.json next to the tables so the report shows the
            inputs' accounting. With --plan and --index, also the batches of each
            filter their targets and indicators name (counts_filtered), so that
            `report --from-counts` with the same --plan and --index computes them.
            With --count-inspections, also the inspection records `qindex export
            --inspections` wrote (by region at every level, type, risk class and
            each inspection target's filter; --count-register: the licensed population
            from the exported register), so the report needs no inspection file.
            Examples:
              qindex export data/*.csv.gz --out parquet
              qindex sql --engine duckdb --parquet parquet --out counts | duckdb
              qindex sql --engine spark --parquet hdfs:///p --out hdfs:///c > c.sql
              spark-submit --master yarn scripts/spark/run_sql.py c.sql
              qindex report --from-counts counts --out report
              qindex sql --parquet parquet --out counts --plan plan.yaml --index index.yaml | duckdb
              qindex report --from-counts counts --plan plan.yaml --index index.yaml --out report
              qindex export s.csv.gz --inspections i.csv.gz --register reg.csv --out parquet
              qindex sql --parquet parquet --out counts --count-inspections --count-register | duckdb
            """)

        @Option(help: "SQL dialect.")
        var engine: Choices.Engine = SQLRequest().engine

        @Option(help: "Folder of `qindex export`'s Parquet files (a path or URL the engine reads).")
        var parquet: String

        @OptionGroup var output: OutputOptions

        @OptionGroup var companions: PlanIndexOptions

        @Flag(help: "Also count the inspection records the export holds (`qindex export --inspections`, under _inspections/): the inspection tables and the inspection targets and indicators.")
        var countInspections = false

        /// `--register` names a file in every other command; here the export's register is counted (the old name still reads).
        @Flag(name: [.customLong("count-register"), .customLong("register")],
              help: "With --count-inspections: the export also holds an enterprise register (`qindex export --inspections … --register FILE`, under _register/), the population of licensed-enterprise coverage.")
        var countRegister = false

        @OptionGroup var language: LanguageOption

        func run() throws {
            var r = SQLRequest()
            r.engine = engine
            r.parquet = parquet
            r.out = output.folder(default: r.out)
            r.plan = companions.plan
            r.index = companions.index
            r.countInspections = countInspections
            r.countRegister = countRegister
            r.language = language.lang
            try finish(r.run())
        }
    }
}
