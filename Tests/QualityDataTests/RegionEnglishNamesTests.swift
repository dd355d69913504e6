import Foundation
import Testing
import _QualityTestSupport
@testable import QualityData

/// English region names (issue 17): the bundled romanisation covers the
/// whole GB/T 2260 table, and the names a reader knows are spelled as the
/// NBS's English statistical yearbooks and the cities themselves spell them.
@Suite struct RegionEnglishNamesTests {
    @Test func embeddedTableEqualsTheDatasetFile() throws {
        let file = try String(contentsOfFile: Fixtures.path("datasets/reference/gb2260-pinyin-2023.tsv"), encoding: .utf8)
        #expect(embeddedGB2260PinyinTSV == file.trimmingCharacters(in: .newlines), "run scripts/embed-reference.sh")
    }

    @Test func everyBundledRegionHasAnEnglishName() {
        let t = RegionTable.bundled, n = RegionEnglishNames.bundled
        let missing = t.regions.dropFirst().filter { n.english(code: $0.code, name: $0.name) == nil }
        #expect(missing.isEmpty, "\(missing.prefix(5).map(\.name))")
        // Letters, spaces, apostrophes and ü only: no tone marks, no Chinese left over.
        let odd = t.regions.dropFirst().compactMap { n.english(code: $0.code, name: $0.name) }
            .filter { !$0.allSatisfy { $0.isASCII && ($0.isLetter || $0 == " " || $0 == "'") || $0 == "ü" } }
        #expect(odd.isEmpty, "\(odd.prefix(5))")
    }

    /// Spellings as published (NBS China Statistical Yearbook, English
    /// edition; the cities' own English names) — including the readings a
    /// plain pinyin converter gets wrong.
    @Test(arguments: [
        ("450000", "广西壮族自治区", "Guangxi"), ("450100", "南宁市", "Nanning"), ("450200", "柳州市", "Liuzhou"),
        ("450600", "防城港市", "Fangchenggang"), ("451000", "百色市", "Baise"), ("451400", "崇左市", "Chongzuo"),
        ("610000", "陕西省", "Shaanxi"), ("140000", "山西省", "Shanxi"), ("150000", "内蒙古自治区", "Inner Mongolia"),
        ("610100", "西安市", "Xi'an"), ("341500", "六安市", "Lu'an"), ("350200", "厦门市", "Xiamen"),
        ("500000", "重庆市", "Chongqing"), ("140400", "长治市", "Changzhi"), ("140428", "长子县", "Zhangzi County"),
        ("310112", "闵行区", "Minhang District"), ("210212", "旅顺口区", "Lüshunkou District"), ("440113", "番禺区", "Panyu District"),
        ("450405", "长洲区", "Changzhou District"), ("422800", "恩施土家族苗族自治州", "Enshi Prefecture"),
        ("450110", "武鸣区", "Wuming District"), ("450181", "横州市", "Hengzhou City"), ("451082", "平果市", "Pingguo City"), ("330382", "乐清市", "Yueqing City"),
    ])
    func publishedSpellings(code: String, zh: String, en: String) {
        #expect(RegionEnglishNames.bundled.english(code: code, name: zh) == en)
    }

    /// A region renamed in a newer edition keeps its Chinese name rather
    /// than the old name's pinyin; a code outside the table has none.
    @Test func aRenamedOrUnknownRegionHasNoEnglishName() {
        #expect(RegionEnglishNames.bundled.english(code: "451082", name: "平果县") == nil)
        #expect(RegionEnglishNames.bundled.english(code: "60614", name: "60614") == nil)
    }
}
