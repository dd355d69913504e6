import Foundation
import Testing
import _QualityTestSupport
@testable import QualityData

@Suite struct RegionTableTests {
    @Test func embeddedTableEqualsTheDatasetFile() throws {
        let file = try String(contentsOfFile: Fixtures.path("datasets/reference/gb2260-mca-201904.tsv"), encoding: .utf8)
        #expect(embeddedGB2260TSV == file.trimmingCharacters(in: .newlines), "run scripts/embed-reference.sh")
    }

    @Test func bundledTableShape() {
        let t = RegionTable.bundled
        #expect(t.count == 3219 + 1)  // 3,219 distinct codes in the file, plus the national root
        #expect(t.edition == "mca 201904")
        let gx = t.index(ofCode: "450000")!
        #expect(t[gx].name == "广西壮族自治区" && t[gx].level == .province)
        let cities = (0..<t.count).filter { t.regions[$0].parent == gx && t.regions[$0].level == .city }
        #expect(cities.count == 14)
        let xingning = t.index(ofCode: "450102")!
        #expect(t.ancestry(xingning).map { t[$0].code } == ["450102", "450100", "450000", "000000"])
        #expect(t.ancestor(of: xingning, at: .province) == gx)
        // Province-administered county: 仙桃市 hangs under 湖北省.
        let xiantao = t.index(ofCode: "429004")!
        #expect(t[t[xiantao].parent].code == "420000")
    }

    @Test func namesResolveOnlyWhenUnambiguous() {
        let t = RegionTable.bundled
        #expect(t.match(name: "南宁市") == .found(t.index(ofCode: "450100")!))
        #expect(t.match(name: "广西") == .found(t.index(ofCode: "450000")!))
        #expect(t.match(name: "柳州") == .found(t.index(ofCode: "450200")!))
        guard case .ambiguous(let codes) = t.match(name: "朝阳区") else { Issue.record("朝阳区 should be ambiguous"); return }
        #expect(codes.sorted() == ["110105", "220104"])
        #expect(t.match(name: "火星市") == .unknown)
    }

    @Test func otherRegionsHangUnderTheRoot() {
        var t = RegionTable.bundled
        let z = t.addOther(code: "60827")
        #expect(t.addOther(code: "60827") == z)
        #expect(t.ancestry(z).map { t[$0].code } == ["60827", "000000"])
    }
}

@Suite struct ByteStringDictionaryTests {
    @Test func internsAndLooksUp() {
        var d = ByteStringDictionary(capacity: 2)
        var codes: [UInt32] = []
        for i in 0..<5000 { codes.append(d.intern("值\(i % 1000)")) }
        #expect(d.count == 1000)
        for i in 0..<1000 {
            #expect(d.code(of: "值\(i)") == UInt32(i))
            #expect(d.string(UInt32(i)) == "值\(i)")
        }
        #expect(codes[1000] == 0)
        #expect(d.code(of: "missing") == nil)
        #expect(d.intern("") == 1000)
        #expect(d.code(of: "") == 1000)
    }
}

