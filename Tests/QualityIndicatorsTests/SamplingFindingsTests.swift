import Foundation
import QualityData
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualityIndicators

/// Hand-computed cases for agency standardisation, repeat failures,
/// follow-up sampling and failing items.
@Suite struct SamplingFindingsTests {
    func load(_ header: String, _ lines: [String]) throws -> SamplingTable {
        try Fixtures.load(Fixtures.file(header + "\n" + lines.joined(separator: "\n") + "\n")).table
    }

    /// Batches of one day and county: for each (unit, product, tested, failed), that many tested batches,
    /// the first `failed` of them failing; the unit is the file's last column (an agency, an enterprise).
    static func batches(_ groups: [(unit: String, product: String, tested: Int, failed: Int)]) -> [String] {
        var lines: [String] = []
        for g in groups {
            for i in 0..<g.tested {
                lines.append("B\(lines.count + 1),2019-05-01,provincial,450102,\(g.product),\(i < g.failed ? "fail" : "pass"),\(g.unit)")
            }
        }
        return lines
    }

    /// Three agencies, each failing every product at exactly the product's
    /// overall rate (hard 20%, easy 2%), but with different product mixes:
    /// raw failure rates 16.4%, 2% and 11%, standardised ratios all 1.
    @Test func agencyTestingHarderProductsIsNotFlagged() throws {
        let lines = Self.batches([("A", "hard", 400, 80), ("A", "easy", 100, 2), ("B", "easy", 500, 10), ("C", "hard", 250, 50), ("C", "easy", 250, 5)])
        let t = try load("batch_id,sample_date,level,region_code,product_name,result,testing_agency", lines)
        let rows = PassRateAnalysis.compute(t).byDimension[.agency]!.filter { !$0.key.isEmpty }
        #expect(rows.map(\.key) == ["A", "B", "C"])
        // Expected failures: A = 400·0.2 + 100·0.02 = 82; B = 500·0.02 = 10; C = 250·0.2 + 250·0.02 = 55.
        let expected = rows.map { $0.expectedFailures! }
        #expect(abs(expected[0] - 82) < 1e-9 && abs(expected[1] - 10) < 1e-9 && abs(expected[2] - 55) < 1e-9)
        #expect(rows.allSatisfy { abs($0.failureRatio! - 1) < 1e-12 && $0.funnelFlag == .within })
        // On raw rates against all agencies, A would look far worse.
        #expect(rows[0].parentP! < 1e-6)
    }

    /// The screen orders by evidence, not counts: "Big", sampled 500 times
    /// for a product failing 2% of the time everywhere, fails 10 times — as
    /// expected (E = 10, p = P(X ≥ 10 | 10) = 0.542); "Small" fails both its
    /// batches of a product that fails 2 times in 200 (E = 0.02, p =
    /// 1 − e^−0.02·1.02 = 0.000197). By counts Big came first.
    @Test func repeatFailuresAreOrderedByEvidence() throws {
        let lines = Self.batches([("Big", "wire", 500, 10), ("Small", "rice", 2, 2)] + (0..<99).map { ("R\($0)", "rice", 2, 0) })
        let f = SamplingFindings.compute(try load("batch_id,sample_date,level,region_code,product_name,result,enterprise_name", lines))
        #expect(f.repeatFailures.map(\.enterprise) == ["Small", "Big"])
        let small = f.repeatFailures[0], big = f.repeatFailures[1]
        #expect(abs(small.expectedFailures - 0.02) < 1e-15 && abs(big.expectedFailures - 10) < 1e-12)
        #expect(abs(small.pValue! - (1 - exp(-0.02) * 1.02)) < 1e-15)
        #expect(abs(big.pValue! - 0.5420702855281478) < 1e-12)  // scipy: poisson.sf(9, 10)
        #expect(small.funnelFlag == .above998 && big.funnelFlag == .within && abs(small.failureRatio! - 100) < 1e-9)
    }

    @Test func repeatFailuresFollowUpAndItems() throws {
        let header = "batch_id,sample_date,level,region_code,product_name,result,enterprise_name,failed_items,follow_up"
        let t = try load(header, [
            // E1: fail, fail, pass, fail (dates out of order in the file) → 3 failures, longest run 2.
            "A1,2019-03-01,provincial,450102,p1,fail,E1,甲,no",
            "A3,2019-09-01,provincial,450102,p1,pass,E1,,yes",
            "A2,2019-05-01,provincial,450102,p1,fail,E1,甲；乙,no",
            "A4,2020-02-01,provincial,450102,p2,fail,E1,丙,yes",
            // E2: fail, pass, fail → 2 failures, longest run 1; never re-sampled within a year of its 2020 failure.
            "B1,2019-01-10,provincial,450102,p1,fail,E2,乙,no",
            "B2,2019-02-10,provincial,450102,p1,pass,E2,,yes",
            "B3,2020-12-30,provincial,450102,p2,fail,E2,丙,no",
            // E3: one failure only; a refused batch does not count as a sampling tested.
            "C1,2019-04-01,provincial,450102,p2,fail,E3,丙,no",
            "C2,2019-06-01,provincial,450102,p2,refused,E3,,no",
        ])
        let f = SamplingFindings.compute(t)
        #expect(f.repeatFailures.map(\.enterprise) == ["E1", "E2"])
        let e1 = f.repeatFailures[0], e2 = f.repeatFailures[1]
        #expect(e1.failures == 3 && e1.longestFailureRun == 2 && e1.batchesTested == 4 && e1.consecutive)
        #expect(CivilDate.iso(e1.firstFailure) == "2019-03-01" && CivilDate.iso(e1.lastFailure) == "2020-02-01" && e1.products == ["p1", "p2"])
        #expect(e2.failures == 2 && e2.longestFailureRun == 1 && !e2.consecutive)
        // Follow-up: 2019 — failing E1 (first 03-01, next 05-01), E2 (01-10, next 02-10), E3 (04-01, next only a refused batch 06-01).
        let y2019 = f.followUp.first { $0.year == 2019 }!
        #expect(y2019.enterprisesFailed == 3 && y2019.enterprisesResampled == 3)
        #expect(y2019.followUpTested == 2 && y2019.followUpPassed == 2)  // A3 and B2
        // 2020 — E1 (02-01, nothing after) and E2 (12-30, nothing after): none re-sampled; the data end 2020-12-30, window incomplete.
        let y2020 = f.followUp.first { $0.year == 2020 }!
        #expect(y2020.enterprisesFailed == 2 && y2020.enterprisesResampled == 0 && !y2020.windowComplete)
        #expect(y2020.followUpTested == 1 && y2020.followUpPassed == 0)  // A4
        #expect(y2019.windowComplete)  // 2019-12-31 + 365 days = 2020-12-30 (leap year), the last date
        // Items 2019: failed batches A1 (甲), A2 (甲, 乙), B1 (乙), C1 (丙) → 甲 2/4, 乙 2/4, 丙 1/4 overall.
        let all2019 = f.failedItems.filter { $0.year == 2019 && $0.allProducts }
        #expect(all2019.map { "\($0.item) \($0.failures)/\($0.failedBatches)" } == ["乙 2/4", "甲 2/4", "丙 1/4"])
        let p1 = f.failedItems.filter { $0.year == 2019 && !$0.allProducts && $0.productCode == "p1" }
        #expect(p1.map { "\($0.item) \($0.failures)/\($0.failedBatches)" } == ["乙 2/3", "甲 2/3"])
    }

    @Test func pChartRunRules() {
        // 8 points above the centre after 8 below: the 8th of each run signals.
        let below = Array(repeating: (x: 90, n: 100), count: 8), above = Array(repeating: (x: 94, n: 100), count: 8)
        let points = PChart.compute(below + above).map { $0! }
        #expect(points.enumerated().filter { $0.element.run }.map(\.offset) == [7, 15])
        #expect(!points.contains { $0.beyondLimits })
        // 2 of 3 beyond 2σ on one side: p̄ = 2880/3200 = 0.9, σ(n = 400) = 0.015; 374/400 = 0.935 is
        // beyond +2σ, 350/400 = 0.875 is not beyond −2σ: the third point completes 2 of 3.
        let p = PChart.compute([374, 350, 374, 356, 356, 356, 357, 357].map { (x: $0, n: 400) }).map { $0! }
        #expect(abs(p[0].centre - 0.9) < 1e-15)
        #expect(p.map(\.twoOfThree) == [false, false, true, false, false, false, false, false])
        #expect(!p.contains { $0.beyondLimits || $0.run })
    }
}
