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
        (2011, 499, 11), (2012, 500, 16), (2013, 497, 18), (2014, 498, 13), (2015, 494, 12),
        (2016, 497, 15), (2017, 497, 11), (2018, 495, 18), (2019, 494, 8), (2020, 498, 14),
    ]

    /// The history the reference scripts read: `qindex generate --batches 5000 --seed 5 --plain --headers en -o s5k.csv`.
    static func s5k(_ dir: String) throws -> String {
        var o = GeneratorOptions()
        o.batches = 5000
        o.seed = 5
        o.plain = true
        o.chineseHeaders = false
        let path = (Fixtures.tempDir(dir) as NSString).appendingPathComponent("s5k.csv")
        _ = try SamplingHistoryGenerator(options: o).write(to: path)
        return path
    }

    @Test func yearlyCountsMatchDuckDB() throws {
        let table = try SamplingIngest.load(paths: [try Self.s5k("safety")]).table
        let all = SafetyFailures.compute(table, classes: .bundled).rows(scope: "all")
        #expect(all.map { [$0.year] + $0.counts } == Self.duckdb.map { [$0.0, $0.1, $0.2] })
    }
}
