import Foundation
import QualityData
@testable import QualityIndicators
import Testing
import _QualityTestSupport
@testable import QualityReport

/// No list is cut silently (issue 17): a list longer than its place on the
/// page says how many rows it leaves out and links the table that has them all.
@Suite struct ReportListsTests {
    /// 23 enterprises that each fail twice: the repeat-failures list shows 15.
    static func document(lang: Language) throws -> ReportDocument {
        var lines: [String] = []
        for e in 0..<23 {
            for k in 0..<3 {
                lines.append("E\(e)-\(k),2019-0\(1 + k)-01,provincial,450102,童车,\(k < 2 ? "fail" : "pass"),企业\(e)")
            }
        }
        let text = "batch_id,sample_date,level,region_code,product_name,result,enterprise_name\n" + lines.joined(separator: "\n") + "\n"
        let load = try Fixtures.load(Fixtures.file(text))
        return ReportDocument(analysis: Analysis.compute(load.table), load: load.accounting, lang: lang)
    }

    @Test func aCutListSaysHowManyMoreAndWhereTheyAre() throws {
        let doc = try Self.document(lang: .zh)
        let blocks = doc.sections.flatMap(\.blocks)
        var cut: [(Int, String)] = []
        for b in blocks { if case .more(let n, let file) = b { cut.append((n, file)) } }
        #expect(cut.contains { $0 == (8, "repeat_failures.csv") }, "\(cut)")
        let md = doc.markdown()
        #expect(md.contains("另有 8 行未列出，完整列表见 [tables/repeat\\_failures.csv](tables/repeat_failures.csv)")
                || md.contains("另有 8 行未列出，完整列表见 [tables/repeat_failures.csv](tables/repeat_failures.csv)"))
        let html = HTMLReport.render(doc)
        #expect(html.contains("<p class=\"more\">另有 8 行未列出，完整列表见 <a href=\"tables/repeat_failures.csv\">tables/repeat_failures.csv</a></p>"))
        // On a region page the link climbs out of regions/.
        #expect(HTMLReport.render(doc, home: "../index.html").contains("href=\"../tables/repeat_failures.csv\""))
    }

    @Test func aListThatFitsHasNoMoreLine() throws {
        let rows = Array(0..<15)
        let blocks = ReportDocument.listed(rows, limit: 15, file: "x.csv") { ReportDocument.DisplayTable(headers: ["n"], numeric: [0], rows: $0.map { [String($0)] }) }
        #expect(blocks.count == 1)
        let cut = ReportDocument.listed(rows + [15], limit: 15, file: "x.csv") { ReportDocument.DisplayTable(headers: ["n"], numeric: [0], rows: $0.map { [String($0)] }) }
        guard cut.count == 2, case .table(let t) = cut[0], case .more(let n, let file) = cut[1] else { Issue.record("\(cut)"); return }
        #expect(t.rows.count == 15 && n == 1 && file == "x.csv")
    }

    /// "Significantly below the parent" lists the focus region's peers and
    /// its own cities, strongest evidence first — not counties, not other
    /// provinces' cities; without a focus, the provinces.
    @Test func belowParentListsTheFocusLevelByEvidence() {
        func row(_ key: String, _ level: String, _ parent: String, p: Double, diff: Double) -> PassRateRow {
            var r = PassRateRow(year: 2020, key: key, label: key, regionLevel: level, parentKey: parent, counts: RateCounts())
            r.parentP = p; r.diffPPvsParent = diff
            return r
        }
        let below = [row("450000", "province", "000000", p: 0.004, diff: -0.8), row("440000", "province", "000000", p: 0.0001, diff: -0.5),
                     row("450200", "city", "450000", p: 0.002, diff: -3), row("450100", "city", "450000", p: 0.002, diff: -4),
                     row("440100", "city", "440000", p: 0.0001, diff: -6), row("450102", "county", "450100", p: 0.0001, diff: -9)]
        let focus = row("450000", "province", "000000", p: 0.004, diff: -0.8)
        #expect(ReportDocument.belowParentListed(below, focus: focus).map(\.key) == ["440000", "450100", "450200", "450000"])
        #expect(ReportDocument.belowParentListed(below, focus: nil).map(\.key) == ["440000", "450000"])
        let city = row("450100", "city", "450000", p: 0.002, diff: -4)
        #expect(ReportDocument.belowParentListed(below, focus: city).map(\.key) == ["450102", "450100", "450200"])
    }
}
