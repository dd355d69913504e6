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
            abstract: "Load sampling results (.csv / .csv.gz) and write tables, rejects, report.md and index.html.")

        @OptionGroup var inputs: InputOptions

        @Option(name: .shortAndLong, help: "Output folder.")
        var out: String = "qindex-out"

        @Option(help: "Plan file (YAML) with targets: adds targets.csv and the targets section.")
        var plan: String?

        @Option(help: "Index framework file (YAML): adds the composite index (index_scores.csv, index_audit.csv, the index section).")
        var index: String?

        @Option(help: "Output formats, comma-separated: csv (tables/*.csv), xlsx (tables.xlsx), md (report.md), html (index.html and region pages). rejects.csv and run.json are always written.")
        var format: String = "csv,xlsx,md,html"

        @Option(help: "Page header template (HTML with {{title}}, {{subtitle}}, {{lang}}, {{{logo}}}) for index.html and the region pages.")
        var header: String?

        @Option(help: "Logo for the page header: an SVG (inlined) or a PNG/JPEG (embedded).")
        var logo: String?

        @Option(help: "Boundary map of the focus region's cities, GeoJSON (features with a six-digit region_code, code or adcode property) or SVG (paths with a region code as id or data-code): index.html draws the cities on it. None is bundled (official maps need review).")
        var map: String?

        @Option(help: "Interval for rates: wilson (default), jeffreys or clopper-pearson.")
        var interval: String = "wilson"

        @Option(help: "Funnel limits when units are overdispersed: multiplicative (default), additive or none.")
        var funnelAdjust: String = "multiplicative"

        @Option(help: "Period of the control chart: quarter (default) or month.")
        var period: String = "quarter"

        @Option(help: "The region the first screen is about (GB/T 2260 code, e.g. 450000); default: the plan's region.")
        var focus: String?

        @Option(help: "Also chart this region (GB/T 2260 code); repeatable.")
        var controlRegion: [String] = []

        @Option(help: "Control chart: auto (default: Laney's p′ where the periods vary beyond binomial sampling, else p), p or laney.")
        var chart: String = "auto"

        @Option(help: "Successive points on one side of the centre line that signal on the control chart.")
        var runLength: Int = PChart.defaultRunLength

        @Option(help: "Item classes (CSV: keyword, class, safety) deciding which failing items are about safety, instead of the bundled datasets/reference/item-classes.csv.")
        var itemClasses: String?

        @Flag(help: "Print the time of each stage (inflate, parse, merge, aggregate, write) on standard error.")
        var timings = false

        func validate() throws {
            guard !inputs.files.isEmpty else { throw ValidationError("Missing expected argument '<files> ...' (sampling-result files)") }
            // `qindex reprot f.csv` must not become a report over a file named "reprot".
            if let first = inputs.files.first, let message = UnknownCommand.message(first, commands: QIndex.configuration.subcommands.map { $0._commandName }) {
                throw ValidationError(message)
            }
        }

        func run() throws {
            // Written while the tables are computed.
            let c = try inputs.configuration(plan: plan, index: index, snapshotInBackground: true)
            var methods = AnalysisOptions()
            guard let im = IntervalMethod(rawValue: interval) else { throw ValidationError("--interval must be wilson, jeffreys or clopper-pearson") }
            guard let fa = FunnelAdjustment(rawValue: funnelAdjust) else {
                throw ValidationError("--funnel-adjust must be multiplicative, additive or none")
            }
            guard let pe = ChartPeriod(rawValue: period) else { throw ValidationError("--period must be quarter or month") }
            guard let chartMethod = ChartMethod(rawValue: chart) else { throw ValidationError("--chart must be auto, p or laney") }
            guard runLength >= 2 else { throw ValidationError("--run-length must be at least 2") }
            for code in controlRegion where c.ingest.regions.index(ofCode: code) == nil {
                throw ValidationError("--control-region \(code): not a code of the region table")
            }
            methods.interval = im
            methods.funnelAdjustment = fa
            methods.period = pe
            methods.controlRegions = controlRegion
            if let focus, c.ingest.regions.index(ofCode: focus) == nil {
                throw ValidationError("--focus \(focus): not a code of the region table")
            }
            methods.focusRegion = focus
            methods.runLength = runLength
            methods.chartMethod = chartMethod
            if let itemClasses {
                do { methods.itemClasses = try ItemClassesFile.load(path: itemClasses) } catch let e as IngestError {
                    throw ValidationError(e.message(c.language))
                }
            }
            do { try OutputLocation.validate(out: out, inputs: inputs.files) } catch { throw ValidationError("\(error)") }
            var report = ReportConfiguration(inputs: c, out: out)
            do { report.header = try PageHeader.load(template: header, logo: logo) } catch { throw ValidationError("\(error)") }
            if let map {
                do { report.map = try RegionMap.load(path: map) } catch { throw ValidationError("--map: \(error)") }
            }
            guard let formats = OutputFormat.parse(format) else { throw ValidationError("--format: a comma-separated list of csv, xlsx, md, html") }
            report.formats = formats
            report.methods = methods
            report.timings = timings
            report.options = [
                "tool": "qindex \(QIndexVersion.string)", "inputs": inputs.files.joined(separator: "|"), "mapping": inputs.mapping ?? "built-in",
                "lang": inputs.language.lang, "regions": c.ingest.regions.edition, "interval": interval, "funnel_adjust": funnelAdjust, "period": period,
                "run_length": String(runLength), "chart": chart, "control_regions": controlRegion.joined(separator: "|"), "focus": focus ?? "", "map": map ?? "", "plan": plan ?? "", "index": index ?? "",
                "inspections": inputs.inspections.joined(separator: "|"), "stats": inputs.stats.joined(separator: "|"),
                "format": OutputFormat.allCases.filter(formats.contains).map(\.rawValue).joined(separator: ","),
            ]
            try finish(Runner.report(report))
        }
    }
}
