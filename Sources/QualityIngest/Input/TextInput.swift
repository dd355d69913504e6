import Glibc
import QualityData
import QualityRuntime

/// Character encoding of an input file.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030 = "gb18030"

    /// Parses user spellings: `utf8`, `UTF-8`, `gbk`, `gb2312`, `GB18030`.
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
        default: return nil
        }
    }
}

/// Streams a `.csv` or `.csv.gz` file as UTF-8 bytes.
///
/// Gzip is recognised by its magic bytes (not the file name) and may have
/// several members (`cat a.gz b.gz`). The encoding is detected from the first
/// megabyte: a UTF-8 BOM means UTF-8 (also over a forced encoding); so does
/// text whose invalid UTF-8 sequences are rare (a damaged byte rejects its
/// row, not the file); otherwise GB18030, transcoded with iconv (a byte that
/// is not GB18030 is delivered as 0xFF, so its row is rejected). The whole
/// file is never held in memory.
///
/// The bytes are read once, and hashed as they are read (``digest``): the
/// manifest records what the run parsed, so a pipe (`-` is standard input)
/// or a file appended during the run is recorded as it was read. Old Mac
/// files whose lines end in CR alone are read with CR as the line end.
public final class TextInput {
    public let path: String
    public private(set) var encoding: TextEncoding = .utf8
    public private(set) var isGzip = false

    private var fd: Int32 = -1
    private var raw: [UInt8]
    private var rawStart = 0
    private var rawEnd = 0
    private var rawEOF = false
    /// Bytes consumed from the file so far (compressed bytes for gzip).
    public private(set) var fileOffset = 0
    /// SHA-256 of every byte read from the file, in order.
    private var hasher = ContentHasher()
    /// The first block has CR line ends and no LF: CR is delivered as LF.
    public private(set) var crLineEnds = false

    private let backend: InflateBackend
    private var inflater: Inflater?
    private var zActive = false

    // Decoded (pre-transcoding) bytes.
    private var decoded: [UInt8]
    private var decStart = 0
    private var decEnd = 0
    private var decEOF = false
    private var iconvHandle: iconv_t?
    private var pendingBOMCheck = true
    /// Bytes of UTF-8 delivered so far (for error messages).
    public private(set) var outputOffset = 0
    /// Seconds spent reading and inflating, and transcoding (stage timings).
    public private(set) var inflateSeconds = 0.0
    public private(set) var transcodeSeconds = 0.0
    /// Seconds spent hashing the raw bytes for the manifest (part of reading).
    public private(set) var hashSeconds = 0.0

    /// The text's size in bytes if it can be known cheaply: the file size, or
    /// for gzip the trailer's ISIZE (exact for one member under 4 GiB; a
    /// guess for several members). Used only to pre-size columns.
    public private(set) var estimatedTextBytes = 0
    /// Size of the file on disk (compressed size for gzip).
    public private(set) var fileSize = 0
    /// Transcoded bytes a small read could not take (see ``read(into:)``).
    private var carry: [UInt8] = []

    public init(path: String, encoding forced: TextEncoding? = nil, chunkSize: Int = 1 << 20, inflate: InflateBackend = .auto) throws {
        self.path = path
        backend = inflate
        raw = [UInt8](repeating: 0, count: chunkSize)
        decoded = [UInt8](repeating: 0, count: chunkSize)
        fd = path == "-" ? dup(0) : open(path, O_RDONLY)
        if fd < 0 { throw IngestError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw IngestError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        // A device (/dev/zero, a terminal) or a folder is not a data file: refused before any byte is read.
        let kind = st.st_mode & S_IFMT
        guard kind == S_IFREG || kind == S_IFIFO || kind == S_IFSOCK else {
            throw IngestError.notAFile(path: path, kind: kind == S_IFDIR ? "folder" : "device")
        }
        fileSize = kind == S_IFREG ? Int(st.st_size) : 0
        try fillRaw()
        estimatedTextBytes = fileSize
        if rawEnd - rawStart >= 2 && raw[rawStart] == 0x1F && raw[rawStart + 1] == 0x8B {
            isGzip = true
            var trailer: UInt32 = 0
            if fileSize >= 18, pread(fd, &trailer, 4, off_t(fileSize - 4)) == 4 {
                // ISIZE is the size mod 2^32; a gzip text is rarely under a third of its compressed size.
                var size = Int(UInt32(littleEndian: trailer))
                while size < fileSize * 3 && size + (1 << 32) < fileSize * 20 { size += 1 << 32 }
                estimatedTextBytes = size
            }
            try startMember()
        }
        try fillDecoded(minimum: chunkSize)
        try detect(forced: forced)
    }

    deinit {
        if fd >= 0 { close(fd) }
        if let h = iconvHandle { iconv_close(h) }
    }

    // MARK: raw file bytes

    private func fillRaw() throws {
        if rawStart > 0 {
            let n = rawEnd - rawStart
            if n > 0 { raw.withUnsafeMutableBytes { _ = memmove($0.baseAddress!, $0.baseAddress! + rawStart, n) } }
            rawStart = 0
            rawEnd = n
        }
        while rawEnd < raw.count && !rawEOF {
            let got = raw.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + rawEnd, $0.count - rawEnd) }
            if got < 0 {
                if errno == EINTR { continue }
                throw IngestError.readFailed(path: path, offset: fileOffset + rawEnd, reason: String(cString: strerror(errno)))
            }
            if got == 0 { rawEOF = true } else {
                let t0 = StageClock.now()
                raw.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[rawEnd..<rawEnd + got])) }
                hashSeconds += StageClock.now() - t0
                rawEnd += got
            }
        }
    }

    /// Size and SHA-256 of the bytes read, once the file was read to its end (else nil).
    public var digest: ContentDigest? { rawEOF ? hasher.finalize() : nil }

    // MARK: gzip

    private func startMember() throws {
        if inflater == nil { inflater = try makeInflater(backend) }
        do { try inflater!.startMember() } catch {
            throw IngestError.gzip(path: path, offset: fileOffset, reason: "cannot start inflating (\(error))")
        }
        zActive = true
    }

    /// Inflates into `decoded[decEnd...]`; handles member boundaries.
    private func inflateSome() throws {
        while decEnd < decoded.count {
            if rawStart == rawEnd && !rawEOF { try fillRaw() }
            if rawStart == rawEnd && rawEOF && !zActive {
                decEOF = true
                return
            }
            if !zActive {
                // Between members: skip zero padding, otherwise a new member must start.
                while rawStart < rawEnd && raw[rawStart] == 0 { rawStart += 1; fileOffset += 1 }
                if rawStart == rawEnd { continue }
                if rawEnd - rawStart < 2 && !rawEOF { try fillRaw() }
                guard rawEnd - rawStart >= 2, raw[rawStart] == 0x1F, raw[rawStart + 1] == 0x8B else {
                    throw IngestError.gzip(path: path, offset: fileOffset,
                                           reason: "data after the end of a gzip member is not another gzip member")
                }
                try startMember()
            }
            let inCount = rawEnd - rawStart
            let outCount = decoded.count - decEnd
            let inflater = self.inflater!
            let (consumed, produced, step) = raw.withUnsafeMutableBufferPointer { inBuf in
                decoded.withUnsafeMutableBufferPointer { outBuf in
                    inflater.inflate(inBuf.baseAddress! + rawStart, inCount, outBuf.baseAddress! + decEnd, outCount)
                }
            }
            rawStart += consumed
            fileOffset += consumed
            decEnd += produced
            switch step {
            case .progress:
                if consumed == 0 && produced == 0 && rawEOF && rawStart == rawEnd {
                    throw IngestError.gzip(path: path, offset: fileOffset,
                                           reason: "truncated gzip stream: the file ends inside a compressed member")
                }
            case .memberEnd:
                zActive = false
            case .failure(let msg):
                throw IngestError.gzip(path: path, offset: fileOffset, reason: "corrupt gzip data (\(msg))")
            }
        }
    }

    private func fillDecoded(minimum: Int) throws {
        let t0 = StageClock.now()
        defer { inflateSeconds += StageClock.now() - t0 }
        if decStart > 0 {
            let n = decEnd - decStart
            if n > 0 { decoded.withUnsafeMutableBytes { _ = memmove($0.baseAddress!, $0.baseAddress! + decStart, n) } }
            decStart = 0
            decEnd = n
        }
        if isGzip {
            try inflateSome()
        } else {
            while decEnd < decoded.count && !decEOF {
                if rawStart == rawEnd {
                    if rawEOF { decEOF = true; break }
                    try fillRaw()
                    continue
                }
                let n = min(rawEnd - rawStart, decoded.count - decEnd)
                raw.withUnsafeBytes { r in decoded.withUnsafeMutableBytes { d in
                    _ = memcpy(d.baseAddress! + decEnd, r.baseAddress! + rawStart, n)
                } }
                rawStart += n
                fileOffset += n
                decEnd += n
            }
        }
    }

    // MARK: detection

    private func detect(forced: TextEncoding?) throws {
        let n = decEnd - decStart
        let hasBOM = n >= 3 && decoded[decStart] == 0xEF && decoded[decStart + 1] == 0xBB && decoded[decStart + 2] == 0xBF
        if hasBOM { decStart += 3 }
        // Binary garbage: a NUL byte in the first block is not text in any supported encoding.
        if let z = decoded[decStart..<decEnd].firstIndex(of: 0) {
            throw IngestError.binary(path: path, offset: z - decStart + (hasBOM ? 3 : 0))
        }
        // Old Mac line ends: a CR followed by something other than LF, and no LF at all in the first block.
        let first = decoded[decStart..<decEnd]
        crLineEnds = !first.contains(0x0A) && first.indices.contains { first[$0] == 0x0D && $0 + 1 < first.endIndex }
        if hasBOM {
            encoding = .utf8  // a UTF-8 byte-order mark says so, whatever was forced for the other files
        } else if let forced {
            encoding = forced
        } else {
            // UTF-8 unless invalid sequences are more than rare: one damaged byte
            // makes its row a reject (`invalid_encoding`), not the file GB18030.
            let (valid, invalid) = decoded.withUnsafeBytes { UTF8Check.census(UnsafeRawBufferPointer(rebasing: $0[decStart..<decEnd]), allowTruncatedEnd: !decEOF) }
            // (A damaged byte or two in ASCII text is UTF-8 too: read as GB18030, a UTF-8
            // file's Chinese further on would turn into other characters without an error.)
            encoding = invalid <= 2 || invalid * 50 <= valid ? .utf8 : .gb18030
        }
        if encoding == .gb18030 {
            guard let h = iconv_open("UTF-8", "GB18030"), h != iconv_t(bitPattern: -1) else {
                throw IngestError.cannotOpen(path: path, reason: "iconv has no GB18030 converter on this system")
            }
            iconvHandle = h
        }
    }

    // MARK: output

    /// Calls `body` with the first decoded bytes (before transcoding; the
    /// separators `,` `\t` `;` are the same bytes in UTF-8 and GB18030).
    public func peek<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try decoded.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[decStart..<min(decEnd, decStart + 65536)])) }
    }

    /// Reads up to `buffer.count` bytes of UTF-8 text; 0 at the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        var written = 0
        if !carry.isEmpty {
            written = min(buffer.count, carry.count)
            carry.withUnsafeBytes { _ = memcpy(buffer.baseAddress!, $0.baseAddress!, written) }
            carry.removeFirst(written)
        } else if decStart == decEnd && !decEOF {
            try fillDecoded(minimum: decoded.count)
        }
        if written == 0 && decStart == decEnd { return 0 }
        if written > 0 {
            // Bytes transcoded by an earlier call that did not fit its buffer.
        } else if let h = iconvHandle {
            let t0 = StageClock.now()
            if buffer.count < 16 {
                // Too small for a character's UTF-8 bytes perhaps: transcode into
                // a scratch block and keep what does not fit (0 would mean the end).
                var scratch = [UInt8](repeating: 0, count: 64)
                let got = try scratch.withUnsafeMutableBytes { try transcode(h, into: $0) }
                written = min(got, buffer.count)
                scratch.withUnsafeBytes { _ = memcpy(buffer.baseAddress!, $0.baseAddress!, written) }
                carry = Array(scratch[written..<got])
            } else {
                written = try transcode(h, into: buffer)
            }
            transcodeSeconds += StageClock.now() - t0
        } else {
            let n = min(buffer.count, decEnd - decStart)
            decoded.withUnsafeBytes { _ = memcpy(buffer.baseAddress!, $0.baseAddress! + decStart, n) }
            decStart += n
            written = n
        }
        if crLineEnds {
            for i in 0..<written where buffer[i] == 0x0D { buffer[i] = 0x0A }
        }
        outputOffset += written
        return written
    }

    private func transcode(_ h: iconv_t, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var produced = 0
        while produced == 0 {
            var inLeft = decEnd - decStart
            var outLeft = buffer.count
            let inBase = decoded.withUnsafeMutableBytes { $0.baseAddress! }
            var ip: UnsafeMutablePointer<CChar>? = (inBase + decStart).assumingMemoryBound(to: CChar.self)
            var op: UnsafeMutablePointer<CChar>? = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
            let before = inLeft
            let rc = iconv(h, &ip, &inLeft, &op, &outLeft)
            let err = errno
            decStart += before - inLeft
            produced = buffer.count - outLeft
            if rc == -1 {
                if err == E2BIG { break }
                if err == EINVAL {  // incomplete sequence at the end of the block
                    if decEOF {
                        // The text before it first (the next call throws), so the
                        // error is met at the same place whatever the read size.
                        if produced > 0 { break }
                        throw IngestError.encoding(path: path, offset: outputOffset,
                                                   reason: "the file ends inside a GB18030 character")
                    }
                    if produced > 0 { break }
                    try fillDecoded(minimum: decoded.count)
                    continue
                }
                if err == EILSEQ {
                    // A byte that is not GB18030: delivered as 0xFF (never UTF-8), so its
                    // row is rejected as `invalid_encoding` and the others load.
                    if outLeft == 0 { break }
                    op!.pointee = CChar(bitPattern: 0xFF)
                    produced += 1
                    decStart += 1
                    continue
                }
            }
            if produced == 0 {
                if decEOF { return 0 }
                try fillDecoded(minimum: decoded.count)
                if decStart == decEnd { return 0 }
            }
        }
        return produced
    }
}

/// UTF-8 validation on raw bytes.
public enum UTF8Check {
    /// True when `bytes` is valid UTF-8; a sequence cut off at the very end is
    /// accepted when `allowTruncatedEnd` (the next block continues it).
    public static func validPrefix(_ bytes: UnsafeRawBufferPointer, allowTruncatedEnd: Bool) -> Bool {
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return true }
        while i < n {
            // Eight ASCII bytes at a time (most of a record's bytes are ASCII).
            while i + 8 <= n && base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { break }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            // The common case in Chinese text: a three-byte character in one
            // step (overlong E0 and surrogate ED sequences pass here as they do below).
            if b & 0xF0 == 0xE0 && i + 3 <= n && bytes[i + 1] & 0xC0 == 0x80 && bytes[i + 2] & 0xC0 == 0x80 { i += 3; continue }
            let len: Int
            if b & 0xE0 == 0xC0 && b >= 0xC2 { len = 2 } else if b & 0xF0 == 0xE0 { len = 3 } else if b & 0xF8 == 0xF0 && b <= 0xF4 { len = 4 } else { return false }
            if i + len > n { return allowTruncatedEnd }
            for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += len
        }
        return true
    }

    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool { validPrefix(bytes, allowTruncatedEnd: false) }

    /// What stands at `i` (a non-ASCII byte): the length of the valid
    /// character it begins, 0 for one cut off by the end of `bytes`, or nil
    /// when it begins no valid character (the one decoding rule of the checks below).
    @inline(__always)
    static func character(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Int? {
        let b = bytes[i]
        let len: Int
        if b & 0xE0 == 0xC0 && b >= 0xC2 { len = 2 } else if b & 0xF0 == 0xE0 { len = 3 } else if b & 0xF8 == 0xF0 && b <= 0xF4 { len = 4 } else { return nil }
        if i + len > bytes.count {
            for k in (i + 1)..<bytes.count where bytes[k] & 0xC0 != 0x80 { return nil }
            return 0
        }
        for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return nil }
        return len
    }

    /// The offset of the first byte that does not begin a valid UTF-8
    /// character, or nil when all of `bytes` is valid.
    public static func firstInvalid(_ bytes: UnsafeRawBufferPointer) -> Int? {
        if isValid(bytes) { return nil }
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 { i += 1; continue }
            guard let len = character(bytes, at: i), len > 0 else { return i }
            i += len
        }
        return nil
    }

    /// Valid multi-byte characters and invalid sequences in a block: what
    /// encoding detection weighs (a UTF-8 file with a damaged byte is still UTF-8).
    public static func census(_ bytes: UnsafeRawBufferPointer, allowTruncatedEnd: Bool) -> (valid: Int, invalid: Int) {
        var valid = 0, invalid = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 { i += 1; continue }
            switch character(bytes, at: i) {
            case nil: invalid += 1; i += 1
            case 0?:
                if !allowTruncatedEnd { invalid += 1 }
                i = bytes.count
            case let len?: valid += 1; i += len
            }
        }
        return (valid, invalid)
    }
}

/// UTF-8 → GB18030 for whole texts (writing test and synthetic files).
public enum GB18030Encoder {
    /// The GB18030 bytes of complete UTF-8 text (every character has one).
    public static func encode(_ utf8: [UInt8]) -> [UInt8] {
        guard let h = iconv_open("GB18030", "UTF-8"), h != iconv_t(bitPattern: -1) else { return utf8 }
        defer { iconv_close(h) }
        var input = utf8
        var out = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var inLeft = input.count, outLeft = out.count
        input.withUnsafeMutableBytes { ib in
            out.withUnsafeMutableBytes { ob in
                var ip: UnsafeMutablePointer<CChar>? = ib.baseAddress?.assumingMemoryBound(to: CChar.self)
                var op: UnsafeMutablePointer<CChar>? = ob.baseAddress?.assumingMemoryBound(to: CChar.self)
                _ = iconv(h, &ip, &inLeft, &op, &outLeft)
            }
        }
        return Array(out[0..<(out.count - outLeft)])
    }
}
