import QualityData
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualityIndicators

/// The design effect of enterprises (issue 32, item 2) against a survey
/// package: scripts/reference/design_effect.py writes
/// Tests/Fixtures/clustered-batches.csv and computes each product's design
/// effect with samplics' Taylor-linearisation estimator (enterprise as the
/// primary sampling unit) and with the formula written out; here the same
/// file goes through the real ingest and qindex's counting kernel.
@Suite struct DesignEffectTests {
    // Pasted from scripts/reference/design_effect.py (samplics 0.6.0).
    // (product, tested, passed, clusters, deff from samplics, deff from the formula written out)
    static let reference: [(product: String, tested: Int, passed: Int, clusters: Int, survey: Double?, formula: Double?)] = [
        ("clustered", 962, 872, 60, 3.626443866250826, 3.6264438662508267),
        ("independent", 1019, 921, 300, 0.9845583565639218, 0.9845583565639218),
        ("single", 150, 136, 150, 0.9999999999999992, 0.9999999999999997),
        ("mixed", 145, 114, 45, 1.770891597274206, 1.770891597274209),
        ("one", 40, 25, 1, nil, nil),
        ("allpass", 78, 78, 30, nil, nil),
        ("", 2394, 2146, 586, 2.551008104157543, 2.551008104157543),
    ]

    static func analysis(_ options: AnalysisOptions = AnalysisOptions()) throws -> PassRateAnalysis {
        PassRateAnalysis.compute(try Fixtures.load(Fixtures.path("Tests/Fixtures/clustered-batches.csv")).table, options: options)
    }

    @Test func designEffectsEqualTheSurveyPackage() throws {
        let a = try Self.analysis()
        let products = Dictionary(uniqueKeysWithValues: (a.byDimension[.product] ?? []).map { ($0.label, $0.counts) })
        for ref in Self.reference {
            let c = try #require(ref.product.isEmpty ? a.byYear.first?.counts : products[ref.product], "\(ref.product)")
            #expect(c.tested == ref.tested && c.passed == ref.passed && c.clusterSums?.clusters == ref.clusters, "\(ref.product)")
            switch (c.designEffect, ref.survey) {
            case let (d?, s?): #expect(abs(d - s) <= 1e-9 * s, "\(ref.product): \(d) vs samplics \(s)")
            case (nil, nil): break
            default: Issue.record("\(ref.product): \(String(describing: c.designEffect)) vs samplics \(String(describing: ref.survey))")
            }
        }
        // Planted correlation shows; none planted reads about 1; one batch per enterprise exactly 1.
        #expect(products["clustered"]!.designEffect! > 3 && abs(products["independent"]!.designEffect! - 1) < 0.05)
        #expect(abs(products["single"]!.designEffect! - 1) < 1e-12)
        #expect(abs(products["clustered"]!.effectiveBatches! - 962 / 3.626443866250826) < 1e-6)
    }

    /// `--interval cluster`: intervals at the effective counts (wider where
    /// deff > 1, Wilson's own where deff ≤ 1), each cluster one batch where
    /// deff is undefined.
    @Test func clusterIntervalsUseTheEffectiveCounts() throws {
        var o = AnalysisOptions()
        o.interval = .cluster
        let plain = try Self.analysis(), clustered = try Self.analysis(o)
        func rows(_ a: PassRateAnalysis) -> [String: PassRateRow] { Dictionary(uniqueKeysWithValues: (a.byDimension[.product] ?? []).map { ($0.label, $0) }) }
        let p = rows(plain), c = rows(clustered)
        let deff = 3.626443866250826, n = 962 / deff, x = 872 / deff
        // Wilson at non-integer counts, written out (z = 1.959963984540054).
        let z = 1.959963984540054, centre = (x + z * z / 2) / (n + z * z), half = z / (n + z * z) * (x * (n - x) / n + z * z / 4).squareRoot()
        let ci = try #require(c["clustered"]!.interval)
        #expect(abs(ci.low - (centre - half)) < 1e-12 && abs(ci.high - (centre + half)) < 1e-12)
        #expect(ci.high - ci.low > 1.8 * (p["clustered"]!.interval!.high - p["clustered"]!.interval!.low))
        // deff < 1 does not narrow; undefined deff: the clusters as batches (1 of them for "one", 30 for "allpass").
        #expect(c["independent"]!.interval == p["independent"]!.interval)
        #expect(c["one"]!.interval == Statistics.wilson(successes: 25.0 / 40, trials: 1))
        #expect(c["allpass"]!.interval == Statistics.wilson(successes: 30, trials: 30))
        // The test against all batches at the effective counts: less extreme than the naive one.
        #expect(c["clustered"]!.parentP! > p["clustered"]!.parentP!)
    }

    @Test func edgeCases() {
        // One batch per enterprise: deff 1 whatever the rate.
        let single = ClusterSums(clusters: 10, passedSquares: 7, passedTimesTested: 7, testedSquares: 10)
        #expect(abs(Statistics.designEffect(passed: 7, tested: 10, sums: single)! - 1) < 1e-12)
        // Every enterprise at exactly the overall rate: no between-cluster variation, deff 0, no effective count.
        var c = RateCounts(sampled: 8, passed: 4, failed: 4, enterprisesTested: 4, enterprisesPassed: 0)
        c.clusterSums = ClusterSums(clusters: 4, passedSquares: 4, passedTimesTested: 8, testedSquares: 16)
        #expect(c.designEffect == 0 && c.effectiveBatches == nil && c.effectiveCounts.n == 8)
        // Impossible sums are refused by name.
        #expect(ClusterSums(clusters: 11, passedSquares: 7, passedTimesTested: 7, testedSquares: 10).violation(passed: 7, tested: 10, enterprisesTested: 0) != nil)
        #expect(ClusterSums(clusters: 2, passedSquares: 7, passedTimesTested: 7, testedSquares: 10).violation(passed: 7, tested: 10, enterprisesTested: 0) != nil)
        #expect(single.violation(passed: 7, tested: 10, enterprisesTested: 10) == nil)
    }
}
