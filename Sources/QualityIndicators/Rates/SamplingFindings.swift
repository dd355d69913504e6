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

/// An enterprise that failed in two or more samplings, screened by how far
/// its failures exceed what its products' failure rates imply (重点关注企业，统计筛查).
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
    /// Failures expected from its products' failure rates (indirect
    /// standardisation): Σ over its years and products of its batches tested
    /// × that product's failed ÷ tested batches that year, all enterprises.
    public var expectedFailures: Double = 0
    /// Observed ÷ expected failures; nil at 0 expected.
    public var failureRatio: Double? { expectedFailures > 0 ? Double(failures) / expectedFailures : nil }
    /// Exact Poisson P(X ≥ failures) for X ~ Poisson(expected): how unlikely
    /// this many failures are for its products.
    public var pValue: Double?
    /// Its place on the Poisson funnel of O/E around 1 (exact limits, no
    /// overdispersion adjustment: the screened enterprises are selected).
    public var funnelFlag: FunnelFlag?
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

    /// The findings from a cube of counts — qindex's own kernel's or an
    /// engine's: the control charts from the counts by month, follow-up from
    /// the counts by follow-up flag and the enterprises' windows, the repeat
    /// failures as the engine listed them, failing items with the failed
    /// batches of their product.
    public static func derive(_ cube: CountCube, regions: RegionTable, options: AnalysisOptions = AnalysisOptions()) -> SamplingFindings {
        guard !cube.rows(.year).isEmpty else { return SamplingFindings(controlCharts: [], repeatFailures: [], followUp: [], failedItems: []) }
        return SamplingFindings(controlCharts: controlCharts(cube, regions, options), repeatFailures: repeatFailures(cube, regions),
                                followUp: followUp(cube), failedItems: failedItems(cube))
    }

    /// From the loaded records: the counts the findings read (``CountCube/count``), then ``derive``.
    public static func compute(_ t: SamplingTable, options: AnalysisOptions = AnalysisOptions()) -> SamplingFindings {
        let kinds: [CountTableKind] = [.year, .product, .month, .followUp] + (options.controlRegions.isEmpty ? [] : [.regionMonth])
        return derive(CountCube.count(t, kinds: kinds, grouped: [], options: options), regions: t.regions, options: options)
    }

    // MARK: Control charts

    static func controlCharts(_ cube: CountCube, _ regions: RegionTable, _ options: AnalysisOptions) -> [ControlChartRow] {
        let perYear = options.period == .quarter ? 4 : 12
        /// "2019-07" → the period's number.
        func slot(_ month: String) -> Int {
            let parts = month.split(separator: "-")
            let y = Int(parts.first ?? "") ?? 0, m = Int(parts.last ?? "") ?? 1
            return y * perYear + (options.period == .quarter ? (m - 1) / 3 : m - 1)
        }
        let national = cube.rows(.month).filter { $0.counts.sampled > 0 }
        guard let firstMonth = national.map(\.key).min(), let lastMonth = national.map(\.key).max() else { return [] }
        let first = slot(firstMonth), count = slot(lastMonth) - first + 1
        var scopes: [(code: String, name: String, months: [(month: String, counts: RateCounts)])] =
            [(RegionTable.nationalCode, regions[0].name, national.map { ($0.key, $0.counts) })]
        for code in options.controlRegions {
            guard let k = regions.index(ofCode: code) else { continue }
            scopes.append((code, regions[k].name, cube.rows(.regionMonth).filter { $0.key == code }.map { ($0.subKey, $0.counts) }))
        }
        var rows: [ControlChartRow] = []
        for scope in scopes {
            var x = [Int](repeating: 0, count: count), n = x
            for (month, c) in scope.months {
                let s = slot(month) - first
                guard s >= 0, s < count else { continue }
                n[s] += c.tested
                x[s] += c.passed
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

    /// The repeat failures, screened: each enterprise's failures against
    /// those its products imply (``RepeatFailureRow/expectedFailures``), an
    /// exact Poisson p and a funnel flag; ordered by that evidence (p, then
    /// the longest run of failures, then the failures), not by the counts
    /// alone — which put the most-sampled enterprises first.
    static func repeatFailures(_ cube: CountCube, _ regions: RegionTable) -> [RepeatFailureRow] {
        typealias YearKey = PassRateAnalysis.YearKey
        var rate: [YearKey: Double] = [:]  // (year, product) → failed ÷ tested, all enterprises
        for r in cube.rows(.product) where r.counts.tested > 0 {
            rate[YearKey(r.year, r.key)] = Double(r.counts.failed) / Double(r.counts.tested)
        }
        // Each enterprise's terms summed in (year, product) order, whichever engine listed them.
        var terms: [String: [(year: Int, product: String, tested: Int)]] = [:]
        for p in cube.repeatFailureProducts { terms[p.enterprise, default: []].append((p.year, p.productCode, p.batchesTested)) }
        var expected: [String: Double] = [:]
        for (enterprise, list) in terms {
            var sum = 0.0
            for t in list.sorted(by: { ($0.year, $0.product) < ($1.year, $1.product) }) {
                sum += Double(t.tested) * (rate[YearKey(t.year, t.product)] ?? 0)
            }
            expected[enterprise] = sum
        }
        var rows = cube.repeatFailures.map { r in
            var row = RepeatFailureRow(enterprise: r.enterprise, regionCode: r.regionCode,
                                       regionName: regions.index(ofCode: r.regionCode).map { regions[$0].name } ?? r.regionCode,
                                       batchesTested: r.batchesTested, failures: r.failures, longestFailureRun: r.longestFailureRun,
                                       firstFailure: r.firstFailure, lastFailure: r.lastFailure, products: r.products.sorted())
            row.expectedFailures = expected[r.enterprise] ?? 0
            if row.expectedFailures > 0 { row.pValue = Distributions.regularizedGammaP(Double(r.failures), row.expectedFailures) }
            return row
        }
        let funnel = Funnel.ratios(rows.map { ($0.failures, $0.expectedFailures) }, adjustment: .none)
        for i in rows.indices { rows[i].funnelFlag = funnel.flags[i] }
        return rows.sorted { a, b in
            if a.pValue != b.pValue { return (a.pValue ?? 2) < (b.pValue ?? 2) }
            if a.longestFailureRun != b.longestFailureRun { return a.longestFailureRun > b.longestFailureRun }
            if a.failures != b.failures { return a.failures > b.failures }
            return a.enterprise < b.enterprise
        }
    }

    static func followUp(_ cube: CountCube) -> [FollowUpRow] {
        let years = cube.rows(.year).map(\.year)
        guard let minYear = years.min(), let maxYear = years.max() else { return [] }
        var tested: [Int: Int] = [:], passed: [Int: Int] = [:]
        for r in cube.rows(.followUp) where r.key == "yes" {
            tested[r.year, default: 0] += r.counts.tested
            passed[r.year, default: 0] += r.counts.passed
        }
        var enterprises: [Int: FollowUpEnterprises] = [:]
        for e in cube.followUpEnterprises { enterprises[e.year] = e }
        return (minYear...maxYear).map { y in
            FollowUpRow(year: y, followUpTested: tested[y] ?? 0, followUpPassed: passed[y] ?? 0,
                        enterprisesFailed: enterprises[y]?.enterprisesFailed ?? 0, enterprisesResampled: enterprises[y]?.enterprisesResampled ?? 0,
                        windowComplete: cube.lastDay >= CivilDate.days(year: y, month: 12, day: 31) + 365)
        }
    }

    // MARK: Failed items

    static func failedItems(_ cube: CountCube) -> [FailedItemRow] {
        typealias YearKey = PassRateAnalysis.YearKey
        var failedByProduct: [YearKey: Int] = [:], failedByYear: [Int: Int] = [:]
        for r in cube.rows(.product) { failedByProduct[YearKey(r.year, r.key)] = r.counts.failed }
        for r in cube.rows(.year) { failedByYear[r.year, default: 0] += r.counts.failed }
        var rows: [FailedItemRow] = []
        var overall: [YearKey: Int] = [:]  // (year, item) → failures
        for c in cube.failedItems {
            rows.append(FailedItemRow(year: c.year, allProducts: false, productCode: c.productCode, productName: c.productName, item: c.item,
                                      failures: c.failures, failedBatches: failedByProduct[YearKey(c.year, c.productCode)] ?? 0))
            overall[YearKey(c.year, c.item), default: 0] += c.failures
        }
        for (o, failures) in overall {
            rows.append(FailedItemRow(year: o.year, allProducts: true, productCode: "", productName: "", item: o.key,
                                      failures: failures, failedBatches: failedByYear[o.year] ?? 0))
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
    /// The plan's issuing office, date of issue and data described (the bulletin's heading and notes).
    public var planIssue = PlanIssue()
    /// Inspection indicators (with `--inspections`).
    public var inspections: InspectionAnalysis?
    /// The composite index (with `--index`).
    public var index: IndexResult?
    /// Every ``GroupedIndicator/registry`` indicator (safety failures, re-tests …), in table order.
    public var grouped: [GroupedTable] = []
    /// The name of the all-records aggregate: 全国 only for data of every
    /// province, else the province or 全部数据（N 个省级地区） (``DataScope``).
    public var scopeName = Bilingual("全国", "national")
    /// The year the headline, the focus card and the bulletin are about
    /// (``chooseReportYear(requested:yearsFromDates:)``); nil: the latest with tested batches.
    public var reportYear: Int?
    /// A latest year with too few batches to be a whole year (years from sampling dates only).
    public var partialYear: PartialYear?

    public init(rates: PassRateAnalysis, findings: SamplingFindings, options: AnalysisOptions) {
        self.rates = rates
        self.findings = findings
        self.options = options
    }

    /// Everything a cube of counts holds: the pass-rate tables
    /// (``PassRateAnalysis/derive``), the findings (``SamplingFindings/derive``)
    /// and the grouped indicators. A report from records and
    /// `report --from-counts` both come through here.
    public static func derive(_ cube: CountCube, regions: RegionTable, options: AnalysisOptions = AnalysisOptions()) -> Analysis {
        var a = Analysis(rates: PassRateAnalysis.derive(cube, regions: regions, options: options),
                         findings: SamplingFindings.derive(cube, regions: regions, options: options), options: options)
        a.grouped = GroupedIndicator.registry.map { $0.table(fromCounts: cube.grouped[$0.countTable] ?? []) }
        a.scopeName = regions.scopeName
        return a
    }

    /// The target rows the report's verdicts are taken from: every row, but
    /// none after the report year where that year was chosen (`--year`) or
    /// a partial year follows it — a verdict is never taken on a partial
    /// year's stragglers. targets.csv keeps every row.
    public var targetsAsOfReportYear: [TargetRow] {
        guard let y = reportYear, partialYear != nil || options.reportYear != nil else { return targets }
        return targets.filter { $0.year <= y }
    }

    /// The row of the year the report is about: ``reportYear``'s, else the latest with tested batches.
    public var headline: PassRateRow? {
        if let y = reportYear, let r = rates.byYear.first(where: { $0.year == y && $0.counts.tested > 0 }) { return r }
        return rates.byYear.last { $0.counts.tested > 0 }
    }

    /// Decides ``reportYear``: the year asked for (`--year`); else, when the
    /// years come from sampling dates (no year column), a latest year with
    /// under a quarter of the median year's sampled batches is a partial year
    /// (January stragglers of last year's tasks) and the latest complete year
    /// is reported; else the latest year. Decided on counts, in integers:
    /// partial when 8 × latest < the sum of the two middle years' counts.
    public mutating func chooseReportYear(requested: Int?, yearsFromDates: Bool) {
        let years = rates.byYear.filter { $0.counts.sampled > 0 }
        partialYear = nil
        if let requested { reportYear = requested; return }
        reportYear = years.last { $0.counts.tested > 0 }?.year
        guard yearsFromDates, years.count >= 2, let latest = years.last else { return }
        let sorted = years.map(\.counts.sampled).sorted()
        let middleSum = sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]
        guard 8 * latest.counts.sampled < middleSum else { return }
        partialYear = PartialYear(year: latest.year, batches: latest.counts.sampled, medianTwice: middleSum)
        reportYear = years.dropLast().last { $0.counts.tested > 0 }?.year ?? reportYear
    }


    /// From the loaded records: qindex's own kernel counts (``CountCube/count``), then ``derive``.
    /// Pass the table as a temporary (`compute(consume t)`) so the rate
    /// aggregation can take over its columns.
    public static func compute(_ t: consuming SamplingTable, options: AnalysisOptions = AnalysisOptions()) -> Analysis {
        let regions = t.regions
        return derive(counts(consume t, options: options), regions: regions, options: options)
    }

    /// The counts a report needs from the loaded records (qindex's own kernel),
    /// with the filtered sets of its plan targets and index indicators.
    public static func counts(_ t: consuming SamplingTable, options: AnalysisOptions = AnalysisOptions(), filters: [RecordFilter] = []) -> CountCube {
        // Regions by month only for the regions charted (`--control-region`); an export counts them all.
        let kinds = CountTableKind.allCases.filter { $0 != .regionMonth || !options.controlRegions.isEmpty }
        return CountCube.count(consume t, kinds: kinds, filters: filters, options: options)
    }
}

/// A latest year with under a quarter of the median year's batches.
public struct PartialYear: Sendable, Equatable {
    public let year: Int
    public let batches: Int
    /// Twice the median year's batches (an integer).
    public let medianTwice: Int
}
