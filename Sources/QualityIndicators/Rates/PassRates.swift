import Dispatch
import Foundation
import QualityData
import QualityRuntime

/// A breakdown of pass rates is one of the count tables
/// (``CountTableKind/breakdowns``): its cases, raw values
/// (`pass_rate_by_<rawValue>`, the store's dimension) and key columns are
/// the count table's, declared once there.
public typealias Dimension = CountTableKind

extension CountTableKind {
    /// What a breakdown is called: its key column's label (region × level has its own).
    public var name: Bilingual {
        if self == .regionLevel { return Bilingual("地区 × 抽查级别", "Region × sampling level") }
        return columns.key?.spec.label ?? Bilingual(rawValue, rawValue)
    }
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
    public var interval: ProportionInterval? {
        guard intervalMethod == .cluster else { return intervalMethod.interval(successes: counts.passed, trials: counts.tested) }
        let e = counts.effectiveCounts
        return Statistics.wilson(successes: e.x, trials: e.n)
    }
    /// The counts a funnel places this row by: the batches, or under
    /// `--interval cluster` the effective ones (rounded; at least 1).
    public var funnelCounts: (x: Int, n: Int) { Self.funnelCounts(counts, cluster: intervalMethod == .cluster) }
    static func funnelCounts(_ c: RateCounts, cluster: Bool) -> (x: Int, n: Int) {
        guard cluster, c.tested > 0 else { return (c.passed, c.tested) }
        return Statistics.roundedCounts(c.effectiveCounts)
    }
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
    /// The units compared with this one vary no more than binomial noise:
    /// nothing is shrunk or ranked ("no detectable differences between units").
    public var noDetectableDifferences = false
    /// Agencies: failures expected from the national failure rate of each
    /// product they tested (indirect standardisation), and observed ÷ expected.
    public var expectedFailures: Double?
    public var failureRatio: Double? { expectedFailures.flatMap { $0 > 0 ? Double(counts.failed) / $0 : nil } }
    /// Change against the same group's previous year, percentage points;
    /// its p-value from ``Statistics/compareProportions(x1:n1:x2:n2:)``.
    public var changePP: Double?
    public var changeP: Double?
    /// Benjamini–Hochberg q-values of ``changeP`` and ``parentP`` within their
    /// family: one table, one year, one region level (``PassRateAnalysis/addQValues(_:)``).
    public var changeQ: Double?
    public var parentQ: Double?
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

    /// Computes every table from the loaded columns: qindex's own counting
    /// kernel fills a ``CountCube`` (`CountCube.count`), and ``derive`` does
    /// the statistics — the same function `report --from-counts` calls on
    /// counts from DuckDB or Spark.
    ///
    /// Pass the table as a temporary where possible (`compute(consume t)`):
    /// the aggregation reorders its columns, and with no other reference the
    /// old columns are freed one at a time instead of being copied.
    public static func compute(_ t: consuming SamplingTable, options: AnalysisOptions = AnalysisOptions()) -> PassRateAnalysis {
        let regions = t.regions
        let kinds: [CountTableKind] = [.year] + CountTableKind.breakdowns + [.agencyProduct]
        return derive(CountCube.count(consume t, kinds: kinds, grouped: [], findings: false, options: options), regions: regions, options: options)
    }

    /// Every pass-rate table from a cube of counts, whichever engine counted
    /// them: rates and intervals, changes on the previous year, differences
    /// from the parent and their tests, funnels, empirical Bayes, and the
    /// agencies' product-standardised failure ratios. Rows come in a fixed
    /// order (years; regions by code; products and agencies by key text;
    /// enums in declared order; "not given" last), so the same counts give
    /// the same tables however they were read.
    public static func derive(_ cube: CountCube, regions: RegionTable, options: AnalysisOptions = AnalysisOptions()) -> PassRateAnalysis {
        let overall = cube.rows(.year)
        guard let minYear = overall.map(\.year).min(), let maxYear = overall.map(\.year).max() else {
            return PassRateAnalysis(years: [], byYear: [], byDimension: [:])
        }
        let years = Array(minYear...maxYear)
        let cluster = options.interval == .cluster
        let all = Cells(overall, minYear: minYear, yearCount: years.count)
        let totals = years.indices.map { yi in all.index(of: "").map { all.at($0, yi) } ?? RateCounts() }
        var byYear: [PassRateRow] = []
        for (yi, y) in years.enumerated() where totals[yi].sampled > 0 {
            var row = PassRateRow(year: y, key: "", label: "", regionLevel: "", parentKey: "", counts: totals[yi])
            if yi > 0 { compare(&row, totals[yi - 1], cluster) }
            byYear.append(row)
        }
        @Sendable func byKey(_ kind: CountTableKind) -> [String] {
            let keys = Set(cube.rows(kind).map(\.key)).filter { !$0.isEmpty }.sorted()
            return keys + [""]
        }
        /// Each breakdown's rows: regions, products and agencies have comparisons of
        /// their own; any other breakdown is its rows in key order (an enum's
        /// declared order), each compared with all batches.
        @Sendable func breakdown(_ d: Dimension) -> [PassRateRow] {
            switch d {
            case .region: return Comparison.regions(regionRows(cube, regions, years, totals, cluster), totals: totals, years: years, options: options)
            case .regionLevel: return regionLevelRows(cube, regions, years, cluster)
            case .product: return Comparison.shrinkWithinYears(simpleRows(cube.rows(.product), years, totals, cluster, order: byKey(.product), named: true))
            case .agency:
                let rows = simpleRows(cube.rows(.agency), years, totals, cluster, order: byKey(.agency))
                let expected = expectedFailures(cube.rows(.agencyProduct))
                return Comparison.agencies(rows, expected: { expected[YearKey($0, $1)] ?? 0 }, years: years, options: options)
            default:
                let ids = d.columns.key?.ids ?? []
                return simpleRows(cube.rows(d), years, totals, cluster, order: ids.isEmpty ? byKey(d) : ids + [""])
            }
        }
        let jobs: [@Sendable () -> (Dimension, [PassRateRow])] = CountTableKind.breakdowns.map { d in { (d, breakdown(d)) } }
        let results = IndexedResults<(Dimension, [PassRateRow])>()
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in results.set(i, jobs[i]()) }
        var dims: [Dimension: [PassRateRow]] = [:]
        for (d, rows) in results.ordered {
            dims[d] = rows.map { var r = $0; r.intervalMethod = options.interval; return r }
        }
        byYear = byYear.map { var r = $0; r.intervalMethod = options.interval; return r }
        addQValues(&byYear)
        for d in dims.keys { addQValues(&dims[d]!) }
        return PassRateAnalysis(years: years, byYear: byYear, byDimension: dims)
    }

    /// The counts of one table by key (a key's text and its sub-key) and
    /// year index: each distinct key looked up once, then arrays.
    struct Cells {
        struct Key: Hashable { let key: String, sub: String }
        var index: [Key: Int] = [:]
        var keys: [Key] = []
        var names: [String] = []
        var counts: [[RateCounts?]] = []
        init(_ rows: [CountRow], minYear: Int, yearCount: Int) {
            for r in rows {
                let k = Key(key: r.key, sub: r.subKey)
                let i: Int
                if let j = index[k] { i = j } else {
                    i = keys.count
                    index[k] = i
                    keys.append(k); names.append(r.name)
                    counts.append([RateCounts?](repeating: nil, count: yearCount))
                }
                counts[i][r.year - minYear] = r.counts
                if names[i].isEmpty { names[i] = r.name }
            }
        }
        func at(_ i: Int, _ yearIndex: Int) -> RateCounts { counts[i][yearIndex] ?? RateCounts() }
        func index(of key: String, sub: String = "") -> Int? { index[Key(key: key, sub: sub)] }
    }

    /// Regions: every batch counts in its county, city and province (the cube's region table is counted at every level).
    private static func regionRows(_ cube: CountCube, _ regions: RegionTable, _ years: [Int], _ totals: [RateCounts], _ cluster: Bool) -> [PassRateRow] {
        let cells = Cells(cube.rows(.region), minYear: years[0], yearCount: years.count)
        // (cell, region, parent's cell) in code order; the parent's cell is nil for a province.
        let order = cells.keys.indices.compactMap { i -> (cell: Int, region: Int, parent: Int?)? in
            guard let k = regions.index(ofCode: cells.keys[i].key) else { return nil }
            let parent = Int(max(regions.regions[Int(k)].parent, 0))
            return (i, Int(k), parent == 0 ? nil : cells.index(of: regions.regions[parent].code))
        }.sorted { cells.keys[$0.cell].key < cells.keys[$1.cell].key }
        var rows: [PassRateRow] = []
        for (yi, y) in years.enumerated() {
            for (i, k, parentCell) in order where cells.at(i, yi).sampled > 0 {
                let reg = regions.regions[k]
                let parent = Int(max(reg.parent, 0))
                var row = PassRateRow(year: y, key: reg.code, label: reg.name, regionLevel: reg.level.id,
                                      parentKey: parent == 0 ? RegionTable.nationalCode : regions.regions[parent].code,
                                      counts: cells.at(i, yi))
                if yi > 0 { compare(&row, cells.at(i, yi - 1), cluster) }
                vsParent(&row, parent == 0 ? totals[yi] : parentCell.map { cells.at($0, yi) } ?? RateCounts(), cluster)
                rows.append(row)
            }
        }
        return rows
    }

    /// Region as recorded (no roll-up) × sampling level.
    private static func regionLevelRows(_ cube: CountCube, _ regions: RegionTable, _ years: [Int], _ cluster: Bool) -> [PassRateRow] {
        let cells = Cells(cube.rows(.regionLevel), minYear: years[0], yearCount: years.count)
        let levels = SamplingColumn.level.ids + [""]
        let levelRank = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
        // Cells by region code, then level in declared order ("not given" last).
        let order = cells.keys.indices.compactMap { i -> (cell: Int, region: Int)? in
            guard let k = regions.index(ofCode: cells.keys[i].key), levelRank[cells.keys[i].sub] != nil else { return nil }
            return (i, Int(k))
        }.sorted { a, b in
            let x = cells.keys[a.cell], y = cells.keys[b.cell]
            return x.key != y.key ? x.key < y.key : levelRank[x.sub]! < levelRank[y.sub]!
        }
        var rows: [PassRateRow] = []
        for (yi, y) in years.enumerated() {
            for (i, k) in order where cells.at(i, yi).sampled > 0 {
                let reg = regions.regions[k]
                var row = PassRateRow(year: y, key: reg.code, label: reg.name, regionLevel: reg.level.id, parentKey: "", counts: cells.at(i, yi))
                row.subKey = cells.keys[i].sub
                if yi > 0 { compare(&row, cells.at(i, yi - 1), cluster) }
                rows.append(row)
            }
        }
        return rows
    }

    /// Rows of a one-key dimension in `order` (keys not in it are not listed).
    /// `named`: the label is the row's name (a product's), else its key.
    private static func simpleRows(_ counts: [CountRow], _ years: [Int], _ totals: [RateCounts], _ cluster: Bool, order: [String],
                                   named: Bool = false) -> [PassRateRow] {
        let cells = Cells(counts, minYear: years[0], yearCount: years.count)
        let listed = order.compactMap { k in cells.index(of: k) }
        var rows: [PassRateRow] = []
        for (yi, y) in years.enumerated() {
            for i in listed where cells.at(i, yi).sampled > 0 {
                let k = cells.keys[i].key
                var row = PassRateRow(year: y, key: k, label: named ? cells.names[i] : k, regionLevel: "", parentKey: "", counts: cells.at(i, yi))
                if yi > 0 { compare(&row, cells.at(i, yi - 1), cluster) }
                vsParent(&row, totals[yi], cluster)
                rows.append(row)
            }
        }
        return rows
    }

    /// Indirect standardisation by product: for each year and agency, the
    /// failures expected if every tested batch failed at its product's
    /// failure rate in that year across all agencies: Σ over products of
    /// tested(agency, product) × failed(product) / tested(product), summed
    /// in product-key order within each agency (so the same counts give the
    /// same sum in whatever order they were read).
    static func expectedFailures(_ agencyProduct: [CountRow]) -> [YearKey: Double] {
        var product: [YearKey: (tested: Int, failed: Int)] = [:]
        var mix: [YearKey: [(product: String, tested: Int)]] = [:]
        for r in agencyProduct where r.counts.tested > 0 {
            product[YearKey(r.year, r.subKey), default: (0, 0)].tested += r.counts.tested
            product[YearKey(r.year, r.subKey), default: (0, 0)].failed += r.counts.failed
            mix[YearKey(r.year, r.key), default: []].append((r.subKey, r.counts.tested))
        }
        var expected: [YearKey: Double] = [:]
        for (agency, products) in mix {
            var sum = 0.0
            for (p, tested) in products.sorted(by: { $0.product < $1.product }) {
                let c = product[YearKey(agency.year, p)]!
                sum += Double(tested) * (Double(c.failed) / Double(c.tested))
            }
            expected[agency] = sum
        }
        return expected
    }

    /// A year and a key, as a dictionary key.
    struct YearKey: Hashable {
        let year: Int, key: String
        init(_ year: Int, _ key: String) { self.year = year; self.key = key }
    }

    /// The q-values of one table's rows: each family — one year and one
    /// region level (the table's rows of a year where it has no levels) —
    /// adjusted on its own, for the change on the previous year and for the
    /// comparison with the parent (Benjamini–Hochberg).
    static func addQValues(_ rows: inout [PassRateRow]) {
        struct Family: Hashable { let year: Int, level: String }
        var families: [Family: [Int]] = [:]
        for (i, r) in rows.enumerated() { families[Family(year: r.year, level: r.regionLevel), default: []].append(i) }
        for members in families.values {
            let change = Statistics.benjaminiHochberg(members.map { rows[$0].changeP })
            let parent = Statistics.benjaminiHochberg(members.map { rows[$0].parentP })
            for (k, i) in members.enumerated() { rows[i].changeQ = change[k]; rows[i].parentQ = parent[k] }
        }
    }

    /// `cluster`: the test at the effective counts (``RateCounts/effectiveCounts``).
    private static func compare(_ row: inout PassRateRow, _ prev: RateCounts, _ cluster: Bool) {
        guard prev.tested > 0, row.counts.tested > 0 else { return }
        let p0 = Double(prev.passed) / Double(prev.tested)
        row.changePP = (row.rate! - p0) * 100
        row.changeP = cluster ? Statistics.compareEffective(row.counts.effectiveCounts, prev.effectiveCounts)
            : Statistics.compareProportions(x1: row.counts.passed, n1: row.counts.tested, x2: prev.passed, n2: prev.tested)?.p
    }

    /// Difference from the parent's rate; the test compares the unit with the
    /// rest of the parent (the parent minus the unit), since a unit is part of
    /// its parent and cannot be tested against a total that contains it.
    /// `cluster`: the test at the effective counts, the rest's from its own
    /// cluster sums (the parent's less the unit's) or, where an enterprise
    /// has batches on both sides, at the parent's design effect.
    private static func vsParent(_ row: inout PassRateRow, _ parent: RateCounts, _ cluster: Bool) {
        guard row.counts.tested > 0, parent.tested > 0 else { return }
        row.diffPPvsParent = (row.rate! - Double(parent.passed) / Double(parent.tested)) * 100
        let restN = parent.tested - row.counts.tested
        let restX = parent.passed - row.counts.passed
        guard restN > 0 else { return }
        guard cluster else {
            row.parentP = Statistics.compareProportions(x1: row.counts.passed, n1: row.counts.tested, x2: restX, n2: restN)?.p
            return
        }
        let rest = parent.minus(row.counts)
        var restCounts = rest.effectiveCounts
        if rest.clusterSums == nil, parent.clusterSums != nil {
            let d = max(parent.designEffect ?? 1, 1)
            restCounts = (Double(restX) / d, Double(restN) / d)
        }
        row.parentP = Statistics.compareEffective(row.counts.effectiveCounts, restCounts)
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
            // Every stored column is carried in the new order (any may key a table or a
            // filter); failed items are not (no rate reads them).
            var t = original
            original = SamplingTable(regions: t.regions)  // drop this reference so each old column can be freed
            func gather<T>(_ a: [T]) -> [T] { a.isEmpty ? a : order.map { a[Int($0)] } }
            // Every stored column of the schema (any may key a table or a filter), and the enterprise.
            for spec in SamplingSchema.stored {
                switch spec.storage {
                case .byte(let p)?: t[keyPath: p] = gather(t[keyPath: p])
                case .code(let p, _)?: t[keyPath: p] = gather(t[keyPath: p])
                case .day(let p)?: t[keyPath: p] = gather(t[keyPath: p])
                case .year(let p)?: t[keyPath: p] = gather(t[keyPath: p])
                case .region(let p)?: t[keyPath: p] = gather(t[keyPath: p])
                case nil: break
                }
            }
            t.enterprise = gather(t.enterprise)
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
        /// takes the pass back. The same stamp delimits each enterprise's
        /// batches in the cell — a cluster — whose running passed y and
        /// tested m update the cluster sums Σy², Σym, Σm² as each batch adds
        /// one (y → y + p, m → m + 1); a batch without an enterprise is a
        /// cluster of its own.
        func aggregate(keyCount: Int, slots: Int, keys: (Int) -> Keys) -> [[RateCounts]] {
            let n = t.count, cellCount = yearCount * keyCount
            var sampled = [Int32](repeating: 0, count: cellCount), passed = sampled, failed = sampled
            var entTested = sampled, entPassed = sampled
            var stamp = [Int32](repeating: -1, count: cellCount)
            var stampFailed = [Bool](repeating: false, count: cellCount)
            var clusters = sampled, clusterPassed = sampled, clusterTested = sampled
            var yy = [Int](repeating: 0, count: cellCount), ym = yy, mm = yy
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
            clusters.withUnsafeMutableBufferPointer { cl in
            clusterPassed.withUnsafeMutableBufferPointer { cy in
            clusterTested.withUnsafeMutableBufferPointer { cm in
            yy.withUnsafeMutableBufferPointer { syy in
            ym.withUnsafeMutableBufferPointer { sym in
            mm.withUnsafeMutableBufferPointer { smm in
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
                        let p = isPass ? 1 : 0
                        if e == noEnterprise {  // a cluster of one batch: y² = y·m = y, m² = 1
                            cl[c] &+= 1; syy[c] &+= p; sym[c] &+= p; smm[c] &+= 1
                            continue
                        }
                        let ei = Int32(bitPattern: e)
                        if st[c] != ei {
                            st[c] = ei
                            sf[c] = false
                            et[c] &+= 1
                            ep[c] &+= 1
                            cl[c] &+= 1; cy[c] = 0; cm[c] = 0
                        }
                        let y = Int(cy[c]), m = Int(cm[c])
                        syy[c] &+= (2 * y + 1) * p          // (y + p)² − y²
                        sym[c] &+= y + p * (m + 1)          // (y + p)(m + 1) − y·m
                        smm[c] &+= 2 * m + 1                // (m + 1)² − m²
                        cy[c] &+= Int32(p); cm[c] &+= 1
                        if isFail && !sf[c] {
                            sf[c] = true
                            ep[c] &-= 1
                        }
                    }
                }
            }}}}}}}}}}}}}}}}
            return (0..<yearCount).map { y in
                (y * keyCount..<(y + 1) * keyCount).map { c in
                    var r = RateCounts()
                    r.sampled = Int(sampled[c]); r.passed = Int(passed[c]); r.failed = Int(failed[c])
                    r.enterprisesTested = Int(entTested[c]); r.enterprisesPassed = Int(entPassed[c])
                    r.clusterSums = ClusterSums(clusters: Int(clusters[c]), passedSquares: yy[c], passedTimesTested: ym[c], testedSquares: mm[c])
                    return r
                }
            }
        }
    }
}
