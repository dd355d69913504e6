import Foundation
import QualityData
import Testing
import _QualityTestSupport
@testable import QualityIngest

@Suite struct ItemClassesFileTests {
    /// The bundled classes are the reference file users copy and edit.
    @Test func bundledClassesAreTheReferenceFile() throws {
        let file = try ItemClassesFile.load(path: Fixtures.path("datasets/reference/item-classes.csv"))
        #expect(file == ItemClasses.bundled)
    }

    @Test func aUserFileInChineseAndAMalformedOne() throws {
        let ok = try ItemClassesFile.load(path: Fixtures.file("关键词,类别,是否安全项目\n标志,labelling,是\n", name: "c.csv"))
        #expect(ok.rules == [ItemClasses.Rule(keyword: "标志", itemClass: "labelling", safety: true)])
        let bad = Fixtures.file("keyword,class,safety\n铅,heavy_metal,maybe\n", name: "b.csv")
        do {
            _ = try ItemClassesFile.load(path: bad)
            Issue.record("accepted safety 'maybe'")
        } catch let e as IngestError {
            #expect(e.message(.en) == "item classes file \(bad): line 2: column safety: value not recognised for this column (add it to a mapping file's values) (\"maybe\")")
            #expect(e.message(.zh).hasPrefix("不合格项目分类文件 \(bad)：第 2 行："))
        }
        #expect(throws: IngestError.self) { try ItemClassesFile.load(path: Fixtures.file("keyword,class\n铅,heavy_metal\n", name: "m.csv")) }
    }
}

extension ItemClassesFileTests {
    /// Keywords are normalised as failing items are (铅(以Pb计) matches the item read as 铅（以Pb计）).
    @Test func keywordsAreNormalisedLikeTheItems() throws {
        let c = try ItemClassesFile.load(path: Fixtures.file("keyword,class,safety\n铅(以Pb计),重金属,yes\n", name: "classes.csv"))
        #expect(c.rules.first?.keyword == "铅（以Pb计）")
    }
}
