import Foundation
import QualityData
import QualityIndicators
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualitySynthetic

/// The example plan on a generated history: Guangxi's "≥ 93% by 2020 from
/// 91.3% in 2014" behaves as the generator's calibration implies (base
/// 91.3% in 2014 rising to 93.1% in 2020, plus 0.3 points of mix), within
/// sampling error of 200,000 batches (Guangxi ≈ 8,000 a year: σ ≈ 0.3 point).
@Suite struct PlanOnGeneratedHistoryTests {
    @Test func guangxiManufacturingTargetFollowsTheCalibration() throws {
        var g = GeneratorOptions()
        g.batches = 200_000
        let dir = Fixtures.tempDir("plan")
        let sampling = (dir as NSString).appendingPathComponent("s.csv.gz")
        let inspections = (dir as NSString).appendingPathComponent("i.csv.gz")
        let stats = (dir as NSString).appendingPathComponent("r.csv")
        let generator = SamplingHistoryGenerator(options: g)
        _ = try generator.write(to: sampling)
        let written = try generator.writeInspections(to: inspections)
        _ = try generator.writeStatistics(to: stats)
        let load = try SamplingIngest.load(paths: [sampling])
        let plan = try PlanFile.load(path: Fixtures.path("datasets/examples/plan-guangxi-13th.yaml"), indicators: IndicatorRegistry.named)
        var data = TargetData(regions: .bundled)
        data.count(load.table, for: plan.targets.map(\.query))
        let insp = RecordIngest.loadInspections(paths: [inspections])
        data.count(inspections: insp.records, for: plan.targets.map(\.query))
        data.statistics = RecordIngest.loadStatistics(paths: [stats]).records
        #expect(insp.files[0].accountingCloses && insp.files[0].rejected == written.planted)
        let rows = TargetProgress.compute(plan, data: data)
        let gx = rows.filter { $0.target.id == "manufacturing-pass-rate" }
        let y2014 = try #require(gx.first { $0.year == 2014 }), y2020 = try #require(gx.first { $0.year == 2020 })
        #expect(abs(y2014.value! - 0.916) < 0.01 && abs(y2020.value! - 0.934) < 0.01)
        #expect(y2020.status == (y2020.value! >= 0.93 ? (y2020.interval!.low >= 0.93 ? .achievedWithConfidence : .achieved)
                                                      : (y2020.interval!.high < 0.93 ? .missedWithConfidence : .missed)))
        // The headline target is restricted to manufacturing (industry: [C]); the generator fills every row's industry.
        #expect(plan.targets[0].filters["industry"] == ["C"] && (y2020.denominator ?? 0) > 5_000)
        // Every target of the plan has its rows.
        #expect(Set(rows.map(\.target.id)) == Set(plan.targets.map(\.id)))
        #expect(gx.filter { (2015...2019).contains($0.year) }.allSatisfy { $0.eurostatCategory != .movementAway })
        // Inspections: every Guangxi county inspected from 2018 on, as generated; hazards rectified rising toward 98%.
        let nanning = rows.filter { $0.target.id == "county-coverage" && $0.regionCode == "450100" }
        #expect(nanning.filter { $0.year >= 2018 }.allSatisfy { $0.value == 1 && $0.status != .missed })
        let hazards = rows.filter { $0.target.id == "hazards-rectified" }
        #expect(hazards.last!.year == 2020 && abs(hazards.last!.value! - 0.98) < 0.02)
        // Brand products: cumulative since 2015, about 65 a year → past 300 by 2020.
        let brands = rows.filter { $0.target.id == "brand-products" }
        #expect(brands.last!.value! >= 300 && brands.last!.status == .achieved)
    }
}
