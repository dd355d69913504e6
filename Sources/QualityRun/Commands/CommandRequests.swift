import Foundation
import QualityData
import QualityExport
import QualityIndicators
import QualityIngest
import QualityReport
import QualityStore
import QualitySynthetic

// What each command was asked, as given, and what it does with it: the
// executable declares the options and hands them here; every check, every
// file loaded and every message is in QualityRun.

/// `qindex report`.
public struct ReportRequest: Sendable {
    public var inputs = InputRequest()
    public var out = "qindex-out"
    public var plan: String?
    public var index: String?
    public var format = Choices.defaultFormats
    public var header: String?
    public var logo: String?
    public var map: String?
    public var interval: IntervalMethod = .wilson
    public var funnelAdjust: FunnelAdjustment = .multiplicative
    public var period: ChartPeriod = .quarter
    public var focus: String?
    public var year: Int?
    public var controlRegions: [String] = []
    public var chart: ChartMethod = .auto
    public var runLength = PChart.defaultRunLength
    public var itemClasses: String?
    public var fromCounts: String?
    public var timings = false
    public init() {}

    /// What the arguments say before anything is read: files or count tables, not both; a first word that is no file and no command.
    public func check(commands: [String]) throws {
        let lang = inputs.language
        if fromCounts != nil {
            guard inputs.files.isEmpty else { throw UsageError(CommandMessages.fromCountsWithFiles(lang)) }
            return
        }
        guard !inputs.files.isEmpty else { throw UsageError(CommandMessages.missingFiles(lang)) }
        // `qindex reprot f.csv` must not become a report over a file named "reprot".
        if let first = inputs.files.first, let message = UnknownCommand.message(first, commands: commands) { throw UsageError(message) }
    }

    /// The validated run: every option checked, header, logo, map and item classes loaded.
    public func configuration() throws -> ReportConfiguration {
        // No input of any kind inside --out, checked before any is read.
        try InputRequest.checkOutside(out: out, inputs: inputs.paths + [plan, index, header, logo, map, itemClasses, fromCounts].compactMap { $0 })
        let c = try inputs.configuration(plan: plan, index: index, snapshotInBackground: true)
        let lang = c.language
        guard runLength >= 2 else { throw UsageError(CommandMessages.runLengthAtLeastTwo(lang)) }
        for code in controlRegions where c.ingest.regions.index(ofCode: code) == nil {
            throw UsageError(CommandMessages.notARegionCode("--control-region", code)(lang))
        }
        if let focus, c.ingest.regions.index(ofCode: focus) == nil { throw UsageError(CommandMessages.notARegionCode("--focus", focus)(lang)) }
        var methods = AnalysisOptions()
        methods.interval = interval
        methods.funnelAdjustment = funnelAdjust
        methods.period = period
        methods.controlRegions = controlRegions
        methods.focusRegion = focus
        methods.reportYear = year
        methods.runLength = runLength
        methods.chartMethod = chart
        methods.itemClasses = try inputs.itemClasses(itemClasses)
        var report = ReportConfiguration(inputs: c, out: out)
        do { report.header = try PageHeader.load(template: header, logo: logo) } catch { throw UsageError("\(error)") }
        report.header.tool = QIndexVersion.tool
        if let map {
            do { report.map = try RegionMap.load(path: map) } catch { throw UsageError("--map: \(error)") }
        }
        guard let formats = OutputFormat.parse(format) else { throw UsageError(CommandMessages.formatList(lang)) }
        report.formats = formats
        report.methods = methods
        report.timings = timings
        report.fromCounts = fromCounts
        report.options = [
            "tool": .text(QIndexVersion.tool), "inputs": .list(inputs.files), "mapping": .text(inputs.mapping ?? "built-in"),
            "lang": .text(lang.rawValue), "regions": .text(c.ingest.regions.edition), "interval": .text(interval.rawValue),
            "funnel_adjust": .text(funnelAdjust.rawValue), "period": .text(period.rawValue), "run_length": .number(Double(runLength)),
            "chart": .text(chart.rawValue), "control_regions": .list(controlRegions), "focus": .text(focus ?? ""), "map": .text(map ?? ""),
            "year": .text(year.map(String.init) ?? ""), "as_of": .text(inputs.asOf ?? ""), "max_reject_share": .text(inputs.maxRejectShare),
            "plan": .text(plan ?? ""), "index": .text(index ?? ""), "inspections": .list(inputs.inspections), "stats": .list(inputs.stats),
            "format": .list(OutputFormat.allCases.filter(formats.contains).map(\.rawValue)), "from_counts": .text(fromCounts ?? ""),
        ]
        return report
    }

    /// Checks the options, then runs the report.
    public func run() throws -> RunOutcome { Runner.report(try configuration()) }
}

/// `qindex export`.
public struct ExportRequest: Sendable {
    public var inputs = InputRequest()
    public var out = "qindex-export"
    public var byProvince = false
    public var append = false
    public var replace = false
    public var plan: String?
    public var index: String?
    public var itemClasses: String?
    public init() {}

    public func check() throws {
        guard !inputs.files.isEmpty || append else { throw UsageError(CommandMessages.missingFiles(inputs.language)) }
        guard !(append && replace) else { throw UsageError(CommandMessages.appendOrReplace(inputs.language)) }
    }

    public func run() throws -> RunOutcome {
        try InputRequest.checkOutside(out: out, inputs: inputs.paths + [plan, index, itemClasses].compactMap { $0 })
        let c = try inputs.configuration(plan: plan, index: index)
        var outcome = Runner.export(c, out: out, byProvince: byProvince, tool: QIndexVersion.tool, itemClasses: try inputs.itemClasses(itemClasses),
                                    mode: append ? .append : (replace ? .replace : .new))
        outcome.json = outcome.exportSummary?.json() ?? "{}\n"
        return outcome
    }
}

/// `qindex sql`.
public struct SQLRequest: Sendable {
    public var engine: CountSQL.Engine = .duckdb
    public var parquet = ""
    public var out = "qindex-counts"
    public var plan: String?
    public var index: String?
    public var countInspections = false
    public var countRegister = false
    public var language: Language = .zh
    public init() {}

    /// The SQL on standard output; a local --out made (DuckDB's COPY does not make folders; a URL is the engine's to make).
    public func run() -> RunOutcome {
        var outcome = RunOutcome()
        do {
            let sql = try Runner.countSQL(parquet: parquet, out: out, engine: engine, plan: plan, index: index,
                                          countInspections: countInspections, register: countRegister, regions: .bundled, language: language)
            if !out.contains("://") { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }
            outcome.output = [sql.hasSuffix("\n") ? String(sql.dropLast()) : sql]
        } catch {
            outcome.errors = [(error as? Runner.Stop)?.message ?? "\(error)"]
            outcome.exitCode = 1
        }
        return outcome
    }
}

/// `qindex targets`.
public struct TargetsRequest: Sendable {
    public var inputs = InputRequest()
    public var plan = ""
    public var allYears = false
    public init() {}

    public func run() throws -> RunOutcome {
        let c = try inputs.configuration(plan: plan)
        var (rows, outcome) = Runner.targets(c)
        if !rows.isEmpty || outcome.exitCode == 0 {
            outcome.output.insert(TargetsText.render(rows, allYears: allYears, lang: c.language), at: 0)
            if let line = ReportStrings.targetSummary(rows)?(c.language) { outcome.output.insert(line, at: 1) }
        }
        let picked = allYears ? rows : TargetProgress.latest(rows)
        outcome.json = TableJSON(command: "targets", table: ReportTables.targets(picked), files: outcome.files.map { RunSummary.File($0, lang: c.language) }).json()
        return outcome
    }
}

/// `qindex index`.
public struct IndexRequest: Sendable {
    public var inputs = InputRequest()
    public var index = ""
    public var year: Int?
    public init() {}

    public func run() throws -> RunOutcome {
        let c = try inputs.configuration(index: index)
        var (result, outcome) = Runner.index(c)
        if let result { outcome.output.insert(IndexText.render(result, year: year, lang: c.language), at: 0) }
        var table = result.map(ReportTables.indexScores) ?? ReportTable(name: "index_scores", columns: [])
        if let result, let y = year ?? result.units.filter({ $0.score != nil }).map(\.year).max(), let yc = table.columns.firstIndex(of: "year") {
            table.rows = table.rows.filter { $0[yc] == String(y) }
        }
        outcome.json = TableJSON(command: "index", table: table, files: outcome.files.map { RunSummary.File($0, lang: c.language) }).json()
        return outcome
    }
}

/// `qindex files` and `qindex history`: the database read back.
public struct DatabaseRequest: Sendable {
    /// The database every command uses when `--db` names none.
    public static let defaultPath = "qindex.sqlite"
    public var path: String?
    public var language: Language = .zh
    public init() {}

    /// The ingest manifest.
    public func files() -> RunOutcome {
        read { StoreText.files(try $0.files(), lang: language) }
    }

    /// An indicator's values across runs and years: for a region (`region`,
    /// the country's code meaning all batches) or a key of another dimension.
    public func history(indicator: String, region: String?, dimension: String?, key: String?) -> RunOutcome {
        let name = indicator == "pass_rate" ? "batch_pass_rate" : indicator
        let (dim, k): (String, String) = dimension.map { ($0, key ?? "") }
            ?? region.map { $0 == RegionTable.nationalCode ? ("all", "") : ("region", $0) } ?? ("all", "")
        return read { store in
            StoreText.history(try store.history(indicator: name, dimension: dim, key: k), title: "\(name) · \(dim)\(k.isEmpty ? "" : " " + k)", lang: language)
        }
    }

    private func read(_ text: (Store) throws -> String) -> RunOutcome {
        var outcome = RunOutcome()
        let db = path ?? Self.defaultPath
        do {
            guard FileManager.default.fileExists(atPath: db) else { throw StoreError.cannotOpen(path: db, reason: CommandMessages.noSuchDatabaseFile(language)) }
            outcome.output = [try text(try Store(path: db))]
        } catch let e as StoreError {
            outcome.errors = [e.message(language)]
            outcome.exitCode = 1
        } catch {
            outcome.errors = ["\(error)"]
            outcome.exitCode = 1
        }
        return outcome
    }
}

/// `qindex generate`.
public struct GenerateRequest: Sendable {
    public var batches = 30_000
    public var seed: UInt64 = 20_201_231
    public var headers: Language = .zh
    public var encoding: TextEncoding = .utf8
    public var plain = false
    public var plantOutliers = false
    public var out = "sampling.csv.gz"
    public var inspections: String?
    public var stats: String?
    public var language: Language = .zh
    public init() {}

    public func run() throws -> RunOutcome {
        let lang = language
        guard batches > 0 else { throw UsageError(CommandMessages.batchesPositive(lang)) }
        guard batches <= RecordLimits.largestGeneratedBatches else { throw UsageError(CommandMessages.batchesAtMost(lang)) }
        var o = GeneratorOptions()
        o.batches = batches
        o.seed = seed
        o.chineseHeaders = headers == .zh
        o.encoding = encoding
        o.plain = plain
        o.plantOutliers = plantOutliers
        var outcome = RunOutcome()
        let s = try SamplingHistoryGenerator(options: o).write(to: out)
        let generator = SamplingHistoryGenerator(options: o)  // the companions from a fresh generator, as the history was written
        outcome.output.append(CommandMessages.wroteSampling(out, batches: s.batches, rows: s.rows, continuation: s.continuationRows, duplicate: s.duplicateRows,
                                                            enterprises: s.enterprises, products: s.products)(lang))
        // Each file said as soon as it is written: one that fails is said as an error after those that were written.
        do {
            if let inspections {
                let c = try generator.writeInspections(to: inspections)
                outcome.output.append(CommandMessages.wroteInspections(inspections, inspections: c.inspections, planted: c.planted)(lang))
            }
            if let stats {
                let c = try generator.writeStatistics(to: stats)
                outcome.output.append(CommandMessages.wroteStatistics(stats, count: c.statistics)(lang))
            }
        } catch {
            outcome.errors.append("\(error)")
            outcome.exitCode = 1
        }
        return outcome
    }
}
