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
        let variance = rates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(rates.count - 1)
        let momStrength = variance > 0 && variance < mean * (1 - mean) ? mean * (1 - mean) / variance - 1 : 100
        // Parameters: logit of the prior mean, log of the prior strength α + β.
        let maxLog = log(maxStrength)
        func objective(_ v: [Double]) -> Double {
            let m = 1 / (1 + exp(-v[0])), k = exp(min(max(v[1], -10), maxLog))
            return -logLikelihood(units, alpha: m * k, beta: (1 - m) * k)
        }
        let start = [log(mean / (1 - mean)), min(max(log(max(momStrength, 1e-3)), -10), maxLog)]
        var best = NelderMead.minimise(objective, start: start, step: [0.5, 1])
        best = NelderMead.minimise(objective, start: best, step: [0.05, 0.1])  // restart: standard guard against a collapsed simplex
        let m = 1 / (1 + exp(-best[0])), k = exp(min(max(best[1], -10), maxLog))
        return BetaPrior(alpha: m * k, beta: (1 - m) * k)
    }
}

/// Nelder–Mead simplex minimisation (Nelder & Mead 1965; the standard
/// coefficients 1, 2, ½, ½), for the few smooth low-dimensional fits here.
enum NelderMead {
    static func minimise(_ f: ([Double]) -> Double, start: [Double], step: [Double], tolerance: Double = 1e-13, maxIterations: Int = 20_000) -> [Double] {
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
            if spread <= tolerance * (abs(values[0]) + tolerance) && size < 1e-10 { break }
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
