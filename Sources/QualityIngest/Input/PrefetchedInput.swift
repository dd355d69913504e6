import Foundation

/// A source of UTF-8 bytes for the tokenizer.
public protocol ByteStream: AnyObject {
    var path: String { get }
    /// Reads up to `buffer.count` bytes; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension TextInput: ByteStream {}

/// Reads, inflates and transcodes a ``TextInput`` on its own thread, handing
/// large blocks to the parsing thread through a small bounded queue, so
/// decompression overlaps tokenizing instead of adding to it.
public final class PrefetchedInput: ByteStream, @unchecked Sendable {
    public let path: String
    private let input: TextInput
    private let blockSize: Int
    private let depth: Int
    private let cond = NSCondition()
    // Guarded by `cond`.
    private var filled: [[UInt8]] = []
    private var spare: [[UInt8]] = []
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    // Consumer side only.
    private var current: [UInt8] = []
    private var position = 0
    private var thread: Thread?

    public init(_ input: TextInput, blockSize: Int = 4 << 20, depth: Int = 3) {
        self.input = input
        path = input.path
        self.blockSize = blockSize
        self.depth = depth
        // The thread holds the reader until it finishes; `close()` stops it early.
        let t = Thread { self.produce() }
        t.name = "qindex-inflate"
        t.stackSize = 1 << 20
        thread = t
        t.start()
    }

    /// Stops the producer (if still running) and waits for it. Call when done
    /// reading, also after an error: otherwise the thread waits for a reader.
    public func close() {
        cond.lock()
        cancelled = true
        cond.broadcast()
        while !finished { cond.wait() }
        cond.unlock()
        // The thread's closure holds this object: let go of the thread, or
        // the two keep each other (and the reader's buffers) alive for good.
        thread = nil
    }

    private func produce() {
        while true {
            cond.lock()
            while filled.count >= depth && !cancelled { cond.wait() }
            if cancelled { finished = true; cond.broadcast(); cond.unlock(); return }
            var block = spare.popLast() ?? []
            cond.unlock()
            if block.count != blockSize { block = [UInt8](repeating: 0, count: blockSize) }
            var n = 0
            do {
                n = try block.withUnsafeMutableBytes { try input.read(into: $0) }
            } catch {
                failure(error)
                return
            }
            cond.lock()
            if n == 0 {
                finished = true
                cond.broadcast()
                cond.unlock()
                return
            }
            if n < blockSize { block.removeSubrange(n...) }
            filled.append(block)
            cond.broadcast()
            cond.unlock()
        }
    }

    private func failure(_ e: Error) {
        cond.lock()
        failure = e
        finished = true
        cond.broadcast()
        cond.unlock()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if position == current.count {
            cond.lock()
            while filled.isEmpty && !finished { cond.wait() }
            if filled.isEmpty {
                let f = failure
                cond.unlock()
                if let f { throw f }
                return 0
            }
            let next = filled.removeFirst()
            if current.count == blockSize { spare.append(current) }
            cond.broadcast()
            cond.unlock()
            current = next
            position = 0
        }
        let n = min(buffer.count, current.count - position)
        current.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }

    /// Seconds the producer spent inflating and transcoding (overlapped with parsing).
    public var inflateSeconds: Double { input.inflateSeconds }
    public var transcodeSeconds: Double { input.transcodeSeconds }
}
