import Foundation
import Testing
import _QualityTestSupport
@testable import QualityIngest

/// Reads every record of `bytes` as arrays of strings (quotes undone).
func records(_ bytes: [UInt8], separator: UInt8? = nil, blockSize: Int = 4 << 20) throws -> [[String]] {
    let input = try TextInput(path: Fixtures.file(bytes), chunkSize: max(16, blockSize))
    let sep = separator ?? input.peek { CSVTokenizer.sniffSeparator($0) }
    let tok = CSVTokenizer(input: input, separator: sep, blockSize: blockSize)
    var out: [[String]] = []
    var scratch: [UInt8] = []
    try tok.forEachRecord { rec in
        var row: [String] = []
        for i in 0..<rec.count {
            if rec.fields[i].escaped {
                unescapeQuotes(rec.rawBytes(i), into: &scratch)
                row.append(String(decoding: scratch, as: UTF8.self))
            } else {
                row.append(String(decoding: rec.rawBytes(i), as: UTF8.self))
            }
        }
        out.append(row)
    }
    return out
}

@Suite struct CSVTokenizerTests {
    @Test func quotedSeparatorsQuotesAndNewlines() throws {
        let text = "a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"line1\nline2\"\nplain,,end\n"
        #expect(try records(Array(text.utf8)) == [["a", "b", "c"], ["x,y", "say \"hi\"", "line1\nline2"], ["plain", "", "end"]])
    }

    @Test func crlfAndMissingFinalNewline() throws {
        #expect(try records(Array("a,b\r\n1,2\r\n3,\"4\"".utf8)) == [["a", "b"], ["1", "2"], ["3", "4"]])
    }

    @Test func bomIsStripped() throws {
        #expect(try records([0xEF, 0xBB, 0xBF] + Array("批次,结论\n1,合格\n".utf8)) == [["批次", "结论"], ["1", "合格"]])
    }

    @Test func separatorIsSniffed() throws {
        #expect(try records(Array("a\tb;c\tx\n1\t2;3\t4\n".utf8)) == [["a", "b;c", "x"], ["1", "2;3", "4"]])
        #expect(try records(Array("a;b\n1;2\n".utf8)) == [["a", "b"], ["1", "2"]])
    }

    @Test func recordsCutByBlockBoundariesAreReassembled() throws {
        // A 16-byte block forces every record, quote and CRLF to straddle a refill.
        let text = "id,name,note\r\n1,\"a \"\"quoted\"\", name\",\"multi\r\nline\"\r\n2,short,x\r\n"
        #expect(try records(Array(text.utf8), blockSize: 16) == records(Array(text.utf8)))
        #expect(try records(Array(text.utf8), blockSize: 16)[1] == ["1", "a \"quoted\", name", "multi\r\nline"])
    }

    @Test func lineNumbersCountNewlinesInsideQuotes() throws {
        let input = try TextInput(path: Fixtures.file("h1,h2\n\"a\nb\",c\nd,e\n"))
        var lines: [Int] = []
        try CSVTokenizer(input: input, separator: 0x2C).forEachRecord { lines.append($0.line) }
        #expect(lines == [1, 2, 4])
    }

    @Test func defectsAreReported() throws {
        let input = try TextInput(path: Fixtures.file("a,b\n\"x\"y,2\n3,\"open\n"))
        var defects: [RecordDefect] = []
        try CSVTokenizer(input: input, separator: 0x2C).forEachRecord { defects.append($0.defect) }
        #expect(defects == [.none, .textAfterQuote, .unterminatedQuote])
    }

    /// Property: any fields (separators, quotes, CR/LF, CJK, empty) written
    /// with RFC 4180 quoting read back identical, at any block size.
    @Test func arbitraryFieldsSurviveWriteThenRead() throws {
        var rng = TestRandom(seed: 42)
        let alphabet: [String] = ["a", "Z", "0", ",", "\"", "\n", "\r\n", " ", "合", "格", "；", "\t", "é", "🙂"]
        for _ in 0..<200 {
            let cols = Int.random(in: 1...5, using: &rng)
            var table: [[String]] = []
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                table.append((0..<cols).map { _ in
                    String((0..<Int.random(in: 0...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined())
                })
            }
            // A row of only empty fields is a blank line by design; make the first field non-empty.
            table = table.map { r in var r = r; if r[0].isEmpty { r[0] = "k" }; return r }
            let text = table.map { $0.map { f in
                f.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
            }.joined(separator: ",") }.joined(separator: "\n") + "\n"
            let block = [16, 64, 4096].randomElement(using: &rng)!
            let got = try records(Array(text.utf8), separator: 0x2C, blockSize: block)
            #expect(got == table, "block \(block): \(text.debugDescription)")
        }
    }
}
