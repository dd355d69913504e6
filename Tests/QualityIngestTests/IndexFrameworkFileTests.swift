import Foundation
import QualityData
import QualityIndicators
import Testing
import _QualityTestSupport
@testable import QualityIngest

@Suite struct IndexFrameworkFileTests {
    @Test func theExampleFrameworkLoads() throws {
        let f = try IndexFrameworkFile.load(path: Fixtures.path("datasets/examples/index-guangxi-cities.yaml"), indicators: IndicatorRegistry.named)
        #expect(f.unitsParent == "450000" && f.unitsLevel == .city && f.years == [2018, 2019, 2020])
        #expect(f.groups.map(\.id) == ["level", "capacity"] && f.groups[0].weight == 0.6)
        #expect(f.indicators.map(\.id) == ["pass_rate", "enterprise_pass_rate", "rectification", "certification", "brands"])
        #expect(f.indicators[0].weight == 2 && f.indicators[0].goalposts?.low == 0.85 && f.indicators[3].query.indicator == "stat:certification_rate")
        #expect(f.normalisation == .minmax && f.aggregation == .arithmetic && f.runs == 500 && abs(f.minShare - 0.67) < 1e-12)
        #expect(f.bands.first?.min == 80)
    }

    @Test func errorsNameLineAndKey() {
        let base = """
            units: {parent: "450000", level: city}
            groups:
              - {id: level}
            indicators:
              - {id: a, indicator: batch_pass_rate, group: level}
            """
        #expect(throws: Never.self) { try IndexFrameworkFile.parse(yaml: base, indicators: IndicatorRegistry.named) }
        func error(_ yaml: String) -> (Int, String)? {
            do { _ = try IndexFrameworkFile.parse(yaml: yaml, indicators: IndicatorRegistry.named); return nil } catch IngestError.indexFramework(_, let l, let k, _, _) { return (l, k) } catch { return (-1, "") }
        }
        #expect(error(base.replacingOccurrences(of: "group: level}", with: "group: levl}"))! == (5, "indicators[a].group"))
        #expect(error(base + "\nnormalisation: minimax")! == (6, "normalisation"))
        #expect(error(base + "\nnormalisation: goalposts")!.1 == "indicators[a].goalposts")
        #expect(error(base.replacingOccurrences(of: "batch_pass_rate", with: "pass"))! == (5, "indicators[a].indicator"))
    }
}
