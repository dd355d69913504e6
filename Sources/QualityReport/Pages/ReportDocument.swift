import QualityData
import QualityIndicators

/// The findings of a run as a sequence of sections, rendered both to
/// Markdown (report.md) and HTML (index.html) so the two never disagree.
public struct ReportDocument: Sendable {
    public struct KPI: Sendable {
        public let label: String
        public let value: String
        public let note: String
        /// An inline SVG sparkline (HTML only).
        public var spark = ""
        public init(label: String, value: String, note: String, spark: String = "") {
            self.label = label; self.value = value; self.note = note; self.spark = spark
        }
    }
    /// A chart with its caption and its data one click away.
    public struct Figure: Sendable {
        public let svg: String
        public let caption: String
        public let table: DisplayTable
    }
    public struct DisplayTable: Sendable {
        public let headers: [String]
        /// Columns holding numbers (right-aligned, tabular figures).
        public let numeric: Set<Int>
        public let rows: [[String]]
        /// Column 0 holds region codes and column 1 their names: the page
        /// links a name to the region's page where one is written.
        public var regionColumns = false
        /// Rows printed on paper however long the table (the focus region's).
        public var keep: Set<Int> = []

        /// The same table with only the columns `kept` (indices, in order).
        func keeping(_ kept: [Int]) -> DisplayTable {
            var t = DisplayTable(headers: kept.map { headers[$0] }, numeric: Set(kept.indices.filter { numeric.contains(kept[$0]) }),
                                 rows: rows.map { r in kept.map { r[$0] } })
            t.regionColumns = regionColumns
            t.keep = keep
            return t
        }
    }
    /// A region's card for the city picker (`.picker`): the card, and the code it is chosen by.
    public struct PickCard: Sendable {
        public let code: String
        public let card: KPI
    }
    public enum Block: Sendable {
        case paragraph(String)
        case bullets([String])
        case kpis([KPI])
        case table(DisplayTable)
        case figure(Figure)
        /// A list was cut: how many rows are not shown, and the table
        /// (tables/<file>) that has them all. No list is cut silently.
        case more(count: Int, file: String)
        /// A picker (a select box) showing one card at a time: on the page only
        /// (its cards' numbers are in the section's table).
        case picker(label: String, cards: [PickCard])
        /// Terms and their definitions, each with an id the table headers link to.
        case glossary([(id: String, term: String, definition: String)])
    }

    /// The first `limit` of `rows` as a table, and when there are more, a
    /// line saying how many and where the full list is.
    static func listed<T>(_ rows: [T], limit: Int, file: String, _ table: ([T]) -> DisplayTable) -> [Block] {
        rows.count > limit ? [.table(table(Array(rows.prefix(limit)))), .more(count: rows.count - limit, file: file)] : [.table(table(rows))]
    }
    public struct Section: Sendable {
        public let title: String
        public let blocks: [Block]
    }

    public let lang: Language
    public let title: String
    public let subtitle: String
    public let sections: [Section]
    /// Pages linked at the end (relative paths only; HTML only).
    public var links: [(title: String, href: String)] = []
    /// Pages linked at the top beside the way home: breadcrumbs, previous and next (HTML only).
    public var navigation: [(title: String, href: String)] = []

    /// A document assembled elsewhere (a region's profile page).
    public init(lang: Language, title: String, subtitle: String, sections: [Section]) {
        self.lang = lang; self.title = title; self.subtitle = subtitle; self.sections = sections
    }

    /// `map`: the user's boundary map (`--map`), drawn for the cities in place of the tile grid.
    public init(analysis: Analysis, load: InputAccounting, lang: Language, map: RegionMap? = nil) {
        let a = analysis.rates
        self.lang = lang
        let S = ReportStrings.self
        title = S.title(lang)
        let years = a.byYear.map(\.year)
        subtitle = years.isEmpty ? "" : "\(S.period(lang))\(lang == .zh ? "：" : ": ")\(years.first!)–\(years.last!)"
        var sections: [Section] = []
        guard let latest = analysis.headline else {
            sections.append(Section(title: S.headline(lang), blocks: [.paragraph(S.noData(lang))]))
            sections.append(ReportDocument.dataQualitySection(load, lang))
            self.sections = sections
            return
        }
        let y = latest.year
        // Headline.
        var changeNote = ""
        if let pp = latest.changePP {
            changeNote = S.changeInWords(pp, p: latest.changeP)(lang)
        }
        let ci = latest.interval.map { "\(S.ci95(lang)) \(NumberText.percent($0.low))–\(NumberText.percent($0.high))" } ?? ""
        // A focus region (`--focus`, or the plan's region) comes first; the
        // overall cards then say that they are about all the data.
        let focusCode = FocusSummary.region(analysis)
        let focus = focusCode.map { FocusSummary.sections(analysis, code: $0, year: y, lang: lang) } ?? []
        sections += focus
        let kpis = [
            KPI(label: (focus.isEmpty ? "" : "\(analysis.scopeName(lang)) · ") + "\(y) \(S.passRate(lang))", value: NumberText.percent(latest.rate) + S.changeArrow(latest.changePP, p: latest.changeP),
                note: [ci, changeNote].filter { !$0.isEmpty }.joined(separator: lang == .zh ? "；" : "; "), spark: ReportFigures.sparkline(a, lang: lang)),
            KPI(label: S.batchesTested(lang), value: NumberText.count(latest.counts.tested),
                note: "\(S.batchesSampled(lang)) \(NumberText.count(latest.counts.sampled)); \(S.excluded(lang)) \(NumberText.count(latest.counts.excluded))"),
            KPI(label: S.failed(lang), value: NumberText.count(latest.counts.failed), note: ""),
            KPI(label: S.enterprisePassRate(lang), value: NumberText.percent(latest.enterpriseRate),
                note: "\(S.enterprisesTested(lang)) \(NumberText.count(latest.counts.enterprisesTested))"),
        ]
        var cards = kpis
        if !analysis.targets.isEmpty {
            let latest = TargetProgress.latest(analysis.targetsAsOfReportYear)
            let good = latest.filter { $0.onTrack == true }.count, bad = latest.filter { $0.onTrack == false }.count
            let none = latest.count - good - bad
            cards.append(KPI(label: S.targetsOnTrack(lang), value: "\(good) ✓ / \(bad) ✗" + (none > 0 ? " / \(none) ?" : ""),
                             note: S.targetsCard(good: good, bad: bad, noData: none)(lang)))
        }
        sections.append(Section(title: focus.isEmpty ? S.headline(lang) : S.headlineAll(analysis.scopeName)(lang), blocks: [.kpis(cards)]))
        sections.append(Section(title: S.findings(lang) + ReportDocument.inParens(nil, analysis, lang), blocks: [.bullets(ReportFindings.sentences(analysis, year: y, lang: lang))]))
        sections += ReportPlanSections.targets(analysis, lang: lang)
        sections += ReportPlanSections.index(analysis, lang: lang)
        // By year.
        sections.append(Section(title: S.byYear(lang) + ReportDocument.inParens(nil, analysis, lang), blocks: [ReportFigures.trend(analysis, lang: lang)].compactMap { $0 }
            + [.table(ReportDocument.rateTable(a.byYear, lang, first: S.year(lang)) { [String($0.year)] })]))
        // Level, channel, size in the latest year.
        for d in [Dimension.level, .channel, .enterpriseSize] {
            let rows = (a.byDimension[d] ?? []).filter { $0.year == y }
            if rows.count <= 1 && rows.first?.key == "" { continue }
            sections.append(Section(title: "\(ReportStrings.dimension(d.rawValue)(lang))\(ReportDocument.inParens(y, analysis, lang))",
                                    blocks: [.table(ReportDocument.rateTable(rows, lang, first: d.name(lang)) { [ReportStrings.value($0.key)(lang)] })]))
        }
        // Regions: provinces, then the cities of the province with most batches.
        let regionRows = (a.byDimension[.region] ?? []).filter { $0.year == y }
        let provinces = regionRows.filter { $0.regionLevel == "province" || $0.regionLevel == "other" }
            .sorted { ($0.rate ?? -1, $1.key) > ($1.rate ?? -1, $0.key) }
        if !provinces.isEmpty {
            let title = provinces.first!.regionLevel == "other" ? S.region(lang) : S.byProvince(lang)
            sections.append(Section(title: "\(title)\(ReportDocument.inParens(y, lang))",
                                    blocks: Self.listed(provinces, limit: 40, file: "pass_rate_by_region.csv") { rows in
                                        var t = ReportDocument.regionTable(rows, lang)
                                        t.keep = Set(rows.indices.filter { rows[$0].key == focusCode })  // the focus region prints wherever it ranks
                                        return t
                                    }
                                        + (provinces.contains { $0.noDetectableDifferences } ? [.paragraph(S.noDetectableDifferences(lang))] : [])))
        }
        if let big = provinces.filter({ $0.regionLevel == "province" }).max(by: { ($0.counts.tested, $1.key) < ($1.counts.tested, $0.key) }) {
            let cities = regionRows.filter { $0.regionLevel == "city" && $0.parentKey == big.key }
                .sorted { ($0.rate ?? -1, $1.key) > ($1.rate ?? -1, $0.key) }
            if cities.count > 1 {
                sections.append(Section(title: "\(RegionText.name(big.key, big.label, lang)) · \(S.byCity(lang))\(ReportDocument.inParens(y, lang))",
                                        // The ranked bars are on the first screen when this is the focus region.
                                        blocks: ReportFigures.cities(cities, parent: big, lang: lang, map: map).dropFirst(focus.count > 1 && focusCode == big.key ? 1 : 0)
                                            + ReportFigures.cityTrends(cities, parent: big, history: a.byDimension[.region] ?? [], lang: lang)
                                            + [.table(ReportDocument.regionTable(cities, lang))]
                                            + (cities.contains { $0.noDetectableDifferences } ? [.paragraph(S.noDetectableDifferences(lang))] : [])))
            }
        }
        // Below the parent beyond chance, at the focus region's level (its peers
        // and its own cities; provinces without a focus), strongest evidence
        // first; the rest are counted and left to the full table.
        let below = regionRows.filter { ($0.parentQ ?? 1) < 0.05 && ($0.diffPPvsParent ?? 0) < 0 }
        let belowListed = Self.belowParentListed(below, focus: regionRows.first { $0.key == focusCode })
        let shownBelow = Array(belowListed.prefix(20))
        var belowBlocks: [Block] = shownBelow.isEmpty ? [.paragraph(S.none(lang))]
            : [.table(ReportDocument.regionTable(shownBelow, lang)), .paragraph(S.belowParentNote(lang))]
        if below.count > shownBelow.count { belowBlocks.append(.more(count: below.count - shownBelow.count, file: "pass_rate_by_region.csv")) }
        sections.append(Section(title: "\(S.belowParent(lang))\(ReportDocument.inParens(y, lang))", blocks: belowBlocks))
        // Products.
        let products = (a.byDimension[.product] ?? []).filter { $0.year == y && $0.counts.tested >= 30 }
            .sorted { ($0.rate!, $0.key) < ($1.rate!, $1.key) }
        if !products.isEmpty {
            sections.append(Section(title: "\(S.lowestProducts(lang))\(ReportDocument.inParens(y, analysis, lang))",
                                    blocks: Self.listed(products, limit: 10, file: "pass_rate_by_product.csv") {
                                        ReportDocument.rateTable($0, lang, first: S.product(lang)) { [$0.label] }
                                    }))
        }
        sections += ReportFindings.sections(analysis, year: y, lang: lang)
        sections += GroupedSections.sections(analysis, year: y, focus: focusCode, lang: lang)
        sections += ReportPlanSections.inspections(analysis, lang: lang)
        sections.append(ReportDocument.dataQualitySection(load, lang))
        sections.append(Section(title: S.methods(lang), blocks: [.paragraph(S.methodsText(analysis.options)(lang))]))
        sections.append(Section(title: S.glossaryTitle(lang), blocks: [.glossary(S.glossary.map { ($0.id, $0.term(lang), $0.definition(lang)) })]))
        self.sections = sections
    }

    /// The regions below their parent listed in the report: with a focus
    /// region, its peers (same level, same parent) and its own children;
    /// without one, the provinces (and regions outside GB/T 2260). Smallest p
    /// first, then the larger gap, then the code.
    static func belowParentListed(_ below: [PassRateRow], focus: PassRateRow?) -> [PassRateRow] {
        below.filter { r in
            if let f = focus { return (r.regionLevel == f.regionLevel && r.parentKey == f.parentKey) || r.parentKey == f.key }
            return r.regionLevel == "province" || r.regionLevel == "other"
        }
        .sorted { ($0.parentQ ?? 1, $0.parentP ?? 1, $0.diffPPvsParent ?? 0, $0.key) < ($1.parentQ ?? 1, $1.parentP ?? 1, $1.diffPPvsParent ?? 0, $1.key) }
    }

    /// "（2020）" in Chinese, " (2020)" in English.
    static func inParens(_ y: Int, _ lang: Language) -> String { lang == .zh ? "（\(y)）" : " (\(y))" }
    /// "（2020）", or, where a focus region leads the page, "（2020，全国）": a
    /// section over all the data says so (issue 33). `year` nil: the scope alone.
    static func inParens(_ y: Int?, _ analysis: Analysis, _ lang: Language) -> String {
        guard FocusSummary.region(analysis) != nil else { return y.map { inParens($0, lang) } ?? "" }
        let scope = analysis.scopeName(lang)
        let inside = y.map { lang == .zh ? "\($0)，\(scope)" : "\($0), \(scope)" } ?? scope
        return lang == .zh ? "（\(inside)）" : " (\(inside))"
    }

    static func rateTable(_ rows: [PassRateRow], _ lang: Language, first: String, key: (PassRateRow) -> [String]) -> DisplayTable {
        let S = ReportStrings.self
        return DisplayTable(
            headers: [first, S.batchesSampled(lang), S.batchesTested(lang), S.failed(lang), S.passRate(lang), S.ci95(lang),
                      S.changeHeader(lang), S.enterprisePassRate(lang)],
            numeric: [1, 2, 3, 4, 5, 6, 7],
            rows: rows.map { r in
                key(r) + [NumberText.count(r.counts.sampled), NumberText.count(r.counts.tested), NumberText.count(r.counts.failed),
                          NumberText.percent(r.rate),
                          r.interval.map { "\(NumberText.percent($0.low))–\(NumberText.percent($0.high))" } ?? "—",
                          r.changePP.map { NumberText.signedPoints($0) + ((r.changeP ?? 1) < 0.05 ? " *" : "") } ?? "—",
                          NumberText.percent(r.enterpriseRate)]
            })
    }

    /// The regions' table; `plain`: without the test and shrinkage columns
    /// (p, q, empirical Bayes) — the bulletin's, for readers of a one-page
    /// statement; the full table is in the report and tables/.
    /// A p- or q-value in a page's table: 3 decimals, "<0.001" below, "—" where there is none.
    static func probability(_ p: Double?) -> String { p.map { $0 < 0.001 ? "<0.001" : String(format: "%.3f", $0) } ?? "—" }

    static func regionTable(_ rows: [PassRateRow], _ lang: Language, plain: Bool = false) -> DisplayTable {
        let S = ReportStrings.self
        var t = DisplayTable(
            headers: [S.code(lang), S.region(lang), S.batchesTested(lang), S.passRate(lang), S.ci95(lang), S.diffParent(lang), S.pValue(lang),
                      S.qValue(lang), S.funnel(lang), S.shrunkRate(lang)],
            numeric: [2, 3, 4, 5, 6, 7, 9],
            rows: rows.map { r in
                [r.key, RegionText.full(r.key, r.label, lang), NumberText.count(r.counts.tested), NumberText.percent(r.rate),
                 r.interval.map { "\(NumberText.percent($0.low))–\(NumberText.percent($0.high))" } ?? "—",
                 r.diffPPvsParent.map(NumberText.signedPoints) ?? "—",
                 probability(r.parentP), probability(r.parentQ),
                 r.funnelFlag.map { S.funnelFlag($0)(lang) } ?? "—", NumberText.percent(r.shrunk?.rate)]
            })
        t.regionColumns = true
        return plain ? t.keeping([0, 1, 2, 3, 4, 5, 8]) : t  // code … difference from the parent, funnel
    }

    static func dataQualitySection(_ load: InputAccounting, _ lang: Language) -> Section {
        let S = ReportStrings.self
        let files = load.files
        let t = DisplayTable(
            headers: [S.file(lang), S.rowsRead(lang), S.loaded(lang), S.merged(lang), S.rejected(lang), S.emptyLines(lang), S.status(lang)],
            numeric: [1, 2, 3, 4, 5],
            rows: files.map { f in
                [f.path, NumberText.count(f.rowsRead), NumberText.count(f.loaded), NumberText.count(f.merged), NumberText.count(f.rejected),
                 NumberText.count(f.emptyLines), f.error.map { $0.message(lang) } ?? S.ok(lang)]
            })
        // One accounting sentence per kind of file (sampling results first).
        var kinds: [String] = []
        for f in files where !kinds.contains(f.kind) { kinds.append(f.kind) }
        let sentences = kinds.map { k in
            (k == "sampling" ? "" : S.kindName(k)(lang) + (lang == .zh ? "：" : ": ")) + S.accountingSentence(files.filter { $0.kind == k }.total)(lang)
        }
        let findings = load.findings.map { $0.text(lang) }
        return Section(title: S.dataQuality(lang), blocks: sentences.map { .paragraph($0) } + (findings.isEmpty ? [] : [.bullets(findings)]) + [.table(t)])
    }

    // MARK: rendering

    /// The document as Markdown. Every text is the report's plain text
    /// (names from the data included), so each is escaped (``MarkdownText``):
    /// a name can never become a heading, a link, emphasis or raw HTML.
    public func markdown() -> String {
        let m = MarkdownText.escape
        var out = "# \(m(title))\n\n"
        if !subtitle.isEmpty { out += "\(m(subtitle))\n\n" }
        // Every table once: a chart's data already printed (or printed as its
        // section's table) is referred to, not repeated.
        var printed: [String: String] = [:]  // table text → the section it is in
        func once(_ text: String, in title: String) -> String {
            if let first = printed[text] { return m(ReportStrings.sameTableAs(first)(lang)) + "\n\n" }
            printed[text] = title
            return text
        }
        for s in sections {
            out += "## \(m(s.title))\n\n"
            // Each table's Markdown made once: the section's own tables, and the figures' data.
            let texts: [String?] = s.blocks.map { b in
                switch b {
                case .table(let t): return Self.markdownTable(t)
                case .figure(let fig): return Self.markdownTable(fig.table)
                default: return nil
                }
            }
            let sectionTables = Set(zip(s.blocks, texts).compactMap { b, text in if case .table = b { return text } else { return nil } })
            for (b, text) in zip(s.blocks, texts) {
                switch b {
                case .paragraph(let p):
                    // A paragraph of "- " lines is a list, as on the page.
                    if p.hasPrefix("- ") {
                        out += p.split(separator: "\n").map { "- " + m(String($0.dropFirst(2))) }.joined(separator: "\n") + "\n\n"
                    } else {
                        out += m(p) + "\n\n"
                    }
                case .bullets(let items): out += items.map { "- " + m($0) }.joined(separator: "\n") + "\n\n"
                case .kpis(let k): out += k.map { "- **\(m($0.label))**: \(m($0.value))" + ($0.note.isEmpty ? "" : " — \(m($0.note))") }.joined(separator: "\n") + "\n\n"
                case .figure(let fig):
                    // The chart's data, under its caption, unless the section prints it as its table.
                    out += "*\(m(fig.caption))*\n\n"
                    if sectionTables.contains(text!) {
                        out += m(ReportStrings.dataInTableBelow(lang)) + "\n\n"
                    } else {
                        out += once(text!, in: s.title)
                    }
                case .table:
                    out += once(text!, in: s.title)
                case .more(let n, let file):
                    out += m(ReportStrings.moreRows(n)(lang)) + " [tables/\(file)](tables/\(file))\n\n"
                case .picker:
                    break
                case .glossary(let entries):
                    out += entries.map { "- **\(m($0.term))**\(lang == .zh ? "：" : ": ")\(m($0.definition))" }.joined(separator: "\n") + "\n\n"
                }
            }
        }
        out += "---\n\n\(m(ReportStrings.generatedBy(lang)))\n"
        return out
    }

    static func markdownTable(_ t: DisplayTable) -> String {
        func cell(_ s: String) -> String { MarkdownText.escape(s.replacingOccurrences(of: "\n", with: " ")) }
        var out = "| " + t.headers.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + t.headers.indices.map { t.numeric.contains($0) ? "---:|" : "---|" }.joined() + "\n"
        for r in t.rows { out += "| " + r.map(cell).joined(separator: " | ") + " |\n" }
        return out + "\n"
    }
}
