import Foundation
import QualityData
import QualityIndicators
import Testing
import _QualityTestSupport
@testable import QualityIngest

@Suite struct PlanFileTests {
    @Test func theExamplePlanLoads() throws {
        let plan = try PlanFile.load(path: Fixtures.path("datasets/examples/plan-guangxi-13th.yaml"), indicators: IndicatorRegistry.named)
        #expect(plan.id == "guangxi-13th-quality" && plan.targets.count == 11)
        let t = plan.targets[0]
        #expect(t.indicator == "batch_pass_rate" && t.regions == ["450000"] && t.baselineYear == 2014 && t.baselineValue == 0.913)
        #expect(t.targetYear == 2020 && t.targetValue == 0.93 && t.direction == .atLeast && t.milestones == [2017: 0.92])
        #expect(plan.targets[2].targetValue == 0.93 && plan.targets[2].filters == ["level": ["provincial"]])
        #expect(plan.targets[3].everyYear && plan.targets[8].cumulative && plan.targets[9].direction == .atMost)
        #expect(!plan.targets[10].quantified && plan.targets[10].baselineYear == 2015 && plan.targets[0].quantified)
        // The bulletin's issuing office, date of issue and data (issue 33).
        #expect(plan.issue.issuer?.zh == "广西壮族自治区市场监督管理局（示例）" && plan.issue.issued == "2021-03-15" && plan.issue.source?.zh == "全区产品质量监督抽查结果")
    }

    @Test func aDateOfIssueMustBeADate() {
        let yaml = { (d: String) in "plan: {id: p, title: p, issued: \"\(d)\"}\ntargets:\n  - {id: t, indicator: batch_pass_rate, target: {value: 0.9}, every_year: true}\n" }
        #expect(throws: (any Error).self) { try PlanFile.parse(yaml: yaml("2021-02-30"), indicators: IndicatorRegistry.named) }
        #expect(throws: (any Error).self) { try PlanFile.parse(yaml: yaml("15.3.2021"), indicators: IndicatorRegistry.named) }
        #expect((try? PlanFile.parse(yaml: yaml("2021-03-15"), indicators: IndicatorRegistry.named))?.issue.issued == "2021-03-15")
    }

    /// A filter on a coded text column is read as the loader reads the column:
    /// half-width parentheses in Chinese text become full-width, codes upper
    /// case — so `桂市监函(2020)1号` matches the data's `桂市监函（2020）1号`;
    /// enum ids and industry prefixes stay as written.
    @Test func textFilterValuesAreNormalisedLikeTheData() throws {
        let plan = try PlanFile.parse(yaml: """
            plan: {id: p, title: {zh: p, en: p}}
            targets:
              - id: t
                title: {zh: t, en: t}
                indicator: batch_pass_rate
                filter: {task_id: ["桂市监函(2020)1号", "桂市监函〔２０２０〕２号"], product_code: [p01], level: [provincial], industry: [C38]}
                regions: ["450000"]
                target: {value: 0.9}
                every_year: true
            """, indicators: IndicatorRegistry.named)
        #expect(plan.targets[0].filters == ["task_id": ["桂市监函（2020）1号", "桂市监函〔2020〕2号"], "product_code": ["P01"],
                                            "level": ["provincial"], "industry": ["C38"]])
    }

    func error(_ yaml: String) -> (line: Int, key: String, reason: String)? {
        do {
            _ = try PlanFile.parse(yaml: yaml, path: "p.yaml", indicators: IndicatorRegistry.named)
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

    /// Issue 15, item 7: numbers that crashed (nan, inf, 1e400, ≥ 1e17) or
    /// were accepted as nonsense (−inf, −5, a NaN baseline, a rate of 93
    /// meant as 93%) are errors naming the line and the key; a statistic may
    /// be any finite number.
    @Test func everyNumberIsValidated() {
        let good = """
            targets:
              - id: a
                indicator: batch_pass_rate
                baseline: {year: 2014, value: 0.913}
                target: {year: 2020, value: 0.93}
                milestones: {2017: 0.92}
            """
        #expect(error(good) == nil)
        for bad in ["nan", ".nan", "inf", ".inf", "-.inf", "1e400", "1e17", "-5", "93", "-0.01", "101%"] {
            let target = error(good.replacingOccurrences(of: "value: 0.93", with: "value: \(bad)"))
            #expect(target?.line == 5 && target?.key == "targets[a].target.value" && target!.reason.contains(bad), "\(bad): \(String(describing: target))")
            let baseline = error(good.replacingOccurrences(of: "value: 0.913", with: "value: \(bad)"))
            #expect(baseline?.line == 4 && baseline?.key == "targets[a].baseline.value", "\(bad)")
            let milestone = error(good.replacingOccurrences(of: "2017: 0.92", with: "2017: \(bad)"))
            #expect(milestone?.line == 6 && milestone?.key == "targets[a].milestones.2017", "\(bad)")
        }
        #expect(error(good.replacingOccurrences(of: "value: 0.93", with: "value: 93%")) == nil)
        let stat = good.replacingOccurrences(of: "batch_pass_rate", with: "stat:gdp_growth").replacingOccurrences(of: "value: 0.93", with: "value: -2.5")
        #expect(error(stat) == nil)
        #expect(error(stat.replacingOccurrences(of: "value: -2.5", with: "value: 1e17"))?.key == "targets[a].target.value")
        #expect(error(stat.replacingOccurrences(of: "value: -2.5", with: "value: .nan"))?.key == "targets[a].target.value")
    }

    /// What was accepted without a word (issue 13): a misspelt filter value,
    /// a filter the indicator cannot use, a region name where a code is
    /// expected, an unknown code, a malformed industry prefix; each names the
    /// line, the key and what is valid.
    @Test func wrongValuesAreErrorsWithTheValidOnes() throws {
        let good = """
            targets:
              - id: a
                indicator: batch_pass_rate
                filter: {level: [provincial], industry: [C]}
                regions: ["450000"]
                baseline: {year: 2014}
                target: {year: 2020, value: 0.93}
            """
        #expect(error(good) == nil)
        let typo = error(good.replacingOccurrences(of: "[provincial]", with: "[provincal]"))
        #expect(typo?.line == 4 && typo?.key == "targets[a].filter.level")
        #expect(typo?.reason.contains("provincal") == true && typo?.reason.contains("national, provincial, municipal, county") == true)
        let name = error(good.replacingOccurrences(of: "[\"450000\"]", with: "[广西壮族自治区]"))
        #expect(name?.line == 5 && name?.key == "targets[a].regions" && name?.reason.contains("\"450000\"") == true)
        let unknown = error(good.replacingOccurrences(of: "[\"450000\"]", with: "[\"459999\"]"))
        #expect(unknown?.key == "targets[a].regions" && unknown?.reason.contains("unknown region code") == true)
        let single = error(good.replacingOccurrences(of: "regions: [\"450000\"]", with: "region: 南宁市"))
        #expect(single?.key == "targets[a].region" && single?.reason.contains("450100") == true)
        let industry = error(good.replacingOccurrences(of: "industry: [C]", with: "industry: [manufacturing]"))
        #expect(industry?.key == "targets[a].filter.industry" && industry?.line == 4)
        for ok in ["C", "C26", "26", "C2630"] { #expect(PlanFile.isIndustryPrefix(ok), "\(ok)") }
        for bad in ["c", "Z", "2", "C26301", "制造业"] { #expect(!PlanFile.isIndustryPrefix(bad), "\(bad)") }
        let wrongSource = error(good.replacingOccurrences(of: "{level: [provincial], industry: [C]}", with: "{risk_class: [A]}"))
        #expect(wrongSource?.key == "targets[a].filter.risk_class" && wrongSource?.reason.contains("cannot be filtered") == true)
        // Every enum column of the schema that is a breakdown or filter filters batches, with its value ids.
        #expect(error(good.replacingOccurrences(of: "industry: [C]", with: "follow_up: [yes]")) == nil)
        let followUp = error(good.replacingOccurrences(of: "industry: [C]", with: "follow_up: [maybe]"))
        #expect(followUp?.key == "targets[a].filter.follow_up" && followUp?.reason.contains("yes, no") == true)
        // A named indicator of the registry is accepted with the filters of its records.
        #expect(error(good.replacingOccurrences(of: "batch_pass_rate", with: "ecommerce_pass_rate")) == nil)
        let statFilter = error(good.replacingOccurrences(of: "batch_pass_rate", with: "stat:brand_products_new"))
        #expect(statFilter?.key == "targets[a].filter.level")
        // trend_years (0.7) is accepted and said aloud: it no longer changes the projection.
        #expect(error(good + "\n    trend_years: 4") == nil)
        let old = try PlanFile.parse(yaml: good + "\n    trend_years: 4", path: "p.yaml", indicators: IndicatorRegistry.named)
        #expect(old.warnings.count == 1 && old.warnings[0].en.contains("line 8, key targets[a].trend_years: no longer used"))
        #expect(old.warnings[0].zh.contains("第 8 行"))
        #expect(try PlanFile.parse(yaml: good, path: "p.yaml", indicators: IndicatorRegistry.named).warnings.isEmpty)
    }

    /// A statistic the files do not have is an error at the indicator line, listing the names they have.
    @Test func statisticMissingFromTheFilesIsAnError() throws {
        let plan = try PlanFile.parse(yaml: """
            targets:
              - id: brands
                indicator: stat:brand_product
                cumulative: true
                baseline: {year: 2015}
                target: {year: 2020, value: 300}
            """, path: "p.yaml", indicators: IndicatorRegistry.named)
        #expect(plan.targets[0].indicatorLine == 3)
        do {
            try PlanFile.checkStatistics(plan, available: ["brand_products_new", "certification_rate"], files: ["r.csv"], path: "p.yaml")
            Issue.record("accepted a statistic the file does not have")
        } catch IngestError.plan(let path, let line, let key, let reason, let zh) {
            #expect(path == "p.yaml" && line == 3 && key == "targets[brands].indicator")
            #expect(reason.contains("brand_product\"") && reason.contains("brand_products_new, certification_rate") && zh.contains("brand_products_new"))
        }
        try PlanFile.checkStatistics(plan, available: ["brand_product"], files: ["r.csv"], path: "p.yaml")
    }

    @Test func messagesSayLineAndKeyInBothLanguages() {
        let e = IngestError.plan(path: "p.yaml", line: 6, key: "taget", reason: "unknown key", reasonZh: "未知的键")
        #expect(e.message(.en) == "plan file p.yaml: line 6, key taget: unknown key")
        #expect(e.message(.zh) == "规划文件 p.yaml：第 6 行，键 taget：未知的键")
        // Every reason the parser gives exists in both languages.
        do { _ = try PlanFile.parse(yaml: "targets:\n  - id: a\n    indicator: nope\n", path: "p.yaml", indicators: IndicatorRegistry.named) } catch {
            #expect((error as! IngestError).message(.zh).contains("未知指标") && (error as! IngestError).message(.en).contains("unknown indicator"))
        }
    }
}
