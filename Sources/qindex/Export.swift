import ArgumentParser
import QualityRun

extension QIndex {
    /// `qindex export FILE... --out DIR`: the canonical records as Parquet.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the validated records (the same checks and rejects as `report`) as Parquet partitioned by year, for DuckDB or Spark.",
            discussion: """
            Writes DIR/year=YYYY/part-HASH.parquet (with --partition province also province=NN/; HASH from the
            inputs' contents, so the folders of several exports merge), DIR/_rejects.csv, DIR/_counts/ (qindex's own count tables; with --plan and --index also their filtered sets) and
            DIR/_export.json (underscored: Spark skips them) (every input's accounting, every part). A folder that already
            holds an export is refused unless --append (its inputs are read again with these: one export of them all) or
            --replace (this export takes its place); a folder holding other files is refused. Each input converts on its own, so a fleet of
            machines or a Spark map step can convert a national archive in parallel. Columns: docs/tables.md.
            Examples:
              qindex export 2020.csv.gz --out parquet/2020
              qindex export data/*.csv.gz --out parquet --partition province
              qindex export data/*.csv.gz --plan plan.yaml --index index.yaml --out parquet
              qindex export 2021.csv.gz --append --out parquet      # one export of the earlier inputs and 2021
              duckdb -c "select year, count(*) from read_parquet('parquet/year=*/**/*.parquet', hive_partitioning=1) group by 1"
            """)

        enum Partition: String, ExpressibleByArgument, CaseIterable { case year, province }

        @OptionGroup var inputs: InputOptions

        @OptionGroup var output: OutputOptions

        @Option(help: "Partitions: year, or year and province.")
        var partition: Partition = .year

        @Flag(help: "Into a folder that holds an export: read its inputs again with these, and write one export of them all (its manifest and _counts/ cover every part).")
        var append = false

        @Flag(help: "Into a folder that holds an export: put this export in its place (only the earlier export's own files go).")
        var replace = false

        @OptionGroup var companions: PlanIndexOptions

        @OptionGroup var itemClasses: ItemClassesOption

        @OptionGroup var style: OutputStyle

        var request: ExportRequest {
            var r = ExportRequest()
            r.inputs = inputs.request(style)
            r.out = output.folder(default: r.out)
            r.byProvince = partition == .province
            r.append = append
            r.replace = replace
            r.plan = companions.plan
            r.index = companions.index
            r.itemClasses = itemClasses.itemClasses
            return r
        }

        func validate() throws { try usage { try request.check() } }

        func run() throws { try finish(usage { try request.run() }, style) }
    }
}
