import Foundation
import QualityData
import QualityIndicators

/// One self-contained profile page per city of the province with most
/// batches (and that province): its rate and interval, its rank among its
/// peers, its funnel position, its trend, its counties and its targets.
public enum RegionPages {
    /// The pages as (region code, document); `index.html` links to them.
    public static func documents(_ analysis: Analysis, lang: Language) -> [(code: String, doc: ReportDocument)] {
        let rows = analysis.rates.byDimension[.region] ?? []
        guard let y = rows.map(\.year).max() else { return [] }
        let latest = rows.filter { $0.year == y }
        guard let province = latest.filter({ $0.regionLevel == "province" }).max(by: { ($0.counts.tested, $1.key) < ($1.counts.tested, $0.key) }) else { return [] }
        let units = [province] + latest.filter { $0.regionLevel == "city" && $0.parentKey == province.key }.sorted { $0.key < $1.key }
        var pages = units.map { ($0.key, page($0, rows: rows, analysis: analysis, year: y, lang: lang)) }
        // Breadcrumbs (the province above a city) and previous / next among the cities.
        let name = { (r: PassRateRow) in RegionText.name(r.key, r.label, lang) }
        for i in pages.indices {
            var nav: [(title: String, href: String)] = []
            if i > 0 { nav.append((title: name(province), href: "\(province.key).html")) }
            if i > 1 { nav.append((title: "‹ \(name(units[i - 1]))", href: "\(units[i - 1].key).html")) }
            if i + 1 < units.count { nav.append((title: "\(name(units[i + 1])) ›", href: "\(units[i + 1].key).html")) }
            pages[i].1.navigation = nav
        }
        return pages
    }

    static func page(_ r: PassRateRow, rows: [PassRateRow], analysis: Analysis, year y: Int, lang: Language) -> ReportDocument {
        let S = ReportStrings.self
        let name = RegionText.name(r.key, r.label, lang)
        let mine = rows.filter { $0.key == r.key }.sorted { $0.year < $1.year }
        let peers = rows.filter { $0.year == y && $0.parentKey == r.parentKey && $0.rate != nil }.sorted { ($0.rate!, $1.key) > ($1.rate!, $0.key) }
        let rank = (peers.firstIndex { $0.key == r.key } ?? 0) + 1
        var sections: [ReportDocument.Section] = []
        let ci = r.interval.map { "\(S.ci95(lang)) \(NumberText.percent($0.low))–\(NumberText.percent($0.high))" } ?? ""
        var kpis = [ReportDocument.KPI(label: "\(y) \(S.passRate(lang))", value: NumberText.percent(r.rate),
                                       note: [ci, r.changePP.map { "\(S.change(lang)) \(NumberText.signedPoints($0)) \(S.points(lang))" } ?? ""].filter { !$0.isEmpty }.joined(separator: lang == .zh ? "；" : "; "),
                                       spark: Charts.sparkline(mine.compactMap { m in m.rate.map { (m.year, $0) } }, title: name))]
        // The rank by the raw rate, and beside it the index rank with its interval, each named for what it is.
        let colon = lang == .zh ? "：" : ": "
        var rankNote = r.funnelFlag.map { "\(S.funnel(lang))\(colon)\(S.funnelFlag($0)(lang))" } ?? ""
        if let index = analysis.index, let iy = index.units.filter({ $0.code == r.key && $0.rank != nil }).map(\.year).max(),
           let u = index.units.first(where: { $0.code == r.key && $0.year == iy }), let ir = u.rank {
            let peersRanked = index.units.filter { $0.year == iy && $0.rank != nil }.count
            let interval = u.rankLow.flatMap { l in u.rankHigh.map { h in "\(l)–\(h)" } }
            rankNote = [rankNote, S.indexRankNote(year: iy, rank: ir, of: peersRanked, interval: interval)(lang)].filter { !$0.isEmpty }.joined(separator: lang == .zh ? "；" : "; ")
        }
        kpis.append(ReportDocument.KPI(label: S.rankByRate(lang), value: "\(rank) / \(peers.count)", note: rankNote))
        kpis.append(ReportDocument.KPI(label: S.batchesTested(lang), value: NumberText.count(r.counts.tested), note: r.diffPPvsParent.map { "\(S.diffParent(lang)) \(NumberText.signedPoints($0))" } ?? ""))
        sections.append(ReportDocument.Section(title: S.headline(lang), blocks: [.kpis(kpis)]))
        let withCI = mine.filter { $0.rate != nil && $0.interval != nil }
        let table = ReportDocument.rateTable(mine, lang, first: S.year(lang)) { [String($0.year)] }
        let target = analysis.targets.first { $0.regionCode == r.key && $0.target.indicator == IndicatorRegistry.batchPassRate.id && $0.target.filters.isEmpty }?.target.targetValue
        let svg = Charts.trend(withCI.map { ($0.year, $0.rate!, $0.interval!.low, $0.interval!.high) }, target: target, title: "\(name) · \(S.byYear(lang))",
                               desc: withCI.map { "\($0.year): \(NumberText.percent($0.rate))" }.joined(separator: "; "), targetLabel: S.targetLine(lang),
                               axisTitle: S.rateAxis(lang))
        sections.append(ReportDocument.Section(title: S.byYear(lang), blocks: (svg.isEmpty ? [] : [.figure(ReportDocument.Figure(svg: svg, caption: S.trendCaption(lang), table: table))]) + [.table(table)]))
        let children = rows.filter { $0.year == y && $0.parentKey == r.key }.sorted { ($0.rate ?? -1, $1.key) > ($1.rate ?? -1, $0.key) }
        if !children.isEmpty {
            sections.append(ReportDocument.Section(title: "\(S.region(lang))\(ReportDocument.inParens(y, lang))", blocks: [.table(ReportDocument.regionTable(children, lang))]))
        }
        let targets = analysis.targets.filter { $0.regionCode == r.key && $0.status != .noData }
        if !targets.isEmpty {
            let shown = TargetProgress.latest(targets).sorted { $0.target.id < $1.target.id }
            let t = ReportDocument.DisplayTable(
                headers: [S.target(lang), S.year(lang), S.latestValue(lang), S.progress(lang), S.statusLabel(lang)], numeric: [1, 2, 3],
                rows: shown.map { [$0.target.title(lang), String($0.year), ReportPlanSections.show($0.value, $0.target),
                                   $0.progress.map { NumberText.percent($0, digits: 0) } ?? "—", S.status($0.status)(lang)] })
            sections.append(ReportDocument.Section(title: S.targets(lang), blocks: [.table(t)]))
        }
        return ReportDocument(lang: lang, title: lang == .zh ? "\(r.label)（\(r.key)）" : "\(name) (\(r.label), \(r.key))", subtitle: S.title(lang), sections: sections)
    }
}
