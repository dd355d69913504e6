/// Interns byte strings as dense `UInt32` codes (dictionary encoding).
///
/// The hot path of ingestion: every categorical field (product, enterprise,
/// agency, batch id) is looked up here straight from the tokenizer's buffer,
/// without building a `String`. Bytes live in one arena; the table is open
/// addressing with linear probing over stored 64-bit hashes.
public struct ByteStringDictionary: Sendable {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Per slot: the hash's high 32 bits (a fingerprint) and entry index + 1
    /// (0 = empty), so most probes touch one cache line and no other array.
    private var slots: [UInt64]
    private var mask: Int

    /// Number of distinct strings interned so far.
    public var count: Int { hashes.count }

    public init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// Returns the code of `bytes`, adding it if it is new.
    @inlinable @inline(__always)
    public mutating func intern(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let h = ByteStringDictionary.hash(bytes)
        if let found = find(bytes, hash: h) { return found }
        return insertNew(bytes, hash: h)
    }

    /// Returns the code of `bytes`, or nil when it was never interned.
    @inlinable @inline(__always)
    public func code(of bytes: UnsafeRawBufferPointer) -> UInt32? {
        find(bytes, hash: ByteStringDictionary.hash(bytes))
    }

    /// Interns a Swift string (convenience for non-hot paths).
    public mutating func intern(_ string: String) -> UInt32 {
        var s = string
        return s.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// Looks up a Swift string (convenience for non-hot paths).
    public func code(of string: String) -> UInt32? {
        var s = string
        return s.withUTF8 { code(of: UnsafeRawBufferPointer($0)) }
    }

    /// The string for a code (decoded as UTF-8; invalid bytes are replaced).
    public func string(_ code: UInt32) -> String {
        let i = Int(code)
        return arena.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[starts[i]..<starts[i + 1]]), as: UTF8.self)
        }
    }

    /// Calls `body` with the raw bytes of a code.
    public func withBytes<R>(_ code: UInt32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let i = Int(code)
        return try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[starts[i]..<starts[i + 1]])) }
    }

    @usableFromInline
    func find(_ bytes: UnsafeRawBufferPointer, hash h: UInt64) -> UInt32? {
        var slot = Int(truncatingIfNeeded: h) & mask
        let fp = h & 0xFFFF_FFFF_0000_0000
        return slots.withUnsafeBufferPointer { table in
            while true {
                let entry = table[slot]
                if entry == 0 { return nil }
                if entry & 0xFFFF_FFFF_0000_0000 == fp {
                    let e = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                    if equalBytes(e, bytes) { return UInt32(e) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private func equalBytes(_ e: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let s = starts[e]
        let n = starts[e + 1] - s
        if n != bytes.count { return false }
        if n == 0 { return true }
        return arena.withUnsafeBytes { a in memcmpBytes(a.baseAddress! + s, bytes.baseAddress!, n) }
    }

    @usableFromInline
    mutating func insertNew(_ bytes: UnsafeRawBufferPointer, hash h: UInt64) -> UInt32 {
        let e = hashes.count
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        hashes.append(h)
        if hashes.count * 2 > slots.count { grow() } else { place(e, h) }
        return UInt32(e)
    }

    private mutating func place(_ e: Int, _ h: UInt64) {
        var slot = Int(truncatingIfNeeded: h) & mask
        let m = mask
        slots.withUnsafeMutableBufferPointer { table in
            while table[slot] != 0 { slot = (slot + 1) & m }
            table[slot] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(e + 1)
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for (e, h) in hashes.enumerated() { place(e, h) }
    }

    /// A fast, well-mixed 64-bit hash of a byte slice (8 bytes per step).
    @inlinable @inline(__always)
    public static func hash(_ p: UnsafeRawBufferPointer) -> UInt64 {
        let n = p.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        var i = 0
        while i + 8 <= n {
            let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(p[i]) << shift
            shift += 8
            i += 1
        }
        // MurmurHash3's fmix64 finaliser: every input bit reaches every output
        // bit, so both the slot (low bits) and the fingerprint (high bits) are good.
        h ^= tail
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}

@inline(__always)
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
    var i = 0
    while i + 8 <= n {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i += 8
    }
    while i < n {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}

/// An append-only list of byte strings addressed by position: the distinct
/// keys of a column whose codes were assigned by grouping, not by lookup
/// (enterprise keys), so no hash table is built for them.
public struct ByteStringList: Sendable {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]

    public init() {}

    public var count: Int { starts.count - 1 }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
    }

    /// The raw arena and offsets (for snapshots).
    public var storage: (arena: [UInt8], starts: [Int]) { (arena, starts) }

    public init(arena: [UInt8], starts: [Int]) {
        self.arena = arena
        self.starts = starts
    }

    /// The string at `code` (decoded as UTF-8).
    public func string(_ code: UInt32) -> String {
        let i = Int(code)
        return arena.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[starts[i]..<starts[i + 1]]), as: UTF8.self)
        }
    }
}
