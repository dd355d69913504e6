import Glibc
import QualityData

/// One field of a record: a byte range in the tokenizer's buffer.
public struct CSVField: Sendable {
    public var start: Int
    public var end: Int
    /// The field was quoted and contains doubled quotes (`""`) to undo.
    public var escaped: Bool
    public var quoted: Bool
}

/// A problem with one record that the loader turns into a reject.
public enum RecordDefect: Sendable, Equatable {
    case none
    /// Text after a closing quote (`"abc"def`).
    case textAfterQuote
    /// A quoted field still open at the end of the file.
    case unterminatedQuote
}

/// A view of one record, valid only inside the tokenizer's callback.
public struct CSVRecord {
    public let base: UnsafeRawPointer
    public let fields: UnsafeBufferPointer<CSVField>
    /// Physical line (1-based) where the record starts.
    public let line: Int
    /// Byte range of the whole record (for hashing its content).
    public let recordStart: Int
    public let recordEnd: Int
    public let defect: RecordDefect

    public var count: Int { fields.count }

    /// Raw bytes of field `i` (quotes removed, doubled quotes still doubled).
    @inline(__always)
    public func rawBytes(_ i: Int) -> UnsafeRawBufferPointer {
        let f = fields[i]
        return UnsafeRawBufferPointer(start: base + f.start, count: f.end - f.start)
    }

    public var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + recordStart, count: recordEnd - recordStart)
    }

    /// True when every field is empty (an empty line or only separators).
    public var isBlank: Bool {
        for f in fields where f.end > f.start || f.quoted { return false }
        return true
    }
}

/// RFC 4180 tokenizer over a byte stream, with quoted fields spanning lines.
///
/// The hot loop works on raw bytes in one growing buffer; records are handed
/// out as byte ranges, never `String`s. A record cut by the end of a block is
/// re-read once the next block arrives. CRLF and LF both end records.
public final class CSVTokenizer {
    public let separator: UInt8
    private let input: ByteStream
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    private var line = 1
    private var fields: [CSVField]
    /// Longest record accepted, so garbage with a stray quote cannot eat memory.
    public static let maxRecordBytes = 64 << 20

    public init(input: ByteStream, separator: UInt8, blockSize: Int = 4 << 20, firstLine: Int = 1) {
        self.input = input
        self.separator = separator
        line = firstLine
        buffer = [UInt8](repeating: 0, count: blockSize)
        fields = [CSVField](repeating: CSVField(start: 0, end: 0, escaped: false, quoted: false), count: 64)
    }

    /// Reads more bytes, keeping the unread tail. Returns false at the end.
    private func refill() throws -> Bool {
        if eof { return false }
        let tail = end - start
        if start > 0 && tail > 0 {
            buffer.withUnsafeMutableBytes { _ = memmove($0.baseAddress!, $0.baseAddress! + start, tail) }
        }
        start = 0
        end = tail
        if end == buffer.count {
            if buffer.count >= CSVTokenizer.maxRecordBytes { throw IngestError.recordTooLong(path: input.path, line: line) }
            buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
        }
        let n = try buffer.withUnsafeMutableBytes { try input.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[end...])) }
        if n == 0 { eof = true; return false }
        end += n
        return true
    }

    /// Peeks the first line (the header) to sniff the separator: the most
    /// frequent of `,` `\t` `;` outside quotes, `,` when none.
    public static func sniffSeparator(_ header: UnsafeRawBufferPointer) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x09: 0, 0x3B: 0]
        var inQuote = false
        for b in header {
            if b == 0x22 { inQuote.toggle() }
            if inQuote { continue }
            if b == 0x0A || b == 0x0D { break }
            if counts[b] != nil { counts[b]! += 1 }
        }
        let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!
        return best.value == 0 ? 0x2C : best.key
    }

    /// Calls `body` for every record, in order.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        while true {
            if start == end, !(try refill()) { return }
            // Try to tokenize one record from `start`.
            let (complete, defect, nf, recEnd, nextStart, newlines) = tokenizeOne()
            if !complete && !eof {
                _ = try refill()
                continue
            }
            let rec = buffer.withUnsafeBytes { buf in
                fields.withUnsafeBufferPointer { f in
                    CSVRecord(base: buf.baseAddress!, fields: UnsafeBufferPointer(rebasing: f[0..<nf]), line: line,
                              recordStart: start, recordEnd: recEnd, defect: complete ? defect : .unterminatedQuote)
                }
            }
            try body(rec)
            line += newlines
            start = nextStart
            if !complete { return }
        }
    }

    /// Tokenizes the record at `start`. The hot loop: bytes only.
    private func tokenizeOne() -> (complete: Bool, defect: RecordDefect, fieldCount: Int, recordEnd: Int, next: Int, newlines: Int) {
        let sep = separator
        var defect = RecordDefect.none
        var nf = 0
        var newlines = 0
        var p = start
        let e = end
        let atEOF = eof
        return buffer.withUnsafeBufferPointer { b in
            while true {
                if nf == fields.count { fields.append(contentsOf: [CSVField](repeating: fields[0], count: nf)) }
                if p < e && b[p] == 0x22 {
                    // Quoted field.
                    let fs = p + 1
                    var q = fs
                    var escaped = false
                    var closed = false
                    while q < e {
                        let c = b[q]
                        if c == 0x22 {
                            if q + 1 < e && b[q + 1] == 0x22 { escaped = true; q += 2; continue }
                            if q + 1 == e && !atEOF { break }  // might be a doubled quote cut by the block end
                            closed = true
                            break
                        }
                        if c == 0x0A { newlines += 1 }
                        q += 1
                    }
                    if !closed {
                        if !atEOF { return (false, defect, 0, 0, 0, 0) }
                        fields[nf] = CSVField(start: fs, end: q, escaped: escaped, quoted: true)
                        return (false, .unterminatedQuote, nf + 1, e, e, newlines)
                    }
                    fields[nf] = CSVField(start: fs, end: q, escaped: escaped, quoted: true)
                    nf += 1
                    p = q + 1
                    // After the closing quote: separator, end of line or end of data.
                    while p < e && b[p] != sep && b[p] != 0x0A && b[p] != 0x0D {
                        if b[p] != 0x20 { defect = .textAfterQuote }
                        p += 1
                    }
                } else {
                    let fs = p
                    while p < e {
                        let c = b[p]
                        if c == sep || c == 0x0A { break }
                        p += 1
                    }
                    var fe = p
                    if p < e || atEOF {
                        if fe > fs && b[fe - 1] == 0x0D && (p == e || b[p] == 0x0A) { fe -= 1 }
                    }
                    fields[nf] = CSVField(start: fs, end: fe, escaped: false, quoted: false)
                    nf += 1
                }
                if p >= e {
                    if !atEOF { return (false, defect, 0, 0, 0, 0) }
                    return (true, defect, nf, e, e, newlines)
                }
                let c = b[p]
                if c == sep { p += 1; if p >= e && !atEOF { return (false, defect, 0, 0, 0, 0) }; continue }
                if c == 0x0D {
                    if p + 1 < e && b[p + 1] == 0x0A { return (true, defect, nf, p, p + 2, newlines + 1) }
                    if p + 1 >= e && !atEOF { return (false, defect, 0, 0, 0, 0) }
                    return (true, defect, nf, p, p + 1, newlines + 1)
                }
                // c == '\n'
                return (true, defect, nf, p, p + 1, newlines + 1)
            }
        }
    }
}

/// Undoes doubled quotes (`""` → `"`) of an escaped field into `out`, which
/// must hold at least `raw.count` bytes. Returns the number of bytes written.
public func unescapeQuotes(_ raw: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Int {
    var n = 0
    var i = 0
    while i < raw.count {
        let c = raw[i]
        out[n] = c
        n += 1
        i += (c == 0x22 && i + 1 < raw.count && raw[i + 1] == 0x22) ? 2 : 1
    }
    return n
}

/// Undoes doubled quotes into a growable array (for non-hot paths and tests).
public func unescapeQuotes(_ raw: UnsafeRawBufferPointer, into scratch: inout [UInt8]) {
    scratch = [UInt8](unsafeUninitializedCapacity: raw.count) { buf, count in
        count = unescapeQuotes(raw, into: UnsafeMutableRawBufferPointer(buf))
    }
}
