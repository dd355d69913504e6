import ArgumentParser
import QualityRun

extension QIndex {
    /// `qindex report FILE... --out DIR`: load, compute, write the run folder.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load sampling results (.csv / .csv.gz) and write tables, rejects, report.md and index.html.",
            discussion: """
            Examples:
              qindex report 2019.csv.gz 2020.csv --out report-2020
              qindex report data/*.csv.gz --plan plan.yaml --index index.yaml --out r --lang en
              qindex report big.csv.gz --plan plan.yaml --focus 450300 --map guangxi.geojson --out r
              zcat export.csv.gz | qindex report - --encoding gb18030 --out r
              qindex report big.csv.gz --out r --json | jq .headline
            The run folder holds tables/*.csv (machine-readable), tables.xlsx (the way into Excel or WPS),
            report.md, index.html, bulletin.html, regions/, rejects.csv and run.json (docs/tables.md).
            """)

        @OptionGroup var inputs: InputOptions

        @OptionGroup var output: OutputOptions

        @OptionGroup var companions: PlanIndexOptions

        @Option(help: "Output formats, comma-separated: \(Choices.formatHelp). rejects.csv and run.json are always written.")
        var format: String = Choices.defaultFormats

        @Option(help: "Page header template (HTML with {{title}}, {{subtitle}}, {{lang}}, {{{logo}}}) for index.html and the region pages.", completion: .file(extensions: ["html", "mustache"]))
        var header: String?

        @Option(help: "Logo for the page header: an SVG (inlined) or a PNG/JPEG (embedded).", completion: .file(extensions: ["svg", "png", "jpg", "jpeg"]))
        var logo: String?

        @Option(help: "Boundary map of the focus region's cities, GeoJSON (features with a six-digit region_code, code or adcode property) or SVG (paths with a region code as id or data-code): index.html draws the cities on it. None is bundled (official maps need review).", completion: FileKinds.map)
        var map: String?

        @Option(help: "Interval for rates. cluster: Wilson at the effective batches of enterprises as clusters (batches tested ÷ the design effect, column deff), with the tests and funnels on them.")
        var interval: Choices.Interval = ReportRequest().interval

        @Option(help: "Funnel limits when units are overdispersed.")
        var funnelAdjust: Choices.FunnelAdjust = ReportRequest().funnelAdjust

        @Option(help: "Period of the control chart.")
        var period: Choices.Period = ReportRequest().period

        @Option(help: "The region the first screen is about (GB/T 2260 code, e.g. 450000); default: the plan's region.")
        var focus: String?

        @Option(help: "The year the headline, the focus card and the bulletin are about (default: the latest complete year).")
        var year: Int?

        @Option(help: "Also chart this region (GB/T 2260 code); repeatable.")
        var controlRegion: [String] = []

        @Option(help: "Control chart (auto: Laney's p′ where the periods vary beyond binomial sampling, else p).")
        var chart: Choices.Chart = ReportRequest().chart

        @Option(help: "Successive points on one side of the centre line that signal on the control chart.")
        var runLength: Int = ReportRequest().runLength

        @OptionGroup var itemClasses: ItemClassesOption

        @Option(help: "Report from count tables (the CSVs of `qindex sql` run on DuckDB or Spark, or `qindex export`'s _counts/) instead of sampling files: the whole report, computed as from records (with --plan or --index, the tables must have been rendered with the same ones).", completion: .directory)
        var fromCounts: String?

        @Flag(help: "Print the time of each stage (inflate, parse, merge, aggregate, write) on standard error.")
        var timings = false

        @OptionGroup var style: OutputStyle

        var request: ReportRequest {
            var r = ReportRequest()
            r.inputs = inputs.request(style)
            r.out = output.folder(default: r.out)
            r.plan = companions.plan
            r.index = companions.index
            r.format = format
            r.header = header
            r.logo = logo
            r.map = map
            r.interval = interval
            r.funnelAdjust = funnelAdjust
            r.period = period
            r.focus = focus
            r.year = year
            r.controlRegions = controlRegion
            r.chart = chart
            r.runLength = runLength
            r.itemClasses = itemClasses.itemClasses
            r.fromCounts = fromCounts
            r.timings = timings
            return r
        }

        func validate() throws {
            try usage { try request.check(commands: QIndex.configuration.subcommands.map { $0._commandName }) }
        }

        func run() throws {
            try finish(usage { try request.run() }, style)
        }
    }
}
