import Foundation
import QualityData
import QualityIndicators

/// bulletin.html: one A4 page in the manner of an official statistical
/// bulletin (统计公报) — a headline paragraph in full sentences, the plan's
/// target verdicts, one chart (the cities ranked), the city table, and a
/// footer with the data source, the data's last date, the tool and version,
/// and the page number. About the focus region when there is one, else all
/// regions. Nothing in it depends on the clock: the same inputs give the
/// same page.
enum Bulletin {
    typealias Section = ReportDocument.Section

    static func document(_ analysis: Analysis, load: InputAccounting, lang: Language, tool: String) -> ReportDocument? {
        let S = ReportStrings.self
        let a = analysis.rates
        guard let overall = analysis.headline else { return nil }
        let y = overall.year
        let code = FocusSummary.region(analysis)
        let regionRows = (a.byDimension[.region] ?? []).filter { $0.year == y }
        let focus = code.flatMap { c in regionRows.first { $0.key == c && $0.counts.tested > 0 } }
        let r = focus ?? overall
        let name = focus.map { RegionText.name($0.key, $0.label, lang) } ?? analysis.scopeName(lang)
        var sections: [Section] = []
        // The headline paragraph: counts, the rate with its interval, the change, the parent.
        let parent = focus.flatMap { FocusSummary.parent(of: $0, analysis, regionRows, lang: lang) }
        sections.append(Section(title: S.bulletinSummary(lang), blocks: [.paragraph(S.bulletinHeadline(
            name: name, year: y, sampled: r.counts.sampled, tested: r.counts.tested, passed: r.counts.passed,
            rate: NumberText.percent(r.rate), low: r.interval.map { NumberText.percent($0.low) }, high: r.interval.map { NumberText.percent($0.high) },
            change: r.changePP, changeP: r.changeP, parent: parent.map { ($0.name, NumberText.percent($0.row.rate)) })(lang))]))
        // Every target of the plan for the region (every-year ones included; all targets
        // without a focus), as verdicts, and those for its cities or counties summed up.
        let latest = TargetProgress.latest(analysis.targetsAsOfReportYear)
        let own = code.map { c in latest.filter { $0.regionCode == c } } ?? latest
        if !own.isEmpty {
            // A two-column table: its small print keeps every target on the one page.
            let rows = own.map { t in [t.target.title(lang), S.bulletinVerdict(t, rate: ReportPlanSections.isRate(t.target.targetValue, t.target))(lang)] }
            var blocks: [ReportDocument.Block] = [.table(ReportDocument.DisplayTable(headers: [S.focusTargets(lang), S.bulletinState(lang)], numeric: [], rows: rows))]
            if let code {
                let lines = FocusSummary.childTargetLines(latest, code: code, lang: lang)
                if !lines.isEmpty { blocks.append(.bullets(lines)) }
            }
            sections.append(Section(title: S.targets(lang), blocks: blocks))
        }
        // One chart and the city table.
        let key = focus?.key ?? regionRows.filter { $0.regionLevel == "province" }.max { ($0.counts.tested, $1.key) < ($1.counts.tested, $0.key) }?.key
        if let key, let area = regionRows.first(where: { $0.key == key }) {
            let cities = regionRows.filter { $0.parentKey == key && $0.rate != nil && $0.interval != nil }.sorted { ($0.rate!, $1.key) > ($1.rate!, $0.key) }
            if cities.count >= 2 {
                let blocks = ReportFigures.cities(cities, parent: area, lang: lang)
                sections.append(Section(title: "\(RegionText.name(area.key, area.label, lang)) · \(S.byCity(lang))\(ReportDocument.inParens(y, lang))",
                                        blocks: Array(blocks.prefix(1)) + [.table(ReportDocument.regionTable(cities, lang, plain: true))]))
            }
        }
        let files = load.files.filter { $0.kind == "sampling" }.map { ($0.path as NSString).lastPathComponent }
        let lastDay = load.files.compactMap(\.lastDay).max()
        let footer = S.bulletinFooter(files: files, source: analysis.planIssue.source, lastDate: lastDay.map(CivilDate.iso) ?? "—", tool: tool)(lang)
        sections.append(Section(title: S.bulletinNotes(lang), blocks: [.paragraph(footer)]))
        return ReportDocument(lang: lang, title: S.bulletinTitle(name, year: y)(lang), subtitle: S.bulletinIssue(analysis.planIssue)?(lang) ?? "",
                              sections: sections)
    }
}
