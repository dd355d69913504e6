import QualityData
import QualityIndicators

/// The dashboard's section for each declared share of a grouped indicator
/// that asks for one (``GroupedIndicator/onDashboard``): in the report year,
/// all batches and the regions below the page's focus region (`--focus`,
/// default the plan's) — else the provinces, or the cities of the one
/// province the data cover — with the counts, the share and its interval.
/// The full table is tables/<indicator>.csv.
enum GroupedSections {
    static func sections(_ analysis: Analysis, year y: Int, focus: String?, lang: Language) -> [ReportDocument.Section] {
        let S = ReportStrings.self
        var out: [ReportDocument.Section] = []
        for table in analysis.grouped where table.indicator.onDashboard {
            let g = table.indicator
            guard let regionScope = g.regionScope else { continue }
            let year = table.rows.filter { $0.year == y }
            let regions = year.filter { $0.scope == regionScope }
            // Each region's level and parent as the region table gives them (through the pass-rate table of the same year):
            // a code outside GB/T 2260 sits under the nation, a municipality's district under its province.
            var parentOf: [String: String] = [:], levelOf: [String: String] = [:]
            for r in analysis.rates.byDimension[.region] ?? [] where r.year == y { parentOf[r.key] = r.parentKey; levelOf[r.key] = r.regionLevel }
            let provinces = regions.filter { levelOf[$0.key] == RegionLevel.province.id }
            let parent = focus ?? (provinces.count == 1 ? provinces[0].key : nil)
            let below = regions.filter { r in
                guard let p = parent else { return levelOf[r.key] == RegionLevel.province.id || levelOf[r.key] == RegionLevel.other.id }
                return r.key != p && parentOf[r.key] == p
            }
            let shown = year.filter { $0.scope == g.allScope } + regions.filter { $0.key == parent } + below
            for share in g.shares {
                guard let indicator = share.indicator, !shown.isEmpty else { continue }
                var t = ReportDocument.DisplayTable(
                    headers: [S.code(lang), S.region(lang), g.countLabels[share.denominator](lang), g.countLabels[share.numerator](lang),
                              indicator.name(lang), S.ci95(lang)],
                    numeric: [2, 3, 4, 5],
                    rows: shown.map { r in
                        let ci = analysis.options.interval.interval(successes: r.counts[share.numerator], trials: r.counts[share.denominator])
                        let all = r.scope == g.allScope
                        return [all ? "" : r.key, all ? analysis.scopeName(lang) : RegionText.full(r.key, r.name, lang),
                                NumberText.count(r.counts[share.denominator]), NumberText.count(r.counts[share.numerator]),
                                NumberText.percent(share.value(of: r)), ci.map { "\(NumberText.percent($0.low))–\(NumberText.percent($0.high))" } ?? "—"]
                    })
                t.regionColumns = true
                out.append(ReportDocument.Section(title: "\(indicator.name(lang))\(ReportDocument.inParens(y, analysis, lang))",
                                                  blocks: [.table(t)]))  // the definition: docs/indicators.md, and the methods section
            }
        }
        return out
    }
}
