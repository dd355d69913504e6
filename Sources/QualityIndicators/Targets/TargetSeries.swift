import QualityData

/// The yearly values of a target's indicator for one region, from sampling
/// results, inspection records or regional statistics.
public enum TargetSeries {
    public static func series(_ t: PlanTarget, region code: String, data: TargetData) -> [Int: SeriesPoint] {
        series(t.query, region: code, data: data)
    }

    public static func series(_ t: IndicatorQuery, region code: String, data: TargetData) -> [Int: SeriesPoint] {
        series(t, regions: [code], data: data)[0]
    }

    /// The series of one indicator for several regions, in their order:
    /// sampling measures from the counts of their filtered set (``TargetData/counts``:
    /// counted once for every region, so an index over N units costs no pass of its own).
    public static func series(_ t: IndicatorQuery, regions codes: [String], data: TargetData) -> [[Int: SeriesPoint]] {
        var all = fromRecords(t, regions: codes, data: data)
        // Earlier years from the history, where this run has no records of them (unfiltered rates only).
        for (i, code) in codes.enumerated() where t.filters.isEmpty {
            guard let run = lineage(data.history["\(t.indicator)|\(code)"] ?? [], own: all[i]) else { continue }
            for (y, p) in run.points where all[i][y] == nil {
                var borrowed = p
                borrowed.borrowedFromRun = run.runId
                all[i][y] = borrowed
            }
        }
        return all
    }

    /// The run to borrow earlier years from: the latest whose values agree
    /// with this run's own records in every year both have (same counts),
    /// and that has at least one year this run lacks. A run over another
    /// data set disagrees somewhere and is passed over; years are never
    /// mixed from several runs.
    static func lineage(_ runs: [HistoricRun], own: [Int: SeriesPoint]) -> HistoricRun? {
        runs.first { run in
            run.points.keys.contains { own[$0] == nil }
                && run.points.allSatisfy { y, p in own[y].map { $0.agrees(with: p) } ?? true }
        }
    }

    static func fromRecords(_ t: IndicatorQuery, regions codes: [String], data: TargetData) -> [[Int: SeriesPoint]] {
        let measure = IndicatorRegistry.definition(t.indicator)?.measure
        switch measure {
        case .batches?, .enterprises?:
            // Sampling results, as counts: batches passed ÷ tested, or enterprises all-pass ÷ tested.
            guard let cube = data.counts, let filter = RecordFilter(sampling: t), let counts = cube.counts(filter, regions: codes) else {
                return codes.map { _ in [:] }
            }
            var enterprises = false
            if case .enterprises? = measure { enterprises = true }
            return counts.map { byYear in
                var x: [Int: Int] = [:], n: [Int: Int] = [:]
                for (y, c) in byYear {
                    x[y] = enterprises ? c.enterprisesPassed : c.passed
                    n[y] = enterprises ? c.enterprisesTested : c.tested
                }
                return rates(x, n)
            }
        case .grouped(let table, let share)?:
            // A grouped indicator's share, from its count table: all batches under 000000, regions at every level by code.
            guard let g = GroupedIndicator.named(table), let s = g.shares.first(where: { $0.column == share }),
                  let rows = data.counts?.grouped[g.countTable] else { return codes.map { _ in [:] } }
            var byKey: [String: (x: [Int: Int], n: [Int: Int])] = [:]
            for r in rows where r.scope == g.allScope || r.scope == g.regionScope {
                let key = r.scope == g.allScope ? RegionTable.nationalCode : r.key
                byKey[key, default: ([:], [:])].x[r.year] = r.counts[s.numerator]
                byKey[key, default: ([:], [:])].n[r.year] = r.counts[s.denominator]
            }
            return codes.map { byKey[$0].map { rates($0.x, $0.n) } ?? [:] }
        default:
            return codes.map { fromRecords(t, measure, region: $0, data: data) }
        }
    }

    /// One region's series from inspection counts or statistics (small: a pass each).
    static func fromRecords(_ t: IndicatorQuery, _ measure: Measure?, region code: String, data: TargetData) -> [Int: SeriesPoint] {
        let regions = data.regions
        guard let r = regions.index(ofCode: code) else { return [:] }
        guard let measure else { return statistic(t, region: r, data: data) }
        // Inspections: the counts of the target's filter in the region, every year of the records.
        guard let counts = data.inspectionCounts, let filter = RecordFilter(inspections: t), filter.isEmpty || counts.filters.contains(filter.id) else { return [:] }
        let id = filter.id
        var byYear: [Int: InspectionCountRow] = [:], years = Set<Int>()
        for row in counts.rows where row.scope == .region {
            if row.filter == id && row.key == code { byYear[row.year] = row }
            if row.filter.isEmpty && row.key == RegionTable.nationalCode { years.insert(row.year) }
        }
        let population = counts.population.first { $0.filter == id && $0.key == code }
        switch measure {
        case .batches, .enterprises, .grouped:
            return [:]  // counted from sampling results (above)
        case .hazardsRectified:
            return rates(byYear.mapValues(\.hazardsRectified), byYear.mapValues(\.hazardsFound))
        case .countiesInspected:
            let counties = (0..<regions.count).filter { regions.regions[$0].level == .county && regions.ancestry(Int32($0)).contains(r) }.count
            // A year whose inspections in the region could be placed in no county is unknown, not 0%.
            let unplaced = Set(byYear.filter { $0.value.countiesInspected == 0 }.keys)
            return coverage(byYear.mapValues(\.countiesInspected), total: counties, years: years.subtracting(unplaced))
        case .townshipsInspected:
            return coverage(byYear.mapValues(\.townshipsInspected), total: population?.townships ?? 0, years: years)
        case .enterprisesInspected:
            return coverage(byYear.mapValues(\.licensedInspected), total: population?.licensed ?? 0, years: years)
        }
    }

    /// A regional statistic (`stat:NAME`), summed into a stock for cumulative targets.
    static func statistic(_ t: IndicatorQuery, region r: Int32, data: TargetData) -> [Int: SeriesPoint] {
        let name = String(t.indicator.dropFirst("stat:".count))
        var byYear: [Int: Double] = [:]
        for s in data.statistics where s.indicator == name && s.region == r { byYear[s.year] = s.value }
        guard t.cumulative, let t0 = t.baselineYear else { return byYear.mapValues { SeriesPoint(value: $0) } }
        // A flow (added each year) summed into a stock: the baseline value
        // — as the plan gives it, else the statistic in the baseline year,
        // as for any computed baseline — plus everything added after the
        // baseline year. Without either there is no series.
        guard let base = t.baselineValue ?? byYear[t0] else { return [:] }
        var out: [Int: SeriesPoint] = [t0: SeriesPoint(value: base)]
        var sum = base
        for y in byYear.keys.sorted() where y > t0 {
            sum += byYear[y]!
            out[y] = SeriesPoint(value: sum)
        }
        return out
    }

    static func rates(_ x: [Int: Int], _ n: [Int: Int]) -> [Int: SeriesPoint] {
        var out: [Int: SeriesPoint] = [:]
        for (y, d) in n where d > 0 { out[y] = SeriesPoint(value: Double(x[y] ?? 0) / Double(d), numerator: x[y] ?? 0, denominator: d) }
        return out
    }

    static func coverage(_ seen: [Int: Int], total: Int, years: Set<Int>) -> [Int: SeriesPoint] {
        guard total > 0 else { return [:] }
        var out: [Int: SeriesPoint] = [:]
        for y in years { out[y] = SeriesPoint(value: Double(seen[y] ?? 0) / Double(total), numerator: seen[y] ?? 0, denominator: total) }
        return out
    }
}
