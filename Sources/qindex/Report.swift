import ArgumentParser
import Foundation
import QualityData
import QualityIndicators
import QualityIngest
import QualityReport
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

        @Option(name: .shortAndLong, help: "Output folder.", completion: .directory)
        var out: String = "qindex-out"

        @OptionGroup var companions: PlanIndexOptions

        @Option(help: "Output formats, comma-separated: csv (tables/*.csv), xlsx (tables.xlsx), md (report.md), html (index.html and region pages). rejects.csv and run.json are always written.")
        var format: String = "csv,xlsx,md,html"

        @Option(help: "Page header template (HTML with {{title}}, {{subtitle}}, {{lang}}, {{{logo}}}) for index.html and the region pages.", completion: .file(extensions: ["html", "mustache"]))
        var header: String?

        @Option(help: "Logo for the page header: an SVG (inlined) or a PNG/JPEG (embedded).", completion: .file(extensions: ["svg", "png", "jpg", "jpeg"]))
        var logo: String?

        @Option(help: "Boundary map of the focus region's cities, GeoJSON (features with a six-digit region_code, code or adcode property) or SVG (paths with a region code as id or data-code): index.html draws the cities on it. None is bundled (official maps need review).", completion: FileKinds.map)
        var map: String?

        @Option(help: "Interval for rates.")
        var interval: IntervalMethod = .wilson

        @Option(help: "Funnel limits when units are overdispersed.")
        var funnelAdjust: FunnelAdjustment = .multiplicative

        @Option(help: "Period of the control chart.")
        var period: ChartPeriod = .quarter

        @Option(help: "The region the first screen is about (GB/T 2260 code, e.g. 450000); default: the plan's region.")
        var focus: String?

        @Option(help: "The year the headline, the focus card and the bulletin are about (default: the latest complete year).")
        var year: Int?

        @Option(help: "Also chart this region (GB/T 2260 code); repeatable.")
        var controlRegion: [String] = []

        @Option(help: "Control chart (auto: Laney's p′ where the periods vary beyond binomial sampling, else p).")
        var chart: ChartMethod = .auto

        @Option(help: "Successive points on one side of the centre line that signal on the control chart.")
        var runLength: Int = PChart.defaultRunLength

        @OptionGroup var itemClasses: ItemClassesOption

        @Option(help: "Report from count tables (the CSVs of `qindex sql` run on DuckDB or Spark, or `qindex export`'s _counts/) instead of sampling files: the whole report, computed as from records (with --plan or --index, the tables must have been rendered with the same ones).", completion: .directory)
        var fromCounts: String?

        @Flag(help: "Print the time of each stage (inflate, parse, merge, aggregate, write) on standard error.")
        var timings = false

        @OptionGroup var output: OutputStyle

        func validate() throws {
            let lang = inputs.language.value
            if fromCounts != nil {
                guard inputs.files.isEmpty else { throw ValidationError(CommandMessages.fromCountsWithFiles(lang)) }
                return
            }
            guard !inputs.files.isEmpty else { throw ValidationError(CommandMessages.missingFiles(lang)) }
            // `qindex reprot f.csv` must not become a report over a file named "reprot".
            if let first = inputs.files.first, let message = UnknownCommand.message(first, commands: QIndex.configuration.subcommands.map { $0._commandName }) {
                throw ValidationError(message)
            }
        }

        func run() throws {
            // Written while the tables are computed.
            let plan = companions.plan, index = companions.index
            // No input of any kind inside --out, checked before any is read.
            let read = inputs.paths + [plan, index, header, logo, map, itemClasses.itemClasses, fromCounts].compactMap { $0 }
            do { try OutputLocation.validate(out: out, inputs: read) } catch { throw ValidationError("\(error)") }
            let c = try inputs.configuration(plan: plan, index: index, snapshotInBackground: true, output: output)
            var methods = AnalysisOptions()
            let im = interval, fa = funnelAdjust, pe = period, chartMethod = chart
            let lang = c.language
            guard runLength >= 2 else { throw ValidationError(CommandMessages.runLengthAtLeastTwo(lang)) }
            for code in controlRegion where c.ingest.regions.index(ofCode: code) == nil {
                throw ValidationError(CommandMessages.notARegionCode("--control-region", code)(lang))
            }
            methods.interval = im
            methods.funnelAdjustment = fa
            methods.period = pe
            methods.controlRegions = controlRegion
            if let focus, c.ingest.regions.index(ofCode: focus) == nil {
                throw ValidationError(CommandMessages.notARegionCode("--focus", focus)(lang))
            }
            methods.focusRegion = focus
            methods.reportYear = year
            methods.runLength = runLength
            methods.chartMethod = chartMethod
            methods.itemClasses = try itemClasses.load(c.language)
            var report = ReportConfiguration(inputs: c, out: out)
            do { report.header = try PageHeader.load(template: header, logo: logo) } catch { throw ValidationError("\(error)") }
            report.header.tool = "qindex \(QIndexVersion.string)"
            if let map {
                do { report.map = try RegionMap.load(path: map) } catch { throw ValidationError("--map: \(error)") }
            }
            guard let formats = OutputFormat.parse(format) else { throw ValidationError(CommandMessages.formatList(lang)) }
            report.formats = formats
            report.methods = methods
            report.timings = timings
            report.fromCounts = fromCounts
            report.options = [
                "tool": .text("qindex \(QIndexVersion.string)"), "inputs": .list(inputs.files), "mapping": .text(inputs.mapping ?? "built-in"),
                "lang": .text(inputs.language.lang.rawValue), "regions": .text(c.ingest.regions.edition), "interval": .text(interval.rawValue),
                "funnel_adjust": .text(funnelAdjust.rawValue), "period": .text(period.rawValue), "run_length": .number(Double(runLength)),
                "chart": .text(chart.rawValue), "control_regions": .list(controlRegion), "focus": .text(focus ?? ""), "map": .text(map ?? ""), "year": .text(year.map(String.init) ?? ""),
                "as_of": .text(inputs.asOf ?? ""), "max_reject_share": .text(inputs.maxRejectShare),
                "plan": .text(plan ?? ""), "index": .text(index ?? ""), "inspections": .list(inputs.inspections), "stats": .list(inputs.stats),
                "format": .list(OutputFormat.allCases.filter(formats.contains).map(\.rawValue)), "from_counts": .text(fromCounts ?? ""),
            ]
            try finish(Runner.report(report), output: output)
        }
    }
}
