import Foundation
import QualityData
import QualityIndicators
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualityReport
@testable import QualityRun

/// Issue 29, items 4, 5, 7, 8 and 10 as a user meets them: the terminal,
/// the exit status, the region table, the names of the scope, the workbook
/// and report.md.
@Suite struct RejectsAndScopeTests {
    static let header = "抽样编号,抽样日期,抽查级别,所在市,所在县区,产品名称,检验结论,承检机构,复检结论"

    /// 200 batches in 南宁 and 柳州, and `bad` rows whose result no one knows (无此产品).
    static func export(bad: Int) -> String {
        var lines = [header]
        for i in 0..<200 { lines.append("B\(i),2020-0\(1 + i % 9)-05,省抽,\(i % 2 == 0 ? "南宁市" : "柳州市"),\(i % 2 == 0 ? "青秀区" : "城中区"),电线,\(i % 10 == 0 ? "不合格" : "合格"),\(i % 3 == 0 ? "" : "检测院"),") }
        for i in 0..<bad { lines.append("X\(i),2020-03-05,省抽,南宁市,青秀区,电线,无此产品,,") }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: 5. Say what went wrong, and how to fix it

    /// More rejects than --max-reject-share: the report is written, the
    /// warning and the largest groups with their fixes are printed — also
    /// with --quiet — and the exit status is 3; a larger share allowed, 0.
    @Test func tooManyRejectsWriteTheReportButExitThree() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let file = Fixtures.file(Self.export(bad: 5))
        let dir = Fixtures.tempDir()
        let r = try QIndexBinary.run(["report", file, "--out", "\(dir)/r", "--no-db", "--no-cache", "--quiet", "--format", "csv"])
        #expect(r.status == 3, "\(r.err)")
        #expect(r.out.isEmpty)
        #expect(r.err.contains("拒收 5 行（占读取行数的 2.4%）"), "\(r.err)")
        #expect(r.err.contains("检验结论 列 “无此产品” ×5 取值无法识别 → 在映射文件的 values.result 中写明它的含义"), "\(r.err)")
        #expect(r.err.contains("超过 --max-reject-share 1.0%") && r.err.contains("退出码 3"))
        #expect(FileManager.default.fileExists(atPath: "\(dir)/r/tables/pass_rate_by_year.csv"))
        #expect(try String(contentsOfFile: "\(dir)/r/run.json", encoding: .utf8).contains("\"exit_code\" : 3"))  // run.json says what the process said
        let allowed = try QIndexBinary.run(["report", file, "--out", "\(dir)/r2", "--no-db", "--no-cache", "--format", "csv", "--max-reject-share", "5%", "--lang", "en"])
        #expect(allowed.status == 0 && allowed.err.contains("5 rows rejected (2.4% of the rows read)") && allowed.err.contains("values.result"))
        let bad = try QIndexBinary.run(["report", file, "--out", "\(dir)/r3", "--no-db", "--max-reject-share", "150%"])
        #expect(bad.status == 64 && bad.err.contains("--max-reject-share 150%"))
    }

    /// A file that cannot be read at all: the message says why, never "the
    /// first rejected rows are below" above nothing.
    @Test func nothingLoadedSaysWhy() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let file = Fixtures.file("产品,结论\n电线,合格\n")
        let r = try QIndexBinary.run(["report", file, "--out", "\(Fixtures.tempDir())/r", "--no-db", "--no-cache"])
        #expect(r.status == 1)
        #expect(r.err.contains("文件无法读取或没有数据行") && !r.err.contains("前几条"), "\(r.err)")
        #expect(r.err.contains("--mapping FILE") && r.err.contains("qindex mapping \(file)"))
    }

    // MARK: 3. Product identity

    /// A product code carrying several names (a category mapped as the code):
    /// named on standard error and as a finding in data_quality.csv, with each name's batches.
    @Test func aProductCodeWithSeveralNamesIsSaid() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        var lines = ["抽样编号,抽样日期,抽查级别,行政区划代码,产品代码,产品名称,检验结论"]
        for i in 0..<30 { lines.append("B\(i),2020-03-05,省抽,450103,人造板,\(i < 20 ? "胶合板" : "细木工板"),合格") }
        let dir = Fixtures.tempDir()
        let r = try QIndexBinary.run(["report", Fixtures.file(lines.joined(separator: "\n") + "\n"), "--out", "\(dir)/r", "--no-db", "--no-cache", "--format", "csv"])
        #expect(r.status == 0 && r.err.contains("产品代码 人造板 对应 2 个产品名称：胶合板 20 批、细木工板 10 批"), "\(r.err)")
        let quality = try String(contentsOfFile: "\(dir)/r/tables/data_quality.csv", encoding: .utf8)
        #expect(quality.contains(",finding,") && quality.contains("product_code_names,产品代码 人造板 对应 2 个产品名称"))
    }

    // MARK: 4. --regions adds to the bundled table

    /// A county the bundled table has no name for is rejected with the hint;
    /// a --regions file with that name as an alias places it; the file
    /// replaces the bundled table only with --regions-replace.
    @Test func aRegionsFileAddsNamesAndAliases() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let text = Self.header + "\n" + (0..<50).map { "B\($0),2020-03-05,省抽,南宁市,\($0 < 10 ? "南宁经开区" : "青秀区"),电线,合格,," }.joined(separator: "\n") + "\n"
        let file = Fixtures.file(text)
        let dir = Fixtures.tempDir()
        let without = try QIndexBinary.run(["report", file, "--out", "\(dir)/a", "--no-db", "--no-cache", "--format", "csv"])
        #expect(without.status == 3 && without.err.contains("县区 列 “南宁经开区” ×10 地区名称无法对应到行政区划代码 → 名称不在区划表中（或不在所给的上级地区内）：用 --regions 补充名称或别名"), "\(without.err)")
        let regions = Fixtures.file("code,name,aliases\n450171,南宁经济技术开发区,南宁经开区\n", name: "regions.csv")
        let with = try QIndexBinary.run(["report", file, "--out", "\(dir)/b", "--no-db", "--no-cache", "--format", "csv", "--regions", regions])
        #expect(with.status == 0, "\(with.err)")
        let byRegion = try String(contentsOfFile: "\(dir)/b/tables/pass_rate_by_region.csv", encoding: .utf8)
        #expect(byRegion.contains("2020,450171,南宁经济技术开发区,county,450100,10,10,10"))
        let replaced = try QIndexBinary.run(["report", file, "--out", "\(dir)/c", "--no-db", "--no-cache", "--regions", regions, "--regions-replace"])
        #expect(replaced.status == 64 && replaced.err.contains("没有省级区划"))
    }

    // MARK: 8. Scope named truly

    /// 全国 only for records of every mainland province; one province is
    /// itself; several are "all data (N provinces)"; the English names follow.
    @Test func theScopeIsNamedForWhatTheDataCover() {
        let t = RegionTable.bundled
        let provinces = (0..<Int32(t.count)).filter { t[$0].level == .province }.map { t[$0] }
        #expect(DataScope.name(provinces: provinces.filter { Int($0.code.prefix(2))! <= 65 }).zh == "全国")
        let gx = provinces.first { $0.code == "450000" }!
        #expect(DataScope.name(provinces: [gx]) == Bilingual("广西壮族自治区", "Guangxi"))
        let two = DataScope.name(provinces: Array(provinces.prefix(2)))
        #expect(two.zh == "全部数据（2 个省级地区）" && DataScope.english(two.zh) == "all data (2 provinces)")
        #expect(DataScope.english("全国") == "national" && DataScope.english("广西壮族自治区") == "Guangxi")
    }

    /// A province's export: the terminal names the province (never 全国) and
    /// prints its line once; report.md compares it with no "national" rate.
    @Test func oneProvincesDataAreThatProvince() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let dir = Fixtures.tempDir()
        let r = try QIndexBinary.run(["report", Fixtures.file(Self.export(bad: 0)), "--out", "\(dir)/r", "--no-db", "--no-cache", "--focus", "450000"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.components(separatedBy: "广西壮族自治区 2020 年批次合格率").count == 2 && !r.out.contains("全国"), "\(r.out)")
        let md = try String(contentsOfFile: "\(dir)/r/report.md", encoding: .utf8)
        #expect(!md.contains("全国") && !md.contains("全部地区"))
    }

    /// A target whose target year is a partial year (January stragglers, years
    /// from dates) is not judged on those few batches: the verdict is the
    /// latest complete year's.
    @Test func aTargetIsNotJudgedOnAPartialYear() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        var lines = ["抽样编号,抽样日期,抽查级别,行政区划代码,产品名称,检验结论"]
        for y in [2019, 2020] { for i in 0..<400 { lines.append("B\(y)-\(i),\(y)-0\(1 + i % 9)-05,省抽,450103,电线,\(i % 10 == 0 ? "不合格" : "合格")") } }
        for i in 0..<20 { lines.append("C\(i),2021-01-0\(1 + i % 9),省抽,450103,电线,合格") }  // 20 stragglers, all passing
        let plan = Fixtures.file("""
            plan: {id: p, title: t}
            targets:
              - id: t
                title: t
                indicator: batch_pass_rate
                regions: ["450000"]
                baseline: {year: 2019}
                target: {year: 2021, value: 0.99}
            """, name: "plan.yaml")
        let r = try QIndexBinary.run(["report", Fixtures.file(lines.joined(separator: "\n") + "\n"), "--plan", plan, "--out", "\(Fixtures.tempDir())/r",
                                      "--no-db", "--no-cache", "--format", "csv"])
        #expect(r.status == 0 && r.err.contains("2021 年只有 20 批"), "\(r.err)")
        #expect(r.out.contains("0 项已达成或按期推进，1 项落后或未达成"), "\(r.out)")  // 2020's 90%, not 2021's 20 of 20
    }

    /// County coverage where no inspection could be placed in a county is
    /// unknown (—), not 0% (0/111); a target on it has no data.
    @Test func countyCoverageWithNoCountyPlacedIsUnknown() {
        let t = RegionTable.bundled
        let nanning = t.index(ofCode: "450100")!
        let records = (0..<5).map { i in InspectionRecord(id: "I\(i)", day: CivilDate.days(year: 2020, month: 3, day: 1), year: 2020, region: nanning, enterprise: "E\(i)") }
        let a = InspectionAnalysis.compute(records, regions: t)
        let row = a.byRegion.first { $0.key == "450100" && $0.year == 2020 }
        #expect(row?.inspections == 5 && row?.counties == 12 && row?.countiesInspected == nil && row?.countyCoverage == nil)
    }

    // MARK: 7. Everything in the run's language

    /// The workbook writes enumerated values as people read them (the CSV
    /// keeps the ids), a rate target's values as percentages, and the
    /// family headers' values in words.
    @Test func theWorkbookSpeaksTheRunsLanguage() throws {
        let cells = [["manufacturing", "制造业", "Manufacturing", "batch_pass_rate", "450000", "广西壮族自治区", "2020", "0.919000", "1113", "1211",
                      "0.902400", "0.933100", "2014", "0.913000", "2020", "0.930000", ">=", "", "0.357143", "1.000000", "missed_with_confidence",
                      "no", "", "movement_away", "", "", "", "no"]]
        var t = ReportTable(name: "targets", columns: ReportTables.targets([]).columns, rows: cells, kinds: ["value": .number])
        t.proportionRows = [0]
        t.proportionColumns = ["value", "baseline_value", "target_value", "milestone"]
        let xml = String(decoding: XLSXWriter.sheet(t, lang: .zh), as: UTF8.self)
        #expect(xml.contains("未达成（超出抽样误差）") && xml.contains("偏离目标") && xml.contains(">否<") && !xml.contains("missed_with_confidence"))
        #expect(xml.contains("<c r=\"H2\" s=\"1\"><v>0.919000</v>") && xml.contains("<c r=\"N2\" s=\"1\"><v>0.913000</v>"))  // value, baseline as %
        #expect(xml.contains("批次合格率"))  // the indicator by its name
        #expect(ReportColumns.header("outcome_compliant", kind: .count, lang: .zh) == "检查结果：合格")
        #expect(ReportColumns.header("rejected_future_date", kind: .count, lang: .en) == "Rejected: future date")
        #expect(t.csv().contains("missed_with_confidence"))  // the CSV keeps the ids
    }

    /// report.md is plain Markdown: `<0.001` and `p < 0.01` as written, no
    /// HTML entities; a sentence without its number is not written around a dash.
    @Test func reportMarkdownIsPlainText() {
        #expect(MarkdownText.escape("<0.001") == "<0.001" && MarkdownText.escape("p < 0.01") == "p < 0.01")
        #expect(MarkdownText.escape("<b>x</b> & &amp; a_b") == "\\<b>x\\</b> & \\&amp; a\\_b")
        let s = ReportStrings.followUpSentence(year: 2019, failed: 307, resampled: 216, share: "70.4%", followRate: nil)
        #expect(s.zh == "2019 年有不合格批次的 307 家企业中，216 家（70.4%）在首次不合格后 12 个月内被再次抽查。")
        #expect(!s.en.contains("—"))
    }

    // MARK: 10. Re-tests of batches without an agency

    /// The agency table counts the re-tests of batches without an agency
    /// under the empty key, like any other agency.
    @Test func retestsWithoutAnAgencyAreCounted() throws {
        var lines = [Self.header]
        for i in 0..<20 { lines.append("R\(i),2020-03-05,省抽,南宁市,青秀区,电线,不合格,\(i < 10 ? "" : "检测院"),\(i % 2 == 0 ? "合格" : "")") }
        let load = try Fixtures.load(Fixtures.file(lines.joined(separator: "\n") + "\n"))
        let retests = Retests.indicator.compute(load.table, options: AnalysisOptions()).rows.filter { $0.scope == "agency" }
        #expect(retests.map { "\($0.key) \($0.counts)" } == [" [10, 5, 5]", "检测院 [10, 5, 5]"])
    }
}
