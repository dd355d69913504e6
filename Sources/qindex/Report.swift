import ArgumentParser
import Foundation
import QualityData
import QualityIndicators
import QualityIngest
import QualityReport
import QualityStore

extension QIndex {
    /// `qindex report FILE... --out DIR`: load, compute, write the run folder.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load sampling results (.csv / .csv.gz) and write tables, rejects, report.md and index.html.")

        @Argument(help: "Sampling-result files (.csv or .csv.gz, UTF-8 or GB18030).")
        var files: [String]

        @Option(name: .shortAndLong, help: "Output folder.")
        var out: String = "qindex-out"

        @Option(help: "Mapping file (YAML or JSON) for other layouts: headers, values, date format, encoding, separator.")
        var mapping: String?

        @Option(help: "Force the input encoding: utf-8 or gb18030 (default: detect per file).")
        var encoding: String?

        @Option(help: "GB/T 2260 region table to use instead of the bundled 2019-04 edition.")
        var regions: String?

        @Option(help: "Language of the report: zh or en.")
        var lang: String = "zh"

        @Option(help: "Inspection-record files (.csv / .csv.gz; docs/inputs.md §2); repeatable.")
        var inspections: [String] = []

        @Option(help: "Regional-statistics files in long format (region_code, year, indicator, value); repeatable.")
        var stats: [String] = []

        @Option(help: "Enterprise register (enterprise_code or name, region, licensed): the population for enterprise inspection coverage.")
        var register: [String] = []

        @Option(help: "Mapping file (YAML: columns, values) for inspection records in another layout.")
        var inspectionMapping: String?

        @Option(help: "Plan file (YAML) with targets: adds targets.csv and the targets section.")
        var plan: String?

        @Option(help: "Index framework file (YAML): adds the composite index (index_scores.csv, index_audit.csv, the index section).")
        var index: String?

        @Option(help: "Page header template (HTML with {{title}}, {{subtitle}}, {{lang}}, {{{logo}}}) for index.html and the region pages.")
        var header: String?

        @Option(help: "Logo for the page header: an SVG (inlined) or a PNG/JPEG (embedded).")
        var logo: String?

        @Option(help: "SQLite database that keeps the manifest, every result and the plans across runs.")
        var db: String = "qindex.sqlite"

        @Flag(help: "Do not use the database.")
        var noDb = false

        @Option(help: "Interval for rates: wilson (default), jeffreys or clopper-pearson.")
        var interval: String = "wilson"

        @Option(help: "Funnel limits when units are overdispersed: multiplicative (default), additive or none.")
        var funnelAdjust: String = "multiplicative"

        @Option(help: "Period of the control chart: quarter (default) or month.")
        var period: String = "quarter"

        @Option(help: "Also chart this region (GB/T 2260 code); repeatable.")
        var controlRegion: [String] = []

        @Option(help: "Successive points on one side of the centre line that signal on the control chart.")
        var runLength: Int = PChart.defaultRunLength

        @Option(help: "Gzip inflater: auto (ISA-L when built with it), zlib or isal.")
        var inflate: String = "auto"

        @Option(help: "Parser threads per file (default: the number of cores; 1 = the simple sequential path).")
        var threads: Int?

        @Option(help: "Folder for columnar snapshots that make a second report over unchanged files fast (default: $XDG_CACHE_HOME/qindex or ~/.cache/qindex).")
        var cache: String?

        @Flag(help: "Neither read nor write snapshots.")
        var noCache = false

        @Flag(help: "Stop at the first file that cannot be read.")
        var strict = false

        @Flag(help: "Print the time of each stage (inflate, parse, merge, aggregate, write) on standard error.")
        var timings = false

        func run() throws {
            guard let language = Language(rawValue: lang) else { throw ValidationError("--lang must be zh or en") }
            var options = SamplingIngestOptions()
            options.strict = strict
            if let encoding {
                guard let e = TextEncoding(name: encoding) else { throw ValidationError("--encoding must be utf-8 or gb18030") }
                options.encoding = e
            }
            guard let backend = InflateBackend(rawValue: inflate) else { throw ValidationError("--inflate must be auto, zlib or isal") }
            if backend == .isal && !InflateBackend.isalAvailable {
                throw ValidationError("--inflate isal: this build has no ISA-L (install libisal-dev and rebuild)")
            }
            options.inflate = backend
            options.progress = ProgressDisplay.onTerminal ? language : nil
            if !noCache {
                options.snapshotDirectory = cache ?? SamplingIngestOptions.defaultSnapshotDirectory
                options.snapshotInBackground = true  // written while the tables are computed
            }
            if let threads {
                guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
                options.threads = threads
            }
            if let mapping { options.mapping = Mapping.builtIn.merged(with: try Mapping.load(path: mapping)) }
            if let regions {
                let text = try String(contentsOfFile: regions, encoding: .utf8)
                options.regions = try RegionTable(tsv: text)
            }
            var methods = AnalysisOptions()
            guard let im = IntervalMethod(rawValue: interval) else { throw ValidationError("--interval must be wilson, jeffreys or clopper-pearson") }
            guard let fa = FunnelAdjustment(rawValue: funnelAdjust) else {
                throw ValidationError("--funnel-adjust must be multiplicative, additive or none")
            }
            guard let pe = ChartPeriod(rawValue: period) else { throw ValidationError("--period must be quarter or month") }
            guard runLength >= 2 else { throw ValidationError("--run-length must be at least 2") }
            for code in controlRegion where options.regions.index(ofCode: code) == nil {
                throw ValidationError("--control-region \(code): not a code of the region table")
            }
            methods.interval = im
            methods.funnelAdjustment = fa
            methods.period = pe
            methods.controlRegions = controlRegion
            methods.runLength = runLength
            do { try OutputLocation.validate(out: out, inputs: files) } catch { throw ValidationError("\(error)") }
            let pageHeader: PageHeader
            do { pageHeader = try PageHeader.load(template: header, logo: logo) } catch { throw ValidationError("\(error)") }
            let started = Date()
            // The database first: a busy, read-only or foreign file stops the run before any work.
            var store: Store?
            if !noDb {
                do { store = try Store(path: db) } catch let e as StoreError {
                    FileHandle.standardError.write(Data((e.message(language) + "\n").utf8))
                    throw ExitCode(1)
                }
            }
            var companions: CompanionInputs
            do {
                companions = try CompanionInputs.load(inspections: inspections, statistics: stats, register: register, plan: plan, regions: options.regions,
                                                      encoding: options.encoding, inspectionMapping: inspectionMapping, index: index)
            } catch let e as IngestError {
                FileHandle.standardError.write(Data((e.message(language) + "\n").utf8))
                throw ExitCode(1)
            }
            if let store {
                for (indicator, region) in companions.historyKeys {
                    let dimension = region == RegionTable.nationalCode ? "all" : "region"
                    companions.history["\(indicator)|\(region)"] = try? store.latestSeries(indicator: indicator, dimension: dimension,
                                                                                              key: region == RegionTable.nationalCode ? "" : region)
                }
            }
            var load: SamplingIngestResult
            do {
                load = try SamplingIngest.load(paths: files, options: options)
            } catch let e as IngestError {
                FileHandle.standardError.write(Data((e.message(language) + "\n").utf8))
                throw ExitCode(1)
            }
            var stages = load.timings
            // The report needs the counts, not the rows: hand the table over so its memory can go.
            let table = load.table
            load.table = SamplingTable(regions: table.regions)
            let aggregateStart = StageClock.now()
            let targets = companions.targets(sampling: table, regions: table.regions)
            let indexResult = stages.measure("index") { companions.index(sampling: table, regions: table.regions) }
            var analysis = Analysis.compute(consume table, options: methods)
            companions.complete(&analysis, &load, targets: targets, index: indexResult, regions: options.regions)
            stages.add("aggregate", StageClock.now() - aggregateStart)
            let info = ["tool": "qindex \(QIndexVersion.string)", "started": ISO8601DateFormatter().string(from: started),
                        "seconds": String(format: "%.3f", Date().timeIntervalSince(started)),
                        "inputs": files.joined(separator: "|"), "mapping": mapping ?? "built-in", "lang": lang,
                        "regions": options.regions.edition, "interval": interval, "funnel_adjust": funnelAdjust, "period": period,
                        "run_length": String(runLength), "control_regions": controlRegion.joined(separator: "|"), "plan": plan ?? "", "index": index ?? "",
                        "inspections": inspections.joined(separator: "|"), "stats": stats.joined(separator: "|"), "snapshot": load.fromSnapshot ? "used" : (noCache ? "off" : "written")]
            let html = try stages.measure("write") { try ReportWriter.write(analysis, load, to: out, lang: language, runInfo: info, header: pageHeader) }
            if let pending = load.snapshotWrite {
                let waitStart = StageClock.now()
                stages.add("snapshot write (overlapped)", pending.wait())
                stages.add("snapshot wait", StageClock.now() - waitStart)
            }
            var storeLines: [String] = []
            if let store {
                do {
                    var run = Store.Run(started: info["started"] ?? "", tool: info["tool"] ?? "", options: info,
                                        inputs: load.files.compactMap(Store.InputFile.fingerprint), results: StoreResults.from(analysis))
                    for (kind, path) in [("plan", plan), ("index", index)] {
                        if let path, let text = try? String(contentsOfFile: path, encoding: .utf8) { run.documents.append((kind, path, text)) }
                    }
                    let recorded = try stages.measure("database") { try store.record(run) }
                    storeLines = ReportStrings.storeSummary(db: db, runId: recorded.runId, files: zip(run.inputs.map(\.report.path), recorded.statuses).map { ($0.0, $0.1) })(language)
                        .components(separatedBy: "\n")
                } catch let e as StoreError {
                    FileHandle.standardError.write(Data((e.message(language) + "\n").utf8))
                    throw ExitCode(1)
                }
            }
            if timings { FileHandle.standardError.write(Data("stages: \(stages.text)\n".utf8)) }
            print(ReportWriter.summary(analysis, load, lang: language))
            for line in storeLines { print(line) }
            print((language == .zh ? "报告：" : "Report: ") + html)
            if !load.failures.isEmpty || !companions.failures.isEmpty { throw ExitCode(1) }
        }
    }
}
