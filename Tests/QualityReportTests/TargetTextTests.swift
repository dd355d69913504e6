import QualityData
import QualityIndicators
import Testing
@testable import QualityReport

/// How target rows read: the sampling-error wording on every rate target,
/// "—" where no trend exists, the summary counting targets without data,
/// and no "-0.000000" in targets.csv.
@Suite struct TargetTextTests {
    func target(_ id: String, _ direction: TargetDirection = .atLeast, baseline: (Int, Double?), goal: (Int, Double),
                indicator: String = "batch_pass_rate") -> PlanTarget {
        var t = PlanTarget(id: id, title: Bilingual(id, id), indicator: indicator, regions: ["450000"], targetValue: goal.1, direction: direction)
        t.baselineYear = baseline.0
        t.baselineValue = baseline.1
        t.targetYear = goal.0
        return t
    }

    @Test func wordingProjectionAndSummary() {
        let rate = target("rate", baseline: (2015, 0.90), goal: (2020, 0.93))
        let within = TargetProgress.assess(rate, regionCode: "450000", regionName: "广西",
                                           series: [2015: SeriesPoint(value: 0.9, numerator: 900, denominator: 1000),
                                                    2020: SeriesPoint(value: 0.925, numerator: 9250, denominator: 10000)])
        let last = within.last!
        #expect(ReportStrings.status(of: last)(.en) == "missed, within sampling error")
        #expect(ReportStrings.status(of: last)(.zh) == "未达成（抽样误差内）")
        #expect(ReportStrings.projection(of: within[0])(.en) == "—")  // the baseline year: no trend yet
        let none = TargetProgress.assess(target("none", baseline: (2015, nil), goal: (2020, 0.93)), regionCode: "450000", regionName: "广西",
                                         series: [:], latestYear: 2020)
        #expect(ReportStrings.status(of: none[0])(.en) == "no data" && ReportStrings.projection(of: none[0])(.en) == "—")
        let summary = ReportStrings.targetSummary(within + none)!(.en)
        #expect(summary == "Targets: 0 achieved or on track, 1 off track or missed (rate 广西), 1 without data (none 广西)")
    }

    @Test func noNegativeZeroInTheTable() {
        // "≤ 5% by 2020 from 8%": in the baseline year progress = 0/(5% − 8%) = −0.
        let t = target("le", .atMost, baseline: (2015, 0.08), goal: (2020, 0.05))
        let rows = TargetProgress.assess(t, regionCode: "450000", regionName: "广西", series: [2015: SeriesPoint(value: 0.08)])
        #expect(rows[0].progress?.sign == .minus)
        let csv = ReportTables.targets(rows).rows[0]
        let progress = ReportTables.targets(rows).columns.firstIndex(of: "progress")!
        #expect(csv[progress] == "0.000000" && !csv.contains { $0.hasPrefix("-0.0") })
    }

    /// Issue 15, item 3: targets.csv says which years (and which baseline)
    /// were borrowed from an earlier database run.
    @Test func borrowedYearsAreMarked() {
        let t = target("b", baseline: (2014, nil), goal: (2020, 0.93))
        let series = [2014: SeriesPoint(value: 0.913, numerator: 913, denominator: 1000, borrowedFromRun: 3),
                      2019: SeriesPoint(value: 0.95, numerator: 95, denominator: 100)]
        let table = ReportTables.targets(TargetProgress.assess(t, regionCode: "450000", regionName: "广西", series: series))
        let from = table.columns.firstIndex(of: "value_from_run")!, base = table.columns.firstIndex(of: "baseline_from_run")!
        let year = table.columns.firstIndex(of: "year")!
        let byYear = Dictionary(uniqueKeysWithValues: table.rows.map { ($0[year], $0) })
        #expect(byYear["2014"]?[from] == "3" && byYear["2019"]?[from] == "" && byYear["2019"]?[base] == "3" && byYear["2016"]?[from] == "")
    }
}
