import Foundation
import QualityData
import Testing
import _QualityTestSupport
@testable import QualityIngest

/// The chunk-parallel path must give exactly what the simple sequential path gives.
@Suite struct ParallelIngestTests {
    func load(_ paths: [String], threads: Int, chunk: Int) throws -> SamplingIngestResult {
        var o = SamplingIngestOptions()
        o.threads = threads
        o.chunkSize = chunk
        return try SamplingIngest.load(paths: paths, options: o)
    }

    func expectSame(_ a: SamplingIngestResult, _ b: SamplingIngestResult, _ note: String) {
        #expect(a.files == b.files, "\(note): file reports")
        #expect(a.rejects == b.rejects, "\(note): rejects")
        let x = a.table, y = b.table
        #expect(x.count == y.count, "\(note): batches")
        #expect(x.day == y.day && x.outcome == y.outcome && x.level == y.level && x.region == y.region, "\(note): columns")
        #expect(x.product.map { x.products.string($0) } == y.product.map { y.products.string($0) }, "\(note): products")
        #expect(x.enterprise.map { $0 == missingDictionaryCode ? "" : x.enterprises.string($0) }
                    == y.enterprise.map { $0 == missingDictionaryCode ? "" : y.enterprises.string($0) }, "\(note): enterprises")
        #expect((0..<x.count).map { x.failedItems(of: $0).map { x.itemNames.string($0) } }
                    == (0..<y.count).map { y.failedItems(of: $0).map { y.itemNames.string($0) } }, "\(note): items")
    }

    @Test func sampleLoadsIdenticallyInSmallChunks() throws {
        let sample = Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz")
        let simple = try load([sample], threads: 1, chunk: 8 << 20)
        for chunk in [4096, 100_000] {
            expectSame(simple, try load([sample], threads: 3, chunk: chunk), "chunk \(chunk)")
        }
    }

    @Test func messyFilesLoadIdenticallyAtAnyChunkSize() throws {
        var rng = TestRandom(seed: 99)
        let pieces = ["B1", "B2", "B3", "\"B\"\"4\"", "2019-01-02", "2019/2/3", "bad-date", "省抽", "国抽", "某级", "450102", "4501", "999999",
                      "\"电线,电缆\"", "插头", "合格", "不合格", "拒检", "", "导体电阻；标志", "\"甲 \"\"公司\"\"\"", "x\"y", "\"q\"z"]
        for round in 0..<60 {
            var lines = [Fixtures.header]
            for _ in 0..<Int.random(in: 5...80, using: &rng) {
                let n = Int.random(in: 0...9, using: &rng)
                lines.append((0..<n).map { _ in pieces.randomElement(using: &rng)! }.joined(separator: ","))
            }
            let sep = ["\n", "\r\n"].randomElement(using: &rng)!
            let path = Fixtures.file(lines.joined(separator: sep) + (round % 2 == 0 ? sep : ""))
            let simple = try load([path], threads: 1, chunk: 8 << 20)
            for chunk in [8, 37, 200] {
                expectSame(simple, try load([path], threads: 2, chunk: chunk), "round \(round) chunk \(chunk)")
            }
        }
    }

    /// Found by the fuzz target (scripts/fuzz.sh): a GB18030 file and a
    /// CR-only file load the same on both paths at any chunk size.
    @Test func transcodedAndCROnlyFilesLoadIdenticallyAtAnyChunkSize() throws {
        let lines = [Fixtures.header] + (0..<40).map { "B\($0),2019-03-0\($0 % 9 + 1),省抽,450102,电线电缆\($0),\($0 % 5 == 0 ? "不合格" : "合格"),,广西某某电缆有限公司\($0 % 7)" }
        let text = lines.joined(separator: "\n") + "\n"
        for (name, bytes) in [("gb18030", Fixtures.gb18030(text)), ("cr", Array(text.replacingOccurrences(of: "\n", with: "\r").utf8)),
                              ("gzip-gb18030", Fixtures.gzip(Fixtures.gb18030(text)))] {
            let path = Fixtures.file(bytes)
            let simple = try load([path], threads: 1, chunk: 8 << 20)
            #expect(simple.table.count == 40, "\(name)")
            for chunk in [8, 64, 200, 8 << 20] {
                expectSame(simple, try load([path], threads: 2, chunk: chunk), "\(name) chunk \(chunk)")
            }
        }
    }

    /// Found by the fuzz target (inputs kept in Fuzz/findings/ingest): a mutated
    /// sample head whose conflicting-result rejects differed between the
    /// two paths; a file whose header lacks a column and whose text turns
    /// invalid a few lines later, where the parallel reader met the encoding
    /// error before handing out the header (the wrong error was reported);
    /// a file invalid from its first byte, where that error was lost and the
    /// parallel path said "empty file"; a GB18030 file cut inside its last
    /// character, whose text before the cut was lost by a large read (the
    /// sequential path reported the cut, not the header before it).
    /// A batch's rows 2 (pass), 3 (fail), 6 (= 2) and 7 (= 3): row 7's
    /// conflict named line 6 when 6 and 7 met in one chunk, line 2 when they
    /// met only at the end — now the batch's first row, line 2, on both paths.
    @Test(arguments: ["accounting-differs-1.csv", "header-error-before-encoding-error.csv", "encoding-error-at-byte-0.csv", "gb18030-cut-at-end.csv", "date-range-differs.csv",
                      "duplicates-count-differs.csv", "conflict-detail-differs.csv", "columns-differ.csv"])
    func fuzzFindingsLoadIdenticallyAtAnyChunkSize(_ name: String) throws {
        let path = Fixtures.path("Fuzz/findings/ingest/\(name)")
        let simple = try load([path], threads: 1, chunk: 8 << 20)
        for chunk in [8, 37, 64, 200, 4096] {
            expectSame(simple, try load([path], threads: 2, chunk: chunk), "chunk \(chunk)")
        }
    }

    /// The one allowed difference (`SamplingIngestResult.differences(from:)`,
    /// docs/architecture.md): a batch whose rows 17 (pass), 25 (fail) and 26
    /// (= 17) disagree is dropped on both paths, with the same table and every
    /// other reject; row 26 counts as rejected where it met row 25 as it was
    /// read (one chunk) and as a duplicate of row 17 where the rows met only
    /// at the end. Found by the fuzzer; kept so a fix of it shows here.
    @Test(arguments: ["conflict-count-differs.csv", "conflict-count-differs-2.csv"])
    func aDroppedBatchsRowsMayBeCountedDifferentlyAndNothingElse(_ name: String) throws {
        let path = Fixtures.path("Fuzz/findings/ingest/\(name)")
        let simple = try load([path], threads: 1, chunk: 8 << 20)
        var strictlyDifferent = 0
        for chunk in [8, 37, 64, 200, 4096] {
            let parallel = try load([path], threads: 2, chunk: chunk)
            #expect(simple.differences(from: parallel).isEmpty, "chunk \(chunk): \(simple.differences(from: parallel))")
            #expect(simple.table.count == parallel.table.count && simple.table.outcome == parallel.table.outcome)
            if simple.rejects != parallel.rejects { strictlyDifferent += 1 }
        }
        #expect(strictlyDifferent > 0, "the paths now agree exactly: the allowance in differences(from:) can go")
        // Every other difference is still one: a reject of another reason, or a count, differing is reported.
        var other = simple
        other.rejects.removeLast()
        #expect(!simple.differences(from: other).isEmpty)
    }

    @Test func boundaryFinderAgreesWithTheTokenizer() throws {
        // Every prefix: the boundary is where the tokenizer's last complete record ends.
        let text = Array("a,\"b\nc\",d\n\"x\"\"\",y\nz\"q,\"w\"\r\n\n,,\n\"u\"".utf8)
        let ends = [10, 18, 27, 28, 31]  // offsets just past each record's line feed
        for n in 0...text.count {
            let got = text.withUnsafeBytes { RecordBoundary.lastRecordEnd(UnsafeRawBufferPointer(rebasing: $0[0..<n]), separator: 0x2C) }
            #expect(got == ends.last { $0 <= n }, "prefix \(n)")
        }
        #expect(Array("\n\na\nb".utf8).withUnsafeBytes { RecordBoundary.countLineFeeds($0) } == 3)
        let long = Array(String(repeating: "ab\ncdefgh\n", count: 50).utf8)
        #expect(long.withUnsafeBytes { RecordBoundary.countLineFeeds($0) } == 100)
    }
}
