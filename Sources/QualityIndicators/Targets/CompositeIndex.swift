import Foundation
import QualityData

/// The steps of a composite indicator, each a published formula, each
/// usable alone (and tested alone): the OECD/JRC Handbook on Constructing
/// Composite Indicators (2008) as the JRC's COINr package implements it.
public enum IndexSteps {
    // MARK: Outliers (COINr Treat())

    /// Sample skewness as Excel SKEW and e1071 type 2:
    /// n/((n−1)(n−2)) · Σ((x − m)/s)³, s the sample standard deviation.
    public static func skewness(_ x: [Double]) -> Double? {
        let n = Double(x.count)
        guard x.count >= 3 else { return nil }
        let m = x.reduce(0, +) / n
        let s = (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
        guard s > 0 else { return 0 }
        return n / ((n - 1) * (n - 2)) * x.reduce(0) { $0 + pow(($1 - m) / s, 3) }
    }

    /// Sample excess kurtosis as Excel KURT and e1071 type 2:
    /// n(n+1)/((n−1)(n−2)(n−3)) · Σ((x − m)/s)⁴ − 3(n−1)²/((n−2)(n−3)).
    public static func kurtosis(_ x: [Double]) -> Double? {
        let n = Double(x.count)
        guard x.count >= 4 else { return nil }
        let m = x.reduce(0, +) / n
        let s = (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
        guard s > 0 else { return 0 }
        let sum4 = x.reduce(0) { $0 + pow(($1 - m) / s, 4) }
        return n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * sum4 - 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3))
    }

    public enum Treatment: Equatable, Sendable {
        case none
        /// Values winsorised (how many), and the bounds they were clipped to.
        case winsorised(points: Int, low: Double, high: Double)
        /// log(x − min + 0.01·range), or −log(max − x + 0.01·range) for a negative skew.
        case log(negativeSkew: Bool, min: Double, max: Double)
    }

    static func needsTreatment(_ x: [Double]) -> Bool {
        guard let s = skewness(x), let k = kurtosis(x) else { return false }
        return abs(s) >= 2 && k >= 3.5
    }

    /// COINr's default treatment (`Treat()` with `winsorise()` and `log_CT`):
    /// when |skewness| ≥ 2 and kurtosis ≥ 3.5, replace every value at the
    /// extreme on the side of the skew (skewness ≥ 0: the maximum) by the
    /// next value, re-checking after each step, while fewer than `maxPoints`
    /// distinct points have been changed (a step that reaches a tie changes
    /// them all, so the count can end above the limit, as in COINr). If the
    /// values still fail, the original values are log-transformed instead.
    /// The count is of distinct points changed: a point winsorised in one
    /// step and moved again in the next counts once.
    public static func treat(_ x: [Double], maxPoints: Int = 5) -> (values: [Double], treatment: Treatment) {
        guard needsTreatment(x) else { return (x, .none) }
        var v = x
        var points = 0
        while needsTreatment(v) && points < maxPoints {
            let high = (skewness(v) ?? 0) >= 0
            let extreme = high ? v.max()! : v.min()!
            let rest = v.filter { $0 != extreme }
            guard let next = high ? rest.max() : rest.min() else { break }
            v = v.map { $0 == extreme ? next : $0 }
            points = zip(v, x).filter { $0 != $1 }.count
        }
        if !needsTreatment(v) {
            return (v, .winsorised(points: points, low: v.min()!, high: v.max()!))
        }
        let lo = x.min()!, hi = x.max()!
        let negative = (skewness(x) ?? 0) < 0
        return (x.map { logTransform($0, negative: negative, min: lo, max: hi) }, .log(negativeSkew: negative, min: lo, max: hi))
    }

    static func logTransform(_ x: Double, negative: Bool, min lo: Double, max hi: Double) -> Double {
        let r = hi - lo
        return negative ? -Foundation.log(Swift.max(hi - x + 0.01 * r, 1e-12)) : Foundation.log(Swift.max(x - lo + 0.01 * r, 1e-12))
    }

    /// Applies a treatment found on the units to another value (the parent region).
    static func apply(_ t: Treatment, _ x: Double) -> Double {
        switch t {
        case .none: return x
        case .winsorised(_, let lo, let hi): return Swift.min(Swift.max(x, lo), hi)
        case .log(let neg, let lo, let hi): return logTransform(x, negative: neg, min: lo, max: hi)
        }
    }

    // MARK: Normalisation (COINr Normalise())

    /// Normalisation parameters found on the units, applied to any value.
    public struct Normaliser: Sendable {
        public let method: IndexNormalisation
        let values: [Double]
        let goalposts: (low: Double, high: Double)?
        let target: Double?

        public init(_ method: IndexNormalisation, units: [Double], goalposts: (low: Double, high: Double)? = nil, target: Double? = nil) {
            self.method = method; values = units; self.goalposts = goalposts; self.target = target
        }

        /// The normalised value of x (direction already applied to x, goalposts and target).
        public func callAsFunction(_ x: Double) -> Double {
            switch method {
            case .minmax:
                // Clipped to [0, 100]: the units are inside by construction; a
                // parent region outside their range scores at the nearest end.
                let lo = values.min() ?? x, hi = values.max() ?? x
                return hi > lo ? Swift.min(100, Swift.max(0, (x - lo) / (hi - lo) * 100)) : 50
            case .zscore:
                let n = Double(values.count), m = values.reduce(0, +) / n
                let sd = (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
                return sd > 0 ? (x - m) / sd : 0
            case .rank:
                // Average rank among the units (ties share their mean rank), 1 = lowest.
                let below = Double(values.filter { $0 < x }.count), equal = Double(values.filter { $0 == x }.count)
                return equal > 0 ? below + (equal + 1) / 2 : below + 0.5
            case .target:
                guard let t = target, t != 0 else { return 0 }
                return Swift.min(100, x / t * 100)
            case .goalposts, .goalposts60:
                let g = goalposts ?? (values.min() ?? x, values.max() ?? x)
                let f = g.high > g.low ? Swift.min(1, Swift.max(0, (x - g.low) / (g.high - g.low))) : 0.5
                return method == .goalposts ? f * 100 : 60 + 40 * f
            }
        }
    }

    // MARK: Aggregation (COINr Aggregate())

    /// Weighted arithmetic mean over the available values (weights renormalised).
    public static func arithmetic(_ v: [Double?], _ w: [Double]) -> Double? {
        var s = 0.0, sw = 0.0
        for (x, wi) in zip(v, w) { if let x { s += wi * x; sw += wi } }
        return sw > 0 ? s / sw : nil
    }

    /// Weighted geometric mean Π x^(w/Σw) over the available values; values
    /// must be positive (a 0–100 scale is shifted to 1–100 first, see ``aggregate``).
    public static func geometric(_ v: [Double?], _ w: [Double]) -> Double? {
        var s = 0.0, sw = 0.0
        for (x, wi) in zip(v, w) {
            guard let x else { continue }
            guard x > 0 else { return nil }
            s += wi * log(x); sw += wi
        }
        return sw > 0 ? exp(s / sw) : nil
    }

    /// Aggregates normalised values: geometric means on a 0–100 scale are
    /// taken on 1 + 0.99·v and mapped back, so a 0 does not zero the score.
    static func aggregate(_ v: [Double?], _ w: [Double], _ how: IndexAggregation, scale0to100: Bool) -> Double? {
        if how == .arithmetic || !scale0to100 { return arithmetic(v, w) }
        return geometric(v.map { $0.map { 1 + 0.99 * $0 } }, w).map { ($0 - 1) / 0.99 }
    }

    // MARK: Coherence

    public static func correlation(_ a: [Double], _ b: [Double]) -> Double? {
        let n = Double(a.count)
        guard a.count == b.count, a.count >= 3 else { return nil }
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) { sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb) }
        return saa > 0 && sbb > 0 ? sab / (saa * sbb).squareRoot() : nil
    }

    /// Cronbach's alpha of k items (columns) over the units (rows):
    /// k/(k−1) · (1 − Σ var(item)/var(total)), sample variances.
    public static func cronbachAlpha(_ items: [[Double]]) -> Double? {
        let k = Double(items.count)
        guard items.count >= 2, let n = items.first?.count, n >= 2, items.allSatisfy({ $0.count == n }) else { return nil }
        func variance(_ x: [Double]) -> Double {
            let m = x.reduce(0, +) / Double(x.count)
            return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
        }
        let totals = (0..<n).map { i in items.reduce(0) { $0 + $1[i] } }
        let vt = variance(totals)
        guard vt > 0 else { return nil }
        return k / (k - 1) * (1 - items.map(variance).reduce(0, +) / vt)
    }

    /// Weights from the first principal component of the items' correlation
    /// matrix: squared loadings, normalised to sum 1 (OECD/JRC Handbook §6.1,
    /// in its simplest form); power iteration.
    public static func pcaWeights(_ items: [[Double]]) -> [Double]? {
        let k = items.count
        guard k >= 2 else { return k == 1 ? [1] : nil }
        var r = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for i in 0..<k { for j in 0..<k { guard let c = i == j ? 1 : correlation(items[i], items[j]) else { return nil }; r[i][j] = c } }
        var v = [Double](repeating: 1 / Double(k).squareRoot(), count: k)
        for _ in 0..<500 {
            var next = (0..<k).map { i in (0..<k).reduce(0) { $0 + r[i][$1] * v[$1] } }
            let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { return nil }
            next = next.map { $0 / norm }
            if zip(next, v).allSatisfy({ abs($0 - $1) < 1e-13 }) { v = next; break }
            v = next
        }
        let sq = v.map { $0 * $0 }
        return sq.map { $0 / sq.reduce(0, +) }
    }
}
