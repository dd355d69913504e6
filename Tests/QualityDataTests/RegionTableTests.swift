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
