import Foundation
import QualityData
import QualityIndicators
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
}
