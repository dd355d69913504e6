import Foundation

/// Empirical-Bayes (beta-binomial) shrinkage of rates, as R's ebbr does
/// (Robinson, "Introduction to Empirical Bayes", 2017): a Beta(α₀, β₀)
/// prior is fitted to the units by maximum likelihood of the beta-binomial,
/// and each unit's rate is shrunk toward the prior mean in proportion to how
/// little data it has — so 5/5 does not outrank 990/1000.
public struct BetaPrior: Sendable, Equatable {
    public let alpha: Double
    public let beta: Double
    public var mean: Double { alpha / (alpha + beta) }

    /// Shrunken rate (α₀ + x)/(α₀ + β₀ + n) and the 95% equal-tailed credible
    /// interval of Beta(α₀ + x, β₀ + n − x).
    public func shrink(successes x: Int, trials n: Int) -> (rate: Double, low: Double, high: Double) {
        let a = alpha + Double(x), b = beta + Double(n - x)
        return (a / (a + b), Distributions.betaQuantile(0.025, a, b), Distributions.betaQuantile(0.975, a, b))
    }
}

public enum EmpiricalBayes {
    /// The prior strength α₀ + β₀ that stands for "infinitely strong" (every
    /// unit at the pooled rate to within 1e-6), used when Tarone's score
    /// says the units vary no more than binomial noise.
    public static let maxStrength = 1e9
    /// The weakest prior strength searched; below it the likelihood of units
    /// with an intermediate rate (0 < x < n) falls away.
    static let minStrength = 1e-8

    /// Beta-binomial log-likelihood, without the binomial coefficients
    /// (constant in α, β): Σ log B(xᵢ + α, nᵢ − xᵢ + β) − log B(α, β).
    public static func logLikelihood(_ units: [(x: Int, n: Int)], alpha: Double, beta: Double) -> Double {
        let lb = Distributions.logBeta(alpha, beta)
        return units.reduce(0) { $0 + Distributions.logBeta(Double($1.x) + alpha, Double($1.n - $1.x) + beta) - lb }
    }

    /// Tarone's (1979, Biometrika 66:585) score for overdispersion at the
    /// pooled rate p = X/N, times N² so that it is an integer:
    /// N²·Σ[(xᵢ − nᵢp)² − nᵢp(1 − p)] = Σ(xᵢN − nᵢX)² − X(N − X)·N·Σnᵢ… with
    /// Σnᵢ = N, i.e. Σ(xᵢN − nᵢX)² − X(N − X)N. Its sign decides, exactly,
    /// whether the units vary more than binomial noise.
    public static func taroneScoreSign(_ units: [(x: Int, n: Int)]) -> Int {
        let x = units.reduce(0) { $0 + $1.x }, n = units.reduce(0) { $0 + $1.n }
        let bigX = Int128(x), bigN = Int128(n)
        var sum: Int128 = 0
        for u in units {
            let d = Int128(u.x) * bigN - Int128(u.n) * bigX
            sum += d * d
        }
        let score = sum - bigX * (bigN - bigX) * bigN
        return score > 0 ? 1 : (score < 0 ? -1 : 0)
    }

    /// Maximum-likelihood Beta prior for the units (those with n > 0); nil
    /// where no prior is fitted (docs/methods.md, "Empirical-Bayes shrinkage"):
    /// - fewer than 3 units, or every rate 0, or every rate 1;
    /// - every rate 0 or 1 but mixed, with Tarone's score positive: the
    ///   likelihood rises toward a prior of strength 0 (all mass at 0 and 1)
    ///   and has no finite maximum, so nothing is shrunk.
    /// Where Tarone's score (computed in integers) is ≤ 0 the likelihood
    /// rises toward an infinitely strong prior, and the prior returned is that
    /// limit: strength ``maxStrength`` at the pooled rate.
    ///
    /// Otherwise the maximum is found on the profile likelihood: for a prior
    /// strength k the best mean μ solves ∂ℓ/∂μ = 0 (a strictly decreasing
    /// function of μ: bisection with Newton steps), and k solves
    /// ∂ℓ/∂log k = 0 in the same way. Both stop on the gradient — where its
    /// sign can no longer be told apart, or the bracket is at rounding width —
    /// never on the size of a step, so a flat likelihood is still followed to
    /// its maximum.
    public static func fit(_ all: [(x: Int, n: Int)]) -> BetaPrior? {
        let units = all.filter { $0.n > 0 }
        guard units.count >= 3 else { return nil }
        guard units.contains(where: { $0.x > 0 }), units.contains(where: { $0.x < $0.n }) else { return nil }
        let x = units.reduce(0) { $0 + $1.x }, n = units.reduce(0) { $0 + $1.n }
        let pooled = Double(x) / Double(n)
        if taroneScoreSign(units) <= 0 { return BetaPrior(alpha: pooled * maxStrength, beta: (1 - pooled) * maxStrength) }
        if units.allSatisfy({ $0.x == 0 || $0.x == $0.n }) { return nil }
        let profile = Profile(units: units, pooled: pooled)
        // ∂ℓ/∂log k falls from + (weak priors) to − (strong ones) through the
        // maximum. Bracket it by steps of 10 from a strength of 10, reading
        // a slope only where its sign stands out of its rounding noise; a
        // slope still rising at the strongest prior is the documented limit.
        func slope(_ t: Double) -> (value: Double, noise: Double) { profile.strengthSlope(exp(t)) }
        var lo = log(10.0), hi = lo
        var atLo = Double.nan, atHi = Double.nan
        while true {
            let g = slope(hi)
            if g.value < -g.noise { atHi = g.value; break }
            lo = hi
            atLo = g.value > g.noise ? g.value : .nan
            hi += log(10.0)
            if hi > log(maxStrength) { return BetaPrior(alpha: pooled * maxStrength, beta: (1 - pooled) * maxStrength) }
        }
        if lo == hi {
            while true {
                lo -= log(10.0)
                if lo < log(minStrength) { return nil }  // still falling at the weakest prior: no finite maximum
                let g = slope(lo)
                if g.value > g.noise { atLo = g.value; break }
                hi = lo
                atHi = g.value < -g.noise ? g.value : .nan
            }
        }
        let t = Profile.fallingRoot(lo, hi, values: (atLo, atHi)) { t in
            let g = profile.strengthSlope(exp(t))
            return (g.value, g.noise, nil)
        }
        let k = exp(t), mu = profile.bestMean(k)
        return BetaPrior(alpha: mu * k, beta: (1 - mu) * k)
    }

    /// The beta-binomial likelihood's gradient in (μ, log k), with α = μk and
    /// β = (1 − μ)k. Differences ψ(a + m) − ψ(a) are summed term by term for
    /// small m (exact where the two digammas would cancel).
    struct Profile {
        let units: [(x: Int, n: Int)]
        /// X/N, where Newton for the best mean starts.
        let pooled: Double

        /// ψ(a + m) − ψ(a) and ψ′(a + m) − ψ′(a), to full relative
        /// precision even where a is large and the two functions nearly
        /// equal: a sum of m terms for small m; for a ≥ 100 the asymptotic
        /// series (A&S 6.3.18, 6.4.12) differenced term by term, with
        /// log1p(m/a) and the 1/x, 1/x² differences in closed form; else the
        /// difference of the functions (both of order one there).
        static func differences(_ a: Double, _ m: Int) -> (psi: Double, trigamma: Double) {
            if m <= 32 {
                var s = 0.0, t = 0.0
                for j in 0..<m { let r = 1 / (a + Double(j)); s += r; t -= r * r }
                return (s, t)
            }
            let dm = Double(m), b = a + dm
            guard a >= 100 else {
                return (SpecialFunctions.digamma(b) - SpecialFunctions.digamma(a), SpecialFunctions.trigamma(b) - SpecialFunctions.trigamma(a))
            }
            let ia = 1 / a, ib = 1 / b, ia2 = ia * ia, ib2 = ib * ib
            let a3 = ia2 * ia, b3 = ib2 * ib, a4 = ia2 * ia2, b4 = ib2 * ib2, a5 = a4 * ia, b5 = b4 * ib
            let a6 = a4 * ia2, b6 = b4 * ib2, a7 = a6 * ia, b7 = b6 * ib, a8 = a4 * a4, b8 = b4 * b4, a9 = a8 * ia, b9 = b8 * ib
            // ψ(x) = ln x − 1/(2x) − 1/(12x²) + 1/(120x⁴) − 1/(252x⁶) + 1/(240x⁸)
            let psi = log1p(dm * ia) + dm * ia * ib / 2 + dm * (a + b) * ia2 * ib2 / 12
                + (b4 - a4) / 120 - (b6 - a6) / 252 + (b8 - a8) / 240
            // ψ′(x) = 1/x + 1/(2x²) + 1/(6x³) − 1/(30x⁵) + 1/(42x⁷) − 1/(30x⁹)
            let tri = -dm * ia * ib - dm * (a + b) * ia2 * ib2 / 2
                + (b3 - a3) / 6 - (b5 - a5) / 30 + (b7 - a7) / 42 - (b9 - a9) / 30
            return (psi, tri)
        }

        /// A = Σ ψ(xᵢ + α) − ψ(α), B = Σ ψ(nᵢ − xᵢ + β) − ψ(β), and their derivatives.
        func sums(alpha: Double, beta: Double) -> (a: Double, b: Double, da: Double, db: Double) {
            var a = 0.0, b = 0.0, da = 0.0, db = 0.0
            for u in units {
                let p = Self.differences(alpha, u.x), q = Self.differences(beta, u.n - u.x)
                a += p.psi; da += p.trigamma; b += q.psi; db += q.trigamma
            }
            return (a, b, da, db)
        }

        /// The mean maximising the likelihood at strength k: the root of
        /// h(μ) = A(μk) − B((1 − μ)k) (∂ℓ/∂μ = k·h), which falls strictly in μ.
        func bestMean(_ k: Double) -> Double {
            // Newton from the pooled rate, which the best mean is close to at every strength.
            Self.fallingRoot(0, 1, start: pooled) { mu in
                let s = sums(alpha: mu * k, beta: (1 - mu) * k)
                return (s.a - s.b, 1e-15 * (abs(s.a) + abs(s.b)), k * (s.da + s.db))
            }
        }

        /// ∂ℓ/∂log k at strength k and its best mean, k(μA + (1 − μ)B − C)
        /// with C = Σ ψ(nᵢ + k) − ψ(k), and the rounding noise of that sum.
        func strengthSlope(_ k: Double) -> (value: Double, noise: Double) {
            let mu = bestMean(k)
            let s = sums(alpha: mu * k, beta: (1 - mu) * k)
            var c = 0.0
            for u in units { c += Self.differences(k, u.n).psi }
            return (k * (mu * s.a + (1 - mu) * s.b - c), 4e-16 * k * (mu * abs(s.a) + (1 - mu) * abs(s.b) + abs(c)))
        }

        /// The root of a function that falls from + at `lo` to − at `hi`:
        /// Newton steps where a derivative is given and the step stays inside
        /// the bracket, else Illinois (regula falsi) steps, bisection when
        /// those stall. Stops when |f| is within its rounding noise — the
        /// gradient is zero as far as it can be told — or the bracket is at
        /// rounding width.
        static func fallingRoot(_ lo0: Double, _ hi0: Double, values: (lo: Double, hi: Double) = (.nan, .nan), start: Double? = nil,
                                _ f: (Double) -> (value: Double, noise: Double, derivative: Double?)) -> Double {
            var lo = lo0, hi = hi0
            var fLo = values.lo, fHi = values.hi  // NaN: unknown (an open end)
            var x = start.map { min(max($0, lo), hi) } ?? 0.5 * (lo + hi)
            if !(x > lo && x < hi) { x = 0.5 * (lo + hi) }
            if start == nil, fLo.isFinite, fHi.isFinite { x = lo + (hi - lo) * fLo / (fLo - fHi) }
            var side = 0
            for _ in 0..<200 {
                let (v, noise, d) = f(x)
                if abs(v) <= noise { return x }
                if v > 0 { lo = x; fLo = v; if side == 1 { fHi /= 2 }; side = 1 } else { hi = x; fHi = v; if side == -1 { fLo /= 2 }; side = -1 }
                if hi - lo <= 4 * Double.ulpOfOne * max(abs(lo), abs(hi), 1e-300) { return 0.5 * (lo + hi) }
                var next = Double.nan
                if let d, d < 0 { next = x - v / d }
                if !(next > lo && next < hi), fLo.isFinite, fHi.isFinite { next = lo + (hi - lo) * fLo / (fLo - fHi) }
                if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
                x = next
            }
            return x
        }
    }
}

/// Shrunken rates of a group of units, honest about the prior.
public struct Shrinkage: Sendable {
    /// Per unit (in the order given): the shrunken rate and its 95% interval; nil where nothing is shrunk.
    public let units: [(rate: Double, low: Double, high: Double)?]
    /// The units vary no more than binomial noise (Tarone's score ≤ 0: the
    /// fitted prior is infinitely strong): every unit would sit at the pooled
    /// rate, so none is shrunk, none is ranked — "no detectable differences".
    public let noDetectableDifferences: Bool
}

extension EmpiricalBayes {
    /// Shrinks every unit (those with n > 0) toward the prior fitted to them,
    /// with intervals that carry the prior's own uncertainty — Kass & Steffey
    /// (1989, JASA 84:717–726), first order: the posterior variance at the
    /// fitted (α₀, β₀) plus gᵀ I⁻¹ g, g the gradient of the posterior mean
    /// (α₀ + x)/(α₀ + β₀ + n) in (α₀, β₀) and I the observed information of
    /// the beta-binomial likelihood there — as the beta distribution of the
    /// same mean and variance, and never narrower than the Wilson interval of
    /// the pooled rate (a unit is never known better than the rate it is
    /// shrunk toward). Nothing is shrunk where no prior is fitted; where the
    /// units vary no more than binomial noise nothing is shrunk either and
    /// ``Shrinkage/noDetectableDifferences`` says so.
    public static func shrink(_ all: [(x: Int, n: Int)]) -> Shrinkage {
        guard let prior = fit(all) else { return Shrinkage(units: all.map { _ in nil }, noDetectableDifferences: false) }
        let a0 = prior.alpha, b0 = prior.beta
        guard a0 + b0 < maxStrength / 2 else { return Shrinkage(units: all.map { _ in nil }, noDetectableDifferences: true) }
        let used = all.filter { $0.n > 0 }
        let m = Double(used.count)
        // Observed information −∇²ℓ at (α₀, β₀) (ψ₁: trigamma).
        let t = SpecialFunctions.trigamma
        var haa = -m * (t(a0) - t(a0 + b0)), hbb = -m * (t(b0) - t(a0 + b0)), hab = m * t(a0 + b0)
        for u in used {
            let x = Double(u.x), n = Double(u.n)
            haa += t(x + a0) - t(n + a0 + b0)
            hbb += t(n - x + b0) - t(n + a0 + b0)
            hab -= t(n + a0 + b0)
        }
        let iaa = -haa, ibb = -hbb, iab = -hab, det = iaa * ibb - iab * iab
        let pooledX = used.reduce(0) { $0 + $1.x }, pooledN = used.reduce(0) { $0 + $1.n }
        let floor = Statistics.wilson(successes: pooledX, trials: pooledN).map { $0.high - $0.low } ?? 0
        let units = all.map { u -> (rate: Double, low: Double, high: Double)? in
            guard u.n > 0 else { return nil }
            let x = Double(u.x), n = Double(u.n), a = a0 + x, b = b0 + n - x, s = a + b
            let mean = a / s
            var variance = a * b / (s * s * (s + 1))
            if det > 0 && iaa > 0 {
                // I⁻¹ = [ibb, −iab; −iab, iaa] / det; g = ((β₀ + n − x), −(α₀ + x)) / s².
                let ga = b / (s * s), gb = -a / (s * s)
                variance += (ga * ga * ibb - 2 * ga * gb * iab + gb * gb * iaa) / det
            }
            let k = mean * (1 - mean) / variance - 1
            var low = 0.0, high = 1.0
            if k > 0 { low = Distributions.betaQuantile(0.025, mean * k, (1 - mean) * k); high = Distributions.betaQuantile(0.975, mean * k, (1 - mean) * k) }
            if high - low < floor {  // widened about the rate to the pooled interval's width, within [0, 1]
                low = mean - floor / 2; high = mean + floor / 2
                if low < 0 { high -= low; low = 0 }
                if high > 1 { low -= high - 1; high = 1 }
            }
            return (mean, low, high)
        }
        return Shrinkage(units: units, noDetectableDifferences: false)
    }
}

/// Digamma and trigamma by the recurrence to x ≥ 10 and the asymptotic
/// series (Abramowitz & Stegun 6.3.18, 6.4.12); absolute error below 1e-13.
enum SpecialFunctions {
    static func digamma(_ x0: Double) -> Double {
        var x = x0, r = 0.0
        while x < 10 { r -= 1 / x; x += 1 }
        let f = 1 / (x * x)
        return r + log(x) - 0.5 / x - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))))
    }

    static func trigamma(_ x0: Double) -> Double {
        var x = x0, r = 0.0
        while x < 10 { r += 1 / (x * x); x += 1 }
        let f = 1 / (x * x)
        return r + 1 / x + f / 2 + (1 / (x * x * x)) * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f / 30)))
    }
}
