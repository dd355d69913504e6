/// The typed values of one input row, ready to become a batch.
public struct BatchRow: Sendable {
    public var day: Int32 = 0
    public var year: Int16 = 0
    public var level: UInt8 = missingEnumCode
    public var region: Int32 = 0
    public var product: UInt32 = missingDictionaryCode
    public var enterprise: UInt32 = missingDictionaryCode
    public var size: UInt8 = missingEnumCode
    public var channel: UInt8 = missingEnumCode
    public var outcome: UInt8 = missingEnumCode
    public var testingAgency: UInt32 = missingDictionaryCode
    public var samplingAgency: UInt32 = missingDictionaryCode
    public var followUp: UInt8 = missingEnumCode
    public var industry: UInt32 = missingDictionaryCode
    public init() {}
}

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

/// Builds a ``SamplingTable`` row by row, merging rows of the same batch.
///
/// A batch may span several rows (one per failed item): rows with the same
/// batch id are one batch and their failed items are unioned; an exact
/// repeat of a row is a duplicate; rows that disagree on the result make the
/// whole batch an error, dropped at ``finish()``.
public struct SamplingTableBuilder: Sendable {
    public var table: SamplingTable
    private var batchIds = ByteStringDictionary(capacity: 1024)
    private var firstFile: [UInt16] = []
    private var firstLine: [Int32] = []
    private var rowHashes: [UInt64] = []
    private var extraHashes: [Int32: [UInt64]] = [:]
    private var itemsByBatch: [Int32: [UInt32]] = [:]
    private var conflicted: Set<Int32> = []

    public init(regions: RegionTable) { table = SamplingTable(regions: regions) }

    public var batchCount: Int { table.count }

    /// Adds a row. `items` are failed-item codes from ``SamplingTable/itemNames``;
    /// `rowHash` identifies the row's content (for duplicate detection).
    public mutating func add(
        batchId: UnsafeRawBufferPointer, row: BatchRow, items: UnsafeBufferPointer<UInt32>,
        rowHash: UInt64, file: Int, line: Int
    ) -> BatchMerge {
        let before = batchIds.count
        let b = batchIds.intern(batchId)
        if Int(b) == before {
            append(row)
            firstFile.append(UInt16(truncatingIfNeeded: file))
            firstLine.append(Int32(truncatingIfNeeded: line))
            rowHashes.append(rowHash)
            if !items.isEmpty { itemsByBatch[Int32(b)] = Array(items) }
            return .new
        }
        let i = Int(b)
        if rowHashes[i] == rowHash || extraHashes[Int32(i)]?.contains(rowHash) == true { return .duplicate }
        if table.outcome[i] != row.outcome {
            conflicted.insert(Int32(i))
            return .conflict(file: Int(firstFile[i]), line: Int(firstLine[i]))
        }
        extraHashes[Int32(i), default: []].append(rowHash)
        if !items.isEmpty {
            var list = itemsByBatch[Int32(i)] ?? []
            for it in items where !list.contains(it) { list.append(it) }
            itemsByBatch[Int32(i)] = list
        }
        return .continuation
    }

    private mutating func append(_ r: BatchRow) {
        table.day.append(r.day)
        table.year.append(r.year)
        table.level.append(r.level)
        table.region.append(r.region)
        table.product.append(r.product)
        table.enterprise.append(r.enterprise)
        table.size.append(r.size)
        table.channel.append(r.channel)
        table.outcome.append(r.outcome)
        table.testingAgency.append(r.testingAgency)
        table.samplingAgency.append(r.samplingAgency)
        table.followUp.append(r.followUp)
        table.industry.append(r.industry)
    }

    /// Adds every batch of `other` (built from another file) to this builder,
    /// re-coding its dictionaries. Returns, per batch of `other`, how it merged.
    public mutating func absorb(_ other: SamplingTableBuilder, fileOffset: Int = 0) -> [BatchMerge] {
        let o = other.table
        let productMap = remap(o.products) { table.products.intern($0) }
        for p in table.productNames.count..<table.products.count {
            let src = o.products.code(of: table.products.string(UInt32(p)))!
            table.productNames.append(o.productNames[Int(src)])
        }
        let entMap = remap(o.enterprises) { table.enterprises.intern($0) }
        let agencyMap = remap(o.agencies) { table.agencies.intern($0) }
        let itemMap = remap(o.itemNames) { table.itemNames.intern($0) }
        let industryMap = remap(o.industries) { table.industries.intern($0) }
        func m(_ map: [UInt32], _ c: UInt32) -> UInt32 { c == missingDictionaryCode ? c : map[Int(c)] }
        var results: [BatchMerge] = []
        results.reserveCapacity(o.count)
        var scratch: [UInt32] = []
        for i in 0..<o.count {
            var r = BatchRow()
            r.day = o.day[i]; r.year = o.year[i]; r.level = o.level[i]
            r.region = remapRegion(o.region[i], from: o.regions)
            r.product = m(productMap, o.product[i]); r.enterprise = m(entMap, o.enterprise[i])
            r.size = o.size[i]; r.channel = o.channel[i]; r.outcome = o.outcome[i]
            r.testingAgency = m(agencyMap, o.testingAgency[i]); r.samplingAgency = m(agencyMap, o.samplingAgency[i])
            r.followUp = o.followUp[i]; r.industry = m(industryMap, o.industry[i])
            scratch.removeAll(keepingCapacity: true)
            for it in other.itemsByBatch[Int32(i)] ?? [] { scratch.append(itemMap[Int(it)]) }
            let wasConflicted = other.conflicted.contains(Int32(i))
            let result = other.batchIds.withBytes(UInt32(i)) { idBytes in
                scratch.withUnsafeBufferPointer { add(batchId: idBytes, row: r, items: $0, rowHash: other.rowHashes[i],
                    file: Int(other.firstFile[i]) + fileOffset, line: Int(other.firstLine[i])) }
            }
            if wasConflicted, let g = batchIds.code(of: other.batchIds.string(UInt32(i))) { conflicted.insert(Int32(g)) }
            results.append(result)
        }
        return results
    }

    /// The first file and line of a batch of this builder, by batch id.
    public func origin(ofBatch index: Int) -> (file: Int, line: Int, id: String) {
        (Int(firstFile[index]), Int(firstLine[index]), batchIds.string(UInt32(index)))
    }

    private func remap(_ d: ByteStringDictionary, _ intern: (UnsafeRawBufferPointer) -> UInt32) -> [UInt32] {
        (0..<d.count).map { c in d.withBytes(UInt32(c)) { intern($0) } }
    }

    private mutating func remapRegion(_ r: Int32, from other: RegionTable) -> Int32 {
        let reg = other[r]
        if let i = table.regions.index(ofCode: reg.code) { return i }
        return table.regions.addOther(code: reg.code)
    }

    /// Completes the table: drops batches whose rows disagree on the result
    /// and lays out failed items. Returns the table and the dropped batches.
    public consuming func finish() -> (SamplingTable, [DroppedBatch]) {
        var dropped: [DroppedBatch] = []
        let keep: [Bool]
        if conflicted.isEmpty {
            keep = []
        } else {
            var k = [Bool](repeating: true, count: table.count)
            for c in conflicted.sorted() {
                k[Int(c)] = false
                dropped.append(DroppedBatch(batchId: batchIds.string(UInt32(c)), file: Int(firstFile[Int(c)]), line: Int(firstLine[Int(c)])))
            }
            keep = k
        }
        var t = table
        var offsets: [Int32] = [0]
        var items: [UInt32] = []
        offsets.reserveCapacity(t.count + 1)
        for i in 0..<t.count where keep.isEmpty || keep[i] {
            if let list = itemsByBatch[Int32(i)] { items.append(contentsOf: list) }
            offsets.append(Int32(items.count))
        }
        if !keep.isEmpty {
            func f<T>(_ a: [T]) -> [T] { a.indices.compactMap { keep[$0] ? a[$0] : nil } }
            t.day = f(t.day); t.year = f(t.year); t.level = f(t.level); t.region = f(t.region)
            t.product = f(t.product); t.enterprise = f(t.enterprise); t.size = f(t.size); t.channel = f(t.channel)
            t.outcome = f(t.outcome); t.testingAgency = f(t.testingAgency); t.samplingAgency = f(t.samplingAgency)
            t.followUp = f(t.followUp); t.industry = f(t.industry)
        }
        t.itemOffsets = offsets
        t.items = items
        return (t, dropped)
    }
}
