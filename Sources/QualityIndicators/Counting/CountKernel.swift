import Dispatch
import QualityData
import QualityRuntime

extension CountCube {
    /// qindex's own counting kernel: every table of ``CountTableKind`` from
    /// the loaded columns, one sequential pass per table over the batches in
    /// enterprise order (`PassRateAnalysis.Context.aggregate`), the tables in
    /// parallel; and every grouped indicator's rows (``GroupedIndicator/compute``,
    /// with `options`' item classes). Keys are written as text — region codes, product codes,
    /// enum ids, agency names — exactly as `qindex export` writes the
    /// columns, so the SQL over the export fills the same cells.
    ///
    /// `grouped`: the grouped indicators to count (every one for a report, those
    /// a plan or an index names for `targets` and `index`, none for rates alone).
    /// `findings`: whether to count the enterprises and failing items (a caller that needs only rates skips them).
    /// `filters`: the filtered sets of a plan's targets and an index's
    /// indicators (``RecordFilter/needed(by:)``), each counted like the table
    /// by region plus a row for all batches (``filtered``).
    public static func count(_ t: consuming SamplingTable, kinds: [CountTableKind] = CountTableKind.allCases,
                             grouped: [GroupedIndicator] = GroupedIndicator.registry, findings: Bool = true, filters: [RecordFilter] = [],
                             options: AnalysisOptions = AnalysisOptions()) -> CountCube {
        guard t.count > 0 else {
            var empty = CountCube()
            empty.filters = RecordFilter.distinct(filters).map(\.id)  // counted: none matched
            return empty
        }
        var cube = CountCube()
        // First what reads the records as loaded (failed items, dates, every
        // column): the grouped indicators, the enterprises over time and the
        // failing items, side by side; then the rate tables, which may take over the columns.
        let registry = grouped, table = t
        enum Part: Sendable {
            case grouped(Int, [GroupedRow]), enterprises([FollowUpEnterprises], [RepeatFailureCount], [RepeatFailureProductCount]), items([ItemCount])
        }
        var recordJobs: [@Sendable () -> Part] = []
        recordJobs += registry.indices.map { i -> @Sendable () -> Part in { .grouped(i, registry[i].compute(table, options: options).rows) } }
        if findings { recordJobs += [{ let (f, r, p) = enterpriseCounts(table); return .enterprises(f, r, p) }, { .items(itemCounts(table)) }] }
        let records = recordJobs, parts = IndexedResults<Part>()
        DispatchQueue.concurrentPerform(iterations: records.count) { parts.set($0, records[$0]()) }
        for part in parts.ordered {
            switch part {
            case .grouped(let i, let rows): cube.grouped[registry[i].countTable] = rows
            case .enterprises(let f, let r, let p): cube.followUpEnterprises = f; cube.repeatFailures = r; cube.repeatFailureProducts = p
            case .items(let items): cube.failedItems = items
            }
        }
        cube.firstDay = table.day.min()!
        cube.lastDay = table.day.max()!
        let minYear = Int(t.year.min()!), yearCount = Int(t.year.max()!) - minYear + 1
        let ctx = PassRateAnalysis.Context(t: consume t, minYear: minYear, yearCount: yearCount)
        let t = ctx.t
        let regions = t.regions

        /// Rows of the cells above zero; `key(k)` gives the key, sub-key and name of cell k.
        @Sendable func rows(_ cells: [[RateCounts]], _ key: (Int) -> (String, String, String)) -> [CountRow] {
            var out: [CountRow] = []
            for (yi, year) in cells.enumerated() {
                for (k, c) in year.enumerated() where c.sampled > 0 {
                    let (key, sub, name) = key(k)
                    out.append(CountRow(year: minYear + yi, key: key, subKey: sub, name: name, counts: c))
                }
            }
            return out
        }
        // Months as "YYYY-MM": each day of the span is looked up, not converted per batch.
        let firstDay = cube.firstDay, day = t.day
        let (y0, m0, _) = CivilDate.civil(firstDay), (y1, m1, _) = CivilDate.civil(cube.lastDay)
        let firstMonth = y0 * 12 + m0 - 1
        let monthNames = (firstMonth...(y1 * 12 + m1 - 1)).map { CountTableKind.monthName(year: $0 / 12, month: $0 % 12 + 1) }
        let monthOfDay: [Int32] = (firstDay...cube.lastDay).map { d in
            let (y, m, _) = CivilDate.civil(d)
            return Int32(y * 12 + m - 1 - firstMonth)
        }
        @Sendable func monthIndex(_ b: Int) -> Int { Int(monthOfDay[Int(day[b] - firstDay)]) }
        // County, city and province of each region (-1 where a level is missing).
        let ancestry: [PassRateAnalysis.Context.Keys] = (0..<regions.count).map {
            let a = regions.rollUp(Int32($0))
            return (a.count > 0 ? a[0] : -1, a.count > 1 ? a[1] : -1, a.count > 2 ? a[2] : -1)
        }
        let count = t.count, region = t.region
        /// Sparse cross tables (agency × product, region × month): the pairs
        /// that occur get dense ids first, then one pass counts them.
        /// Pairs are numbers below `space`; up to 4M of them are looked up in an array, more in a hash table.
        @Sendable func pairs(slots: Int, space: Int, _ pairOf: (Int, Int) -> Int) -> (ids: [Int], keys: [PassRateAnalysis.Context.Keys]) {
            var id: [Int: Int32] = [:], pairs: [Int] = []
            var dense = [Int32](repeating: -1, count: space <= 1 << 22 ? space : 0)
            var keys = [PassRateAnalysis.Context.Keys](repeating: (-1, -1, -1), count: count)
            func idOf(_ pair: Int) -> Int32 {
                if pair < 0 { return -1 }
                if !dense.isEmpty {
                    if dense[pair] >= 0 { return dense[pair] }
                    dense[pair] = Int32(pairs.count)
                } else {
                    if let i = id[pair] { return i }
                    id[pair] = Int32(pairs.count)
                }
                pairs.append(pair)
                return Int32(pairs.count - 1)
            }
            for b in 0..<count {
                keys[b] = (idOf(pairOf(b, 0)), slots > 1 ? idOf(pairOf(b, 1)) : -1, slots > 2 ? idOf(pairOf(b, 2)) : -1)
            }
            return (pairs, keys)
        }
        /// Each table's counting job: an exhaustive switch over the shapes of
        /// ``CountTableKey``, so a table over a new shape does not compile
        /// without its job, and one over a shape that exists needs none.
        @Sendable func job(_ kind: CountTableKind) -> [CountRow] {
            switch kind.key {
            case .none: return rows(ctx.aggregate(keyCount: 1, slots: 1) { _ in (0, -1, -1) }) { _ in ("", "", "") }
            case .column(let c):
                let k = ColumnKeys(c, t)
                return rows(ctx.aggregate(keyCount: k.count, slots: 1) { (Int32(k.key($0)), -1, -1) }) { (k.texts[$0], "", k.names[$0]) }
            case .pair(let a, let b):
                let ka = ColumnKeys(a, t), kb = ColumnKeys(b, t), width = kb.count
                // Dense cells while there are no more of them than batches; else the pairs that occur get ids first
                // (a cell costs its initialisation and its read-back, a batch one lookup).
                if ka.count * width * ctx.yearCount <= count {
                    let cells = ctx.aggregate(keyCount: ka.count * width, slots: 1) { (Int32(ka.key($0) * width + kb.key($0)), -1, -1) }
                    return rows(cells) { (ka.texts[$0 / width], kb.texts[$0 % width], "") }
                }
                let (ids, keys) = pairs(slots: 1, space: ka.count * width) { b, _ in ka.key(b) * width + kb.key(b) }
                let cells = ctx.aggregate(keyCount: ids.count, slots: 1) { keys[$0] }
                return rows(cells) { (ka.texts[ids[$0] / width], kb.texts[ids[$0] % width], "") }
            case .month: return rows(ctx.aggregate(keyCount: monthNames.count, slots: 1) { (Int32(monthIndex($0)), -1, -1) }) { (monthNames[$0], "", "") }
            case .regions:
                let cells = ctx.aggregate(keyCount: regions.count, slots: 3) { b in ancestry[Int(region[b])] }
                return rows(cells) { (regions.regions[$0].code, "", "") }
            case .regionsByMonth:
                let months = monthNames.count
                let (ids, keys) = pairs(slots: 3, space: regions.count * months) { b, s in
                    let a = ancestry[Int(region[b])], r = s == 0 ? a.0 : (s == 1 ? a.1 : a.2)
                    return r < 0 ? -1 : Int(r) * months + monthIndex(b)
                }
                let cells = ctx.aggregate(keyCount: ids.count, slots: 3) { keys[$0] }
                return rows(cells) { (regions.regions[ids[$0] / months].code, monthNames[ids[$0] % months], "") }
            }
        }
        /// A filtered set: its batches in every region they roll up to, and all of them.
        @Sendable func filtered(_ f: RecordFilter) -> [CountRow] {
            let id = f.id, accepted = f.accepts(t), none: PassRateAnalysis.Context.Keys = (-1, -1, -1)
            let all = ctx.aggregate(keyCount: 1, slots: 1) { accepted[$0] ? (0, -1, -1) : none }
            let byRegion = ctx.aggregate(keyCount: regions.count, slots: 3) { accepted[$0] ? ancestry[Int(region[$0])] : none }
            return rows(all) { _ in (id, RegionTable.nationalCode, "") } + rows(byRegion) { (id, regions.regions[$0].code, "") }
        }
        let wanted = CountTableKind.allCases.filter { kinds.contains($0) }
        let filterList = RecordFilter.distinct(filters)
        let results = IndexedResults<[CountRow]>()
        DispatchQueue.concurrentPerform(iterations: wanted.count + filterList.count) { i in
            results.set(i, i < wanted.count ? job(wanted[i]) : filtered(filterList[i - wanted.count]))
        }
        let all = results.ordered
        for (kind, rows) in zip(wanted, all) { cube.tables[kind.table] = rows }
        cube.filtered = all.dropFirst(wanted.count).flatMap { $0 }
        cube.filters = filterList.map(\.id)
        return cube  // in the kernel's order: derive needs none, the CSV writer sorts
    }
}

extension CountCube {
    /// Per enterprise, over its batches in date order (ties in table order):
    /// the follow-up of each year's first failure (sampled again within 365
    /// days after it), and the enterprises failing twice or more with their
    /// longest run of failures, and those enterprises' tested batches and
    /// failures by year and product. What the SQL does with window functions.
    static func enterpriseCounts(_ t: SamplingTable) -> ([FollowUpEnterprises], [RepeatFailureCount], [RepeatFailureProductCount]) {
        let n = t.count, ec = t.enterprises.count
        let fail = SamplingOutcome.fail.rawValue
        // Batches of each enterprise (counting sort; the table need not be in enterprise order).
        var start = [Int](repeating: 0, count: ec + 1)
        for e in t.enterprise where e != missingDictionaryCode { start[Int(e) + 1] += 1 }
        for e in 0..<ec { start[e + 1] += start[e] }
        var fill = start
        var order = [Int32](repeating: 0, count: start[ec])
        for b in 0..<n where t.enterprise[b] != missingDictionaryCode {
            let e = Int(t.enterprise[b])
            order[fill[e]] = Int32(b)
            fill[e] += 1
        }
        let minYear = Int(t.year.min()!), maxYear = Int(t.year.max()!)
        var failedEnterprises = [Int](repeating: 0, count: maxYear - minYear + 1), resampled = failedEnterprises
        var repeats: [RepeatFailureCount] = []
        var repeatProducts: [RepeatFailureProductCount] = []
        var batches: [(day: Int32, batch: Int32)] = []
        var products: [UInt32] = []  // failed products of the current enterprise
        for e in 0..<ec {
            batches.removeAll(keepingCapacity: true)
            for i in start[e]..<start[e + 1] { batches.append((t.day[Int(order[i])], order[i])) }
            batches.sort { $0.day != $1.day ? $0.day < $1.day : $0.batch < $1.batch }
            // Follow-up: first failure of each year, and any sampling within 365 days after it.
            var seenYear = -1
            for (j, (day, b)) in batches.enumerated() where t.outcome[Int(b)] == fail {
                let y = Int(t.year[Int(b)])
                if y == seenYear { continue }
                seenYear = y
                failedEnterprises[y - minYear] += 1
                if batches[(j + 1)...].contains(where: { $0.day > day && $0.day <= day + 365 }) { resampled[y - minYear] += 1 }
            }
            // Repeat failures over the whole period, in date order.
            var tested = 0, failures = 0, run = 0, longest = 0
            var firstFail: Int32 = .max, lastFail: Int32 = .min
            products.removeAll(keepingCapacity: true)
            for (day, b) in batches where SamplingOutcome.isTested(code: t.outcome[Int(b)]) {
                tested += 1
                if t.outcome[Int(b)] == fail {
                    failures += 1
                    run += 1
                    longest = max(longest, run)
                    firstFail = min(firstFail, day)
                    lastFail = max(lastFail, day)
                    let p = t.product[Int(b)]
                    if p != missingDictionaryCode { products.append(p) }
                } else {
                    run = 0
                }
            }
            guard failures >= 2 else { continue }
            // Its tested batches and failures by year and product ("" not given): the expected failures' weights.
            var byYearProduct: [Int: (tested: Int, failures: Int)] = [:]  // year offset × (products + 1) + product
            let width = t.products.count + 1
            for (_, b) in batches where SamplingOutcome.isTested(code: t.outcome[Int(b)]) {
                let p = t.product[Int(b)] == missingDictionaryCode ? width - 1 : Int(t.product[Int(b)])
                let k = (Int(t.year[Int(b)]) - minYear) * width + p
                byYearProduct[k, default: (0, 0)].tested += 1
                if t.outcome[Int(b)] == fail { byYearProduct[k, default: (0, 0)].failures += 1 }
            }
            let name = t.enterprises.string(UInt32(e))
            for (k, c) in byYearProduct {
                let p = k % width
                repeatProducts.append(RepeatFailureProductCount(enterprise: name, year: k / width + minYear,
                                                                productCode: p == width - 1 ? "" : t.products.string(UInt32(p)),
                                                                batchesTested: c.tested, failures: c.failures))
            }
            let region = t.region[Int(batches[0].batch)]
            repeats.append(RepeatFailureCount(enterprise: t.enterprises.string(UInt32(e)), regionCode: t.regions[region].code,
                                              batchesTested: tested, failures: failures, longestFailureRun: longest,
                                              firstFailure: firstFail, lastFailure: lastFail,
                                              products: Set(products).map { t.products.string($0) }.sorted()))
        }
        let follow = (minYear...maxYear).compactMap { y in
            failedEnterprises[y - minYear] == 0 ? nil
                : FollowUpEnterprises(year: y, enterprisesFailed: failedEnterprises[y - minYear], enterprisesResampled: resampled[y - minYear])
        }
        return (follow, repeats, repeatProducts)
    }

    /// Failed batches citing each item, by year and product ("" where the batch named none).
    static func itemCounts(_ t: SamplingTable) -> [ItemCount] {
        let minYear = Int(t.year.min()!)
        let pc = t.products.count + 1, ic = t.itemNames.count
        guard ic > 0 else { return [] }
        var counts: [Int: Int] = [:]  // (year, product, item) packed → failures
        let fail = SamplingOutcome.fail.rawValue
        for b in 0..<t.count where t.outcome[b] == fail {
            let p = t.product[b] == missingDictionaryCode ? pc - 1 : Int(t.product[b])
            let yp = (Int(t.year[b]) - minYear) * pc + p
            for item in t.failedItems(of: b) { counts[yp * ic + Int(item), default: 0] += 1 }
        }
        return counts.map { k, v in
            let yp = k / ic, p = yp % pc
            return ItemCount(year: yp / pc + minYear, productCode: p == pc - 1 ? "" : t.products.string(UInt32(p)),
                             productName: p == pc - 1 ? "" : t.productNames[p], item: t.itemNames.string(UInt32(k % ic)), failures: v)
        }
    }
}

/// A stored column's groups for the kernel: each batch's group, and each
/// group's key text and name — an enum by its ids and a coded text by its
/// dictionary's text (a product named by its display name), the last group
/// (`count − 1`, key "") being "not given"; the region as recorded by its
/// code (always given).
struct ColumnKeys: Sendable {
    let count: Int
    let texts: [String]
    let names: [String]
    let key: @Sendable (Int) -> Int

    init(_ c: SamplingColumn, _ t: SamplingTable) {
        switch c.spec.storage {
        case .byte(let path)?:
            let column = t[keyPath: path], none = c.ids.count
            texts = c.ids + [""]
            key = { column[$0] == missingEnumCode ? none : Int(column[$0]) }
        case .code(let path, let dictionary)?:
            let column = t[keyPath: path], d = t[keyPath: dictionary.path], none = d.count
            texts = (0..<d.count).map { d.string(UInt32($0)) } + [""]
            key = { column[$0] == missingDictionaryCode ? none : Int(column[$0]) }
        case .region(let path)?:
            let column = t[keyPath: path]
            texts = t.regions.regions.map(\.code)
            key = { Int(column[$0]) }
        default:
            preconditionFailure("\(c.rawValue) is not a column the kernel can group by")
        }
        count = texts.count
        names = c == .productCode ? t.productNames + [""] : [String](repeating: "", count: count)
    }
}
