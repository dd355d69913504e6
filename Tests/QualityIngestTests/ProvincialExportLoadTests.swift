import Foundation
import QualityData
import Testing
import _QualityTestSupport
@testable import QualityIngest

/// Issue 29: each way a bureau's export differs from the generator's, loaded
/// in-process and checked against what it means (the numbered items of the issue).
@Suite struct ProvincialExportLoadTests {
    static func load(_ text: String, mapping: Mapping = .builtIn, encoding: TextEncoding? = nil, asOf: Int32? = nil,
                     threads: Int = 1, chunk: Int = 8 << 20) throws -> SamplingIngestResult {
        try load(bytes: Array(text.utf8), mapping: mapping, encoding: encoding, asOf: asOf, threads: threads, chunk: chunk)
    }

    static func load(bytes: [UInt8], mapping: Mapping = .builtIn, encoding: TextEncoding? = nil, asOf: Int32? = nil,
                     threads: Int = 1, chunk: Int = 8 << 20) throws -> SamplingIngestResult {
        var o = SamplingIngestOptions()
        o.mapping = mapping
        o.encoding = encoding
        o.threads = threads
        o.chunkSize = chunk
        if let asOf { o.asOf = asOf }
        return try SamplingIngest.load(paths: [Fixtures.file(bytes)], options: o)
    }

    static let code = "91152201078377449P"  // a valid credit code (Tests/Fixtures/uscc-valid-examples.txt)

    // MARK: 1. Normalise before validating

    /// A credit code written in full-width or lower case is the same
    /// enterprise; a full-width industry code is C3831 and passes an industry
    /// filter; names written with ( ) and （ ） are one enterprise; full-width
    /// digits in a date are a date — and each is counted in data_quality.
    @Test func fullWidthAndCaseAreNormalisedAndCounted() throws {
        #expect(CreditCode.isValid(Self.code))
        let fw = String(Self.code.unicodeScalars.map { Character(UnicodeScalar($0.value + 0xFEE0)!) })
        let text = """
            抽样编号,抽样日期,抽查级别,行政区划代码,产品名称,检验结论,统一社会信用代码,企业名称,行业代码
            A1,2019-03-05,省抽,450103,电线,合格,\(Self.code),,C3831
            A2,２０１９/３/６,省抽,450103,电线,合格,\(fw),,Ｃ３８３１
            A3,2019-03-07,省抽,450103,电线,不合格,\(Self.code.lowercased()),,c3831
            A4,2019-03-08,省抽,450103,电线,合格,,南宁某某有限公司（西乡塘分公司）,3831
            A5,2019-03-09,省抽,450103,电线,合格,,南宁某某有限公司(西乡塘分公司),3831

            """
        let r = try Self.load(text)
        #expect(r.table.count == 5 && r.rejects.isEmpty, "\(r.rejects)")
        #expect(r.table.enterprises.count == 2)  // one credit code written three ways, one name written two ways
        #expect(Set((0..<r.table.industries.count).map { r.table.industries.string(UInt32($0)) }) == ["C3831", "3831"])
        #expect(r.files[0].normalised == ["enterprise_code": 2, "industry_code": 2, "sample_date": 1, "enterprise_name": 1])
        #expect(r.files[0].invalidCreditCodes == 0)
    }

    /// The byte-level normaliser equals Foundation's NFKC (then upper case for
    /// codes, full-width parentheses in Chinese text) on random mixes of
    /// ASCII, full-width forms, Chinese, CJK punctuation, kana and
    /// compatibility characters.
    @Test func theNormaliserEqualsFoundationsNFKC() {
        let alphabet = Array("aZ09(),;: -_.#") + Array("ＡｚＣ３８（），；：　＃～") + Array("南宁市有限公司检验合格不、。《》「」") + Array("かがアパ")
            + Array("①②℃™ﬁ㈠㍻¼²Å·…ゟꝰ")
        func reference(_ s: String, _ mode: FieldNormalisation) -> String {
            var t = s.precomposedStringWithCompatibilityMapping
            switch mode {
            case .code: t = String(t.map { $0.isASCII && $0.isLowercase ? Character($0.uppercased()) : $0 })
            case .text:
                if t.unicodeScalars.contains(where: { (0x3400...0x9FFF).contains($0.value) }) {
                    t = t.replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）")
                }
            }
            return t
        }
        var rng = TestRandom(seed: 29)
        for _ in 0..<3000 {
            let s = String((0..<Int.random(in: 1...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            for mode in [FieldNormalisation.code, .text] {
                #expect(FieldNormaliser.normalise(s, mode) == reference(s, mode), "\(s) \(mode)")
            }
        }
        // Nothing to change: the same bytes, no copy.
        #expect(!FieldNormaliser.changes(UnsafeRawBufferPointer(start: nil, count: 0), .text))
    }

    // MARK: 2. The year, said once and checked

    /// 抽查年度 is the year column (2019年 reads as 2019): a 2019 task sampled
    /// in January 2020 is 2019. A date after the run's day is `future_date`,
    /// and so is a year column's year after it.
    @Test func theTaskYearColumnAndFutureDates() throws {
        let text = """
            抽样编号,抽查年度,抽样日期,抽查级别,行政区划代码,产品名称,检验结论
            A1,2019年,2020-01-06,省抽,450103,电线,合格
            A2,2019,2019-05-06,省抽,450103,电线,合格
            A3,2020,2099-06-01,省抽,450103,电线,合格
            A4,2099,2020-06-01,省抽,450103,电线,合格

            """
        let asOf = CivilDate.days(year: 2026, month: 12, day: 7)
        let r = try Self.load(text, asOf: asOf)
        #expect(r.table.year == [2019, 2019])
        #expect(r.files[0].yearColumn)
        #expect(r.rejects.map { "\($0.line) \($0.column) \($0.reason.rawValue) \($0.detail)" }
                == ["4 sample_date future_date > 2026-12-07", "5 year future_date > 2026"])
        #expect(r.files[0].earliestFutureDay == CivilDate.days(year: 2099, month: 6, day: 1))
    }

    // MARK: 3. Product identity

    /// A product code whose batches carry several names (产品类别 mapped as the
    /// product code) is named, with each name's batches, whatever the chunks.
    @Test func aProductCodeWithSeveralNamesIsNamed() throws {
        var lines = ["抽样编号,抽样日期,抽查级别,行政区划代码,产品代码,产品名称,检验结论,不合格项目"]
        for i in 0..<40 { lines.append("B\(i),2019-03-05,省抽,450103,人造板,\(i % 4 == 0 ? "细木工板" : "胶合板"),\(i % 5 == 0 ? "不合格" : "合格"),") }
        lines.append("B1,2019-03-05,省抽,450103,人造板,胶合板,合格,")  // a repeat of one batch: one batch still
        lines.append("C1,2019-03-05,省抽,450103,P0001,电线,合格,")
        let text = lines.joined(separator: "\n") + "\n"
        let want = [ProductCodeNames(code: "人造板", names: [.init(name: "胶合板", batches: 30), .init(name: "细木工板", batches: 10)])]
        #expect(try Self.load(text).table.productCodeNames == want)
        let chunked = try Self.load(text, threads: 2, chunk: 256)
        #expect(chunked.table.productCodeNames == want, "\(chunked.table.productCodeNames) \(chunked.rejects)")
    }

    // MARK: 4. Regions as bureaus write them

    static let regionHeader = "抽样编号,抽样日期,抽查级别,所在市,所在县区,产品名称,检验结论"

    /// City and county in two columns, read within each other: 城中区 beside
    /// 柳州市 (ambiguous alone), 平果县 (renamed 2019) as 平果市, 田阳 by its
    /// specific part, an empty county at its city, a county not in the city
    /// rejected with the city named.
    @Test func cityAndCountyColumnsAreReadWithinEachOther() throws {
        let text = """
            \(Self.regionHeader)
            A1,2019-03-05,省抽,柳州市,城中区,电线,合格
            A2,2019-03-05,省抽,百色市,平果县,电线,合格
            A3,2019-03-05,省抽,百色,田阳,电线,合格
            A4,2019-03-05,省抽,南宁市,,电线,合格
            A5,2019-03-05,省抽,南宁市,平果县,电线,合格

            """
        let r = try Self.load(text)
        let t = r.table
        #expect(t.region.map { t.regions[$0].code }.sorted() == ["450100", "450202", "451003", "451082"])
        #expect(r.rejects.map { "\($0.line) \($0.column) \($0.value) \($0.reason.rawValue) \($0.detail)" }
                == ["6 county_name 平果县 unresolved_region_name 450100 广西壮族自治区南宁市"])
    }

    /// One name column with a name two divisions have: rejected with every
    /// candidate (province, city, county) in the detail.
    @Test func anAmbiguousNameListsItsCandidates() throws {
        let r = try Self.load(Fixtures.sampling(["A1,2019-03-05,省抽,,电线,合格,,x"]).replacingOccurrences(of: "region_code", with: "region_name")
            .replacingOccurrences(of: ",,电线", with: ",城中区,电线"))
        #expect(r.rejects.map(\.reason) == [.ambiguousRegionName])
        #expect(r.rejects.first?.detail == "450202 广西壮族自治区柳州市城中区 | 630103 青海省西宁市城中区")
    }

    /// Two headers a user's mapping maps to one column are an error naming
    /// both; two built-in aliases of one column keep the first and say so.
    @Test func twoHeadersForOneColumnAreNeverDroppedInSilence() throws {
        let text = "抽样编号,抽样日期,抽查级别,所在市,所在县区,产品名称,检验结论\nA1,2019-03-05,省抽,柳州市,城中区,电线,合格\n"
        let user = try Mapping.parse(yaml: "columns: {所在市: region_name, 所在县区: region_name}\n")
        let r = try Self.load(text, mapping: Mapping.builtIn.merged(with: user))
        #expect(r.files[0].error == IngestError.duplicateColumn(path: r.files[0].path, column: "region_name", headers: ["所在市", "所在县区"]))
        #expect(r.files[0].error!.message(.zh).contains("county_name"))
        let twice = try Self.load("抽样编号,受检单位,企业名称,抽样日期,抽查级别,行政区划代码,产品名称,检验结论\nA1,甲,乙,2019-03-05,省抽,450103,电线,合格\n")
        #expect(twice.files[0].duplicateColumns == [DuplicateColumn(column: "enterprise_name", kept: "受检单位", ignored: "企业名称")])
        #expect(twice.table.enterprises.string(0) == "甲")
    }

    // MARK: 9. Encoding errors per row

    /// One invalid byte on line 1,501 of a UTF-8 file rejects that row (its
    /// line and byte), not the file; read as GB18030 a byte that is not
    /// GB18030 does the same; a file whose rows are mostly invalid (the wrong
    /// encoding forced) is refused, naming the first bad line and byte.
    @Test func anInvalidByteRejectsItsRowNotTheFile() throws {
        var bytes = Array((["抽样编号,抽样日期,抽查级别,行政区划代码,产品名称,检验结论"]
            + (1...1999).map { "B\($0),2019-03-05,省抽,450103,电线,合格" }).joined(separator: "\n").utf8) + [0x0A]
        let line1501 = bytes.indices.filter { bytes[$0] == 0x0A }[1499] + 1  // the first byte of line 1,501
        bytes.insert(0xFF, at: line1501 + 6)
        let r = try Self.load(bytes: bytes)
        #expect(r.files[0].encoding == "utf-8" && r.table.count == 1998)
        #expect(r.rejects.map { "\($0.line) \($0.reason.rawValue) \($0.detail)" } == ["1501 invalid_encoding 7"])
        // GB18030: 0xFF is no GB18030 byte.
        var gb = Fixtures.gb18030("抽样编号,抽样日期,抽查级别,行政区划代码,产品名称,检验结论\nA1,2019-03-05,省抽,450103,电线,合格\nA2,2019-03-05,省抽,450103,电")
        gb += [0xFF] + Fixtures.gb18030("线,合格\nA3,2019-03-05,省抽,450103,电线,合格\n")
        let g = try Self.load(bytes: gb, encoding: .gb18030)
        #expect(g.table.count == 2 && g.rejects.map { "\($0.line) \($0.reason.rawValue)" } == ["3 invalid_encoding"])
        // The wrong encoding forced: the header says so at once; with an ASCII header, the
        // invalid rows are not rare, and the file is refused with the first bad line and byte.
        let garbled = try Self.load(bytes: Fixtures.gb18030("抽样编号,抽样日期\nB1,2019-03-05\n"), encoding: .utf8)
        #expect(garbled.files[0].error == .headerEncoding(path: garbled.files[0].path, line: 1, byte: 1, encoding: "utf-8"))
        let wrong = try Self.load(bytes: Fixtures.gb18030((["batch_id,sample_date,level,region_code,product_name,result"]
            + (1...50).map { "B\($0),2019-03-05,省抽,450103,电线,合格" }).joined(separator: "\n") + "\n"), encoding: .utf8)
        guard case .encodingNotRare(_, let n, let of, let line, let byte, _)? = wrong.files[0].error else {
            Issue.record("expected the file refused: \(String(describing: wrong.files[0].error)) \(wrong.rejects.prefix(3)) \(wrong.files[0].rowsRead)"); return
        }
        #expect(n == 50 && of == 50 && line == 2 && byte == 17)  // 省 (CA A1) happens to be UTF-8; 抽 (B3 E9) is not
        #expect(wrong.files[0].error!.message(.zh).contains("第 2 行第 17 字节"))
    }

    /// The header line repeated inside the data is `repeated_header`, not a date error.
    @Test func aRepeatedHeaderLineIsCountedAsSuch() throws {
        let text = "抽样编号,抽样日期,抽查级别,行政区划代码,产品名称,检验结论\nA1,2019-03-05,省抽,450103,电线,合格\n"
            + "抽样编号 ,抽样日期,抽查级别,行政区划代码,产品名称,检验结论\nA2,2019-03-05,省抽,450103,电线,合格\n"
        let r = try Self.load(text)
        #expect(r.table.count == 2 && r.rejects.map { "\($0.line) \($0.reason.rawValue)" } == ["3 repeated_header"])
        #expect(RejectSummary.counted(r.files[0].rejectedByReason) == 0)  // not counted against --max-reject-share
    }

    // MARK: 10. Re-tests as exports give them

    /// A re-test given once per batch, on one of its rows — in the result
    /// (不合格（复检后合格）) or in the re-test column — is the batch's re-test:
    /// one batch, failed first, passed finally; in any chunking. Two
    /// different re-tests of one batch conflict.
    @Test func aRetestOnOneRowIsTheBatchs() throws {
        var lines = ["抽样编号,抽样日期,抽查级别,行政区划代码,产品名称,检验结论,复检结论,不合格项目"]
        lines += ["R1,2019-03-05,省抽,450103,电线,不合格,,标签", "R1,2019-03-05,省抽,450103,电线,不合格（复检后合格）,,导体电阻",
                  "R1,2019-03-05,省抽,450103,电线,不合格,,绝缘"]
        lines += ["R2,2019-03-06,省抽,450103,电线,不合格,,标签", "R2,2019-03-06,省抽,450103,电线,不合格,维持原检验结论,强度"]
        lines += ["R3,2019-03-07,省抽,450103,电线,不合格,合格,标签", "R3,2019-03-07,省抽,450103,电线,不合格,不合格,强度"]
        for i in 0..<30 { lines.append("P\(i),2019-03-08,省抽,450103,电线,合格,,") }
        let text = lines.joined(separator: "\n") + "\n"
        for (threads, chunk) in [(1, 8 << 20), (2, 200)] {
            let r = try Self.load(text, threads: threads, chunk: chunk)
            let t = r.table
            func batch(_ items: Set<String>) -> Int? {
                (0..<t.count).first { Set(t.failedItems(of: $0).map { t.itemNames.string($0) }) == items }
            }
            let r1 = try #require(batch(["标签", "导体电阻", "绝缘"]), "threads \(threads)")
            #expect(t.outcome[r1] == SamplingOutcome.pass.rawValue && t.retestResult[r1] == SamplingOutcome.pass.rawValue)
            let r2 = try #require(batch(["标签", "强度"]))
            #expect(t.outcome[r2] == SamplingOutcome.fail.rawValue && t.retestResult[r2] == SamplingOutcome.fail.rawValue)
            #expect(t.count == 32)  // R3 dropped: its rows give two different re-tests
            #expect(r.rejects.filter { $0.reason == .conflictingResult }.count == 2, "threads \(threads): \(r.rejects)")
        }
    }

    // MARK: review follow-ups

    /// A province column beside the city (被抽样单位所在省份 + 所在市): the
    /// wider name says nothing more and the city is read, not rejected.
    @Test func aProvinceBesideItsCityIsRead() throws {
        let r = try Self.load("抽样编号,抽样日期,抽查级别,被抽样单位所在省份,所在市,产品名称,检验结论\nA1,2019-03-05,省抽,广西壮族自治区,柳州市,电线,合格\n"
            + "A2,2019-03-05,省抽,广西,,电线,合格\n")
        #expect(r.rejects.isEmpty, "\(r.rejects)")
        #expect(r.table.region.map { r.table.regions[$0].code }.sorted() == ["450000", "450200"])
    }

    /// A header the user's mapping names wins over an earlier built-in alias of the same column.
    @Test func theUsersHeaderWinsOverABuiltInAlias() throws {
        let text = "抽样单编号,报告编号,抽样日期,抽查级别,行政区划代码,产品名称,检验结论\nX,R1,2019-03-05,省抽,450103,电线,合格\nX,R2,2019-03-05,省抽,450103,电线,合格\n"
        let r = try Self.load(text, mapping: Mapping.builtIn.merged(with: try Mapping.parse(yaml: "columns: {报告编号: batch_id}\n")))
        #expect(r.table.count == 2 && r.files[0].duplicateColumns == [DuplicateColumn(column: "batch_id", kept: "报告编号", ignored: "抽样单编号")])
    }

    /// A snapshot holds on another day only when no date or year it kept or rejected as future has come since.
    @Test func aSnapshotHoldsAcrossDaysOnlyWhileNothingChanges() {
        var f = FileReport(path: "x")
        f.lastDay = CivilDate.days(year: 2026, month: 12, day: 1)
        f.latestYear = 2026
        f.earliestFutureYear = 2027
        #expect(SamplingSnapshot.validOn(CivilDate.days(year: 2026, month: 12, day: 30), [f]))
        #expect(!SamplingSnapshot.validOn(CivilDate.days(year: 2027, month: 1, day: 2), [f]))  // the 2027 task year is no longer future
        #expect(!SamplingSnapshot.validOn(CivilDate.days(year: 2025, month: 12, day: 31), [f]))  // a kept year would now be future
    }

    /// A UTF-8 byte-order mark says UTF-8, whatever encoding was forced for the other files.
    @Test func aByteOrderMarkWinsOverAForcedEncoding() throws {
        let r = try Self.load(bytes: [0xEF, 0xBB, 0xBF] + Array("抽样编号,抽样日期,抽查级别,行政区划代码,产品名称,检验结论\nA1,2019-03-05,省抽,450103,电线,合格\n".utf8),
                              encoding: .gb18030)
        #expect(r.files[0].encoding == "utf-8" && r.table.count == 1)
    }
}
