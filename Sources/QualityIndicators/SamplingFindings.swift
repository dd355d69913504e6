import Foundation
import Dispatch
import QualityData

/// One period of a control chart of the batch pass rate.
public struct ControlChartRow: Sendable {
    /// GB/T 2260 code of the charted region ("000000": all batches).
    public let regionCode: String
    public let regionName: String
    /// "2019-Q3" or "2019-07".
    public let period: String
    public let point: PChartPoint
}

/// An enterprise that failed in two or more samplings (黑名单候选).
public struct RepeatFailureRow: Sendable {
    /// Credit code, or name when no code was given.
    public let enterprise: String
    public let regionCode: String
    public let regionName: String
    public let batchesTested: Int
    public let failures: Int
    /// Longest run of failed samplings with no pass between them (by date).
    public let longestFailureRun: Int
    public let firstFailure: Int32
    public let lastFailure: Int32
    /// Products of the failed batches, by code, sorted.
    public let products: [String]
    public var consecutive: Bool { longestFailureRun >= 2 }
}

/// Follow-up sampling (跟踪抽查) in one year.
public struct FollowUpRow: Sendable {
    public let year: Int
    /// Batches flagged as follow-up sampling: tested and passed.
    public let followUpTested: Int
    public let followUpPassed: Int
    /// Enterprises with a failed batch this year, and those of them sampled
    /// again within 365 days after their first failure of the year.
    public let enterprisesFailed: Int
    public let enterprisesResampled: Int
    /// False when the data end less than 365 days after this year's last
    /// day, so some re-samplings may not be in the data yet.
    public let windowComplete: Bool
    public var followUpRate: Double? { followUpTested > 0 ? Double(followUpPassed) / Double(followUpTested) : nil }
    public var resampledShare: Double? { enterprisesFailed > 0 ? Double(enterprisesResampled) / Double(enterprisesFailed) : nil }
}

/// How often an item is among the reasons a batch failed.
public struct FailedItemRow: Sendable {
    public let year: Int
    /// True for the row over all products (product code and name empty).
    public let allProducts: Bool
    /// Product code and name ("" when the batches did not name one).
    public let productCode: String
    public let productName: String
    public let item: String
    /// Failed batches citing the item.
    public let failures: Int
    /// Failed batches of the product (or of all products) in the year.
    public let failedBatches: Int
    public var share: Double { failedBatches > 0 ? Double(failures) / Double(failedBatches) : 0 }
}

/// Findings that need more than counts per group: control charts over
/// time, enterprises over time, and failing items (indicators.md §1–§2).
public struct SamplingFindings: Sendable {
    public let controlCharts: [ControlChartRow]
    public let repeatFailures: [RepeatFailureRow]
    public let followUp: [FollowUpRow]
    public let failedItems: [FailedItemRow]

    public static func compute(_ t: SamplingTable, options: AnalysisOptions = AnalysisOptions()) -> SamplingFindings {
        guard t.count > 0 else { return SamplingFindings(controlCharts: [], repeatFailures: [], followUp: [], failedItems: []) }
        enum Part: Sendable {
            case charts([ControlChartRow]), enterprises([RepeatFailureRow], [FollowUpRow]), items([FailedItemRow])
        }
        let jobs: [@Sendable () -> Part] = [
            { .charts(controlCharts(t, options)) },
            { let (r, f) = enterprises(t); return .enterprises(r, f) },
            { .items(failedItems(t)) },
        ]
        let results = IndexedResults<Part>()
        DispatchQueue.concurrentPerform(iterations: jobs.count) { results.set($0, jobs[$0]()) }
        var charts: [ControlChartRow] = [], repeats: [RepeatFailureRow] = [], follow: [FollowUpRow] = [], items: [FailedItemRow] = []
        for part in results.ordered {
            switch part {
            case .charts(let c): charts = c
            case .enterprises(let r, let f): repeats = r; follow = f
            case .items(let i): items = i
            }
        }
        return SamplingFindings(controlCharts: charts, repeatFailures: repeats, followUp: follow, failedItems: items)
    }


    // MARK: Control charts

    static func controlCharts(_ t: SamplingTable, _ options: AnalysisOptions) -> [ControlChartRow] {
        let regions = t.regions
        let firstDay = t.day.min()!, lastDay = t.day.max()!
        let (y0, m0, _) = CivilDate.civil(firstDay), (y1, m1, _) = CivilDate.civil(lastDay)
        let perYear = options.period == .quarter ? 4 : 12
        func slot(_ y: Int, _ m: Int) -> Int { y * perYear + (options.period == .quarter ? (m - 1) / 3 : m - 1) }
        let first = slot(y0, m0), count = slot(y1, m1) - first + 1
        // The month of every day in the span, looked up instead of converted per batch.
        let monthOfDay: [Int32] = (firstDay...lastDay).map { d in
            let (y, m, _) = CivilDate.civil(d)
            return Int32(slot(y, m) - first)
        }
        var scopes: [(code: String, name: String, member: [Bool]?)] = [(RegionTable.nationalCode, regions[0].name, nil)]
        for code in options.controlRegions {
            guard let k = regions.index(ofCode: code) else { continue }
            let member = (0..<regions.count).map { regions.ancestry(Int32($0)).contains(k) }
            scopes.append((code, regions[k].name, member))
        }
        var rows: [ControlChartRow] = []
        for scope in scopes {
            var x = [Int](repeating: 0, count: count), n = x
            for b in 0..<t.count where SamplingOutcome.isTested(code: t.outcome[b]) {
                if let m = scope.member, !m[Int(t.region[b])] { continue }
                let s = Int(monthOfDay[Int(t.day[b] - firstDay)])
                n[s] += 1
                if t.outcome[b] == SamplingOutcome.pass.rawValue { x[s] += 1 }
            }
            let points = PChart.compute(zip(x, n).map { ($0, $1) }, runLength: options.runLength, method: options.chartMethod)
            for (i, p) in points.enumerated() {
                guard let p else { continue }
                let s = first + i, y = s / perYear, k = s % perYear
                let label = options.period == .quarter ? "\(y)-Q\(k + 1)" : "\(y)-\(k + 1 < 10 ? "0" : "")\(k + 1)"
                rows.append(ControlChartRow(regionCode: scope.code, regionName: scope.name, period: label, point: p))
            }
        }
        return rows
    }

    // MARK: Enterprises

    static func enterprises(_ t: SamplingTable) -> ([RepeatFailureRow], [FollowUpRow]) {
        let n = t.count, ec = t.enterprises.count
        let pass = SamplingOutcome.pass.rawValue, fail = SamplingOutcome.fail.rawValue
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
        let lastDay = t.day.max()!
        var followTested = [Int](repeating: 0, count: maxYear - minYear + 1), followPassed = followTested
        var failedEnterprises = followTested, resampled = followTested
        for b in 0..<n where t.followUp[b] == 1 && SamplingOutcome.isTested(code: t.outcome[b]) {
            followTested[Int(t.year[b]) - minYear] += 1
            if t.outcome[b] == pass { followPassed[Int(t.year[b]) - minYear] += 1 }
        }
        var repeats: [RepeatFailureRow] = []
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
            let region = t.region[Int(batches[0].batch)]
            repeats.append(RepeatFailureRow(enterprise: t.enterprises.string(UInt32(e)), regionCode: t.regions[region].code,
                                            regionName: t.regions[region].name, batchesTested: tested, failures: failures,
                                            longestFailureRun: longest, firstFailure: firstFail, lastFailure: lastFail,
                                            products: Set(products).map { t.products.string($0) }.sorted()))
        }
        repeats.sort { a, b in
            if a.failures != b.failures { return a.failures > b.failures }
            if a.longestFailureRun != b.longestFailureRun { return a.longestFailureRun > b.longestFailureRun }
            return a.enterprise < b.enterprise
        }
        let follow = (minYear...maxYear).map { y in
            FollowUpRow(year: y, followUpTested: followTested[y - minYear], followUpPassed: followPassed[y - minYear],
                        enterprisesFailed: failedEnterprises[y - minYear], enterprisesResampled: resampled[y - minYear],
                        windowComplete: lastDay >= CivilDate.days(year: y, month: 12, day: 31) + 365)
        }
        return (repeats, follow)
    }

    // MARK: Failed items

    static func failedItems(_ t: SamplingTable) -> [FailedItemRow] {
        let minYear = Int(t.year.min()!), years = Int(t.year.max()!) - minYear + 1
        let pc = t.products.count + 1, ic = t.itemNames.count
        guard ic > 0 else { return [] }
        var failedBatches = [Int](repeating: 0, count: years * pc)
        var counts: [Int: Int] = [:]  // (year, product, item) packed → failures
        let fail = SamplingOutcome.fail.rawValue
        for b in 0..<t.count where t.outcome[b] == fail {
            let p = t.product[b] == missingDictionaryCode ? pc - 1 : Int(t.product[b])
            let yp = (Int(t.year[b]) - minYear) * pc + p
            failedBatches[yp] += 1
            for item in t.failedItems(of: b) { counts[yp * ic + Int(item), default: 0] += 1 }
        }
        var rows: [FailedItemRow] = []
        var overall: [Int: Int] = [:]  // (year, item) → failures
        for (k, v) in counts {
            let yp = k / ic, item = k % ic
            overall[(yp / pc) * ic + item, default: 0] += v
            let p = yp % pc
            rows.append(FailedItemRow(year: yp / pc + minYear, allProducts: false, productCode: p == pc - 1 ? "" : t.products.string(UInt32(p)),
                                      productName: p == pc - 1 ? "" : t.productNames[p], item: t.itemNames.string(UInt32(item)),
                                      failures: v, failedBatches: failedBatches[yp]))
        }
        for (k, v) in overall {
            let y = k / ic
            let all = failedBatches[(y * pc)..<((y + 1) * pc)].reduce(0, +)
            rows.append(FailedItemRow(year: y + minYear, allProducts: true, productCode: "", productName: "", item: t.itemNames.string(UInt32(k % ic)),
                                      failures: v, failedBatches: all))
        }
        rows.sort { a, b in
            if a.year != b.year { return a.year < b.year }
            if a.allProducts != b.allProducts { return a.allProducts }
            if a.productCode != b.productCode { return a.productCode < b.productCode }
            if a.failures != b.failures { return a.failures > b.failures }
            return a.item < b.item
        }
        return rows
    }
}

/// Everything a report shows: rates by every dimension, the findings over
/// time and enterprises, and the method options they were computed with.
public struct Analysis: Sendable {
    public let rates: PassRateAnalysis
    public let findings: SamplingFindings
    public let options: AnalysisOptions
    /// Plan targets (with `--plan`), and the plan's title.
    public var targets: [TargetRow] = []
    public var planTitle: Bilingual?
    /// Inspection indicators (with `--inspections`).
    public var inspections: InspectionAnalysis?
    /// The composite index (with `--index`).
    public var index: IndexResult?
    /// Every ``GroupedIndicator/registry`` indicator (safety failures, re-tests …), in table order.
    public var grouped: [GroupedTable] = []

    public init(rates: PassRateAnalysis, findings: SamplingFindings, options: AnalysisOptions) {
        self.rates = rates
        self.findings = findings
        self.options = options
    }

    /// Pass the table as a temporary (`compute(consume t)`) so the rate
    /// aggregation can take over its columns.
    public static func compute(_ t: consuming SamplingTable, options: AnalysisOptions = AnalysisOptions()) -> Analysis {
        // The findings and every grouped indicator at once (each reads the
        // table as it is); then the rates, which may take over its columns.
        let registry = GroupedIndicator.registry, table = t
        let findings = IndexedResults<SamplingFindings>(), grouped = IndexedResults<GroupedTable>()
        DispatchQueue.concurrentPerform(iterations: registry.count + 1) { i in
            if i == 0 {
                findings.set(0, SamplingFindings.compute(table, options: options))
            } else {
                grouped.set(i - 1, registry[i - 1].compute(table, options: options))
            }
        }
        var a = Analysis(rates: PassRateAnalysis.compute(consume t, options: options), findings: findings.ordered[0], options: options)
        a.grouped = grouped.ordered
        return a
    }
}
