import QualityData
import QualityIndicators

/// The first screen about one region (issue 17): what a planning official
/// asks first, in the order asked — the region's pass rate with its
/// interval beside its parent's, the plan's headline target and its verdict
/// in words, the targets missed by name, the highest and lowest city, the
/// index ranking's two ends — then the city comparison, above the fold.
enum FocusSummary {
    typealias Section = ReportDocument.Section
    typealias KPI = ReportDocument.KPI

    /// The focus region's code: `--focus`, else the plan's region — the code
    /// whose area (a province covers its cities) holds most of the plan's
    /// target rows, the wider one on a tie — else none.
    static func region(_ analysis: Analysis) -> String? {
        if let f = analysis.options.focusRegion { return f }
        let codes = Set(analysis.targets.map(\.regionCode)).filter { $0 != RegionTable.nationalCode }
        let scored = codes.map { c in (code: c, rows: analysis.targets.filter { $0.regionCode.hasPrefix(areaPrefix(c)) }.count, width: -areaPrefix(c).count) }
        return scored.max { ($0.rows, $0.width, $1.code) < ($1.rows, $1.width, $0.code) }?.code
    }

    /// The focus section and, for a region with cities, the city comparison; empty when the region has no tested batch in `year`.
    static func sections(_ analysis: Analysis, code: String, year y: Int, lang: Language) -> [Section] {
        let S = ReportStrings.self
        let regionRows = (analysis.rates.byDimension[.region] ?? []).filter { $0.year == y }
        guard let r = regionRows.first(where: { $0.key == code }), let rate = r.rate else { return [] }
        let name = { (row: PassRateRow) in RegionText.name(row.key, row.label, lang) }
        // The region's rate, its interval, and its parent's rate (the nation for a province).
        let ci = r.interval.map { "\(S.ci95(lang)) \(NumberText.percent($0.low))–\(NumberText.percent($0.high))" } ?? ""
        let vs = parent(of: r, analysis, regionRows, lang: lang).flatMap { p in
            p.row.rate.flatMap { rate in r.diffPPvsParent.map { S.versusParent(p.name, rate: NumberText.percent(rate), diff: $0, p: r.parentP)(lang) } }
        } ?? ""
        var cards = [KPI(label: S.focusRate(name(r), year: y)(lang), value: NumberText.percent(rate),
                         note: [ci, vs].filter { !$0.isEmpty }.joined(separator: lang == .zh ? "；" : "; "), spark: "")]
        // The plan's headline target for the region: its first pass-rate target, else its first target.
        let latest = TargetProgress.latest(analysis.targetsAsOfReportYear)
        let own = latest.filter { $0.regionCode == code && $0.target.quantified && !$0.target.everyYear }
        if let h = own.first(where: { $0.target.indicator == IndicatorRegistry.batchPassRate.id }) ?? own.first {
            cards.append(KPI(label: "\(S.headlineTarget(lang)) · \(h.target.title(lang))", value: S.status(h.status)(lang),
                             note: verdict(h, lang: lang), spark: ""))
        }
        // Highest and lowest city, with intervals.
        let cities = regionRows.filter { $0.parentKey == code && $0.rate != nil && $0.counts.tested > 0 }
            .sorted { ($0.rate!, $1.key) > ($1.rate!, $0.key) }
        let colon = lang == .zh ? "：" : ": ", semicolon = lang == .zh ? "；" : "; "
        func cityNote(_ c: PassRateRow) -> String {
            "\(S.batchesTested(lang)) \(NumberText.count(c.counts.tested))"
                + (c.interval.map { "\(semicolon)\(S.ci95(lang)) \(NumberText.percent($0.low))–\(NumberText.percent($0.high))" } ?? "")
        }
        if cities.count >= 2, let top = cities.first, let bottom = cities.last {
            cards.append(KPI(label: "\(S.highestCity(lang))\(colon)\(name(top))", value: NumberText.percent(top.rate), note: cityNote(top), spark: ""))
            cards.append(KPI(label: "\(S.lowestCity(lang))\(colon)\(name(bottom))", value: NumberText.percent(bottom.rate), note: cityNote(bottom), spark: ""))
        }
        // Targets missed or behind, by name (the region's and its cities').
        var bullets: [String] = []
        if !latest.isEmpty {
            let inArea = latest.filter { $0.regionCode == code || $0.regionCode.hasPrefix(Self.areaPrefix(code)) }
            let bad = inArea.filter { $0.onTrack == false }
            let names = bad.map { "\($0.target.title(lang))（\(RegionText.name($0.regionCode, $0.regionName, lang))）" }
            bullets.append(bad.isEmpty ? S.noMissedTargets(lang) : S.missedTargets(Array(names.prefix(6)), more: max(0, names.count - 6))(lang))
        }
        // The index ranking's two ends in the latest year it has.
        if let index = analysis.index, let iy = index.units.compactMap({ $0.rank == nil ? nil : $0.year }).max() {
            let ranked = index.units.filter { $0.year == iy && $0.rank != nil }.sorted { ($0.rank!, $0.code) < ($1.rank!, $1.code) }
            if let first = ranked.first, let last = ranked.last, ranked.count >= 2 {
                func unit(_ u: IndexUnitResult) -> String {
                    S.indexUnit(RegionText.name(u.code, u.name, lang), score: NumberText.fixed(u.score ?? 0, 1), low: u.rankLow, high: u.rankHigh)(lang)
                }
                bullets.append(S.indexEnds(year: iy, top: unit(first), bottom: unit(last))(lang))
            }
        }
        if lang == .en { bullets = bullets.map { $0.replacingOccurrences(of: "（", with: " (").replacingOccurrences(of: "）", with: ")") } }
        var blocks: [ReportDocument.Block] = [.kpis(cards)]
        if !bullets.isEmpty { blocks.append(.bullets(bullets)) }
        var out = [Section(title: S.focusTitle(name(r), year: y)(lang), blocks: blocks)]
        // The city comparison right after, so it is on the first screen.
        if cities.count >= 2 {
            let figures = ReportFigures.cities(cities, parent: r, lang: lang)
            if let bars = figures.first { out.append(Section(title: "\(name(r)) · \(S.byCity(lang))\(ReportDocument.inParens(y, lang))", blocks: [bars])) }
        }
        return out
    }

    /// A region's parent in the same year, named: all the data (全国 only
    /// when they are national) for a province — none where the province is
    /// all the data (one province's export: a comparison with itself).
    static func parent(of r: PassRateRow, _ analysis: Analysis, _ regionRows: [PassRateRow], lang: Language) -> (name: String, row: PassRateRow)? {
        if r.parentKey == RegionTable.nationalCode {
            guard let all = analysis.rates.byYear.first(where: { $0.year == r.year }), all.counts != r.counts else { return nil }
            return (analysis.scopeName(lang), all)
        }
        return regionRows.first { $0.key == r.parentKey }.map { (RegionText.name($0.key, $0.label, lang), $0) }
    }

    /// A target's verdict in words, with the gap in points when its values are rates.
    static func verdict(_ t: TargetRow, lang: Language) -> String {
        let gap = t.value.flatMap { v in ReportPlanSections.isRate(v, t.target) ? (v - t.target.targetValue) * 100 : nil }
        return ReportStrings.verdict(t, value: ReportPlanSections.show(t.value, t.target), target: ReportPlanSections.show(t.target.targetValue, t.target),
                                     gapPoints: gap)(lang)
    }

    /// The code prefix of a region's area: a province's two digits, a city's four.
    static func areaPrefix(_ code: String) -> String {
        code.hasSuffix("0000") ? String(code.prefix(2)) : (code.hasSuffix("00") ? String(code.prefix(4)) : code)
    }
}
