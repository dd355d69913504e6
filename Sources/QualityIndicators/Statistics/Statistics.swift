import Foundation

/// A two-sided confidence interval for a proportion.
public struct ProportionInterval: Sendable, Equatable {
    public let low: Double
    public let high: Double
}

/// Statistical building blocks, each the published method it names.
public enum Statistics {
    /// z for a two-sided 95% interval: Φ⁻¹(0.975).
    public static let z95 = 1.959963984540054

    /// Standard normal CDF Φ(x), via the complementary error function.
    public static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// Two-sided p-value of a standard normal statistic: 2·(1 − Φ(|z|)).
    public static func twoSidedP(_ z: Double) -> Double { erfc(abs(z) / 2.0.squareRoot()) }

    /// Wilson score interval (Wilson 1927), without continuity correction.
    ///
    /// centre = (x + z²/2)/(n + z²), half-width = z/(n + z²)·√(x(n − x)/n + z²/4).
    /// Stays inside [0, 1] and behaves near p = 1 and for small n, where the
    /// normal (Wald) interval breaks. Returns nil for n = 0.
    public static func wilson(successes x: Int, trials n: Int, z: Double = z95) -> ProportionInterval? {
        guard n > 0 else { return nil }
        let nd = Double(n), xd = Double(x), z2 = z * z
        let centre = (xd + z2 / 2) / (nd + z2)
        let half = z / (nd + z2) * (xd * (nd - xd) / nd + z2 / 4).squareRoot()
        return ProportionInterval(low: max(0, centre - half), high: min(1, centre + half))
    }

    /// Result of a two-proportion z-test.
    public struct ZTest: Sendable, Equatable {
        public let z: Double
        public let pValue: Double
    }

    /// Two-proportion z-test with pooled variance (as statsmodels'
    /// `proportions_ztest` and R's `prop.test(correct = FALSE)`).
    ///
    /// z = (p₁ − p₂)/√(p̂(1 − p̂)(1/n₁ + 1/n₂)), p̂ = (x₁ + x₂)/(n₁ + n₂).
    /// Returns nil when either n is 0. When p̂ is 0 or 1 both groups are
    /// identical and the p-value is 1.
    public static func twoProportionZ(x1: Int, n1: Int, x2: Int, n2: Int) -> ZTest? {
        guard n1 > 0, n2 > 0 else { return nil }
        let p1 = Double(x1) / Double(n1), p2 = Double(x2) / Double(n2)
        let pooled = Double(x1 + x2) / Double(n1 + n2)
        let v = pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n2))
        guard v > 0 else { return ZTest(z: 0, pValue: 1) }
        let z = (p1 - p2) / v.squareRoot()
        return ZTest(z: z, pValue: twoSidedP(z))
    }

    /// Fisher's exact test, two-sided, for the 2×2 table
    /// [[x₁, n₁ − x₁], [x₂, n₂ − x₂]] (as R's `fisher.test` and scipy's
    /// `fisher_exact`): the sum of the hypergeometric probabilities of all
    /// tables with the same margins that are no more likely than the observed
    /// one (relative tolerance 1e-7, as R uses).
    public static func fisherExact(x1: Int, n1: Int, x2: Int, n2: Int) -> Double? {
        guard n1 > 0, n2 > 0 else { return nil }
        let n = n1 + n2, m = x1 + x2
        // Hypergeometric: successes among the n1 units of row 1, margins n1 and m.
        let lo = max(0, n1 - (n - m)), hi = min(n1, m)
        let base = lchoose(n, n1)
        func logP(_ k: Int) -> Double { lchoose(m, k) + lchoose(n - m, n1 - k) - base }
        let observed = logP(x1)
        let cutoff = observed + log1p(1e-7)
        var p = 0.0
        for k in lo...hi {
            let lp = logP(k)
            if lp <= cutoff { p += exp(lp) }
        }
        return min(1, p)
    }

    static func lchoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
    }

    /// How two proportions were compared.
    public enum ComparisonMethod: String, Sendable { case zTest = "z", fisher = "fisher" }

    /// Whether every expected cell count of the 2×2 table
    /// [[x₁, n₁ − x₁], [x₂, n₂ − x₂]] is at least 5 (Cochran's rule),
    /// decided in integers: the smallest expected count is
    /// min(n₁, n₂) · min(x₁ + x₂, failures) / N, and it is ≥ 5 exactly when
    /// min(n₁, n₂) · min(x₁ + x₂, failures) ≥ 5 · N. (In floating point
    /// 50 · (1 − 108/120) = 4.999999999999999 would pick the other test.)
    public static func expectedCountsAtLeastFive(x1: Int, n1: Int, x2: Int, n2: Int) -> Bool {
        let total = n1 + n2, successes = x1 + x2
        let smallestRow = min(n1, n2), smallestColumn = min(successes, total - successes)
        return smallestRow * smallestColumn >= 5 * total
    }

    /// Compares two proportions: the pooled two-proportion z-test when every
    /// expected cell count is at least 5 (Cochran's rule, decided in
    /// integers), otherwise Fisher's exact test — so a county with 1 failed
    /// batch out of 1 is not declared "significantly worse" on a normal
    /// approximation that does not hold.
    public static func compareProportions(x1: Int, n1: Int, x2: Int, n2: Int) -> (p: Double, method: ComparisonMethod)? {
        guard n1 > 0, n2 > 0 else { return nil }
        if expectedCountsAtLeastFive(x1: x1, n1: n1, x2: x2, n2: n2), let z = twoProportionZ(x1: x1, n1: n1, x2: x2, n2: n2) {
            return (z.pValue, .zTest)
        }
        return fisherExact(x1: x1, n1: n1, x2: x2, n2: n2).map { ($0, .fisher) }
    }

    /// Benjamini–Hochberg q-values (adjusted p-values controlling the false
    /// discovery rate; Benjamini & Hochberg 1995, JRSS B 57:289–300): with
    /// the m p-values of a family in ascending order, q₍ᵢ₎ = min over j ≥ i of
    /// min(1, m·p₍ⱼ₎/j) — statsmodels' `multipletests(method="fdr_bh")`.
    /// A missing p-value (no test) is not in the family and has no q-value.
    public static func benjaminiHochberg(_ p: [Double?]) -> [Double?] {
        let tested = p.indices.filter { p[$0] != nil }.sorted { (p[$0]!, $0) < (p[$1]!, $1) }
        let m = Double(tested.count)
        var q = [Double?](repeating: nil, count: p.count)
        var running = 1.0
        for (rank, i) in tested.enumerated().reversed() {
            running = min(running, min(1, m * p[i]! / Double(rank + 1)))
            q[i] = running
        }
        return q
    }
}

/// The interval for a proportion (`--interval`).
public enum IntervalMethod: String, Sendable, CaseIterable {
    /// Wilson score, no continuity correction (the default).
    case wilson
    /// Jeffreys: Beta(x + ½, n − x + ½) quantiles, lower = 0 at x = 0 and
    /// upper = 1 at x = n (Brown, Cai & DasGupta 2001; R's DescTools).
    case jeffreys
    /// Clopper–Pearson exact interval (Clopper & Pearson 1934).
    case clopperPearson = "clopper-pearson"
    /// Wilson at the effective counts of enterprises as clusters (batch pass
    /// rates: passed and tested ÷ the design effect, Rao & Scott 1992),
    /// with tests and funnels on the same counts; Wilson where no clustering
    /// is known (enterprise rates, shares of grouped indicators).
    case cluster

    /// The 95% interval (or `1 − alpha`) for x successes in n trials; nil for n = 0.
    public func interval(successes x: Int, trials n: Int, alpha: Double = 0.05) -> ProportionInterval? {
        guard n > 0 else { return nil }
        let xd = Double(x), nd = Double(n)
        switch self {
        case .wilson, .cluster:
            return Statistics.wilson(successes: x, trials: n, z: alpha == 0.05 ? Statistics.z95 : Distributions.normalQuantile(1 - alpha / 2))
        case .jeffreys:
            let low = x == 0 ? 0 : Distributions.betaQuantile(alpha / 2, xd + 0.5, nd - xd + 0.5)
            let high = x == n ? 1 : Distributions.betaQuantile(1 - alpha / 2, xd + 0.5, nd - xd + 0.5)
            return ProportionInterval(low: low, high: high)
        case .clopperPearson:
            let low = x == 0 ? 0 : Distributions.betaQuantile(alpha / 2, xd, nd - xd + 1)
            let high = x == n ? 1 : Distributions.betaQuantile(1 - alpha / 2, xd + 1, nd - xd)
            return ProportionInterval(low: low, high: high)
        }
    }
}
