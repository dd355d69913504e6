import Foundation
import QualityData
import QualityIngest
import QualitySynthetic
import Testing
import _QualityTestSupport
@testable import QualityIndicators

/// Funnels and the control chart on a generated history with planted
/// outliers (`qindex generate --plant-outliers`; what is planted is in
/// `SamplingHistoryGenerator.Planted` and docs/methods.md): within Guangxi,
/// the flags beyond 99.8% (and beyond the 3σ limits) are exactly the planted
/// units. Elsewhere chance flags occur at their nominal rate and are not
/// asserted.
@Suite struct PlantedOutlierTests {
    static let analysis: Analysis = {
        var g = GeneratorOptions()
        g.batches = 100_000
        g.seed = 7
        g.plain = true
        g.chineseHeaders = false
        g.plantOutliers = true
        let path = (Fixtures.tempDir("planted") as NSString).appendingPathComponent("planted.csv.gz")
        _ = try! SamplingHistoryGenerator(options: g).write(to: path)
        let load = try! SamplingIngest.load(paths: [path])
        var o = AnalysisOptions()
        o.controlRegions = ["450000"]
        return Analysis.compute(load.table, options: o)
    }()

    @Test func theFunnelFindsExactlyThePlantedCity() {
        let cities = (Self.analysis.rates.byDimension[.region] ?? []).filter { $0.regionLevel == "city" && $0.parentKey == "450000" }
        #expect(cities.count == 140)  // 14 cities × 10 years
        let beyond = cities.filter { $0.funnelFlag?.isBeyond998 ?? false }.map { "\($0.year) \($0.key) \($0.funnelFlag!.rawValue)" }
        #expect(beyond == ["2020 \(SamplingHistoryGenerator.Planted.city) below_998"])
    }

    @Test func theStandardisedAgencyFunnelFindsExactlyThePlantedAgency() {
        let agencies = (Self.analysis.rates.byDimension[.agency] ?? []).filter { $0.key.hasPrefix("广西") }
        #expect(agencies.count == 50)  // 5 agencies × 10 years
        let beyond = agencies.filter { $0.funnelFlag?.isBeyond998 ?? false }
        #expect(Set(beyond.map(\.key)) == [SamplingHistoryGenerator.Planted.agency])
        #expect(beyond.count == 10 && beyond.allSatisfy { $0.funnelFlag == .above998 && ($0.failureRatio ?? 0) > 1.3 })
    }

    @Test func theControlChartFindsExactlyThePlantedQuarter() {
        let chart = Self.analysis.findings.controlCharts.filter { $0.regionCode == "450000" }
        #expect(chart.count == 40)
        #expect(chart.filter(\.point.beyondLimits).map(\.period) == ["2017-Q3"])
        // No run of 8 in an even history; a 2-of-3 signal only in the planted quarter's window.
        #expect(!chart.contains { $0.point.run })
        let window = Set(["2017-Q3", "2017-Q4", "2018-Q1"])
        #expect(chart.filter(\.point.twoOfThree).allSatisfy { window.contains($0.period) })
    }
}
