import QualityData
import QualityIndicators

/// Every indicator value of an analysis in the history's long format.
public enum StoreResults {
    public static func from(_ a: Analysis) -> [Store.Result] {
        let method = a.options.interval.rawValue
        var out: [Store.Result] = []
        func add(_ r: PassRateRow, dimension: String) {
            let ci = r.interval, eci = r.enterpriseInterval
            out.append(Store.Result(indicator: IndicatorRegistry.batchPassRate.id, dimension: dimension, key: r.key, subKey: r.subKey, year: r.year,
                                    numerator: r.counts.passed, denominator: r.counts.tested, value: r.rate, ciLow: ci?.low, ciHigh: ci?.high,
                                    method: method))
            out.append(Store.Result(indicator: IndicatorRegistry.enterprisePassRate.id, dimension: dimension, key: r.key, subKey: r.subKey, year: r.year,
                                    numerator: r.counts.enterprisesPassed, denominator: r.counts.enterprisesTested, value: r.enterpriseRate,
                                    ciLow: eci?.low, ciHigh: eci?.high, method: method))
        }
        for r in a.rates.byYear { add(r, dimension: "all") }
        for d in Dimension.breakdowns { for r in a.rates.byDimension[d] ?? [] { add(r, dimension: d.rawValue) } }
        for t in a.targets where t.value != nil {
            out.append(Store.Result(indicator: "target:\(t.target.id)", dimension: "region", key: t.regionCode, year: t.year, numerator: t.numerator,
                                    denominator: t.denominator, value: t.value, ciLow: t.interval?.low, ciHigh: t.interval?.high))
        }
        if let x = a.index {
            for u in x.units where u.score != nil {
                out.append(Store.Result(indicator: "index:\(x.framework.id)", dimension: "region", key: u.code, year: u.year, value: u.score,
                                        ciLow: u.rankLow.map(Double.init), ciHigh: u.rankHigh.map(Double.init), method: "rank_interval"))
            }
        }
        // The grouped indicators' declared shares (safety, labelling …): all batches as
        // dimension `all`, regions as `region` (what a plan's history and `qindex history` read) —
        // every level where the indicator has them, else its provinces —, other scopes by name.
        for g in a.grouped {
            let kinds = Dictionary(g.indicator.groupings.map { ($0.scope, $0.kind) }, uniquingKeysWith: { a, _ in a })
            let regionScope = g.indicator.regionScope ?? g.indicator.groupings.first { $0.kind.isRegion }?.scope
            for share in g.indicator.shares {
                guard let id = share.indicator?.id else { continue }
                for r in g.rows where r.counts[share.denominator] > 0 && (kinds[r.scope]?.isRegion != true || r.scope == regionScope) {
                    let all = r.scope == g.indicator.allScope, ci = a.options.interval.interval(successes: r.counts[share.numerator], trials: r.counts[share.denominator])
                    out.append(Store.Result(indicator: id, dimension: all ? "all" : (r.scope == regionScope ? "region" : r.scope),
                                            key: all ? "" : r.key, year: r.year, numerator: r.counts[share.numerator],
                                            denominator: r.counts[share.denominator], value: share.value(of: r), ciLow: ci?.low, ciHigh: ci?.high,
                                            method: method))
                }
            }
        }
        if let i = a.inspections {
            for r in i.byRegion where r.hazardsFound > 0 {
                out.append(Store.Result(indicator: IndicatorRegistry.hazardRectificationRate.id, dimension: "region", key: r.key, year: r.year,
                                        numerator: r.hazardsRectified, denominator: r.hazardsFound, value: r.rectificationRate))
            }
        }
        return out
    }
}
