import Foundation
import QualityData
import QualityIndicators
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualitySynthetic

/// Safety failures on a generated history against DuckDB's count of the same
/// CSV (scripts/reference/safety_duckdb.py: rows grouped by batch, items split,
/// classified by the reference file's keywords).
@Suite struct SafetyOnGeneratedHistoryTests {
    static let duckdb: [(Int, Int, Int)] = [  // duckdb 2.0.1: (year, tested, safety_failed)
        (2011, 499, 11), (2012, 500, 14), (2013, 499, 13), (2014, 497, 12), (2015, 497, 22),
        (2016, 498, 12), (2017, 499, 17), (2018, 494, 11), (2019, 497, 12), (2020, 499, 11),
    ]

    @Test func yearlyCountsMatchDuckDB() throws {
        var o = GeneratorOptions()
        o.batches = 5000
        o.seed = 5
        o.plain = true
        o.chineseHeaders = false
        let path = (Fixtures.tempDir("safety") as NSString).appendingPathComponent("s5k.csv")
        _ = try SamplingHistoryGenerator(options: o).write(to: path)
        let table = try SamplingIngest.load(paths: [path]).table
        let all = SafetyFailures.compute(table, classes: .bundled).rows(scope: "all")
        #expect(all.map { [$0.year] + $0.counts } == Self.duckdb.map { [$0.0, $0.1, $0.2] })
    }
}
