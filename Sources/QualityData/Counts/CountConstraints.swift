/// The rules counts made by a GROUP BY always keep, declared once beside
/// the count tables (``CountTableKind``, ``CountCube``): `report
/// --from-counts` checks an engine's tables against them before anything is
/// derived — as a database checks its constraints — and a test checks qindex's
/// own kernel against the same code (`CountConstraintsTests`).
///
/// - one row per key in every table;
/// - within a row: passed + failed ≤ sampled, enterprises passed ≤
///   enterprises tested ≤ batches tested; every share's numerator ≤ its
///   denominator (a grouped indicator's declared shares; re-sampled ≤ failed
///   enterprises); a repeat failure's failures ≤ its batches tested, its
///   longest run ≤ its failures, its first failure ≤ its last;
/// - across rows: a region's counts ≤ its parent's (the province's ≤ all
///   batches'), and its children's batches together ≤ its own; every
///   breakdown's batches together ≤ all batches of the year; a filtered set ≤
///   all batches of its region; a failing item's failures ≤ its product's
///   failed batches;
/// - every year within the data's dates (`counts_dates`, a year either side
///   for task years); the inputs' accounting (loaded batches) equal to the
///   batches counted.
public struct CountViolation: Sendable, Equatable {
    /// The table (`counts_region`), and the row in it as read (−1: the table as a whole).
    public let table: String
    public let row: Int
    public let rule: Bilingual
    public init(table: String, row: Int, rule: Bilingual) { self.table = table; self.row = row; self.rule = rule }
}

extension CountCube {
    /// The largest count a count table may hold: far beyond any data set,
    /// and small enough that sums over a million rows cannot overflow.
    public static let largestCount = RecordLimits.largestCount

    /// Every row of the cube that breaks a rule, in table and row order (the
    /// rows as read, before ``sort()``). `grouped`: the grouped tables'
    /// declared shares; `loadedBatches`: the batches the inputs' accounting
    /// says were loaded (nil: no accounting).
    public func violations(grouped specs: [GroupedCountTableSpec], loadedBatches: Int?, regions: RegionTable) -> [CountViolation] {
        var out: [CountViolation] = []
        func add(_ table: String, _ row: Int, _ zh: String, _ en: String) { out.append(CountViolation(table: table, row: row, rule: Bilingual(zh, en))) }
        let firstYear = CivilDate.civil(firstDay).year - 1, lastYear = CivilDate.civil(lastDay).year + 1
        func inSpan(_ table: String, _ row: Int, _ year: Int) {
            if year < firstYear || year > lastYear {
                add(table, row, "年份 \(year) 不在数据的日期范围内（counts_dates：\(CivilDate.iso(firstDay)) 至 \(CivilDate.iso(lastDay))）",
                    "year \(year) lies outside the data's dates (counts_dates: \(CivilDate.iso(firstDay)) to \(CivilDate.iso(lastDay)))")
            }
        }
        func unique<K: Hashable>(_ table: String, _ keys: [K], describe: (K) -> String) {
            var seen: [K: Int] = [:]
            for (i, k) in keys.enumerated() {
                if let first = seen[k] {
                    add(table, i, "键重复（与第 \(first + 1) 个数据行相同：\(describe(k))）：每个键只能有一行",
                        "a key repeated (as data row \(first + 1): \(describe(k))): one row per key")
                } else { seen[k] = i }
            }
        }
        func within(_ table: String, _ i: Int, _ c: RateCounts) {
            if c.tested > c.sampled { add(table, i, "合格与不合格之和多于抽查批次", "passed + failed exceed the batches sampled") }
            if c.enterprisesPassed > c.enterprisesTested { add(table, i, "合格企业多于受检企业", "more enterprises passed than tested") }
            if c.enterprisesTested > c.tested { add(table, i, "受检企业多于检验批次", "more enterprises tested than batches tested") }
        }
        func notAbove(_ table: String, _ i: Int, _ c: RateCounts, _ p: RateCounts, _ whose: String, _ whoseEn: String) {
            if c.sampled > p.sampled || c.passed > p.passed || c.failed > p.failed || c.enterprisesTested > p.enterprisesTested {
                add(table, i, "计数多于\(whose)的（抽查 \(c.sampled) > \(p.sampled)，或合格、不合格、受检企业更多）",
                    "counts above \(whoseEn)'s (sampled \(c.sampled) vs \(p.sampled), or more passed, failed or enterprises tested)")
            }
        }
        // All batches by year: the ceiling of every breakdown; the region tables and the agencies by key.
        let years = rows(.year)
        let regionIndex = index(.region), regionMonthIndex = index(.regionMonth), agencyIndex = index(.agency)
        func lookup(_ kind: CountTableKind, _ year: Int, _ key: String, _ subKey: String) -> RateCounts? {
            (kind == .region ? regionIndex : regionMonthIndex)["\(year)\u{1F}\(key)\u{1F}\(subKey)"]
        }
        var byYear: [Int: RateCounts] = [:]
        unique(CountTableKind.year.table, years.map(\.year)) { "\($0)" }
        for (i, r) in years.enumerated() {
            within(CountTableKind.year.table, i, r.counts)
            inSpan(CountTableKind.year.table, i, r.year)
            byYear[r.year] = r.counts
        }
        var months: [String: RateCounts] = [:]
        for r in rows(.month) { months[r.key] = r.counts }
        for kind in CountTableKind.allCases where kind != .year {
            let table = kind.table, rs = rows(kind)
            unique(table, rs.map { "\($0.year)\u{1F}\($0.key)\u{1F}\($0.subKey)" }) { $0.replacingOccurrences(of: "\u{1F}", with: " ") }
            var sums: [String: RateCounts] = [:]
            for (i, r) in rs.enumerated() {
                within(table, i, r.counts)
                inSpan(table, i, r.year)
                if kind.rollsUpRegions {
                    // A region's counts are its parent's part: never above them; its children's together never above its own.
                    let top = kind == .region ? byYear[r.year] : months[r.subKey]
                    guard let idx = regions.index(ofCode: r.key) else { continue }
                    let parent = regions[idx].parent
                    let parentCounts = parent <= 0 ? top : lookup(kind, r.year, regions[parent].code, r.subKey)
                    if let p = parentCounts {
                        notAbove(table, i, r.counts, p, parent <= 0 ? "全部批次" : regions[parent].code, parent <= 0 ? "all batches" : regions[parent].code)
                    } else if parent > 0 {
                        add(table, i, "上级地区 \(regions[parent].code) 没有这一年的行", "its parent region \(regions[parent].code) has no row for the year")
                    }
                    sums["\(r.year)\u{1F}\(parent <= 0 ? "" : regions[parent].code)\u{1F}\(r.subKey)", default: RateCounts()].add(r.counts)
                } else if kind == .agencyProduct {
                    sums["\(r.year)\u{1F}\(r.key)", default: RateCounts()].add(r.counts)
                } else {
                    sums["\(r.year)", default: RateCounts()].add(r.counts)
                }
            }
            // Together within their ceiling: the year (a breakdown), the agency (its products), the parent (its children).
            for (k, s) in sums.sorted(by: { $0.key < $1.key }) {
                let parts = k.components(separatedBy: "\u{1F}")
                let year = Int(parts[0]) ?? 0
                let ceiling: RateCounts?
                if kind.rollsUpRegions {
                    ceiling = parts[1].isEmpty ? (kind == .region ? byYear[year] : months[parts[2]]) : lookup(kind, year, parts[1], parts[2])
                } else if kind == .agencyProduct {
                    ceiling = agencyIndex["\(year)\u{1F}\(parts[1])\u{1F}"]
                } else {
                    ceiling = byYear[year]
                }
                if let c = ceiling, s.sampled > c.sampled || s.passed > c.passed || s.failed > c.failed {
                    let whose = kind.rollsUpRegions ? (parts[1].isEmpty ? "全部批次" : parts[1]) : (kind == .agencyProduct ? parts[1] : "\(year) 年全部批次")
                    let whoseEn = kind.rollsUpRegions ? (parts[1].isEmpty ? "all batches" : parts[1]) : (kind == .agencyProduct ? parts[1] : "all batches of \(year)")
                    add(table, -1, "\(year) 年各组批次合计（抽查 \(s.sampled)）多于\(whose)（\(c.sampled)）",
                        "the groups' batches of \(year) together (sampled \(s.sampled)) exceed \(whoseEn)'s (\(c.sampled))")
                }
            }
        }
        // Grouped indicators: one row per key; each declared share's numerator within its denominator.
        for spec in specs {
            let rs = grouped[spec.table] ?? []
            unique(spec.table, rs.map { "\($0.year)\u{1F}\($0.scope)\u{1F}\($0.key)" }) { $0.replacingOccurrences(of: "\u{1F}", with: " ") }
            for (i, r) in rs.enumerated() {
                inSpan(spec.table, i, r.year)
                for (n, d) in spec.bounded where n < r.counts.count && d < r.counts.count && r.counts[n] > r.counts[d] {
                    add(spec.table, i, "\(spec.countColumns[n])（\(r.counts[n])）多于 \(spec.countColumns[d])（\(r.counts[d])）",
                        "\(spec.countColumns[n]) (\(r.counts[n])) exceeds \(spec.countColumns[d]) (\(r.counts[d]))")
                }
            }
        }
        // Failing items: within their product's failed batches of the year.
        var productFailed: [String: Int] = [:]
        for r in rows(.product) { productFailed["\(r.year)\u{1F}\(r.key)"] = r.counts.failed }
        unique(CountCube.failedItemsTable, failedItems.map { "\($0.year)\u{1F}\($0.productCode)\u{1F}\($0.item)" }) { $0.replacingOccurrences(of: "\u{1F}", with: " ") }
        for (i, r) in failedItems.enumerated() {
            inSpan(CountCube.failedItemsTable, i, r.year)
            let failed = productFailed["\(r.year)\u{1F}\(r.productCode)"] ?? 0
            if r.failures > failed {
                add(CountCube.failedItemsTable, i, "项目不合格次数（\(r.failures)）多于该产品当年的不合格批次（\(failed)）",
                    "the item's failures (\(r.failures)) exceed the product's failed batches of the year (\(failed))")
            }
        }
        unique(CountCube.followUpEnterprisesTable, followUpEnterprises.map(\.year)) { "\($0)" }
        for (i, r) in followUpEnterprises.enumerated() {
            inSpan(CountCube.followUpEnterprisesTable, i, r.year)
            if r.enterprisesResampled > r.enterprisesFailed {
                add(CountCube.followUpEnterprisesTable, i, "再次抽查的企业多于不合格企业", "more enterprises re-sampled than failed")
            }
            if let y = byYear[r.year], r.enterprisesFailed > y.enterprisesTested {
                add(CountCube.followUpEnterprisesTable, i, "不合格企业多于当年受检企业", "more enterprises failed than tested in the year")
            }
        }
        unique(CountCube.repeatFailuresTable, repeatFailures.map(\.enterprise)) { $0 }
        for (i, r) in repeatFailures.enumerated() {
            let t = CountCube.repeatFailuresTable
            if r.failures < 2 { add(t, i, "不合格次数少于 2（只列两次及以上不合格的企业）", "fewer than 2 failures (only enterprises failing twice or more are listed)") }
            if r.failures > r.batchesTested { add(t, i, "不合格次数多于检验批次", "more failures than batches tested") }
            if r.longestFailureRun > r.failures || r.longestFailureRun < 1 {
                add(t, i, "最长连续不合格不在 1 至不合格次数之间", "the longest failure run is not between 1 and the failures")
            }
            if r.firstFailure > r.lastFailure { add(t, i, "首次不合格晚于最近一次不合格", "the first failure follows the last") }
            if r.firstFailure < firstDay || r.lastFailure > lastDay {
                add(t, i, "不合格日期不在数据的日期范围内（counts_dates）", "failure dates outside the data's dates (counts_dates)")
            }
        }
        // Each repeat-failing enterprise's batches by year and product: sums equal to its row, within its product's year.
        let t = CountCube.repeatFailureProductsTable
        unique(t, repeatFailureProducts.map { "\($0.enterprise)\u{1F}\($0.year)\u{1F}\($0.productCode)" }) { $0.replacingOccurrences(of: "\u{1F}", with: " ") }
        let productIndex = index(.product)
        var sums: [String: (tested: Int, failures: Int)] = [:]
        for (i, r) in repeatFailureProducts.enumerated() {
            if r.failures > r.batchesTested { add(t, i, "不合格次数多于检验批次", "more failures than batches tested") }
            inSpan(t, i, r.year)
            if let p = productIndex["\(r.year)\u{1F}\(r.productCode)\u{1F}"], r.batchesTested > p.tested || r.failures > p.failed {
                add(t, i, "多于该产品当年的检验批次或不合格批次（counts_product）", "more than the product's batches tested or failed that year (counts_product)")
            }
            sums[r.enterprise, default: (0, 0)].tested += r.batchesTested
            sums[r.enterprise, default: (0, 0)].failures += r.failures
        }
        let listed = Set(repeatFailures.map(\.enterprise))
        for (i, r) in repeatFailures.enumerated() {
            let s = sums[r.enterprise] ?? (0, 0)
            if s.tested != r.batchesTested || s.failures != r.failures {
                add(CountCube.repeatFailuresTable, i, "与 \(t) 中该企业按年度和产品的合计（检验 \(s.tested)，不合格 \(s.failures)）不符",
                    "not the sum of the enterprise's rows in \(t) (tested \(s.tested), failures \(s.failures))")
            }
        }
        for (i, r) in repeatFailureProducts.enumerated() where !listed.contains(r.enterprise) {
            add(t, i, "企业不在 counts_repeat_failures 中", "an enterprise not in counts_repeat_failures")
        }
        // Filtered sets: one row per filter, year and region; never above all batches of the region.
        unique(CountCube.filteredTable, filtered.map { "\($0.year)\u{1F}\($0.key)\u{1F}\($0.subKey)" }) { $0.replacingOccurrences(of: "\u{1F}", with: " ") }
        for (i, r) in filtered.enumerated() {
            within(CountCube.filteredTable, i, r.counts)
            inSpan(CountCube.filteredTable, i, r.year)
            let all = r.subKey == RegionTable.nationalCode ? byYear[r.year] : lookup(.region, r.year, r.subKey, "")
            if let all { notAbove(CountCube.filteredTable, i, r.counts, all, "该地区全部批次", "all batches of the region") }
        }
        if let i = inspections {
            let t = InspectionCounts.table
            unique(t, i.rows.map { "\($0.filter)\u{1F}\($0.year)\u{1F}\($0.scope)\u{1F}\($0.key)" }) { $0.replacingOccurrences(of: "\u{1F}", with: " ") }
            for (k, r) in i.rows.enumerated() {
                if r.hazardsRectified > r.hazardsFound { add(t, k, "已整改隐患多于发现隐患", "more hazards rectified than found") }
                if r.enterprises > r.inspections || r.licensedInspected > r.enterprises {
                    add(t, k, "受检企业多于检查次数，或获证受检企业多于受检企业", "more enterprises than inspections, or more licensed enterprises than enterprises")
                }
                if r.outcomes.reduce(0, +) > r.inspections { add(t, k, "各处理结果合计多于检查次数", "the outcomes together exceed the inspections") }
            }
            unique(InspectionCounts.populationTable, i.population.map { "\($0.filter)\u{1F}\($0.key)" }) { $0.replacingOccurrences(of: "\u{1F}", with: " ") }
        }
        // The inputs' accounting: the batches loaded are the batches counted.
        if let loaded = loadedBatches {
            let counted = years.reduce(0) { $0 + $1.counts.sampled }
            if loaded != counted {
                add(CountCube.accountingFile, -1, "输入统计载入 \(loaded) 批次，计数表中有 \(counted) 批次：两者必须相等",
                    "the accounting says \(loaded) batches were loaded, the counts hold \(counted): they must be equal")
            }
        }
        return out
    }

    private func index(_ kind: CountTableKind) -> [String: RateCounts] {
        var d: [String: RateCounts] = [:]
        for r in rows(kind) { d["\(r.year)\u{1F}\(r.key)\u{1F}\(r.subKey)"] = r.counts }
        return d
    }
}

extension RateCounts {
    /// Adds another group's counts (batches; enterprises are not additive and are left as they are).
    mutating func add(_ o: RateCounts) { sampled += o.sampled; passed += o.passed; failed += o.failed }
}
