import QualityData
import QualityIndicators

/// The targets and inspections sections of the report.
enum ReportPlanSections {
    typealias Section = ReportDocument.Section
    typealias DisplayTable = ReportDocument.DisplayTable

    /// A value as the plan states it: rates in percent, counts as numbers.
    static func show(_ v: Double?, _ t: PlanTarget) -> String {
        guard let v else { return "—" }
        return isRate(v, t) ? NumberText.percent(v, digits: 1) : NumberText.fixed(v, v.rounded() == v ? 0 : 1)
    }

    /// Whether a target's value is a rate (shown in percent, gaps in points):
    /// a proportion of the registry, or a statistic whose values are fractions.
    static func isRate(_ v: Double, _ t: PlanTarget) -> Bool {
        IndicatorRegistry.isProportion(t.indicator) || (v.magnitude <= 1 && t.targetValue.magnitude <= 1)
    }

    /// One row per target and region: the latest year with data.
    static func targets(_ analysis: Analysis, lang: Language) -> [Section] {
        guard let title = analysis.planTitle else { return [] }
        let S = ReportStrings.self
        let rows = TargetProgress.latest(analysis.targetsAsOfReportYear)
        guard !rows.isEmpty else { return [Section(title: "\(S.targets(lang)) · \(title(lang))", blocks: [.paragraph(S.noData(lang))])] }
        let t = DisplayTable(
            headers: [S.target(lang), S.region(lang), S.year(lang), S.baseline(lang), S.latestValue(lang), S.targetValue(lang), S.progress(lang),
                      S.timeElapsed(lang), S.statusLabel(lang), S.eurostat(lang), S.projected(lang)],
            numeric: [2, 3, 4, 5, 6, 7, 10],
            rows: rows.map { r in
                let t = r.target
                let dir = t.direction == .atLeast ? "≥ " : (t.direction == .atMost ? "≤ " : "= ")
                let by = t.everyYear ? (lang == .zh ? "（每年）" : " (every year)") : (t.targetYear.map { lang == .zh ? "（\($0)）" : " (\($0))" } ?? "")
                return [t.title(lang), RegionText.full(r.regionCode, r.regionName, lang), String(r.year),
                        r.baselineYear.map { "\(show(r.baselineValue, t)) (\($0))" } ?? "—",
                        show(r.value, t) + (r.interval.map { lang == .zh ? "（\(NumberText.percent($0.low, digits: 1))–\(NumberText.percent($0.high, digits: 1))）" : " (\(NumberText.percent($0.low, digits: 1))–\(NumberText.percent($0.high, digits: 1)))" } ?? ""),
                        t.quantified ? dir + show(t.targetValue, t) + by : (t.direction == .atMost ? S.keepFalling(lang) : S.keepRising(lang)),
                        r.progress.map { NumberText.percent($0, digits: 0) } ?? "—",
                        r.expectedProgress.map { NumberText.percent($0, digits: 0) } ?? "—",
                        S.status(of: r)(lang),
                        r.eurostatCategory.map { S.eurostatCategory($0)(lang) } ?? "—",
                        S.projection(of: r)(lang)]
            })
        return [Section(title: "\(S.targets(lang)) · \(title(lang))",
                        blocks: [ReportFigures.progress(rows, table: t, lang: lang)].compactMap { $0 } + [.table(t)])]  // every target: "—" where progress has no meaning
    }

    /// Inspections in the latest year: provinces and the cities of the province with most inspections.
    static func inspections(_ analysis: Analysis, lang: Language) -> [Section] {
        guard let a = analysis.inspections, let y = a.byRegion.map(\.year).max() else { return [] }
        let S = ReportStrings.self
        let year = a.byRegion.filter { $0.year == y }
        var shown = year.filter { $0.regionLevel == "province" }.sorted { $0.key < $1.key }
        if let big = shown.max(by: { ($0.inspections, $1.key) < ($1.inspections, $0.key) }) {
            shown += year.filter { $0.regionLevel == "city" && $0.key.hasPrefix(String(big.key.prefix(2))) }.sorted { $0.key < $1.key }
        }
        let t = DisplayTable(
            headers: [S.code(lang), S.region(lang), S.inspectionsCount(lang), S.hazardsFound(lang), S.rectificationRate(lang),
                      S.countyCoverage(lang), S.townshipCoverage(lang)],
            numeric: [2, 3, 4, 5, 6],
            rows: shown.map { r in
                [r.key, RegionText.full(r.key, r.label, lang), NumberText.count(r.inspections), NumberText.count(r.hazardsFound), NumberText.percent(r.rectificationRate, digits: 1),
                 r.countyCoverage.map { "\(NumberText.percent($0, digits: 0)) (\(r.countiesInspected ?? 0)/\(r.counties ?? 0))" } ?? "—",
                 r.townshipCoverage.map { "\(NumberText.percent($0, digits: 0)) (\(r.townshipsInspected ?? 0)/\(r.townships ?? 0))" } ?? "—"]
            })
        return [Section(title: "\(S.inspectionsTitle(lang))\(ReportDocument.inParens(y, lang))", blocks: [.table(t)])]
    }

    /// The index ranking in the latest year, with rank intervals and the sensitivity sentence.
    static func index(_ analysis: Analysis, lang: Language) -> [Section] {
        guard let r = analysis.index, let y = r.units.filter({ $0.score != nil }).map(\.year).max() else { return [] }
        let S = ReportStrings.self
        let units = r.units.filter { $0.year == y && $0.score != nil }.sorted { ($0.rank!, $0.code) < ($1.rank!, $1.code) }
        let groups = r.framework.groups
        let parentName = RegionText.name(r.parentCode, r.parentName, lang), name = { (u: IndexUnitResult) in RegionText.name(u.code, u.name, lang) }
        let t = DisplayTable(
            headers: [S.region(lang), S.code(lang), S.score(lang), S.rank(lang), S.rankInterval(lang), S.rankMedian(lang), S.rankChange(lang),
                      S.band(lang), S.diffVsParent(lang) + (lang == .zh ? "（\(parentName)）" : " (\(parentName))")] + groups.map { $0.title(lang) },
            numeric: Set([2, 3, 4, 5, 6, 8] + groups.indices.map { 9 + $0 }),
            rows: units.map { u in
                [RegionText.full(u.code, u.name, lang), u.code, NumberText.fixed(u.score!, 2), String(u.rank!),
                 u.rankLow.flatMap { lo in u.rankHigh.map { "\(lo)–\($0)" } } ?? "—", u.rankMedian.map { NumberText.fixed($0, 1) } ?? "—",
                 u.rankChange.map { $0 > 0 ? "▲\($0)" : ($0 < 0 ? "▼\(-$0)" : "=") } ?? "—", u.band?(lang) ?? "—",
                 u.diffVsParent.map(NumberText.signedPoints) ?? "—"] + groups.map { g in u.groups[g.id].map { NumberText.fixed($0, 1) } ?? "—" }
            })
        var blocks: [ReportDocument.Block] = []
        if let top = r.sensitivity.filter({ $0.year == y }).max(by: { ($0.shift, $1.source) < ($1.shift, $0.source) }) {
            blocks.append(.paragraph(S.indexSensitivity(top.source, shift: top.shift)(lang)))
        }
        if let p = r.parentScores[y], let best = units.first {
            blocks.append(.paragraph(S.indexVsParent(name(best), score: best.score!, parent: parentName, diff: best.score! - p)(lang)))
        } else if !r.incomparableWithParent.isEmpty {
            blocks.append(.paragraph(S.indexNotVersusParent(parentName, totals: r.incomparableWithParent.map { $0.title(lang) })(lang)))
        }
        let chart = Charts.rankIntervals(units.map { (name($0), $0.rank!, $0.rankLow ?? $0.rank!, $0.rankHigh ?? $0.rank!, $0.score!) },
                                         title: r.framework.title(lang), desc: units.map { "\($0.rank!) \(name($0)) \(NumberText.fixed($0.score!, 1))" }.joined(separator: "; "))
        if !chart.isEmpty { blocks.append(.figure(ReportDocument.Figure(svg: chart, caption: S.rankIntervalCaption(lang), table: t))) }
        blocks.append(.table(t))
        return [Section(title: "\(r.framework.title(lang))\(ReportDocument.inParens(y, lang))", blocks: blocks)]
    }
}
