import QualityData
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualityIndicators

/// Re-tests (复检) on a fixture whose counts DuckDB computed
/// (scripts/reference/retests_duckdb.py over Tests/Fixtures/retests.csv).
@Suite struct RetestsTests {
    static func load() throws -> SamplingIngestResult { try Fixtures.load(Fixtures.path("Tests/Fixtures/retests.csv")) }

    @Test func aRetestOnlyFollowsAFailureAndTakesAcceptedValues() throws {
        let r = try Self.load()
        #expect(r.table.count == 9)
        let rejected = r.rejects.map { "\($0.line):\($0.column):\($0.reason.rawValue)" }
        #expect(rejected == ["9:retest_result:retest_without_failure", "12:retest_result:unknown_value"])
        // Dates of re-tests are kept with the batch.
        #expect(r.table.retestDay.filter { $0 != missingDay }.count == 6)
    }

    @Test func countsByAgencyAndYearAsDuckDB() throws {
        let rows = Retests.indicator.compute(try Self.load().table, options: AnalysisOptions()).rows
        // (year, agency, first_failures, retests, overturned) from DuckDB.
        // A batch without an agency is the key "" like any other (issue 29, item 10).
        let duckdb: [(Int, String, [Int])] = [(2019, "检测院A", [3, 2, 1]), (2019, "检测院B", [3, 3, 2]), (2020, "", [1, 0, 0]), (2020, "检测院A", [1, 1, 1])]
        #expect(rows.filter { $0.scope == "agency" }.map { "\($0.year) \($0.key) \($0.counts)" }
                == duckdb.map { "\($0.0) \($0.1) \($0.2)" })
        #expect(rows.filter { $0.scope == "all" }.map(\.counts) == [[6, 5, 3], [2, 1, 1]])
        // By product (童车 from agency A only; 电线 2020 has no agency and no re-test).
        #expect(rows.filter { $0.scope == "product" }.map { "\($0.year) \($0.key) \($0.counts)" }
                == ["2019 电线 [3, 3, 2]", "2019 童车 [3, 2, 1]", "2020 电线 [1, 0, 0]", "2020 童车 [1, 1, 1]"])  // by code, bytewise
    }

    @Test func theFinalResultIsTheRetests() throws {
        let a = PassRateAnalysis.compute(try Self.load().table)
        // (tested, passed) by year from DuckDB: 2019 (7, 4), 2020 (2, 1).
        #expect(a.byYear.map { [$0.year, $0.counts.tested, $0.counts.passed] } == [[2019, 7, 4], [2020, 2, 1]])
    }
}
