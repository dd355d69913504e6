import Foundation
import QualityData
import QualityRuntime

/// A columnar snapshot of a loaded data set, so a second report over the
/// same files skips reading, inflating and parsing them.
///
/// One file per set of inputs and options (`<key>.qsnap`): the magic, the
/// header's length and a checksum of everything after it, a JSON header
/// (key, format version, file reports with their content digests, rejects,
/// product names, regions added outside GB/T 2260), then every column as raw
/// little-endian arrays, each padded to 8 bytes, read back through a memory
/// map. The key is the content: the SHA-256 of every input's bytes (read
/// through, not trusted from size, dates or inode), the mapping, the region
/// table, the encoding and the format version. A snapshot whose checksum,
/// header or digests disagree is ignored (and replaced), never trusted.
/// Pipes and other inputs that can be read only once are never cached.
public enum SamplingSnapshot {
    static let magic = Array("QINDEXSNAP\n".utf8)
    static let formatVersion = 5
    /// The schema's stored columns, the enterprise codes, the failed items
    /// (offsets, codes), the dictionaries × (arena, offsets), the enterprise keys (arena, offsets).
    static let sectionCount = SamplingSchema.stored.count + 3 + 2 * SamplingDictionary.allCases.count + 2
    /// Snapshots kept in a cache folder (the most recently used).
    public static let keep = 4

    struct Header: Codable {
        var key: String
        var version: Int
        var files: [FileReport]
        var rejects: [RejectedRow]
        var productNames: [String]
        var productCodeNames: [ProductCodeNames]
        var baseRegionCount: Int
        var otherRegions: [String]
        var batches: Int
        var sections: [Int]
    }

    static let checksumSeed: UInt64 = 0x5149_4E44_4558_0001
    static func addToChecksum(_ h: UInt64, _ section: UnsafeRawBufferPointer) -> UInt64 {
        (h ^ ByteStringDictionary.hash(section)) &* 0x9E37_79B9_7F4A_7C15
    }

    /// The key of a set of inputs and options, and each input's digest; nil
    /// when an input is not a regular file that can be read.
    public static func key(paths: [String], options: SamplingIngestOptions) -> (key: String, digests: [ContentDigest])? {
        var text = "v\(formatVersion)|\(SamplingSchema.layout)|enc=\(options.encoding?.rawValue ?? "auto")|regions=\(options.regions.fingerprint):\(options.regions.count)|"
        text += options.mapping.fingerprint
        var digests: [ContentDigest] = []
        for p in paths {
            guard let d = ContentDigest.ofFile(p) else { return nil }
            digests.append(d)
            text += "|\(d.size):\(d.sha256)"
        }
        return (String(ContentDigest.of(text).sha256.prefix(32)), digests)
    }

    /// Whether rows loaded on another day load the same way on `asOf`: no
    /// date kept lies after it, and no date rejected as `future_date` has
    /// come since (so the cache is not keyed on the day of the run).
    static func validOn(_ asOf: Int32, _ files: [FileReport]) -> Bool {
        let t = files.total
        if let d = t.lastDay, d > asOf { return false }
        if let d = t.latestDay, d > asOf { return false }
        if let d = t.earliestFutureDay, d <= asOf { return false }
        let year = CivilDate.civil(asOf).year
        if let y = t.latestYear, y > year { return false }
        if let y = t.earliestFutureYear, y <= year { return false }
        return true
    }

    /// Removes all but the `keep` most recently modified snapshots in `dir`.
    /// Also removes the temporary files of writes that were killed (their
    /// process is gone).
    public static func prune(_ dir: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir) else { return }
        for name in names {
            guard let r = name.range(of: ".qsnap.tmp-"), let pid = Int32(name[r.upperBound...]) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? fm.removeItem(atPath: (dir as NSString).appendingPathComponent(name)) }
        }
        let snaps = names.filter { $0.hasSuffix(".qsnap") }.map { (dir as NSString).appendingPathComponent($0) }
        let dated = snaps.map { p in (p, (try? fm.attributesOfItem(atPath: p)[.modificationDate] as? Date) ?? .distantPast) }
        for (p, _) in dated.sorted(by: { $0.1 > $1.1 }).dropFirst(keep) { try? fm.removeItem(atPath: p) }
    }

    // MARK: write

    /// One section of the file: a column's bytes, read in place.
    struct Section {
        let byteCount: Int
        let bytes: ((UnsafeRawBufferPointer) -> Void) -> Void
        init<T>(_ a: [T]) {
            byteCount = a.count * MemoryLayout<T>.stride
            bytes = { body in a.withUnsafeBytes(body) }
        }
    }

    public static func write(_ r: SamplingIngestResult, key: String, to path: String, baseRegions: RegionTable) throws {
        let t = r.table
        // The columns are written from their own memory: no second copy of the table.
        var sections: [Section] = SamplingSchema.stored.map { spec in
            switch spec.storage! {
            case .byte(let p): return Section(t[keyPath: p])
            case .code(let p, _): return Section(t[keyPath: p])
            case .day(let p), .region(let p): return Section(t[keyPath: p])
            case .year(let p): return Section(t[keyPath: p])
            }
        }
        sections += [Section(t.enterprise), Section(t.itemOffsets), Section(t.items)]
        for d in SamplingDictionary.allCases.map({ t[keyPath: $0.path] }) {
            var arena: [UInt8] = []
            var starts: [Int64] = [0]
            for c in 0..<d.count {
                d.withBytes(UInt32(c)) { arena.append(contentsOf: $0) }
                starts.append(Int64(arena.count))
            }
            sections += [Section(arena), Section(starts)]
        }
        let (ea, es) = t.enterprises.storage
        sections += [Section(ea), Section(es.map(Int64.init))]
        let others = (baseRegions.count..<t.regions.count).map { t.regions[Int32($0)].code }
        let header = Header(key: key, version: formatVersion, files: r.files, rejects: r.rejects, productNames: t.productNames,
                            productCodeNames: t.productCodeNames, baseRegionCount: baseRegions.count, otherRegions: others, batches: t.count, sections: sections.map(\.byteCount))
        let json = try JSONEncoder().encode(header)
        // One checksum over the header and every section: a flipped bit anywhere is caught.
        var sum = json.withUnsafeBytes { addToChecksum(checksumSeed, $0) }
        for s in sections { s.bytes { sum = addToChecksum(sum, $0) } }
        var head = Data(magic)
        var n = UInt64(json.count).littleEndian
        head.append(Data(bytes: &n, count: 8))
        var c = sum.littleEndian
        head.append(Data(bytes: &c, count: 8))
        head.append(json)
        pad(&head)
        // Written section by section to a temporary file, then renamed: no
        // half-written snapshot under the real name.
        let tmp = path + ".tmp-\(getpid())"
        unlink(tmp)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_EXCL, 0o600)
        guard fd >= 0 else { throw IngestError.cannotOpen(path: tmp, reason: String(cString: strerror(errno))) }
        var ok = head.withUnsafeBytes { writeAll(fd, $0) }
        let zeros = [UInt8](repeating: 0, count: 8)
        for s in sections where ok {
            s.bytes { ok = writeAll(fd, $0) }
            if ok && s.byteCount % 8 != 0 { ok = zeros.withUnsafeBytes { writeAll(fd, UnsafeRawBufferPointer(rebasing: $0[0..<(8 - s.byteCount % 8)])) } }
        }
        let reason = ok ? "" : String(cString: strerror(errno))
        close(fd)
        guard ok, rename(tmp, path) == 0 else {
            let why = ok ? String(cString: strerror(errno)) : reason
            unlink(tmp)
            throw IngestError.cannotOpen(path: path, reason: why)
        }
    }

    /// Writes every byte (write(2) may write fewer than asked); false on an error.
    private static func writeAll(_ fd: Int32, _ b: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < b.count {
            let k = Foundation.write(fd, b.baseAddress! + done, min(b.count - done, 1 << 30))
            if k < 0 && errno == EINTR { continue }
            if k <= 0 { return false }
            done += k
        }
        return true
    }

    static func pad(_ d: inout Data) {
        let r = d.count % 8
        if r != 0 { d.append(contentsOf: [UInt8](repeating: 0, count: 8 - r)) }
    }

    // MARK: read

    /// The snapshot at `path` if it exists, is intact, has `key` and was
    /// made from inputs with these digests; else nil.
    public static func read(path: String, key: String, digests: [ContentDigest], regions: RegionTable,
                            asOf: Int32 = CivilDate.today) -> SamplingIngestResult? {
        guard FileManager.default.fileExists(atPath: path),
              let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return nil }
        return data.withUnsafeBytes { buf -> SamplingIngestResult? in
            guard buf.count >= magic.count + 16, Array(buf[0..<magic.count]) == magic else { return nil }
            let jsonLength = Int(UInt64(littleEndian: buf.loadUnaligned(fromByteOffset: magic.count, as: UInt64.self)))
            let sum = UInt64(littleEndian: buf.loadUnaligned(fromByteOffset: magic.count + 8, as: UInt64.self))
            var offset = magic.count + 16
            guard jsonLength > 0, jsonLength <= buf.count - offset else { return nil }
            let json = UnsafeRawBufferPointer(rebasing: buf[offset..<offset + jsonLength])
            guard let header = try? JSONDecoder().decode(Header.self, from: Data(json)),
                  header.key == key, header.version == formatVersion, header.baseRegionCount == regions.count,
                  header.sections.count == sectionCount else { return nil }
            offset += jsonLength
            offset += (8 - offset % 8) % 8
            var sections: [UnsafeRawBufferPointer] = []
            for size in header.sections {
                guard size >= 0, offset + size <= buf.count else { return nil }
                sections.append(UnsafeRawBufferPointer(rebasing: buf[offset..<offset + size]))
                offset += size
                offset += (8 - offset % 8) % 8
            }
            guard sections.reduce(addToChecksum(checksumSeed, json), addToChecksum) == sum,
                  header.files.map(\.digest) == digests.map(Optional.some), validOn(asOf, header.files) else { return nil }
            var k = 0
            func next<T>(_: T.Type) -> [T]? {
                let s = sections[k]
                k += 1
                guard s.count % MemoryLayout<T>.stride == 0 else { return nil }
                let n = s.count / MemoryLayout<T>.stride
                return [T](unsafeUninitializedCapacity: n) { dst, count in
                    if n > 0 { UnsafeMutableRawPointer(dst.baseAddress!).copyMemory(from: s.baseAddress!, byteCount: s.count) }
                    count = n
                }
            }
            var t = SamplingTable(regions: regions)
            for code in header.otherRegions { _ = t.regions.addOther(code: code) }
            let n = header.batches
            func column<T>(_: T.Type) -> [T]? { next(T.self).flatMap { $0.count == n ? $0 : nil } }
            for spec in SamplingSchema.stored {
                switch spec.storage! {
                case .byte(let p): guard let c = column(UInt8.self) else { return nil }; t[keyPath: p] = c
                case .code(let p, _): guard let c = column(UInt32.self) else { return nil }; t[keyPath: p] = c
                case .day(let p): guard let c = column(Int32.self) else { return nil }; t[keyPath: p] = c
                case .region(let p):
                    guard let c = column(Int32.self), c.allSatisfy({ $0 >= 0 && Int($0) < t.regions.count }) else { return nil }
                    t[keyPath: p] = c
                case .year(let p): guard let c = column(Int16.self) else { return nil }; t[keyPath: p] = c
                }
            }
            guard let enterprise = column(UInt32.self), let itemOffsets = next(Int32.self), let items = next(UInt32.self),
                  itemOffsets.count == n + 1 else { return nil }
            t.enterprise = enterprise; t.itemOffsets = itemOffsets; t.items = items
            func dictionary() -> ByteStringDictionary? {
                guard let arena = next(UInt8.self), let starts = next(Int64.self), !starts.isEmpty else { return nil }
                var d = ByteStringDictionary(capacity: starts.count)
                for i in 0..<(starts.count - 1) {
                    let a = Int(starts[i]), b = Int(starts[i + 1])
                    guard a <= b, b <= arena.count else { return nil }
                    let code = arena.withUnsafeBytes { d.intern(UnsafeRawBufferPointer(rebasing: $0[a..<b])) }
                    guard code == UInt32(i) else { return nil }
                }
                return d
            }
            for d in SamplingDictionary.allCases {
                guard let dict = dictionary() else { return nil }
                t[keyPath: d.path] = dict
            }
            guard let entArena = next(UInt8.self), let entStarts = next(Int64.self),
                  t.products.count == header.productNames.count else { return nil }
            t.productNames = header.productNames
            t.productCodeNames = header.productCodeNames
            guard entStarts.first == 0, entStarts.last.map({ Int($0) == entArena.count }) ?? false else { return nil }
            t.enterprises = ByteStringList(arena: entArena, starts: entStarts.map { Int($0) })
            return SamplingIngestResult(table: t, files: header.files, rejects: header.rejects)
        }
    }
}

extension Mapping {
    /// A canonical text of everything that changes how rows load (for snapshot keys).
    public var fingerprint: String {
        var s = "name=\(name)|dates=\(dateOrder.rawValue)|enc=\(encoding?.rawValue ?? "")|sep=\(separator.map(String.init) ?? "")"
        s += "|regions=\(regionScheme.rawValue)|lineIds=\(batchIdFromLine)"
        s += "|headers=" + headers.map { "\($0.key)>\($0.value.rawValue)" }.sorted().joined(separator: ",")
        s += "|user=" + userHeaders.sorted().joined(separator: ",") + "|ignore=" + ignoredHeaders.sorted().joined(separator: ",")
        for (c, m) in values.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            s += "|values.\(c.rawValue)=" + m.map { "\($0.key)>\($0.value)" }.sorted().joined(separator: ",")
        }
        s += "|defaults=" + defaults.map { "\($0.key.rawValue)>\($0.value)" }.sorted().joined(separator: ",")
        return s
    }
}
