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
        // Called out only where the funnel puts a place beyond chance (its 99.8% limits around
        // the region's rate); ties said; else one card saying that no place differs beyond chance.
        let level = code.hasSuffix("0000") ? Bilingual("地市", "city") : Bilingual("县（区）", "county")
        if cities.count >= 2, let top = cities.first, let bottom = cities.last {
            func tied(_ c: PassRateRow) -> Int { cities.filter { $0.rate == c.rate }.count - 1 }
            let high = top.funnelFlag == .above998, low = bottom.funnelFlag == .below998
            if high {
                cards.append(KPI(label: "\(S.highestPlace(level, tied: tied(top))(lang))\(colon)\(name(top))", value: NumberText.percent(top.rate),
                                 note: cityNote(top), spark: ""))
            }
            if low {
                cards.append(KPI(label: "\(S.lowestPlace(level, tied: tied(bottom))(lang))\(colon)\(name(bottom))", value: NumberText.percent(bottom.rate),
                                 note: cityNote(bottom), spark: ""))
            }
            if !high && !low {
                cards.append(KPI(label: S.placesCompared(level)(lang), value: S.noPlaceStandsOut(lang),
                                 note: S.placesRange(name(top), NumberText.percent(top.rate), name(bottom), NumberText.percent(bottom.rate),
                                                     tested: bottom.counts.tested)(lang), spark: ""))
            }
        }
        // Targets missed or behind, by name (the region's and its cities'), where the
        // region has no targets of its own (else its table below gives every verdict).
        var bullets: [String] = []
        if !latest.isEmpty && !latest.contains(where: { $0.regionCode == code }) {
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
        if let h = own.first(where: { $0.target.indicator == IndicatorRegistry.batchPassRate.id }) ?? own.first,
           let chart = targetPath(analysis, h, name: name(r), lang: lang) {
            blocks.append(chart)
        }
        blocks += targetTable(latest, code: code, lang: lang)
        if !bullets.isEmpty { blocks.append(.bullets(bullets)) }
        var out = [Section(title: S.focusTitle(name(r), year: y)(lang), blocks: blocks)]
        // The city comparison right after, so it is on the first screen.
        if cities.count >= 2 {
            let figures = ReportFigures.cities(cities, parent: r, lang: lang)
            if let bars = figures.first { out.append(Section(title: "\(name(r)) · \(S.byCity(lang))\(ReportDocument.inParens(y, lang))", blocks: [bars])) }
        }
        return out
    }

    /// The headline target's way from its baseline (a rate target): its
    /// values by year with their intervals, the straight path, the target
    /// line and the milestones — "are we on track?" in one picture.
    static func targetPath(_ analysis: Analysis, _ h: TargetRow, name: String, lang: Language) -> ReportDocument.Block? {
        let S = ReportStrings.self, t = h.target
        guard ReportPlanSections.isRate(t.targetValue, t) else { return nil }
        let series = analysis.targets.filter { $0.target.id == t.id && $0.regionCode == h.regionCode && $0.value != nil }.sorted { $0.year < $1.year }
        guard !series.isEmpty else { return nil }
        let baseline = h.baselineYear.flatMap { y in h.baselineValue.map { (year: y, value: $0) } }
        let milestones = t.milestones.sorted { $0.key < $1.key }.map { (year: $0.key, value: $0.value) }
        /// The straight path's value in `year` (between the baseline and the target year).
        func path(_ year: Int) -> Double? {
            guard let b = baseline, let ty = t.targetYear, ty > b.year, (b.year...ty).contains(year) else { return nil }
            return b.value + (t.targetValue - b.value) * Double(year - b.year) / Double(ty - b.year)
        }
        let title = S.targetPathTitle(name, t.title(lang))(lang)
        let desc = series.map { "\($0.year): \(ReportPlanSections.show($0.value, t))" }.joined(separator: "; ")
        let svg = Charts.targetPath(series.map { ($0.year, $0.value!, $0.interval?.low, $0.interval?.high) }, baseline: baseline,
                                    target: (t.targetYear, t.targetValue), milestones: milestones, title: title, desc: desc,
                                    targetLabel: S.targetLabel(t)(lang), baselineLabel: baseline.map { S.baselineLabel($0.year)(lang) } ?? "",
                                    axisTitle: S.rateAxis(lang))
        guard !svg.isEmpty else { return nil }
        let years = Set(series.map(\.year) + [baseline?.year].compactMap { $0 } + milestones.map(\.year)).sorted()
        let byYear = Dictionary(series.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
        let table = ReportDocument.DisplayTable(
            headers: [S.year(lang), t.title(lang), S.ci95(lang), S.pathValue(lang), S.milestone(lang)], numeric: [1, 2, 3, 4],
            rows: years.map { y in
                let row = byYear[y]
                let value = row?.value ?? (y == baseline?.year ? baseline?.value : nil)
                return [String(y), ReportPlanSections.show(value, t),
                        row?.interval.map { "\(NumberText.percent($0.low, digits: 1))–\(NumberText.percent($0.high, digits: 1))" } ?? "—",
                        ReportPlanSections.show(path(y), t), ReportPlanSections.show(t.milestones[y], t)]
            })
        return .figure(ReportDocument.Figure(svg: svg, caption: S.targetPathCaption(lang), table: table))
    }

    /// Every target set for the region itself (every-year ones included) with
    /// its verdict in words, and each target set for its cities or counties
    /// summed up in one line ("5 个地市中 2 个已达标或按期推进").
    /// `latest`: each target's latest row (``TargetProgress/latest(_:)``), as the section computed it.
    static func targetTable(_ latest: [TargetRow], code: String, lang: Language) -> [ReportDocument.Block] {
        let S = ReportStrings.self
        let own = latest.filter { $0.regionCode == code }
        var blocks: [ReportDocument.Block] = []
        if !own.isEmpty {
            blocks.append(.table(ReportDocument.DisplayTable(
                headers: [S.focusTargets(lang), S.year(lang), S.verdictWords(lang)], numeric: [1],
                rows: own.map { [$0.target.title(lang), String($0.year), $0.target.quantified ? verdict($0, lang: lang) : S.status($0.status)(lang)] })))
        }
        let lines = childTargetLines(latest, code: code, lang: lang)
        if !lines.isEmpty { blocks.append(.bullets(lines)) }
        return blocks
    }

    /// One line per target set for the region's cities or counties: how many of them met it or are on track.
    static func childTargetLines(_ latest: [TargetRow], code: String, lang: Language) -> [String] {
        let prefix = areaPrefix(code)
        let children = latest.filter { $0.regionCode != code && $0.regionCode.hasPrefix(prefix) }
        let ids = children.map(\.target.id).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let level = code.hasSuffix("0000") ? Bilingual("地市", "cities") : Bilingual("县（区）", "counties")
        return ids.map { id in
            let rows = children.filter { $0.target.id == id }
            return ReportStrings.childTargets(rows[0].target.title(lang), met: rows.filter { $0.onTrack == true }.count, of: rows.count, level: level)(lang)
        }
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
