import Foundation
import QualityData
import QualityReport
import QualityStore
import Testing
import _QualityTestSupport
@testable import QualityRun

/// The run folder is written beside --out and swapped in whole; what cannot
/// be written or recorded stops the run before it loads anything (issue 15,
/// items 5, 13, 16, 17).
@Suite struct RunFolderTests {
    static let rows = (0..<40).map { "B\($0),2019-0\($0 % 9 + 1)-01,省抽,450102,电线电缆,\($0 % 7 == 0 ? "不合格" : "合格"),,企业\($0 % 5)" }

    static func configuration(out: String, database: String? = nil, formats: Set<OutputFormat> = OutputFormat.defaults) -> (ReportConfiguration, cache: String) {
        var c = InputConfiguration()
        c.files = [Fixtures.file(Fixtures.sampling(rows))]
        c.language = .en
        c.database = database
        let cache = Fixtures.tempDir("cache")
        c.ingest.snapshotDirectory = cache
        var r = ReportConfiguration(inputs: c, out: out)
        r.formats = formats
        return (r, cache)
    }

    static func names(_ dir: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

    /// Item 5: an earlier run's files (a plan's targets.csv, region pages, a
    /// workbook) do not survive into a run that does not write them; files
    /// qindex never writes stay; no staging folder is left beside --out.
    @Test func aNewRunReplacesTheEarlierOneAndKeepsOtherFiles() throws {
        let parent = Fixtures.tempDir()
        let out = (parent as NSString).appendingPathComponent("out")
        for sub in ["tables", "regions", "parquet"] { try FileManager.default.createDirectory(atPath: "\(out)/\(sub)", withIntermediateDirectories: true) }
        // A folder of qindex 0.14 (no .qindex-files): the user's parquet/ there is not one of its names.
        for f in ["tables/targets.csv", "regions/450100.html", "tables.xlsx", "index.html", "notes.txt", "parquet/mine.parquet"] {
            try "earlier".write(toFile: "\(out)/\(f)", atomically: false, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: "\(out)/my-charts", withIntermediateDirectories: true)
        let (c, _) = Self.configuration(out: out, formats: [.csv, .md])
        let outcome = Runner.report(c)
        #expect(outcome.exitCode == 0, "\(outcome.errors)")
        #expect(Self.names(out) == [".qindex-files", "my-charts", "notes.txt", "parquet", "rejects.csv", "report.md", "run.json", "tables"])
        #expect(try String(contentsOfFile: "\(out)/parquet/mine.parquet", encoding: .utf8) == "earlier")
        #expect(!FileManager.default.fileExists(atPath: "\(out)/tables/targets.csv"))
        #expect(FileManager.default.fileExists(atPath: "\(out)/tables/pass_rate_by_year.csv"))
        #expect(try String(contentsOfFile: "\(out)/notes.txt", encoding: .utf8) == "earlier")
        #expect(Self.names(parent) == ["out"])
        #expect(outcome.output.last?.hasSuffix("\(out)/report.md") == true)
    }

    /// Item 13: a symlink planted at out/regions (or out/tables) is replaced,
    /// never followed: nothing lands in the folder it pointed to.
    @Test func aSymlinkInTheOutputFolderIsNotFollowed() throws {
        let parent = Fixtures.tempDir()
        let out = (parent as NSString).appendingPathComponent("out"), elsewhere = Fixtures.tempDir("elsewhere")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(out)/regions", withDestinationPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: "\(out)/tables", withDestinationPath: elsewhere)
        try "mine".write(toFile: "\(elsewhere)/keep.txt", atomically: false, encoding: .utf8)
        let outcome = Runner.report(Self.configuration(out: out).0)
        #expect(outcome.exitCode == 0, "\(outcome.errors)")
        #expect(Self.names(elsewhere) == ["keep.txt"])
        var isDir: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: "\(out)/regions/450100.html", isDirectory: &isDir))
        #expect((try FileManager.default.attributesOfItem(atPath: "\(out)/regions")[.type] as? FileAttributeType) == .typeDirectory)
        #expect((try FileManager.default.attributesOfItem(atPath: "\(out)/tables")[.type] as? FileAttributeType) == .typeDirectory)
    }

    /// Item 17: --out that is a file, or lies under a file, stops the run
    /// before anything is loaded (the snapshot cache stays empty), with the
    /// path and the reason in the run's language.
    @Test func anOutputFolderThatCannotBeWrittenStopsTheRunBeforeLoading() throws {
        let parent = Fixtures.tempDir()
        let file = (parent as NSString).appendingPathComponent("a-file")
        try "x".write(toFile: file, atomically: false, encoding: .utf8)
        for (out, expected) in [(file, "exists but is not a folder"), ("\(file)/sub", "Not a directory")] {
            var (c, cache) = Self.configuration(out: out)
            let outcome = Runner.report(c)
            #expect(outcome.exitCode == 1)
            #expect(outcome.errors.count == 1 && outcome.errors[0].contains(expected) && outcome.errors[0].contains(file), "\(outcome.errors)")
            #expect(!outcome.errors[0].contains("NSCocoaErrorDomain"))
            #expect(Self.names(cache).isEmpty)  // nothing was loaded
            c.inputs.language = .zh
            let zh = Runner.report(c).errors.first ?? ""
            #expect(zh.contains("不是目录") || zh.contains("无法写入"), "\(zh)")
        }
        #expect(Self.names(parent) == ["a-file"])
    }

    /// Item 17: a write that fails half-way (here: the disk-full error of a
    /// file system, simulated by a name that cannot be a file) leaves --out as
    /// it was. The earlier run's folder is intact after a failing run.
    @Test func aFailedRunLeavesTheEarlierFolderAsItWas() throws {
        let parent = Fixtures.tempDir()
        let out = (parent as NSString).appendingPathComponent("out")
        #expect(Runner.report(Self.configuration(out: out).0).exitCode == 0)
        let before = try String(contentsOfFile: "\(out)/run.json", encoding: .utf8)
        // A database that is not a database: the next run stops, out untouched.
        let db = (parent as NSString).appendingPathComponent("bad.sqlite")
        try "not sqlite, not at all, no header here.........................................................".write(toFile: db, atomically: false, encoding: .utf8)
        let (c, cache) = Self.configuration(out: out, database: db)
        let outcome = Runner.report(c)
        #expect(outcome.exitCode == 1 && outcome.errors.first?.contains("not a SQLite database") == true, "\(outcome.errors)")
        #expect(try String(contentsOfFile: "\(out)/run.json", encoding: .utf8) == before)
        #expect(Self.names(cache).isEmpty)
        #expect(Self.names(parent) == ["bad.sqlite", "out"])
    }

    /// Item 16: a database held by another writer stops the run before it
    /// loads anything, with the busy message, and --out is not created.
    @Test func aBusyDatabaseStopsTheRunBeforeLoading() throws {
        let parent = Fixtures.tempDir()
        let db = (parent as NSString).appendingPathComponent("q.sqlite")
        let holder = try Store(path: db)
        try holder.db.execute("BEGIN IMMEDIATE")
        defer { try? holder.db.execute("ROLLBACK") }
        let out = (parent as NSString).appendingPathComponent("out")
        let (c, cache) = Self.configuration(out: out, database: db)
        let outcome = Runner.report(c)
        #expect(outcome.exitCode == 1 && outcome.errors.first?.contains("is busy") == true, "\(outcome.errors)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(Self.names(cache).isEmpty)
        #expect(Self.names(parent) == ["q.sqlite"])
    }

    /// A staging folder left by a killed run is cleared by the next run; what
    /// it held that qindex did not write goes back to --out.
    /// Issue 30: the swap never deletes a file it did not write — one the
    /// user saved into an owned folder (tables/) after a run, and one saved
    /// into --out while the next run is writing (the window before the swap);
    /// the earlier run's own files still go.
    @Test func theSwapNeverDeletesAFileQindexDidNotWrite() throws {
        let parent = Fixtures.tempDir()
        let out = (parent as NSString).appendingPathComponent("out")
        var (c, _) = Self.configuration(out: out, formats: [.csv, .md])
        #expect(Runner.report(c).exitCode == 0)
        #expect(try String(contentsOfFile: "\(out)/.qindex-files", encoding: .utf8).contains("tables/pass_rate_by_year.csv\n"))
        try "mine".write(toFile: "\(out)/tables/my.csv", atomically: false, encoding: .utf8)
        // Files saved into --out, and into its tables/, all through the next run — up to the swap and after it.
        let stop = Atomic(false)
        let writer = Thread {
            var i = 0
            while !stop.value {
                try? "saved \(i)".write(toFile: "\(out)/saved-\(i).txt", atomically: false, encoding: .utf8)
                try? "saved \(i)".write(toFile: "\(out)/tables/saved-\(i).txt", atomically: false, encoding: .utf8)
                i += 1
                usleep(200)
            }
            stop.count = i
        }
        writer.start()
        c.formats = [.csv]
        #expect(Runner.report(c).exitCode == 0)
        stop.value = true
        while stop.count == nil { usleep(1000) }
        let n = stop.count!
        let names = Set(Self.names(out)), tables = Set(Self.names("\(out)/tables"))
        // Every file written, where it was written — or beside it, never lost.
        let lost = (0..<n).filter { i in
            !(names.contains("saved-\(i).txt") || names.contains("saved-\(i).txt.kept"))
                || !(tables.contains("saved-\(i).txt") || tables.contains("saved-\(i).txt.kept"))
        }
        #expect(lost.isEmpty, "\(lost.count) of \(n) saved files lost: \(lost.prefix(5))")
        #expect(n > 0)
        #expect(try String(contentsOfFile: "\(out)/tables/my.csv", encoding: .utf8) == "mine")
        // The earlier run's report.md is gone (this run wrote csv only); no staging folder left.
        #expect(!names.contains("report.md") && names.contains("run.json"))
        #expect(Self.names(parent) == ["out"])
    }

    @Test func theStagingFolderOfAKilledRunIsRecovered() throws {
        let parent = Fixtures.tempDir()
        let out = (parent as NSString).appendingPathComponent("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        // PID 2^22 + 1 is above Linux's pid_max limit: no such process.
        let abandoned = (parent as NSString).appendingPathComponent(".out.qindex-staging-4194305")
        try FileManager.default.createDirectory(atPath: "\(abandoned)/tables", withIntermediateDirectories: true)
        try "mine".write(toFile: "\(abandoned)/notes.txt", atomically: false, encoding: .utf8)
        #expect(Runner.report(Self.configuration(out: out).0).exitCode == 0)
        #expect(Self.names(parent) == ["out"])
        #expect(try String(contentsOfFile: "\(out)/notes.txt", encoding: .utf8) == "mine")
    }
}

/// A flag and a count shared with the writer thread of a test.
final class Atomic: @unchecked Sendable {
    private let lock = NSLock()
    private var _value: Bool
    private var _count: Int?
    init(_ v: Bool) { _value = v }
    var value: Bool {
        get { lock.lock(); defer { lock.unlock() }; return _value }
        set { lock.lock(); _value = newValue; lock.unlock() }
    }
    var count: Int? {
        get { lock.lock(); defer { lock.unlock() }; return _count }
        set { lock.lock(); _count = newValue; lock.unlock() }
    }
}
