import Foundation
import QualityData
import QualityIndicators
import QualityRuntime

/// What outlives a run (design.md "SQLite's role"): the ingest manifest,
/// every indicator value of every run, and the plans and index frameworks
/// with a version each time they change. Schema: docs/store.md.
public final class Store {
    public let db: Database
    /// The schema this build writes; older databases are migrated on open.
    public static let schemaVersion = 3

    /// The migrations, in order: `migrations[i]` takes version i to i + 1.
    static let migrations: [String] = [
        // 1: manifest, runs, results.
        """
        CREATE TABLE files (
            id INTEGER PRIMARY KEY, path TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, kind TEXT NOT NULL,
            encoding TEXT, rows_read INTEGER, loaded INTEGER, rejected INTEGER, first_date TEXT, last_date TEXT,
            first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
        CREATE INDEX files_path ON files(path);
        CREATE INDEX files_sha ON files(sha256);
        CREATE TABLE runs (id INTEGER PRIMARY KEY, started TEXT NOT NULL, tool TEXT NOT NULL, options TEXT NOT NULL);
        CREATE TABLE results (
            run_id INTEGER NOT NULL REFERENCES runs(id), indicator TEXT NOT NULL, dimension TEXT NOT NULL, key TEXT NOT NULL,
            sub_key TEXT NOT NULL DEFAULT '', year INTEGER NOT NULL, numerator INTEGER, denominator INTEGER, value REAL,
            ci_low REAL, ci_high REAL);
        """,
        // 2: which files each run read, the interval method of each value, plans and frameworks with versions.
        """
        CREATE TABLE run_inputs (run_id INTEGER NOT NULL REFERENCES runs(id), file_id INTEGER NOT NULL REFERENCES files(id), status TEXT NOT NULL);
        ALTER TABLE results ADD COLUMN method TEXT NOT NULL DEFAULT 'wilson';
        CREATE INDEX results_lookup ON results(indicator, dimension, key, year);
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL, sha256 TEXT NOT NULL,
            content TEXT NOT NULL, first_run INTEGER REFERENCES runs(id), UNIQUE(kind, name, version));
        """,
        // 3: the lookup index leaves out region × level rows (three quarters of a
        // run's rows, never read by the history): every run used to rewrite
        // most of the index's pages, so recording grew slower with each run.
        """
        DROP INDEX results_lookup;
        CREATE INDEX results_lookup ON results(indicator, dimension, key, year) WHERE dimension <> 'region_level';
        """,
    ]

    /// Opens the database, creating or migrating it. The version is read
    /// again inside one IMMEDIATE transaction, so runs that open a new
    /// database at the same time create its schema once: the second waits
    /// for the first and then finds the schema there.
    public init(path: String, busyTimeout: Int32 = 2000, upTo version: Int = Store.schemaVersion) throws {
        db = try Database(path: path, busyTimeout: busyTimeout)
        let seen = try Store.version(db)
        if seen < version {
            try db.transaction {
                let current = try Store.version(db)
                for v in current..<max(current, version) {
                    try db.execute(Store.migrations[v])
                    try db.execute("PRAGMA user_version = \(v + 1)")
                }
            }
        }
    }

    /// The schema version, checked: negative or newer than this build knows is an error.
    static func version(_ db: Database) throws -> Int {
        let v = Int(try db.scalarInt("PRAGMA user_version") ?? 0)
        guard v >= 0 else { throw StoreError.unknownVersion(path: db.path, found: v) }
        guard v <= Store.schemaVersion else { throw StoreError.tooNew(path: db.path, found: v, supported: Store.schemaVersion) }
        return v
    }

    /// Stops a run before it loads anything when it could not record its
    /// result: a read-only file or folder, or another run holding the write lock.
    public func checkWritable() throws { try db.checkWritable() }

    // MARK: Writing a run

    /// An input file as read by a run.
    public struct InputFile: Sendable {
        public let report: FileReport
        public let size: Int64
        public let sha256: String
        public init(report: FileReport, size: Int64, sha256: String) { self.report = report; self.size = size; self.sha256 = sha256 }

        /// The input as this run read it: the size and SHA-256 of the bytes
        /// the reader hashed while parsing them (nil when it was not read to its end).
        public init?(_ report: FileReport) {
            guard let d = report.digest else { return nil }
            self.init(report: report, size: d.size, sha256: d.sha256)
        }
    }

    /// How an input file relates to what the manifest knew.
    public enum FileStatus: Equatable, Sendable {
        case new
        /// Same path, same content: already ingested (first seen then).
        case unchanged(firstSeen: String)
        /// Same path, different content since the date it was last seen.
        case changed(lastSeen: String)
        /// Same content under another path.
        case renamed(from: String)

        public var id: String {
            switch self {
            case .new: return "new"
            case .unchanged: return "unchanged"
            case .changed: return "changed"
            case .renamed: return "renamed"
            }
        }
    }

    /// One indicator value (long format).
    public struct Result: Sendable, Equatable {
        public var indicator: String, dimension: String, key: String, subKey = "", year: Int
        public var numerator: Int?, denominator: Int?, value: Double?, ciLow: Double?, ciHigh: Double?
        public var method = "wilson"
        public init(indicator: String, dimension: String, key: String, subKey: String = "", year: Int, numerator: Int? = nil,
                    denominator: Int? = nil, value: Double?, ciLow: Double? = nil, ciHigh: Double? = nil, method: String = "wilson") {
            self.indicator = indicator; self.dimension = dimension; self.key = key; self.subKey = subKey; self.year = year
            self.numerator = numerator; self.denominator = denominator; self.value = value; self.ciLow = ciLow; self.ciHigh = ciHigh
            self.method = method
        }
    }

    /// A run to record: all of it is written in one transaction, or nothing.
    public struct Run: Sendable {
        public var started: String
        public var tool: String
        public var options: [String: String]
        public var inputs: [InputFile]
        public var results: [Result]
        /// Plans and index frameworks: (kind, name, content).
        public var documents: [(kind: String, name: String, content: String)] = []
        public init(started: String, tool: String, options: [String: String], inputs: [InputFile], results: [Result]) {
            self.started = started; self.tool = tool; self.options = options; self.inputs = inputs; self.results = results
        }
    }

    /// Records a run: the manifest, the run, its results and new document
    /// versions. Returns the run id and each input's status.
    public func record(_ run: Run) throws -> (runId: Int64, statuses: [FileStatus], documentVersions: [Int]) {
        try db.transaction {
            let options = run.options.keys.sorted().map { "\($0)=\(run.options[$0]!)" }.joined(separator: "\n")
            try db.query("INSERT INTO runs(started, tool, options) VALUES (?, ?, ?)", [.text(run.started), .text(run.tool), .text(options)])
            let runId = try db.scalarInt("SELECT last_insert_rowid()") ?? 0
            var statuses: [FileStatus] = []
            for f in run.inputs {
                let (fileId, status) = try manifest(f, at: run.started)
                statuses.append(status)
                try db.query("INSERT INTO run_inputs(run_id, file_id, status) VALUES (?, ?, ?)", [.int(runId), .int(fileId), .text(status.id)])
            }
            try db.insertMany(
                "INSERT INTO results(run_id, indicator, dimension, key, sub_key, year, numerator, denominator, value, ci_low, ci_high, method) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                run.results.lazy.map { r -> [Database.Value] in
                    [.int(runId), .text(r.indicator), .text(r.dimension), .text(r.key), .text(r.subKey), .int(Int64(r.year)),
                     r.numerator.map { .int(Int64($0)) } ?? .null, r.denominator.map { .int(Int64($0)) } ?? .null,
                     r.value.map { .double($0) } ?? .null, r.ciLow.map { .double($0) } ?? .null, r.ciHigh.map { .double($0) } ?? .null,
                     .text(r.method)]
                })
            try Store.testPause()
            var versions: [Int] = []
            for d in run.documents { versions.append(try document(d.kind, d.name, d.content, runId: runId)) }
            return (runId, statuses, versions)
        }
    }

    /// For the kill test only: with QINDEX_TEST_PAUSE_IN_TRANSACTION=FILE,
    /// write FILE and wait inside the open transaction (to be killed there).
    static func testPause() throws {
        guard let marker = ProcessInfo.processInfo.environment["QINDEX_TEST_PAUSE_IN_TRANSACTION"] else { return }
        _ = FileManager.default.createFile(atPath: marker, contents: Data("in transaction\n".utf8))
        Thread.sleep(forTimeInterval: 60)
    }

    private func manifest(_ f: InputFile, at now: String) throws -> (Int64, FileStatus) {
        let r = f.report
        let known = try db.query("SELECT id, sha256, first_seen, last_seen FROM files WHERE path = ? ORDER BY id DESC LIMIT 1", [.text(r.path)])
        if let row = known.first, row[1].text == f.sha256 {
            try db.query("UPDATE files SET last_seen = ? WHERE id = ?", [.text(now), row[0]])
            return (row[0].int!, .unchanged(firstSeen: row[2].text ?? ""))
        }
        var status = FileStatus.new
        if let row = known.first {
            status = .changed(lastSeen: row[3].text ?? "")
        } else if let other = try db.query("SELECT path FROM files WHERE sha256 = ? ORDER BY id DESC LIMIT 1", [.text(f.sha256)]).first {
            status = .renamed(from: other[0].text ?? "")
        }
        try db.query(
            "INSERT INTO files(path, size, sha256, kind, encoding, rows_read, loaded, rejected, first_date, last_date, first_seen, last_seen) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [.text(r.path), .int(f.size), .text(f.sha256), .text(r.kind), .text(r.encoding), .int(Int64(r.rowsRead)), .int(Int64(r.loaded)),
             .int(Int64(r.rejected)), r.firstDay.map { .text(CivilDate.iso($0)) } ?? .null, r.lastDay.map { .text(CivilDate.iso($0)) } ?? .null,
             .text(now), .text(now)])
        return (try db.scalarInt("SELECT last_insert_rowid()") ?? 0, status)
    }

    /// Stores a plan or framework; a new version only when its content changed.
    private func document(_ kind: String, _ name: String, _ content: String, runId: Int64) throws -> Int {
        let hash = ContentDigest.of(content).sha256
        let last = try db.query("SELECT version, sha256 FROM documents WHERE kind = ? AND name = ? ORDER BY version DESC LIMIT 1", [.text(kind), .text(name)]).first
        if let last, last[1].text == hash { return Int(last[0].int ?? 1) }
        let version = Int(last?[0].int ?? 0) + 1
        try db.query("INSERT INTO documents(kind, name, version, sha256, content, first_run) VALUES (?,?,?,?,?,?)",
                     [.text(kind), .text(name), .int(Int64(version)), .text(hash), .text(content), .int(runId)])
        return version
    }

    // MARK: Reading

    public struct FileRow: Sendable {
        public let path: String, kind: String, size: Int64, sha256: String, rowsRead: Int, loaded: Int, rejected: Int
        public let firstDate: String, lastDate: String, firstSeen: String, lastSeen: String
    }

    /// The manifest, one row per (path, content), newest first per path.
    public func files() throws -> [FileRow] {
        try db.query("SELECT path, kind, size, sha256, rows_read, loaded, rejected, first_date, last_date, first_seen, last_seen FROM files ORDER BY path, id DESC")
            .map { r in
                FileRow(path: r[0].text ?? "", kind: r[1].text ?? "", size: r[2].int ?? 0, sha256: r[3].text ?? "", rowsRead: Int(r[4].int ?? 0),
                        loaded: Int(r[5].int ?? 0), rejected: Int(r[6].int ?? 0), firstDate: r[7].text ?? "", lastDate: r[8].text ?? "",
                        firstSeen: r[9].text ?? "", lastSeen: r[10].text ?? "")
            }
    }

    public struct HistoryRow: Sendable, Equatable {
        public let runId: Int64, started: String, year: Int, value: Double?, ciLow: Double?, ciHigh: Double?, numerator: Int?, denominator: Int?
    }

    /// An indicator's values across runs and years for one dimension key
    /// (`dimension` "all" and key "" for the overall value).
    public func history(indicator: String, dimension: String, key: String) throws -> [HistoryRow] {
        try db.query(Store.historySQL(dimension: dimension), [.text(indicator), .text(dimension), .text(key)]).map { r in
            HistoryRow(runId: r[0].int ?? 0, started: r[1].text ?? "", year: Int(r[2].int ?? 0), value: r[3].double, ciLow: r[4].double,
                       ciHigh: r[5].double, numerator: r[6].int.map(Int.init), denominator: r[7].int.map(Int.init))
        }
    }

    /// The history query. The lookup index covers every dimension but
    /// region × level; the literal term lets SQLite see that (a bound
    /// parameter would not), so only a region × level history scans.
    static func historySQL(dimension: String) -> String {
        let indexed = dimension == Dimension.regionLevel.rawValue ? "" : " AND r.dimension <> 'region_level'"
        return """
            SELECT r.run_id, runs.started, r.year, r.value, r.ci_low, r.ci_high, r.numerator, r.denominator
            FROM results r JOIN runs ON runs.id = r.run_id
            WHERE r.indicator = ? AND r.dimension = ? AND r.key = ? AND r.sub_key = ''\(indexed)
            ORDER BY r.year, r.run_id
            """
    }

    /// Each earlier run's values of one series, latest run first (for
    /// targets whose raw files of earlier years are not in the current run;
    /// which run may lend them is decided by ``TargetSeries``).
    public func seriesByRun(indicator: String, dimension: String, key: String) throws -> [HistoricRun] {
        var byRun: [Int: [Int: SeriesPoint]] = [:]
        for r in try history(indicator: indicator, dimension: dimension, key: key) {
            if let v = r.value { byRun[Int(r.runId), default: [:]][r.year] = SeriesPoint(value: v, numerator: r.numerator, denominator: r.denominator) }
        }
        return byRun.keys.sorted(by: >).map { HistoricRun(runId: $0, points: byRun[$0]!) }
    }

    public func runCount() throws -> Int { Int(try db.scalarInt("SELECT count(*) FROM runs") ?? 0) }

    public func documentVersions(kind: String, name: String) throws -> [Int] {
        try db.query("SELECT version FROM documents WHERE kind = ? AND name = ? ORDER BY version", [.text(kind), .text(name)]).compactMap { $0[0].int.map(Int.init) }
    }
}
