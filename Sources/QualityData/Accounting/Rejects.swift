import QualityRuntime

/// Why a row was rejected. Each reason has a stable id (in rejects.csv and
/// data_quality.csv) and a bilingual text (``IngestMessages``).
public enum RejectReason: String, CaseIterable, Sendable, Comparable, Codable {
    case missingValue = "missing_value"
    case invalidDate = "invalid_date"
    case ambiguousDate = "ambiguous_date"
    case dateOutOfRange = "date_out_of_range"
    case unknownValue = "unknown_value"
    case unknownRegionCode = "unknown_region_code"
    case unresolvedRegionName = "unresolved_region_name"
    case ambiguousRegionName = "ambiguous_region_name"
    case conflictingResult = "conflicting_result"
    case textAfterQuote = "text_after_quote"
    case unterminatedQuote = "unterminated_quote"
    case extraFields = "extra_fields"
    case invalidEncoding = "invalid_encoding"
    case invalidNumber = "invalid_number"
    case rectifiedExceedsFound = "rectified_exceeds_found"
    case duplicateId = "duplicate_id"
    case retestWithoutFailure = "retest_without_failure"
    /// A date after the run's own date (or `--as-of`).
    case futureDate = "future_date"
    /// The header line again (sheets pasted together): not a batch.
    case repeatedHeader = "repeated_header"
    /// A whole number too large to be true (an inspection's hazards above
    /// ``RecordLimits/largestHazards``): refused before it can overflow a sum.
    case valueOutOfRange = "value_out_of_range"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// Also reads `invalid_utf8`, the name 0.13 wrote for `invalid_encoding`.
    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let r = RejectReason(rawValue: raw == "invalid_utf8" ? "invalid_encoding" : raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown reject reason \(raw)"))
        }
        self = r
    }
}

/// One rejected row: where it was, which column and value, and why.
public struct RejectedRow: Sendable, Equatable, Codable {
    public let file: String
    public let line: Int
    public let column: String
    public let value: String
    public let reason: RejectReason
    /// Extra detail (e.g. the other line of a conflicting batch).
    public let detail: String

    public init(file: String, line: Int, column: String, value: String, reason: RejectReason, detail: String = "") {
        self.file = file; self.line = line; self.column = column; self.value = value; self.reason = reason; self.detail = detail
    }
}

/// Something the run found about the data as a whole, said on the terminal
/// and in data_quality.csv: `partial_year`, `product_code_names`, `duplicate_column`.
public struct DataFinding: Sendable, Equatable, Codable {
    public let kind: String
    public let zh: String
    public let en: String
    public init(kind: String, _ text: Bilingual) { self.kind = kind; zh = text.zh; en = text.en }
    public func text(_ lang: Language) -> String { lang == .zh ? zh : en }
}

/// A header that names a column another header of the file already gave.
public struct DuplicateColumn: Sendable, Equatable, Codable {
    public let column: String
    /// The header read, and the one left out.
    public let kept: String
    public let ignored: String
    public init(column: String, kept: String, ignored: String) { self.column = column; self.kept = kept; self.ignored = ignored }
}

/// Row accounting and data quality of one input file.
///
/// The accounting always closes:
/// `rowsRead = loaded + rejected + emptyLines + merged`, where `merged`
/// counts continuation rows and exact duplicates of a batch already loaded.
public struct FileReport: Sendable, Equatable, Codable {
    public var path: String
    /// What the file holds: sampling, inspections or regional_statistics.
    public var kind = "sampling"
    public var encoding: String = ""
    public var gzip = false
    public var separator = ","
    public var mapping = "built-in"
    public var rowsRead = 0
    public var loaded = 0
    public var rejected = 0
    public var emptyLines = 0
    public var merged = 0
    /// Of `merged`: exact repeats of an earlier row of the same batch.
    public var duplicates = 0
    public var invalidCreditCodes = 0
    public var unresolvedRegionNames = 0
    /// Values changed by normalisation (full-width → ASCII, case of codes), by column.
    public var normalised: [String: Int] = [:]
    /// Headers that name a column another header already gave (the first is read).
    public var duplicateColumns: [DuplicateColumn] = []
    /// The year came from a year column (抽查年度 …), not from the dates.
    public var yearColumn = false
    /// The latest re-test date read (the sample dates' latest is ``lastDay``).
    public var latestDay: Int32?
    /// The earliest date rejected as `future_date`.
    public var earliestFutureDay: Int32?
    /// A year column's latest year kept, and its earliest year rejected as `future_date`
    /// (with the dates, what decides whether a snapshot holds on another day).
    public var latestYear: Int?
    public var earliestFutureYear: Int?
    public var rejectedByReason: [RejectReason: Int] = [:]
    /// Source headers that matched no canonical column (kept for the record).
    public var ignoredHeaders: [String] = []
    public var firstDay: Int32?
    public var lastDay: Int32?
    /// Size and SHA-256 of the bytes this run read (nil when the file could not be read to its end).
    public var digest: ContentDigest?
    /// Set when the whole file could not be read; its rows are then not loaded.
    public var error: IngestError?

    public init(path: String) { self.path = path }

    enum CodingKeys: String, CodingKey {
        case path, kind, encoding, gzip, separator, mapping, rowsRead, loaded, rejected, emptyLines, merged, duplicates, invalidCreditCodes,
             unresolvedRegionNames, normalised, duplicateColumns, yearColumn, latestDay, earliestFutureDay, latestYear, earliestFutureYear,
             rejectedByReason, ignoredHeaders,
             firstDay, lastDay, digest, error
    }

    /// Reads accounting written by earlier versions too (`_accounting.json`
    /// beside count tables): a field they did not write takes its default.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(String.self, forKey: .path)
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? kind
        encoding = try c.decodeIfPresent(String.self, forKey: .encoding) ?? encoding
        gzip = try c.decodeIfPresent(Bool.self, forKey: .gzip) ?? gzip
        separator = try c.decodeIfPresent(String.self, forKey: .separator) ?? separator
        mapping = try c.decodeIfPresent(String.self, forKey: .mapping) ?? mapping
        rowsRead = try c.decodeIfPresent(Int.self, forKey: .rowsRead) ?? 0
        loaded = try c.decodeIfPresent(Int.self, forKey: .loaded) ?? 0
        rejected = try c.decodeIfPresent(Int.self, forKey: .rejected) ?? 0
        emptyLines = try c.decodeIfPresent(Int.self, forKey: .emptyLines) ?? 0
        merged = try c.decodeIfPresent(Int.self, forKey: .merged) ?? 0
        duplicates = try c.decodeIfPresent(Int.self, forKey: .duplicates) ?? 0
        invalidCreditCodes = try c.decodeIfPresent(Int.self, forKey: .invalidCreditCodes) ?? 0
        unresolvedRegionNames = try c.decodeIfPresent(Int.self, forKey: .unresolvedRegionNames) ?? 0
        normalised = try c.decodeIfPresent([String: Int].self, forKey: .normalised) ?? [:]
        duplicateColumns = try c.decodeIfPresent([DuplicateColumn].self, forKey: .duplicateColumns) ?? []
        yearColumn = try c.decodeIfPresent(Bool.self, forKey: .yearColumn) ?? false
        latestDay = try c.decodeIfPresent(Int32.self, forKey: .latestDay)
        earliestFutureDay = try c.decodeIfPresent(Int32.self, forKey: .earliestFutureDay)
        latestYear = try c.decodeIfPresent(Int.self, forKey: .latestYear)
        earliestFutureYear = try c.decodeIfPresent(Int.self, forKey: .earliestFutureYear)
        rejectedByReason = try c.decodeIfPresent([RejectReason: Int].self, forKey: .rejectedByReason) ?? [:]
        ignoredHeaders = try c.decodeIfPresent([String].self, forKey: .ignoredHeaders) ?? []
        firstDay = try c.decodeIfPresent(Int32.self, forKey: .firstDay)
        lastDay = try c.decodeIfPresent(Int32.self, forKey: .lastDay)
        digest = try c.decodeIfPresent(ContentDigest.self, forKey: .digest)
        error = try c.decodeIfPresent(IngestError.self, forKey: .error)
    }

    /// Adds the counts of another part of the same file (a parsed chunk).
    public mutating func add(_ o: FileReport) {
        rowsRead += o.rowsRead; loaded += o.loaded; rejected += o.rejected; emptyLines += o.emptyLines
        merged += o.merged; duplicates += o.duplicates; invalidCreditCodes += o.invalidCreditCodes
        unresolvedRegionNames += o.unresolvedRegionNames
        rejectedByReason.merge(o.rejectedByReason, uniquingKeysWith: +)
        normalised.merge(o.normalised, uniquingKeysWith: +)
        for d in o.duplicateColumns where !duplicateColumns.contains(d) { duplicateColumns.append(d) }
        yearColumn = yearColumn || o.yearColumn
        if let d = o.latestDay, latestDay.map({ d > $0 }) ?? true { latestDay = d }
        if let d = o.earliestFutureDay, earliestFutureDay.map({ d < $0 }) ?? true { earliestFutureDay = d }
        if let y = o.latestYear, latestYear.map({ y > $0 }) ?? true { latestYear = y }
        if let y = o.earliestFutureYear, earliestFutureYear.map({ y < $0 }) ?? true { earliestFutureYear = y }
        if let d = o.firstDay, firstDay.map({ d < $0 }) ?? true { firstDay = d }
        if let d = o.lastDay, lastDay.map({ d > $0 }) ?? true { lastDay = d }
    }

    /// True when read = loaded + rejected + empty + merged.
    public var accountingCloses: Bool { rowsRead == loaded + rejected + emptyLines + merged }
}

extension Array where Element == FileReport {
    /// The counts of all files added up (path "").
    public var total: FileReport { reduce(into: FileReport(path: "")) { $0.add($1) } }
}

/// What a run's inputs amounted to, for the report: every file's
/// accounting and every rejected row (without the data itself).
public struct InputAccounting: Sendable, Codable, Equatable {
    public var files: [FileReport]
    public var rejects: [RejectedRow]
    /// What the run found about the data as a whole (a partial year, a
    /// product code with several names …): data_quality.csv's finding rows.
    public var findings: [DataFinding] = []
    public init(files: [FileReport] = [], rejects: [RejectedRow] = [], findings: [DataFinding] = []) {
        self.files = files; self.rejects = rejects; self.findings = findings
    }

    enum CodingKeys: String, CodingKey { case files, rejects, findings }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        files = try c.decode([FileReport].self, forKey: .files)
        rejects = try c.decode([RejectedRow].self, forKey: .rejects)
        findings = try c.decodeIfPresent([DataFinding].self, forKey: .findings) ?? []
    }
    /// Files that could not be read.
    public var failures: [IngestError] { files.compactMap(\.error) }
}

extension RejectedRow {
    /// A row whose result disagrees with an earlier row of the same batch.
    /// Both load paths write this one shape, whether the rows met in one
    /// chunk or only at the end (another chunk, another file): the column is
    /// `result`, the value the result the row was read as, the detail where
    /// the earlier row is.
    public static func conflict(file: String, line: Int, outcome: SamplingOutcome, earlierFile: String, earlierLine: Int) -> RejectedRow {
        RejectedRow(file: file, line: line, column: "result", value: outcome.id, reason: .conflictingResult)
            .conflict(earlierFile: earlierFile, earlierLine: earlierLine)
    }

    /// The earlier row a ``conflict(file:line:outcome:earlierFile:earlierLine:)`` names, read back from its detail.
    public var conflictEarlier: (file: String, line: Int)? {
        guard reason == .conflictingResult, column == "result" else { return nil }
        if detail.hasPrefix("line "), let n = Int(detail.dropFirst(5)) { return (file, n) }
        guard let r = detail.range(of: " line ", options: .backwards), let n = Int(detail[r.upperBound...]) else { return nil }
        return (String(detail[..<r.lowerBound]), n)
    }

    /// The same conflict, naming another earlier row.
    public func conflict(earlierFile: String, earlierLine: Int) -> RejectedRow {
        RejectedRow(file: file, line: line, column: column, value: value, reason: reason,
                    detail: earlierFile == file ? "line \(earlierLine)" : "\(earlierFile) line \(earlierLine)")
    }
}
