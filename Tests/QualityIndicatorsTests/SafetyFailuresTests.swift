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

    /// Issue 32 item 6: items the first-keyword rule read wrongly — 铅笔
    /// (pencil) as lead, 镀铬 (chrome plating) as chromium, 溶剂残留
    /// (solvent residue in packaging) as a pesticide residue — and what still
    /// is lead or chromium once the exclusion phrase is taken out.
    @Test func theLongestKeywordWinsAfterExclusions() {
        let c = ItemClasses.bundled
        #expect(c.rule(for: "铅笔芯直径") == nil && !c.isSafety("铅笔芯直径"))                       // was heavy_metal
        #expect(c.rule(for: "镀铬层厚度") == nil && !c.isSafety("镀铬层厚度"))                       // was heavy_metal
        #expect(c.rule(for: "铅笔涂层中可迁移元素（铅）")?.itemClass == "heavy_metal")              // a pencil's lead content is lead
        #expect(c.rule(for: "镀铬层中六价铬")?.itemClass == "heavy_metal")
        #expect(c.rule(for: "溶剂残留量")?.itemClass == "harmful_substance")                      // was residue (残留, first in the table)
        #expect(c.rule(for: "农药残留量")?.itemClass == "residue")
        // The longest keyword, wherever it stands in the table; the first rule on a tie.
        let own = ItemClasses(rules: [ItemClasses.Rule(keyword: "标签", itemClass: "labelling", safety: false),
                                      ItemClasses.Rule(keyword: "标签油墨", itemClass: "harmful_substance", safety: true),
                                      ItemClasses.Rule(keyword: "油墨", itemClass: "other_ink", safety: false)])
        #expect(own.rule(for: "标签油墨迁移")?.itemClass == "harmful_substance" && own.rule(for: "标签和油墨")?.itemClass == "labelling")
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
