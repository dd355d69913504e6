import Dispatch
import QualityData
import QualityRuntime

/// Funnels and empirical-Bayes shrinkage over the rows of a pass-rate
/// table: which units differ beyond chance, and a rate fit for ranking.
enum Comparison {
    /// Regions: each set of siblings (same parent, same year) is a funnel
    /// around the parent's rate, and the siblings share one fitted prior.
    static func regions(_ rows: [PassRateRow], totals: [RateCounts], years: [Int], options: AnalysisOptions) -> [PassRateRow] {
        var rows = rows
        var index: [String: Int] = [:]  // "year|code" → row
        var groups: [String: [Int]] = [:]  // "year|parent" → sibling rows
        var order: [String] = []
        for (i, r) in rows.enumerated() {
            index["\(r.year)|\(r.key)"] = i
            let g = "\(r.year)|\(r.parentKey)"
            if groups[g] == nil { order.append(g) }
            groups[g, default: []].append(i)
        }
        let jobs = order.map { g -> (members: [Int], parent: RateCounts) in
            let members = groups[g]!
            let first = rows[members[0]]
            let parent: RateCounts
            if first.parentKey == RegionTable.nationalCode {
                parent = totals[first.year - years[0]]
            } else {
                parent = index["\(first.year)|\(first.parentKey)"].map { rows[$0].counts } ?? RateCounts()
            }
            return (members, parent)
        }
        let snapshot = rows
        let results = IndexedResults<[(Int, FunnelFlag?, FunnelLimits?, (Double, Double, Double)?, Bool)]>()
        DispatchQueue.concurrentPerform(iterations: jobs.count) { j in
            let (members, parent) = jobs[j]
            results.set(j, assess(members.map { snapshot[$0].counts }, parent: parent, options: options).enumerated().map {
                (members[$0.offset], $0.element.flag, $0.element.limits, $0.element.shrunk, $0.element.noDifferences)
            })
        }
        for list in results.ordered {
            for (i, flag, limits, shrunk, none) in list {
                rows[i].funnelFlag = flag
                rows[i].funnelLimits = flag == nil ? nil : limits
                rows[i].shrunk = shrunk
                rows[i].noDetectableDifferences = none
            }
        }
        return rows
    }

    /// Funnel flags and shrunken rates of units against their parent.
    static func assess(_ units: [RateCounts], parent: RateCounts, options: AnalysisOptions)
        -> [(flag: FunnelFlag?, limits: FunnelLimits, shrunk: (Double, Double, Double)?, noDifferences: Bool)] {
        let pairs = units.map { (x: $0.passed, n: $0.tested) }
        let placed = units.map { PassRateRow.funnelCounts($0, cluster: options.interval == .cluster) }
        guard parent.tested > 0 else { return units.map { _ in (nil, .exactBinomial, nil, false) } }
        let p0 = Double(parent.passed) / Double(parent.tested)
        let funnel = Funnel.proportions(placed, target: p0, adjustment: options.funnelAdjustment)
        let shrinkage = EmpiricalBayes.shrink(pairs)
        return pairs.indices.map { i in
            (funnel.flags[i], funnel.limits, shrinkage.units[i].map { ($0.rate, $0.low, $0.high) }, shrinkage.noDetectableDifferences)
        }
    }

    /// Shrinks each year's units (all but "not given") toward one prior fitted to them.
    static func shrinkWithinYears(_ rows: [PassRateRow]) -> [PassRateRow] {
        var rows = rows
        for members in yearGroups(rows) {
            let pairs = members.map { (x: rows[$0].counts.passed, n: rows[$0].counts.tested) }
            let shrinkage = EmpiricalBayes.shrink(pairs)
            for (k, i) in members.enumerated() {
                rows[i].shrunk = shrinkage.units[k].map { ($0.rate, $0.low, $0.high) }
                rows[i].noDetectableDifferences = shrinkage.noDetectableDifferences
            }
        }
        return rows
    }

    /// Agencies: expected failures from the product mix, a funnel of the
    /// standardised failure ratio O/E around 1 per year, and shrunken rates.
    /// `expected(year, key)`: the agency's failures expected from its product mix.
    static func agencies(_ rows: [PassRateRow], expected: (Int, String) -> Double, years: [Int], options: AnalysisOptions) -> [PassRateRow] {
        var rows = shrinkWithinYears(rows)
        for i in rows.indices {
            rows[i].expectedFailures = expected(rows[i].year, rows[i].key)
        }
        for members in yearGroups(rows) {
            let units = members.map { (observed: rows[$0].counts.failed, expected: rows[$0].expectedFailures ?? 0) }
            let funnel = Funnel.ratios(units, adjustment: options.funnelAdjustment)
            for (i, flag) in zip(members, funnel.flags) {
                rows[i].funnelFlag = flag
                rows[i].funnelLimits = flag == nil ? nil : funnel.limits
            }
        }
        return rows
    }

    /// Row indices per year, without the "not given" group.
    static func yearGroups(_ rows: [PassRateRow]) -> [[Int]] {
        var byYear: [Int: [Int]] = [:]
        for (i, r) in rows.enumerated() where !r.key.isEmpty { byYear[r.year, default: []].append(i) }
        return byYear.keys.sorted().map { byYear[$0]! }
    }
}
