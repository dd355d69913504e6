import QualityData

/// The columns of a record kind other than sampling results (inspection
/// records, regional statistics): canonical names, Chinese and English
/// aliases, and which columns are required (each inner list: one of them).
public struct RecordSchema: Sendable {
    public let kind: String
    public let columns: [String]
    /// Normalised header text → canonical column.
    public let aliases: [String: String]
    public let required: [[String]]

    public init(kind: String, columns: [String: [String]], required: [[String]]) {
        self.kind = kind
        self.columns = columns.keys.sorted()
        var a: [String: String] = [:]
        for (c, names) in columns {
            a[Mapping.normalise(c)] = c
            for n in names { a[Mapping.normalise(n)] = c }
        }
        aliases = a
        self.required = required
    }
}

/// One data row of a record file: trimmed values by canonical column.
public struct RecordRow {
    public let line: Int
    let values: [String: String]
    /// The trimmed value, or nil when the column is absent or empty.
    public func value(_ column: String) -> String? { values[column] }
}

/// What a row handler decided.
public enum RowOutcome {
    case loaded
    /// Counted once more for something already loaded (a repeated id).
    case duplicate
    case rejected(column: String, value: String, reason: RejectReason, detail: String = "")
}

/// Reads a CSV file of any record kind with the same input machinery as
/// sampling results — gzip, UTF-8 or GB18030, sniffed separator, RFC 4180,
/// header aliases — and the same guarantees: every row is loaded, counted
/// as a duplicate, counted empty or rejected with its line and reason, and
/// a file that cannot be read names the byte or line. Record files are
/// small next to sampling results, so this path is plain Swift.
public enum RecordFile {
    public static func read(path: String, schema: RecordSchema, encoding: TextEncoding? = nil, mapping: RecordMapping = RecordMapping(),
                            row handle: (RecordRow) -> RowOutcome) throws -> (FileReport, [RejectedRow]) {
        var report = FileReport(path: path)
        report.kind = schema.kind
        report.mapping = mapping.name
        let aliases = schema.aliases.merging(mapping.headers) { _, user in user }
        var rejects: [RejectedRow] = []
        let input = try TextInput(path: path, encoding: encoding)
        report.encoding = input.encoding.rawValue
        report.gzip = input.isGzip
        let sep = input.peek { CSVTokenizer.sniffSeparator($0) }
        report.separator = sep == 0x09 ? "\\t" : String(UnicodeScalar(sep))
        var columnOf: [Int: String] = [:]
        var headerCount = 0
        var headerSeen = false
        var scratch: [UInt8] = []
        func reject(_ line: Int, _ column: String, _ value: String, _ reason: RejectReason, _ detail: String = "") {
            report.rejected += 1
            report.rejectedByReason[reason, default: 0] += 1
            rejects.append(RejectedRow(file: path, line: line, column: column, value: value, reason: reason, detail: detail))
        }
        try CSVTokenizer(input: input, separator: sep).forEachRecord { rec in
            if !headerSeen {
                if rec.isBlank { return }
                headerSeen = true
                headerCount = rec.count
                var found: [String] = []
                for i in 0..<rec.count {
                    let name = FieldBytes.string(FieldBytes.trim(rec.rawBytes(i)))
                    found.append(name)
                    if let c = aliases[Mapping.normalise(name)], !columnOf.values.contains(c) { columnOf[i] = c } else { report.ignoredHeaders.append(name) }
                }
                let present = Set(columnOf.values).union(mapping.defaults.keys)
                let missing = schema.required.filter { group in !group.contains { present.contains($0) } }.map { $0.joined(separator: "|") }
                if !missing.isEmpty { throw IngestError.missingColumns(path: path, missing: missing, found: found) }
                return
            }
            report.rowsRead += 1
            if rec.isBlank { report.emptyLines += 1; return }
            switch rec.defect {
            case .none: break
            case .textAfterQuote: return reject(rec.line, "", "", .textAfterQuote)
            case .unterminatedQuote: return reject(rec.line, "", "", .unterminatedQuote)
            }
            var values: [String: String] = [:]
            for i in 0..<rec.count {
                let raw = rec.rawBytes(i)
                guard let c = columnOf[i] else {
                    if i >= headerCount && FieldBytes.trim(raw).count > 0 {
                        return reject(rec.line, "", FieldBytes.string(FieldBytes.trim(raw)), .extraFields)
                    }
                    continue
                }
                let text: String
                if rec.fields[i].escaped {
                    unescapeQuotes(raw, into: &scratch)
                    text = scratch.withUnsafeBytes { FieldBytes.string(FieldBytes.trim($0)) }
                } else {
                    text = FieldBytes.string(FieldBytes.trim(raw))
                }
                if !UTF8Check.isValid(UnsafeRawBufferPointer(start: rec.base + rec.fields[i].start, count: rec.fields[i].end - rec.fields[i].start)) {
                    return reject(rec.line, c, text, .invalidEncoding)
                }
                if !text.isEmpty { values[c] = mapping.values[c]?[Mapping.normalise(text)] ?? text }
            }
            for (c, d) in mapping.defaults where values[c] == nil { values[c] = d }
            switch handle(RecordRow(line: rec.line, values: values)) {
            case .loaded: report.loaded += 1
            case .duplicate: report.merged += 1; report.duplicates += 1
            case .rejected(let c, let v, let r, let d): reject(rec.line, c, v, r, d)
            }
        }
        if !headerSeen { throw IngestError.emptyFile(path: path) }
        report.digest = input.digest
        return (report, rejects)
    }
}
