import Foundation
import QualityData
import Testing
import _QualityTestSupport
@testable import QualityIngest

@Suite struct FieldParserTests {
    let jan1 = CivilDate.days(year: 2019, month: 1, day: 1)

    @Test(arguments: ["2019-01-01", "2019/1/1", "2019.1.1", "2019年1月1日", "2019年01月01日", "20190101", "43466",
                      "43466.5", " 2019-01-01 ", "2019-01-01 08:30:00", "2019-01-01T08:30", "2019-1-1"])
    func everyDateForm(_ s: String) {
        #expect(DateParser().parse(s) == .success(jan1))
    }

    @Test func declaredOrders() {
        #expect(DateParser(order: .mdy).parse("11/7/2014") == .success(CivilDate.days(year: 2014, month: 11, day: 7)))
        #expect(DateParser(order: .dmy).parse("11/7/2014") == .success(CivilDate.days(year: 2014, month: 7, day: 11)))
        #expect(DateParser(order: .mdy).parse("05/10/83") == .success(CivilDate.days(year: 1983, month: 5, day: 10)))
        #expect(DateParser(order: .mdy).parse("05/10/19") == .success(CivilDate.days(year: 2019, month: 5, day: 10)))
    }

    @Test func autoOrderOnlyWhenUnambiguous() {
        #expect(DateParser().parse("25/12/2019") == .success(CivilDate.days(year: 2019, month: 12, day: 25)))
        #expect(DateParser().parse("12/25/2019") == .success(CivilDate.days(year: 2019, month: 12, day: 25)))
        #expect(DateParser().parse("11/7/2014") == .failure(.ambiguous))
    }

    @Test(arguments: ["", "2019-13-01", "2019-02-29", "2019-02", "abc", "2019/1/1/1", "1899-12-31", "12"])
    func rejectedDates(_ s: String) {
        guard case .failure = DateParser().parse(s) else { Issue.record("\(s) parsed"); return }
    }

    @Test func excelSerialsAroundTheLeapBug() {
        // Excel day 61 is 1900-03-01 (day 60 is its fictitious 1900-02-29).
        #expect(DateParser().parse("61") == .success(CivilDate.days(year: 1900, month: 3, day: 1)))
        #expect(DateParser().parse("44197") == .success(CivilDate.days(year: 2021, month: 1, day: 1)))
    }

    @Test func civilDateRoundTrips() {
        for d in stride(from: Int32(-30000), to: 60000, by: 37) {
            let (y, m, dd) = CivilDate.civil(d)
            #expect(CivilDate.days(year: y, month: m, day: dd) == d)
        }
        #expect(CivilDate.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDate.iso(CivilDate.days(year: 2020, month: 2, day: 29)) == "2020-02-29")
    }

    @Test func realCreditCodesValidate() throws {
        let codes = try String(contentsOfFile: Fixtures.path("Tests/Fixtures/uscc-valid-examples.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(codes.count == 200)
        for c in codes { #expect(CreditCode.isValid(c), "\(c)") }
        // Changing the check character (or any other) makes it invalid.
        for c in codes.prefix(50) {
            let last = c.last!
            let other = last == "0" ? "1" : "0"
            #expect(!CreditCode.isValid(String(c.dropLast()) + other))
        }
        #expect(!CreditCode.isValid("91450100MA5L0ABCDI"))  // I is not in the alphabet
        #expect(CreditCode.checkCharacter(String(codes[0].prefix(17))) == codes[0].last!)
    }

    @Test func enumValuesInChineseAndEnglish() {
        let m = Mapping.builtIn
        let ids = Dictionary(uniqueKeysWithValues: QualityData.SamplingOutcome.allCases.map { ($0.id, $0.rawValue) })
        let matcher = EnumMatcher(values: m.values[.result]!, ids: ids)
        func match(_ s: String) -> QualityData.SamplingOutcome? {
            var s = s
            return s.withUTF8 { matcher.match(UnsafeRawBufferPointer($0)) }.flatMap(QualityData.SamplingOutcome.init)
        }
        #expect(match("合格") == .pass)
        #expect(match(" P ") == .pass)
        #expect(match("PASS") == .pass)
        #expect(match("不合格") == .fail)
        #expect(match("f") == .fail)
        #expect(match("拒检") == .refused)
        #expect(match("无证无照") == .unlicensed)
        #expect(match("不予检验") == .untested)
        #expect(match("撤销") == .revoked)
        #expect(match("合格?") == nil)
    }

    @Test func trimHandlesNBSPAndIdeographicSpace() {
        let s = Array("\u{00A0}\u{3000} 合格 \u{3000}\u{00A0}".utf8)
        s.withUnsafeBytes { #expect(FieldBytes.string(FieldBytes.trim($0)) == "合格") }
        Array("\u{00A0}".utf8).withUnsafeBytes { #expect(FieldBytes.trim($0).count == 0) }
    }
}
