import QualityData

/// The design effect of enterprises on a batch pass rate: batches of one
/// enterprise resemble each other, so n batches carry less information
/// than n independent ones (Kish 1965 §8.2; Donner & Klar 2000 ch. 2).
///
/// The pass rate r = Σy/Σm is a ratio estimator over enterprises as
/// clusters (y: a cluster's passed batches, m: its tested ones; a batch
/// without an enterprise is a cluster of its own). Its linearisation
/// variance with C clusters, as survey software computes it for a
/// proportion from a single-stage cluster sample (Stata `svy: proportion`,
/// R `survey::svymean` with `ids = ~enterprise`), is
///
///     v_cluster = C/(C − 1) · Σ (y − r·m)² / n²,
///
/// and simple random sampling's is v_srs = r(1 − r)/(n − 1), so
/// deff = v_cluster / v_srs — exactly 1 with one batch per enterprise —
/// and n/deff is the effective number of batches. Both as computed: no
/// floor at 1, no cap. Undefined with fewer than 2 clusters or 2 batches,
/// or when every batch passed or every batch failed (no variance to
/// compare).
extension Statistics {
    public static func designEffect(passed x: Int, tested n: Int, sums: ClusterSums?) -> Double? {
        guard let s = sums, n >= 2, s.clusters >= 2, x > 0, x < n else { return nil }
        let r = Double(x) / Double(n), nd = Double(n), c = Double(s.clusters)
        // Σ(y − r·m)² = Σy² − 2r·Σym + r²·Σm²; never below 0 (rounding).
        let squares = max(0, Double(s.passedSquares) - 2 * r * Double(s.passedTimesTested) + r * r * Double(s.testedSquares))
        let cluster = c / (c - 1) * squares / (nd * nd)
        let srs = r * (1 - r) / (nd - 1)
        return cluster / srs
    }

    /// Wilson's interval (``wilson(successes:trials:z:)``) at non-integer
    /// counts: the effective counts of a clustered rate (Rao & Scott 1992).
    public static func wilson(successes x: Double, trials n: Double, z: Double = z95) -> ProportionInterval? {
        guard n > 0 else { return nil }
        let z2 = z * z
        let centre = (x + z2 / 2) / (n + z2)
        let half = z / (n + z2) * max(0, x * (n - x) / n + z2 / 4).squareRoot()
        return ProportionInterval(low: max(0, centre - half), high: min(1, centre + half))
    }

    /// Effective counts as whole batches, for the exact methods (Fisher, the
    /// exact funnel): n rounded and at least 1, x rounded within [0, n].
    public static func roundedCounts(_ c: (x: Double, n: Double)) -> (x: Int, n: Int) {
        let n = max(1, Int(c.n.rounded()))
        return (min(n, max(0, Int(c.x.rounded()))), n)
    }

    /// Compares two rates at their effective counts (Rao & Scott 1992's
    /// "simple method": each group's counts divided by its design effect,
    /// then the usual test): the pooled z-test where Cochran's rule holds
    /// for the rounded effective counts, else Fisher's exact test on them.
    public static func compareEffective(_ a: (x: Double, n: Double), _ b: (x: Double, n: Double)) -> Double? {
        guard a.n > 0, b.n > 0 else { return nil }
        let (ra, rb) = (roundedCounts(a), roundedCounts(b))
        if expectedCountsAtLeastFive(x1: ra.x, n1: ra.n, x2: rb.x, n2: rb.n) {
            let pooled = (a.x + b.x) / (a.n + b.n)
            let v = pooled * (1 - pooled) * (1 / a.n + 1 / b.n)
            guard v > 0 else { return 1 }
            return twoSidedP((a.x / a.n - b.x / b.n) / v.squareRoot())
        }
        return fisherExact(x1: ra.x, n1: ra.n, x2: rb.x, n2: rb.n)
    }
}

extension RateCounts {
    /// The design effect of enterprises on the batch pass rate (``Statistics/designEffect(passed:tested:sums:)``).
    public var designEffect: Double? { Statistics.designEffect(passed: passed, tested: tested, sums: clusterSums) }

    /// Batches tested ÷ design effect; nil where the design effect is undefined or 0.
    public var effectiveBatches: Double? { designEffect.flatMap { $0 > 0 ? Double(tested) / $0 : nil } }

    /// The counts intervals, tests and funnels read under `--interval
    /// cluster`: passed and tested divided by the design effect, taken as at
    /// least 1 (clustering never narrows an interval). Where it is undefined
    /// — one cluster, or every batch passed or failed — each cluster counts
    /// as one batch (n = clusters, at the observed rate); without cluster
    /// sums, the counts as they are.
    public var effectiveCounts: (x: Double, n: Double) {
        guard tested > 0, let s = clusterSums else { return (Double(passed), Double(tested)) }
        let r = Double(passed) / Double(tested)
        guard let d = designEffect else { return (r * Double(s.clusters), Double(s.clusters)) }
        let n = Double(tested) / max(d, 1)
        return (r * n, n)
    }

    /// These counts less `part`'s (the rest of a parent), cluster sums
    /// included where both have them and the difference is a possible cell
    /// (it is not when an enterprise has batches on both sides).
    public func minus(_ part: RateCounts) -> RateCounts {
        var rest = RateCounts(sampled: sampled - part.sampled, passed: passed - part.passed, failed: failed - part.failed,
                              enterprisesTested: 0, enterprisesPassed: 0)
        if let a = clusterSums, let b = part.clusterSums {
            let d = ClusterSums(clusters: a.clusters - b.clusters, passedSquares: a.passedSquares - b.passedSquares,
                                passedTimesTested: a.passedTimesTested - b.passedTimesTested, testedSquares: a.testedSquares - b.testedSquares)
            if d.violation(passed: rest.passed, tested: rest.tested, enterprisesTested: 0) == nil { rest.clusterSums = d }
        }
        return rest
    }
}
