import Foundation
import Testing
import _QualityTestSupport
@testable import QualityIngest

/// Mutated inputs never crash the loader, and every row is still accounted for.
@Suite struct MalformedInputTests {
    static let valid = Array(Fixtures.sampling((0..<60).map {
        "B\($0 / 2),2019-0\($0 % 9 + 1)-1\($0 % 10),省抽,4501\($0 % 2 == 0 ? "02" : "00"),\"电线,电缆\",\($0 % 5 == 0 ? "不合格" : "合格"),导体电阻；绝缘,\"甲 \"\"公司\"\"\""
    }).utf8)

    @Test func mutatedFilesLoadOrFailCleanly() throws {
        var rng = TestRandom(seed: 2026)
        let specials: [UInt8] = [0x22, 0x2C, 0x0A, 0x0D, 0x00, 0xFF, 0xE5, 0x3B, 0x09]
        for round in 0..<300 {
            var bytes = Self.valid
            for _ in 0..<Int.random(in: 1...12, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[i] = specials.randomElement(using: &rng)!
                case 1: bytes.insert(specials.randomElement(using: &rng)!, at: i)
                case 2: bytes.remove(at: i)
                default: bytes[i] = UInt8.random(in: 0...255, using: &rng)
                }
            }
            if round % 10 == 0 { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng))) }
            let gz = round % 3 == 0
            let path = Fixtures.file(gz ? Fixtures.gzip(bytes) : bytes, name: gz ? "m.csv.gz" : "m.csv")
            let r = try SamplingIngest.load(paths: [path])
            let f = r.files[0]
            if f.error == nil {
                #expect(f.accountingCloses, "round \(round)")
                #expect(r.rejects.count == f.rejected, "round \(round)")
            }
        }
    }

    @Test func corruptedGzipBytesFailWithAnOffset() throws {
        var rng = TestRandom(seed: 7)
        let gz = Fixtures.gzip(Self.valid)
        for _ in 0..<100 {
            var b = gz
            let i = Int.random(in: 10..<b.count, using: &rng)
            b[i] ^= UInt8.random(in: 1...255, using: &rng)
            let r = try SamplingIngest.load(paths: [Fixtures.file(b, name: "c.csv.gz")])
            if let e = r.files[0].error {
                #expect(e.message(.en).contains("byte"), "\(e)")
            } else {
                #expect(r.files[0].accountingCloses)
            }
        }
    }
}
