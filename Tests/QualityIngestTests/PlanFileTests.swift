import Foundation
import QualityData
import Testing
import _QualityTestSupport
@testable import QualityIngest

@Suite struct PlanFileTests {
    @Test func theExamplePlanLoads() throws {
        let plan = try PlanFile.load(path: Fixtures.path("datasets/examples/plan-guangxi-13th.yaml"))
        #expect(plan.id == "guangxi-13th-quality" && plan.targets.count == 11)
        let t = plan.targets[0]
        #expect(t.indicator == "batch_pass_rate" && t.regions == ["450000"] && t.baselineYear == 2014 && t.baselineValue == 0.913)
        #expect(t.targetYear == 2020 && t.targetValue == 0.93 && t.direction == .atLeast && t.milestones == [2017: 0.92])
        #expect(plan.targets[2].targetValue == 0.93 && plan.targets[2].filters == ["level": ["provincial"]])
        #expect(plan.targets[3].everyYear && plan.targets[8].cumulative && plan.targets[9].direction == .atMost)
        #expect(!plan.targets[10].quantified && plan.targets[10].baselineYear == 2015 && plan.targets[0].quantified)
    }

    func error(_ yaml: String) -> (line: Int, key: String, reason: String)? {
        do {
            _ = try PlanFile.parse(yaml: yaml, path: "p.yaml")
            return nil
        } catch IngestError.plan(_, let line, let key, let reason, _) {
            return (line, key, reason)
        } catch {
            return (-1, "", "\(error)")
        }
    }

    @Test func malformedPlansNameTheLineAndKey() {
        let good = """
            targets:
              - id: a
                indicator: batch_pass_rate
                baseline: {year: 2014}
                target: {year: 2020, value: 0.93}
            """
        #expect(error(good) == nil)
        let unknownKey = error(good + "\n    taget: 3")
        #expect(unknownKey?.line == 6 && unknownKey?.key == "taget")
        let badNumber = error(good.replacingOccurrences(of: "value: 0.93", with: "value: high"))
        #expect(badNumber?.line == 5 && badNumber?.key == "targets[a].target.value" && badNumber!.reason.contains("high"))
        let badIndicator = error(good.replacingOccurrences(of: "batch_pass_rate", with: "pass_rat"))
        #expect(badIndicator?.line == 3 && badIndicator?.key == "targets[a].indicator")
        let noBaseline = error(good.replacingOccurrences(of: "    baseline: {year: 2014}\n", with: ""))
        #expect(noBaseline?.key == "targets[a].baseline" && noBaseline?.line == 2)
        let badYAML = error("targets:\n  - id: [unclosed\n")
        #expect(badYAML != nil && badYAML!.line >= 2 && badYAML!.reason.contains("YAML"))
        let twice = error(good + "\n" + good.replacingOccurrences(of: "targets:\n", with: ""))
        #expect(twice?.key == "targets[a].id" && twice?.line == 6)
        let noTarget = error(good.replacingOccurrences(of: "\n    target: {year: 2020, value: 0.93}", with: ""))
        #expect(noTarget?.key == "targets[a].target")  // neither a target nor a direction
        #expect(error(good.replacingOccurrences(of: "    target: {year: 2020, value: 0.93}", with: "    direction: \">=\"")) == nil)
        let reversed = error(good.replacingOccurrences(of: "year: 2014", with: "year: 2021"))
        #expect(reversed?.key == "targets[a].baseline.year")
    }

    @Test func messagesSayLineAndKeyInBothLanguages() {
        let e = IngestError.plan(path: "p.yaml", line: 6, key: "taget", reason: "unknown key", reasonZh: "未知的键")
        #expect(e.message(.en) == "plan file p.yaml: line 6, key taget: unknown key")
        #expect(e.message(.zh) == "规划文件 p.yaml：第 6 行，键 taget：未知的键")
        // Every reason the parser gives exists in both languages.
        do { _ = try PlanFile.parse(yaml: "targets:\n  - id: a\n    indicator: nope\n", path: "p.yaml") } catch {
            #expect((error as! IngestError).message(.zh).contains("未知指标") && (error as! IngestError).message(.en).contains("unknown indicator"))
        }
    }
}
