import Foundation
import Testing
@testable import QualityReport

/// Sortable headers reachable by keyboard, with aria-sort (issue 17).
@Suite struct PageAccessibilityTests {
    @Test func sortableHeadersTakeFocusAndSayTheirOrder() {
        let t = ReportDocument.DisplayTable(headers: ["地区", "合格率"], numeric: [1], rows: [["南宁市", "92.9%"], ["柳州市", "89.5%"]])
        let html = HTMLReport.table(t, caption: "c")
        #expect(html.components(separatedBy: "<th scope=\"col\" tabindex=\"0\"").count == 3)
        let script = HTMLReport.sortScript
        #expect(script.contains("\"keydown\"") && script.contains("ev.key === \"Enter\"") && script.contains("ev.key === \" \""))
        #expect(script.contains("setAttribute(\"aria-sort\", asc ? \"ascending\" : \"descending\")"))
        #expect(script.utf8.count < 2048)
    }

    /// Paper keeps the weak places (issue 33): a long table prints its first 5
    /// and last 3 rows and the rows it keeps (the focus region's), marks
    /// where rows were left out, and says so.
    @Test func longTablesSaySoOnPaper() {
        let rows = (0..<13).map { ["r\($0)", "\($0)"] }
        var t = ReportDocument.DisplayTable(headers: ["a", "b"], numeric: [1], rows: rows)
        t.keep = [7]
        let html = HTMLReport.table(t, caption: "c", lang: .zh)
        #expect(html.contains("class=\"sortable long\"") && html.contains("纸面印出首尾及重点地区共 9 行（全表 13 行）"))
        let printed = html.components(separatedBy: "<tr class=\"p\"><th scope=\"row\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(printed == ["r0", "r1", "r2", "r3", "r4", "r7", "r10", "r11", "r12"])
        #expect(html.contains("……（略去 2 行）……") && html.components(separatedBy: "<tr class=\"gap\">").count == 3)
        // The print style hides the other rows; the screen hides the gap rows.
        #expect(HTMLReport.css.contains("table.long tbody tr:not(.p):not(.gap) { display: none; }") && HTMLReport.css.contains("tr.gap { display: none; }"))
        #expect(!HTMLReport.table(ReportDocument.DisplayTable(headers: ["a"], numeric: [], rows: [["x"]]), caption: "c").contains("print-only"))
    }

    /// A chart's CSV download holds numbers (issue 33): percentages without
    /// "%" under a header naming the unit, intervals as two columns, counts
    /// without thousands separators, a Unicode minus as "-".
    @Test func chartDownloadsHoldNumbers() throws {
        let t = ReportDocument.DisplayTable(headers: ["地区", "检验批次", "合格率", "95% 置信区间", "较上年", "漏斗位置"], numeric: [1, 2, 4],
                                            rows: [["南宁市", "1,234", "96.97%", "89.61%–99.17%", "−5.06", "控制限内"], ["钦州市", "39", "84.62%", "—", "+0.40", "—"]])
        let rows = HTMLReport.numericColumns(t, lang: .zh)
        #expect(rows[0] == ["地区", "检验批次", "合格率 (%)", "95% 置信区间 下限 (%)", "95% 置信区间 上限 (%)", "较上年", "漏斗位置"])
        #expect(rows[1] == ["南宁市", "1234", "96.97", "89.61", "99.17", "-5.06", "控制限内"] && rows[2] == ["钦州市", "39", "84.62", "", "", "0.40", "—"])
        for r in rows.dropFirst() { for i in [1, 2, 5] { #expect(Double(r[i]) != nil, "\(r[i])") } }
        // In the page: the figure's data link decodes to the same rows.
        let html = HTMLReport.figure(ReportDocument.Figure(svg: "<svg></svg>", caption: "c", table: t), id: "f1", download: "figure-1.csv", lang: .zh)
        let b64 = try #require(html.components(separatedBy: "base64,").dropFirst().first?.components(separatedBy: "\"").first)
        let text = String(decoding: try #require(Data(base64Encoded: b64)), as: UTF8.self)
        #expect(text.contains("南宁市,1234,96.97,89.61,99.17,-5.06,控制限内\r\n"))
    }

    /// Chinese names on an English page are marked as Chinese; a Chinese page is left as it is.
    @Test func chineseRunsOnEnglishPagesCarryLangZh() {
        #expect(HTMLText.text("广西 <b> rate：92%", lang: .en) == "<span lang=\"zh\">广西</span> &lt;b&gt; rate<span lang=\"zh\">：</span>92%")
        #expect(HTMLText.text("广西 rate", lang: .zh) == "广西 rate")
        #expect(HTMLText.text("plain", lang: .en) == "plain")
    }

    /// Every mark of the funnel, the ranked bars and the tiles takes keyboard
    /// focus and shows its own title as a tooltip (one small script).
    @Test func chartMarksTakeFocusAndShowTheirTitle() {
        let bars = Charts.rankedBars([("A", 0.95, 0.93, 0.97, ""), ("B", 0.90, 0.88, 0.92, "▼")], reference: 0.925, referenceLabel: "all",
                                     title: "t", desc: "d", axisTitle: "rate (%)")
        #expect(bars.components(separatedBy: "<g class=\"mark\" tabindex=\"0\"><title>").count == 3)
        let tiles = Charts.tiles([("A", 0.9, ""), ("B", nil, "")], columns: 2, title: "t", desc: "d", noData: "no data")
        #expect(tiles.components(separatedBy: "<g class=\"mark\" tabindex=\"0\">").count == 3)
        let script = HTMLReport.tipScript
        #expect(script.contains("\"focusin\"") && script.contains("\"mouseover\"") && script.contains("querySelector(\"title\")"))
        #expect(script.contains("e.key === \"Escape\""))
        #expect(script.utf8.count + HTMLReport.sortScript.utf8.count < 3072)  // a few kB of script in all
    }

    /// Every figure: chart / table / download tabs that work without a script
    /// (radio buttons and CSS), the download a data: link whose bytes are the
    /// figure's table as CSV — the page stays one file.
    @Test func figuresHaveChartTableAndDownloadTabs() throws {
        let t = ReportDocument.DisplayTable(headers: ["地区", "合格率"], numeric: [1], rows: [["南宁市", "92.9%"], ["a,b", "1"]])
        let html = HTMLReport.figure(ReportDocument.Figure(svg: "<svg></svg>", caption: "图注", table: t), id: "f7", download: "figure-7.csv", lang: .zh)
        #expect(html.contains("<input type=\"radio\" class=\"tab-chart\" name=\"f7\" id=\"f7-chart\" checked><label for=\"f7-chart\">图</label>"))
        #expect(html.contains("<input type=\"radio\" class=\"tab-table\" name=\"f7\" id=\"f7-table\"><label for=\"f7-table\">数据表</label>"))
        let b64 = try #require(html.firstMatch(of: /href="data:text\/csv;charset=utf-8;base64,([A-Za-z0-9+\/=]+)"/)?.1)
        let csv = try #require(Data(base64Encoded: String(b64)))
        #expect(String(decoding: csv, as: UTF8.self) == "\u{FEFF}地区,合格率\r\n南宁市,92.9%\r\n\"a,b\",1\r\n")
        #expect(html.contains("download=\"figure-7.csv\""))
        // The table panel shows when its tab is checked; on paper only the chart.
        #expect(HTMLReport.css.contains("figure.tabbed > input.tab-table:checked ~ .panel-table { display: block; }"))
        #expect(HTMLReport.css.contains("figure.tabbed > label, figure.tabbed > a.download, figure.tabbed > .panel-table { display: none !important; }"))
    }
}
