import Foundation

/// Where a unit falls on a funnel plot.
public enum FunnelFlag: String, Sendable, CaseIterable {
    case within
    case above95 = "above_95"
    case above998 = "above_998"
    case below95 = "below_95"
    case below998 = "below_998"

    /// Beyond the 99.8% limits ("beyond chance" in the report).
    public var isBeyond998: Bool { self == .above998 || self == .below998 }
}

/// How limits are widened when the units are overdispersed (`--funnel-adjust`).
public enum FunnelAdjustment: String, Sendable, CaseIterable {
    /// Multiplicative: limits target ± z·√φ·sᵢ (Spiegelhalter 2005 §6.1; the default).
    case multiplicative
    /// Additive random effects: limits target ± z·√(sᵢ² + τ²) (§6.2).
    case additive
    /// Never adjust: exact limits even when the units are overdispersed.
    case none
}

/// Which limits a funnel used (the `funnel_limits` column).
public enum FunnelLimits: String, Sendable {
    case exactBinomial = "exact_binomial"
    case exactPoisson = "exact_poisson"
    case multiplicative = "overdispersed_multiplicative"
    case additive = "overdispersed_additive"
}

/// A funnel plot of units around a target (Spiegelhalter 2005, "Funnel
/// plots for comparing institutional performance", Statistics in Medicine
/// 24:1185–1202), with the overdispersion test and adjustment of its §6 as
/// FunnelPlotR does by default (z-scores winsorised at the 10th and 90th
/// percentiles).
public struct FunnelAnalysis: Sendable {
    /// The target: the parent's rate for proportions, 1 for standardised ratios.
    public let target: Double
    /// Units in the test (those with a positive denominator).
    public let units: Int
    /// φ = mean of the squared winsorised z-scores; nil with fewer than 2 units.
    public let phi: Double?
    /// I·φ exceeds the χ²(I − 1) 95% point.
    public let overdispersed: Bool
    /// Between-unit variance of the additive model (when that model is used).
    public let tau2: Double?
    public let limits: FunnelLimits
    /// One flag per input unit; nil where the denominator is 0.
    public let flags: [FunnelFlag?]

    /// The 95% and 99.8% limits (low95, high95, low998, high998) at
    /// precision `n` (batches tested, or expected count for ratios).
    public let limitsAt: @Sendable (Double) -> (low95: Double, high95: Double, low998: Double, high998: Double)
}

public enum Funnel {
    static let quantiles = (low998: 0.001, low95: 0.025, high95: 0.975, high998: 0.999)

    /// Proportions x/n around p0 (the parent's rate). Without overdispersion
    /// (or with `adjustment` .none) the limits are exact binomial with the
    /// paper's interpolation: r = the q-quantile of Binomial(n, p0),
    /// α = (F(r) − q)/(F(r) − F(r − 1)), limit = (r − α)/n — the curve to
    /// draw. A unit's flag then comes from its exact tail: above the upper
    /// q-limit when P(X ≥ x) < 1 − q, below the lower when P(X ≤ x) < q.
    public static func proportions(_ units: [(x: Int, n: Int)], target p0: Double, adjustment: FunnelAdjustment = .multiplicative) -> FunnelAnalysis {
        let y = units.map { $0.n > 0 ? Double($0.x) / Double($0.n) : 0 }
        let precision = units.map { Double($0.n) }
        let sd: @Sendable (Double) -> Double = { n in (p0 * (1 - p0) / n).squareRoot() }
        let exact: @Sendable (Double, Double) -> Double = { q, n in exactBinomialLimit(q: q, n: Int(n), p0: p0) }
        // Exact tails: P(X ≥ x) and P(X ≤ x) under Binomial(n, p0).
        let tails: (Int) -> (upper: Double, lower: Double) = { i in
            let (x, n) = units[i]
            return (1 - Distributions.binomialCDF(x - 1, n, p0), Distributions.binomialCDF(x, n, p0))
        }
        return analyse(y: y, precision: precision, target: p0, sd: sd, exact: exact, exactKind: .exactBinomial,
                       adjustment: adjustment, clamp: (0, 1), tails: tails)
    }

    /// Indirectly standardised ratios O/E around 1 (Spiegelhalter 2005 §3.3):
    /// exact Poisson limits (r − α)/E with the same interpolation, sᵢ = 1/√Eᵢ.
    public static func ratios(_ units: [(observed: Int, expected: Double)], adjustment: FunnelAdjustment = .multiplicative) -> FunnelAnalysis {
        let y = units.map { $0.expected > 0 ? Double($0.observed) / $0.expected : 0 }
        let precision = units.map(\.expected)
        let sd: @Sendable (Double) -> Double = { e in 1 / e.squareRoot() }
        let exact: @Sendable (Double, Double) -> Double = { q, e in
            let (r, f, pmf) = Distributions.poissonQuantile(q, e)
            let alpha = pmf > 0 ? (f - q) / pmf : 0
            return max(0, Double(r) - alpha) / e
        }
        let tails: (Int) -> (upper: Double, lower: Double) = { i in
            let (o, e) = units[i]
            return (1 - Distributions.poissonCDF(o - 1, e), Distributions.poissonCDF(o, e))
        }
        return analyse(y: y, precision: precision, target: 1, sd: sd, exact: exact, exactKind: .exactPoisson,
                       adjustment: adjustment, clamp: (0, .infinity), tails: tails)
    }

    /// Spiegelhalter's interpolated exact binomial limit for proportion quantile q.
    public static func exactBinomialLimit(q: Double, n: Int, p0: Double) -> Double {
        guard n > 0 else { return p0 }
        if p0 <= 0 { return 0 }
        if p0 >= 1 { return 1 }
        let (r, f, pmf) = Distributions.binomialQuantile(q, n, p0)
        let alpha = pmf > 0 ? (f - q) / pmf : 0
        return min(1, max(0, (Double(r) - alpha) / Double(n)))
    }

    /// Type-7 percentile (linear interpolation, R's and numpy's default).
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    static func analyse(y: [Double], precision: [Double], target: Double, sd: @escaping @Sendable (Double) -> Double,
                        exact: @escaping @Sendable (Double, Double) -> Double, exactKind: FunnelLimits,
                        adjustment: FunnelAdjustment, clamp: (Double, Double), tails: (Int) -> (upper: Double, lower: Double)) -> FunnelAnalysis {
        let used = precision.indices.filter { precision[$0] > 0 }
        let s = used.map { sd(precision[$0]) }
        var phi: Double?, tau2: Double?, overdispersed = false
        if used.count >= 2, s.allSatisfy({ $0 > 0 && $0.isFinite }) {
            let z = zip(used, s).map { (y[$0.0] - target) / $0.1 }
            let sorted = z.sorted()
            let lo = percentile(sorted, 0.1), hi = percentile(sorted, 0.9)
            let w = z.map { min(max($0, lo), hi) }
            let i = Double(used.count)
            let ph = w.reduce(0) { $0 + $1 * $1 } / i
            phi = ph
            overdispersed = i * ph > Distributions.chiSquareQuantile(0.95, df: i - 1)
            if overdispersed && adjustment == .additive {
                let weights = s.map { 1 / ($0 * $0) }
                let sw = weights.reduce(0, +), sw2 = weights.reduce(0) { $0 + $1 * $1 }
                tau2 = max(0, (i * ph - (i - 1)) / (sw - sw2 / sw))
            }
        }
        let kind: FunnelLimits = !overdispersed || adjustment == .none ? exactKind : (adjustment == .additive ? .additive : .multiplicative)
        let z95 = Distributions.normalQuantile(0.975), z998 = Distributions.normalQuantile(0.999)
        let ph = phi ?? 1, t2 = tau2 ?? 0
        let limitsAt: @Sendable (Double) -> (low95: Double, high95: Double, low998: Double, high998: Double) = { n in
            func c(_ v: Double) -> Double { min(max(v, clamp.0), clamp.1) }
            switch kind {
            case .exactBinomial, .exactPoisson:
                return (exact(quantiles.low95, n), exact(quantiles.high95, n), exact(quantiles.low998, n), exact(quantiles.high998, n))
            case .multiplicative:
                let e = ph.squareRoot() * sd(n)
                return (c(target - z95 * e), c(target + z95 * e), c(target - z998 * e), c(target + z998 * e))
            case .additive:
                let e = (sd(n) * sd(n) + t2).squareRoot()
                return (c(target - z95 * e), c(target + z95 * e), c(target - z998 * e), c(target + z998 * e))
            }
        }
        let flags: [FunnelFlag?] = y.indices.map { i in
            guard precision[i] > 0 else { return nil }
            if kind == exactKind {
                // Exact limits flag on the exact tail probability of the
                // observed count, not on the interpolated curve: at small n
                // the curve's (r − α)/n sits just below a count that is
                // quite likely (5 of 5 at p0 = 0.98 has probability 0.90).
                let t = tails(i)
                if t.upper < 1 - quantiles.high998 { return .above998 }
                if t.lower < quantiles.low998 { return .below998 }
                if t.upper < 1 - quantiles.high95 { return .above95 }
                if t.lower < quantiles.low95 { return .below95 }
                return .within
            }
            let l = limitsAt(precision[i])
            let v = y[i]
            if v > l.high998 { return .above998 }
            if v < l.low998 { return .below998 }
            if v > l.high95 { return .above95 }
            if v < l.low95 { return .below95 }
            return .within
        }
        return FunnelAnalysis(target: target, units: used.count, phi: phi, overdispersed: overdispersed, tau2: tau2, limits: kind,
                              flags: flags, limitsAt: limitsAt)
    }
}
