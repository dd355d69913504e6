import Dispatch
import Foundation
import QualityData

/// A breakdown of pass rates (分组维度).
public enum Dimension: String, CaseIterable, Sendable {
    case region, product, level, channel
    case enterpriseSize = "enterprise_size"
    case agency
    /// The batch's own region (usually a county, no roll-up) × sampling level.
    case regionLevel = "region_level"

    /// The schema column it breaks down by (its label is the dimension's).
    public var column: SamplingColumn? {
        switch self {
        case .region: return .regionCode
        case .product: return .productCode
        case .level: return .level
        case .channel: return .channel
        case .enterpriseSize: return .enterpriseSize
        case .agency: return .testingAgency
        case .regionLevel: return nil
        }
    }

    public var name: Bilingual {
        column?.spec.label ?? Bilingual("地区 × 抽查级别", "Region × sampling level")
    }
}

/// Counts of one group in one year. Rates are derived, counts are what sum.
public struct RateCounts: Sendable, Equatable {
    public var sampled = 0
    public var passed = 0
    public var failed = 0
    public var enterprisesTested = 0
    public var enterprisesPassed = 0
    public var tested: Int { passed + failed }
    public var excluded: Int { sampled - passed - failed }
    public init() {}
}

/// One row of a pass-rate table: a group in a year, with its rate, interval
/// and comparisons.
public struct PassRateRow: Sendable {
    public let year: Int
    /// Group key (region code, product code, enum id, agency name); "" = not given.
    public let key: String
    public let label: String
    /// Region level, for the region table.
    public let regionLevel: String
    public let parentKey: String
    public let counts: RateCounts
    /// Second key of a cross table (the level id in region × level).
    public var subKey = ""
    /// The interval method of ``interval`` and ``enterpriseInterval``.
    public var intervalMethod = IntervalMethod.wilson
    public var rate: Double? { counts.tested > 0 ? Double(counts.passed) / Double(counts.tested) : nil }
    public var interval: ProportionInterval? { intervalMethod.interval(successes: counts.passed, trials: counts.tested) }
    public var enterpriseRate: Double? {
        counts.enterprisesTested > 0 ? Double(counts.enterprisesPassed) / Double(counts.enterprisesTested) : nil
    }
    public var enterpriseInterval: ProportionInterval? {
        intervalMethod.interval(successes: counts.enterprisesPassed, trials: counts.enterprisesTested)
    }
    /// Funnel position among the units compared with this one (regions
    /// within their parent; agencies by their product-standardised failure
    /// ratio), and which limits were used.
    public var funnelFlag: FunnelFlag?
    public var funnelLimits: FunnelLimits?
    /// Empirical-Bayes shrunken pass rate and its 95% credible interval,
    /// where units are ranked (regions among siblings, products, agencies).
    public var shrunk: (rate: Double, low: Double, high: Double)?
    /// Agencies: failures expected from the national failure rate of each
    /// product they tested (indirect standardisation), and observed ÷ expected.
    public var expectedFailures: Double?
    public var failureRatio: Double? { expectedFailures.flatMap { $0 > 0 ? Double(counts.failed) / $0 : nil } }
    /// Change against the same group's previous year, percentage points;
    /// its p-value from ``Statistics/compareProportions(x1:n1:x2:n2:)``.
    public var changePP: Double?
    public var changeP: Double?
    /// Difference from the parent group (parent region, or all batches), points.
    public var diffPPvsParent: Double?
    /// Two-proportion z-test of this group against the rest of its parent.
    public var parentP: Double?
}

/// Pass rates overall and by every dimension, per year (indicators.md §1).
public struct PassRateAnalysis: Sendable {
    public let years: [Int]
    public let byYear: [PassRateRow]
    public let byDimension: [Dimension: [PassRateRow]]

    /// Computes every table. The dimensions are independent group-bys over
    /// the same columns, so they run in parallel on the available cores.
    ///
    /// Pass the table as a temporary where possible (`compute(consume t)`):
    /// the aggregation reorders its columns, and with no other reference the
    /// old columns are freed one at a time instead of being copied.
    public static func compute(_ t: consuming SamplingTable, options: AnalysisOptions = AnalysisOptions()) -> PassRateAnalysis {
        guard t.count > 0 else { return PassRateAnalysis(years: [], byYear: [], byDimension: [:]) }
        let minYear = Int(t.year.min()!), maxYear = Int(t.year.max()!)
        let years = Array(minYear...maxYear)
        let ctx = Context(t: consume t, minYear: minYear, yearCount: years.count)
        let t = ctx.t  // enterprise order: every job below reads this copy

        // Overall, by year.
        let overall = ctx.aggregate(keyCount: 1, slots: 1) { _ in (0, -1, -1) }
        var byYear: [PassRateRow] = []
        for (yi, y) in years.enumerated() where overall[yi][0].sampled > 0 {
            var row = PassRateRow(year: y, key: "", label: "", regionLevel: "", parentKey: "", counts: overall[yi][0])
            row.intervalMethod = options.interval
            if yi > 0 { compare(&row, overall[yi - 1][0]) }
            byYear.append(row)
        }
        let totals = overall.map { $0[0] }

        let jobs: [@Sendable () -> (Dimension, [PassRateRow])] = [
            { (.region, Comparison.regions(regionRows(ctx, years, totals), totals: totals, years: years, options: options)) },
            { (.regionLevel, regionLevelRows(ctx, years)) },
            {
                let pc = t.products.count, product = t.product
                let rows = simpleRows(ctx, years, totals, keyCount: pc, sortByKey: true,
                                      key: { product[$0] == missingDictionaryCode ? pc : Int(product[$0]) },
                                      label: { (t.products.string(UInt32($0)), t.productNames[$0]) })
                return (.product, Comparison.shrinkWithinYears(rows))
            },
            {
                let ac = t.agencies.count, agency = t.testingAgency
                let rows = simpleRows(ctx, years, totals, keyCount: ac, sortByKey: true,
                                      key: { agency[$0] == missingDictionaryCode ? ac : Int(agency[$0]) },
                                      label: { (t.agencies.string(UInt32($0)), t.agencies.string(UInt32($0))) })
                let expected = ctx.expectedFailures(groupCount: ac + 1) { b in
                    agency[b] == missingDictionaryCode ? ac : Int(agency[b])
                }
                return (.agency, Comparison.agencies(rows, expected: expected, keyOrder: (0...ac).map {
                    $0 == ac ? "" : t.agencies.string(UInt32($0))
                }, years: years, options: options))
            },
            { (.level, enumRows(ctx, years, totals, t.level, SamplingLevel.allCases.map(\.id))) },
            { (.channel, enumRows(ctx, years, totals, t.channel, SalesChannel.allCases.map(\.id))) },
            { (.enterpriseSize, enumRows(ctx, years, totals, t.size, EnterpriseSize.allCases.map(\.id))) },
        ]
        let results = IndexedResults<(Dimension, [PassRateRow])>()
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in results.set(i, jobs[i]()) }
        var dims: [Dimension: [PassRateRow]] = [:]
        for (d, rows) in results.ordered {
            dims[d] = rows.map { var r = $0; r.intervalMethod = options.interval; return r }
        }
        return PassRateAnalysis(years: years, byYear: byYear, byDimension: dims)
    }

    /// Regions: every batch counts in its county, city and province.
    private static func regionRows(_ ctx: Context, _ years: [Int], _ totals: [RateCounts]) -> [PassRateRow] {
        let t = ctx.t, regions = t.regions
        // County, city and province of each region (-1 where a level is missing).
        let ancestry: [Context.Keys] = (0..<regions.count).map {
            let a = regions.ancestry(Int32($0)).filter { $0 != 0 }
            return (a.count > 0 ? a[0] : -1, a.count > 1 ? a[1] : -1, a.count > 2 ? a[2] : -1)
        }
        let region = t.region
        let cells = ctx.aggregate(keyCount: regions.count, slots: 3) { b in ancestry[Int(region[b])] }
        var rows: [PassRateRow] = []
        for (yi, y) in years.enumerated() {
            for k in regionOrder(regions) where cells[yi][k].sampled > 0 {
                let reg = regions.regions[k]
                let parent = Int(max(reg.parent, 0))
                var row = PassRateRow(year: y, key: reg.code, label: reg.name, regionLevel: reg.level.id,
                                      parentKey: parent == 0 ? RegionTable.nationalCode : regions.regions[parent].code,
                                      counts: cells[yi][k])
                if yi > 0 { compare(&row, cells[yi - 1][k]) }
                vsParent(&row, parent == 0 ? totals[yi] : cells[yi][parent])
                rows.append(row)
            }
        }
        return rows
    }

    private static func regionOrder(_ regions: RegionTable) -> [Int] {
        (0..<regions.count).sorted { regions.regions[$0].code < regions.regions[$1].code }
    }

    /// Region as recorded (no roll-up) × sampling level.
    private static func regionLevelRows(_ ctx: Context, _ years: [Int]) -> [PassRateRow] {
        let t = ctx.t, regions = t.regions
        let levels = SamplingLevel.allCases.count + 1  // + "not given"
        let level = t.level, region = t.region
        let cells = ctx.aggregate(keyCount: regions.count * levels, slots: 1) { b in
            let l = level[b] == missingEnumCode ? levels - 1 : Int(level[b])
            return (Int32(Int(region[b]) * levels + l), -1, -1)
        }
        var rows: [PassRateRow] = []
        let order = regionOrder(regions)
        for (yi, y) in years.enumerated() {
            for k in order {
                for l in 0..<levels where cells[yi][k * levels + l].sampled > 0 {
                    let reg = regions.regions[k]
                    var row = PassRateRow(year: y, key: reg.code, label: reg.name, regionLevel: reg.level.id, parentKey: "",
                                          counts: cells[yi][k * levels + l])
                    row.subKey = l == levels - 1 ? "" : SamplingLevel(rawValue: UInt8(l))!.id
                    if yi > 0 { compare(&row, cells[yi - 1][k * levels + l]) }
                    rows.append(row)
                }
            }
        }
        return rows
    }

    private static func enumRows(_ ctx: Context, _ years: [Int], _ totals: [RateCounts], _ column: [UInt8], _ ids: [String]) -> [PassRateRow] {
        let none = ids.count
        return simpleRows(ctx, years, totals, keyCount: none, sortByKey: false,
                          key: { column[$0] == missingEnumCode ? none : Int(column[$0]) }, label: { (ids[$0], ids[$0]) })
    }

    /// Rows of a one-key dimension in key order: enums in their declared
    /// order, dictionary values by key text; "not given" last. `key(b)` is in
    /// 0..<keyCount, or keyCount for "not given".
    private static func simpleRows(_ ctx: Context, _ years: [Int], _ totals: [RateCounts], keyCount: Int, sortByKey: Bool,
                                   key: (Int) -> Int, label: (Int) -> (String, String)) -> [PassRateRow] {
        let cells = ctx.aggregate(keyCount: keyCount + 1, slots: 1) { b in (Int32(key(b)), -1, -1) }
        let labels = (0...keyCount).map { $0 == keyCount ? ("", "") : label($0) }
        let order = sortByKey ? (0...keyCount).sorted { a, b in
            if a == keyCount || b == keyCount { return b == keyCount && a != keyCount }
            return labels[a].0 < labels[b].0
        } : Array(0...keyCount)
        var rows: [PassRateRow] = []
        for (yi, y) in years.enumerated() {
            for k in order where cells[yi][k].sampled > 0 {
                var row = PassRateRow(year: y, key: labels[k].0, label: labels[k].1, regionLevel: "", parentKey: "", counts: cells[yi][k])
                if yi > 0 { compare(&row, cells[yi - 1][k]) }
                vsParent(&row, totals[yi])
                rows.append(row)
            }
        }
        return rows
    }

    private static func compare(_ row: inout PassRateRow, _ prev: RateCounts) {
        guard prev.tested > 0, row.counts.tested > 0 else { return }
        let p0 = Double(prev.passed) / Double(prev.tested)
        row.changePP = (row.rate! - p0) * 100
        row.changeP = Statistics.compareProportions(x1: row.counts.passed, n1: row.counts.tested, x2: prev.passed, n2: prev.tested)?.p
    }

    /// Difference from the parent's rate; the test compares the unit with the
    /// rest of the parent (the parent minus the unit), since a unit is part of
    /// its parent and cannot be tested against a total that contains it.
    private static func vsParent(_ row: inout PassRateRow, _ parent: RateCounts) {
        guard row.counts.tested > 0, parent.tested > 0 else { return }
        row.diffPPvsParent = (row.rate! - Double(parent.passed) / Double(parent.tested)) * 100
        let restN = parent.tested - row.counts.tested
        let restX = parent.passed - row.counts.passed
        if restN > 0 {
            row.parentP = Statistics.compareProportions(x1: row.counts.passed, n1: row.counts.tested, x2: restX, n2: restN)?.p
        }
    }

    /// Shared state for the group-by kernels.
    struct Context: Sendable {
        /// The batches in enterprise order (a stable counting sort; batches
        /// without an enterprise last). Sums do not depend on order; the
        /// enterprise counts need each enterprise's batches contiguous. Failed
        /// items are not carried over (no rate uses them).
        let t: SamplingTable
        let minYear: Int
        let yearCount: Int

        init(t original: consuming SamplingTable, minYear: Int, yearCount: Int) {
            self.minYear = minYear
            self.yearCount = yearCount
            // Loads already come in enterprise order (SamplingTableBuilder.finish);
            // only a table built some other way needs reordering.
            let ordered = original.enterprise.withUnsafeBufferPointer { e in (1..<max(e.count, 1)).allSatisfy { e[$0 - 1] <= e[$0] } }
            if ordered {
                var t = original
                original = SamplingTable(regions: t.regions)
                t.itemOffsets = []
                t.items = []
                self.t = t
                return
            }
            let n = original.enterprises.count
            var fill = [Int32](repeating: 0, count: n + 2)
            for e in original.enterprise { fill[(e == missingDictionaryCode ? n : Int(e)) + 1] += 1 }
            for e in 0...n { fill[e + 1] += fill[e] }
            var order = [Int32](repeating: 0, count: original.count)
            for (b, e) in original.enterprise.enumerated() {
                let k = e == missingDictionaryCode ? n : Int(e)
                order[Int(fill[k])] = Int32(b)
                fill[k] += 1
            }
            // Only the columns the group-bys read are carried; the others are emptied
            // so that no job can read them out of order by mistake.
            var t = original
            original = SamplingTable(regions: t.regions)  // drop this reference so each old column can be freed
            func gather<T>(_ a: [T]) -> [T] { order.map { a[Int($0)] } }
            t.year = gather(t.year); t.level = gather(t.level); t.region = gather(t.region)
            t.product = gather(t.product); t.enterprise = gather(t.enterprise); t.size = gather(t.size)
            t.channel = gather(t.channel); t.outcome = gather(t.outcome); t.testingAgency = gather(t.testingAgency)
            t.day = []; t.samplingAgency = []; t.followUp = []; t.industry = []
            t.itemOffsets = []
            t.items = []
            self.t = t
        }

        /// Group keys of one batch: up to three (a county, its city and its
        /// province), -1 for none.
        typealias Keys = (Int32, Int32, Int32)

        /// Counts batches and enterprises into `[year][key]` cells. `keys`
        /// gives the group keys of a batch; `slots` is how many it can give.
        ///
        /// One sequential pass. Batches come grouped by enterprise, so an
        /// enterprise's status in a cell is settled with a stamp per cell
        /// (the last enterprise counted there) instead of a list per
        /// enterprise: the first tested batch of an enterprise in a cell
        /// counts it as tested and passed, its first failed batch there
        /// takes the pass back.
        func aggregate(keyCount: Int, slots: Int, keys: (Int) -> Keys) -> [[RateCounts]] {
            let n = t.count, cellCount = yearCount * keyCount
            var sampled = [Int32](repeating: 0, count: cellCount), passed = sampled, failed = sampled
            var entTested = sampled, entPassed = sampled
            var stamp = [Int32](repeating: -1, count: cellCount)
            var stampFailed = [Bool](repeating: false, count: cellCount)
            let pass = SamplingOutcome.pass.rawValue, fail = SamplingOutcome.fail.rawValue
            let noEnterprise = missingDictionaryCode
            t.year.withUnsafeBufferPointer { year in
            t.outcome.withUnsafeBufferPointer { outcome in
            t.enterprise.withUnsafeBufferPointer { enterprise in
            sampled.withUnsafeMutableBufferPointer { sa in
            passed.withUnsafeMutableBufferPointer { pa in
            failed.withUnsafeMutableBufferPointer { fa in
            entTested.withUnsafeMutableBufferPointer { et in
            entPassed.withUnsafeMutableBufferPointer { ep in
            stamp.withUnsafeMutableBufferPointer { st in
            stampFailed.withUnsafeMutableBufferPointer { sf in
                for b in 0..<n {
                    let k = keys(b)
                    let base = (Int(year[b]) - minYear) * keyCount
                    let o = outcome[b]
                    let isPass = o == pass, isFail = o == fail
                    let e = enterprise[b]
                    for s in 0..<slots {
                        let key = s == 0 ? k.0 : (s == 1 ? k.1 : k.2)
                        if key < 0 { continue }
                        let c = base + Int(key)
                        sa[c] &+= 1
                        if isPass { pa[c] &+= 1 } else if isFail { fa[c] &+= 1 } else { continue }
                        if e == noEnterprise { continue }
                        let ei = Int32(bitPattern: e)
                        if st[c] != ei {
                            st[c] = ei
                            sf[c] = false
                            et[c] &+= 1
                            ep[c] &+= 1
                        }
                        if isFail && !sf[c] {
                            sf[c] = true
                            ep[c] &-= 1
                        }
                    }
                }
            }}}}}}}}}}
            return (0..<yearCount).map { y in
                (y * keyCount..<(y + 1) * keyCount).map { c in
                    var r = RateCounts()
                    r.sampled = Int(sampled[c]); r.passed = Int(passed[c]); r.failed = Int(failed[c])
                    r.enterprisesTested = Int(entTested[c]); r.enterprisesPassed = Int(entPassed[c])
                    return r
                }
            }
        }

        /// Indirect standardisation by product: for each year and group, the
        /// failures expected if every tested batch failed at its product's
        /// failure rate in that year across all groups: Σ over the group's
        /// tested batches of failed(year, product) / tested(year, product).
        func expectedFailures(groupCount: Int, group: (Int) -> Int) -> [[Double]] {
            let n = t.count, pc = t.products.count + 1
            var tested = [Int32](repeating: 0, count: yearCount * pc), failed = tested
            let fail = SamplingOutcome.fail.rawValue
            func productKey(_ b: Int) -> Int { t.product[b] == missingDictionaryCode ? pc - 1 : Int(t.product[b]) }
            for b in 0..<n where SamplingOutcome.isTested(code: t.outcome[b]) {
                let c = (Int(t.year[b]) - minYear) * pc + productKey(b)
                tested[c] += 1
                if t.outcome[b] == fail { failed[c] += 1 }
            }
            let rate = zip(tested, failed).map { $0.0 > 0 ? Double($0.1) / Double($0.0) : 0 }
            var expected = [[Double]](repeating: [Double](repeating: 0, count: groupCount), count: yearCount)
            for b in 0..<n where SamplingOutcome.isTested(code: t.outcome[b]) {
                let y = Int(t.year[b]) - minYear
                expected[y][group(b)] += rate[y * pc + productKey(b)]
            }
            return expected
        }
    }
}
