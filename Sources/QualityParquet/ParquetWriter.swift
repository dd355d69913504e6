import Foundation

/// A small Apache Parquet writer (format 2.x files, data page v1): enough
/// for `qindex export`'s canonical records, read back by pyarrow and DuckDB
/// in the tests. No Swift Parquet library resolves offline; this one writes
///
/// - flat schemas of `REQUIRED` or `OPTIONAL` columns: UTF-8 strings
///   (`BYTE_ARRAY`, logical type STRING), dates (`INT32`, DATE: days since
///   1970-01-01), 32- and 64-bit integers, doubles and booleans;
/// - PLAIN-encoded values, definition levels in the RLE/bit-packed hybrid
///   (bit-packed runs of width 1) for optional columns;
/// - dictionary encoding for a text, date or 32-bit integer column whose chunk repeats its values
///   (at most half as many distinct values as present ones, a dictionary of
///   at most 4 MiB): a dictionary page of the distinct values (PLAIN, in
///   first-seen order) and the data page's indices as one bit-packed run
///   (RLE_DICTIONARY), as pyarrow and Spark write them — region codes,
///   enums, products, agencies, years and 0/1 counts shrink to a few bits a
///   row; ids and other near-unique values stay PLAIN;
/// - uncompressed pages, one data page (and a dictionary page) per column
///   chunk, row groups of at most `rowGroupRows` rows;
/// - the footer (`FileMetaData`) in Thrift's compact protocol.
///
/// Format: https://github.com/apache/parquet-format (parquet.thrift).
public enum ParquetWriter {
    public enum Values: Sendable {
        case string([String?])
        case date([Int32?])
        case int32([Int32?])
        case int64([Int64?])
        case double([Double?])
        case bool([Bool?])
        /// Text as codes into a dictionary of UTF-8 values (`UInt32.max`: null):
        /// the columns of a loaded table, written without a `String` per row.
        case coded(codes: [UInt32], values: [[UInt8]])

        var count: Int {
            switch self {
            case .coded(let codes, _): return codes.count
            case .string(let v): return v.count
            case .date(let v): return v.count
            case .int32(let v): return v.count
            case .int64(let v): return v.count
            case .double(let v): return v.count
            case .bool(let v): return v.count
            }
        }
    }

    public struct Column: Sendable {
        public let name: String
        public let values: Values
        /// REQUIRED when false: every value must be present.
        public let optional: Bool
        public init(_ name: String, _ values: Values, optional: Bool = true) { self.name = name; self.values = values; self.optional = optional }
    }

    // parquet.thrift enums
    enum PhysicalType: Int32 { case boolean = 0, int32 = 1, int64 = 2, double = 5, byteArray = 6 }
    static let plain: Int32 = 0, rle: Int32 = 3, rleDictionary: Int32 = 8, uncompressed: Int32 = 0, dataPage: Int32 = 0, dictionaryPage: Int32 = 2

    /// The most bytes a dictionary page may hold before a chunk is written PLAIN.
    static let dictionaryLimit = 4 << 20

    static func physical(_ v: Values) -> PhysicalType {
        switch v {
        case .string, .coded: return .byteArray
        case .date, .int32: return .int32
        case .int64: return .int64
        case .double: return .double
        case .bool: return .boolean
        }
    }

    /// A whole file. Columns must have the same number of rows.
    public static func file(_ columns: [Column], rowGroupRows: Int = 1 << 20, createdBy: String = "qindex") -> [UInt8] {
        let rows = columns.first?.values.count ?? 0
        precondition(columns.allSatisfy { $0.values.count == rows }, "Parquet columns of unequal length")
        var out: [UInt8] = Array("PAR1".utf8)
        var groups: [(chunks: [Chunk], rows: Int64, bytes: Int64)] = []
        var start = 0
        repeat {
            let end = min(rows, start + max(1, rowGroupRows))
            var chunks: [Chunk] = []
            var total: Int64 = 0
            for c in columns {
                let pages = columnChunk(c, start..<end)
                let offset = Int64(out.count)
                if let d = pages.dictionary { out += d }
                chunks.append(Chunk(offset: offset, dataOffset: Int64(out.count), size: Int64(out.count) - offset + Int64(pages.data.count),
                                    values: Int64(end - start), dictionary: pages.dictionary != nil))
                out += pages.data
                total += chunks.last!.size
            }
            groups.append((chunks, Int64(end - start), total))
            start = end
        } while start < rows
        // The footer.
        var m = Thrift()
        m.i32(1, 1)  // version
        m.listOfStructs(2, count: columns.count + 1) { t, k in
            if k == 0 {
                t.string(4, "schema"); t.i32(5, Int32(columns.count))
            } else {
                let c = columns[k - 1]
                t.i32(1, physical(c.values).rawValue)
                t.i32(3, c.optional ? 1 : 0)  // repetition: REQUIRED 0, OPTIONAL 1
                t.string(4, c.name)
                switch c.values {
                case .string, .coded:
                    t.i32(6, 0)  // converted type UTF8
                    t.structField(10) { $0.structField(1) { _ in } }  // logical type STRING
                case .date:
                    t.i32(6, 6)  // converted type DATE
                    t.structField(10) { $0.structField(6) { _ in } }  // logical type DATE
                default: break
                }
            }
        }
        m.i64(3, Int64(rows))
        m.listOfStructs(4, count: groups.count) { t, g in
            let group = groups[g]
            t.listOfStructs(1, count: columns.count) { t, k in
                let chunk = group.chunks[k], c = columns[k]
                t.i64(2, chunk.offset)  // file_offset
                t.structField(3) { md in
                    md.i32(1, physical(c.values).rawValue)
                    md.listOfI32(2, (chunk.dictionary ? [plain, rle, rleDictionary] : (c.optional ? [plain, rle] : [plain])))
                    md.listOfStrings(3, [c.name])
                    md.i32(4, uncompressed)
                    md.i64(5, chunk.values)
                    md.i64(6, chunk.size)
                    md.i64(7, chunk.size)
                    md.i64(9, chunk.dataOffset)  // data_page_offset
                    if chunk.dictionary { md.i64(11, chunk.offset) }  // dictionary_page_offset
                }
            }
            t.i64(2, group.bytes)
            t.i64(3, group.rows)
        }
        m.string(6, createdBy)
        m.stop()
        out += m.bytes
        let length = UInt32(m.bytes.count)
        out += [UInt8(length & 0xFF), UInt8((length >> 8) & 0xFF), UInt8((length >> 16) & 0xFF), UInt8(length >> 24)]
        out += Array("PAR1".utf8)
        return out
    }

    /// Where a column chunk is in the file.
    struct Chunk {
        /// Its first page (the dictionary page where there is one), its data page, its bytes and rows.
        let offset: Int64, dataOffset: Int64, size: Int64, values: Int64
        let dictionary: Bool
    }

    /// One column chunk of `rows`: a dictionary page where the values repeat, and the data page.
    static func columnChunk(_ c: Column, _ rows: Range<Int>) -> (dictionary: [UInt8]?, data: [UInt8]) {
        switch c.values {
        case .string(let v):
            return dictionaryChunk(c, v, rows) { s, out in
                let b = Array(s.utf8)
                withUnsafeBytes(of: UInt32(b.count).littleEndian) { out += $0 }
                out += b
            } ?? (nil, dataPage(c, rows))
        case .int32(let v), .date(let v):
            return dictionaryChunk(c, v, rows) { x, out in withUnsafeBytes(of: x.littleEndian) { out += $0 } } ?? (nil, dataPage(c, rows))
        case .coded(let codes, let values):
            return codedChunk(c, codes, values, rows)
        default:
            return (nil, dataPage(c, rows))
        }
    }

    /// A coded column's chunk: the codes used in it get chunk-local indices
    /// (an array as long as the column's dictionary, no hashing), their
    /// values make the dictionary page; a chunk of near-unique values is
    /// written PLAIN from the values' bytes.
    static func codedChunk(_ c: Column, _ codes: [UInt32], _ values: [[UInt8]], _ rows: Range<Int>) -> (dictionary: [UInt8]?, data: [UInt8]) {
        var local = [Int32](repeating: -1, count: values.count)
        var used: [UInt32] = [], indices: [UInt32] = [], bytes = 0, present = 0
        indices.reserveCapacity(rows.count)
        var fits = true
        for i in rows {
            let code = codes[i]
            guard code != .max else { continue }
            present += 1
            var k = local[Int(code)]
            if k < 0 {
                k = Int32(used.count)
                local[Int(code)] = k
                used.append(code)
                bytes += 4 + values[Int(code)].count
                if bytes > dictionaryLimit { fits = false; break }
            }
            indices.append(UInt32(k))
        }
        precondition(c.optional || codes[rows].allSatisfy { $0 != .max }, "Parquet: a null in the required column \(c.name)")
        guard fits, present > 0, used.count * 2 <= present else { return (nil, plainCodedPage(c, codes, values, rows)) }
        var dictionary: [UInt8] = []
        dictionary.reserveCapacity(bytes)
        for code in used {
            let v = values[Int(code)]
            withUnsafeBytes(of: UInt32(v.count).littleEndian) { dictionary += $0 }
            dictionary += v
        }
        return dictionaryPages(c, rows, present: { codes[$0] != .max }, indices: indices, count: used.count, values: dictionary)
    }

    /// A coded column's data page, PLAIN: definition levels, then each present value's length and bytes.
    static func plainCodedPage(_ c: Column, _ codes: [UInt32], _ values: [[UInt8]], _ rows: Range<Int>) -> [UInt8] {
        var body: [UInt8] = []
        if c.optional { body += definitionLevels(rows.map { codes[$0] != .max }) }
        for i in rows where codes[i] != .max {
            let v = values[Int(codes[i])]
            withUnsafeBytes(of: UInt32(v.count).littleEndian) { body += $0 }
            body += v
        }
        return page(body, rows: rows.count, encoding: plain)
    }

    /// A page: its header (`PageHeader`: type, sizes, and the type's own
    /// header as field `field` with these i32 fields), then its body.
    static func page(_ type: Int32, _ body: [UInt8], field: Int16, _ fields: [Int32]) -> [UInt8] {
        var h = Thrift()
        h.i32(1, type)
        h.i32(2, Int32(body.count))
        h.i32(3, Int32(body.count))
        h.structField(field) { d in
            for (i, v) in fields.enumerated() { d.i32(Int16(i + 1), v) }
        }
        h.stop()
        return h.bytes + body
    }

    /// A data page (v1): values, encoding, definition and repetition levels' encodings.
    static func page(_ body: [UInt8], rows: Int, encoding: Int32) -> [UInt8] {
        page(dataPage, body, field: 5, [Int32(rows), encoding, rle, rle])
    }

    /// The dictionary page (`count` values, PLAIN) and the data page
    /// (definition levels, the indices' bit width, one bit-packed run).
    static func dictionaryPages(_ c: Column, _ rows: Range<Int>, present: (Int) -> Bool, indices: [UInt32], count: Int,
                                values: [UInt8]) -> (dictionary: [UInt8]?, data: [UInt8]) {
        var body: [UInt8] = []
        if c.optional { body += definitionLevels(rows.map(present)) }
        let width = max(1, UInt32.bitWidth - UInt32(count - 1).leadingZeroBitCount)
        body.append(UInt8(width))
        body += bitPackedRun(indices, width: width)
        return (page(dictionaryPage, values, field: 7, [Int32(count), plain]), page(body, rows: rows.count, encoding: rleDictionary))
    }

    /// The dictionary page (the distinct values, PLAIN, first-seen order) and
    /// the data page (definition levels, the indices' bit width, one
    /// bit-packed run of indices); nil where the values hardly repeat.
    static func dictionaryChunk<T: Hashable>(_ c: Column, _ v: [T?], _ rows: Range<Int>,
                                             plainValue: (T, inout [UInt8]) -> Void) -> (dictionary: [UInt8]?, data: [UInt8])? {
        var index: [T: UInt32] = [:], values: [UInt8] = [], present = 0
        var indices: [UInt32] = []
        indices.reserveCapacity(rows.count)
        for i in rows {
            guard let x = v[i] else { continue }
            present += 1
            if let k = index[x] { indices.append(k); continue }
            let k = UInt32(index.count)
            index[x] = k
            indices.append(k)
            plainValue(x, &values)
            if values.count > dictionaryLimit { return nil }
        }
        guard present > 0, index.count * 2 <= present else { return nil }
        precondition(c.optional || present == rows.count, "Parquet: a null in the required column \(c.name)")
        return dictionaryPages(c, rows, present: { v[$0] != nil }, indices: indices, count: index.count, values: values)
    }

    /// Values of `width` bits as one bit-packed run of the RLE / bit-packing
    /// hybrid (header, then groups of 8 values, least significant bit first).
    static func bitPackedRun(_ values: [UInt32], width: Int) -> [UInt8] {
        let groups = (values.count + 7) / 8
        var out = bitPackedHeader(groups: groups)
        let start = out.count
        out += [UInt8](repeating: 0, count: groups * width)  // 8 values × width bits = width bytes a group
        out.withUnsafeMutableBufferPointer { o in
            var bit = start * 8
            for v in values {
                var x = UInt64(v), left = width
                while left > 0 {
                    let byte = bit >> 3, shift = bit & 7, take = min(8 - shift, left)
                    o[byte] |= UInt8(truncatingIfNeeded: (x & ((1 << UInt64(take)) - 1)) << UInt64(shift))
                    x >>= UInt64(take); left -= take; bit += take
                }
            }
        }
        return out
    }

    /// One data page (v1) of `rows`: header, then definition levels (optional columns), then PLAIN values.
    static func dataPage(_ c: Column, _ rows: Range<Int>) -> [UInt8] {
        var body: [UInt8] = []
        var present: [Bool] = []
        func le<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { body += $0 } }
        switch c.values {
        case .string(let v):
            present = rows.map { v[$0] != nil }
            if c.optional { body += definitionLevels(present) }
            for i in rows { if let s = v[i] { let b = Array(s.utf8); le(UInt32(b.count)); body += b } }
        case .date(let v), .int32(let v):
            present = rows.map { v[$0] != nil }
            if c.optional { body += definitionLevels(present) }
            for i in rows { if let x = v[i] { le(x) } }
        case .int64(let v):
            present = rows.map { v[$0] != nil }
            if c.optional { body += definitionLevels(present) }
            for i in rows { if let x = v[i] { le(x) } }
        case .double(let v):
            present = rows.map { v[$0] != nil }
            if c.optional { body += definitionLevels(present) }
            for i in rows { if let x = v[i] { le(x.bitPattern) } }
        case .bool(let v):
            present = rows.map { v[$0] != nil }
            if c.optional { body += definitionLevels(present) }
            body += bitPacked(rows.compactMap { v[$0] })
        case .coded(let codes, let values):
            return plainCodedPage(c, codes, values, rows)
        }
        precondition(c.optional || present.allSatisfy { $0 }, "Parquet: a null in the required column \(c.name)")
        return page(body, rows: rows.count, encoding: plain)
    }

    /// Definition levels (max level 1) as one bit-packed run of the RLE /
    /// bit-packing hybrid, with its 4-byte length prefix.
    static func definitionLevels(_ present: [Bool]) -> [UInt8] {
        let run = bitPackedHeader(groups: (present.count + 7) / 8) + bitPacked(present)
        let n = UInt32(run.count)
        return [UInt8(n & 0xFF), UInt8((n >> 8) & 0xFF), UInt8((n >> 16) & 0xFF), UInt8(n >> 24)] + run
    }

    /// The header of a bit-packed run of the RLE / bit-packing hybrid: the
    /// number of groups of 8 values, shifted, with the low bit set, as ULEB128.
    static func bitPackedHeader(groups: Int) -> [UInt8] {
        var out: [UInt8] = []
        var header = UInt64(groups) << 1 | 1
        repeat {
            var b = UInt8(header & 0x7F); header >>= 7
            if header != 0 { b |= 0x80 }
            out.append(b)
        } while header != 0
        return out
    }

    /// Booleans, least significant bit first, padded to whole bytes.
    static func bitPacked(_ bits: [Bool]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
        for (i, b) in bits.enumerated() where b { out[i >> 3] |= 1 << UInt8(i & 7) }
        return out
    }
}

/// Thrift's compact protocol, the parts a Parquet footer needs.
struct Thrift {
    var bytes: [UInt8] = []
    private var last: [Int16] = [0]

    private mutating func varint(_ v: UInt64) {
        var v = v
        repeat {
            var b = UInt8(v & 0x7F); v >>= 7
            if v != 0 { b |= 0x80 }
            bytes.append(b)
        } while v != 0
    }
    private mutating func zigzag(_ v: Int64) { varint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }

    private mutating func field(_ id: Int16, _ type: UInt8) {
        let delta = id - last[last.count - 1]
        if delta > 0 && delta <= 15 { bytes.append(UInt8(delta) << 4 | type) } else { bytes.append(type); zigzag(Int64(id)) }
        last[last.count - 1] = id
    }

    mutating func i32(_ id: Int16, _ v: Int32) { field(id, 5); zigzag(Int64(v)) }
    mutating func i64(_ id: Int16, _ v: Int64) { field(id, 6); zigzag(v) }
    mutating func string(_ id: Int16, _ s: String) { field(id, 8); let b = Array(s.utf8); varint(UInt64(b.count)); bytes += b }
    mutating func stop() { bytes.append(0) }

    mutating func structField(_ id: Int16, _ body: (inout Thrift) -> Void) {
        field(id, 12)
        last.append(0); body(&self); stop(); last.removeLast()
    }

    private mutating func listHeader(_ count: Int, _ type: UInt8) {
        if count < 15 { bytes.append(UInt8(count) << 4 | type) } else { bytes.append(0xF0 | type); varint(UInt64(count)) }
    }

    mutating func listOfStructs(_ id: Int16, count: Int, _ body: (inout Thrift, Int) -> Void) {
        field(id, 9); listHeader(count, 12)
        for k in 0..<count { last.append(0); body(&self, k); stop(); last.removeLast() }
    }

    mutating func listOfI32(_ id: Int16, _ values: [Int32]) {
        field(id, 9); listHeader(values.count, 5)
        for v in values { zigzag(Int64(v)) }
    }

    mutating func listOfStrings(_ id: Int16, _ values: [String]) {
        field(id, 9); listHeader(values.count, 8)
        for s in values { let b = Array(s.utf8); varint(UInt64(b.count)); bytes += b }
    }
}
