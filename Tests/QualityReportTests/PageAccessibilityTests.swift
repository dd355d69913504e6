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

    @Test func longTablesSaySoOnPaper() {
        let rows = (0..<13).map { ["r\($0)", "\($0)"] }
        let html = HTMLReport.table(ReportDocument.DisplayTable(headers: ["a", "b"], numeric: [1], rows: rows), caption: "c", lang: .zh)
        #expect(html.contains("class=\"sortable long\"") && html.contains("纸面仅印前 8 行（共 13 行）"))
        // The print style cuts at the same row (both stylesheets).
        #expect(HTMLReport.css.contains("table.long tbody tr:nth-child(n+\(HTMLReport.printedRows + 1)) { display: none; }"))
        #expect(!HTMLReport.table(ReportDocument.DisplayTable(headers: ["a"], numeric: [], rows: [["x"]]), caption: "c").contains("print-only"))
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
}
