import Foundation
import QualityData
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualityIndicators

/// Each step of the composite index against independent values: scipy's
/// `skew`/`kurtosis(bias=False)` (= Excel SKEW/KURT, e1071 type 2), COINr's
/// Treat(), Normalise() and Aggregate() formulas written out (computed with
/// numpy; the treatment sequence emulated step by step in Python), numpy's
/// corrcoef and eigh, and Cronbach's alpha by its definition.
@Suite struct CompositeIndexTests {
    static func close(_ a: Double?, _ b: Double, _ tol: Double = 1e-9) -> Bool { a.map { abs($0 - b) <= tol * max(1, abs(b)) } ?? false }

    @Test func skewnessAndKurtosisAsExcel() {
        let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100]
        #expect(Self.close(IndexSteps.skewness(x), 3.118895745239087) && Self.close(IndexSteps.kurtosis(x), 9.799244716163662))
    }

    /// COINr's winsorise() and Treat() written out in numpy
    /// (scripts/reference/winsorise_coinr.py): the values after treatment,
    /// the kind, and the number of distinct points winsorised.
    static let coinrTreatment: [(name: String, input: [Double], output: [Double], kind: String, points: Int)] = [
        ("oneHigh", [1, 2, 3, 4, 5, 6, 7, 8, 9, 100], [1, 2, 3, 4, 5, 6, 7, 8, 9, 9], "winsorised", 1),
        // 200 → 3, then both 3s → 2: two distinct points changed (not 1 + 2).
        ("tiedSteps", Array(repeating: 1, count: 17) + [2, 3, 200], Array(repeating: 1, count: 17) + [2, 2, 2], "winsorised", 2),
        ("fourOfForty", Array(repeating: 1, count: 40) + [100, 200, 300, 400, 500, 600, 700, 800],
         Array(repeating: 1, count: 40) + [100, 200, 300, 400, 400, 400, 400, 400], "winsorised", 4),
        // Needs 4 points; counting 1 + 2 + 3 … passed the limit of 5 at the third step and log-transformed.
        ("fourPoints",
         [8.3, 6.6, 6.8, 8.2, 4.3, 7.6, 8.8, 1.0, 8.5, 3.9, 4.8, 1.5, 7.0, 2.9, 8.7, 2.8, 5.6, 4.0, 6.1, 2.0,
          1.8, 7.5, 7.5, 5.7, 9.2, 2.1, 8.5, 1.7, 9.6, 6.2, 41.1, 58.6, 49.8, 170.6],
         [8.3, 6.6, 6.8, 8.2, 4.3, 7.6, 8.8, 1.0, 8.5, 3.9, 4.8, 1.5, 7.0, 2.9, 8.7, 2.8, 5.6, 4.0, 6.1, 2.0,
          1.8, 7.5, 7.5, 5.7, 9.2, 2.1, 8.5, 1.7, 9.6, 6.2, 9.6, 9.6, 9.6, 9.6], "winsorised", 4),
        // Five points are not enough: the ORIGINAL values, log-transformed (log_CT).
        ("beyondFive", Array(repeating: 1, count: 60) + [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000],
         Array(repeating: 4.3819016268607305, count: 60)
            + [6.983780697374595, 7.639637477841634, 8.032356900111497, 8.313604687733283, 8.532867701907792, 8.712593842739967,
               8.864886521144289, 8.99702214370199], "log", 5),
    ]

    @Test func outlierTreatmentAsCOINr() {
        for c in Self.coinrTreatment {
            let t = IndexSteps.treat(c.input)
            #expect(t.values.count == c.output.count)
            for (got, want) in zip(t.values, c.output) { #expect(Self.close(got, want, 1e-12), "\(c.name)") }
            switch t.treatment {
            case .winsorised(let points, let low, let high):
                #expect(c.kind == "winsorised" && points == c.points, "\(c.name): \(points) point(s)")
                #expect(low == c.output.min()! && high == c.output.max()!)
            case .log(let negative, let lo, let hi):
                #expect(c.kind == "log" && !negative && lo == c.input.min()! && hi == c.input.max()!, "\(c.name)")
            case .none:
                Issue.record("\(c.name): not treated")
            }
        }
        // Negative skew: the low value is raised.
        #expect(IndexSteps.treat([100, 99, 98, 97, 96, 95, 94, 93, 92, 1]).values.last == 92)
        // Nothing to treat.
        #expect(IndexSteps.treat([1, 2, 3, 4]).treatment == .none)
    }

    @Test func normalisationsAsCOINr() {
        let n = IndexSteps.Normaliser(.minmax, units: [2, 4, 6])
        #expect([2.0, 4, 6].map { n($0) } == [0, 50, 100])
        let z = IndexSteps.Normaliser(.zscore, units: [2, 4, 9])
        #expect(Self.close(z(2), -0.8320502943378437) && Self.close(z(9), 1.1094003924504583))
        let r = IndexSteps.Normaliser(.rank, units: [3, 1, 3])
        #expect([3.0, 1, 3].map { r($0) } == [2.5, 1, 2.5])
        let g = IndexSteps.Normaliser(.goalposts60, units: [], goalposts: (0.85, 0.98))
        #expect(Self.close(g(0.9), 75.38461538461539) && g(0.8) == 60 && g(0.99) == 100)
        let gp = IndexSteps.Normaliser(.goalposts, units: [], goalposts: (0.85, 0.98))
        #expect(Self.close(gp(0.9), 38.46153846153846))
        let t = IndexSteps.Normaliser(.target, units: [], target: 0.95)
        #expect(Self.close(t(0.9), 94.73684210526316) && t(0.99) == 100)
    }

    @Test func aggregationsAsCOINr() {
        #expect(IndexSteps.arithmetic([50, nil, 80], [1, 2, 1]) == 65)  // the missing value's weight is dropped
        #expect(Self.close(IndexSteps.geometric([50, 80], [1, 3]), 71.13117640155691))  // 50^¼ · 80^¾
        #expect(IndexSteps.geometric([0, 80], [1, 1]) == nil)
        // On a 0–100 scale the geometric mean is taken on 1 + 0.99·v: a zero does not zero the score.
        #expect(Self.close(IndexSteps.aggregate([0, 100], [1, 1], .geometric, scale0to100: true), (sqrt(1.0 * 100) - 1) / 0.99))
    }

    @Test func coherenceMeasures() {
        let items: [[Double]] = [[1, 2, 3, 4, 5], [2, 3, 4, 6, 6], [1, 3, 3, 5, 7]]
        #expect(Self.close(IndexSteps.cronbachAlpha(items), 0.9725806451612904))
        #expect(Self.close(IndexSteps.correlation(items[0], items[1]), 0.9722718241315028))
        let w = IndexSteps.pcaWeights(items)!
        #expect(Self.close(w[0], 0.3394665540516227, 1e-8) && Self.close(w[1], 0.3304485378176164, 1e-8) && Self.close(w[2], 0.33008490813076097, 1e-8))
    }

    /// A county with 5 batches, all passed, ranks first on its raw rate, but
    /// once the sampling error of each rate is drawn (Beta posterior) its
    /// median rank falls and its 90% rank interval spans most of the field;
    /// the counties with 1,000 batches keep narrow intervals.
    @Test func aSmallCountyDoesNotRankFirstOnceSamplingErrorCounts() throws {
        var lines: [String] = []
        var id = 0
        for (code, n, passed) in [("450102", 5, 5), ("450103", 1000, 970), ("450105", 1000, 960), ("450107", 1000, 955), ("450108", 1000, 950)] {
            for i in 0..<n {
                id += 1
                lines.append("B\(id),2020-05-01,provincial,\(code),x,\(i < passed ? "pass" : "fail")")
            }
        }
        let table = try Fixtures.load(Fixtures.file(Fixtures.sampling(lines))).table
        var data = TargetData(regions: .bundled)
        data.count(table, for: [IndicatorQuery(indicator: "batch_pass_rate")])
        var f = IndexFramework()
        f.unitsParent = "450100"
        f.unitsLevel = .county
        f.groups = [IndexGroup(id: "level", title: Bilingual("质量水平", "level"))]
        f.indicators = [IndexIndicator(id: "pass_rate", title: Bilingual("合格率", "pass rate"), query: IndicatorQuery(indicator: "batch_pass_rate"), group: "level")]
        f.runs = 400
        let result = IndexBuilder.compute(f, data: data)
        let units = result.units.filter { $0.score != nil }
        #expect(units.count == 5)
        let small = try #require(units.first { $0.code == "450102" })
        #expect(small.rank == 1 && small.score == 100)
        #expect(small.rankMedian! >= 3 && small.rankLow! <= 1 && small.rankHigh! >= 5)
        let big = try #require(units.first { $0.code == "450103" })
        #expect(big.rank == 2 && big.rankMedian! <= 2 && big.rankHigh! - big.rankLow! < small.rankHigh! - small.rankLow!, "\(big.rankLow!)–\(big.rankHigh!) vs \(small.rankLow!)–\(small.rankHigh!), median \(small.rankMedian!)")
        // Sampling error moves ranks most here (weights cannot: one indicator).
        let shifts = Dictionary(uniqueKeysWithValues: result.sensitivity.map { ($0.source, $0.shift) })
        #expect(shifts["sampling"]! > shifts["weights"]! && shifts["weights"]! == 0)
        // Without the sampling draws the small county stays first in every run.
        f.samplingError = false
        let fixed = IndexBuilder.compute(f, data: data).units.first { $0.code == "450102" }!
        #expect(fixed.rankMedian == 1)
    }

    /// Screening, imputation, ranks, bands and the parent comparison on
    /// hand-computed statistics. Min–max over the three kept cities:
    /// a [1, 2, 3] → [0, 50, 100], b likewise, c [5, 5, —] → 50 (no spread).
    @Test func screeningImputationRanksBandsAndParent() throws {
        let regions = RegionTable.bundled
        func stat(_ code: String, _ name: String, _ v: Double) -> RegionalStatistic {
            RegionalStatistic(region: regions.index(ofCode: code)!, year: 2020, indicator: name, value: v)
        }
        var data = TargetData(regions: regions)
        data.statistics = [stat("450100", "a", 1), stat("450100", "b", 10), stat("450100", "c", 5),
                           stat("450200", "a", 2), stat("450200", "b", 20), stat("450200", "c", 5),
                           stat("450300", "a", 3), stat("450300", "b", 30),
                           stat("450400", "a", 4),
                           stat("450000", "a", 2.5), stat("450000", "b", 25), stat("450000", "c", 5)]
        var f = IndexFramework()
        f.unitCodes = ["450100", "450200", "450300", "450400"]
        f.unitsParent = "450000"
        f.groups = [IndexGroup(id: "g", title: Bilingual("组", "group"))]
        f.indicators = ["a", "b", "c"].map { IndexIndicator(id: $0, title: Bilingual($0, $0), query: IndicatorQuery(indicator: "stat:" + $0), group: "g") }
        f.runs = 20
        f.samplingError = false
        let r = IndexBuilder.compute(f, data: data)
        func unit(_ c: String) -> IndexUnitResult { r.units.first { $0.code == c }! }
        #expect(unit("450400").score == nil)  // 1 of 3 indicators: screened out
        #expect(r.audit.contains { $0.step == "screening" && $0.unit == "450400" && $0.detail == "dropped" })
        #expect(Self.close(unit("450300").score, 100) && Self.close(unit("450200").score, 50) && Self.close(unit("450100").score, 50.0 / 3))
        #expect([unit("450300").rank, unit("450200").rank, unit("450100").rank] == [1, 2, 3])
        #expect(unit("450300").band?.en == "strong" && unit("450200").band?.en == "medium" && unit("450100").band?.en == "weak")
        // The parent is not put on its cities' scale: a, b and c are totals here (values above 1), larger
        // for a province by construction (issue 33) — no score, no difference, the totals named.
        #expect(r.parentScores.isEmpty && unit("450300").diffVsParent == nil && r.incomparableWithParent.map(\.id) == ["a", "b", "c"])
        // The same values as rates (÷ 100: min–max scores do not change): the parent is compared —
        // a 0.025 → 75, b 0.25 → 75, c → 50; score 66.67.
        var rates = data
        rates.statistics = data.statistics.map { RegionalStatistic(region: $0.region, year: $0.year, indicator: $0.indicator, value: $0.value / 100) }
        let rr = IndexBuilder.compute(f, data: rates)
        #expect(rr.incomparableWithParent.isEmpty && Self.close(rr.units.first { $0.code == "450300" }!.score, 100))
        #expect(Self.close(rr.parentScores[2020], 200.0 / 3) && Self.close(rr.units.first { $0.code == "450300" }!.diffVsParent, 100 - 200.0 / 3))
        f.imputation = .mean
        let imputed = IndexBuilder.compute(f, data: data)
        #expect(Self.close(imputed.units.first { $0.code == "450300" }!.score, 250.0 / 3))  // c filled with 5 → 50
        #expect(imputed.audit.contains { $0.step == "imputation" && $0.unit == "450300" && $0.value == 5 })
    }
}
