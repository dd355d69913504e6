import CZlib
#if canImport(CIsal)
import CIsal
#endif

/// Raw deflate (RFC 1951, no zlib or gzip wrapper), as a ZIP entry stores
/// it, in pieces that can be compressed in parallel and joined: every piece
/// but the last ends with a sync flush (byte-aligned, not final), so the
/// pieces concatenated are one valid deflate stream (as pigz does). A piece
/// starts with an empty history, which costs a little ratio at each seam.
///
/// ISA-L's level-1 deflate when the build links it (the workbook's write
/// went from 2.1 to 1.05 s at 1M batches with it and the pieces together,
/// benchmarks/RESULTS.md run 14), zlib level 1 otherwise.
/// The bytes differ between the two backends but never between runs of one build.
enum RawDeflate {
    /// One compressed piece: its bytes, the CRC-32 and size of its input.
    struct Piece: Sendable {
        var bytes: [UInt8]
        var crc: UInt32
        var size: Int
    }

    /// Compresses `data`; `final` ends the stream, else a sync flush ends the piece.
    static func piece(_ data: [UInt8], final: Bool) -> Piece {
        let bytes = data.withUnsafeBufferPointer { input -> [UInt8] in
            #if canImport(CIsal)
            return isal(input, final: final)
            #else
            return zlib(input, final: final)
            #endif
        }
        return Piece(bytes: bytes, crc: crc(data), size: data.count)
    }

    /// One stream from pieces in order (the last one final).
    static func join(_ pieces: [Piece]) -> Piece {
        guard var joined = pieces.first else { return piece([], final: true) }
        joined.bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.bytes.count })
        for p in pieces.dropFirst() {
            joined.bytes += p.bytes
            joined.crc = UInt32(crc32_combine(uLong(joined.crc), uLong(p.crc), off_t(p.size)))
            joined.size += p.size
        }
        return joined
    }

    /// CRC-32 (ZIP's, the gzip polynomial): ISA-L's carry-less-multiply version where linked, else zlib's.
    static func crc(_ data: [UInt8]) -> UInt32 {
        data.withUnsafeBufferPointer { b in
            #if canImport(CIsal)
            return crc32_gzip_refl(0, b.baseAddress, UInt64(b.count))
            #else
            return UInt32(crc32(0, b.baseAddress, uInt(b.count)))
            #endif
        }
    }

    /// zlib level 1 (the sheets are ~100 MB of XML at 1M batches; level 6 costs 3× the time for 10% less).
    static func zlib(_ input: UnsafeBufferPointer<UInt8>, final: Bool) -> [UInt8] {
        var stream = z_stream()
        deflateInit2_(&stream, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 64)
        let produced = out.withUnsafeMutableBufferPointer { o -> Int in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            stream.next_out = o.baseAddress
            stream.avail_out = uInt(o.count)
            deflate(&stream, final ? Z_FINISH : Z_SYNC_FLUSH)
            return o.count - Int(stream.avail_out)
        }
        out.removeSubrange(produced...)
        return out
    }

    #if canImport(CIsal)
    static func isal(_ input: UnsafeBufferPointer<UInt8>, final: Bool) -> [UInt8] {
        var stream = isal_zstream()
        isal_deflate_init(&stream)
        let levelSize = Int(qindex_isal_level1_buffer_size())
        let levelBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: levelSize)
        defer { levelBuffer.deallocate() }
        stream.level = 1
        stream.level_buf = levelBuffer
        stream.level_buf_size = UInt32(levelSize)
        stream.gzip_flag = UInt16(IGZIP_DEFLATE)
        stream.flush = UInt16(final ? NO_FLUSH : SYNC_FLUSH)
        stream.end_of_stream = final ? 1 : 0
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = UInt32(input.count)
        // Incompressible input grows by a few bytes per 64 KiB stored block; the loop covers the rest.
        var out = [UInt8](repeating: 0, count: input.count + input.count / 16 + 1024)
        var produced = 0
        while true {
            let done = out.withUnsafeMutableBufferPointer { o -> Bool in
                stream.next_out = o.baseAddress! + produced
                stream.avail_out = UInt32(o.count - produced)
                isal_deflate(&stream)
                produced = o.count - Int(stream.avail_out)
                return stream.avail_in == 0 && stream.avail_out > 0
                    && (final ? stream.internal_state.state == ZSTATE_END : true)
            }
            if done { break }
            out += [UInt8](repeating: 0, count: out.count / 2 + 1024)
        }
        out.removeSubrange(produced...)
        return out
    }
    #endif
}
