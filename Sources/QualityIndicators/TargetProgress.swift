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
    public var onTrack: Bool? {
        switch status {
        case .achieved, .achievedWithConfidence, .onTrack: return true
        case .offTrack, .missed: return false
        case .noData: return nil
        }
    }
}

/// A value of an indicator for one region and year.
public struct SeriesPoint: Sendable, Equatable {
    public let value: Double
    public let numerator: Int?
    public let denominator: Int?
    public init(value: Double, numerator: Int? = nil, denominator: Int? = nil) {
        self.value = value; self.numerator = numerator; self.denominator = denominator
    }
}

/// The records targets are computed from.
public struct TargetData: Sendable {
    public var regions: RegionTable
    public var sampling: SamplingTable?
    public var inspections: [InspectionRecord] = []
    public var statistics: [RegionalStatistic] = []
    /// The enterprise register, when given: the population of enterprise coverage.
    public var register: [RegisteredEnterprise] = []
    /// Values from earlier runs (the SQLite history), by "indicator|region",
    /// for years whose raw files are not in this run.
    public var history: [String: [Int: SeriesPoint]] = [:]
    public init(regions: RegionTable) { self.regions = regions }
}

/// Plan-target progress (indicators.md §4).
public enum TargetProgress {
    public static func compute(_ plan: Plan, data: TargetData) -> [TargetRow] {
        var rows: [TargetRow] = []
        for t in plan.targets {
            for code in t.regions {
                let series = TargetSeries.series(t, region: code, data: data)
                let name = code == RegionTable.nationalCode ? "全国" : (data.regions.index(ofCode: code).map { data.regions[$0].name } ?? code)
                rows += assess(t, regionCode: code, regionName: name, series: series)
            }
        }
        return rows
    }

    /// The row to show for each target and region: its latest year with
    /// data (or its first row when it has none), in plan order.
    public static func latest(_ rows: [TargetRow]) -> [TargetRow] {
        var picked: [TargetRow] = []
        var index: [String: Int] = [:]
        for r in rows {
            let k = "\(r.target.id)|\(r.regionCode)"
            if let i = index[k] {
                if r.status != .noData { picked[i] = r }
            } else {
                index[k] = picked.count
                picked.append(r)
            }
        }
        return picked
    }

    /// Rows for one target and region from its yearly series.
    public static func assess(_ t: PlanTarget, regionCode: String, regionName: String, series: [Int: SeriesPoint]) -> [TargetRow] {
        let isRate = t.indicator.hasSuffix("_rate") || t.indicator.hasSuffix("_coverage")
        func confident(_ p: SeriesPoint) -> Bool {
            guard isRate, let x = p.numerator, let n = p.denominator, let ci = Statistics.wilson(successes: x, trials: n) else { return false }
            switch t.direction {
            case .atLeast: return ci.low >= t.targetValue
            case .atMost: return ci.high <= t.targetValue
            case .equal: return false
            }
        }
        func row(_ year: Int, _ p: SeriesPoint?, baseline: (Int, Double)?, progress: Double? = nil, expected: Double? = nil,
                 status: TargetStatus, ratio: Double? = nil, category: EurostatCategory? = nil, projected: Int? = nil) -> TargetRow {
            let ci = isRate ? p.flatMap { p in p.numerator.flatMap { x in p.denominator.flatMap { Statistics.wilson(successes: x, trials: $0) } } } : nil
            return TargetRow(target: t, regionCode: regionCode, regionName: regionName, year: year, value: p?.value, numerator: p?.numerator,
                             denominator: p?.denominator, interval: ci, baselineYear: baseline?.0, baselineValue: baseline?.1, progress: progress,
                             expectedProgress: expected, status: status, eurostatRatio: ratio, eurostatCategory: category, projectedYear: projected,
                             milestone: t.milestones[year])
        }
        let years = series.keys.sorted()
        // Every-year targets: met or not in each year with data.
        if t.everyYear {
            return years.map { y in
                let p = series[y]!
                let met = t.direction.holds(p.value, t.targetValue)
                return row(y, p, baseline: nil, status: met ? (confident(p) ? .achievedWithConfidence : .achieved) : .missed)
            }
        }
        if !t.quantified, let t0 = t.baselineYear, let b = t.baselineValue ?? series[t0]?.value {
            let last = max(years.last ?? t0, t0)
            var out: [TargetRow] = []
            // Direction only: the compound annual growth since the baseline, in the desired direction.
            for y in (t0 + 1)...max(last, t0 + 1) {
                guard let p = series[y] else { if y <= last { out.append(row(y, nil, baseline: (t0, b), status: .noData)) }; continue }
                guard b > 0, p.value > 0 else { out.append(row(y, p, baseline: (t0, b), status: .noData)); continue }
                let growth = pow(p.value / b, 1 / Double(y - t0)) - 1
                let desired = t.direction == .atMost ? -growth : growth
                out.append(row(y, p, baseline: (t0, b), status: desired >= 0 ? .onTrack : .offTrack, ratio: desired,
                               category: .of(growth: desired)))
            }
            return out
        }
        guard t.quantified, let t0 = t.baselineYear, let ty = t.targetYear else { return [] }
        guard let b = t.baselineValue ?? series[t0]?.value else {
            return years.filter { $0 >= t0 }.map { row($0, series[$0], baseline: nil, status: .noData) }
        }
        let last = max(years.last ?? t0, t0)
        var out: [TargetRow] = []
        for y in t0...last {
            guard let p = series[y] else {
                if y > t0 { out.append(row(y, nil, baseline: (t0, b), status: .noData)) }
                continue
            }
            let v = p.value
            let expected = min(1, max(0, Double(y - t0) / Double(ty - t0)))
            let achieved = t.direction.holds(v, t.targetValue)
            // A baseline that already meets the target leaves no distance to
            // cover: progress is undefined, and falling back below the
            // target is movement away.
            let baselineMet = t.direction.holds(b, t.targetValue)
            let progress: Double? = baselineMet ? nil : (v - b) / (t.targetValue - b)
            let status: TargetStatus
            if achieved { status = confident(p) ? .achievedWithConfidence : .achieved }
            else if y >= ty { status = .missed }
            else if let progress { status = progress >= expected - 1e-12 ? .onTrack : .offTrack }
            else { status = .offTrack }
            // Eurostat: actual against required compound annual growth.
            var ratio: Double?, category: EurostatCategory?
            if baselineMet {
                category = y > t0 ? (achieved ? .significantProgress : .movementAway) : nil
            } else if y > t0, b > 0, v > 0, t.targetValue > 0 {
                let required = pow(t.targetValue / b, 1 / Double(ty - t0)) - 1
                let actual = pow(v / b, 1 / Double(y - t0)) - 1
                if achieved {
                    category = .significantProgress
                    ratio = required != 0 ? actual / required : nil
                } else if required != 0 {
                    ratio = actual / required
                    category = .of(ratio: ratio!)
                }
            }
            // Projection on the least-squares line through the recent years (baseline included).
            var points: [(Double, Double)] = (t0...y).compactMap { yy in
                if yy == t0 { return (Double(yy), b) }
                return series[yy].map { (Double(yy), $0.value) }
            }
            if let k = t.trendYears, points.count > k { points = Array(points.suffix(k)) }
            let projected = achieved ? y : projection(points, target: t.targetValue, direction: t.direction, after: y)
            out.append(row(y, p, baseline: (t0, b), progress: progress, expected: expected, status: status, ratio: ratio,
                           category: category, projected: projected))
        }
        return out
    }

    /// The first year after `after` at which the least-squares line reaches
    /// the target, if it moves toward it; nil otherwise.
    static func projection(_ points: [(Double, Double)], target: Double, direction: TargetDirection, after: Int) -> Int? {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.0 } / n, my = points.reduce(0) { $0 + $1.1 } / n
        let sxx = points.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
        guard sxx > 0 else { return nil }
        let slope = points.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
        let towards = direction == .atLeast ? slope > 0 : (direction == .atMost ? slope < 0 : slope != 0)
        guard towards else { return nil }
        let crossing = mx + (target - my) / slope
        return max(Int(ceil(crossing - 1e-9)), after + 1)
    }
}
