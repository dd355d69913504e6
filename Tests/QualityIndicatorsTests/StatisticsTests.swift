import QualityData
import Testing
import _QualityTestSupport
@testable import QualityIndicators

/// Reference values from statsmodels 0.15.0 (`proportion_confint(method="wilson")`,
/// `proportions_ztest`) and scipy's `norm.cdf`, produced by
/// `scripts/reference/proportions.py` (command in its header).
@Suite struct StatisticsTests {
    static let wilson: [(Int, Int, Double, Double)] = [
        (0, 10, 0.0, 0.27753279986288926),
        (10, 10, 0.7224672001371106, 1.0),
        (1, 20, 0.008881448800795402, 0.2361311934467421),
        (17, 20, 0.639581135259243, 0.9476312541037833),
        (687, 5573, 0.11490032410368357, 0.13216451878178354),
        (4886, 5573, 0.8678354812182164, 0.8850996758963164),
        (17613, 19440, 0.901835980410625, 0.9100406250139007),
        (95, 100, 0.8882495307680808, 0.9784563208456319),
        (999, 1000, 0.9943574414020421, 0.9998234536293739),
        (1, 1, 0.2065493143772374, 1.0),
    ]
    static let ztests: [(Int, Int, Int, Int, Double, Double)] = [
        (1099, 1224, 1093, 1192, -1.615827179192698, 0.10613168346842726),
        (90, 100, 80, 100, 1.9802950859533481, 0.047670380656161464),
        (4886, 5573, 17613, 19440, -6.411387767913746, 1.4420089702054404e-10),
        (5, 10, 6, 12, 0.0, 1.0),
        (930, 1000, 913, 1000, 1.4133555394370902, 0.1575512113452494),
    ]

    @Test func wilsonMatchesStatsmodels() {
        for (x, n, lo, hi) in Self.wilson {
            let ci = Statistics.wilson(successes: x, trials: n)!
            #expect(abs(ci.low - lo) < 1e-12, "\(x)/\(n) low")
            #expect(abs(ci.high - hi) < 1e-12, "\(x)/\(n) high")
        }
        #expect(Statistics.wilson(successes: 0, trials: 0) == nil)
    }

    @Test func zTestMatchesStatsmodels() {
        for (x1, n1, x2, n2, z, p) in Self.ztests {
            let t = Statistics.twoProportionZ(x1: x1, n1: n1, x2: x2, n2: n2)!
            #expect(abs(t.z - z) < 1e-10)
            #expect(abs(t.pValue - p) < 1e-12 * max(1, p * 1e3))
        }
        #expect(Statistics.twoProportionZ(x1: 10, n1: 10, x2: 20, n2: 20) == Statistics.ZTest(z: 0, pValue: 1))
        #expect(Statistics.twoProportionZ(x1: 1, n1: 0, x2: 20, n2: 20) == nil)
    }

    static let fisher: [(Int, Int, Int, Int, Double)] = [
        (0, 1, 2000, 2170, 0.0787655458314141),
        (3, 20, 950, 1000, 9.658593983231884e-19),
        (7, 12, 2, 9, 0.18423434150988327),
        (1, 1, 1, 1, 1.0),
        (45, 50, 1800, 2000, 1.0),
        (17, 20, 5, 10, 0.07784056689603915),
        (0, 3, 0, 400, 1.0),
    ]

    @Test func fisherMatchesScipy() {
        for (x1, n1, x2, n2, p) in Self.fisher {
            let got = Statistics.fisherExact(x1: x1, n1: n1, x2: x2, n2: n2)!
            #expect(abs(got - p) <= 1e-9 * max(p, 1e-12) + 1e-15, "\(x1)/\(n1) vs \(x2)/\(n2): \(got) vs \(p)")
        }
    }

    @Test func comparisonChoosesFisherForSmallCounts() {
        // 1 batch, failed, in a county of a 92% province: no normal approximation.
        let small = Statistics.compareProportions(x1: 0, n1: 1, x2: 2000, n2: 2170)!
        #expect(small.method == .fisher && abs(small.p - 0.0787655458314141) < 1e-12)
        let large = Statistics.compareProportions(x1: 1099, n1: 1224, x2: 1093, n2: 1192)!
        #expect(large.method == .zTest && abs(large.p - 0.10613168346842726) < 1e-12)
    }

    /// An expected count of exactly 5 takes the z-test (Cochran: Fisher only
    /// below 5), decided in integers. 64/70 vs 44/50: smallest expected count
    /// 50·12/120 = 5 exactly (4.999999999999999 in floating point).
    /// statsmodels `proportions_ztest`, scipy `fisher_exact` (proportions.py).
    @Test func comparisonAtExpectedCountExactlyFive() {
        #expect(50.0 * (1 - 108.0 / 120) < 5)  // why it must not be decided in floating point
        #expect(Statistics.expectedCountsAtLeastFive(x1: 64, n1: 70, x2: 44, n2: 50))
        let atFive = Statistics.compareProportions(x1: 64, n1: 70, x2: 44, n2: 50)!
        #expect(atFive.method == .zTest && abs(atFive.p - 0.5370939784426421) < 1e-12)
        let swapped = Statistics.compareProportions(x1: 44, n1: 50, x2: 64, n2: 70)!
        #expect(swapped.method == .zTest && abs(swapped.p - 0.5370939784426421) < 1e-12)
        // One failure fewer: 50·11/120 = 4.58 < 5 → Fisher.
        #expect(!Statistics.expectedCountsAtLeastFive(x1: 46, n1: 50, x2: 63, n2: 70))
        let below = Statistics.compareProportions(x1: 46, n1: 50, x2: 63, n2: 70)!
        #expect(below.method == .fisher && abs(below.p - 0.7606550670161099) < 1e-9)
        // The same rule on the passed column: 5 passed of 120 in all.
        #expect(Statistics.expectedCountsAtLeastFive(x1: 2, n1: 60, x2: 3, n2: 60) == (60 * 5 >= 5 * 120))
    }

    @Test func normalCDFMatchesScipy() {
        for (x, p) in [(-3.0, 0.0013498980316300933), (-1.959963984540054, 0.025), (0.0, 0.5), (0.5, 0.6914624612740131), (2.3263478740408408, 0.99)] {
            #expect(abs(Statistics.normalCDF(x) - p) < 1e-15)
        }
    }

    /// Every worked example in the registry is what qindex computes from
    /// records with those counts: for each indicator a plan can name over
    /// batches, the example's batches are written as a file beside batches
    /// the indicator must not count (refused ones; another channel, failing,
    /// where the indicator filters), loaded, counted by the kernel and read
    /// by the targets' series — the value, numerator and denominator must be
    /// the example's. (The other indicators' examples are documentation,
    /// checked for being the stated ratio.)
    @Test func registryExamplesAreWhatTheKernelComputes() throws {
        var checked = 0
        for def in IndicatorRegistry.all {
            #expect(!def.examples.isEmpty, "\(def.id) has no example")
            for ex in def.examples {
                let ratio = ex.denominator > 0 ? Double(ex.numerator) / Double(ex.denominator) : nil
                #expect(ratio == ex.expected || (ratio != nil && ex.expected != nil && abs(ratio! - ex.expected!) < 1e-15), "\(def.id): \(ex.note)")
                guard let measure = def.measure else { continue }
                var lines: [String] = []
                // Written here, not read from the declaration: which indicators count one channel only.
                let channel = ["ecommerce_pass_rate": "ecommerce"][def.id] ?? "production"
                switch measure {
                case .batches:
                    for i in 0..<ex.denominator { lines.append("B\(i),2019-05-01,provincial,450102,电线电缆,\(i < ex.numerator ? "pass" : "fail"),E\(i),\(channel),") }
                case .grouped:
                    // A grouped share (labelling failures): the numerator's batches fail a labelling item, the others
                    // fail another item or pass; a county's batches, read at its province (the roll-up).
                    for i in 0..<ex.denominator {
                        lines.append("B\(i),2019-05-01,provincial,450102,电线电缆,\(i < ex.numerator || i % 2 == 0 ? "fail" : "pass"),E\(i),\(channel),\(i < ex.numerator ? "产品标签" : (i % 2 == 0 ? "导体电阻" : ""))")
                    }
                case .enterprises:
                    // Passing enterprises with two passed batches; failing ones with a pass and a fail.
                    for i in 0..<ex.denominator {
                        lines.append("A\(i),2019-05-01,provincial,450102,电线电缆,pass,E\(i),\(channel),")
                        lines.append("B\(i),2019-06-01,provincial,450102,电线电缆,\(i < ex.numerator ? "pass" : "fail"),E\(i),\(channel),")
                    }
                default: continue
                }
                // Not counted: refused batches (not tested), and where the indicator filters on channel, failing batches of another.
                for i in 0..<3 { lines.append("R\(i),2019-05-02,provincial,450102,电线电缆,refused,X\(i),\(channel),") }
                if channel != "production" { for i in 0..<5 { lines.append("O\(i),2019-05-03,provincial,450102,电线电缆,fail,Y\(i),production,") } }
                let text = "batch_id,sample_date,level,region_code,product_name,result,enterprise_name,channel,failed_items\n" + lines.joined(separator: "\n") + "\n"
                let table = try Fixtures.load(Fixtures.file(text)).table
                let query = IndicatorQuery(indicator: def.id)
                var data = TargetData(regions: .bundled)
                data.count(table, for: [query])
                let point = TargetSeries.series(query, region: "450000", data: data)[2019]
                if let expected = ex.expected {
                    let p = try #require(point, "\(def.id): \(ex.note)")
                    #expect(p.numerator == ex.numerator && p.denominator == ex.denominator && abs(p.value - expected) < 1e-12, "\(def.id): \(ex.note) — \(p)")
                } else {
                    #expect(point == nil, "\(def.id): no batch tested, no value")
                }
                checked += 1
            }
        }
        #expect(checked >= 5)  // batch, enterprise and e-commerce pass rates, the empty case, the labelling share
        #expect(Set(IndicatorRegistry.all.map(\.id)).count == IndicatorRegistry.all.count)
    }
}
