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
    /// Laney's σ_z the limits were widened by (1: a plain p-chart).
    public var sigmaZ: Double = 1
    /// A point of Laney's p′ chart (else of the binomial p-chart).
    public var laney = false
    public var signal: Bool { beyondLimits || run || twoOfThree }
}

/// Which chart: the binomial p-chart, Laney's p′ chart, or p′ only where the
/// periods vary more than binomial sampling allows (the default).
public enum ChartMethod: String, Sendable, CaseIterable {
    case auto, p, laney
}

/// Between-period variation of a series of proportions, as Laney (2002)
/// and the Pearson test of homogeneity measure it.
public struct Overdispersion: Sendable, Equatable {
    /// Laney's σ_z: the average moving range of the z-scores ÷ 1.128.
    public let sigmaZ: Double
    /// Pearson's χ² = Σ zᵢ² on k − 1 degrees of freedom, and its p-value.
    public let chiSquare: Double
    public let degreesOfFreedom: Int
    public let p: Double
    /// The p′ chart is used (under `auto`) when σ_z > 1 and the homogeneity
    /// test rejects at 1%: the periods really differ by more than sampling.
    public var warrantsLaney: Bool { sigmaZ > 1 && p < 0.01 }
}

/// p-chart with variable subgroup size (Montgomery, Introduction to
/// Statistical Quality Control, §7.2; as R's qcc `type = "p"`): centre
/// p̄ = Σx/Σn, limits p̄ ± 3√(p̄(1 − p̄)/nₜ) truncated to [0, 1], with the
/// Western Electric run rules (Western Electric Statistical Quality Control
/// Handbook, 1956): rule 4 — `runLength` successive points on one side of
/// the centre (8 by default; qcc 2.7's own default is 7); rule 2 — 2 of 3
/// successive points beyond 2σ on the same side. A point exactly on the
/// centre line ends a run. Periods with no trials get no point.
///
/// With large subgroups (thousands of batches a quarter) the binomial limits
/// are far narrower than the real period-to-period variation, and nearly
/// every point is flagged. Laney's p′ chart (D. B. Laney, "Improved control
/// charts for attributes", Quality Engineering 14(4):531–537, 2002) widens
/// them by σ_z, the spread of the points' z-scores measured by their average
/// moving range: limits p̄ ± 3·σ_z·√(p̄(1 − p̄)/nₜ), and the 2σ rule at
/// 2·σ_z·σₜ. With σ_z = 1 it is the p-chart.
public enum PChart {
    public static let defaultRunLength = 8
    /// d₂ for moving ranges of two (the constant Laney divides by).
    static let d2 = 1.128

    /// σ_z and the Pearson test over the periods with trials; nil with fewer than two such periods or p̄ of 0 or 1.
    public static func overdispersion(_ periods: [(x: Int, n: Int)]) -> Overdispersion? {
        let used = periods.filter { $0.n > 0 }
        let sx = used.reduce(0) { $0 + $1.x }, sn = used.reduce(0) { $0 + $1.n }
        guard used.count >= 2, sn > 0, sx > 0, sx < sn else { return nil }
        let pbar = Double(sx) / Double(sn)
        let z = used.map { (Double($0.x) / Double($0.n) - pbar) / (pbar * (1 - pbar) / Double($0.n)).squareRoot() }
        let movingRange = zip(z.dropFirst(), z).map { abs($0 - $1) }.reduce(0, +) / Double(z.count - 1)
        let chi = z.reduce(0) { $0 + $1 * $1 }, df = used.count - 1
        return Overdispersion(sigmaZ: movingRange / d2, chiSquare: chi, degreesOfFreedom: df,
                              p: Distributions.regularizedGammaQ(Double(df) / 2, chi / 2))
    }

    public static func compute(_ periods: [(x: Int, n: Int)], runLength: Int = defaultRunLength,
                               method: ChartMethod = .p) -> [PChartPoint?] {
        let sx = periods.reduce(0) { $0 + $1.x }, sn = periods.reduce(0) { $0 + $1.n }
        guard sn > 0 else { return periods.map { _ in nil } }
        let pbar = Double(sx) / Double(sn)
        // The chart `method` resolves to (`auto`: p′ when ``Overdispersion/warrantsLaney``), σ_z measured once.
        let spread = method == .p ? nil : overdispersion(periods)
        // p′ only where σ_z was measured: with fewer than two periods (or p̄ of 0 or 1) there is
        // no spread to measure, and `--chart laney` draws — and says it draws — the p-chart.
        let laney = spread.map { method == .laney || (method == .auto && $0.warrantsLaney) } ?? false
        let k = laney ? spread!.sigmaZ : 1
        var points: [PChartPoint?] = []
        var runSide = 0, runCount = 0
        var recent: [Int] = []  // side beyond 2σ (+1, −1) or 0, for the last points
        for (x, n) in periods {
            guard n > 0 else { points.append(nil); continue }
            let p = Double(x) / Double(n)
            let sigma = k * (pbar * (1 - pbar) / Double(n)).squareRoot()
            let lower = max(0, pbar - 3 * sigma), upper = min(1, pbar + 3 * sigma)
            let side = p > pbar ? 1 : (p < pbar ? -1 : 0)
            if side != 0 && side == runSide { runCount += 1 } else { runSide = side; runCount = side == 0 ? 0 : 1 }
            let beyond2 = p > pbar + 2 * sigma ? 1 : (p < pbar - 2 * sigma ? -1 : 0)
            recent.append(beyond2)
            if recent.count > 3 { recent.removeFirst() }
            let twoOfThree = beyond2 != 0 && recent.filter { $0 == beyond2 }.count >= 2
            points.append(PChartPoint(successes: x, trials: n, rate: p, centre: pbar, lower: lower, upper: upper,
                                      beyondLimits: p > upper || p < lower, run: runCount >= runLength, twoOfThree: twoOfThree, sigmaZ: k, laney: laney))
        }
        return points
    }
}
