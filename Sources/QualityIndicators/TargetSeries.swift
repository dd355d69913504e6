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
            guard let cube = data.counts, let filter = BatchFilter(t), let counts = cube.counts(filter, regions: codes) else {
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
        default:
            return codes.map { fromRecords(t, measure, region: $0, data: data) }
        }
    }

    /// One region's series from inspections or statistics (small inputs: a pass each).
    static func fromRecords(_ t: IndicatorQuery, _ measure: Measure?, region code: String, data: TargetData) -> [Int: SeriesPoint] {
        let regions = data.regions
        guard let r = regions.index(ofCode: code) else { return [:] }
        // Regions inside the target region (the region itself included).
        let inside = (0..<regions.count).map { regions.ancestry(Int32($0)).contains(r) }
        guard let measure else { return statistic(t, region: r, data: data) }
        switch measure {
        case .batches, .enterprises:
            return [:]  // counted from sampling results (above)
        case .hazardsRectified:
            var found: [Int: Int] = [:], fixed: [Int: Int] = [:]
            for i in inspections(t, data, inside) { if let f = i.hazardsFound { found[i.year, default: 0] += f; fixed[i.year, default: 0] += i.hazardsRectified ?? 0 } }
            return rates(fixed, found)
        case .countiesInspected:
            let counties = Set((0..<regions.count).filter { inside[$0] && regions.regions[$0].level == .county })
            var seen: [Int: Set<Int>] = [:]
            for i in inspections(t, data, inside) {
                if let c = regions.ancestor(of: i.region, at: .county), counties.contains(Int(c)) { seen[i.year, default: []].insert(Int(c)) }
            }
            return coverage(seen, total: counties.count, years: Set(data.inspections.map(\.year)))
        case .townshipsInspected:
            let all = inspections(t, data, inside)
            let townships = Set(all.compactMap(\.township))
            var seen: [Int: Set<String>] = [:]
            for i in all { if let w = i.township { seen[i.year, default: []].insert(w) } }
            return coverage(seen, total: townships.count, years: Set(data.inspections.map(\.year)))
        case .enterprisesInspected:
            let all = inspections(t, data, inside)
            let licensed = InspectionAnalysis.population(register: data.register, inspections: all) { inside[Int($0)] }
            var seen: [Int: Set<String>] = [:]
            for i in all where licensed.contains(i.enterprise) { seen[i.year, default: []].insert(i.enterprise) }
            return coverage(seen, total: licensed.count, years: Set(data.inspections.map(\.year)))
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

    static func coverage<T>(_ seen: [Int: Set<T>], total: Int, years: Set<Int>) -> [Int: SeriesPoint] {
        guard total > 0 else { return [:] }
        var out: [Int: SeriesPoint] = [:]
        for y in years { out[y] = SeriesPoint(value: Double(seen[y]?.count ?? 0) / Double(total), numerator: seen[y]?.count ?? 0, denominator: total) }
        return out
    }

    static func inspections(_ t: IndicatorQuery, _ data: TargetData, _ inside: [Bool]) -> [InspectionRecord] {
        data.inspections.filter { i in
            guard inside[Int(i.region)] else { return false }
            if let types = t.filters["inspection_type"], !types.contains(i.type?.id ?? "") { return false }
            if let risks = t.filters["risk_class"], !risks.contains(i.riskClass ?? "") { return false }
            return true
        }
    }
}
