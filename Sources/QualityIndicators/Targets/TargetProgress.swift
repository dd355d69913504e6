import Foundation
import QualityData

/// Eurostat's SDG assessment of progress toward a quantified target
/// (Eurostat, "Sustainable development in the European Union — Monitoring
/// report", methodological annex): the ratio of the actual compound annual
/// growth rate since the baseline to the rate required to meet the target.
public enum EurostatCategory: String, Sendable, CaseIterable {
    /// ratio ≥ 95% (or the target already met)
    case significantProgress = "significant_progress"
    /// 60% ≤ ratio < 95%
    case moderateProgress = "moderate_progress"
    /// 0 ≤ ratio < 60%
    case insufficientProgress = "insufficient_progress"
    /// ratio < 0
    case movementAway = "movement_away"
    /// Without a quantified target (growth in the desired direction): −1% to 0 a year
    case moderateMovementAway = "moderate_movement_away"
    /// Without a quantified target: below −1% a year
    case significantMovementAway = "significant_movement_away"

    /// Grades a compound annual growth rate in the desired direction, for a
    /// direction without a quantified target: > 1% significant progress,
    /// 0–1% moderate progress, 0 to −1% moderate movement away, < −1%
    /// significant movement away.
    public static func of(growth g: Double) -> EurostatCategory {
        if g > 0.01 { return .significantProgress }
        if g >= 0 { return .moderateProgress }
        if g >= -0.01 { return .moderateMovementAway }
        return .significantMovementAway
    }

    public static func of(ratio: Double) -> EurostatCategory {
        if ratio >= 0.95 { return .significantProgress }
        if ratio >= 0.6 { return .moderateProgress }
        if ratio >= 0 { return .insufficientProgress }
        return .movementAway
    }
}

/// Where a target stands in one year.
public enum TargetStatus: String, Sendable, CaseIterable {
    /// The target condition holds, and beyond sampling error (the 95%
    /// Wilson bound on the right side of the target).
    case achievedWithConfidence = "achieved_with_confidence"
    case achieved
    /// Not yet achieved; progress at least as far as a straight path from
    /// baseline to target would be by now.
    case onTrack = "on_track"
    case offTrack = "off_track"
    /// The target year has come and the target does not hold, beyond
    /// sampling error (the 95% Wilson interval wholly on the wrong side).
    case missedWithConfidence = "missed_with_confidence"
    /// The target year has come and the target does not hold.
    case missed
    /// No value for this year (or no baseline).
    case noData = "no_data"
}

/// One target × region × year.
public struct TargetRow: Sendable {
    public let target: PlanTarget
    public let regionCode: String
    public let regionName: String
    public let year: Int
    public let value: Double?
    /// Numerator and denominator of a rate (nil for statistics).
    public let numerator: Int?
    public let denominator: Int?
    public let interval: ProportionInterval?
    public let baselineYear: Int?
    public let baselineValue: Double?
    /// (value − baseline)/(target − baseline); nil for every-year targets.
    public let progress: Double?
    /// (year − baseline year)/(target year − baseline year), in [0, 1].
    public let expectedProgress: Double?
    public let status: TargetStatus
    public let eurostatRatio: Double?
    public let eurostatCategory: EurostatCategory?
    /// Year the target is reached on the linear trend; nil when not on the
    /// current trend (or not computable).
    public let projectedYear: Int?
    public let milestone: Double?
    /// The database run the year's value was borrowed from (nil: this run's records).
    public var borrowedFromRun: Int?
    /// The database run the baseline value was borrowed from (nil: the plan or this run's records).
    public var baselineBorrowedFromRun: Int?
    /// A year after the target year: shown, but the target is judged in its
    /// target year when the data have it (``TargetProgress/latest(_:)``).
    public var afterTargetYear: Bool { target.targetYear.map { year > $0 } ?? false }
    public var onTrack: Bool? {
        switch status {
        case .achieved, .achievedWithConfidence, .onTrack: return true
        case .offTrack, .missed, .missedWithConfidence: return false
        case .noData: return nil
        }
    }
}

/// A value of an indicator for one region and year.
public struct SeriesPoint: Sendable, Equatable {
    public let value: Double
    public let numerator: Int?
    public let denominator: Int?
    /// The database run it was borrowed from (nil: this run's own records).
    public var borrowedFromRun: Int?
    public init(value: Double, numerator: Int? = nil, denominator: Int? = nil, borrowedFromRun: Int? = nil) {
        self.value = value; self.numerator = numerator; self.denominator = denominator; self.borrowedFromRun = borrowedFromRun
    }

    /// The same measurement: equal counts where both have them, else equal values.
    func agrees(with o: SeriesPoint) -> Bool {
        if let n = numerator, let d = denominator, let on = o.numerator, let od = o.denominator { return n == on && d == od }
        return abs(value - o.value) <= 1e-9 * max(1, abs(value))
    }
}

/// One earlier run's values of an indicator for a region (from the database).
public struct HistoricRun: Sendable, Equatable {
    public let runId: Int
    public let points: [Int: SeriesPoint]
    public init(runId: Int, points: [Int: SeriesPoint]) { self.runId = runId; self.points = points }
}

/// The records targets are computed from.
public struct TargetData: Sendable {
    public var regions: RegionTable
    /// Sampling results as counts: the tables by year and region and each
    /// filtered set the targets and indicators need — from qindex's own
    /// kernel (``count(_:for:)``) or read back from an engine's count tables.
    public var counts: CountCube?
    /// Inspection records as counts (all of them, and each filter the
    /// targets and indicators need): from qindex's own kernel
    /// (``count(inspections:register:for:)``) or read back from an engine's count tables.
    public var inspectionCounts: InspectionCounts?
    public var statistics: [RegionalStatistic] = []
    /// Earlier runs' values (the SQLite history) by "indicator|region",
    /// latest run first, for years whose raw files are not in this run.
    public var history: [String: [HistoricRun]] = [:]
    public init(regions: RegionTable) { self.regions = regions }

    /// Counts the sampling results `t` for `queries` (a plan's targets, an
    /// index's indicators): the tables by year and region, and their filtered sets.
    public mutating func count(_ t: SamplingTable, for queries: [IndicatorQuery]) {
        counts = CountCube.forTargets(t, queries: queries)
    }

    /// Counts inspection records for `queries`: all of them and their filters;
    /// the register, when given, is the population of enterprise coverage.
    public mutating func count(inspections: [InspectionRecord], register: [RegisteredEnterprise] = [], for queries: [IndicatorQuery]) {
        inspectionCounts = InspectionCounts.count(inspections, regions: regions, register: register, filters: RecordFilter.inspections(neededBy: queries))
    }

    /// The latest year of any record given (the year of a `no_data` row for
    /// a target with neither baseline nor target year).
    public var latestYear: Int? {
        let years = [counts?.rows(.year).map(\.year).max(), inspectionCounts?.rows.map(\.year).max(), statistics.map(\.year).max()]
        return years.compactMap { $0 }.max()
    }
}

/// Plan-target progress (indicators.md §4).
public enum TargetProgress {
    /// Rows for every target and region of the plan: at least one each,
    /// a `no_data` row where nothing could be computed.
    public static func compute(_ plan: Plan, data: TargetData) -> [TargetRow] {
        var rows: [TargetRow] = []
        let latestYear = data.latestYear
        for t in plan.targets {
            // Every region of a target in one pass over the records.
            let all = TargetSeries.series(t.query, regions: t.regions, data: data)
            for (code, series) in zip(t.regions, all) {
                let name = data.regions.index(ofCode: code).map { data.regions[$0].name } ?? code
                rows += assess(t, regionCode: code, regionName: name, series: series, latestYear: latestYear)
            }
        }
        return rows
    }

    /// The row to show for each target and region, in plan order: its
    /// target year's when the data have that year (a target is judged in
    /// its target year; later years are after it), else its latest year
    /// with data, else its first row.
    public static func latest(_ rows: [TargetRow]) -> [TargetRow] {
        var picked: [TargetRow] = []
        var index: [String: Int] = [:]
        for r in rows {
            let k = "\(r.target.id)|\(r.regionCode)"
            if let i = index[k] {
                let current = picked[i]
                let judgedAlready = current.status != .noData && current.year == current.target.targetYear
                if r.status != .noData && !judgedAlready { picked[i] = r }
            } else {
                index[k] = picked.count
                picked.append(r)
            }
        }
        return picked
    }

    /// Rows for one target and region from its yearly series: one per year
    /// from the baseline year to the latest year with data (every year with
    /// data for every-year targets), and a single `no_data` row (at the
    /// baseline year, else the target year, else `latestYear`) when there is
    /// nothing to show.
    public static func assess(_ t: PlanTarget, regionCode: String, regionName: String, series: [Int: SeriesPoint],
                              latestYear: Int? = nil) -> [TargetRow] {
        // Only a proportion of a sample has an interval; a census (coverage, hazards rectified) is exact.
        let sampled = IndicatorRegistry.hasSamplingError(t.indicator)
        /// Whether the 95% Wilson interval lies wholly on one side of the
        /// target value: the side the target asks for (`achieved: true`) or
        /// the other one.
        func beyondSamplingError(_ p: SeriesPoint, achieved: Bool) -> Bool {
            guard sampled, let x = p.numerator, let n = p.denominator, let ci = Statistics.wilson(successes: x, trials: n) else { return false }
            switch (t.direction, achieved) {
            case (.atLeast, true): return ci.low >= t.targetValue
            case (.atLeast, false): return ci.high < t.targetValue
            case (.atMost, true): return ci.high <= t.targetValue
            case (.atMost, false): return ci.low > t.targetValue
            case (.equal, true): return false
            case (.equal, false): return ci.high < t.targetValue || ci.low > t.targetValue
            }
        }
        func met(_ p: SeriesPoint) -> TargetStatus { beyondSamplingError(p, achieved: true) ? .achievedWithConfidence : .achieved }
        func missed(_ p: SeriesPoint) -> TargetStatus { beyondSamplingError(p, achieved: false) ? .missedWithConfidence : .missed }
        func row(_ year: Int, _ p: SeriesPoint?, baseline: (Int, Double)?, progress: Double? = nil, expected: Double? = nil,
                 status: TargetStatus, ratio: Double? = nil, category: EurostatCategory? = nil, projected: Int? = nil) -> TargetRow {
            let ci = sampled ? p.flatMap { p in p.numerator.flatMap { x in p.denominator.flatMap { Statistics.wilson(successes: x, trials: $0) } } } : nil
            return TargetRow(target: t, regionCode: regionCode, regionName: regionName, year: year, value: p?.value, numerator: p?.numerator,
                             denominator: p?.denominator, interval: ci, baselineYear: baseline?.0, baselineValue: baseline?.1, progress: progress,
                             expectedProgress: expected, status: status, eurostatRatio: ratio, eurostatCategory: category, projectedYear: projected,
                             milestone: t.milestones[year],
                             borrowedFromRun: p?.borrowedFromRun,
                             baselineBorrowedFromRun: baseline != nil && t.baselineValue == nil ? series[baseline!.0]?.borrowedFromRun : nil)
        }
        let years = series.keys.sorted()
        var out: [TargetRow] = []
        if t.everyYear {
            // Every-year targets: met or not in each year with data.
            out = years.map { y in
                let p = series[y]!
                return row(y, p, baseline: nil, status: t.direction.holds(p.value, t.targetValue) ? met(p) : missed(p))
            }
        } else if let t0 = t.baselineYear {
            let last = max(years.last ?? t0, t0)
            if let b = t.baselineValue ?? series[t0]?.value {
                for y in t0...last {
                    guard let p = series[y] else { out.append(row(y, nil, baseline: (t0, b), status: .noData)); continue }
                    out.append(t.quantified ? towardTarget(y, p, t0: t0, b: b) : direction(y, p, t0: t0, b: b))
                }
            } else {
                // No baseline value and none in the data: every year is without a measure of progress.
                out = (t0...last).map { row($0, series[$0], baseline: nil, status: .noData) }
            }
        }
        if out.isEmpty {
            out = [row(t.baselineYear ?? t.targetYear ?? latestYear ?? 0, nil, baseline: nil, status: .noData)]
        }
        return out

        /// A direction without a number: the compound annual growth since the
        /// baseline, in the desired direction, graded as Eurostat grades it.
        func direction(_ y: Int, _ p: SeriesPoint, t0: Int, b: Double) -> TargetRow {
            let better = t.direction == .atMost ? p.value <= b : p.value >= b
            guard y > t0 else { return row(y, p, baseline: (t0, b), status: better ? .onTrack : .offTrack) }
            guard b > 0, p.value >= 0 else { return row(y, p, baseline: (t0, b), status: better ? .onTrack : .offTrack) }
            let growth = pow(p.value / b, 1 / Double(y - t0)) - 1
            let desired = t.direction == .atMost ? -growth : growth
            return row(y, p, baseline: (t0, b), status: desired >= 0 ? .onTrack : .offTrack, ratio: desired, category: .of(growth: desired))
        }

        /// A quantified target. One rule for status and projection: the
        /// current trend is the straight line from the baseline through this
        /// year's value, so progress = (value − baseline)/(target − baseline)
        /// is also the share of the way covered, the target is reached on the
        /// trend in year t0 + (y − t0)/progress, and "on track" (progress ≥
        /// expected) holds exactly when that year is no later than the target
        /// year. No progress (≤ 0) is no projected year ("not on current
        /// trend") and, for Eurostat, movement away (or insufficient progress
        /// at exactly 0).
        func towardTarget(_ y: Int, _ p: SeriesPoint, t0: Int, b: Double) -> TargetRow {
            guard let ty = t.targetYear else { return row(y, p, baseline: (t0, b), status: .noData) }
            let v = p.value
            let expected = min(1, max(0, Double(y - t0) / Double(ty - t0)))
            let achieved = t.direction.holds(v, t.targetValue)
            // A baseline that already meets the target leaves no distance to
            // cover: progress is undefined, and falling back below the
            // target is movement away.
            let baselineMet = t.direction.holds(b, t.targetValue)
            let progress: Double? = baselineMet ? nil : (v - b) / (t.targetValue - b)
            let status: TargetStatus
            if achieved { status = met(p) }
            else if y >= ty { status = missed(p) }
            else if let progress { status = progress >= expected - 1e-12 ? .onTrack : .offTrack }
            else { status = .offTrack }
            // Eurostat: actual against required compound annual growth. A
            // "≤ 0" target requires growth −100% a year, defined and graded.
            var ratio: Double?, category: EurostatCategory?
            if baselineMet {
                category = y > t0 ? (achieved ? .significantProgress : .movementAway) : nil
            } else if y > t0, b > 0, v >= 0, t.targetValue >= 0 {
                let required = pow(t.targetValue / b, 1 / Double(ty - t0)) - 1
                let actual = pow(v / b, 1 / Double(y - t0)) - 1
                if required != 0 { ratio = actual / required }
                category = achieved ? .significantProgress : ratio.map { EurostatCategory.of(ratio: $0) }
            }
            var projected: Int?
            if achieved { projected = y }
            else if y > t0, let progress, progress > 1e-12 {
                let crossing = Double(t0) + Double(y - t0) / progress
                if crossing < 10_000 { projected = max(Int(ceil(crossing - 1e-9)), y + 1) }
            }
            return row(y, p, baseline: (t0, b), progress: progress, expected: expected, status: status, ratio: ratio,
                       category: category, projected: projected)
        }
    }

}
