import Foundation
import Glibc
import QualityData
import QualityRuntime

/// Loads one sampling-results file into its own ``SamplingTableBuilder``.
///
/// Maps headers through a ``Mapping``, parses and validates every row, and
/// accounts for every row: loaded, merged into a batch, rejected (with file,
/// line, column, value and reason) or skipped as empty. A file that cannot be
/// read at all throws an ``IngestError``; the caller then discards the builder.
final class SamplingFileLoader: @unchecked Sendable {  // one thread at a time
    let path: String
    let fileIndex: Int
    let mapping: Mapping
    var builder: SamplingTableBuilder
    var report: FileReport
    var rejects: [RejectedRow] = []
    var timings = StageTimings()

    /// What the header says, shared by the file's chunk parsers once read.
    private var layout = HeaderLayout()
    private let defaultValues: DefaultValues
    private var defaults: [UnsafeMutableRawBufferPointer?]
    private var scratch: [UnsafeMutableRawBufferPointer] = []
    private let dates: DateParser
    private let outcome: EnumMatcher
    /// The schema's enum, text and date columns read the same way (the result,
    /// region, product, enterprise and items have rules of their own).
    private let enums: [(column: SamplingColumn, slot: Int, matcher: EnumMatcher, required: Bool)]
    private let texts: [(column: SamplingColumn, slot: Int, dictionary: SamplingDictionary)]
    private let dateColumns: [(column: SamplingColumn, slot: Int)]
    // Per distinct value caches (a string is built once per distinct value, never per row).
    private var regionCodeCache = ByteStringDictionary()
    private var regionCodeResult: [Int32] = []  // region index, or -1 unknown
    /// Region names (one column, or province / city / county columns read
    /// within each other), keyed by their joined text.
    private var regionNameCache = ByteStringDictionary()
    private var regionNameResult: [Int32] = []  // region index, or −1 − index into regionNameFailures
    private var regionNameFailures: [(column: SamplingColumn, value: String, reason: RejectReason, detail: String)] = []
    private var regionKey: [UInt8] = []
    /// Each product code's first product name (bytes, and its code in the builder), by product code.
    private var firstNames: [[UInt8]] = []
    private var firstNameCodes: [UInt32] = []
    /// Per text column (``texts``): each distinct raw value's dictionary code and whether normalising changed it.
    private var textCache: [ByteStringDictionary]
    private var textCode: [[UInt32]]
    private var textChanged: [[Bool]]
    /// Per region-name combination: the columns normalising changed (a bit per ordinal).
    private var regionNameChanged: [UInt64] = []
    private var items: [UInt32] = []
    /// Normalised values (``FieldNormaliser``) by column ordinal, and the columns normalised in the current row.
    private let modes: [FieldNormalisation] = SamplingSchema.columns.map(\.normalisation)
    private var normalised: [UInt8] = []
    private var normalisedInRow: UInt64 = 0
    private var normalisedCounts = [Int](repeating: 0, count: SamplingColumn.allCases.count)
    /// Sample and re-test dates after this day are rejected (`future_date`).
    let asOf: Int32

    init(path: String, fileIndex: Int, mapping: Mapping, regions: RegionTable, asOf: Int32 = CivilDate.today) {
        self.path = path
        self.fileIndex = fileIndex
        self.mapping = mapping
        self.asOf = asOf
        builder = SamplingTableBuilder(regions: regions)
        report = FileReport(path: path)
        report.mapping = mapping.name
        dates = DateParser(order: mapping.dateOrder)
        func matcher(_ spec: ColumnSpec, extra: [EnumValue] = []) -> EnumMatcher {
            EnumMatcher(values: mapping.values[spec.column] ?? [:], ids: Dictionary(uniqueKeysWithValues: (spec.values + extra).map { ($0.id, $0.code) }))
        }
        outcome = matcher(SamplingColumn.result.spec, extra: SamplingSchema.resultsWithRetest)
        var enums: [(SamplingColumn, Int, EnumMatcher, Bool)] = []
        var texts: [(SamplingColumn, Int, SamplingDictionary)] = []
        var dateColumns: [(SamplingColumn, Int)] = []
        for spec in SamplingSchema.stored where spec.column != .result && spec.column != .sampleDate {
            switch (spec.type, spec.storage!) {
            case (.enumeration, _): enums.append((spec.column, spec.slot, matcher(spec), spec.required))
            case (.text, .code(_, let d)) where d != .products: texts.append((spec.column, spec.slot, d))
            case (.date, _): dateColumns.append((spec.column, spec.slot))
            default: break
            }
        }
        self.enums = enums
        self.texts = texts
        self.dateColumns = dateColumns
        textCache = texts.map { _ in ByteStringDictionary() }
        textCode = texts.map { _ in [] }
        textChanged = texts.map { _ in [] }
        defaultValues = DefaultValues(mapping)
        defaults = defaultValues.buffers
        for _ in 0..<(2 * SamplingColumn.allCases.count) { scratch.append(.allocate(byteCount: 256, alignment: 1)) }
    }

    /// A parser for one chunk of the same file: shares the header layout and
    /// value maps, has its own builder, caches, counts and rejects.
    private init(chunkOf p: SamplingFileLoader) {
        path = p.path
        fileIndex = p.fileIndex
        mapping = p.mapping
        asOf = p.asOf
        builder = SamplingTableBuilder(regions: p.builder.table.regions)
        builder.tracksProductNames = p.builder.tracksProductNames
        report = FileReport(path: p.path)
        dates = p.dates
        outcome = p.outcome; enums = p.enums; texts = p.texts; dateColumns = p.dateColumns
        textCache = p.texts.map { _ in ByteStringDictionary() }
        textCode = p.texts.map { _ in [] }
        textChanged = p.texts.map { _ in [] }
        defaultValues = p.defaultValues
        defaults = p.defaults
        layout = p.layout
        for _ in 0..<(2 * SamplingColumn.allCases.count) { scratch.append(.allocate(byteCount: 256, alignment: 1)) }
    }

    deinit {
        for s in scratch { s.deallocate() }
    }

    /// Loads the file. With `threads > 1` the text is cut into chunks of
    /// complete records that worker threads parse into their own builders,
    /// appended afterwards in file order — the same table as one thread.
    func load(encoding: TextEncoding?, inflate: InflateBackend = .auto, threads: Int = 1, chunkSize: Int = 8 << 20,
              progress: Language? = nil) throws {
        let started = StageClock.now()
        OutOfMemory.stage("load \(path) / 载入")
        let input = try TextInput(path: path, encoding: encoding ?? mapping.encoding, inflate: inflate)
        report.encoding = input.encoding.rawValue
        report.gzip = input.isGzip
        let sep = mapping.separator ?? input.peek { CSVTokenizer.sniffSeparator($0) }
        report.separator = sep == 0x09 ? "\\t" : String(UnicodeScalar(sep))
        if threads > 1 {
            try loadChunks(input, separator: sep, threads: threads, chunkSize: chunkSize,
                           progress: progress.map { ProgressReporter(path: path, lang: $0) })
            addOverlappedInflate(input)
            timings.add("parse", StageClock.now() - started - (timings.stages.first { $0.name == "merge" }?.seconds ?? 0))
            report.digest = input.digest
            try checkEncoding()
            return
        }
        // Decompression runs on its own thread for compressed or transcoded input.
        let prefetch = input.isGzip || input.encoding == .gb18030 ? PrefetchedInput(input) : nil
        defer { prefetch?.close() }
        let stream: ByteStream = prefetch ?? input
        var headerSeen = false
        try parse(CSVTokenizer(input: stream, separator: sep), headerSeen: &headerSeen)
        if !headerSeen { throw IngestError.emptyFile(path: path) }
        report.digest = input.digest
        try checkEncoding()
        let total = StageClock.now() - started
        if stream === input {
            timings.add("inflate", input.inflateSeconds)
            timings.add("hash (in read)", input.hashSeconds)
            timings.add("parse", total - input.inflateSeconds)
        } else {
            addOverlappedInflate(input)
            timings.add("parse", total)
        }
    }

    /// Rows with bytes that are not text in the file's encoding are rejected
    /// one by one (`invalid_encoding`); when they are not rare (more than 1%
    /// of the rows), the file was read in the wrong encoding or is damaged,
    /// and the whole file is refused, naming the first one.
    private func checkEncoding() throws {
        let bad = report.rejectedByReason[.invalidEncoding] ?? 0
        guard bad > max(1, report.rowsRead / 100), let first = rejects.first(where: { $0.reason == .invalidEncoding }) else { return }
        throw IngestError.encodingNotRare(path: path, rows: bad, of: report.rowsRead, line: first.line, byte: Int(first.detail) ?? 0,
                                          encoding: report.encoding)
    }

    /// Inflate and transcode ran on a reader thread, overlapped with parsing.
    private func addOverlappedInflate(_ input: TextInput) {
        timings.add("inflate (overlapped)", input.inflateSeconds)
        if input.transcodeSeconds > 0 { timings.add("transcode (overlapped)", input.transcodeSeconds) }
        timings.add("hash (overlapped)", input.hashSeconds)
    }

    /// Reads records: the header first (skipping blank lines), then rows.
    private func parse(_ tok: CSVTokenizer, headerSeen: inout Bool) throws {
        var seen = headerSeen
        try tok.forEachRecord { rec in
            if !seen {
                if rec.isBlank { return }
                seen = true
                try readHeader(rec)
                return
            }
            report.rowsRead += 1
            normalisedInRow = 0
            row(rec)
            if normalisedInRow != 0 {
                for o in 0..<normalisedCounts.count where normalisedInRow & (1 << UInt64(o)) != 0 { normalisedCounts[o] += 1 }
            }
        }
        headerSeen = seen
        for (o, n) in normalisedCounts.enumerated() where n > 0 {
            report.normalised[SamplingColumn.allCases[o].rawValue, default: 0] += n
        }
        normalisedCounts = normalisedCounts.map { _ in 0 }
    }

    private func loadChunks(_ input: TextInput, separator sep: UInt8, threads: Int, chunkSize: Int, progress: ProgressReporter?) throws {
        let chunks = ChunkedInput(input, separator: sep, chunkSize: chunkSize, progress: progress)
        defer { chunks.close() }
        // The header, and the rows of the chunks up to it, on this thread.
        var headerSeen = false
        var firstChunkBytes = 0
        while !headerSeen {
            guard let c = try chunks.next() else { throw IngestError.emptyFile(path: path) }
            firstChunkBytes += c.bytes.count
            try parse(CSVTokenizer(input: MemoryStream(path: path, bytes: c.bytes), separator: sep, firstLine: c.firstLine),
                      headerSeen: &headerSeen)
        }
        // Pre-size the file's columns from the text size and the first chunk's bytes per batch.
        if builder.batchCount > 0 && firstChunkBytes > 0 {
            let perBatch = Double(firstChunkBytes) / Double(builder.batchCount)
            let estimate = Int(Double(input.estimatedTextBytes) / perBatch * 1.05)
            let keys = builder.keyBytesPerBatch
            if estimate > builder.batchCount && estimate < 1 << 31 {
                builder.reserve(batches: estimate, keyBytes: Int(Double(estimate) * max(keys.id, keys.enterprise) * 1.05))
            }
        }
        let results = ChunkResults()
        let group = DispatchGroup()
        let inFlight = DispatchSemaphore(value: threads + 1)
        var readError: Error?
        var mergeSeconds = 0.0
        var nextToAbsorb = -1  // the first worker chunk's index, once known
        // Appends parsed chunks in file order as they complete, so a chunk's
        // memory is released early instead of all chunks living until the end.
        func absorbReady(wait: Bool) throws {
            while nextToAbsorb >= 0, let r = wait ? results.waitFor(nextToAbsorb) : results.take(nextToAbsorb) {
                let t0 = StageClock.now()
                let p = try r.get()
                builder.absorb(p.builder)
                report.add(p.report)
                rejects += p.rejects
                nextToAbsorb += 1
                mergeSeconds += StageClock.now() - t0
            }
        }
        do {
            while let c = try chunks.next() {
                if nextToAbsorb < 0 { nextToAbsorb = c.index }
                inFlight.wait()
                let parser = SamplingFileLoader(chunkOf: self)
                let path = self.path
                group.enter()
                results.expect(c.index)
                DispatchQueue.global().async {
                    var headerSeen = true
                    do {
                        try parser.parse(CSVTokenizer(input: MemoryStream(path: path, bytes: c.bytes), separator: sep, firstLine: c.firstLine),
                                         headerSeen: &headerSeen)
                        results.set(c.index, .success(parser))
                    } catch {
                        results.set(c.index, .failure(error))
                    }
                    inFlight.signal()
                    group.leave()
                }
                try absorbReady(wait: false)
            }
        } catch {
            readError = error
        }
        group.wait()
        if let readError { throw readError }
        try absorbReady(wait: true)
        timings.add("merge", mergeSeconds)
    }

    private func readHeader(_ rec: CSVRecord) throws {
        if let bad = UTF8Check.firstInvalid(rec.bytes) {
            throw IngestError.headerEncoding(path: path, line: rec.line, byte: bad + 1, encoding: report.encoding)
        }
        var found: [String] = []
        layout.count = rec.count
        var matchedBy: [SamplingColumn: String] = [:]
        for i in 0..<rec.count {
            let name = FieldBytes.string(FieldBytes.trim(rec.rawBytes(i)))
            found.append(name)
            let key = Mapping.normalise(name)
            layout.names.append(Array(FieldNormaliser.normalise(name.trimmingSpaces, .text).utf8))
            if let rule = mapping.resultRule, key == rule.column, layout.scoreColumn < 0 {
                layout.scoreColumn = i
            } else if mapping.ignoredHeaders.contains(key) {
                report.ignoredHeaders.append(name)
            } else if let c = mapping.headers[key] {
                if layout.col[c.ordinal] < 0 {
                    layout.col[c.ordinal] = i
                    matchedBy[c] = name
                } else if let first = matchedBy[c] {
                    // Two headers for one column: the mapping must say which (never one dropped in silence).
                    let userFirst = mapping.userHeaders.contains(Mapping.normalise(first)), userThis = mapping.userHeaders.contains(key)
                    if userFirst && userThis { throw IngestError.duplicateColumn(path: path, column: c.rawValue, headers: [first, name]) }
                    if userThis {
                        // The header the user's mapping names wins over a built-in alias.
                        report.duplicateColumns.append(DuplicateColumn(column: c.rawValue, kept: name, ignored: first))
                        report.ignoredHeaders.append(first)
                        layout.col[c.ordinal] = i
                        matchedBy[c] = name
                    } else {
                        report.duplicateColumns.append(DuplicateColumn(column: c.rawValue, kept: first, ignored: name))
                        report.ignoredHeaders.append(name)
                    }
                }
            } else {
                report.ignoredHeaders.append(name)
            }
        }
        func has(_ c: SamplingColumn) -> Bool { layout.col[c.ordinal] >= 0 || defaults[c.ordinal] != nil }
        var missing: [String] = []
        if !mapping.batchIdFromLine && !has(.batchId) { missing.append("batch_id") }
        for c in [SamplingColumn.sampleDate, .level] where !has(c) { missing.append(c.rawValue) }
        if let rule = mapping.resultRule {
            if layout.scoreColumn < 0 { missing.append(rule.column) }
        } else if !has(.result) {
            missing.append(SamplingColumn.result.rawValue)
        }
        let names: [SamplingColumn] = [.provinceName, .cityName, .regionName, .countyName]
        layout.regionNames = names.filter(has)
        if !has(.regionCode) && layout.regionNames.isEmpty { missing.append("region_code|region_name") }
        if !has(.productCode) && !has(.productName) { missing.append("product_code|product_name") }
        if !missing.isEmpty { throw IngestError.missingColumns(path: path, missing: missing, found: found) }
        builder.tracksProductNames = has(.productCode) && has(.productName)
    }

    /// The trimmed, normalised value of a column in this record, or its
    /// default, or nil when empty. (Columns whose raw text is matched
    /// against known values — enums, dates — read ``raw(_:_:)`` and
    /// normalise only what does not match: normalising never changes a value
    /// that is already read.)
    @inline(__always)
    private func value(_ c: SamplingColumn, _ rec: CSVRecord) -> UnsafeRawBufferPointer? {
        raw(c, rec).map { normalisedIfChanged($0, c) ?? $0 }
    }

    /// The trimmed value of a column as written, or its default (normalised when the mapping is read), or nil when empty.
    @inline(__always)
    private func raw(_ c: SamplingColumn, _ rec: CSVRecord) -> UnsafeRawBufferPointer? {
        let o = c.ordinal
        let i = layout.col[o]
        if i >= 0 && i < rec.count {
            let f = rec.fields[i]
            var raw = rec.rawBytes(i)
            if f.escaped { raw = unescape(raw, o) }
            let t = FieldBytes.trim(raw)
            if t.count > 0 { return t }
        }
        if let d = defaults[o] { return UnsafeRawBufferPointer(d) }
        return nil
    }

    /// The normalised form of a raw value, or nil when normalising leaves it as it is.
    @inline(__always)
    private func normalisedIfChanged(_ t: UnsafeRawBufferPointer, _ c: SamplingColumn) -> UnsafeRawBufferPointer? {
        FieldNormaliser.changes(t, modes[c.ordinal]) ? normalise(t, c.ordinal) : nil
    }

    /// A value that normalisation changes, in its column's second scratch buffer.
    private func normalise(_ t: UnsafeRawBufferPointer, _ o: Int) -> UnsafeRawBufferPointer {
        let n = FieldNormaliser.normalise(t, modes[o], into: &normalised)
        normalisedInRow |= 1 << UInt64(o)
        let k = SamplingColumn.allCases.count + o
        if scratch[k].count < n {
            scratch[k].deallocate()
            scratch[k] = .allocate(byteCount: n, alignment: 1)
        }
        normalised.withUnsafeBytes { scratch[k].baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: n) }
        return UnsafeRawBufferPointer(rebasing: scratch[k][0..<n])
    }

    private func unescape(_ raw: UnsafeRawBufferPointer, _ slot: Int) -> UnsafeRawBufferPointer {
        if scratch[slot].count < raw.count {
            scratch[slot].deallocate()
            scratch[slot] = .allocate(byteCount: raw.count, alignment: 1)
        }
        let n = unescapeQuotes(raw, into: scratch[slot])
        return UnsafeRawBufferPointer(rebasing: scratch[slot][0..<n])
    }

    private func reject(_ rec: CSVRecord, _ c: SamplingColumn?, _ v: UnsafeRawBufferPointer?, _ r: RejectReason, _ detail: String = "") {
        reject(RejectedRow(file: path, line: rec.line, column: c?.rawValue ?? "", value: v.map(FieldBytes.string) ?? "", reason: r, detail: detail))
    }

    /// Counts a rejected row in the file's accounting and keeps it.
    private func reject(_ row: RejectedRow) {
        report.rejected += 1
        report.rejectedByReason[row.reason, default: 0] += 1
        rejects.append(row)
    }

    /// True when the record repeats the header line (an export that pasted
    /// several sheets together): compared field by field, normalised.
    private func isRepeatedHeader(_ rec: CSVRecord) -> Bool {
        guard rec.count >= layout.count, layout.count > 0 else { return false }
        for i in 0..<layout.count {
            var t = FieldBytes.trim(rec.rawBytes(i))
            if rec.fields[i].escaped { t = FieldBytes.trim(unescape(t, 0)) }
            let same = layout.names[i].withUnsafeBytes { h in
                if FieldNormaliser.changes(t, .text) {
                    var out: [UInt8] = []
                    let n = FieldNormaliser.normalise(t, .text, into: &out)
                    return n == h.count && out.prefix(n).elementsEqual(h)
                }
                return t.count == h.count && t.elementsEqual(h)
            }
            if !same { return false }
        }
        return true
    }

    /// A date as written, else normalised (full-width digits) when that changes it.
    @inline(__always)
    private func parseDate(_ raw: UnsafeRawBufferPointer, _ c: SamplingColumn) -> Result<Int32, DateParser.Failure> {
        let r = dates.parse(raw)
        if case .failure = r, let n = normalisedIfChanged(raw, c) { return dates.parse(n) }
        return r
    }

    /// A text column's dictionary code, normalised once per distinct raw value.
    @inline(__always)
    private func textValue(_ k: Int, _ v: UnsafeRawBufferPointer) -> UInt32 {
        let n = textCache[k].count
        let c = Int(textCache[k].intern(v))
        if c == n {
            let normal = normalisedIfChanged(v, texts[k].column)
            textCode[k].append(builder.intern(normal ?? v, in: texts[k].dictionary))
            textChanged[k].append(normal != nil)
        } else if textChanged[k][c] {
            normalisedInRow |= 1 << UInt64(texts[k].column.ordinal)
        }
        return textCode[k][c]
    }

    /// A date no later than the run's own date (or `--as-of`).
    private func notFuture(_ day: Int32, _ rec: CSVRecord, _ c: SamplingColumn, _ raw: UnsafeRawBufferPointer) -> Bool {
        guard day > asOf else { return true }
        if report.earliestFutureDay.map({ day < $0 }) ?? true { report.earliestFutureDay = day }
        reject(rec, c, raw, .futureDate, "> \(CivilDate.iso(asOf))")
        return false
    }

    private func row(_ rec: CSVRecord) {
        if rec.isBlank { report.emptyLines += 1; return }
        switch rec.defect {
        case .none: break
        case .textAfterQuote: return reject(rec, nil, nil, .textAfterQuote)
        case .unterminatedQuote: return reject(rec, nil, nil, .unterminatedQuote)
        }
        if let bad = UTF8Check.firstInvalid(rec.bytes) {
            // The text just before the bad byte (up to 40 bytes, from a character's start), and the byte's position in the line (1-based).
            var start = max(0, bad - 40)
            while start < bad && rec.bytes[start] & 0xC0 == 0x80 { start += 1 }
            return reject(rec, nil, UnsafeRawBufferPointer(rebasing: rec.bytes[start..<bad]), .invalidEncoding, String(bad + 1))
        }
        if rec.count > layout.count {
            // Trailing empty fields (a stray separator at the end) are harmless; text beyond the header is not.
            for i in layout.count..<rec.count where FieldBytes.trim(rec.rawBytes(i)).count > 0 {
                return reject(rec, nil, rec.rawBytes(i), .extraFields, "\(rec.count) fields, header has \(layout.count)")
            }
        }
        var r = BatchRow()
        // Date and year.
        guard let d = raw(.sampleDate, rec) else {
            if isRepeatedHeader(rec) { return reject(rec, nil, nil, .repeatedHeader) }
            return reject(rec, .sampleDate, nil, .missingValue)
        }
        switch parseDate(d, .sampleDate) {
        case .success(let day):
            guard notFuture(day, rec, .sampleDate, d) else { return }
            r[int: .sampleDate] = day
        case .failure(let f):
            if isRepeatedHeader(rec) { return reject(rec, nil, nil, .repeatedHeader) }
            return reject(rec, .sampleDate, d, f.reason)
        }
        if let y = raw(.year, rec).map({ normalisedIfChanged($0, .year) ?? $0 }) {
            var n = 0
            var digits = 0
            for c in y {
                if c == 0xE5 || (c >= 0x80 && digits > 0) { break }  // 2019年, 2019年度
                guard c >= 0x30 && c <= 0x39, n < 10_000 else { return reject(rec, .year, y, .invalidDate) }
                n = n * 10 + Int(c - 0x30)
                digits += 1
            }
            guard digits == 4 else { return reject(rec, .year, y, .invalidDate) }
            guard n >= 1900 && n <= 2100 else { return reject(rec, .year, y, .dateOutOfRange) }
            guard n <= CivilDate.civil(asOf).year else {
                if report.earliestFutureYear.map({ n < $0 }) ?? true { report.earliestFutureYear = n }
                return reject(rec, .year, y, .futureDate, "> \(CivilDate.civil(asOf).year)")
            }
            r.year = Int16(n)
            if report.latestYear.map({ n > $0 }) ?? true { report.latestYear = n }
            report.yearColumn = true
        } else {
            r.year = Int16(CivilDate.civil(r[int: .sampleDate]).year)
        }
        // Enums.
        var retestFromResult = missingEnumCode
        if let rule = mapping.resultRule {
            guard layout.scoreColumn < rec.count else { return reject(rec, .result, nil, .missingValue, "score column \(rule.column)") }
            let score = FieldBytes.trim(rec.rawBytes(layout.scoreColumn))
            guard score.count > 0 else { return reject(rec, .result, nil, .missingValue, "score column \(rule.column)") }
            guard let v = ExactDecimal(bytes: Array(score)) else { return reject(rec, .result, score, .invalidNumber, "score column \(rule.column)") }
            r[byte: .result] = rule.passes(v) ? SamplingOutcome.pass.rawValue : SamplingOutcome.fail.rawValue
        } else {
            guard let text = raw(.result, rec) else { return reject(rec, .result, nil, .missingValue) }
            guard var o = outcome.match(text) ?? normalisedIfChanged(text, .result).flatMap(outcome.match) else {
                return reject(rec, .result, text, .unknownValue)
            }
            // 不合格（复检后合格）: a failing result and its re-test in one value.
            if o == SamplingSchema.failRetestPass || o == SamplingSchema.failRetestFail {
                retestFromResult = o == SamplingSchema.failRetestPass ? SamplingOutcome.pass.rawValue : SamplingOutcome.fail.rawValue
                o = SamplingOutcome.fail.rawValue
            }
            r[byte: .result] = o
        }
        // (Read in place: a copied element would retain its matcher's storage once per row.)
        let enumFailure: (SamplingColumn, UnsafeRawBufferPointer?, RejectReason)? = enums.withUnsafeBufferPointer { list in
            for k in list.indices {
                guard let v = raw(list[k].column, rec) else {
                    if list[k].required { return (list[k].column, nil, .missingValue) }
                    continue
                }
                guard let x = list[k].matcher.match(v) ?? normalisedIfChanged(v, list[k].column).flatMap(list[k].matcher.match) else {
                    return (list[k].column, v, .unknownValue)
                }
                r.bytes[list[k].slot] = x
            }
            return nil
        }
        if let (c, v, reason) = enumFailure { return reject(rec, c, v, reason) }
        for d in dateColumns {
            guard let v = raw(d.column, rec) else { continue }
            switch parseDate(v, d.column) {
            case .success(let day):
                guard notFuture(day, rec, d.column, v) else { return }
                r.ints[d.slot] = day
            case .failure(let f): return reject(rec, d.column, v, f.reason)
            }
        }
        if retestFromResult != missingEnumCode {
            let given = r[byte: .retestResult]
            guard given == missingEnumCode || given == retestFromResult else {
                return reject(rec, .retestResult, value(.retestResult, rec), .conflictingResult, "result column: \(value(.result, rec).map(FieldBytes.string) ?? "")")
            }
            r[byte: .retestResult] = retestFromResult
        }
        // The final result is the re-test's, where a failing result was re-tested.
        let retest = r[byte: .retestResult]
        if retest != missingEnumCode {
            guard r[byte: .result] == SamplingOutcome.fail.rawValue else {
                return reject(rec, .retestResult, value(.retestResult, rec), .retestWithoutFailure)
            }
            r[byte: .result] = retest
        }
        // Region: a code, else names (one column, or several read within each other).
        if let code = value(.regionCode, rec) {
            let idx = regionByCode(code)
            if idx < 0 { return reject(rec, .regionCode, code, .unknownRegionCode) }
            r[int: .regionCode] = idx
        } else if !layout.regionNames.isEmpty {
            let idx = regionByNames(rec)
            if idx == Int32.min { return reject(rec, .regionCode, nil, .missingValue) }
            if idx < 0 {
                let f = regionNameFailures[Int(-1 - idx)]
                report.unresolvedRegionNames += 1
                return reject(RejectedRow(file: path, line: rec.line, column: f.column.rawValue, value: f.value, reason: f.reason, detail: f.detail))
            }
            r[int: .regionCode] = idx
        } else {
            return reject(rec, .regionCode, nil, .missingValue)
        }
        // Product: keyed by code when there is one.
        let pcode = value(.productCode, rec)
        let pname = value(.productName, rec)
        guard let pkey = pcode ?? pname else { return reject(rec, .productName, nil, .missingValue) }
        let before = builder.table.products.count
        r[code: .productCode] = builder.table.products.intern(pkey)
        if builder.table.products.count > before { builder.table.productNames.append(FieldBytes.string(pname ?? pkey)) }
        // Enterprise: credit code, else name.
        // Enterprise key: its bytes go to the builder, which codes them at the end.
        var enterprise = value(.enterpriseCode, rec)
        if let ec = enterprise {
            if mapping.creditCodes && !CreditCode.isValid(ec) { report.invalidCreditCodes += 1 }
        } else {
            enterprise = value(.enterpriseName, rec)
        }
        for k in texts.indices {
            if let v = raw(texts[k].column, rec) { r.codes[texts[k].slot] = textValue(k, v) }
        }
        items.removeAll(keepingCapacity: true)
        if let v = value(.failedItems, rec) { splitItems(v) }
        // Batch identity.
        let merge: BatchMerge
        let hash = ByteStringDictionary.hash(rec.bytes)
        // The batch's product name, where names are followed per code: the product's first
        // name needs no lookup (most rows), another is interned.
        var productName = missingDictionaryCode
        if builder.tracksProductNames && pcode != nil, let pname {
            let p = Int(r[code: .productCode])
            if p >= firstNames.count {
                firstNames += Array(repeating: [], count: p + 1 - firstNames.count)
                firstNameCodes += Array(repeating: missingDictionaryCode, count: p + 1 - firstNameCodes.count)
            }
            if firstNameCodes[p] == missingDictionaryCode { firstNames[p] = Array(pname); firstNameCodes[p] = builder.internProductName(pname) }
            let same = firstNames[p].count == pname.count
                && firstNames[p].withUnsafeBytes { memcmp($0.baseAddress!, pname.baseAddress!, pname.count) == 0 }
            productName = same ? firstNameCodes[p] : builder.internProductName(pname)
        }
        if mapping.batchIdFromLine {
            var id = "\(fileIndex):\(rec.line)"
            merge = id.withUTF8 { idb in items.withUnsafeBufferPointer {
                builder.add(batchId: UnsafeRawBufferPointer(idb), row: r, items: $0, rowHash: hash, file: fileIndex, line: rec.line,
                            enterprise: enterprise, productName: productName) } }
        } else {
            guard let id = value(.batchId, rec) else { return reject(rec, .batchId, nil, .missingValue) }
            merge = items.withUnsafeBufferPointer {
                builder.add(batchId: id, row: r, items: $0, rowHash: hash, file: fileIndex, line: rec.line, enterprise: enterprise,
                            productName: productName)
            }
        }
        // The file's date range covers every row that reached a batch, whatever
        // it merged into: a row that opens a batch in its chunk may merge only at
        // the end, so counting new batches alone differed between the load paths.
        if report.firstDay.map({ r[int: .sampleDate] < $0 }) ?? true { report.firstDay = r[int: .sampleDate] }
        if report.lastDay.map({ r[int: .sampleDate] > $0 }) ?? true { report.lastDay = r[int: .sampleDate] }
        if r[int: .retestDate] != missingDay, report.latestDay.map({ r[int: .retestDate] > $0 }) ?? true { report.latestDay = r[int: .retestDate] }
        switch merge {
        case .new:
            report.loaded += 1
        case .continuation: report.merged += 1
        case .duplicate: report.merged += 1; report.duplicates += 1
        case .conflict(_, let line):
            reject(.conflict(file: path, line: rec.line, outcome: SamplingOutcome(rawValue: r[byte: .result]) ?? .excluded,
                             earlierFile: path, earlierLine: line))
        }
    }

    private func regionByCode(_ raw: UnsafeRawBufferPointer) -> Int32 {
        let n = regionCodeCache.count
        let c = regionCodeCache.intern(raw)
        if Int(c) < n { return regionCodeResult[Int(c)] }
        var s = FieldBytes.string(raw)
        var result: Int32 = -1
        if mapping.regionScheme == .free {
            result = builder.table.regions.addOther(code: s)
        } else {
            if s.allSatisfy(\.isNumber) {
                if s.count == 2 || s.count == 4 { s += String(repeating: "0", count: 6 - s.count) }  // NBS short codes
                if s.count == 9 || s.count == 12 { s = String(s.prefix(6)) }  // township / statistical codes
            }
            result = builder.table.regions.index(ofCode: s) ?? -1
        }
        regionCodeResult.append(result)
        return result
    }

    /// The region named by the name columns present (province, city,
    /// region_name, county — each read within the one before): its index;
    /// −1 − k for the k-th failure (``regionNameFailures``); Int32.min when
    /// every name column is empty. Resolved once per distinct combination.
    private func regionByNames(_ rec: CSVRecord) -> Int32 {
        regionKey.removeAll(keepingCapacity: true)
        var any = false
        for c in layout.regionNames {
            if let v = raw(c, rec) { regionKey.append(contentsOf: v); any = true }
            regionKey.append(0x1F)
        }
        guard any else { return Int32.min }
        let n = regionNameCache.count
        let code = regionKey.withUnsafeBytes { regionNameCache.intern($0) }
        if Int(code) < n {
            normalisedInRow |= regionNameChanged[Int(code)]
            return regionNameResult[Int(code)]
        }
        // A new combination: normalised, then resolved (once).
        let before = normalisedInRow
        normalisedInRow = 0
        var parts: [(SamplingColumn, String)] = []
        for c in layout.regionNames { if let v = value(c, rec) { parts.append((c, FieldBytes.string(v))) } }
        regionNameChanged.append(normalisedInRow)
        normalisedInRow |= before
        let result = resolveNames(parts)
        regionNameResult.append(result)
        return result
    }

    private func resolveNames(_ parts: [(SamplingColumn, String)]) -> Int32 {
        let regions = builder.table.regions
        func failure(_ c: SamplingColumn, _ v: String, _ reason: RejectReason, _ detail: String) -> Int32 {
            regionNameFailures.append((c, v, reason, detail))
            return -Int32(regionNameFailures.count)
        }
        if mapping.regionScheme == .free {
            // Free codes: the narrowest name given is the region, kept as written.
            return builder.table.regions.addOther(code: parts.last!.1)
        }
        var current: Int32?
        for (c, name) in parts {
            // A wider region than the one already read (a province named beside its city) says nothing more.
            if let cur = current, case .found(let i) = regions.match(name: name), regions.isInside(cur, i) { continue }
            switch current.map({ regions.match(name: name, within: $0) }) ?? regions.match(name: name) {
            case .found(let i): current = i
            case .ambiguous(let codes):
                // The candidates, each with its province and city, so the fix is one look away.
                return failure(c, name, .ambiguousRegionName, codes.compactMap(regions.index(ofCode:)).map(regions.describe).joined(separator: " | "))
            case .unknown:
                return failure(c, name, .unresolvedRegionName, current.map { regions.describe($0) } ?? "")
            }
        }
        return current!
    }

    /// Splits failed items on `;` `；` `、` `,` `，` and interns each.
    private func splitItems(_ v: UnsafeRawBufferPointer) {
        var s = 0
        var i = 0
        func flush(_ e: Int) {
            let t = FieldBytes.trim(UnsafeRawBufferPointer(rebasing: v[s..<e]))
            if t.count > 0 {
                let code = builder.table.itemNames.intern(t)
                if !items.contains(code) { items.append(code) }
            }
        }
        while i < v.count {
            let c = v[i]
            if c == 0x3B || c == 0x2C { flush(i); i += 1; s = i; continue }
            if c == 0xEF && i + 2 < v.count && v[i + 1] == 0xBC && (v[i + 2] == 0x9B || v[i + 2] == 0x8C) { flush(i); i += 3; s = i; continue }
            if c == 0xE3 && i + 2 < v.count && v[i + 1] == 0x80 && v[i + 2] == 0x81 { flush(i); i += 3; s = i; continue }
            i += 1
        }
        flush(v.count)
    }
}

/// Default values of a mapping as raw bytes, shared by a file's chunk parsers.
final class DefaultValues: @unchecked Sendable {
    let buffers: [UnsafeMutableRawBufferPointer?]
    init(_ mapping: Mapping) {
        var b: [UnsafeMutableRawBufferPointer?] = Array(repeating: nil, count: SamplingColumn.allCases.count)
        for (c, v) in mapping.defaults {
            let bytes = Array(v.utf8)
            let buf = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
            buf.copyBytes(from: bytes)
            b[c.ordinal] = UnsafeMutableRawBufferPointer(rebasing: buf[0..<bytes.count])
        }
        buffers = b
    }
    deinit { for d in buffers { d.map { UnsafeMutableRawBufferPointer(start: $0.baseAddress, count: max($0.count, 1)).deallocate() } } }
}

/// Parsed chunks by index, filled by worker threads, taken in order.
final class ChunkResults: @unchecked Sendable {
    private var slots: [Int: Result<SamplingFileLoader, Error>] = [:]
    private let cond = NSCondition()
    /// One past the highest chunk index handed out.
    private var total = 0
    func expect(_ i: Int) { cond.lock(); total = max(total, i + 1); cond.unlock() }
    func set(_ i: Int, _ r: Result<SamplingFileLoader, Error>) { cond.lock(); slots[i] = r; cond.broadcast(); cond.unlock() }
    /// Removes and returns chunk `i` if it is done.
    func take(_ i: Int) -> Result<SamplingFileLoader, Error>? {
        cond.lock(); defer { cond.unlock() }
        return slots.removeValue(forKey: i)
    }
    /// Waits for chunk `i`; nil when no such chunk was handed out.
    func waitFor(_ i: Int) -> Result<SamplingFileLoader, Error>? {
        cond.lock(); defer { cond.unlock() }
        guard i < total else { return nil }
        while slots[i] == nil { cond.wait() }
        return slots.removeValue(forKey: i)
    }
}

/// What a file's header says: where each column is, the header's own text
/// (to recognise it when it repeats), and the region name columns present.
struct HeaderLayout: Sendable {
    /// Field index of each column by ordinal (−1: absent).
    var col = [Int](repeating: -1, count: SamplingColumn.allCases.count)
    /// Fields in the header.
    var count = 0
    /// The score column of a `result:` rule (−1: none).
    var scoreColumn = -1
    /// The header's fields, normalised as text.
    var names: [[UInt8]] = []
    /// Region name columns present, widest first: province, city, region_name, county.
    var regionNames: [SamplingColumn] = []
}
