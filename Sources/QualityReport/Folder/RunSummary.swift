import Foundation
import QualityData
import QualityIndicators

/// What a run did, as one JSON object: written to run.json in the run
/// folder and printed by `qindex report --json`. One schema, encoded by
/// JSONEncoder (numbers as numbers, lists as arrays), documented in
/// docs/tables.md ("run.json"); `schema` is raised when a field changes meaning.
public struct RunSummary: Codable, Sendable, Equatable {
    public static let schemaVersion = 1

    public var schema = RunSummary.schemaVersion
    public var command = "report"
    public var tool: String
    /// ISO 8601, UTC.
    public var started: String
    public var seconds: Double
    /// What became of the snapshot cache: `used` (the table was read from a
    /// snapshot), `written`, `not_written` or `not_cached` (with
    /// ``snapshotReason``), `off` (`--no-cache`).
    public var snapshot: String
    /// Why no snapshot was written or cached, in the run's language.
    public var snapshotReason: String?
    /// Every option as given, typed.
    public var options: [String: RunOption]
    public var files: [File]
    /// The latest year's pass rate: the focus region's first, then all regions.
    public var headline: [Headline]
    /// The run folder and the names written at its top.
    public var folder: String
    public var outputs: [String]
    /// The database run, when the run was recorded.
    public var database: DatabaseRun?
    public var exitCode: Int

    public init(tool: String, started: String, seconds: Double, snapshot: String, options: [String: RunOption], files: [File],
                headline: [Headline], folder: String, outputs: [String], database: DatabaseRun? = nil, exitCode: Int = 0) {
        self.tool = tool; self.started = started; self.seconds = seconds; self.snapshot = snapshot; self.options = options
        self.files = files; self.headline = headline; self.folder = folder; self.outputs = outputs; self.database = database; self.exitCode = exitCode
    }

    enum CodingKeys: String, CodingKey {
        case schema, command, tool, started, seconds, snapshot, options, files, headline, folder, outputs, database
        case exitCode = "exit_code", snapshotReason = "snapshot_reason"
    }

    /// One input file's accounting: every row read is loaded, rejected (rejects.csv), empty or merged.
    public struct File: Codable, Sendable, Equatable {
        public var path: String
        public var kind: String
        public var encoding: String
        public var rowsRead: Int
        public var loaded: Int
        public var rejected: Int
        public var empty: Int
        public var merged: Int
        public var sha256: String?
        public var bytes: Int64?
        /// Why the file could not be read; nil when it was.
        public var error: String?

        enum CodingKeys: String, CodingKey {
            case path, kind, encoding, loaded, rejected, empty, merged, sha256, bytes, error
            case rowsRead = "rows_read"
        }

        public init(_ f: FileReport, lang: Language) {
            path = f.path; kind = f.kind; encoding = f.encoding; rowsRead = f.rowsRead; loaded = f.loaded; rejected = f.rejected
            empty = f.emptyLines; merged = f.merged; sha256 = f.digest?.sha256; bytes = f.digest?.size
            error = f.error.map { $0.message(lang) }
        }
    }

    public struct Headline: Codable, Sendable, Equatable {
        /// A region code, or `all`.
        public var scope: String
        public var name: String
        public var year: Int
        public var batchesTested: Int
        public var passed: Int
        public var passRate: Double
        public var ciLow: Double?
        public var ciHigh: Double?
        public var changePP: Double?
        public var changeP: Double?

        enum CodingKeys: String, CodingKey {
            case scope, name, year, passed
            case batchesTested = "batches_tested", passRate = "pass_rate", ciLow = "ci_low", ciHigh = "ci_high"
            case changePP = "change_pp", changeP = "change_p"
        }
    }

    public struct DatabaseRun: Codable, Sendable, Equatable {
        public var path: String
        public var runId: Int64
        enum CodingKeys: String, CodingKey { case path; case runId = "run_id" }
        public init(path: String, runId: Int64) { self.path = path; self.runId = runId }
    }

    /// The latest year's headline rates: the focus region's (when there is one), then all regions'.
    public static func headline(_ analysis: Analysis, lang: Language) -> [Headline] {
        let a = analysis.rates
        guard let latest = analysis.headline else { return [] }
        func line(_ r: PassRateRow, scope: String, name: String) -> Headline {
            Headline(scope: scope, name: name, year: r.year, batchesTested: r.counts.tested, passed: r.counts.passed, passRate: r.rate ?? 0,
                     ciLow: r.interval?.low, ciHigh: r.interval?.high, changePP: r.changePP, changeP: r.changeP)
        }
        var out: [Headline] = []
        if let code = FocusSummary.region(analysis),
           let f = a.byDimension[.region]?.first(where: { $0.year == latest.year && $0.key == code && $0.counts.tested > 0 }) {
            out.append(line(f, scope: f.key, name: RegionText.name(f.key, f.label, lang)))
        }
        // The all-records line, unless it is the focus region's own (one province's data).
        if out.first?.batchesTested != latest.counts.tested || out.first?.passed != latest.counts.passed {
            out.append(line(latest, scope: "all", name: analysis.scopeName(lang)))
        }
        return out
    }

    /// Pretty-printed, keys sorted: the same run gives the same bytes but for its time.
    public func json() -> String { Self.prettyJSON(self) }

    /// Any value as qindex prints JSON: pretty, keys sorted, slashes as they are, a final line end.
    public static func prettyJSON<T: Encodable>(_ value: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? e.encode(value)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    public func write(to dir: String) throws {
        try Data(json().utf8).write(to: URL(fileURLWithPath: (dir as NSString).appendingPathComponent("run.json")), options: .atomic)
    }
}

/// A table's rows as JSON objects (`qindex targets --json`, `qindex index
/// --json`), each cell typed by its column's kind: counts, years, rates and
/// other numbers as numbers, flags as booleans, empty cells as null, codes
/// and text as strings.
public struct TableJSON: Encodable {
    public let command: String
    public let table: ReportTable
    public let files: [RunSummary.File]
    public init(command: String, table: ReportTable, files: [RunSummary.File]) { self.command = command; self.table = table; self.files = files }

    struct Row: Encodable {
        let columns: [String], kinds: [ColumnKind], cells: [String]
        struct Key: CodingKey {
            let stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            for (i, name) in columns.enumerated() {
                let key = Key(stringValue: name), cell = i < cells.count ? cells[i] : ""
                switch kinds[i] {
                case _ where cell.isEmpty: try c.encodeNil(forKey: key)
                case .count, .year, .proportion, .number:
                    if let n = Double(cell) { try c.encode(n, forKey: key) } else { try c.encode(cell, forKey: key) }
                case .flag: try c.encode(cell == "yes" || cell == "true" || cell == "1", forKey: key)
                case .code, .text, .date: try c.encode(cell, forKey: key)
                }
            }
        }
    }

    enum CodingKeys: String, CodingKey { case schema, command, table, rows, files }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(RunSummary.schemaVersion, forKey: .schema)
        try c.encode(command, forKey: .command)
        try c.encode(table.name, forKey: .table)
        try c.encode(table.rows.map { Row(columns: table.columns, kinds: table.kinds, cells: $0) }, forKey: .rows)
        try c.encode(files, forKey: .files)
    }

    public func json() -> String { RunSummary.prettyJSON(self) }
}

/// An option's value in run.json: a string, a number or a list.
public enum RunOption: Codable, Sendable, Equatable {
    case text(String), number(Double), list([String])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Double.self) { self = .number(n) } else if let l = try? c.decode([String].self) { self = .list(l) } else { self = .text(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let s): try c.encode(s)
        case .number(let n): try c.encode(n)
        case .list(let l): try c.encode(l)
        }
    }

    /// The value as one line of text (the database's `key=value` options).
    public var text: String {
        switch self {
        case .text(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .list(let l): return l.joined(separator: "|")
        }
    }
}
