import Foundation
import Testing
import _QualityTestSupport
@testable import QualityData

@Suite struct RegionTableTests {
    @Test func embeddedTableEqualsTheDatasetFile() throws {
        let file = try String(contentsOfFile: Fixtures.path("datasets/reference/gb2260-2023.tsv"), encoding: .utf8)
        #expect(embeddedGB2260TSV == file.trimmingCharacters(in: .newlines), "run scripts/embed-reference.sh")
        let changes = try String(contentsOfFile: Fixtures.path("datasets/reference/gb2260-changes-201904-2023.tsv"), encoding: .utf8)
        #expect(embeddedGB2260ChangesTSV == changes.trimmingCharacters(in: .newlines), "run scripts/embed-reference.sh")
    }

    @Test func bundledTableShape() {
        let t = RegionTable.bundled
        #expect(t.count == 3211 + 1)  // 3,211 distinct codes in the file, plus the national root
        #expect(t.edition == "mca 2023")
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

    /// Issue 29: counties renamed, recoded or merged since 2019-04 resolve to
    /// the division they became, by their old code and by their old name.
    @Test func oldCodesAndNamesMeanTheDivisionTheyBecame() {
        let t = RegionTable.bundled
        let pingguo = t.index(ofCode: "451082")!
        #expect(t[pingguo].name == "平果市" && t[t[pingguo].parent].code == "451000")
        #expect(t.index(ofCode: "451023") == pingguo)                   // 平果县's old code
        #expect(t.match(name: "平果县") == .found(pingguo))              // and its old name
        #expect(t.index(ofCode: "451021") == t.index(ofCode: "451003"))  // 田阳县 → 田阳区
        #expect(t.index(ofCode: "450127") == t.index(ofCode: "450181"))  // 横县 → 横州市
        #expect(t.index(ofCode: "371202") == t.index(ofCode: "370116"))  // 莱芜市莱城区 → 济南市莱芜区 (merged)
        #expect(t.index(ofCode: "130521") == t.index(ofCode: "130500"))  // 邢台县: split, counted at its city
        #expect(t.index(ofCode: "371200") == t.index(ofCode: "370100"))  // 莱芜市 → 济南市
    }

    /// A county name is read within its city: 城中区 alone is ambiguous (柳州,
    /// 西宁), within 柳州市 it is one; the specific part alone (田阳) is enough
    /// within the city; a name not in the city is unknown, never guessed.
    @Test func namesResolveWithinTheirParent() {
        let t = RegionTable.bundled
        let liuzhou = t.index(ofCode: "450200")!, baise = t.index(ofCode: "451000")!
        guard case .ambiguous(let codes) = t.match(name: "城中区") else { Issue.record("城中区 alone is ambiguous"); return }
        #expect(codes.sorted() == ["450202", "630103"])
        #expect(t.match(name: "城中区", within: liuzhou) == .found(t.index(ofCode: "450202")!))
        #expect(t.match(name: "田阳", within: baise) == .found(t.index(ofCode: "451003")!))
        #expect(t.match(name: "田阳县", within: baise) == .found(t.index(ofCode: "451003")!))
        #expect(t.match(name: "百色市", within: baise) == .found(baise))
        #expect(t.match(name: "青秀区", within: baise) == .unknown)
        #expect(t.describe(t.index(ofCode: "450202")!) == "450202 广西壮族自治区柳州市城中区")
    }

    /// `--regions FILE` adds to the bundled table: a new name for a code
    /// (the old one stays an alias), a new code under its parent, aliases.
    @Test func aUserTableAddsToTheBundledOne() throws {
        let user = try RegionTableText(parsing: "code,name,aliases\n450109,邕宁新区,\n459901,测试新县,试县|459999\n")
        let t = try RegionTable.bundled.adding(user, label: "mine.csv")
        #expect(t.edition == "mca 2023 + mine.csv")
        let yongning = t.index(ofCode: "450109")!
        #expect(t[yongning].name == "邕宁新区" && t.match(name: "邕宁区") == .found(yongning))
        let new = t.index(ofCode: "459901")!
        #expect(t[t[new].parent].code == "450000")  // no city 459900: under the province
        #expect(t.match(name: "试县") == .found(new) && t.index(ofCode: "459999") == new)
        #expect(t.fingerprint != RegionTable.bundled.fingerprint)
        #expect(t.count == RegionTable.bundled.count + 1)
        #expect(throws: RegionTableError.self) { try RegionTableText(parsing: "code,name\n") }
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


@Suite struct KeyGroupingTests {
    /// Equal hashes with different keys stay apart; equal keys point to the
    /// earliest element; hash 0 means "no key".
    @Test func firstOccurrenceGroupsByKeyNotByHash() {
        let keys = ["a", "b", "a", "c", "b", "", "a", "d"]
        // Force collisions: "a", "b" and "d" share one hash; "c" has another.
        let h: [UInt64] = [0xABCD_0000_1234_5678, 0xABCD_0000_1234_5678, 0xABCD_0000_1234_5678, 0x0001_0000_0000_0001,
                           0xABCD_0000_1234_5678, 0, 0xABCD_0000_1234_5678, 0xABCD_0000_1234_5678]
        let first = SamplingTableBuilder.firstOccurrence(hashes: h) { keys[$0] == keys[$1] }
        #expect(first == [0, 1, 0, 3, 1, -1, 0, 7])
    }

    @Test func firstOccurrenceMatchesADictionaryOnRandomKeys() {
        var rng = SystemRandomNumberGenerator()
        let keys = (0..<20_000).map { _ in "k\(Int.random(in: 0..<3000, using: &rng))" }
        // A weak hash (few distinct values) makes long equal-hash runs.
        let h = keys.map { UInt64($0.utf8.reduce(0) { $0 &+ Int($1) } % 7 + 1) << 40 }
        let first = SamplingTableBuilder.firstOccurrence(hashes: h) { keys[$0] == keys[$1] }
        var seen: [String: Int32] = [:]
        for (i, k) in keys.enumerated() {
            if seen[k] == nil { seen[k] = Int32(i) }
            #expect(first[i] == seen[k]!)
        }
    }
}
