import Foundation
import QualityData
import Testing
import _QualityTestSupport
@testable import QualityIngest

@Suite struct MappingTests {
    @Test func chicagoExampleLoadsWithItsMappingFile() throws {
        let mapping = Mapping.builtIn.merged(with: try Mapping.load(path: Fixtures.path("datasets/examples/chicago-food-inspections.yaml")))
        let r = try Fixtures.load(Fixtures.path("datasets/real/chicago-food-inspections-2013-2015.csv"), mapping: mapping)
        let f = r.files[0]
        #expect(f.error == nil)
        #expect(f.accountingCloses)
        #expect(f.emptyLines == 55_682)  // lines of only ",,,,"
        #expect(f.rowsRead == 97_801)
        #expect(f.loaded + f.rejected == 97_801 - 55_682)  // 33,697 pass + 8,422 fail
        #expect(f.rejected == 18 && r.rejects.allSatisfy { $0.reason == .missingValue && $0.column == "region_code" })  // rows without a ZIP code
        #expect(r.table.regions.regions.contains { $0.code == "60827" && $0.level == .other })
        #expect(Set(r.table.year) == [2013, 2014, 2015])
    }

    @Test func malformedMappingNamesTheKeyAndLineInBothLanguages() throws {
        let allowed = "excluded, fail, fail_retest_fail, fail_retest_pass, pass, refused, revoked, unlicensed, untested"
        #expect(throws: IngestError.mapping(path: "<mapping>", line: 3, key: "values.result.Meh", reason: "'maybe' is not one of \(allowed)",
                                            reasonZh: "“maybe”不是 \(allowed) 之一")) {
            _ = try Mapping.parse(yaml: "values:\n  result:\n    Meh: maybe\n")
        }
        do {
            _ = try Mapping.parse(yaml: "name: x\ncolumns:\n  产品类别: TODO\n", path: "m.yaml")
            Issue.record("a TODO left in a mapping must be refused")
        } catch let e as IngestError {
            #expect(e.message(.zh) == "映射文件 m.yaml：第 3 行，键 columns.产品类别：仍是 TODO：请把每一处改为它的含义（见 docs/mapping.md），或删去该行：第 3 行 columns.产品类别")
            #expect(e.message(.en).hasPrefix("mapping file m.yaml: line 3, key columns.产品类别: still TODO"))
        }
        #expect(throws: IngestError.self) { _ = try Mapping.parse(yaml: "columns:\n  zip: not_a_column\n") }
        // Rows as batches and a batch id column at once: refused, naming both.
        #expect(throws: IngestError.self) { _ = try Mapping.parse(yaml: "batch_id: line\ncolumns: {报告编号: batch_id}\n") }
        #expect(throws: IngestError.self) { _ = try Mapping.parse(yaml: "colums: {}\n") }
        #expect(throws: IngestError.self) { _ = try Mapping.parse(yaml: "date_format: [\n") }
    }

    @Test func userValuesAndDefaultsApply() throws {
        let m = Mapping.builtIn.merged(with: try Mapping.parse(yaml: """
            separator: ";"
            date_format: DD.MM.YYYY
            columns: { Kontrolle: batch_id, Datum: sample_date, Ergebnis: result, PLZ: region_code }
            values: { result: { bestanden: pass, "nicht bestanden": fail } }
            defaults: { level: municipal, product_name: Lebensmittel }
            regions: free
            """))
        let path = Fixtures.file("Kontrolle;Datum;Ergebnis;PLZ\nK1;03.04.2019;bestanden;10115\nK2;05.04.2019;nicht bestanden;10115\n")
        let r = try Fixtures.load(path, mapping: m)
        #expect(r.table.count == 2)
        #expect(r.table.day[0] == CivilDate.days(year: 2019, month: 4, day: 3))
        #expect(r.table.outcome == [SamplingOutcome.pass.rawValue, SamplingOutcome.fail.rawValue])
        #expect(r.table.level == [SamplingLevel.municipal.rawValue, SamplingLevel.municipal.rawValue])
    }

    /// A score-based outcome (a hygiene score of 70 or more passes) decided
    /// exactly on the digits as written; an empty or non-numeric score is a
    /// reject with its line and reason. One city's data without a region
    /// column: `regions: free` plus a default region code.
    @Test func scoreRuleAndADefaultRegion() throws {
        let m = Mapping.builtIn.merged(with: try Mapping.parse(yaml: """
            columns: { Inspection ID: batch_id, Date: sample_date, Facility: enterprise_name, Licence: enterprise_code }
            result: { column: Score, pass_if: ">= 70" }
            regions: free
            enterprise_codes: free
            defaults: { level: municipal, product_name: restaurant, region_code: SPRINGFIELD }
            """))
        let path = Fixtures.file("""
            Inspection ID,Date,Score,Facility,Licence
            1,2019-03-01,70,A,L-1
            2,2019-03-02,69.99999999999999999,B,L-2
            3,2019-03-03,85.5,C,L-3
            4,2019-03-04,,D,L-4
            5,2019-03-05,n/a,E,L-5
            6,2019-03-06,070.000,F,L-6

            """)
        let r = try Fixtures.load(path, mapping: m)
        let f = r.files[0]
        #expect(f.loaded == 4 && f.rejected == 2 && f.accountingCloses)
        let pass = SamplingOutcome.pass.rawValue, fail = SamplingOutcome.fail.rawValue
        #expect(r.table.outcome.filter { $0 == pass }.count == 3 && r.table.outcome.filter { $0 == fail }.count == 1)
        #expect(r.rejects.map(\.line) == [5, 6] && r.rejects.map(\.reason) == [.missingValue, .invalidNumber])
        #expect(Set(r.table.region).count == 1 && r.table.regions[r.table.region[0]].code == "SPRINGFIELD")
        // Licence numbers are not credit codes: nothing counted invalid (the built-in reading counts them all).
        #expect(f.invalidCreditCodes == 0)
        var credit = m
        credit.creditCodes = true
        #expect(try Fixtures.load(path, mapping: credit).files[0].invalidCreditCodes == 4)
        // The rule's column must be there.
        let lacking = try Fixtures.load(Fixtures.file("Inspection ID,Date\n1,2019-03-01\n"), mapping: m).files[0]
        #expect(lacking.error.map { "\($0)".contains("score") } == true && lacking.loaded == 0)
        #expect(throws: IngestError.self) { _ = try Mapping.parse(yaml: "result: {column: Score, pass_if: \"about 70\"}\n") }
        #expect(throws: IngestError.self) { _ = try Mapping.parse(yaml: "enterprise_codes: maybe\n") }
    }

    /// Exact decimal comparison against integer arithmetic on scaled values.
    @Test func exactDecimalsCompareAsTheirValues() {
        var rng = SeededRandom(seed: 5)
        for _ in 0..<5_000 {
            let a = Int(rng.below(2_000_001)) - 1_000_000, b = Int(rng.below(2_000_001)) - 1_000_000
            let sa = rng.below(4), sb = rng.below(4)
            func text(_ v: Int, _ scale: Int) -> String {
                if scale == 0 { return String(v) }
                let mag = String(abs(v)), padded = String(repeating: "0", count: max(0, scale + 1 - mag.count)) + mag
                return (v < 0 ? "-" : "") + padded.dropLast(scale) + "." + padded.suffix(scale)
            }
            let x = ExactDecimal(text(a, sa))!, y = ExactDecimal(text(b, sb))!
            let lhs = a * [1, 10, 100, 1000][3 - sa], rhs = b * [1, 10, 100, 1000][3 - sb]  // both at scale 3
            #expect(x.compare(y) == (lhs < rhs ? -1 : (lhs > rhs ? 1 : 0)), "\(text(a, sa)) vs \(text(b, sb))")
        }
        #expect(ExactDecimal("-0.0")!.compare(ExactDecimal("0")!) == 0 && ExactDecimal("1e3") == nil && ExactDecimal(".5")!.compare(ExactDecimal("0.50")!) == 0)
    }
}

/// `qindex mapping`: what the draft proposes for values the built-in names
/// do not know (issue 29, item 6), and TODO where it cannot tell.
@Suite struct MappingDraftTests {
    /// Issue 30, item 6: a control character in a header or value is
    /// written as a YAML escape (\u001B): the draft reads back the same and
    /// never carries a raw ESC to the terminal.
    @Test func controlCharactersAreYAMLEscapes() throws {
        let q = MappingDraft.q("a\u{1B}[2J\"b\\")
        #expect(q == "\"a\\u001B[2J\\\"b\\\\\"")
        let m = try Mapping.parse(yaml: "columns:\n  \(q): batch_id\n")
        #expect(m.headers.keys.contains { $0.unicodeScalars.contains("\u{1B}") }, "\(m.headers)")
    }

    @Test func valuesAreProposedOrLeftTODO() {
        let t = RegionTable.bundled
        func p(_ c: SamplingColumn, _ v: String) -> String? { MappingDraft.propose(c, v, regions: t).0 }
        #expect(p(.result, "不合格（复检合格）") == "fail_retest_pass" && p(.result, "不合格，复检维持") == "fail_retest_fail")
        #expect(p(.result, "拒绝抽样（企业）") == "refused" && p(.result, "无此产品") == nil && p(.result, "停产") == nil)
        #expect(p(.level, "南宁市市场监督管理局") == "municipal" && p(.level, "青秀区市场监督管理局") == "county")
        #expect(p(.level, "广西壮族自治区市场监督管理局") == "provincial" && p(.level, "国家市场监督管理总局") == "national")
        #expect(p(.channel, "网络平台") == "ecommerce" && p(.enterpriseSize, "小微") == "small")
    }

    /// A file without an id column: rows are batches (`batch_id: line`), said in the draft;
    /// a column of credit codes and one of dates are found by their values; a row counter
    /// (序号) is left out, never taken for Excel dates; no encoding is forced.
    @Test func columnsAreFoundByTheirValues() throws {
        var text = "号,单位代码,时间,地市,样品,结果\n"
        for i in 1...200 { text += "\(i),\(i % 2 == 0 ? "91152201078377449P" : "911522010783762860"),2019/3/\(1 + i % 28),南宁市,电线,合格\n" }
        let path = Fixtures.file(text)
        let d = try MappingDraft.draft(paths: [path], encoding: nil, regions: .bundled)
        #expect(d.headers.map { $0.column ?? "TODO" } == ["ignore", "enterprise_code", "sample_date", "city_name", "TODO", "result"])
        #expect(MappingDraft.isDate("43529", DateParser()) && !MappingDraft.isDate("3000", DateParser()))
        #expect(!d.yaml(.zh).contains("\nencoding:"))
        let yaml = d.yaml(.en)
        #expect(yaml.contains("batch_id: line") && yaml.contains("\"样品\": TODO"))
        // With the TODO decided, the draft is a mapping that loads.
        let m = try Mapping.parse(yaml: yaml.replacingOccurrences(of: "\"样品\": TODO", with: "\"样品\": product_name")
            + "defaults: {level: provincial}\n")
        let r = try Fixtures.load(path, mapping: Mapping.builtIn.merged(with: m))
        #expect(r.table.count == 200 && r.rejects.isEmpty, "\(r.files) \(r.rejects)")
    }
}
