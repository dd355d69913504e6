import CSQLite
import Foundation
import QualityData

/// What can go wrong with the database file, each with one clear message.
public enum StoreError: Error, Equatable, Sendable {
    /// Another qindex run holds the database.
    case busy(path: String)
    case readOnly(path: String)
    case full(path: String)
    case notADatabase(path: String)
    case cannotOpen(path: String, reason: String)
    /// Made by a newer qindex (schema version `found` > `supported`).
    case tooNew(path: String, found: Int, supported: Int)
    /// A schema version no qindex writes (negative): damaged, or another program's file.
    case unknownVersion(path: String, found: Int)
    case sqlite(path: String, code: Int32, message: String)

    public func message(_ lang: Language) -> String {
        let zh = lang == .zh
        switch self {
        case .busy(let p):
            return zh ? "数据库 \(p) 正被另一个 qindex 运行占用，请等它结束后再试（本次未写入任何内容）"
                : "database \(p) is busy: another qindex run is using it; try again when it has finished (nothing was written)"
        case .readOnly(let p):
            return zh ? "数据库 \(p) 是只读的（检查文件及其目录的写权限，或用 --db 指定别的位置）"
                : "database \(p) is read-only (check write permission on the file and its folder, or choose another with --db)"
        case .full(let p):
            return zh ? "数据库 \(p) 所在磁盘已满，本次运行已整体撤销，数据库保持运行前的状态"
                : "disk full while writing database \(p): the run was rolled back whole; the database is as it was before"
        case .notADatabase(let p):
            return zh ? "\(p) 不是 SQLite 数据库（文件已存在但内容不是数据库；请用 --db 指定别的文件）"
                : "\(p) is not a SQLite database (the file exists but holds something else; choose another with --db)"
        case .cannotOpen(let p, let r):
            return zh ? "无法打开数据库 \(p)（\(r)）" : "cannot open database \(p) (\(r))"
        case .tooNew(let p, let f, let s):
            return zh ? "数据库 \(p) 由更新版本的 qindex 创建（结构版本 \(f)，本程序支持到 \(s)），请升级 qindex"
                : "database \(p) was made by a newer qindex (schema version \(f); this one knows up to \(s)): upgrade qindex"
        case .unknownVersion(let p, let f):
            return zh ? "数据库 \(p) 的结构版本为 \(f)，不是 qindex 写入的版本：文件已损坏或属于别的程序（请用 --db 指定别的文件）"
                : "database \(p) has schema version \(f), which no qindex writes: it is damaged or belongs to another program (choose another with --db)"
        case .sqlite(let p, let c, let m):
            return zh ? "数据库 \(p) 出错（SQLite \(c)：\(m)）" : "database \(p): SQLite error \(c): \(m)"
        }
    }
}

/// A thin, safe wrapper of one SQLite connection (the raw C API).
public final class Database {
    public let path: String
    var handle: OpaquePointer?

    /// Opens (creating if needed) the database; `busyTimeout` in milliseconds.
    public init(path: String, busyTimeout: Int32 = 2000) throws {
        self.path = path
        var h: OpaquePointer?
        let rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nil)
        handle = h
        if rc != SQLITE_OK {
            let message = h.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(h)
            handle = nil
            throw Database.error(path, rc, message)
        }
        sqlite3_busy_timeout(handle, busyTimeout)
        // Touch the file: a file that is not a database fails here, not later.
        try execute("PRAGMA foreign_keys = ON")
        // A run inserts ~300k result rows at 1M batches: a 64 MiB page cache keeps their index in memory.
        try execute("PRAGMA cache_size = -65536")
        _ = try scalarInt("PRAGMA user_version")
    }

    deinit { sqlite3_close_v2(handle) }

    static func error(_ path: String, _ rc: Int32, _ message: String) -> StoreError {
        switch rc & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy(path: path)
        case SQLITE_READONLY: return .readOnly(path: path)
        case SQLITE_FULL: return .full(path: path)
        case SQLITE_NOTADB: return .notADatabase(path: path)
        case SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: message)
        default: return .sqlite(path: path, code: rc, message: message)
        }
    }

    func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW else {
            throw Database.error(path, rc, String(cString: sqlite3_errmsg(handle)))
        }
    }

    public func execute(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        let message = err.map { String(cString: $0) } ?? ""
        sqlite3_free(err)
        if rc != SQLITE_OK { throw Database.error(path, rc, message) }
    }

    /// A value bound to a statement parameter.
    public enum Value: Equatable, Sendable {
        case int(Int64), double(Double), text(String), null
    }

    /// Runs one statement with parameters; returns the rows (for queries).
    @discardableResult
    public func query(_ sql: String, _ params: [Value] = []) throws -> [[Value]] {
        var stmt: OpaquePointer?
        try check(sqlite3_prepare_v2(handle, sql, -1, &stmt, nil))
        defer { sqlite3_finalize(stmt) }
        try bind(stmt, params)
        var rows: [[Value]] = []
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { try check(rc); break }
            rows.append((0..<sqlite3_column_count(stmt)).map { column(stmt, $0) })
        }
        return rows
    }

    /// Runs one statement for many parameter sets (prepared once).
    /// One prepared statement stepped once per row; rows are made one at a
    /// time (pass a lazy sequence) so a large insert never holds them all.
    public func insertMany<Rows: Sequence>(_ sql: String, _ rows: Rows) throws where Rows.Element == [Value] {
        var stmt: OpaquePointer?
        try check(sqlite3_prepare_v2(handle, sql, -1, &stmt, nil))
        defer { sqlite3_finalize(stmt) }
        for r in rows {
            try bind(stmt, r)
            try check(sqlite3_step(stmt))
            sqlite3_reset(stmt)
        }
    }

    private func bind(_ stmt: OpaquePointer?, _ params: [Value]) throws {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        sqlite3_clear_bindings(stmt)
        for (i, p) in params.enumerated() {
            let idx = Int32(i + 1)
            switch p {
            case .int(let v): try check(sqlite3_bind_int64(stmt, idx, v))
            case .double(let v): try check(sqlite3_bind_double(stmt, idx, v))
            case .text(let v): try check(sqlite3_bind_text(stmt, idx, v, -1, transient))
            case .null: try check(sqlite3_bind_null(stmt, idx))
            }
        }
    }

    private func column(_ stmt: OpaquePointer?, _ i: Int32) -> Value {
        switch sqlite3_column_type(stmt, i) {
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(stmt, i))
        case SQLITE_FLOAT: return .double(sqlite3_column_double(stmt, i))
        case SQLITE_NULL: return .null
        default: return .text(String(cString: sqlite3_column_text(stmt, i)))
        }
    }

    public func scalarInt(_ sql: String, _ params: [Value] = []) throws -> Int64? {
        if case .int(let v)? = try query(sql, params).first?.first { return v }
        return nil
    }

    /// Throws ``StoreError/readOnly`` when the file or its folder (where
    /// SQLite puts its journal) cannot be written, ``StoreError/busy`` when
    /// another connection holds the write lock past the busy timeout.
    public func checkWritable() throws {
        let folder = (path as NSString).deletingLastPathComponent
        if sqlite3_db_readonly(handle, "main") == 1 || access(folder.isEmpty ? "." : folder, W_OK) != 0 {
            throw StoreError.readOnly(path: path)
        }
        // Take the write lock and write one page to the journal (the version,
        // unchanged), then roll back: what a run's commit needs, tried now.
        let version = try scalarInt("PRAGMA user_version") ?? 0
        try execute("BEGIN IMMEDIATE")
        defer { try? execute("ROLLBACK") }
        try execute("PRAGMA user_version = \(version)")
    }

    /// Runs `body` in one IMMEDIATE transaction: all of it, or (on any error,
    /// or if the process dies) nothing. A second writer waits `busyTimeout`,
    /// then gets ``StoreError/busy``.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}

extension Database.Value {
    public var int: Int64? { if case .int(let v) = self { return v }; return nil }
    public var double: Double? {
        switch self {
        case .double(let v): return v
        case .int(let v): return Double(v)
        default: return nil
        }
    }
    public var text: String? { if case .text(let v) = self { return v }; return nil }
}
