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
    case invalidUTF8 = "invalid_utf8"
    case invalidNumber = "invalid_number"
    case rectifiedExceedsFound = "rectified_exceeds_found"
    case duplicateId = "duplicate_id"
    case retestWithoutFailure = "retest_without_failure"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
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

    /// Adds the counts of another part of the same file (a parsed chunk).
    public mutating func add(_ o: FileReport) {
        rowsRead += o.rowsRead; loaded += o.loaded; rejected += o.rejected; emptyLines += o.emptyLines
        merged += o.merged; duplicates += o.duplicates; invalidCreditCodes += o.invalidCreditCodes
        unresolvedRegionNames += o.unresolvedRegionNames
        rejectedByReason.merge(o.rejectedByReason, uniquingKeysWith: +)
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
    public init(files: [FileReport] = [], rejects: [RejectedRow] = []) { self.files = files; self.rejects = rejects }
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
        RejectedRow(file: file, line: line, column: "result", value: outcome.id, reason: .conflictingResult,
                    detail: earlierFile == file ? "line \(earlierLine)" : "\(earlierFile) line \(earlierLine)")
    }
}
