import Foundation
import QualityData

/// A run of complete CSV records and the line its first record starts on.
struct RecordChunk: Sendable {
    let index: Int
    let bytes: [UInt8]
    let firstLine: Int
}

/// Finds record boundaries exactly as ``CSVTokenizer`` reads records: a quote
/// opens a quoted field only at the start of a field, `""` inside one is an
/// escaped quote, and a record ends at a line feed outside quotes.
enum RecordBoundary {
    /// Offset just past the last complete record in `b`, or nil if none ends.
    static func lastRecordEnd(_ b: UnsafeRawBufferPointer, separator sep: UInt8) -> Int? {
        if memchr(b.baseAddress!, 0x22, b.count) == nil {
            // No quote at all: the last line feed ends the last record.
            var i = b.count - 1
            while i >= 0 && b[i] != 0x0A { i -= 1 }
            return i >= 0 ? i + 1 : nil
        }
        var last: Int?
        var i = 0
        var fieldStart = true
        var inQuote = false
        let n = b.count
        while i < n {
            let c = b[i]
            if inQuote {
                if c == 0x22 {
                    if i + 1 < n && b[i + 1] == 0x22 { i += 2; continue }
                    if i + 1 == n { break }  // maybe a doubled quote cut by the end: decide with more data
                    inQuote = false
                }
            } else if c == 0x22 && fieldStart {
                inQuote = true
                fieldStart = false
            } else if c == sep {
                fieldStart = true
            } else if c == 0x0A {
                last = i + 1
                fieldStart = true
            } else {
                fieldStart = false
            }
            i += 1
        }
        return last
    }

    /// Number of line feeds in `b`, eight bytes at a time.
    static func countLineFeeds(_ b: UnsafeRawBufferPointer) -> Int {
        var count = 0
        var i = 0
        let n = b.count
        let lf: UInt64 = 0x0A0A_0A0A_0A0A_0A0A, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while i + 8 <= n {
            let x = b.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ lf
            // High bit set exactly in the bytes of x that are zero.
            let t = ~(((x & low7) &+ low7) | x | low7)
            count += t.nonzeroBitCount
            i += 8
        }
        while i < n { if b[i] == 0x0A { count += 1 }; i += 1 }
        return count
    }
}

/// Reads a ``TextInput`` on its own thread and cuts the text into chunks of
/// complete records (with their starting line numbers) for parallel parsing.
final class ChunkedInput: @unchecked Sendable {
    private let input: TextInput
    private let separator: UInt8
    private let chunkSize: Int
    private let depth: Int
    private let cond = NSCondition()
    private var queue: [RecordChunk] = []
    private var finished = false
    private var cancelled = false
    private var failure: Error?

    private let progress: ProgressReporter?

    init(_ input: TextInput, separator: UInt8, chunkSize: Int = 8 << 20, depth: Int = 4, progress: ProgressReporter? = nil) {
        self.input = input
        self.progress = progress
        self.separator = separator
        self.chunkSize = chunkSize
        self.depth = depth
        let t = Thread { self.produce() }
        t.name = "qindex-chunks"
        t.start()
    }

    /// The next chunk in file order; nil at the end. Rethrows the producer's error.
    func next() throws -> RecordChunk? {
        cond.lock()
        defer { cond.unlock() }
        while queue.isEmpty && !finished { cond.wait() }
        if !queue.isEmpty {
            let c = queue.removeFirst()
            cond.broadcast()
            return c
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the producer and waits for it (call also after an error).
    func close() {
        cond.lock()
        cancelled = true
        cond.broadcast()
        while !finished { cond.wait() }
        cond.unlock()
    }

    private func push(_ c: RecordChunk) -> Bool {
        cond.lock()
        defer { cond.unlock() }
        while queue.count >= depth && !cancelled { cond.wait() }
        if cancelled { return false }
        queue.append(c)
        cond.broadcast()
        return true
    }

    private func finish(_ error: Error?) {
        cond.lock()
        failure = error
        finished = true
        cond.broadcast()
        cond.unlock()
    }

    private func produce() {
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var filled = 0
        var line = 1
        var index = 0
        var eof = false
        // A read error ends the text where it occurred: the complete records
        // before it are still handed out first, so an earlier problem (a bad
        // header, a rejected row) is met in file order, as on the sequential path.
        var readError: Error?
        do {
            while true {
                // Fill the buffer (it grows when one record is larger than a chunk).
                while filled < buffer.count && !eof {
                    do {
                        let n = try buffer.withUnsafeMutableBytes { try input.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
                        if n == 0 { eof = true } else { filled += n }
                    } catch {
                        readError = error
                        eof = true
                    }
                }
                if filled == 0 {
                    if let readError { throw readError }
                    break
                }
                let end: Int
                if eof && readError == nil {
                    end = filled
                } else if let e = buffer.withUnsafeBytes({ RecordBoundary.lastRecordEnd(UnsafeRawBufferPointer(rebasing: $0[0..<filled]), separator: separator) }) {
                    end = e  // before a read error: only the whole records
                } else if let readError {
                    throw readError  // no whole record before it: the error is next
                } else {
                    if buffer.count >= CSVTokenizer.maxRecordBytes { throw IngestError.recordTooLong(path: input.path, line: line) }
                    buffer += [UInt8](repeating: 0, count: buffer.count)
                    continue
                }
                let chunk = Array(buffer[0..<end])
                let lines = chunk.withUnsafeBytes { RecordBoundary.countLineFeeds($0) }
                if !push(RecordChunk(index: index, bytes: chunk, firstLine: line)) { break }
                index += 1
                line += lines
                progress?.update(bytesRead: input.fileOffset, totalBytes: input.fileSize, lines: line - 1)
                let tail = filled - end
                if tail > 0 { buffer.withUnsafeMutableBytes { _ = memmove($0.baseAddress!, $0.baseAddress! + end, tail) } }
                filled = tail
                if let readError { throw readError }
                if eof && filled == 0 { break }
            }
            progress?.finish()
            finish(nil)
        } catch {
            progress?.finish()
            finish(error)
        }
    }
}

/// An in-memory byte stream (one chunk) for the tokenizer.
final class MemoryStream: ByteStream {
    let path: String
    private let bytes: [UInt8]
    private var position = 0

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - position)
        if n > 0 { bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + position, byteCount: n) } }
        position += n
        return n
    }
}
