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

    /// Issue 15, item 7: runs and seed of nan or 1e30 crashed; weights of 0,
    /// negative or NaN gave every score −inf; runs of 1e7 ran for minutes.
    /// Each is now an error with its line and key.
    @Test func everyNumberIsValidated() {
        let base = """
            units: {parent: "450000", level: city}
            groups:
              - {id: level, weight: 1}
            indicators:
              - {id: a, indicator: batch_pass_rate, group: level, weight: 2}
            uncertainty: {runs: 100, seed: 7, weight_range: 0.25}
            screening: {min_share: 0.5}
            """
        func error(_ yaml: String) -> (Int, String)? {
            do { _ = try IndexFrameworkFile.parse(yaml: yaml, indicators: IndicatorRegistry.named); return nil } catch IngestError.indexFramework(_, let l, let k, _, _) { return (l, k) } catch { return (-1, "\(error)") }
        }
        #expect(error(base) == nil)
        for bad in [".nan", "nan", "1e30", "-1", "0", "2.5", "1e7", "20001"] {
            #expect(error(base.replacingOccurrences(of: "runs: 100", with: "runs: \(bad)"))! == (6, "uncertainty.runs"), "\(bad)")
        }
        #expect(error(base.replacingOccurrences(of: "runs: 100", with: "runs: 20000")) == nil)
        for bad in [".nan", "1e30", "-3", "0.5"] {
            #expect(error(base.replacingOccurrences(of: "seed: 7", with: "seed: \(bad)"))! == (6, "uncertainty.seed"), "\(bad)")
        }
        for bad in ["0", "-1", ".nan", ".inf"] {
            #expect(error(base.replacingOccurrences(of: "weight: 2", with: "weight: \(bad)"))! == (5, "indicators[a].weight"), "\(bad)")
            #expect(error(base.replacingOccurrences(of: "weight: 1}", with: "weight: \(bad)}"))! == (3, "groups[level].weight"), "\(bad)")
        }
        #expect(error(base.replacingOccurrences(of: "weight_range: 0.25", with: "weight_range: 1.5"))! == (6, "uncertainty.weight_range"))
        #expect(error(base.replacingOccurrences(of: "min_share: 0.5", with: "min_share: 7"))! == (7, "screening.min_share"))
        #expect(error(base.replacingOccurrences(of: "weight: 2}", with: "weight: 2, goalposts: {low: 0.9, high: 0.8}}"))! == (5, "indicators[a].goalposts"))
    }
}
