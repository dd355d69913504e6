import Foundation
import QualityData
import QualityIndicators
import QualityRuntime

/// Writes one run's folder (outputs.md "One run, one folder").
public enum ReportWriter {
    /// What every run writes, whatever the formats.
    static let alwaysWritten = ["rejects.csv", "run.json"]

    /// Every name qindex writes at the top of a run folder, in any format:
    /// what a new run replaces. Anything else in `--out` is kept (``StagedRunFolder``).
    public static let ownedNames = Set(alwaysWritten + OutputFormat.allCases.flatMap(\.names))

    /// All tables of a run, in a fixed order.
    public static func tables(_ a: Analysis, _ load: InputAccounting, lang: Language) -> [ReportTable] {
        tableBuilders(a, load, lang: lang).map { $0() }
    }

    /// One builder per table, in the fixed order; independent, so they can run in parallel.
    static func tableBuilders(_ analysis: Analysis, _ load: InputAccounting, lang: Language) -> [@Sendable () -> ReportTable] {
        let a = analysis.rates, f = analysis.findings
        var builders: [@Sendable () -> ReportTable] = [{ ReportTables.byYear(a) }, { ReportTables.byRegion(a) }, { ReportTables.byRegionLevel(a) }]
        // Every other breakdown in its declared order; the testing agencies' with their re-tests.
        let retests = analysis.grouped.first { $0.indicator.table == Retests.indicator.table }
        for d in Dimension.breakdowns where d != .region && d != .regionLevel {
            builders.append { d == .agency ? ReportTables.withRetests(ReportTables.byDimension(a, d), retests) : ReportTables.byDimension(a, d) }
        }
        builders += [{ ReportTables.enterpriseSummary(a) }, { ReportTables.repeatFailures(f) },
                     { ReportTables.followUp(f, interval: analysis.options.interval) }, { ReportTables.failedItems(f) }]
        for g in analysis.grouped { builders.append { ReportTables.grouped(g, interval: analysis.options.interval) } }
        builders += [{ ReportTables.controlChart(f) }, { ReportTables.dataQuality(load.files, findings: load.findings, lang: lang) },
                     { ReportTables.rejects(load.rejects, lang: lang) }]
        if analysis.planTitle != nil { builders.append { ReportTables.targets(analysis.targets) } }
        if let x = analysis.index { builders += [{ ReportTables.indexScores(x) }, { ReportTables.indexAudit(x) }] }
        if let i = analysis.inspections {
            for k in 0..<3 { builders.append { ReportTables.inspections(i)[k] } }
        }
        return builders
    }

    /// Writes the run folder under `dir` in the chosen formats (default:
    /// ``OutputFormat/defaults``, every format but parquet) — tables/*.csv, tables.xlsx, report.md, index.html with the
    /// region pages — and always rejects.csv and run.json. Each format is
    /// one writer (``OutputFormat``). Returns the path to show the user:
    /// index.html, else report.md, else the folder. `log` receives each
    /// part's own time (`write tables`, `write xlsx`, …; the formats run side by side).
    @discardableResult
    public static func write(_ a: Analysis, _ load: InputAccounting, to dir: String, lang: Language,
                             runInfo: [String: String], summary: RunSummary? = nil, header: PageHeader = PageHeader(), map: RegionMap? = nil,
                             formats: Set<OutputFormat> = OutputFormat.defaults, log: StageLog = StageLog()) throws -> String {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // Tables are built and formatted in parallel; rejects.csv goes beside tables/ whatever the formats.
        let builders = tableBuilders(a, load, lang: lang)
        let built = IndexedResults<ReportTable>()
        log.measure("write tables") {
            DispatchQueue.concurrentPerform(iterations: builders.count) { i in built.set(i, builders[i]()) }
        }
        let tables = built.ordered
        if let rejects = tables.first(where: { $0.name == "rejects" }) {
            try Data(rejects.csvBytes()).write(to: URL(fileURLWithPath: (dir as NSString).appendingPathComponent("rejects.csv")), options: .atomic)
        }
        // Region profile pages, linked from index.html (and report.md) when the pages are written.
        let pages = log.measure("write documents") { formats.contains(.html) ? RegionPages.documents(a, lang: lang) : [] }
        var doc = log.measure("write documents") { ReportDocument(analysis: a, load: load, lang: lang, map: map) }
        doc.links = pages.map { (title: $0.doc.title, href: "regions/\($0.code).html") }
        let bulletin = formats.contains(.html) ? Bulletin.document(a, load: load, lang: lang, tool: runInfo["tool"] ?? "qindex") : nil
        if bulletin != nil { doc.links.insert((title: ReportStrings.bulletinLink(lang), href: "bulletin.html"), at: 0) }
        // The other files of the run, where this run writes them.
        var files: [(title: String, href: String)] = []
        if formats.contains(.xlsx) { files.append((ReportStrings.workbookLink(lang), "tables.xlsx")) }
        if formats.contains(.md) { files.append((ReportStrings.markdownLink(lang), "report.md")) }
        if formats.contains(.csv) { files.append((ReportStrings.csvLink(lang), "tables/")) }
        if formats.contains(.html) { doc.links.insert(contentsOf: files, at: bulletin == nil ? 0 : 1) }
        let folder = RunFolder(dir: dir, tables: tables, document: doc, pages: pages, lang: lang, header: header, bulletin: bulletin)
        // The formats are written side by side (the workbook and the pages take longest).
        let chosen = OutputFormat.allCases.filter(formats.contains)
        let errors = IndexedResults<Error>()
        DispatchQueue.concurrentPerform(iterations: chosen.count) { i in
            do { try log.measure("write \(chosen[i].rawValue)") { try chosen[i].write(folder) } } catch { errors.set(i, error) }
        }
        if let e = errors.ordered.first { throw e }
        // Run facts that change between runs stay out of the tables.
        try (summary ?? RunSummary(tool: runInfo["tool"] ?? "qindex", started: runInfo["started"] ?? "", seconds: Double(runInfo["seconds"] ?? "") ?? 0,
                                   snapshot: runInfo["snapshot"] ?? "off", options: runInfo.mapValues { .text($0) },
                                   files: load.files.map { RunSummary.File($0, lang: lang) }, headline: RunSummary.headline(a, lang: lang),
                                   folder: dir, outputs: outputs(formats))).write(to: dir)
        if formats.contains(.html) { return (dir as NSString).appendingPathComponent("index.html") }
        if formats.contains(.md) { return (dir as NSString).appendingPathComponent("report.md") }
        return dir
    }

    /// The names a run with `formats` writes at the top of its folder.
    public static func outputs(_ formats: Set<OutputFormat>) -> [String] {
        (alwaysWritten + OutputFormat.allCases.filter(formats.contains).flatMap(\.names)).sorted()
    }

    /// Every row read accounted for, per kind of input: the first lines of a summary.
    public static func summaryOfLoad(_ load: InputAccounting, lang: Language) -> String {
        let sampling = load.files.filter { $0.kind == "sampling" }
        var lines = [ReportStrings.accountingSummary(files: sampling.count, sampling.total)(lang)]
        for kind in ["inspections", "regional_statistics", "register"] {
            let files = load.files.filter { $0.kind == kind }
            if !files.isEmpty {
                lines.append(ReportStrings.kindName(kind)(lang) + (lang == .zh ? "：" : ": ") + ReportStrings.accountingSummary(files: files.count, files.total, records: true)(lang))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The files that could not be read, one line each: standard error's, never the summary's.
    public static func failureLines(_ load: InputAccounting, lang: Language) -> [String] {
        load.failures.map { (lang == .zh ? "错误：" : "error: ") + $0.message(lang) }
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// "广西壮族自治区 2020 年批次合格率 91.91%（95% CI …），检验 1211 批；较上年 …".
    static func rateLine(_ r: PassRateRow, scope: String?, lang: Language) -> String {
        let ci = r.interval.map { "\(NumberText.percent($0.low))–\(NumberText.percent($0.high))" } ?? ""
        let prefix = scope.map { lang == .zh ? "\($0) " : "\($0): " } ?? ""
        var s = lang == .zh
            ? "\(prefix)\(r.year) 年批次合格率 \(NumberText.percent(r.rate))（95% CI \(ci)），检验 \(r.counts.tested) 批"
            : "\(prefix)\(r.year) batch pass rate \(NumberText.percent(r.rate)) (95% CI \(ci)), \(r.counts.tested) batches tested"
        if let pp = r.changePP {
            s += lang == .zh ? "；较上年 \(NumberText.signedPoints(pp)) 个百分点（\(ReportStrings.significance(r.changeP)(lang))）"
                : "; \(NumberText.signedPoints(pp)) pp on the previous year (\(ReportStrings.significance(r.changeP)(lang)))"
        }
        return s
    }

    /// The short terminal summary: accounting, headline rate and change (the focus region's first).
    public static func summary(_ analysis: Analysis, _ load: InputAccounting, lang: Language) -> String {
        let a = analysis.rates
        var lines = [summaryOfLoad(load, lang: lang)]
        if let planLine = ReportStrings.targetSummary(analysis.targetsAsOfReportYear)?(lang) { lines.append(planLine) }
        if let latest = analysis.headline {
            // The focus region's line first (as on the page), then all the data, each saying which it is
            // — once, where the focus region is all the data (one province's export).
            let focus = FocusSummary.region(analysis).flatMap { code in
                a.byDimension[.region]?.first { $0.year == latest.year && $0.key == code && $0.counts.tested > 0 }
            }
            if let f = focus { lines.append(rateLine(f, scope: RegionText.name(f.key, f.label, lang), lang: lang)) }
            if focus?.counts != latest.counts {
                // Named when there is a focus line above it, or when the data are not national (one province's, several).
                let named = focus != nil || analysis.scopeName.zh != "全国"
                lines.append(rateLine(latest, scope: named ? analysis.scopeName(lang) : nil, lang: lang))
            }
        }
        return lines.joined(separator: "\n")
    }
}
