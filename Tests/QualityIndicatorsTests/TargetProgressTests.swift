import QualityData
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualityIndicators

/// Hand-computed cases of plan-target progress (indicators.md §4). Eurostat
/// ratios: rr = (T/b)^(1/(T_year − t0)) − 1, ar = (v/b)^(1/(t − t0)) − 1,
/// worked out with a calculator (Python's float arithmetic) for the literals.
@Suite struct TargetProgressTests {
    func target(_ direction: TargetDirection = .atLeast, baseline: (Int, Double?)?, target: (Int?, Double), indicator: String = "batch_pass_rate") -> PlanTarget {
        var t = PlanTarget(id: "t", title: Bilingual("目标", "target"), indicator: indicator, regions: ["450000"], targetValue: target.1, direction: direction)
        t.baselineYear = baseline?.0
        t.baselineValue = baseline?.1
        t.targetYear = target.0
        return t
    }

    func rows(_ t: PlanTarget, _ series: [Int: SeriesPoint]) -> [Int: TargetRow] {
        Dictionary(uniqueKeysWithValues: TargetProgress.assess(t, regionCode: "450000", regionName: "广西", series: series).map { ($0.year, $0) })
    }

    /// Issue 32 item 7, as plans.md says: in the baseline year (with data)
    /// the status is on_track (progress 0 against expected 0) and there is
    /// no projected year — the one on_track row without one.
    @Test func theBaselineYearIsOnTrackWithoutAProjection() throws {
        let r = rows(target(baseline: (2015, nil), target: (2020, 0.95)),
                     [2015: SeriesPoint(value: 0.9, numerator: 900, denominator: 1000), 2016: SeriesPoint(value: 0.91, numerator: 910, denominator: 1000)])
        #expect(r[2015]?.status == .onTrack && r[2015]?.projectedYear == nil && r[2015]?.progress == 0 && r[2015]?.expectedProgress == 0)
        #expect(r[2016]?.status == .onTrack && r[2016]?.projectedYear == 2020)  // 0.2 of the way in 0.2 of the time: 2015 + 1/0.2
    }

    /// Issue 32 item 1: a census has no sampling error. 11 of 12 counties
    /// inspected against "every county" is missed — not "missed with
    /// confidence", which a Wilson interval (0.646–0.985) would say — and
    /// carries no interval; 98 of 100 hazards rectified against ≥ 95% is
    /// achieved, plainly. The same counts as sampled batches keep theirs.
    @Test func aCensusHasNoIntervalAndNoVerdictWithConfidence() throws {
        let coverage = rows(target(baseline: (2019, nil), target: (2020, 1.0), indicator: "county_inspection_coverage"),
                            [2019: SeriesPoint(value: 10.0 / 12, numerator: 10, denominator: 12), 2020: SeriesPoint(value: 11.0 / 12, numerator: 11, denominator: 12)])
        #expect(coverage[2020]?.status == .missed && coverage[2020]?.interval == nil && coverage[2019]?.interval == nil)
        let hazards = rows(target(baseline: (2019, nil), target: (2020, 0.95), indicator: "hazard_rectification_rate"),
                           [2019: SeriesPoint(value: 0.9, numerator: 90, denominator: 100), 2020: SeriesPoint(value: 0.98, numerator: 98, denominator: 100)])
        #expect(hazards[2020]?.status == .achieved && hazards[2020]?.interval == nil)
        // The same counts as batches: with confidence where the Wilson interval says so (98/100: 0.930–0.994 is not wholly ≥ 0.95).
        let batches = rows(target(baseline: (2019, nil), target: (2020, 1.0)),
                           [2019: SeriesPoint(value: 10.0 / 12, numerator: 10, denominator: 12), 2020: SeriesPoint(value: 11.0 / 12, numerator: 11, denominator: 12)])
        #expect(batches[2020]?.status == .missedWithConfidence && batches[2020]?.interval != nil)
        for id in ["county_inspection_coverage", "township_inspection_coverage", "enterprise_inspection_coverage", "hazard_rectification_rate"] {
            #expect(IndicatorRegistry.definition(id)?.census == true && !IndicatorRegistry.hasSamplingError(id), "\(id)")
        }
        #expect(IndicatorRegistry.hasSamplingError("batch_pass_rate") && IndicatorRegistry.hasSamplingError("labelling_failure_share"))
    }

    /// "≥ 93% by 2020 from 91.3% in 2014": 92.0% in 2016 is 41.2% of the way
    /// after a third of the time: on track; growing 1.24× the required rate.
    @Test func onTrackWithSignificantProgress() throws {
        let r = rows(target(baseline: (2014, 0.913), target: (2020, 0.93)),
                     [2015: SeriesPoint(value: 0.917), 2016: SeriesPoint(value: 0.920)])
        let y = try #require(r[2016])
        #expect(abs(y.progress! - 0.4117647058823529) < 1e-12 && abs(y.expectedProgress! - 1.0 / 3) < 1e-12)
        #expect(y.status == .onTrack && y.onTrack == true)
        #expect(abs(y.eurostatRatio! - 1.242466567816292) < 1e-9 && y.eurostatCategory == .significantProgress)
        // The baseline year has its row (docs/tables.md), without data in it.
        #expect(r[2014]?.value == nil && r[2014]?.status == .noData && r[2014]?.baselineValue == 0.913)
        // One rule: on the straight line from the baseline through 92.0% the
        // target is reached at 2014 + 2/0.41176 = 2018.86 → 2019, not after 2020.
        #expect(y.projectedYear == 2019)
    }

    @Test func movingAway() throws {
        let y = try #require(rows(target(baseline: (2015, 0.95), target: (2020, 0.97)), [2017: SeriesPoint(value: 0.94)])[2017])
        #expect(abs(y.progress! - -0.5) < 1e-12 && abs(y.expectedProgress! - 0.4) < 1e-12 && y.status == .offTrack)
        #expect(abs(y.eurostatRatio! - -1.2638170878910844) < 1e-9 && y.eurostatCategory == .movementAway)
        #expect(y.projectedYear == nil)  // the trend moves away: "not on the current trend"
    }

    /// "≤ 5% by 2020 from 8% in 2015": 6% in 2018.
    @Test func atMostTarget() throws {
        let y = try #require(rows(target(.atMost, baseline: (2015, 0.08), target: (2020, 0.05)), [2018: SeriesPoint(value: 0.06)])[2018])
        #expect(abs(y.progress! - 0.6666666666666669) < 1e-12 && abs(y.expectedProgress! - 0.6) < 1e-12 && y.status == .onTrack)
        #expect(abs(y.eurostatRatio! - 1.0191913222000015) < 1e-9 && y.eurostatCategory == .significantProgress)
        // Line through (2015, 8%) and (2018, 6%): slope −2/3 point a year, reaches 5% at 2019.5 → 2020.
        #expect(y.projectedYear == 2020)
    }

    /// Whether a target is on a proportion comes from the registry's declaration, not the id's spelling:
    /// a statistic named `…_rate` is a number the user's file states (no interval); re-sampled share is a proportion.
    @Test func proportionsAreDeclared() {
        #expect(IndicatorRegistry.isProportion("batch_pass_rate") && IndicatorRegistry.isProportion("county_inspection_coverage"))
        #expect(IndicatorRegistry.isProportion("resampled_within_12_months") && IndicatorRegistry.isProportion("safety_failure_share"))
        #expect(!IndicatorRegistry.isProportion("stat:brand_growth_rate") && !IndicatorRegistry.isProportion("no_such_rate"))
        let t = target(baseline: (2015, 0.90), target: (2020, 0.93), indicator: "stat:brand_growth_rate")
        #expect(rows(t, [2016: SeriesPoint(value: 0.94, numerator: 940, denominator: 1000)])[2016]?.interval == nil)
    }

    @Test func alreadyMetWithAndWithoutConfidence() throws {
        let t = target(baseline: (2015, 0.90), target: (2020, 0.93))
        let r = rows(t, [2016: SeriesPoint(value: 0.94, numerator: 940, denominator: 1000),
                         2017: SeriesPoint(value: 0.94, numerator: 9400, denominator: 10000)])
        // Wilson lower bounds: 940/1000 → 0.9236 < 93%; 9400/10000 → 0.9352 ≥ 93%.
        #expect(r[2016]!.status == .achieved && r[2017]!.status == .achievedWithConfidence)
        #expect(r[2016]!.eurostatCategory == .significantProgress && r[2016]!.projectedYear == 2016)
        #expect(r[2016]!.progress! > 1)
    }

    /// A baseline above a "≥" target: no distance to cover, so no progress
    /// figure; dropping below the target is movement away.
    @Test func baselineAlreadyMeetingTheTarget() throws {
        let r = rows(target(baseline: (2014, 0.95), target: (2020, 0.93)), [2016: SeriesPoint(value: 0.96), 2017: SeriesPoint(value: 0.92)])
        #expect(r[2016]!.progress == nil && r[2016]!.status == .achieved && r[2016]!.eurostatCategory == .significantProgress)
        #expect(r[2017]!.progress == nil && r[2017]!.status == .offTrack && r[2017]!.eurostatCategory == .movementAway)
    }

    @Test func targetYearPassed() throws {
        let r = rows(target(baseline: (2014, 0.913), target: (2020, 0.93)),
                     [2019: SeriesPoint(value: 0.924), 2020: SeriesPoint(value: 0.925), 2021: SeriesPoint(value: 0.935)])
        #expect(r[2019]!.status == .offTrack)  // 64.7% of the way after 83.3% of the time
        #expect(r[2020]!.status == .missed && r[2020]!.expectedProgress == 1)
        #expect(r[2021]!.status == .achieved)  // reached late: achieved, and the 2020 row still says missed
        #expect(r[2018]!.status == .noData)
    }

    /// "Cultivate 300 brand products, 2016–2020" from 0 in 2015: yearly
    /// additions 50, 60, 70 make 180 by 2018 — 60% of the way after 60% of
    /// the time: on track, and on the same straight line reached in
    /// 2015 + 3/0.6 = 2020 (the least-squares line used before said 2021
    /// beside "on track").
    @Test func countTargetFromRegionalStatistics() throws {
        var t = target(baseline: (2015, 0), target: (2020, 300), indicator: "stat:brand_products")
        t.cumulative = true
        var data = TargetData(regions: .bundled)
        let gx = RegionTable.bundled.index(ofCode: "450000")!
        data.statistics = [(2016, 50.0), (2017, 60), (2018, 70)].map { RegionalStatistic(region: gx, year: $0.0, indicator: "brand_products", value: $0.1) }
        data.statistics.append(RegionalStatistic(region: gx, year: 2018, indicator: "other", value: 999))
        let series = TargetSeries.series(t, region: "450000", data: data)
        #expect(series.mapValues(\.value) == [2015: 0, 2016: 50, 2017: 110, 2018: 180])
        let y = try #require(rows(t, series)[2018])
        #expect(abs(y.progress! - 0.6) < 1e-12 && abs(y.expectedProgress! - 0.6) < 1e-12 && y.status == .onTrack)
        #expect(y.eurostatRatio == nil && y.eurostatCategory == nil)  // a zero baseline has no growth rate
        #expect(y.projectedYear == 2020)
        // The baseline value left to the data: the statistic in the baseline
        // year (61 added in 2015) starts the sum — 61 + 50 + 60 + 70 = 241.
        t.baselineValue = nil
        data.statistics.append(RegionalStatistic(region: gx, year: 2015, indicator: "brand_products", value: 61))
        let computed = TargetSeries.series(t, region: "450000", data: data)
        #expect(computed.mapValues(\.value) == [2015: 61, 2016: 111, 2017: 171, 2018: 241])
        #expect(rows(t, computed)[2018]!.baselineValue == 61)
        // Neither given nor in the data: no series, and a no-data row.
        data.statistics.removeAll { $0.year == 2015 }
        #expect(TargetSeries.series(t, region: "450000", data: data).isEmpty)
    }

    /// Issue 29: a target is judged in its target year when the data have it;
    /// a later year is shown, marked after the target year, and not picked.
    @Test func aTargetIsJudgedInItsTargetYear() {
        let t = target(baseline: (2014, 0.913), target: (2020, 0.93))
        let series = [2019: SeriesPoint(value: 0.92, numerator: 920, denominator: 1000), 2020: SeriesPoint(value: 0.91, numerator: 910, denominator: 1000),
                      2021: SeriesPoint(value: 0.95, numerator: 95, denominator: 100)]
        let all = TargetProgress.assess(t, regionCode: "450000", regionName: "广西", series: series)
        let shown = TargetProgress.latest(all)
        #expect(shown.count == 1 && shown[0].year == 2020 && shown[0].status == .missedWithConfidence && !shown[0].afterTargetYear)
        #expect(all.first { $0.year == 2021 }!.afterTargetYear)
        // Without the target year in the data, the latest year with data is shown.
        let before = TargetProgress.latest(TargetProgress.assess(t, regionCode: "450000", regionName: "广西", series: series.filter { $0.key < 2020 }))
        #expect(before.map(\.year) == [2019])
    }

    /// A direction without a number has its baseline-year row too (no growth
    /// rate yet), then a row per year.
    @Test func directionOnlyStartsAtTheBaselineYear() throws {
        var up = target(baseline: (2015, nil), target: (nil, 0))
        up.quantified = false
        let r = rows(up, [2015: SeriesPoint(value: 0.80), 2017: SeriesPoint(value: 0.82)])
        #expect(r.keys.sorted() == [2015, 2016, 2017])
        #expect(r[2015]!.status == .onTrack && r[2015]!.eurostatCategory == nil && r[2015]!.baselineValue == 0.80)
        #expect(r[2016]!.status == .noData && r[2017]!.eurostatCategory == .significantProgress)
    }

    /// "≤ 0 by 2020 from 0.5% in 2015": required growth (0/0.005)^(1/5) − 1 =
    /// −100% a year; 0.1% in 2018 is (0.2)^(1/3) − 1 = −41.52% a year, ratio
    /// 0.41519645235742675: insufficient progress (Python's float arithmetic).
    @Test func atMostZeroTargetIsGraded() throws {
        let y = try #require(rows(target(.atMost, baseline: (2015, 0.005), target: (2020, 0)), [2018: SeriesPoint(value: 0.001)])[2018])
        #expect(abs(y.eurostatRatio! - 0.41519645235742675) < 1e-12 && y.eurostatCategory == .insufficientProgress)
        let zero = try #require(rows(target(.atMost, baseline: (2015, 0.005), target: (2020, 0)), [2019: SeriesPoint(value: 0)])[2019])
        #expect(zero.status == .achieved && zero.eurostatCategory == .significantProgress && zero.eurostatRatio == 1)
    }

    /// Missed beyond sampling error when the Wilson interval lies wholly
    /// below a "≥" target (statsmodels `proportion_confint(method="wilson")`):
    /// 900/1000 → upper 0.91709 < 93%; 9250/10000 → upper 0.9300008 ≥ 93%:
    /// missed, but within sampling error.
    @Test func missedWithAndWithoutConfidence() throws {
        let t = target(baseline: (2015, 0.90), target: (2020, 0.93))
        let a = rows(t, [2020: SeriesPoint(value: 0.9, numerator: 900, denominator: 1000)])[2020]!
        let b = rows(t, [2020: SeriesPoint(value: 0.925, numerator: 9250, denominator: 10000)])[2020]!
        #expect(a.status == .missedWithConfidence && a.onTrack == false)
        #expect(b.status == .missed && b.onTrack == false)
        var every = target(baseline: nil, target: (nil, 0.95))
        every.everyYear = true
        #expect(rows(every, [2019: SeriesPoint(value: 0.9, numerator: 900, denominator: 1000)])[2019]!.status == .missedWithConfidence)
    }

    /// Every target and region gets a row, whatever happens.
    @Test func targetWithoutDataHasANoDataRow() {
        let quantified = TargetProgress.assess(target(baseline: (2014, nil), target: (2020, 0.93)), regionCode: "450000", regionName: "广西",
                                               series: [:], latestYear: 2020)
        #expect(quantified.count == 1 && quantified[0].status == .noData && quantified[0].year == 2014)
        var every = target(baseline: nil, target: (nil, 0.95))
        every.everyYear = true
        let e = TargetProgress.assess(every, regionCode: "450000", regionName: "广西", series: [:], latestYear: 2020)
        #expect(e.count == 1 && e[0].status == .noData && e[0].year == 2020 && e[0].onTrack == nil)
    }

    /// One rule for status, projection and Eurostat: on random paths, "on
    /// track" holds exactly when the projected year is at or before the target
    /// year, and no projected year goes with movement away (or no movement).
    @Test func statusProjectionAndEurostatNeverContradict() {
        var rng = SeededRandom(seed: 13)
        for _ in 0..<5_000 {
            let direction: TargetDirection = rng.unit() < 0.5 ? .atLeast : .atMost
            let b = 0.80 + 0.1 * rng.unit(), gap = 0.01 + 0.05 * rng.unit()
            let goal = direction == .atLeast ? min(0.999, b + gap) : b - gap
            let t = target(direction, baseline: (2015, b), target: (2020, goal))
            var series: [Int: SeriesPoint] = [:]
            for y in 2016...2020 { series[y] = SeriesPoint(value: b + (rng.unit() - 0.4) * 2 * gap) }
            for r in TargetProgress.assess(t, regionCode: "450000", regionName: "广西", series: series) where r.year > 2015 {
                switch r.status {
                case .onTrack: #expect(r.projectedYear.map { $0 <= 2020 } == true, "\(r.year) \(r.value!)")
                case .offTrack: #expect(r.projectedYear.map { $0 > 2020 } ?? true, "\(r.year) \(r.value!)")
                case .achieved, .achievedWithConfidence: #expect(r.projectedYear == r.year)
                default: break
                }
                if r.eurostatCategory == .movementAway { #expect(r.projectedYear == nil) }
                if r.projectedYear == nil { #expect(r.eurostatCategory == .movementAway || r.eurostatCategory == .insufficientProgress) }
            }
        }
    }

    /// A direction without a number: Eurostat grades the compound annual
    /// growth in the desired direction. 80% → 85% over three years is
    /// (0.85/0.80)^(1/3) − 1 = 2.04% a year: significant progress; the same
    /// values under "≤" are −2.04%: significant movement away; 80% → 80.5%
    /// over three years is 0.21% a year: moderate progress.
    @Test func directionWithoutANumber() throws {
        var up = target(baseline: (2015, 0.80), target: (nil, 0))
        up.quantified = false
        let r = rows(up, [2018: SeriesPoint(value: 0.85)])[2018]!
        #expect(abs(r.eurostatRatio! - 0.020413775479336982) < 1e-12 && r.eurostatCategory == .significantProgress && r.status == .onTrack)
        var down = up
        down.direction = .atMost
        #expect(rows(down, [2018: SeriesPoint(value: 0.85)])[2018]!.eurostatCategory == .significantMovementAway)
        #expect(rows(up, [2018: SeriesPoint(value: 0.805)])[2018]!.eurostatCategory == .moderateProgress)
        #expect(rows(up, [2018: SeriesPoint(value: 0.795)])[2018]!.eurostatCategory == .moderateMovementAway)
        #expect(r.progress == nil && r.projectedYear == nil)
    }

    @Test func everyYearTarget() {
        var t = target(baseline: nil, target: (nil, 0.95))
        t.everyYear = true
        let r = rows(t, [2019: SeriesPoint(value: 0.96, numerator: 960, denominator: 1000), 2020: SeriesPoint(value: 0.94, numerator: 940, denominator: 1000)])
        #expect(r[2019]!.status == .achieved && r[2020]!.status == .missed && r[2019]!.progress == nil)
    }

    @Test func baselineFromTheDataWhenNotGiven() throws {
        let r = rows(target(baseline: (2014, nil), target: (2020, 0.93)), [2014: SeriesPoint(value: 0.91), 2017: SeriesPoint(value: 0.92)])
        #expect(r[2017]!.baselineValue == 0.91 && abs(r[2017]!.progress! - 0.5) < 1e-12 && r[2017]!.status == .onTrack)
        let none = rows(target(baseline: (2014, nil), target: (2020, 0.93)), [2017: SeriesPoint(value: 0.92)])
        #expect(none[2017]!.status == .noData)
    }

    /// Years whose raw files are not in this run come from the history
    /// (earlier runs' stored values); years in this run win. Issue 15, item 3:
    /// only a run whose values agree with this run's own records (same counts
    /// in every year both have) may lend them — the latest run, over another
    /// data set, is passed over — and the rows say which run lent them.
    @Test func earlierYearsFromTheHistory() throws {
        var data = TargetData(regions: .bundled)
        data.statistics = []
        let t = target(baseline: (2014, nil), target: (2020, 0.93))
        data.count(try samplingTable(), for: [t.query])  // 2019: 1 of 1 batch passed
        let consistent = HistoricRun(runId: 3, points: [2014: SeriesPoint(value: 0.913, numerator: 913, denominator: 1000),
                                                        2019: SeriesPoint(value: 1, numerator: 1, denominator: 1)])
        let unrelated = HistoricRun(runId: 7, points: [2014: SeriesPoint(value: 0.5, numerator: 5, denominator: 10),
                                                       2019: SeriesPoint(value: 0.5, numerator: 50, denominator: 100)])
        data.history["batch_pass_rate|450000"] = [unrelated, consistent]  // latest first
        let series = TargetSeries.series(t, region: "450000", data: data)
        #expect(series[2014]?.value == 0.913 && series[2014]?.borrowedFromRun == 3)
        #expect(series[2019]?.value == 1 && series[2019]?.denominator == 1 && series[2019]?.borrowedFromRun == nil)
        let r = rows(t, series)
        #expect(r[2019]!.baselineValue == 0.913 && r[2019]!.baselineBorrowedFromRun == 3 && r[2019]!.borrowedFromRun == nil)
        #expect(r[2014]!.borrowedFromRun == 3)
        // Only unrelated runs: nothing is borrowed, the baseline has no value.
        data.history["batch_pass_rate|450000"] = [unrelated]
        #expect(TargetSeries.series(t, region: "450000", data: data)[2014] == nil)
    }

    /// A named indicator with its own filter, from the registry: the
    /// e-commerce pass rate counts e-commerce batches only (3 of 4 here; the
    /// production batch is left out), and a target's own filter narrows it
    /// further (e-commerce ∩ production = nothing).
    @Test func ecommercePassRateFromTheRegistry() throws {
        let text = "batch_id,sample_date,level,region_code,product_name,result,enterprise_name,channel\n"
            + ["E1,2019-03-01,provincial,450102,x,pass,A,ecommerce", "E2,2019-03-02,provincial,450102,x,pass,B,ecommerce",
               "E3,2019-03-03,provincial,450102,x,fail,C,ecommerce", "E4,2019-03-04,provincial,450102,x,pass,D,电商",
               "P1,2019-03-05,provincial,450102,x,fail,E,production"].joined(separator: "\n") + "\n"
        var data = TargetData(regions: .bundled)
        let t = target(baseline: (2019, nil), target: (2020, 0.9), indicator: "ecommerce_pass_rate")
        var narrowed = t
        narrowed.filters = ["channel": ["production"]]
        data.count(try Fixtures.load(Fixtures.file(text)).table, for: [t.query, narrowed.query])
        let p = try #require(TargetSeries.series(t, region: "450000", data: data)[2019])
        #expect(p.numerator == 3 && p.denominator == 4 && p.value == 0.75)
        #expect(TargetSeries.series(narrowed, region: "450000", data: data).isEmpty)
        #expect(IndicatorRegistry.named["ecommerce_pass_rate"]?.contains("channel") == true)
        #expect(IndicatorRegistry.named["hazard_rectification_rate"] == ["inspection_type", "risk_class"])
    }

    func samplingTable() throws -> SamplingTable {
        try Fixtures.load(Fixtures.file(Fixtures.sampling(["B1,2019-05-01,省抽,450102,电线电缆,合格,,甲"]))).table
    }
}
