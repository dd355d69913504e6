import QualityData
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualityIndicators

/// Small hand-checked cases: every count and rate below was worked out by hand.
@Suite struct PassRateAnalysisTests {
    func analysis(_ lines: [String]) throws -> PassRateAnalysis {
        let text = "batch_id,sample_date,level,region_code,product_name,result,enterprise_name,channel\n" + lines.joined(separator: "\n") + "\n"
        return PassRateAnalysis.compute(try Fixtures.load(Fixtures.file(text)).table)
    }

    @Test func countsRatesAndRollUp() throws {
        let a = try analysis([
            // 2019: 南宁兴宁区 3 tested (2 pass), 1 refused; 柳州城中区 2 tested (2 pass).
            "A,2019-01-01,provincial,450102,x,pass,E1,production",
            "B,2019-01-02,provincial,450102,x,fail,E1,production",
            "C,2019-01-03,provincial,450102,x,pass,E2,ecommerce",
            "D,2019-01-04,provincial,450102,x,refused,E3,production",
            "E,2019-01-05,provincial,450202,y,pass,E4,production",
            "F,2019-01-06,provincial,450202,y,pass,E4,production",
            // 2020: one county, 4 tested, 4 pass.
            "G,2020-01-01,provincial,450102,x,pass,E1,production",
            "H,2020-01-01,provincial,450102,x,pass,E1,production",
            "I,2020-01-01,provincial,450102,x,pass,E2,production",
            "J,2020-01-01,provincial,450102,x,pass,E2,production",
        ])
        let y2019 = a.byYear[0]
        #expect(y2019.counts.sampled == 6 && y2019.counts.tested == 5 && y2019.counts.passed == 4 && y2019.counts.excluded == 1)
        #expect(y2019.rate == 0.8)
        // Enterprises: E1 failed once → not passing; E2, E4 pass; E3 only refused → not tested.
        #expect(y2019.counts.enterprisesTested == 3 && y2019.counts.enterprisesPassed == 2)
        let y2020 = a.byYear[1]
        #expect(abs(y2020.changePP! - 20) < 1e-9)
        #expect(y2020.changeP == Statistics.fisherExact(x1: 4, n1: 4, x2: 4, n2: 5))  // small counts: exact test

        let regions = a.byDimension[.region]!.filter { $0.year == 2019 }
        let byCode = Dictionary(uniqueKeysWithValues: regions.map { ($0.key, $0) })
        #expect(byCode["450102"]!.counts.tested == 3)
        #expect(byCode["450100"]!.counts.tested == 3)
        #expect(byCode["450000"]!.counts.tested == 5)  // both cities roll up into 广西
        #expect(byCode["450000"]!.parentKey == "000000")
        // 兴宁区 2/3 vs 南宁市 2/3: 0 points; 南宁市 vs 广西 4/5: −13.33 points, tested against 柳州 (2/2).
        #expect(abs(byCode["450102"]!.diffPPvsParent!) < 1e-9)
        #expect(abs(byCode["450100"]!.diffPPvsParent! - (2.0 / 3 - 0.8) * 100) < 1e-9)
        #expect(byCode["450100"]!.parentP == Statistics.fisherExact(x1: 2, n1: 3, x2: 2, n2: 2))
        #expect(byCode["450102"]!.parentP == nil)  // no rest of parent to compare with

        let cross = a.byDimension[.regionLevel]!.filter { $0.year == 2019 }
        #expect(cross.map { "\($0.key)/\($0.subKey)" } == ["450102/provincial", "450202/provincial"])
        #expect(cross[0].counts.tested == 3 && cross[0].counts.sampled == 4)

        let channels = a.byDimension[.channel]!.filter { $0.year == 2019 }
        #expect(channels.map(\.key) == ["production", "ecommerce"])
        #expect(channels[0].counts.tested == 4 && channels[0].counts.passed == 3)
    }

    /// Year on year at an expected count of exactly 5 (issue 13): 2016 44/50,
    /// 2017 64/70 → the z-test's p 0.5370939784426421 (statsmodels
    /// `proportions_ztest`), not Fisher's 0.55287.
    @Test func yearOnYearAtExpectedCountFive() throws {
        var lines: [String] = []
        for (year, passed, tested) in [(2016, 44, 50), (2017, 64, 70)] {
            for i in 0..<tested {
                lines.append("B\(year)-\(i),\(year)-03-01,provincial,450102,x,\(i < passed ? "pass" : "fail"),E\(i),production")
            }
        }
        let y2017 = try analysis(lines).byYear[1]
        #expect(y2017.counts.passed == 64 && y2017.counts.tested == 70)
        #expect(abs(y2017.changeP! - 0.5370939784426421) < 1e-12)
    }

    @Test func emptyRateIsNilNeverZero() throws {
        let a = try analysis(["A,2019-01-01,provincial,450102,x,refused,E1,production"])
        #expect(a.byYear[0].counts.tested == 0)
        #expect(a.byYear[0].rate == nil && a.byYear[0].interval == nil)
    }

    /// Loads come in enterprise order; a table in any other order (reversed
    /// here) must give the same counts through the reordering path.
    @Test func batchOrderDoesNotChangeResults() throws {
        let load = try Fixtures.load(Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz"))
        var r = load.table
        r.day.reverse(); r.year.reverse(); r.level.reverse(); r.region.reverse(); r.product.reverse(); r.enterprise.reverse()
        r.size.reverse(); r.channel.reverse(); r.outcome.reverse(); r.testingAgency.reverse(); r.samplingAgency.reverse()
        r.followUp.reverse(); r.industry.reverse()
        r.itemOffsets = [0]; r.items = []
        let a = PassRateAnalysis.compute(load.table), b = PassRateAnalysis.compute(r)
        for d in Dimension.breakdowns {
            #expect(a.byDimension[d]!.map(\.counts) == b.byDimension[d]!.map(\.counts), "\(d)")
        }
        #expect(a.byYear.map(\.counts) == b.byYear.map(\.counts))
    }
}
