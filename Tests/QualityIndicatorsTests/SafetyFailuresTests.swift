import QualityData
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualityIndicators

/// Batches failing a safety item, hand-counted: which items are safety
/// items (the bundled classes), and the shares by year, province, product.
@Suite struct SafetyFailuresTests {
    @Test func bundledClassesReadItems() {
        let c = ItemClasses.bundled
        #expect(c.rule(for: "铅含量")?.itemClass == "heavy_metal" && c.isSafety("铅含量"))
        #expect(c.rule(for: "微生物指标")?.itemClass == "microbial" && c.isSafety("菌落总数"))
        #expect(c.rule(for: "标志和说明")?.itemClass == "labelling" && !c.isSafety("标志和说明"))
        #expect(c.isSafety("绝缘电阻") && c.isSafety("甲醛含量") && c.isSafety("二氧化硫残留量"))
        #expect(c.rule(for: "结构") == nil && !c.isSafety("结构"))  // other
    }

    @Test func sharesByYearProvinceAndProduct() throws {
        let t = try Fixtures.load(Fixtures.file(Fixtures.sampling([
            // 2019, 广西 (450102) and 广东 (440103); products 童车, 电线.
            "A,2019-03-01,省抽,450102,童车,合格,,甲",
            "B,2019-03-02,省抽,450102,童车,不合格,铅含量,乙",            // safety
            "C,2019-03-03,省抽,450102,电线,不合格,标志和说明,丙",         // labelling only
            "D,2019-03-04,省抽,440103,电线,不合格,标志和说明；微生物指标,丁",  // one safety item among others
            "E,2019-03-05,省抽,440103,电线,拒检,,戊",                   // not tested
        ]))).table
        let rows = SafetyFailures.compute(t, classes: .bundled).rows
        func row(_ scope: String, _ key: String) -> [Int]? { rows.first { $0.scope == scope && $0.key == key }?.counts }
        #expect(row("all", "000000") == [4, 2])  // tested, failing a safety item
        #expect(row("province", "450000") == [3, 1])
        #expect(row("province", "440000") == [1, 1])
        #expect(row("product", "童车") == [2, 1])
        #expect(row("product", "电线") == [2, 1])
        // The user's classes decide: with labelling counted as safety, C counts too.
        let strict = ItemClasses(rules: [ItemClasses.Rule(keyword: "标志", itemClass: "labelling", safety: true)])
        #expect(SafetyFailures.compute(t, classes: strict).rows(scope: "all")[0].counts[1] == 2)  // C and D
    }
}
