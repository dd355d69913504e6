import Foundation
import QualityData
import QualityExport
import QualityIndicators
import QualityIngest
import QualityReport
import QualityRuntime
import QualityStore

/// One runner for every command: a configuration → the database (when
/// given) → the companion files (a malformed plan or framework stops here)
/// → earlier years from the history → the sampling files → what the command
/// computes and writes → the run recorded → an outcome. `report`, `targets`
/// and `index` are three uses of it, so for the same inputs they compute the
/// same numbers (RunnerTests).
public enum Runner {
    /// A message that ends the run (exit 1), already in the run's language.
    public struct Stop: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// What every command reads.
    struct Loaded {
        var store: Store?
        var companions: CompanionInputs
        var load: SamplingIngestResult
        /// A file could not be read: the command still does its work, then exits 1.
        var failed: Bool { !load.failures.isEmpty || !companions.failures.isEmpty }
        /// What the plan reader accepted but says aloud (a key without effect).
        func warnings(_ lang: Language) -> [String] {
            var out = (companions.plan?.warnings ?? []).map { $0(lang) }
            // A cache that could not be used is said (a pipe is simply never cached).
            if case .notCached(let why) = load.snapshot.status, why != SnapshotFolder.pipe { out.append(why(lang)) }
            return out
        }

        /// The sampling files' rows: read, and rejected (a repeated header line not counted).
        var sampling: (read: Int, rejected: Int) {
            let t = load.files.filter { $0.kind == "sampling" }.total
            return (t.rowsRead, RejectSummary.counted(t.rejectedByReason))
        }

        /// What went wrong while loading and how to fix it (standard error;
        /// with --quiet only where the run is over its share, beside the warning).
        func rejectLines(_ c: InputConfiguration) -> [String] {
            let rejected = load.rejects
            guard !rejected.isEmpty, !c.quiet || overShare(c) != nil else { return [] }
            return [RejectSummary.lines(rejected, rowsRead: sampling.read)(c.language)]
        }

        /// More rows rejected than the run allows: the warning and the exit status, where so.
        func settle(_ c: InputConfiguration, _ outcome: inout RunOutcome) {
            guard let over = overShare(c) else { return }
            outcome.errors.append(over)
            outcome.exitCode = RejectSummary.exitCode
        }

        /// More rows rejected than the run allows: the warning (the caller sets the exit status).
        func overShare(_ c: InputConfiguration) -> String? {
            let s = sampling
            guard s.read > 0, Double(s.rejected) > c.maxRejectShare * Double(s.read) else { return nil }
            return RejectSummary.overShare(rejected: s.rejected, rowsRead: s.read, maxShare: c.maxRejectShare)(c.language)
        }
    }

    /// Opens the database, loads the companion files, the history and the
    /// sampling files. `createDatabase` is false for the terminal commands:
    /// they read the history of an existing database and never create one.
    static func load(_ c: InputConfiguration, createDatabase: Bool) throws -> Loaded {
        let lang = c.language
        var store: Store?
        if let path = c.database, createDatabase || FileManager.default.fileExists(atPath: path) {
            do {
                store = try Store(path: path)
                // A run that records must be able to: find out now, not after the work.
                if createDatabase { try store?.checkWritable() }
            } catch let e as StoreError { throw Stop(message: e.message(lang)) }
        }
        var companions: CompanionInputs
        do {
            companions = try CompanionInputs.load(inspections: c.inspections, statistics: c.statistics, register: c.register, plan: c.plan,
                                                  regions: c.ingest.regions, encoding: c.ingest.encoding,
                                                  inspectionMapping: c.inspectionMapping, index: c.index)
        } catch let e as IngestError {
            throw Stop(message: e.message(lang))
        }
        if let store {
            for (indicator, region) in companions.historyKeys {
                let national = region == RegionTable.nationalCode
                companions.history["\(indicator)|\(region)"] = try? store.seriesByRun(indicator: indicator, dimension: national ? "all" : "region",
                                                                                          key: national ? "" : region)
            }
        }
        let load: SamplingIngestResult
        if c.files.isEmpty {
            load = SamplingIngestResult(table: SamplingTable(regions: c.ingest.regions))
        } else {
            do { load = try SamplingIngest.load(paths: c.files, options: c.ingest) } catch let e as IngestError { throw Stop(message: e.message(lang)) }
        }
        return Loaded(store: store, companions: companions, load: load)
    }

    /// Messages for the files that could not be read, in the run's language.
    static func failures(_ l: Loaded, _ lang: Language) -> [String] {
        (l.load.failures + l.companions.failures).map { $0.message(lang) }
    }

    // MARK: report

    /// `qindex report`: the run folder, the terminal summary, the run recorded.
    public static func report(_ c: ReportConfiguration) -> RunOutcome {
        var outcome = RunOutcome()
        do { try report(c, into: &outcome) } catch let s as Stop {
            outcome.errors.append(s.message)
            outcome.exitCode = 1
        } catch {
            outcome.errors.append("\(error)")
            outcome.exitCode = 1
        }
        return outcome
    }

    private static func report(_ c: ReportConfiguration, into outcome: inout RunOutcome) throws {
        let lang = c.inputs.language
        let started = Date()
        OutOfMemory.install()
        // The run folder and the database first: an output folder that cannot be
        // written, or a busy, read-only or foreign database, stops the run before any work.
        let folder: StagedRunFolder
        do { folder = try StagedRunFolder(out: c.out) } catch { throw Stop(message: error.message(lang)) }
        var loaded = try load(c.inputs, createDatabase: true)
        outcome.errors += loaded.warnings(lang) + loaded.rejectLines(c.inputs)
        let overShare = loaded.overShare(c.inputs)
        var stages = loaded.load.timings
        // What the load found about the data as a whole: on standard error and in data_quality.csv.
        loaded.load.findings += dataFindings(loaded.load)
        outcome.errors += loaded.load.findings.map { $0.text(lang) }
        // The report needs the counts, not the rows: hand the table over so its memory can go.
        let table = loaded.load.table
        loaded.load.table = SamplingTable(regions: table.regions)
        OutOfMemory.stage("aggregate / 汇总计算")
        // One progress line for the stages after loading (a terminal only; not with --quiet or --json).
        let progress = StageProgress(lang: c.inputs.ingest.progress,
                                     stages: ["indicators", "targets", "index", "companions", "write"] + (loaded.store == nil ? [] : ["database"]) + ["commit"])
        defer { progress?.finish() }
        let aggregateStart = StageClock.now()
        let companions = loaded.companions
        progress?.begin("indicators")
        // The counts — of DuckDB, Spark or qindex's own kernel: the same statistics from here on.
        var cube: CountCube
        var regions = table.regions
        if let dir = c.fromCounts {
            do {
                cube = try stages.measure("read counts") { try CountTablesFile.read(directory: dir, regions: &regions, grouped: GroupedIndicator.registry.map(\.countTableSpec)) }
            } catch let e as IngestError { throw Stop(message: e.message(lang)) }
            // Enterprise-clustered intervals need the cluster sums in every pass-rate cell.
            if c.methods.interval == .cluster,
               let kind = ([.year] + CountTableKind.breakdowns).first(where: { cube.rows($0).contains { $0.counts.tested > 0 && $0.counts.clusterSums == nil } }) {
                throw Stop(message: IngestMessages.noClusterSums(directory: dir, table: kind.table)(lang))
            }
            // The plan's and the index's filtered sets must have been counted (`qindex sql --plan … --index …`).
            let missing = companions.batchFilters.map(\.id).filter { !cube.filters.contains($0) }
            if !missing.isEmpty { throw Stop(message: IngestMessages.filtersNotCounted(directory: dir, missing)(lang)) }
            // The accounting of the files the counts came from, where it travelled with them.
            do {
                if let accounting = try CountTablesFile.accounting(directory: dir) {
                    loaded.load.files += accounting.files
                    loaded.load.rejects += accounting.rejects
                    loaded.load.findings += accounting.findings
                } else {
                    outcome.errors.append(IngestMessages.noAccounting((dir as NSString).appendingPathComponent(CountCube.accountingFile))(lang))
                }
            } catch let e as IngestError { throw Stop(message: e.message(lang)) }
        } else {
            cube = stages.measure("aggregate counts") { Analysis.counts(consume table, options: c.methods, filters: companions.batchFilters) }
        }
        // The all-records aggregate named for what the data cover: 全国 only for every province.
        regions.nameScope(provinceCodes: Set(cube.rows(.region).filter { $0.counts.sampled > 0 }.map(\.key)))
        // Inspections: counted from their files when given, else as an engine counted them (`--count-inspections`).
        var inspections = stages.measure("aggregate inspections") { companions.inspectionCounts(regions: regions) }
        if inspections == nil, let counted = cube.inspections {
            let missing = companions.inspectionFilters.map(\.id).filter { !counted.filters.contains($0) }
            if !missing.isEmpty, let dir = c.fromCounts { throw Stop(message: IngestMessages.filtersNotCounted(directory: dir, missing)(lang)) }
            inspections = counted
        }
        progress?.begin("targets")
        let targets = stages.measure("aggregate targets") { companions.targets(counts: cube, inspections: inspections, regions: regions) }
        progress?.begin("index")
        let indexResult = stages.measure("aggregate index") { companions.index(counts: cube, inspections: inspections, regions: regions) }
        var analysis = stages.measure("aggregate indicators") { Analysis.derive(cube, regions: regions, options: c.methods) }
        cube = CountCube()  // everything is derived: its memory goes before the report is written
        // The year the headline is about: --year, else the latest complete one.
        let years = analysis.rates.byYear.filter { $0.counts.tested > 0 }.map(\.year)
        if let y = c.methods.reportYear, !years.contains(y) {
            throw Stop(message: IngestMessages.noSuchYear(y, first: years.first, last: years.last)(lang))
        }
        analysis.chooseReportYear(requested: c.methods.reportYear,
                                  yearsFromDates: !loaded.load.files.contains { $0.kind == "sampling" && $0.yearColumn })
        if let p = analysis.partialYear {
            let finding = DataFinding(kind: "partial_year", IngestMessages.partialYear(year: p.year, batches: p.batches, median: Double(p.medianTwice) / 2,
                                                                                        used: analysis.reportYear))
            loaded.load.findings.append(finding)
            outcome.errors.append(finding.text(lang))
        }
        progress?.begin("companions")
        stages.measure("aggregate companions") {
            companions.complete(&analysis, &loaded.load, targets: targets, index: indexResult, inspections: inspections, regions: regions)
        }
        stages.add("aggregate", StageClock.now() - aggregateStart)
        // Files that could not be read: on standard error, also with --quiet.
        outcome.errors += ReportWriter.failureLines(loaded.load.accounting, lang: lang)
        let load = loaded.load
        var summary = RunSummary(tool: c.options["tool"]?.text ?? "qindex", started: ISO8601DateFormatter().string(from: started),
                                 seconds: (Date().timeIntervalSince(started) * 1000).rounded() / 1000,
                                 snapshot: load.snapshot.status.id,
                                 options: c.options, files: load.files.map { RunSummary.File($0, lang: lang) },
                                 headline: RunSummary.headline(analysis, lang: lang), folder: c.out, outputs: ReportWriter.outputs(c.formats),
                                 exitCode: loaded.failed ? 1 : (overShare != nil ? Int(RejectSummary.exitCode) : 0))
        // The database keeps every option as a `key=value` line, with the run's own facts.
        var info = c.options.mapValues(\.text)
        info["started"] = summary.started
        info["seconds"] = String(format: "%.3f", summary.seconds)
        summary.snapshotReason = load.snapshot.status.reason?(lang)
        info["snapshot"] = summary.snapshot
        // A run that loaded nothing fails, writes nothing and is not recorded.
        let nothingLoaded = analysis.rates.byYear.isEmpty
        if nothingLoaded {
            let sampling = load.files.filter { $0.kind == "sampling" }.total
            outcome.output.append(ReportWriter.summary(analysis, load.accounting, lang: lang))
            outcome.errors.append(IngestMessages.nothingLoaded(rowsRead: sampling.rowsRead, rejected: sampling.rejected)(lang))
            outcome.errors += load.rejects.prefix(5).map { IngestMessages.rejectLine($0)(lang) }
            outcome.exitCode = 1
            load.snapshotWrite?.wait()
            return
        }
        OutOfMemory.stage("write the report / 写出报告")
        progress?.begin("write")
        var html: String
        let writers = StageLog()
        do {
            html = try stages.measure("write") {
                try ReportWriter.write(analysis, load.accounting, to: folder.staging, lang: lang, runInfo: info, summary: summary, header: c.header, map: c.map,
                                       formats: c.formats, log: writers)
            }
            for (name, seconds) in writers.stages { stages.add(name, seconds) }
        } catch {
            throw Stop(message: OutputFolderError.from(error, path: folder.staging).message(lang).replacingOccurrences(of: folder.staging, with: c.out))
        }
        html = c.out + html.dropFirst(folder.staging.count)
        if let pending = load.snapshotWrite {
            let waitStart = StageClock.now()
            stages.add("snapshot write (overlapped)", pending.wait())
            stages.add("snapshot wait", StageClock.now() - waitStart)
            // Written or not, run.json says which, now that the write is over.
            summary.snapshot = load.snapshot.status.id
            summary.snapshotReason = load.snapshot.status.reason?(lang)
            info["snapshot"] = summary.snapshot
            do { try summary.write(to: folder.staging) } catch {
                throw Stop(message: OutputFolderError.from(error, path: folder.staging).message(lang).replacingOccurrences(of: folder.staging, with: c.out))
            }
        }
        var storeLines: [String] = []
        if let store = loaded.store, let db = c.inputs.database {
            do {
                var run = Store.Run(started: info["started"] ?? "", tool: info["tool"] ?? "", options: info,
                                    inputs: load.files.compactMap(Store.InputFile.init), results: StoreResults.from(analysis))
                for (kind, path) in [("plan", c.inputs.plan), ("index", c.inputs.index)] {
                    if let path, let text = try? String(contentsOfFile: path, encoding: .utf8) { run.documents.append((kind, path, text)) }
                }
                OutOfMemory.stage("record in the database / 写入数据库")
                progress?.begin("database")
                let recorded = try stages.measure("database") { try store.record(run) }
                summary.database = RunSummary.DatabaseRun(path: db, runId: recorded.runId)
                try summary.write(to: folder.staging)
                storeLines = StoreText.storeSummary(db: db, runId: recorded.runId, files: zip(run.inputs.map(\.report.path), recorded.statuses).map { ($0.0, $0.1) })(lang)
                    .components(separatedBy: "\n")
            } catch let e as StoreError {
                throw Stop(message: e.message(lang))
            }
        }
        // Recorded (or no database): the finished folder replaces --out in one step.
        let commitStart = StageClock.now()
        progress?.begin("commit")
        do { try folder.commit() } catch { throw Stop(message: error.message(lang)) }
        stages.add("commit", StageClock.now() - commitStart)
        // Files that could not be read are named in the summary (ReportWriter.summary).
        if c.timings { outcome.errors.append(IngestMessages.stageTimes(stages.text)(lang)) }
        outcome.output.append(ReportWriter.summary(analysis, load.accounting, lang: lang))
        outcome.output += storeLines
        outcome.output.append((lang == .zh ? "报告：" : "Report: ") + html)
        outcome.summary = summary
        loaded.settle(c.inputs, &outcome)
        if loaded.failed { outcome.exitCode = 1 }
    }

    // MARK: export

    /// `qindex export`: the canonical records as Parquet partitioned by year
    /// (and province), _rejects.csv and _export.json beside them (a leading
    /// underscore: Spark and Hive skip such files when they read the folder). A run that
    /// loaded nothing writes nothing and fails.
    public static func export(_ c: InputConfiguration, out: String, byProvince: Bool, tool: String, itemClasses: ItemClasses = .bundled,
                              mode: ExportMode = .new) -> RunOutcome {
        var outcome = RunOutcome()
        let lang = c.language
        var noDatabase = c
        noDatabase.database = nil
        do {
            // A folder that holds an export: refused, replaced or added to (ExportFolder).
            let folder = try ExportFolder.inspect(out: out, mode: mode, lang: lang)
            if mode == .append {
                func unique(_ paths: [String]) -> [String] {
                    var seen = Set<String>()
                    return paths.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
                }
                noDatabase.files = unique(folder.earlierSampling + c.files)
                noDatabase.inspections = unique(folder.earlierInspections + c.inspections)
            }
            let l = try load(noDatabase, createDatabase: false)
            if mode == .append { try folder.checkUnchanged(l.load.files + l.companions.inspections.files, lang: lang) }
            l.load.snapshotWrite?.wait()
            outcome.errors += l.warnings(lang) + ReportWriter.failureLines(l.load.accounting, lang: lang) + l.rejectLines(c)
            outcome.files = l.load.files
            guard l.load.table.count > 0 else {
                let sampling = l.load.files.filter { $0.kind == "sampling" }.total
                outcome.errors.append(IngestMessages.nothingLoaded(rowsRead: sampling.rowsRead, rejected: sampling.rejected)(lang))
                outcome.exitCode = 1
                return outcome
            }
            var options = AnalysisOptions()
            options.itemClasses = itemClasses
            if mode != .new { try folder.clearEarlier() }
            let parts = try CanonicalExport.write(l.load.table, to: out, byProvince: byProvince, tool: tool,
                                                  name: CanonicalExport.partName(l.load.files), options: options)
            // The same counts from qindex's own kernel, for `report --from-counts` and to check an engine's against.
            var cube = CountCube.count(l.load.table, filters: l.companions.batchFilters, options: options)
            var accounting = l.load.accounting
            accounting.findings = dataFindings(l.load)
            outcome.errors += accounting.findings.map { $0.text(lang) }
            // Inspection records given (`--inspections`): exported and counted too, their files in the accounting.
            let inspections = l.companions.inspections
            var inspectionParts: [(path: String, rows: Int)] = []
            if !inspections.files.isEmpty {
                inspectionParts = try CanonicalExport.writeInspections(inspections.records, regions: l.load.table.regions, to: out,
                                                              name: CanonicalExport.partName(inspections.files), tool: tool)
                cube.inspections = l.companions.inspectionCounts(regions: l.load.table.regions)
                // The register, when given, is their licensed population: exported beside them for the SQL.
                if !l.companions.register.files.isEmpty {
                    inspectionParts.append(try CanonicalExport.writeRegister(l.companions.register.records, regions: l.load.table.regions, to: out,
                                                                             name: CanonicalExport.partName(l.companions.register.files), tool: tool))
                }
                accounting.files += inspections.files + l.companions.register.files
                accounting.rejects += inspections.rejects + l.companions.register.rejects
            }
            try CountTablesCSV.write(cube, accounting: accounting, to: (out as NSString).appendingPathComponent("_counts"))
            try Data(ReportTables.rejects(l.load.rejects, lang: lang).csvBytes()).write(to: URL(fileURLWithPath: (out as NSString).appendingPathComponent("_rejects.csv")))
            let summary = ExportSummary(tool: tool, rows: l.load.table.count, files: l.load.files.map { RunSummary.File($0, lang: lang) },
                                        parts: parts.map { ExportSummary.Part(path: $0.path, rows: $0.rows) },
                                        inspectionFiles: inspections.files.map { RunSummary.File($0, lang: lang) },
                                        inspectionParts: inspectionParts.map { ExportSummary.Part(path: $0.path, rows: $0.rows) })
            try Data(summary.json().utf8).write(to: URL(fileURLWithPath: (out as NSString).appendingPathComponent("_export.json")))
            outcome.output.append(ReportWriter.summaryOfLoad(l.load.accounting, lang: lang))
            outcome.output.append(IngestMessages.exported(rows: summary.rows, parts: parts.count, folder: out)(lang))
            outcome.exportSummary = summary
            l.settle(c, &outcome)
            if l.failed { outcome.exitCode = 1 }
        } catch let stop as Stop {
            outcome.errors.append(stop.message)
            outcome.exitCode = 1
        } catch {
            outcome.errors.append(OutputFolderError.from(error, path: out).message(lang))
            outcome.exitCode = 1
        }
        return outcome
    }

    // MARK: sql

    /// `qindex sql`: the count SQL for `engine`, with the filtered sets the
    /// plan's targets and the index's indicators need (a malformed plan or
    /// framework stops here, with its line and key).
    public static func countSQL(parquet: String, out: String, engine: CountSQL.Engine, plan: String?, index: String?, countInspections: Bool = false,
                                register: Bool = false, regions: RegionTable, language: Language) throws -> String {
        // Every other character is quoted for the engine; these a glob would read as a pattern.
        for (option, path) in [("--parquet", parquet), ("--out", out)] {
            let bad = CountSQL.unsafePathCharacters(path)
            if !bad.isEmpty { throw Stop(message: IngestMessages.sqlUnsafePath(option: option, path: path, characters: bad.map { Escaped.text(String($0)) })(language)) }
        }
        let companions: CompanionInputs
        do {
            companions = try CompanionInputs.load(inspections: [], statistics: [], plan: plan, regions: regions, encoding: nil, index: index)
        } catch let e as IngestError {
            throw Stop(message: e.message(language))
        }
        return CountSQL.script(parquet: parquet, out: out, engine: engine, filters: companions.batchFilters,
                               inspections: countInspections ? companions.inspectionFilters : nil, register: countInspections && register)
    }

    // MARK: targets and index

    /// `qindex targets`: the plan's rows, as `report` writes them in targets.csv.
    public static func targets(_ c: InputConfiguration) -> (rows: [TargetRow], outcome: RunOutcome) {
        let (rows, outcome) = terminal(c) { l in
            let regions = scoped(l.load.table)
            return l.companions.targets(counts: .forTargets(l.load.table, queries: l.companions.queries),
                                        inspections: l.companions.inspectionCounts(regions: regions), regions: regions)
        }
        return (rows ?? [], outcome)
    }

    /// `qindex index`: the composite index, as `report` writes it in index_scores.csv.
    public static func index(_ c: InputConfiguration) -> (result: IndexResult?, outcome: RunOutcome) {
        let (result, outcome) = terminal(c) { l in
            let regions = scoped(l.load.table)
            return l.companions.index(counts: .forTargets(l.load.table, queries: l.companions.queries),
                                      inspections: l.companions.inspectionCounts(regions: regions), regions: regions)
        }
        return (result ?? nil, outcome)
    }

    /// The table's regions with the all-records aggregate named for what the
    /// records cover (``DataScope``), as `report` names it.
    static func scoped(_ t: SamplingTable) -> RegionTable {
        var regions = t.regions
        var provinces = Set<String>()
        for r in Set(t.region) { if let p = regions.ancestor(of: r, at: .province) { provinces.insert(regions[p].code) } }
        regions.nameScope(provinceCodes: provinces)
        return regions
    }

    /// A terminal command: the same load as `report` (the database read,
    /// never created), then `compute`; files that could not be read are
    /// named on standard error and make the exit status 1.
    private static func terminal<T>(_ c: InputConfiguration, _ compute: (Loaded) -> T) -> (T?, RunOutcome) {
        var outcome = RunOutcome()
        do {
            let l = try load(c, createDatabase: false)
            l.load.snapshotWrite?.wait()
            outcome.errors += l.warnings(c.language) + failures(l, c.language) + l.rejectLines(c)
            outcome.files = l.load.files
            l.settle(c, &outcome)
            if l.failed { outcome.exitCode = 1 }
            return (compute(l), outcome)
        } catch {
            outcome.errors.append((error as? Stop)?.message ?? "\(error)")
            outcome.exitCode = 1
            return (nil, outcome)
        }
    }
}

extension Runner {
    /// `qindex mapping`: the draft mapping of the files, on standard output or in `out`.
    public static func mappingDraft(files: [String], encoding: TextEncoding?, out: String?, regions: RegionTable = .bundled, language: Language) -> RunOutcome {
        var outcome = RunOutcome()
        do {
            let draft = try MappingDraft.draft(paths: files, encoding: encoding, regions: regions)
            let text = draft.yaml(language)
            if let out {
                try text.write(toFile: out, atomically: true, encoding: .utf8)
                outcome.output.append(IngestMessages.mappingDrafted(out, todo: draft.todoCount)(language))
            } else {
                outcome.output.append(String(text.dropLast()))
            }
        } catch let e as IngestError {
            outcome.errors.append(e.message(language))
            outcome.exitCode = 1
        } catch {
            outcome.errors.append("\(error)")
            outcome.exitCode = 1
        }
        return outcome
    }
}

extension Runner {
    /// What a load found about the data as a whole: product codes carrying
    /// several names, and headers that name a column twice.
    static func dataFindings(_ load: SamplingIngestResult) -> [DataFinding] {
        var out = load.table.productCodeNames.map { DataFinding(kind: "product_code_names", IngestMessages.productCodeNames($0)) }
        for f in load.files {
            out += f.duplicateColumns.map { DataFinding(kind: "duplicate_column", IngestMessages.duplicateColumn(f.path, $0)) }
        }
        return out
    }
}
