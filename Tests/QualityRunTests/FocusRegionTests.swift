import Foundation
import QualityData
import QualityIndicators
@testable import QualityReport
import Testing
import _QualityTestSupport
@testable import QualityRun

/// The first screen is about a focus region (issue 17): the plan's region by
/// default, `--focus` otherwise; its numbers agree with the tables, the
/// headline target's verdict is in words, the city comparison follows.
@Suite struct FocusRegionTests {
    static func run(focus: String? = nil, plan: Bool = true) throws -> (md: String, dir: String) {
        var inputs = RunnerTests.inputs()
        if !plan { inputs.plan = nil; inputs.index = nil }
        var c = ReportConfiguration(inputs: inputs, out: Fixtures.tempDir())
        c.methods.focusRegion = focus
        c.formats = [.csv, .md]
        let outcome = Runner.report(c)
        #expect(outcome.exitCode == 0, "\(outcome.errors)")
        return (try String(contentsOfFile: "\(c.out)/report.md", encoding: .utf8), c.out)
    }

    static func headings(_ md: String) -> [String] {
        md.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
    }

    /// CSV rows as dictionaries (no quoted commas in the columns read here).
    static func rows(_ path: String, separator: String = "\r\n") throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: separator)  // RFC 4180 line ends
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { l in Dictionary(uniqueKeysWithValues: zip(header, l.split(separator: ",", omittingEmptySubsequences: false).map(String.init))) }
    }

    @Test func thePlansRegionComesFirstWithItsNumbersAndVerdict() throws {
        let (md, dir) = try Self.run()
        let h = Self.headings(md)
        #expect(h.first == "重点地区：广西壮族自治区（2020 年）")
        #expect(h.dropFirst().first == "广西壮族自治区 · 各地市合格率（2020）")
        #expect(h.contains("总体情况（全国）"))  // the sample covers every province: national
        // The region's rate and interval, as pass_rate_by_region.csv has them.
        let region = try Self.rows("\(dir)/tables/pass_rate_by_region.csv").first { $0["year"] == "2020" && $0["region_code"] == "450000" }!
        let rate = NumberText.percent(Double(region["pass_rate"]!)!)
        let low = NumberText.percent(Double(region["ci_low"]!)!), high = NumberText.percent(Double(region["ci_high"]!)!)
        #expect(md.contains(": \(rate) — 95% 置信区间 \(low)–\(high)；全国 "), "\(rate) \(low) \(high)")
        // The headline target's gap, from the target row's own counts: (x/n − target) in points.
        let target = try Self.rows("\(dir)/tables/targets.csv").last { $0["target_id"] == "manufacturing-pass-rate" && $0["region_code"] == "450000" && $0["value"] != "" }!
        let x = Double(target["numerator"]!)!, n = Double(target["denominator"]!)!, goal = Double(target["target_value"]!)!
        let gap = String(format: "%.1f", abs(x / n - goal) * 100)
        let inWords = target["status"] == "missed_with_confidence" ? "差距在抽样误差之外" : "差距在抽样误差之内"
        #expect(md.contains("差 \(gap) 个百分点，\(inWords)"), "gap \(gap)")
        // Every target of the region with its verdict, its cities' targets summed up (issue 33), the index's two ends.
        #expect(md.contains("| 本地区的规划目标 | 年度 | 结论 |") && md.contains("| 食品药品抽检合格率 | 2020 | 未达到 ≥ 95.0% 目标"))
        #expect(md.contains("制造业产品监督抽查合格率（地市）：5 个地市中 "))
        #expect(md.contains("质量指数排名（2020 年）：第 1 名 "))
    }

    /// report.md prints every table once (issue 17: the same rows up to five times before).
    @Test func reportMarkdownHasNoTableTwice() throws {
        let (md, _) = try Self.run()
        let lines = md.components(separatedBy: "\n")
        var seen: [String: Int] = [:]
        for (i, l) in lines.enumerated() where l.hasPrefix("| ") {
            let isHeader = i + 1 < lines.count && lines[i + 1].hasPrefix("|---")
            if !isHeader { seen[l, default: 0] += 1 }
        }
        let repeated = seen.filter { $0.value > 1 }
        #expect(repeated.isEmpty, "\(repeated.keys.prefix(3))")
        #expect(md.contains("（图中数据见下表）"))
    }

    @Test func focusOnACityAndNoFocusWithoutAPlan() throws {
        let city = try Self.run(focus: "450300")
        #expect(Self.headings(city.md).first == "重点地区：桂林市（2020 年）")
        let none = try Self.run(plan: false)
        #expect(Self.headings(none.md).first == "总体情况")
        #expect(!none.md.contains("重点地区"))
    }

    /// A city's page: the way up and sideways, and its raw-rate rank named apart from its index rank.
    @Test func regionPagesLinkUpAndSidewaysAndNameBothRanks() throws {
        var c = ReportConfiguration(inputs: RunnerTests.inputs(), out: Fixtures.tempDir())
        c.formats = [.html]
        #expect(Runner.report(c).exitCode == 0)
        let page = try String(contentsOfFile: "\(c.out)/regions/450300.html", encoding: .utf8)
        #expect(page.contains("<a href=\"450000.html\">广西壮族自治区</a> · <a href=\"450200.html\">‹ 柳州市</a> · <a href=\"450400.html\">梧州市 ›</a>"))
        #expect(page.contains("合格率排名（按原始合格率）") && page.contains("质量指数排名（2020 年）"))
    }

    /// The terminal summary says whose rate each line is: the focus region's first, then all the data
    /// (全国: the sample covers every province).
    @Test func theTerminalSummaryNamesItsScope() throws {
        var c = ReportConfiguration(inputs: RunnerTests.inputs(), out: Fixtures.tempDir())
        c.formats = [.csv]
        let text = Runner.report(c).output.joined(separator: "\n")
        let focus = try #require(text.range(of: "广西壮族自治区 2020 年批次合格率 91.91%（95% CI 90.24%–93.31%），检验 1211 批"))
        let all = try #require(text.range(of: "全国 2020 年批次合格率 92.69%"))
        #expect(focus.lowerBound < all.lowerBound)
    }

    @Test func theDefaultFocusIsTheAreaHoldingMostTargets() {
        #expect(FocusSummary.areaPrefix("450000") == "45" && FocusSummary.areaPrefix("450100") == "4501" && FocusSummary.areaPrefix("450102") == "450102")
    }

    /// English pages name regions in pinyin (the Chinese beside it in
    /// tables); the CSV tables keep the names as loaded.
    @Test func englishPagesNameRegionsInPinyin() throws {
        var c = ReportConfiguration(inputs: RunnerTests.inputs(), out: Fixtures.tempDir())
        c.inputs.language = .en
        c.formats = [.csv, .md, .html]
        #expect(Runner.report(c).exitCode == 0)
        let md = try String(contentsOfFile: "\(c.out)/report.md", encoding: .utf8)
        let h = Self.headings(md)
        #expect(h.first == "Focus: Guangxi (2020)")
        #expect(h.dropFirst().first == "Guangxi · Pass rate by city (2020)")
        #expect(md.contains("| 450100 | Nanning (南宁市) |"))
        // No city beyond the funnel's 99.8% limits: none is called out as lowest; the range is said (issue 33).
        #expect(md.contains("Each city compared") && md.contains("None stands out") && md.contains("lowest Qinzhou"))
        // The charts label cities in pinyin only.
        let html = try String(contentsOfFile: "\(c.out)/index.html", encoding: .utf8)
        #expect(html.contains(">Fangchenggang</text>") && !html.contains(">防城港市</text>"))
        // A region page: its title in both, the breadcrumbs in pinyin.
        let page = try String(contentsOfFile: "\(c.out)/regions/450200.html", encoding: .utf8)
        #expect(page.contains("Liuzhou (<span lang=\"zh\">柳州市</span>, 450200)") && page.contains(">Guangxi</a>"))
        // The data keeps the names as loaded.
        let csv = try Self.rows("\(c.out)/tables/pass_rate_by_region.csv")
        #expect(csv.contains { $0["region_code"] == "450100" && $0["region_name"] == "南宁市" })
    }
}
