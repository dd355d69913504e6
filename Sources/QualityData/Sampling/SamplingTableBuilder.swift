import Foundation
import QualityRuntime

/// What happened to a row offered to the builder.
public enum BatchMerge: Equatable, Sendable {
    /// A new batch.
    case new
    /// A continuation row of an existing batch (its failed items were unioned).
    case continuation
    /// The same row content as an earlier row of the batch: counted once.
    case duplicate
    /// The row's result differs from the batch's first row (in `file`, `line`).
    case conflict(file: Int, line: Int)
}

/// A batch dropped at the end because its rows disagree on the result.
public struct DroppedBatch: Sendable, Equatable {
    public let batchId: String
    public let file: Int
    public let line: Int
}

/// A batch whose id turned up again later, non-adjacent or in another file
/// or chunk: found at ``SamplingTableBuilder/finish()`` and merged into the
/// earliest batch with that id. Its first row had been counted as loaded.
public struct LateMerge: Sendable, Equatable {
    /// `continuationWasDuplicate`: a row that had merged into the batch in its
    /// own chunk (counted as a continuation, not as loaded) repeats a row of
    /// the batch it now merges into — a duplicate. Where a chunk boundary
    /// falls must not change the count (fuzz finding duplicates-count-differs).
    public enum Kind: Sendable, Equatable { case continuation, duplicate, conflict, continuationWasDuplicate }
    public let kind: Kind
    /// First row of the batch that merged away.
    public let file: Int
    public let line: Int
    /// First row of the batch it merged into.
    public let intoFile: Int
    public let intoLine: Int
    public let batchId: String
    /// The result its row was read as (a conflict names it).
    public let outcome: SamplingOutcome
}

/// Builds a ``SamplingTable`` row by row, merging rows of the same batch.
///
/// A batch may span several rows (one per failed item): rows with the same
/// batch id are one batch and their failed items are unioned; an exact
/// repeat of a row is a duplicate; rows that disagree on the result make the
/// whole batch an error, dropped at ``finish()``.
///
/// Rows of a batch usually follow each other, so ``add`` only compares a row
/// with the previous batch; ids are kept in an append-only arena with their
/// hashes. ``finish()`` then finds ids that recur anywhere (other lines,
/// files or chunks) by bucketing the hashes — sequential passes instead of a
/// hash-table probe per row — and merges them in file order.
public struct SamplingTableBuilder: Sendable {
    /// The table's dictionaries, regions and product names while rows are
    /// added; its per-batch columns are filled at ``finish()``.
    public var table: SamplingTable
    /// The stored columns of ``SamplingSchema`` by slot, in row order until
    /// ``finish()`` gathers them into the table.
    private var bytes = [[UInt8]](repeating: [], count: SamplingSchema.byteCount)
    private var codes = [[UInt32]](repeating: [], count: SamplingSchema.codeCount)
    private var ints = [[Int32]](repeating: [], count: SamplingSchema.intCount)
    private var years: [Int16] = []
    private var idArena: [UInt8] = []
    private var idStart: [Int] = [0]
    private var idHash: [UInt64] = []
    /// Enterprise key (credit code, or name) per batch, grouped into codes at
    /// ``finish()`` like ids: no hash-table probe per row for a column with
    /// up to millions of distinct values. `entHash` 0 with an empty key = none.
    private var entArena: [UInt8] = []
    private var entStart: [Int] = [0]
    private var entHash: [UInt64] = []
    private var firstFile: [UInt16] = []
    private var firstLine: [Int32] = []
    private var rowHashes: [UInt64] = []
    private var extraHashes: [Int32: [UInt64]] = [:]
    /// Failed items as (batch, item) pairs in row order; laid out per batch
    /// (deduplicated, first occurrence first) by a counting sort at the end.
    private var itemBatch: [Int32] = []
    private var itemCode: [UInt32] = []
    private var conflicted: Set<Int32> = []
    /// Whether the rows give a product code and a product name: then each
    /// batch's name is kept until ``finish()``, which names the codes that
    /// carry several names (``SamplingTable/productCodeNames``).
    public var tracksProductNames = false
    private var productName: [UInt32] = []
    private var productNameTexts = ByteStringDictionary()

    public init(regions: RegionTable) { table = SamplingTable(regions: regions) }

    /// The code of a product name, for ``add(batchId:row:items:rowHash:file:line:enterprise:productName:)``
    /// (where ``tracksProductNames``).
    public mutating func internProductName(_ name: UnsafeRawBufferPointer) -> UInt32 { productNameTexts.intern(name) }

    /// Reserves room for about `batches` batches with `bytesPerBatch` of id
    /// and enterprise key each, so the columns are allocated once instead of
    /// being copied as they grow (at 10⁷ rows the copies and their page
    /// faults cost seconds).
    public mutating func reserve(batches n: Int, keyBytes: Int) {
        for s in bytes.indices { bytes[s].reserveCapacity(n) }
        for s in codes.indices { codes[s].reserveCapacity(n) }
        for s in ints.indices { ints[s].reserveCapacity(n) }
        years.reserveCapacity(n)
        idStart.reserveCapacity(n + 1); idHash.reserveCapacity(n); entStart.reserveCapacity(n + 1); entHash.reserveCapacity(n)
        firstFile.reserveCapacity(n); firstLine.reserveCapacity(n); rowHashes.reserveCapacity(n)
        idArena.reserveCapacity(keyBytes); entArena.reserveCapacity(keyBytes)
    }

    /// Average bytes of batch id and enterprise key per batch so far.
    public var keyBytesPerBatch: (id: Double, enterprise: Double) {
        batchCount == 0 ? (0, 0) : (Double(idArena.count) / Double(batchCount), Double(entArena.count) / Double(batchCount))
    }

    public var batchCount: Int { years.count }

    /// The code of a text in one of the table's dictionaries (adding it).
    @inline(__always)
    public mutating func intern(_ text: UnsafeRawBufferPointer, in d: SamplingDictionary) -> UInt32 {
        switch d {
        case .products: return table.products.intern(text)
        case .agencies: return table.agencies.intern(text)
        case .industries: return table.industries.intern(text)
        case .itemNames: return table.itemNames.intern(text)
        case .texts: return table.texts.intern(text)
        }
    }

    /// Adds a row. `items` are failed-item codes from ``SamplingTable/itemNames``;
    /// `rowHash` identifies the row's content (for duplicate detection).
    /// Merges only with the previous batch; other repeats are found at ``finish()``.
    /// `enterprise` is the batch's enterprise key (credit code or name), if any;
    /// `row.enterprise` is ignored (codes are assigned at ``finish()``).
    public mutating func add(
        batchId: UnsafeRawBufferPointer, row: BatchRow, items: UnsafeBufferPointer<UInt32>,
        rowHash: UInt64, file: Int, line: Int, enterprise: UnsafeRawBufferPointer? = nil, productName name: UInt32 = missingDictionaryCode
    ) -> BatchMerge {
        let h = ByteStringDictionary.hash(batchId) | 1  // never 0: 0 means "no key" to the grouping
        let last = batchCount - 1
        if last >= 0 && idHash[last] == h && sameId(last, batchId) {
            return mergeRow(into: last, row: row, items: items, rowHash: rowHash)
        }
        appendBatch(row, id: batchId, hash: h, file: file, line: line, rowHash: rowHash)
        if tracksProductNames { productName.append(name) }
        if let enterprise {
            entArena.append(contentsOf: enterprise)
            entHash.append(ByteStringDictionary.hash(enterprise) | 1)  // never 0: 0 marks "none"
        } else {
            entHash.append(0)
        }
        entStart.append(entArena.count)
        for it in items { itemBatch.append(Int32(last + 1)); itemCode.append(it) }
        return .new
    }

    private func sameId(_ i: Int, _ id: UnsafeRawBufferPointer) -> Bool {
        let s = idStart[i], n = idStart[i + 1] - s
        guard n == id.count else { return false }
        return idArena.withUnsafeBytes { a in n == 0 || memcmpBytes(a.baseAddress! + s, id.baseAddress!, n) }
    }

    /// The result of a batch whose rows say (outcome, re-test) `a` and `b`
    /// (the outcome being the final result): nil when they disagree. A
    /// re-test given on one row only is the batch's re-test (exports fill
    /// it once per batch); the first results must agree, and so must two
    /// re-tests that are both given.
    static func combine(_ a: (UInt8, UInt8), _ b: (UInt8, UInt8)) -> (outcome: UInt8, retest: UInt8)? {
        let fail = SamplingOutcome.fail.rawValue
        let firstA = a.1 == missingEnumCode ? a.0 : fail, firstB = b.1 == missingEnumCode ? b.0 : fail
        guard firstA == firstB else { return nil }
        if a.1 != missingEnumCode && b.1 != missingEnumCode && a.1 != b.1 { return nil }
        let retest = a.1 != missingEnumCode ? a.1 : b.1
        return (retest != missingEnumCode ? retest : a.0, retest)
    }

    private static let retestSlot = SamplingColumn.retestResult.spec.slot, retestDaySlot = SamplingColumn.retestDate.spec.slot

    /// Batch `i` takes the result of merging with a row or batch whose outcome,
    /// re-test and re-test date are given; false when they conflict.
    private mutating func absorbResult(into i: Int, outcome: UInt8, retest: UInt8, retestDay: Int32) -> Bool {
        let o = SamplingSchema.outcomeSlot, r = Self.retestSlot
        guard let c = Self.combine((bytes[o][i], bytes[r][i]), (outcome, retest)) else { return false }
        if bytes[r][i] == missingEnumCode && retest != missingEnumCode { ints[Self.retestDaySlot][i] = retestDay }
        bytes[o][i] = c.outcome
        bytes[r][i] = c.retest
        return true
    }

    private mutating func mergeRow(into i: Int, row: BatchRow, items: UnsafeBufferPointer<UInt32>, rowHash: UInt64) -> BatchMerge {
        if rowHashes[i] == rowHash || extraHashes[Int32(i)]?.contains(rowHash) == true { return .duplicate }
        if !absorbResult(into: i, outcome: row[byte: .result], retest: row[byte: .retestResult], retestDay: row[int: .retestDate]) {
            conflicted.insert(Int32(i))
            return .conflict(file: Int(firstFile[i]), line: Int(firstLine[i]))
        }
        extraHashes[Int32(i), default: []].append(rowHash)
        if !items.isEmpty { unionItems(into: i, items) }
        return .continuation
    }

    /// Adds items to batch `i`, the last batch (rows of a batch that follow
    /// each other): its pairs are the trailing ones, so only those are checked.
    private mutating func unionItems(into i: Int, _ items: UnsafeBufferPointer<UInt32>) {
        for it in items {
            var k = itemBatch.count - 1
            var present = false
            while k >= 0 && itemBatch[k] == Int32(i) {
                if itemCode[k] == it { present = true; break }
                k -= 1
            }
            if !present { itemBatch.append(Int32(i)); itemCode.append(it) }
        }
    }

    private mutating func appendBatch(_ r: BatchRow, id: UnsafeRawBufferPointer, hash: UInt64, file: Int, line: Int, rowHash: UInt64) {
        for s in 0..<bytes.count { bytes[s].append(r.bytes[s]) }
        for s in 0..<codes.count { codes[s].append(r.codes[s]) }
        for s in 0..<ints.count { ints[s].append(r.ints[s]) }
        years.append(r.year)
        idArena.append(contentsOf: id)
        idStart.append(idArena.count)
        idHash.append(hash)
        firstFile.append(UInt16(truncatingIfNeeded: file))
        firstLine.append(Int32(truncatingIfNeeded: line))
        rowHashes.append(rowHash)
    }

    /// Appends every batch of `other` (another file or chunk), re-coding its
    /// dictionaries. Repeated ids are merged at ``finish()``.
    public mutating func absorb(_ other: SamplingTableBuilder) {
        let o = other.table
        var maps: [[UInt32]] = []
        for d in SamplingDictionary.allCases {
            maps.append(remap(o[keyPath: d.path]) { table[keyPath: d.path].intern($0) })
        }
        for p in table.productNames.count..<table.products.count {
            let src = o.products.code(of: table.products.string(UInt32(p)))!
            table.productNames.append(o.productNames[Int(src)])
        }
        let regionMap = (0..<o.regions.count).map { r -> Int32 in
            let code = o.regions[Int32(r)].code
            return table.regions.index(ofCode: code) ?? table.regions.addOther(code: code)
        }
        func m(_ map: [UInt32], _ c: UInt32) -> UInt32 { c == missingDictionaryCode ? c : map[Int(c)] }
        let base = batchCount
        for spec in SamplingSchema.stored {
            switch spec.storage! {
            case .byte: bytes[spec.slot] += other.bytes[spec.slot]
            case .code(_, let d): codes[spec.slot] += other.codes[spec.slot].map { m(maps[d.rawValue], $0) }
            case .day: ints[spec.slot] += other.ints[spec.slot]
            case .region: ints[spec.slot] += other.ints[spec.slot].map { regionMap[Int($0)] }
            case .year: years += other.years
            }
        }
        if tracksProductNames || other.tracksProductNames {
            // A builder that did not track names (another file's) gets "no name" for its batches so far.
            if productName.count < base { productName += Array(repeating: missingDictionaryCode, count: base - productName.count) }
            tracksProductNames = true
            let names = remap(other.productNameTexts) { productNameTexts.intern($0) }
            productName += other.tracksProductNames ? other.productName.map { m(names, $0) }
                                                    : Array(repeating: missingDictionaryCode, count: other.batchCount)
        }
        let entBase = entArena.count
        entArena += other.entArena
        entStart += other.entStart.dropFirst().map { $0 + entBase }
        entHash += other.entHash
        let arenaBase = idArena.count
        idArena += other.idArena
        idStart += other.idStart.dropFirst().map { $0 + arenaBase }
        idHash += other.idHash
        firstFile += other.firstFile
        firstLine += other.firstLine
        rowHashes += other.rowHashes
        for (b, hs) in other.extraHashes { extraHashes[Int32(base) + b] = hs }
        itemBatch += other.itemBatch.map { $0 + Int32(base) }
        itemCode += other.itemCode.map { maps[SamplingDictionary.itemNames.rawValue][Int($0)] }
        for b in other.conflicted { conflicted.insert(Int32(base) + b) }
    }

    private func remap(_ d: ByteStringDictionary, _ intern: (UnsafeRawBufferPointer) -> UInt32) -> [UInt32] {
        (0..<d.count).map { c in d.withBytes(UInt32(c)) { intern($0) } }
    }

    private func idString(_ i: Int) -> String {
        idArena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[idStart[i]..<idStart[i + 1]]), as: UTF8.self) }
    }

    /// For each element, the index of the earliest element with an equal key
    /// (itself when it is the first); elements with hash 0 are skipped (-1).
    ///
    /// Radix-partitions (hash, index) pairs in two stable counting passes —
    /// by the hash's top 8 bits over the whole array (256 output streams stay
    /// in cache), then by the next 8 bits within each partition (which fits
    /// in cache) — so each of the 65,536 final buckets lists its elements in
    /// index order. A bucket is then resolved in one pass through a small
    /// open-addressing table of 32 more hash bits: no sort, and bytes are
    /// compared only where 40 hash bits agree.
    static func firstOccurrence(hashes idHash: [UInt64], equal: (Int, Int) -> Bool) -> [Int32] {
        let n = idHash.count
        var first = [Int32](repeating: -1, count: n)
        // An entry: hash bits 24…55 (the second partition's 8 bits on top), then the index.
        @inline(__always) func entry(_ h: UInt64, _ i: Int) -> UInt64 { ((h >> 24) & 0xFFFF_FFFF) << 32 | UInt64(i) }
        var top = [Int](repeating: 0, count: 257)
        for h in idHash where h != 0 { top[Int(h >> 56) + 1] += 1 }
        for b in 0..<256 { top[b + 1] += top[b] }
        var packed = [UInt64](repeating: 0, count: top[256])
        packed.withUnsafeMutableBufferPointer { p in
            var fill = top
            idHash.withUnsafeBufferPointer { hs in
                for i in 0..<n where hs[i] != 0 {
                    let b = Int(hs[i] >> 56)
                    p[fill[b]] = entry(hs[i], i)
                    fill[b] += 1
                }
            }
            let largest = (0..<256).map { top[$0 + 1] - top[$0] }.max() ?? 0
            var scratch = [UInt64](repeating: 0, count: largest)
            var table = ResolveTable()
            first.withUnsafeMutableBufferPointer { firstOut in
                scratch.withUnsafeMutableBufferPointer { tmp in
                    for b in 0..<256 where top[b + 1] > top[b] {
                        let lo = top[b], count = top[b + 1] - lo
                        // Second pass: by bits 48…55 (the entry's top byte), stable.
                        var sub = [Int](repeating: 0, count: 257)
                        for k in lo..<lo + count { sub[Int(p[k] >> 56) + 1] += 1 }
                        for s in 0..<256 { sub[s + 1] += sub[s] }
                        var subFill = sub
                        for k in 0..<count {
                            let e = p[lo + k]
                            let s = Int(e >> 56)
                            tmp[subFill[s]] = e
                            subFill[s] += 1
                        }
                        for s in 0..<256 where sub[s + 1] > sub[s] {
                            table.resolve(UnsafeBufferPointer(rebasing: tmp[sub[s]..<sub[s + 1]]), into: firstOut, equal: equal)
                        }
                    }
                }
            }
        }
        return first
    }

    /// Open addressing over a bucket's entries, reused bucket after bucket
    /// (a stamp per slot instead of clearing it).
    private struct ResolveTable {
        var keys: [UInt32] = []
        var roots: [Int32] = []
        var stamps: [Int32] = []
        var stamp: Int32 = 0

        /// Entries in index order: each gets the earliest earlier entry with an equal key, or itself.
        mutating func resolve(_ bucket: UnsafeBufferPointer<UInt64>, into first: UnsafeMutableBufferPointer<Int32>,
                              equal: (Int, Int) -> Bool) {
            if bucket.count == 1 {
                let j = Int(truncatingIfNeeded: bucket[0] & 0xFFFF_FFFF)
                first[j] = Int32(j)
                return
            }
            var size = 16
            while size < bucket.count * 2 { size <<= 1 }
            if size > stamps.count {
                keys = [UInt32](repeating: 0, count: size); roots = [Int32](repeating: 0, count: size)
                stamps = [Int32](repeating: 0, count: size); stamp = 0
            }
            stamp += 1
            let mask = size - 1, now = stamp
            keys.withUnsafeMutableBufferPointer { keys in
                roots.withUnsafeMutableBufferPointer { roots in
                    stamps.withUnsafeMutableBufferPointer { stamps in
                        for e in bucket {
                            let j = Int(truncatingIfNeeded: e & 0xFFFF_FFFF)
                            let key = UInt32(truncatingIfNeeded: e >> 32)
                            var slot = Int(key &* 0x9E37_79B1) & mask
                            while true {
                                if stamps[slot] != now {
                                    stamps[slot] = now; keys[slot] = key; roots[slot] = Int32(j)
                                    first[j] = Int32(j)
                                    break
                                }
                                // Equal hash bits: compare bytes (different keys may share 40 hash bits).
                                if keys[slot] == key && equal(Int(roots[slot]), j) {
                                    first[j] = roots[slot]
                                    break
                                }
                                slot = (slot + 1) & mask
                            }
                        }
                    }
                }
            }
        }
    }

    /// For every element, the earliest element whose key bytes
    /// (`arena[starts[i]..<starts[i+1]]`) are equal; -1 where the hash is 0.
    private static func firstKeys(_ hashes: [UInt64], _ arena: [UInt8], _ starts: [Int]) -> [Int32] {
        arena.withUnsafeBytes { a in
            firstOccurrence(hashes: hashes) { x, y in
                let sx = starts[x], nx = starts[x + 1] - sx, sy = starts[y], ny = starts[y + 1] - sy
                return nx == ny && (nx == 0 || memcmpBytes(a.baseAddress! + sx, a.baseAddress! + sy, nx))
            }
        }
    }

    /// Assigns enterprise codes in order of first appearance among the kept
    /// batches and fills the list of enterprise keys (no hash table: the
    /// codes come from grouping). A removed row — merged into an earlier
    /// batch, or a dropped batch — does not make its enterprise appear: a
    /// continuation row is a row of its own until the end on one load path
    /// and merged as it is read on the other, and the order must not depend
    /// on which (found by the fuzz target: Fuzz/findings/ingest/columns-differ.csv).
    private mutating func codeEnterprises(_ first: [Int32], removed: [Bool]) {
        var codes = [UInt32](repeating: missingDictionaryCode, count: first.count)
        var codeOfGroup = [UInt32](repeating: missingDictionaryCode, count: first.count)
        var keys = ByteStringList()
        entArena.withUnsafeBytes { arena in
            for (i, f) in first.enumerated() where f >= 0 && !removed[i] {
                let g = Int(f)
                if codeOfGroup[g] == missingDictionaryCode {
                    codeOfGroup[g] = UInt32(keys.count)
                    keys.append(UnsafeRawBufferPointer(rebasing: arena[entStart[i]..<entStart[i + 1]]))
                }
                codes[i] = codeOfGroup[g]
            }
        }
        table.enterprise = codes
        table.enterprises = keys
    }

    /// Each element's final position (−1: removed): the inverse of `order`.
    static func positions(_ order: [Int32], count: Int) -> [Int32] {
        var p = [Int32](repeating: -1, count: count)
        p.withUnsafeMutableBufferPointer { p in
            order.withUnsafeBufferPointer { o in for k in o.indices { p[Int(o[k])] = Int32(k) } }
        }
        return p
    }

    /// A column in final order, written by position: the reads run in order
    /// and only the writes jump, instead of reading at random
    /// (`order.map { a[$0] }`), which stalls on every cache miss. (Its gain
    /// at 10M rows was within the machine's noise: RESULTS.md run 14.)
    static func place<T: BitwiseCopyable>(_ a: [T], _ position: [Int32], kept: Int) -> [T] {
        [T](unsafeUninitializedCapacity: kept) { out, n in
            a.withUnsafeBufferPointer { src in
                position.withUnsafeBufferPointer { pos in
                    for i in 0..<src.count where pos[i] >= 0 { (out.baseAddress! + Int(pos[i])).initialize(to: src[i]) }
                }
            }
            n = kept
        }
    }

    /// Kept batches in final order: by enterprise code (a stable counting
    /// sort), batches without an enterprise last.
    private func enterpriseOrder(removed: [Bool]) -> [Int32] {
        let k = table.enterprises.count
        var start = [Int32](repeating: 0, count: k + 2)
        for (i, e) in table.enterprise.enumerated() where !removed[i] {
            start[(e == missingDictionaryCode ? k : Int(e)) + 1] += 1
        }
        for e in 0...k { start[e + 1] += start[e] }
        var order = [Int32](repeating: 0, count: Int(start[k + 1]))
        for (i, e) in table.enterprise.enumerated() where !removed[i] {
            let slot = e == missingDictionaryCode ? k : Int(e)
            order[Int(start[slot])] = Int32(i)
            start[slot] += 1
        }
        return order
    }

    /// Failed items per kept batch as a compressed sparse list: a counting
    /// sort of the (batch, item) pairs by final batch position, keeping the
    /// first occurrence of each item (row order, so the first row's items first).
    /// `position`: the final index of each kept batch (``positions(_:count:)``).
    private func layOutItems(position: [Int32], kept: Int, mergedInto: [Int: Int32]) -> ([Int32], [UInt32]) {
        let kept = Int32(kept)
        func target(_ b: Int32) -> Int32 {
            var b = b
            while let root = mergedInto[Int(b)] { b = root }
            return position[Int(b)]
        }
        var counts = [Int32](repeating: 0, count: Int(kept) + 1)
        var targets = [Int32](repeating: -1, count: itemBatch.count)
        for (k, b) in itemBatch.enumerated() {
            let t = mergedInto.isEmpty ? position[Int(b)] : target(b)
            targets[k] = t
            if t >= 0 { counts[Int(t) + 1] += 1 }
        }
        for i in 0..<Int(kept) { counts[i + 1] += counts[i] }
        var fill = counts
        var sorted = [UInt32](repeating: 0, count: Int(counts[Int(kept)]))
        for (k, t) in targets.enumerated() where t >= 0 {
            sorted[Int(fill[Int(t)])] = itemCode[k]
            fill[Int(t)] += 1
        }
        // Drop repeats within each batch (late merges can bring an item twice).
        var offsets = [Int32](repeating: 0, count: Int(kept) + 1)
        var items: [UInt32] = []
        items.reserveCapacity(sorted.count)
        for b in 0..<Int(kept) {
            let start = items.count
            for k in Int(counts[b])..<Int(counts[b + 1]) where !items[start...].contains(sorted[k]) { items.append(sorted[k]) }
            offsets[b + 1] = Int32(items.count)
        }
        return (offsets, items)
    }

    /// The product codes whose kept batches carry more than one product name,
    /// with each name's batches (most first).
    private func productCodeNames(removed: [Bool]) -> [ProductCodeNames] {
        guard tracksProductNames else { return [] }
        var counts: [UInt64: Int] = [:]
        let product = codes[SamplingColumn.productCode.spec.slot]
        for i in 0..<batchCount where !removed[i] && productName[i] != missingDictionaryCode {
            counts[UInt64(product[i]) << 32 | UInt64(productName[i]), default: 0] += 1
        }
        var byProduct: [UInt32: [(String, Int)]] = [:]
        for (k, n) in counts { byProduct[UInt32(k >> 32), default: []].append((productNameTexts.string(UInt32(k & 0xFFFF_FFFF)), n)) }
        return byProduct.filter { $0.value.count > 1 }.map { p, names in
            ProductCodeNames(code: table.products.string(p),
                             names: names.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.map { ProductCodeNames.Name(name: $0.0, batches: $0.1) })
        }.sorted { $0.code < $1.code }
    }

    /// Completes the table: merges batches whose id recurs, drops batches
    /// whose rows disagree on the result, and lays out failed items.
    public consuming func finish() -> (table: SamplingTable, dropped: [DroppedBatch], lateMerges: [LateMerge]) {
        // Group ids and enterprise keys at the same time: two independent passes.
        // (A closure, so its extra references to the arenas end with it and
        // the arenas can be freed below.)
        let firsts: IndexedResults<[Int32]> = { [idHash, idArena, idStart, entHash, entArena, entStart] in
            let r = IndexedResults<[Int32]>()
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                r.set(k, k == 0 ? Self.firstKeys(idHash, idArena, idStart) : Self.firstKeys(entHash, entArena, entStart))
            }
            return r
        }()
        var removed = [Bool](repeating: false, count: batchCount)
        var mergedInto: [Int: Int32] = [:]
        var late: [LateMerge] = []
        for (j, f) in firsts.get(0)!.enumerated() where Int(f) != j {
            let i = Int(f)
            removed[j] = true
            let kind: LateMerge.Kind
            let o = SamplingSchema.outcomeSlot, r = Self.retestSlot
            let jOutcome = bytes[o][j]
            if !absorbResult(into: i, outcome: bytes[o][j], retest: bytes[r][j], retestDay: ints[Self.retestDaySlot][j]) {
                kind = .conflict
                conflicted.insert(Int32(i))
            } else if rowHashes[j] == rowHashes[i] || extraHashes[Int32(i)]?.contains(rowHashes[j]) == true {
                kind = .duplicate
            } else {
                kind = .continuation
                extraHashes[Int32(i), default: []].append(rowHashes[j])
            }
            var repeated = 0
            if kind != .conflict {
                // Rows already merged into j move along with it; one that repeats a row of i is a duplicate.
                if let more = extraHashes[Int32(j)] {
                    var known = Set(extraHashes[Int32(i)] ?? [])
                    known.insert(rowHashes[i])
                    for h in more {
                        if known.contains(h) { repeated += 1 } else { extraHashes[Int32(i), default: []].append(h); known.insert(h) }
                    }
                }
                mergedInto[j] = Int32(i)  // its items go to i when items are laid out
            }
            if conflicted.contains(Int32(j)) { conflicted.insert(Int32(i)) }
            for k in [kind] + Array(repeating: LateMerge.Kind.continuationWasDuplicate, count: repeated) {
                late.append(LateMerge(kind: k, file: Int(firstFile[j]), line: Int(firstLine[j]),
                                      intoFile: Int(firstFile[i]), intoLine: Int(firstLine[i]), batchId: idString(j),
                                      outcome: SamplingOutcome(rawValue: jOutcome) ?? .excluded))
            }
        }
        var dropped: [DroppedBatch] = []
        for c in conflicted.sorted() where !removed[Int(c)] {
            removed[Int(c)] = true
            dropped.append(DroppedBatch(batchId: idString(Int(c)), file: Int(firstFile[Int(c)]), line: Int(firstLine[Int(c)])))
        }
        codeEnterprises(firsts.get(1)!, removed: removed)
        // Final order: kept batches grouped by enterprise (stable, so file order
        // within an enterprise; batches without one last) — the order every
        // enterprise pass of the aggregation reads, kept by snapshots too.
        // Removed batches are simply left out of the order.
        let order = enterpriseOrder(removed: removed)
        let variants = productCodeNames(removed: removed)
        let position = Self.positions(order, count: batchCount), kept = order.count
        let (offsets, items) = layOutItems(position: position, kept: kept, mergedInto: mergedInto)
        // Ids, keys and row hashes are done with: free them before the columns
        // are gathered, so the reordered copy does not add to the peak.
        idArena = []; idStart = []; idHash = []; entArena = []; entStart = []; entHash = []
        rowHashes = []; firstFile = []; firstLine = []; itemBatch = []; itemCode = []; extraHashes = [:]
        productName = []; productNameTexts = ByteStringDictionary()
        var t = table
        let (bytes, codes, ints, years, enterprise) = (bytes, codes, ints, years, table.enterprise)
        self.bytes = []; self.codes = []; self.ints = []; self.years = []; table = SamplingTable(regions: table.regions)
        // One job per column: it places the column in final order and returns how to put it in the table.
        typealias Column = @Sendable (inout SamplingTable) -> Void
        var jobs: [@Sendable () -> Column] = [{ let c = Self.place(enterprise, position, kept: kept); return { $0.enterprise = c } }]
        for spec in SamplingSchema.stored {
            let k = spec.slot
            switch spec.storage! {
            case .byte(let p): jobs.append { let c = Self.place(bytes[k], position, kept: kept); return { $0[keyPath: p] = c } }
            case .code(let p, _): jobs.append { let c = Self.place(codes[k], position, kept: kept); return { $0[keyPath: p] = c } }
            case .day(let p), .region(let p): jobs.append { let c = Self.place(ints[k], position, kept: kept); return { $0[keyPath: p] = c } }
            case .year(let p): jobs.append { let c = Self.place(years, position, kept: kept); return { $0[keyPath: p] = c } }
            }
        }
        let columns = IndexedResults<Column>()
        let work = jobs
        DispatchQueue.concurrentPerform(iterations: work.count) { columns.set($0, work[$0]()) }
        for put in columns.ordered { put(&t) }
        t.itemOffsets = offsets
        t.items = items
        t.productCodeNames = variants
        return (t, dropped, late)
    }
}
