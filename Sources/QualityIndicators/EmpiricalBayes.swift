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
    /// The largest prior strength α₀ + β₀ the fit may reach. When the units
    /// vary no more than binomial noise the likelihood keeps rising toward
    /// an infinitely strong prior (every unit shrunk to the pooled rate); the
    /// fit stops at this bound, which gives that result to within 1e-6.
    public static let maxStrength = 1e9

    /// Beta-binomial log-likelihood, without the binomial coefficients
    /// (constant in α, β): Σ log B(xᵢ + α, nᵢ − xᵢ + β) − log B(α, β).
    public static func logLikelihood(_ units: [(x: Int, n: Int)], alpha: Double, beta: Double) -> Double {
        let lb = Distributions.logBeta(alpha, beta)
        return units.reduce(0) { $0 + Distributions.logBeta(Double($1.x) + alpha, Double($1.n - $1.x) + beta) - lb }
    }

    /// Maximum-likelihood Beta prior for the units (those with n > 0),
    /// starting from the method of moments on the raw rates; nil with fewer
    /// than 3 units or when every rate is 0 or every rate is 1.
    public static func fit(_ all: [(x: Int, n: Int)]) -> BetaPrior? {
        let units = all.filter { $0.n > 0 }
        guard units.count >= 3 else { return nil }
        let rates = units.map { Double($0.x) / Double($0.n) }
        let mean = rates.reduce(0, +) / Double(rates.count)
        guard mean > 0, mean < 1, units.contains(where: { $0.x > 0 }), units.contains(where: { $0.x < $0.n }) else { return nil }
        // Tarone's (1979) score for overdispersion at the pooled rate: when it
        // is not positive the likelihood rises toward an infinitely strong
        // prior, and the fit is that limit (every unit shrunk to the pooled rate).
        let pooled = Double(units.reduce(0) { $0 + $1.x }) / Double(units.reduce(0) { $0 + $1.n })
        let score = units.reduce(0.0) { s, u in
            let d = Double(u.x) - Double(u.n) * pooled
            return s + d * d - Double(u.n) * pooled * (1 - pooled)
        }
        if score <= 0 { return BetaPrior(alpha: pooled * maxStrength, beta: (1 - pooled) * maxStrength) }
        let variance = rates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(rates.count - 1)
        let momStrength = variance > 0 && variance < mean * (1 - mean) ? mean * (1 - mean) / variance - 1 : 100
        // Parameters: logit of the prior mean, log of the prior strength α + β.
        let maxLog = log(maxStrength)
        func objective(_ v: [Double]) -> Double {
            let m = 1 / (1 + exp(-v[0])), k = exp(min(max(v[1], -10), maxLog))
            return -logLikelihood(units, alpha: m * k, beta: (1 - m) * k)
        }
        let start = [log(mean / (1 - mean)), min(max(log(max(momStrength, 1e-3)), -10), maxLog)]
        // A coarse simplex search, then Newton's method on the exact
        // gradient and Hessian (digamma, trigamma) to full precision.
        var best = NelderMead.minimise(objective, start: start, step: [0.5, 1], tolerance: 1e-9, maxIterations: 600)
        let m = 1 / (1 + exp(-best[0])), k = exp(min(max(best[1], -10), maxLog))
        if let polished = newton(units, alpha: m * k, beta: (1 - m) * k) { return polished }
        best = NelderMead.minimise(objective, start: best, step: [0.05, 0.1])
        let m2 = 1 / (1 + exp(-best[0])), k2 = exp(min(max(best[1], -10), maxLog))
        return BetaPrior(alpha: m2 * k2, beta: (1 - m2) * k2)
    }

    /// Newton–Raphson on the beta-binomial log-likelihood in (α, β), with
    /// step halving to stay positive and uphill; nil when the Hessian is not
    /// negative definite on the way (the caller then keeps the simplex).
    static func newton(_ units: [(x: Int, n: Int)], alpha a0: Double, beta b0: Double) -> BetaPrior? {
        var a = a0, b = b0
        var ll = logLikelihood(units, alpha: a, beta: b)
        for _ in 0..<100 {
            var ga = 0.0, gb = 0.0, haa = 0.0, hbb = 0.0, hab = 0.0
            let dab = SpecialFunctions.digamma(a + b), tab = SpecialFunctions.trigamma(a + b)
            let da = SpecialFunctions.digamma(a), db = SpecialFunctions.digamma(b)
            let ta = SpecialFunctions.trigamma(a), tb = SpecialFunctions.trigamma(b)
            for u in units {
                let x = Double(u.x), n = Double(u.n)
                let dn = SpecialFunctions.digamma(n + a + b), tn = SpecialFunctions.trigamma(n + a + b)
                ga += SpecialFunctions.digamma(x + a) - dn - da + dab
                gb += SpecialFunctions.digamma(n - x + b) - dn - db + dab
                haa += SpecialFunctions.trigamma(x + a) - tn - ta + tab
                hbb += SpecialFunctions.trigamma(n - x + b) - tn - tb + tab
                hab += -tn + tab
            }
            let det = haa * hbb - hab * hab
            guard haa < 0, det > 0 else { return nil }
            // Newton step: −H⁻¹ g.
            var sa = -(hbb * ga - hab * gb) / det, sb = -(haa * gb - hab * ga) / det
            var accepted = false
            for _ in 0..<60 {
                let na = a + sa, nb = b + sb
                if na > 0, nb > 0, na + nb <= maxStrength {
                    let nl = logLikelihood(units, alpha: na, beta: nb)
                    if nl >= ll - 1e-12 * abs(ll) {
                        let small = abs(sa) <= 1e-12 * a && abs(sb) <= 1e-12 * b
                        a = na; b = nb; ll = nl
                        accepted = true
                        if small { return BetaPrior(alpha: a, beta: b) }
                        break
                    }
                }
                sa /= 2; sb /= 2
            }
            if !accepted { return BetaPrior(alpha: a, beta: b) }  // no uphill step left: at the optimum to rounding
        }
        return BetaPrior(alpha: a, beta: b)
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

/// Nelder–Mead simplex minimisation (Nelder & Mead 1965; the standard
/// coefficients 1, 2, ½, ½), for the few smooth low-dimensional fits here.
enum NelderMead {
    static func minimise(_ f: ([Double]) -> Double, start: [Double], step: [Double], tolerance: Double = 1e-13, maxIterations: Int = 4_000) -> [Double] {
        let d = start.count
        var simplex: [[Double]] = [start]
        for i in 0..<d {
            var p = start
            p[i] += step[i]
            simplex.append(p)
        }
        var values = simplex.map(f)
        for _ in 0..<maxIterations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let spread = abs(values[d] - values[0])
            let size = (1...d).map { i in zip(simplex[i], simplex[0]).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
            if spread <= tolerance * (abs(values[0]) + tolerance) && size < 1e-9 { break }
            var centroid = [Double](repeating: 0, count: d)
            for p in simplex[0..<d] { for j in 0..<d { centroid[j] += p[j] / Double(d) } }
            func along(_ t: Double) -> [Double] { (0..<d).map { centroid[$0] + t * (simplex[d][$0] - centroid[$0]) } }
            let reflected = along(-1), fr = f(reflected)
            if fr < values[0] {
                let expanded = along(-2), fe = f(expanded)
                if fe < fr { simplex[d] = expanded; values[d] = fe } else { simplex[d] = reflected; values[d] = fr }
            } else if fr < values[d - 1] {
                simplex[d] = reflected; values[d] = fr
            } else {
                let contracted = fr < values[d] ? along(-0.5) : along(0.5)
                let fc = f(contracted)
                if fc < min(fr, values[d]) {
                    simplex[d] = contracted; values[d] = fc
                } else {
                    for i in 1...d {
                        simplex[i] = (0..<d).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) }
                        values[i] = f(simplex[i])
                    }
                }
            }
        }
        return simplex[values.indices.min { values[$0] < values[$1] }!]
    }
}
