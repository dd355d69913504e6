import Foundation
import QualityRun
import QualityStore
import Testing
import _QualityTestSupport

/// Issue 31, addition (a) end to end, on bureau-style files (Chinese
/// headers, one file a year): the labelling-failure share is kept in the
/// history, a city's and a county's plan target read its earlier year from
/// there, the dashboard shows it; and the sampling agencies' breakdown has
/// its workbook sheet. Every count below is counted by hand from the rows.
@Suite(.serialized) struct GroupedIndicatorRunTests {
    static let header = "抽样编号,抽样日期,抽查级别,行政区划代码,受检单位名称,产品代码,产品名称,检验结论,不合格项目,承检机构,抽样机构,任务编号\n"

    /// 2019: 南宁 (青秀区 450103) 4 tested, 1 failing 标签; 柳州 (鱼峰区 450203) 2 tested, none; a refused batch not counted.
    static let y2019 = header + """
    A1,2019-03-01,省抽,450103,甲公司,P01,电线,合格,,检验院A,南宁市市场监督管理局,桂市监函〔2019〕1号
    A2,2019-03-02,省抽,450103,乙公司,P01,电线,不合格,标签,检验院A,南宁市市场监督管理局,桂市监函〔2019〕1号
    A3,2019-03-03,省抽,450103,丙公司,P01,电线,不合格,导体电阻,检验院A,南宁市市场监督管理局,桂市监函〔2019〕1号
    A4,2019-03-04,省抽,450103,丁公司,P01,电线,合格,,检验院A,南宁市市场监督管理局,桂市监函〔2019〕1号
    A5,2019-03-05,省抽,450203,戊公司,P02,大米,合格,,检验院B,柳州市市场监督管理局,桂市监函〔2019〕2号
    A6,2019-03-06,省抽,450203,己公司,P02,大米,合格,,检验院B,柳州市市场监督管理局,桂市监函〔2019〕2号
    A7,2019-03-07,省抽,450203,庚公司,P02,大米,拒检,,检验院B,柳州市市场监督管理局,桂市监函〔2019〕2号

    """

    /// 2020: 南宁 5 tested, 2 failing a labelling item (标识; 标签 with 铅 — a batch, once); 柳州 1 tested, failing 铅 only.
    static let y2020 = header + """
    B1,2020-03-01,省抽,450103,甲公司,P01,电线,不合格,标识,检验院A,南宁市市场监督管理局,桂市监函〔2020〕1号
    B2,2020-03-02,省抽,450103,乙公司,P01,电线,不合格,标签;铅,检验院A,南宁市市场监督管理局,桂市监函〔2020〕1号
    B3,2020-03-03,省抽,450103,丙公司,P01,电线,合格,,检验院A,,桂市监函〔2020〕1号
    B4,2020-03-04,省抽,450103,丁公司,P01,电线,合格,,检验院A,南宁市市场监督管理局,桂市监函〔2020〕1号
    B5,2020-03-05,省抽,450103,辛公司,P01,电线,合格,,检验院A,南宁市市场监督管理局,桂市监函〔2020〕1号
    B6,2020-03-06,省抽,450203,戊公司,P02,大米,不合格,铅,检验院B,柳州市市场监督管理局,桂市监函〔2020〕2号

    """

    static let plan = """
    plan: {id: labelling, title: {zh: 标签标识, en: Labelling}}
    targets:
      - id: labelling
        title: {zh: 标签标识不合格批次占比, en: Labelling failure share}
        indicator: labelling_failure_share
        regions: ["450100", "450103", "450200"]
        baseline: {year: 2019}
        target: {year: 2020, value: 0.2}
        direction: "<="

    """

    static func rows(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\u{FEFF}", with: "")
            .split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    @Test func aCityTargetOnTheLabellingShareReadsItsBaselineFromTheHistory() throws {
        let dir = Fixtures.tempDir("grouped-run")
        let db = "\(dir)/q.sqlite"
        var first = InputConfiguration()
        first.files = [Fixtures.file(Self.y2019, name: "2019.csv")]
        first.database = db
        #expect(Runner.report(ReportConfiguration(inputs: first, out: "\(dir)/r2019")).exitCode == 0)

        var second = InputConfiguration()
        second.files = [Fixtures.file(Self.y2020, name: "2020.csv")]
        second.plan = Fixtures.file(Self.plan, name: "plan.yaml")
        second.database = db
        let r = Runner.report(ReportConfiguration(inputs: second, out: "\(dir)/r2020"))
        #expect(r.exitCode == 0, "\(r.errors)")

        // The targets: 2019 borrowed from run 1 (南宁 1 of 4, 青秀区 the same, 柳州 0 of 2), 2020 from this run's records.
        let targets = try Self.rows("\(dir)/r2020/tables/targets.csv")
        func row(_ code: String, _ year: Int) -> [String: String]? { targets.first { $0["region_code"] == code && $0["year"] == String(year) } }
        for (code, x, n) in [("450100", 1, 4), ("450103", 1, 4), ("450200", 0, 2)] {
            let r = row(code, 2019)
            #expect(r?["numerator"] == String(x) && r?["denominator"] == String(n) && r?["value_from_run"] == "1", "\(code) 2019: \(String(describing: r))")
        }
        for (code, x, n, status) in [("450100", 2, 5, "missed"), ("450103", 2, 5, "missed"), ("450200", 0, 1, "achieved")] {
            let r = row(code, 2020)
            #expect(r?["numerator"] == String(x) && r?["denominator"] == String(n) && r?["value_from_run"] == "" && r?["status"] == status,
                    "\(code) 2020: \(String(describing: r))")
        }
        // The history: both shares by region at the key `qindex history` reads (safety: 铅 is a heavy metal, B2 and B6 in 2020).
        let store = try Store(path: db)
        let labelling = try store.history(indicator: "labelling_failure_share", dimension: "region", key: "450100")
        #expect(labelling.map { "\($0.year):\($0.numerator ?? -1)/\($0.denominator ?? -1)" } == ["2019:1/4", "2020:2/5"], "\(labelling)")
        let safety = try store.history(indicator: "safety_failure_share", dimension: "region", key: "450000")
        #expect(safety.map { "\($0.year):\($0.numerator ?? -1)/\($0.denominator ?? -1)" } == ["2019:0/6", "2020:2/6"], "\(safety)")

        // The dashboard's section: this run's year; all batches, the focus region (the plan's first, 南宁市) and its county.
        let md = try String(contentsOfFile: "\(dir)/r2020/report.md", encoding: .utf8)
        // Its title names the year and, under a focus region, the scope: "（2020，广西壮族自治区）".
        #expect(md.contains("## 标签标识不合格批次占比（2020，广西壮族自治区）"))
        let section = md.components(separatedBy: "## 标签标识不合格批次占比（2020").dropFirst().first?.components(separatedBy: "\n## ").first ?? ""
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| 代码") }.map {
            $0.split(separator: "|", omittingEmptySubsequences: false).dropFirst().prefix(5).map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(rows == [["", "广西壮族自治区", "6", "2", "33.33%"], ["450100", "南宁市", "5", "2", "40.00%"], ["450103", "青秀区", "5", "2", "40.00%"]],
                "\(section)")
        // The workbook's sheet for the new breakdown, named from its column's label.
        let workbook = try Subprocess.run("/usr/bin/python3", ["-c", "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('xl/workbook.xml').decode())",
                                                               "\(dir)/r2020/tables.xlsx"])
        #expect(workbook.out.contains("name=\"按抽样机构\""), "\(workbook.out.prefix(2000))")
        let samplers = try Self.rows("\(dir)/r2020/tables/pass_rate_by_sampling_agency.csv").map { "\($0["sampling_agency"]!):\($0["batches_tested"]!):\($0["passed"]!)" }
        #expect(samplers == ["南宁市市场监督管理局:4:2", "柳州市市场监督管理局:1:0", ":1:1"], "\(samplers)")
    }
}
