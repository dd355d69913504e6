import QualityData
import QualityIndicators
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualityReport

/// Grouped indicators as tables: retests.csv, and the agency table's
/// re-test columns (counts from DuckDB: scripts/reference/retests_duckdb.py).
@Suite struct GroupedTablesTests {
    static func tables() throws -> [ReportTable] {
        let r = try Fixtures.load(Fixtures.path("Tests/Fixtures/retests.csv"))
        return ReportWriter.tables(Analysis.compute(r.table), r.accounting, lang: .en)
    }

    @Test func retestsTableHasCountsSharesAndIntervals() throws {
        let t = try Self.tables().first { $0.name == "retests" }!
        #expect(t.columns == ["year", "scope", "key", "name", "first_failures", "retests", "overturned", "request_rate", "request_ci_low",
                              "request_ci_high", "overturned_share", "overturned_ci_low", "overturned_ci_high"])
        let b = t.rows.first { $0[1] == "agency" && $0[2] == "检测院B" }!
        #expect(Array(b[0...6]) == ["2019", "agency", "检测院B", "检测院B", "3", "3", "2"])
        #expect(b[7] == "1.000000" && b[10] == "0.666667")
        // Wilson 95% for 2 of 3 (statsmodels proportion_confint(2, 3, method="wilson")): 0.2076596, 0.9385081.
        #expect(b[11] == "0.207660" && b[12] == "0.938508")
        #expect(t.kinds[4] == .count && t.kinds[10] == .proportion && t.undeclared.isEmpty)
    }

    @Test func agencyTableGainsTheOverturnedShare() throws {
        let t = try Self.tables().first { $0.name == "pass_rate_by_agency" }!
        #expect(Array(t.columns.suffix(3)) == ["retests", "overturned", "overturned_share"])
        let col = { (name: String) in t.columns.firstIndex(of: name)! }
        let a19 = t.rows.first { $0[col("year")] == "2019" && $0[col("testing_agency")] == "检测院A" }!
        #expect([a19[col("retests")], a19[col("overturned")], a19[col("overturned_share")]] == ["2", "1", "0.500000"])
        // After the re-tests, agency A's 2019 batches: R01 passed (overturned), R02, R03 failed, so 1 of 3.
        #expect(a19[col("passed")] == "1" && a19[col("failed")] == "2")
    }
}
