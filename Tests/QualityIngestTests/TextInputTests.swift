import QualityData
import Foundation
import Testing
import _QualityTestSupport
@testable import QualityIngest
import QualityRuntime

/// Inflaters this build has: zlib always, ISA-L when linked.
let inflaters: [InflateBackend] = [.zlib] + (InflateBackend.isalAvailable ? [.isal] : [])

func readAll(_ path: String, encoding: TextEncoding? = nil, chunk: Int = 1 << 20, inflate: InflateBackend = .auto) throws -> (TextInput, [UInt8]) {
    let input = try TextInput(path: path, encoding: encoding, chunkSize: chunk, inflate: inflate)
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = try buf.withUnsafeMutableBytes { try input.read(into: $0) }
        if n == 0 { break }
        out += buf[0..<n]
    }
    return (input, out)
}

@Suite struct TextInputTests {
    let text = (0..<2000).map { "GC\($0),2019-01-0\($0 % 9 + 1),省抽,450100,电线电缆,不合格,导体电阻；绝缘电阻,南宁华盛电器有限公司" }.joined(separator: "\n") + "\n"

    @Test(arguments: inflaters) func gzipRoundTrip(_ backend: InflateBackend) throws {
        let (input, out) = try readAll(Fixtures.file(Fixtures.gzip(Array(text.utf8)), name: "a.csv.gz"), chunk: 777, inflate: backend)
        #expect(input.isGzip)
        #expect(out == Array(text.utf8))
    }

    @Test(arguments: inflaters) func multiMemberGzip(_ backend: InflateBackend) throws {
        let a = Array("first,part\n".utf8), b = Array(text.utf8)
        let (_, out) = try readAll(Fixtures.file(Fixtures.gzip(a) + Fixtures.gzip(b) + Fixtures.gzip(a), name: "cat.gz"), chunk: 300, inflate: backend)
        #expect(out == a + b + a)
    }

    @Test(arguments: inflaters) func truncatedGzipNamesTheByte(_ backend: InflateBackend) throws {
        let gz = Fixtures.gzip(Array(text.utf8))
        let path = Fixtures.file(Array(gz.prefix(gz.count / 2)), name: "cut.csv.gz")
        do {
            _ = try readAll(path, chunk: 256, inflate: backend)
            Issue.record("expected an error")
        } catch let IngestError.gzip(p, offset, reason) {
            #expect(p == path)
            #expect(offset == gz.count / 2)
            #expect(reason.contains("truncated"))
        }
    }

    @Test(arguments: inflaters) func corruptGzipIsAnError(_ backend: InflateBackend) throws {
        var gz = Fixtures.gzip(Array(text.utf8))
        for i in 20..<60 { gz[i] ^= 0x5A }
        #expect(throws: IngestError.self) { _ = try readAll(Fixtures.file(gz, name: "bad.gz"), inflate: backend) }
        // A flipped byte in the CRC trailer is caught too.
        var crc = Fixtures.gzip(Array(text.utf8))
        crc[crc.count - 6] ^= 0xFF
        #expect(throws: IngestError.self) { _ = try readAll(Fixtures.file(crc, name: "crc.gz"), inflate: backend) }
    }

    @Test func bothInflatersGiveTheSameTable() throws {
        let gz = Fixtures.file(Fixtures.gzip(Array(Fixtures.sampling((0..<3000).map { "B\($0),2019-03-01,省抽,450102,电线电缆,\($0 % 9 == 0 ? "不合格" : "合格"),,甲\($0 % 50)" }).utf8)), name: "s.csv.gz")
        var tables: [[UInt8]] = []
        for b in inflaters {
            var o = SamplingIngestOptions()
            o.inflate = b
            tables.append(try SamplingIngest.load(paths: [gz], options: o).table.outcome)
        }
        #expect(Set(tables.map { $0.count }) == [3000])
        #expect(tables.allSatisfy { $0 == tables[0] })
    }

    @Test func binaryGarbageIsRefused() throws {
        let path = Fixtures.file([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x11], name: "x.csv")
        #expect(throws: IngestError.binary(path: path, offset: 4)) { _ = try readAll(path) }
    }

    @Test func gb18030IsDetectedAndTranscoded() throws {
        let (input, out) = try readAll(Fixtures.file(Fixtures.gb18030(text)), chunk: 1000)
        #expect(input.encoding == .gb18030)
        #expect(out == Array(text.utf8))
    }

    @Test func utf8IsDetected() throws {
        let (input, _) = try readAll(Fixtures.file(text))
        #expect(input.encoding == .utf8)
    }

    @Test func validatorAcceptsCutSequenceOnlyAtEnd() {
        let s = Array("合格".utf8)
        s.withUnsafeBytes { #expect(UTF8Check.isValid($0)) }
        Array(s.prefix(4)).withUnsafeBytes {
            #expect(!UTF8Check.isValid($0))
            #expect(UTF8Check.validPrefix($0, allowTruncatedEnd: true))
        }
        [UInt8]([0xBA, 0xCF, 0xB8, 0xF1]).withUnsafeBytes { #expect(!UTF8Check.isValid($0)) }  // 合格 in GBK
    }

    /// The eight-bytes-at-a-time ASCII path agrees with the standard
    /// library's decoder wherever a bad or multi-byte sequence falls
    /// relative to the 8-byte steps.
    @Test func validatorAgreesWithTheStandardLibraryAtEveryOffset() {
        var rng = TestRandom(seed: 16)
        let pieces: [[UInt8]] = [Array("a".utf8), Array("batch,2019".utf8), Array("é".utf8), Array("合".utf8), Array("😀".utf8),
                                 [0x80], [0xFF], [0xC3], Array("合".utf8.prefix(2)), [0xBA, 0xCF]]
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                bytes += Int.random(in: 0..<4, using: &rng) == 0 ? pieces.randomElement(using: &rng)! : pieces[Int.random(in: 0...1, using: &rng)]
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            bytes.withUnsafeBytes { #expect(UTF8Check.isValid($0) == expected, "\(bytes)") }
        }
    }
}

@Suite struct PrefetchedInputTests {
    let big = Array((0..<200_000).map { "row \($0),合格,导体电阻\n" }.joined().utf8)

    @Test func deliversTheSameBytesInOrder() throws {
        let input = try TextInput(path: Fixtures.file(Fixtures.gzip(big), name: "p.gz"), chunkSize: 1 << 16)
        let p = PrefetchedInput(input, blockSize: 1 << 16, depth: 2)
        defer { p.close() }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 10_000)
        while true {
            let n = try buf.withUnsafeMutableBytes { try p.read(into: $0) }
            if n == 0 { break }
            out += buf[0..<n]
        }
        #expect(out == big)
    }

    /// A reader that stops after 100 bytes: `close()` returns (the producer
    /// was waiting on a full queue; a hang fails the time limit), the
    /// producer stopped without inflating the rest of the file, and the
    /// thread let go of the reader (no retain cycle keeping its buffers).
    @Test(.timeLimit(.minutes(1))) func closingEarlyStopsTheProducer() throws {
        let input = try TextInput(path: Fixtures.file(Fixtures.gzip(big), name: "p.gz"), chunkSize: 1 << 14)
        weak var released: PrefetchedInput?
        do {
            let p = PrefetchedInput(input, blockSize: 1 << 14, depth: 1)
            released = p
            var buf = [UInt8](repeating: 0, count: 100)
            #expect(try buf.withUnsafeMutableBytes { try p.read(into: $0) } == 100)
            p.close()
            p.close()  // idempotent
        }
        // At most the block being read, one queued and one in the producer's hands (16 KiB each), of 5 MB.
        #expect(input.outputOffset <= 4 << 14, "the producer went on inflating: \(input.outputOffset) bytes")
        #expect(big.count > 100 * (1 << 14) / 4)
        // The thread lets go of its closure (and so of the reader) once it has
        // exited, a moment after close() returns: a cycle would keep it for good.
        for _ in 0..<500 where released != nil { usleep(10_000) }
        #expect(released == nil, "the producer thread still holds the reader after 5 s")
    }

    @Test func producerErrorsReachTheReader() throws {
        let gz = Fixtures.gzip(big)
        let input = try TextInput(path: Fixtures.file(Array(gz.prefix(gz.count * 2 / 3)), name: "cut.gz"), chunkSize: 1 << 14)
        let p = PrefetchedInput(input, blockSize: 1 << 14)
        defer { p.close() }
        var buf = [UInt8](repeating: 0, count: 1 << 14)
        #expect(throws: IngestError.self) {
            while try buf.withUnsafeMutableBytes({ try p.read(into: $0) }) > 0 {}
        }
    }
}

/// Issue 15 (4, 6, 10): one read, hashed as it goes; devices and folders
/// refused; CR-only line ends read as line ends.
@Suite struct TextInputHardeningTests {
    let rows = (0..<300).map { "B\($0),2019-03-0\($0 % 9 + 1),省抽,450102,电线电缆,\($0 % 7 == 0 ? "不合格" : "合格"),\($0 % 7 == 0 ? "标志" : ""),企业\($0)" }

    @Test func theDigestIsOfTheBytesReadGzipIncluded() throws {
        let gz = Fixtures.gzip(Array(Fixtures.sampling(rows).utf8))
        let path = Fixtures.file(gz, name: "s.csv.gz")
        let (input, _) = try readAll(path, chunk: 1000)
        // The compressed bytes, as sha256sum sees the file.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        p.waitUntilExit()
        let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        #expect(input.digest == ContentDigest(size: Int64(gz.count), sha256: String(expected)))
    }

    @Test func aDigestOnlyOnceReadToTheEnd() throws {
        let input = try TextInput(path: Fixtures.file(String(repeating: "a,b\n", count: 100_000)), chunkSize: 4096)
        #expect(input.digest == nil)
    }

    @Test(arguments: ["/dev/zero", "/dev/urandom", "/dev/null", "/tmp"])
    func devicesAndFoldersAreRefused(_ path: String) throws {
        #expect(throws: IngestError.notAFile(path: path, kind: path == "/tmp" ? "folder" : "device")) {
            _ = try TextInput(path: path)
        }
        #expect(IngestError.notAFile(path: path, kind: "device").message(.zh).contains("不是数据文件"))
    }

    @Test(arguments: [1, 2]) func crOnlyLineEndsLoadLikeLF(_ threads: Int) throws {
        let lf = Fixtures.sampling(rows)
        let cr = lf.replacingOccurrences(of: "\n", with: "\r")
        var o = SamplingIngestOptions()
        o.threads = threads
        o.chunkSize = 2000
        let a = try SamplingIngest.load(paths: [Fixtures.file(lf)], options: o)
        let b = try SamplingIngest.load(paths: [Fixtures.file(cr)], options: o)
        #expect(a.table.count == 300 && b.table.count == 300)
        #expect(a.table.outcome == b.table.outcome && a.table.day == b.table.day)
        #expect(b.files[0].rowsRead == 300 && b.rejects.isEmpty)
        // Line numbers count CR line ends too (a rejected row names its line).
        let bad = cr.replacingOccurrences(of: "B5,2019-03-06", with: "B5,2019-13-06")
        let r = try SamplingIngest.load(paths: [Fixtures.file(bad)], options: o)
        #expect(r.rejects.map(\.line) == [7])
    }
}
