import Foundation

/// One point of a p-chart.
public struct PChartPoint: Sendable, Equatable {
    public let successes: Int
    public let trials: Int
    public let rate: Double?
    public let centre: Double
    public let lower: Double
    public let upper: Double
    /// Beyond the 3σ limits (rule 1).
    public let beyondLimits: Bool
    /// The `runLength`-th or later successive point on one side of the centre (rule 4).
    public let run: Bool
    /// 2 of the last 3 points beyond 2σ on this point's side, this one among them (rule 2).
    public let twoOfThree: Bool
    public var signal: Bool { beyondLimits || run || twoOfThree }
}

/// p-chart with variable subgroup size (Montgomery, Introduction to
/// Statistical Quality Control, §7.2; as R's qcc `type = "p"`): centre
/// p̄ = Σx/Σn, limits p̄ ± 3√(p̄(1 − p̄)/nₜ) truncated to [0, 1], with the
/// Western Electric run rules (Western Electric Statistical Quality Control
/// Handbook, 1956): rule 4 — `runLength` successive points on one side of
/// the centre (8 by default; qcc 2.7's own default is 7); rule 2 — 2 of 3
/// successive points beyond 2σ on the same side. A point exactly on the
/// centre line ends a run. Periods with no trials get no point.
public enum PChart {
    public static let defaultRunLength = 8

    public static func compute(_ periods: [(x: Int, n: Int)], runLength: Int = defaultRunLength) -> [PChartPoint?] {
        let sx = periods.reduce(0) { $0 + $1.x }, sn = periods.reduce(0) { $0 + $1.n }
        guard sn > 0 else { return periods.map { _ in nil } }
        let pbar = Double(sx) / Double(sn)
        var points: [PChartPoint?] = []
        var runSide = 0, runCount = 0
        var recent: [Int] = []  // side beyond 2σ (+1, −1) or 0, for the last points
        for (x, n) in periods {
            guard n > 0 else { points.append(nil); continue }
            let p = Double(x) / Double(n)
            let sigma = (pbar * (1 - pbar) / Double(n)).squareRoot()
            let lower = max(0, pbar - 3 * sigma), upper = min(1, pbar + 3 * sigma)
            let side = p > pbar ? 1 : (p < pbar ? -1 : 0)
            if side != 0 && side == runSide { runCount += 1 } else { runSide = side; runCount = side == 0 ? 0 : 1 }
            let beyond2 = p > pbar + 2 * sigma ? 1 : (p < pbar - 2 * sigma ? -1 : 0)
            recent.append(beyond2)
            if recent.count > 3 { recent.removeFirst() }
            let twoOfThree = beyond2 != 0 && recent.filter { $0 == beyond2 }.count >= 2
            points.append(PChartPoint(successes: x, trials: n, rate: p, centre: pbar, lower: lower, upper: upper,
                                      beyondLimits: p > upper || p < lower, run: runCount >= runLength, twoOfThree: twoOfThree))
        }
        return points
    }
}
