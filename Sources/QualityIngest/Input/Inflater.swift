import CZlib
#if canImport(CIsal)
import CIsal
#endif

/// Which inflate implementation reads gzip input.
public enum InflateBackend: String, Sendable, CaseIterable {
    /// ISA-L's igzip when the build found libisal, zlib otherwise.
    case auto
    case zlib
    /// Intel ISA-L igzip (Debian libisal-dev): ~5× zlib's speed.
    case isal

    /// True when this build links ISA-L (Package.swift adds it when
    /// `/usr/include/isa-l/igzip_lib.h` exists at build time).
    public static var isalAvailable: Bool {
        #if canImport(CIsal)
        return true
        #else
        return false
        #endif
    }

    /// The implementation `auto` stands for on this build.
    public var resolved: InflateBackend { self == .auto ? (Self.isalAvailable ? .isal : .zlib) : self }
}

/// Result of one inflate call.
enum InflateStep {
    case progress
    /// The current gzip member ended (its trailer checked).
    case memberEnd
    case failure(String)
}

/// One gzip member at a time; the caller handles member boundaries.
protocol Inflater: AnyObject {
    func startMember() throws
    func inflate(_ input: UnsafeMutablePointer<UInt8>, _ inCount: Int, _ output: UnsafeMutablePointer<UInt8>, _ outCount: Int)
        -> (consumed: Int, produced: Int, step: InflateStep)
}

func makeInflater(_ backend: InflateBackend) throws -> Inflater {
    switch backend.resolved {
    case .isal:
        #if canImport(CIsal)
        return IsalInflater()
        #else
        throw InflaterError.unavailable
        #endif
    default: return ZlibInflater()
    }
}

enum InflaterError: Error { case unavailable, initFailed(Int32) }

final class ZlibInflater: Inflater {
    private var stream = z_stream()
    private var active = false

    deinit { if active { inflateEnd(&stream) } }

    func startMember() throws {
        if active { inflateEnd(&stream) }
        stream = z_stream()
        let rc = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw InflaterError.initFailed(rc) }
        active = true
    }

    func inflate(_ input: UnsafeMutablePointer<UInt8>, _ inCount: Int, _ output: UnsafeMutablePointer<UInt8>, _ outCount: Int)
        -> (consumed: Int, produced: Int, step: InflateStep) {
        stream.next_in = input
        stream.avail_in = UInt32(inCount)
        stream.next_out = output
        stream.avail_out = UInt32(outCount)
        let rc = CZlib.inflate(&stream, Z_NO_FLUSH)
        let consumed = inCount - Int(stream.avail_in), produced = outCount - Int(stream.avail_out)
        switch rc {
        case Z_OK, Z_BUF_ERROR: return (consumed, produced, .progress)
        case Z_STREAM_END:
            inflateEnd(&stream)
            active = false
            return (consumed, produced, .memberEnd)
        default:
            return (consumed, produced, .failure(stream.msg.map { String(cString: $0) } ?? "zlib error \(rc)"))
        }
    }
}

#if canImport(CIsal)
final class IsalInflater: Inflater {
    private let state = UnsafeMutablePointer<inflate_state>.allocate(capacity: 1)

    deinit { state.deallocate() }

    func startMember() throws {
        isal_inflate_init(state)
        state.pointee.crc_flag = UInt32(ISAL_GZIP)
    }

    func inflate(_ input: UnsafeMutablePointer<UInt8>, _ inCount: Int, _ output: UnsafeMutablePointer<UInt8>, _ outCount: Int)
        -> (consumed: Int, produced: Int, step: InflateStep) {
        state.pointee.next_in = input
        state.pointee.avail_in = UInt32(inCount)
        state.pointee.next_out = output
        state.pointee.avail_out = UInt32(outCount)
        let rc = isal_inflate(state)
        let consumed = inCount - Int(state.pointee.avail_in), produced = outCount - Int(state.pointee.avail_out)
        if rc < 0 {
            let what: String
            switch rc {
            case ISAL_INVALID_BLOCK: what = "invalid deflate block"
            case ISAL_INVALID_SYMBOL: what = "invalid deflate symbol"
            case ISAL_INVALID_LOOKBACK: what = "invalid lookback distance"
            case ISAL_INVALID_WRAPPER: what = "invalid gzip header"
            case ISAL_UNSUPPORTED_METHOD: what = "unsupported compression method"
            case ISAL_INCORRECT_CHECKSUM: what = "incorrect data check"
            default: what = "isa-l error \(rc)"
            }
            return (consumed, produced, .failure(what))
        }
        if state.pointee.block_state == ISAL_BLOCK_FINISH { return (consumed, produced, .memberEnd) }
        return (consumed, produced, .progress)
    }
}
#endif
