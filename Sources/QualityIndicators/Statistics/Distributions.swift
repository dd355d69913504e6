import Foundation

/// Distribution functions the interval, funnel and control-chart methods
/// need: the normal, beta, binomial, gamma, chi-square and Poisson CDFs and
/// quantiles. Each is the textbook algorithm it names; tests compare them
/// with scipy.
public enum Distributions {
    // MARK: Normal

    /// Standard normal quantile Φ⁻¹(p): Acklam's rational approximation,
    /// refined by one Halley step on erfc (relative error near 1e-15).
    public static func normalQuantile(_ p: Double) -> Double {
        guard p > 0 else { return -.infinity }
        guard p < 1 else { return .infinity }
        // Upper half by symmetry: 1 − p is exact there, and the refinement
        // below is accurate in the lower tail.
        if p > 0.5 { return -normalQuantile(1 - p) }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    // MARK: Beta

    public static func logBeta(_ a: Double, _ b: Double) -> Double { lgamma(a) + lgamma(b) - lgamma(a + b) }

    /// Regularized incomplete beta I_x(a, b), by the continued fraction of
    /// Numerical Recipes (Press et al. 2007, §6.4, modified Lentz), using the
    /// symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where it converges faster.
    public static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let front = exp(a * log(x) + b * log1p(-x) - logBeta(a, b))
        if x < (a + 1) / (a + b + 2) { return front * betaFraction(x, a, b) / a }
        return 1 - front * betaFraction(1 - x, b, a) / b
    }

    private static func betaFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300, eps = 1e-16
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0, d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1..<100_000 {
            let md = Double(m), m2 = 2 * md
            var aa = md * (b - md) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + md) * (qab + md) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < eps { break }
        }
        return h
    }

    /// Beta(a, b) quantile: Newton steps on I_x(a, b) − p, kept inside a
    /// bisection bracket, to a relative precision of about 1e-14.
    public static func betaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        var lo = 0.0, hi = 1.0
        let mean = a / (a + b), sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
        // Both shapes huge (a prior with no room left, e.g. an empirical-Bayes
        // prior at its strength bound): the continued fraction would need
        // ~√a terms, and the Cornish–Fisher expansion to the skewness is
        // exact to far below 1e-9 there.
        if min(a, b) > 1e7 {
            let z = normalQuantile(p)
            let skew = 2 * (b - a) * (a + b + 1).squareRoot() / ((a + b + 2) * (a * b).squareRoot())
            return mean + sd * (z + skew * (z * z - 1) / 6)
        }
        // Start from the normal approximation to the mean and variance.
        var x = min(max(mean + normalQuantile(p) * sd, 1e-12), 1 - 1e-12)
        let lb = logBeta(a, b)
        for _ in 0..<200 {
            let f = regularizedBeta(x, a, b) - p
            if f == 0 { return x }
            if f < 0 { lo = x } else { hi = x }
            let density = exp((a - 1) * log(x) + (b - 1) * log1p(-x) - lb)
            var next = density > 0 && density.isFinite ? x - f / density : .nan
            if !(next > lo && next < hi) { next = (lo + hi) / 2 }
            if abs(next - x) <= 1e-15 * max(x, 1e-300) || hi - lo <= 1e-16 * max(x, 1e-300) { return next }
            x = next
        }
        return x
    }

    // MARK: Binomial

    public static func binomialLogPMF(_ k: Int, _ n: Int, _ p: Double) -> Double {
        guard k >= 0, k <= n else { return -.infinity }
        if p == 0 { return k == 0 ? 0 : -.infinity }
        if p == 1 { return k == n ? 0 : -.infinity }
        let lc = lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
        return lc + Double(k) * log(p) + Double(n - k) * log1p(-p)
    }

    /// P(X ≤ k) for X ~ Binomial(n, p) = I_{1−p}(n − k, k + 1).
    public static func binomialCDF(_ k: Int, _ n: Int, _ p: Double) -> Double {
        if k < 0 { return 0 }
        if k >= n { return 1 }
        return regularizedBeta(1 - p, Double(n - k), Double(k + 1))
    }

    /// The smallest r with P(X ≤ r) ≥ q, with F(r) and P(X = r). Starts at
    /// the normal approximation and walks by the PMF recurrence, so a large
    /// n costs one incomplete-beta evaluation, not a search.
    public static func binomialQuantile(_ q: Double, _ n: Int, _ p: Double) -> (r: Int, cdf: Double, pmf: Double) {
        if p <= 0 { return (0, 1, 1) }
        if p >= 1 { return (n, 1, 1) }
        let nd = Double(n)
        var r = Int((nd * p + normalQuantile(q) * (nd * p * (1 - p)).squareRoot()).rounded())
        r = min(max(r, 0), n)
        var f = binomialCDF(r, n, p)
        var pmf = exp(binomialLogPMF(r, n, p))
        let ratio = p / (1 - p)
        while f >= q, r > 0 {  // step down while F(r − 1) still reaches q
            let below = f - pmf
            if below < q { break }
            pmf *= Double(r) / (nd - Double(r) + 1) / ratio
            r -= 1
            f = below
            if pmf < 1e-300 { pmf = exp(binomialLogPMF(r, n, p)); f = binomialCDF(r, n, p) }
        }
        while f < q, r < n {
            pmf *= (nd - Double(r)) / Double(r + 1) * ratio
            r += 1
            f += pmf
            if pmf < 1e-300 { pmf = exp(binomialLogPMF(r, n, p)); f = binomialCDF(r, n, p) }
        }
        return (r, min(f, 1), pmf)
    }

    // MARK: Gamma, chi-square, Poisson

    /// Regularized lower incomplete gamma P(a, x) (Numerical Recipes §6.2:
    /// series below a + 1, continued fraction above).
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x < a + 1 {
            var sum = 1 / a, del = sum, ap = a
            for _ in 0..<100_000 {
                ap += 1
                del *= x / ap
                sum += del
                if abs(del) < abs(sum) * 1e-16 { break }
            }
            return sum * exp(-x + a * log(x) - lgamma(a))
        }
        return 1 - regularizedGammaQFraction(a, x)
    }

    /// Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x).
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        if x <= 0 { return 1 }
        if x < a + 1 { return 1 - regularizedGammaP(a, x) }
        return regularizedGammaQFraction(a, x)
    }

    private static func regularizedGammaQFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1..<100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < 1e-16 { break }
        }
        return exp(-x + a * log(x) - lgamma(a)) * h
    }

    /// Chi-square quantile with `df` degrees of freedom (bisection on P(df/2, x/2)).
    public static func chiSquareQuantile(_ p: Double, df: Double) -> Double {
        var lo = 0.0, hi = max(1.0, df)
        while regularizedGammaP(df / 2, hi / 2) < p { hi *= 2 }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if regularizedGammaP(df / 2, mid / 2) < p { lo = mid } else { hi = mid }
            if hi - lo <= 1e-14 * hi { break }
        }
        return (lo + hi) / 2
    }

    /// P(X ≤ k) for X ~ Poisson(μ) = Q(k + 1, μ).
    public static func poissonCDF(_ k: Int, _ mu: Double) -> Double {
        k < 0 ? 0 : regularizedGammaQ(Double(k + 1), mu)
    }

    /// The smallest r with P(X ≤ r) ≥ q for X ~ Poisson(μ), with F(r) and P(X = r).
    public static func poissonQuantile(_ q: Double, _ mu: Double) -> (r: Int, cdf: Double, pmf: Double) {
        guard mu > 0 else { return (0, 1, 1) }
        func logPMF(_ k: Int) -> Double { Double(k) * log(mu) - mu - lgamma(Double(k) + 1) }
        var r = max(0, Int((mu + normalQuantile(q) * mu.squareRoot()).rounded()))
        var f = poissonCDF(r, mu)
        var pmf = exp(logPMF(r))
        while f >= q, r > 0 {
            let below = f - pmf
            if below < q { break }
            pmf *= Double(r) / mu
            r -= 1
            f = below
            if pmf < 1e-300 { pmf = exp(logPMF(r)); f = poissonCDF(r, mu) }
        }
        while f < q {
            pmf *= mu / Double(r + 1)
            r += 1
            f += pmf
            if pmf < 1e-300 { pmf = exp(logPMF(r)); f = poissonCDF(r, mu) }
        }
        return (r, min(f, 1), pmf)
    }
}
