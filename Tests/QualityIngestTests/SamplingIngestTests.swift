import Foundation
import QualityData
import Testing
import _QualityTestSupport
@testable import QualityIngest

@Suite struct SamplingIngestTests {
    @Test func continuationRowsMergeAndItemsUnion() throws {
        let path = Fixtures.file(Fixtures.sampling([
            "B1,2019-03-01,省抽,450102,电线电缆,不合格,导体电阻,甲公司",
            "B1,2019-03-01,省抽,450102,电线电缆,不合格,绝缘电阻,甲公司",
            "B1,2019-03-01,省抽,450102,电线电缆,不合格,导体电阻；标志,甲公司",
            "B2,2019-03-02,省抽,450102,电线电缆,合格,,乙公司",
            "B2,2019-03-02,省抽,450102,电线电缆,合格,,乙公司",
        ]))
        let r = try Fixtures.load(path)
        let f = r.files[0]
        #expect(r.table.count == 2)
        #expect(f.rowsRead == 5 && f.loaded == 2 && f.merged == 3 && f.duplicates == 1 && f.rejected == 0)
        #expect(f.accountingCloses)
        let items = r.table.failedItems(of: 0).map { r.table.itemNames.string($0) }
        #expect(items == ["导体电阻", "绝缘电阻", "标志"])
    }

    @Test func conflictingResultsRejectTheWholeBatch() throws {
        let path = Fixtures.file(Fixtures.sampling([
            "B1,2019-03-01,省抽,450102,电线电缆,不合格,导体电阻,甲",
            "B1,2019-03-01,省抽,450102,电线电缆,合格,,甲",
            "B2,2019-03-01,省抽,450102,电线电缆,合格,,乙",
        ]))
        let r = try Fixtures.load(path)
        #expect(r.table.count == 1)
        let f = r.files[0]
        #expect(f.loaded == 1 && f.rejected == 2 && f.rowsRead == 3)
        #expect(f.accountingCloses)
        #expect(r.rejects.map(\.line) == [2, 3])
        #expect(r.rejects.allSatisfy { $0.reason == .conflictingResult })
    }

    @Test func nonAdjacentRowsOfABatchMergeInFileOrder() throws {
        let path = Fixtures.file(Fixtures.sampling([
            "B1,2019-03-01,省抽,450102,电线电缆,不合格,导体电阻,甲",   // 2
            "B2,2019-03-01,省抽,450102,电线电缆,合格,,乙",             // 3
            "B1,2019-03-01,省抽,450102,电线电缆,不合格,绝缘电阻,甲",   // 4: continuation of line 2
            "B3,2019-03-01,省抽,450102,电线电缆,合格,,丙",             // 5
            "B2,2019-03-01,省抽,450102,电线电缆,合格,,乙",             // 6: duplicate of line 3
            "B3,2019-03-01,省抽,450102,电线电缆,不合格,x,丙",          // 7: conflicts with line 5
            "B4,2019-03-01,省抽,450102,电线电缆,合格,,丁",             // 8
        ]))
        let r = try Fixtures.load(path)
        let f = r.files[0]
        #expect(r.table.count == 3)  // B1, B2, B4; B3 dropped
        #expect(f.rowsRead == 7 && f.loaded == 3 && f.merged == 2 && f.duplicates == 1 && f.rejected == 2)
        #expect(f.accountingCloses)
        #expect(r.rejects.map(\.line) == [5, 7])
        #expect(r.rejects[1].detail.hasSuffix("line 5"))
        #expect(r.table.failedItems(of: 0).map { r.table.itemNames.string($0) } == ["导体电阻", "绝缘电阻"])
    }

    @Test func excludedOutcomesAreSampledNotTested() throws {
        let path = Fixtures.file(Fixtures.sampling([
            "B1,2019-03-01,省抽,450102,电线电缆,合格,,甲", "B2,2019-03-01,省抽,450102,电线电缆,拒检,,乙",
            "B3,2019-03-01,省抽,450102,电线电缆,无证无照,,丙", "B4,2019-03-01,省抽,450102,电线电缆,不合格,x,丁",
        ]))
        let t = try Fixtures.load(path).table
        #expect(t.outcome.map { SamplingOutcome(rawValue: $0)! } == [.pass, .refused, .unlicensed, .fail])
        #expect(t.outcome.filter { SamplingOutcome(rawValue: $0)!.isTested }.count == 2)
    }

    @Test func everyBadRowIsRejectedWithItsReasonAndAccountingCloses() throws {
        let path = Fixtures.file(Fixtures.sampling([
            "B1,2019-03-01,省抽,450102,电线电缆,合格,,甲",       // ok (line 2)
            "",                                                   // empty (3)
            ",,,,,,,",                                            // separators only (4)
            "B2,2019-02-30,省抽,450102,电线电缆,合格,,甲",       // invalid date (5)
            "B3,2019-03-01,某级,450102,电线电缆,合格,,甲",       // unknown level (6)
            "B4,2019-03-01,省抽,999999,电线电缆,合格,,甲",       // unknown region (7)
            "B5,2019-03-01,省抽,450102,电线电缆,,,甲",           // missing result (8)
            ",2019-03-01,省抽,450102,电线电缆,合格,,甲",         // missing batch id (9)
            "\"B6\"x,2019-03-01,省抽,450102,电线电缆,合格,,甲",  // text after quote (10)
            "B7,11/7/2014,省抽,450102,电线电缆,合格,,甲",        // ambiguous date (11)
            "B8,2019-03-01,省抽,450102,电线电缆,合格,,甲,多余",  // extra field (12)
            "B9,2019-03-01,省抽,450102,电线电缆,合格,,甲,,",     // trailing empty fields: fine (13)
        ]))
        let r = try Fixtures.load(path)
        let f = r.files[0]
        #expect(f.rowsRead == 12)
        #expect(f.loaded == 2 && f.emptyLines == 2 && f.rejected == 8)
        #expect(f.accountingCloses)
        #expect(r.rejects.map(\.line) == [5, 6, 7, 8, 9, 10, 11, 12])
        #expect(r.rejects.map(\.reason) == [.invalidDate, .unknownValue, .unknownRegionCode, .missingValue, .missingValue, .textAfterQuote, .ambiguousDate, .extraFields])
        #expect(r.rejects[7].value == "多余")
        #expect(r.rejects[0].column == "sample_date" && r.rejects[0].value == "2019-02-30")
        #expect(r.rejects[2].value == "999999")
    }

    @Test func regionsByNameCodeAndRollUp() throws {
        let text = "抽样编号,抽样日期,抽查级别,所属地市,行政区划代码,产品名称,检验结论\n"
            + "A,2019-01-01,国抽,南宁市,,电线电缆,合格\n"
            + "B,2019-01-01,国抽,广西,,电线电缆,合格\n"
            + "C,2019-01-01,国抽,朝阳区,,电线电缆,合格\n"      // ambiguous (北京, 长春)
            + "D,2019-01-01,国抽,不存在市,,电线电缆,合格\n"
            + "E,2019-01-01,国抽,,4501,电线电缆,合格\n"         // NBS short code
            + "F,2019-01-01,国抽,,110101,电线电缆,合格\n"       // 东城区 → 北京市 (no city code)
        let r = try Fixtures.load(Fixtures.file(text))
        let regions = r.table.regions
        #expect(r.table.region.map { regions[$0].code } == ["450100", "450000", "450100", "110101"])
        #expect(r.rejects.map(\.reason) == [.ambiguousRegionName, .unresolvedRegionName])
        #expect(r.files[0].unresolvedRegionNames == 2)
        let dongcheng = regions.index(ofCode: "110101")!
        #expect(regions.ancestry(dongcheng).map { regions[$0].code } == ["110101", "110000", "000000"])
    }

    @Test func missingRequiredColumnNamesTheHeader() throws {
        let path = Fixtures.file("抽样编号,抽样日期,产品名称\nA,2019-01-01,x\n")
        let r = try Fixtures.load(path)
        #expect(r.files[0].error == IngestError.missingColumns(path: path, missing: ["level", "result", "region_code|region_name"],
                                                               found: ["抽样编号", "抽样日期", "产品名称"]))
        #expect(r.files[0].error!.message(.en).contains("the header lacks required column(s) level, result"))
        // The way out is named: the mapping option and the command that drafts one.
        #expect(r.files[0].error!.message(.en).contains("--mapping FILE") && r.files[0].error!.message(.zh).contains("qindex mapping \(path)"))
        #expect(r.table.count == 0)
    }

    @Test func aBrokenFileDoesNotStopTheOthers() throws {
        let good = Fixtures.file(Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,合格,,甲"]))
        let gz = Fixtures.gzip(Array(Fixtures.sampling((0..<500).map { "X\($0),2019-03-01,省抽,450102,电线电缆,合格,,甲" }).utf8))
        let cut = Fixtures.file(Array(gz.prefix(gz.count - 10)), name: "cut.csv.gz")
        let r = try SamplingIngest.load(paths: [good, cut])
        #expect(r.table.count == 1)
        #expect(r.failures.count == 1)
        #expect(r.files[1].error?.message(.en).contains("truncated") == true)
        var strict = SamplingIngestOptions()
        strict.strict = true
        #expect(throws: IngestError.self) { _ = try SamplingIngest.load(paths: [good, cut], options: strict) }
    }

    @Test func gb18030FileLoadsLikeItsUTF8Twin() throws {
        let text = "抽样编号,抽样日期,抽查级别,行政区划代码,产品名称,检验结论,不合格项目,受检单位名称\n"
            + (0..<300).map { "G\($0),2019年3月\($0 % 28 + 1)日,省抽,450102,电线电缆,\($0 % 7 == 0 ? "不合格" : "合格"),导体电阻,南宁华盛电器有限公司" }.joined(separator: "\n")
        let a = try Fixtures.load(Fixtures.file(text))
        let b = try Fixtures.load(Fixtures.file(Fixtures.gb18030(text)))
        #expect(b.files[0].encoding == "gb18030")
        #expect(a.table.outcome == b.table.outcome && a.table.day == b.table.day)
        #expect(b.table.enterprises.string(0) == "南宁华盛电器有限公司")
    }

    @Test func gb18030LoadsWhenForcedToo() throws {
        var o = SamplingIngestOptions()
        o.encoding = .gb18030
        let text = Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,合格,,甲"])
        let r = try SamplingIngest.load(paths: [Fixtures.file(Fixtures.gb18030(text))], options: o)
        #expect(r.table.count == 1)
    }

    @Test func batchesContinuingAcrossFilesMerge() throws {
        let a = Fixtures.file(Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,不合格,导体电阻,甲"]))
        let b = Fixtures.file(Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,不合格,绝缘电阻,甲", "B2,2019-03-01,省抽,450102,电线电缆,合格,,乙"]))
        let r = try SamplingIngest.load(paths: [a, b])
        #expect(r.table.count == 2)
        #expect(r.files[1].loaded == 1 && r.files[1].merged == 1 && r.files[1].accountingCloses)
        #expect(r.table.failedItems(of: 0).count == 2)
    }

    @Test func invalidCreditCodesAreFlaggedNotRejected() throws {
        let text = "batch_id,sample_date,level,region_code,product_name,result,enterprise_code\n"
            + "A,2019-01-01,national,450100,x,pass,91350100M000100Y43\nB,2019-01-01,national,450100,x,pass,91350100M000100Y44\n"
        let r = try Fixtures.load(Fixtures.file(text))
        #expect(r.table.count == 2)
        #expect(r.files[0].invalidCreditCodes == 1)
    }
}
