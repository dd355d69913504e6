import QualityData
import Testing
@testable import QualityIndicators

/// Issue 32 item 3: Benjamini–Hochberg q-values, against statsmodels'
/// `multipletests(method="fdr_bh")` (scripts/reference/bh_statsmodels.py,
/// statsmodels 0.15.0; the output pasted below) — Benjamini & Hochberg's own
/// worked example of 15 p-values (four rejected at 0.05), ties and an
/// unsorted family, one p-value, none small — and the families of a pass-rate
/// table: one year and one region level each.
@Suite struct MultiplicityTests {
    static let reference: [(String, [Double], [Double], [Bool])] = [
        ("bh1995", [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0], [0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645, 0.07650000000000001, 0.48600000000000004, 0.5811818181818182, 0.7148749999999999, 0.7532307692307693, 0.8132142857142857, 1.0], [true, true, true, true, false, false, false, false, false, false, false, false, false, false, false]),
        ("ties", [0.04, 0.01, 0.04, 0.5, 1.0, 0.01, 0.03], [0.056, 0.035, 0.056, 0.5833333333333334, 1.0, 0.035, 0.056], [false, true, false, false, false, true, false]),
        ("single", [0.02], [0.02], [true]),
        ("all_large", [0.9, 0.8, 0.95], [0.95, 0.95, 0.95], [false, false, false]),
    ]

    @Test(arguments: reference.indices)
    func qValuesEqualStatsmodels(_ i: Int) {
        let (name, p, want, reject) = Self.reference[i]
        let q = Statistics.benjaminiHochberg(p)
        for k in p.indices {
            #expect(abs(q[k]! - want[k]) < 1e-12, "\(name)[\(k)]: \(q[k]!) vs \(want[k])")
            #expect((q[k]! <= 0.05) == reject[k], "\(name)[\(k)]")
        }
    }

    /// A row without a test (no p-value) is not in the family: the others are adjusted as if it were absent.
    @Test func aMissingPValueIsNotCounted() {
        let q = Statistics.benjaminiHochberg([0.01, nil, 0.04, nil])
        let alone = Statistics.benjaminiHochberg([0.01, 0.04])
        #expect(q[1] == nil && q[3] == nil && q[0] == alone[0] && q[2] == alone[1])
        #expect(Statistics.benjaminiHochberg([]).isEmpty && Statistics.benjaminiHochberg([nil]) == [nil])
    }

    /// The families of a table: one year and one region level. Provinces and
    /// cities of 2020 are adjusted apart, and 2019 apart from 2020; the
    /// change on the previous year in the same families.
    @Test func eachYearAndRegionLevelIsOneFamily() {
        func row(_ year: Int, _ level: String, _ key: String, p: Double?, change: Double?) -> PassRateRow {
            var r = PassRateRow(year: year, key: key, label: key, regionLevel: level, parentKey: "", counts: RateCounts())
            r.parentP = p
            r.changeP = change
            return r
        }
        let bh = Self.reference[0].1, ties = Self.reference[1].1
        var rows = bh.enumerated().map { row(2020, "city", "c\($0.offset)", p: $0.element, change: ties[$0.offset % ties.count]) }
            + ties.enumerated().map { row(2020, "province", "p\($0.offset)", p: $0.element, change: nil) }
            + [row(2019, "city", "c0", p: 0.02, change: nil)]
        PassRateAnalysis.addQValues(&rows)
        let cities = rows.filter { $0.year == 2020 && $0.regionLevel == "city" }, provinces = rows.filter { $0.regionLevel == "province" }
        #expect(zip(cities.map { $0.parentQ! }, Self.reference[0].2).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(zip(provinces.map { $0.parentQ! }, Self.reference[1].2).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(rows.last!.parentQ == 0.02)  // alone in its year: q = p
        let changeQ = Statistics.benjaminiHochberg(bh.indices.map { ties[$0 % ties.count] })
        #expect(cities.map(\.changeQ) == changeQ && provinces.allSatisfy { $0.changeQ == nil })
    }
}
