import CSQLite
import Foundation
import QualityData
import QualityIndicators
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualityStore
import QualityRuntime

/// A real SQLite file in a temporary folder for every test.
@Suite(.serialized) struct StoreTests {
    func dbPath() -> String { (Fixtures.tempDir("store") as NSString).appendingPathComponent("q.sqlite") }

    func input(_ path: String, kind: String = "sampling") -> Store.InputFile {
        var r = FileReport(path: path)
        r.kind = kind
        r.rowsRead = 3; r.loaded = 3
        r.digest = ContentDigest.ofFile(path)
        return Store.InputFile(r)!
    }

    func run(_ inputs: [Store.InputFile], results: [Store.Result] = [], started: String = "2026-01-01T00:00:00Z") -> Store.Run {
        Store.Run(started: started, tool: "qindex test", options: ["lang": "zh"], inputs: inputs, results: results)
    }

    @Test func sha256MatchesTheStandardVectorsAndSha256sum() throws {
        func hex(_ s: String) -> String { ContentDigest.of(s).sha256 }
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")  // FIPS 180-2 example
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // The sample file, against the sha256sum command (coreutils).
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz")]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        p.waitUntilExit()
        let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        #expect(input(Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz")).sha256 == expected)
    }

    @Test func theManifestKnowsSameChangedAndRenamedFiles() throws {
        let store = try Store(path: dbPath())
        let dir = Fixtures.tempDir("files")
        let a = (dir as NSString).appendingPathComponent("2019.csv")
        try "batch_id,x\n1,2\n".write(toFile: a, atomically: true, encoding: .utf8)
        #expect(try store.record(run([input(a)])).statuses == [.new])
        #expect(try store.record(run([input(a)], started: "2026-02-01T00:00:00Z")).statuses == [.unchanged(firstSeen: "2026-01-01T00:00:00Z")])
        try "batch_id,x\n1,3\n".write(toFile: a, atomically: true, encoding: .utf8)  // same name, new content
        #expect(try store.record(run([input(a)], started: "2026-03-01T00:00:00Z")).statuses == [.changed(lastSeen: "2026-02-01T00:00:00Z")])
        let b = (dir as NSString).appendingPathComponent("2019-renamed.csv")
        try FileManager.default.copyItem(atPath: a, toPath: b)
        #expect(try store.record(run([input(b)], started: "2026-04-01T00:00:00Z")).statuses == [.renamed(from: a)])
        let files = try store.files()
        #expect(files.count == 3 && Set(files.map(\.path)) == [a, b] && files.allSatisfy { $0.sha256.count == 64 })
        #expect(try store.runCount() == 4)
    }

    @Test func historyAcrossRunsAndYears() throws {
        let store = try Store(path: dbPath())
        let r2019 = Store.Result(indicator: "batch_pass_rate", dimension: "region", key: "450000", year: 2019, numerator: 928, denominator: 1000, value: 0.928)
        var r2020 = r2019
        r2020.year = 2020; r2020.numerator = 931; r2020.value = 0.931
        _ = try store.record(run([], results: [r2019]))
        _ = try store.record(run([], results: [r2019, r2020], started: "2026-06-01T00:00:00Z"))
        let h = try store.history(indicator: "batch_pass_rate", dimension: "region", key: "450000")
        #expect(h.map { "\($0.year) \($0.runId)" } == ["2019 1", "2019 2", "2020 2"])
        let runs = try store.seriesByRun(indicator: "batch_pass_rate", dimension: "region", key: "450000")
        #expect(runs.map(\.runId) == [2, 1] && runs[0].points[2020]?.numerator == 931 && runs[1].points.keys.sorted() == [2019])
        #expect(try store.history(indicator: "batch_pass_rate", dimension: "region", key: "450100").isEmpty)
    }

    /// The history of every dimension but region × level is read through the
    /// lookup index; region × level rows stay out of it (they were three
    /// quarters of its inserts) and their history is still found, by a scan.
    @Test func historyUsesTheLookupIndexAndSkipsItOnlyForRegionLevel() throws {
        let store = try Store(path: dbPath())
        let county = Store.Result(indicator: "batch_pass_rate", dimension: "region_level", key: "450102", subKey: "provincial", year: 2019,
                                  numerator: 9, denominator: 10, value: 0.9)
        var whole = county
        whole.dimension = "region_level"; whole.subKey = ""
        _ = try store.record(run([], results: [county, whole]))
        #expect(try store.history(indicator: "batch_pass_rate", dimension: "region_level", key: "450102").map(\.value) == [0.9])
        for (dimension, usesIndex) in [("region", true), ("all", true), ("product", true), ("region_level", false)] {
            let plan = try store.db.query("EXPLAIN QUERY PLAN " + Store.historySQL(dimension: dimension),
                                          [.text("batch_pass_rate"), .text(dimension), .text("x")]).map { $0.last?.text ?? "" }.joined(separator: "\n")
            #expect(plan.contains("USING INDEX results_lookup") == usesIndex, "\(dimension): \(plan)")
        }
        #expect(try store.db.scalarInt("SELECT count(*) FROM results INDEXED BY results_lookup WHERE dimension <> 'region_level'") == 0)
    }

    @Test func plansAreVersionedWhenTheyChange() throws {
        let store = try Store(path: dbPath())
        var r = run([])
        r.documents = [("plan", "plan.yaml", "targets: []")]
        #expect(try store.record(r).documentVersions == [1])
        #expect(try store.record(r).documentVersions == [1])  // unchanged: same version
        r.documents = [("plan", "plan.yaml", "targets: [x]")]
        #expect(try store.record(r).documentVersions == [2])
        #expect(try store.documentVersions(kind: "plan", name: "plan.yaml") == [1, 2])
    }

    /// A database written by schema version 1 (scripts/make-store-v1-fixture.sh) opens, migrates and keeps its history.
    @Test func aVersion1DatabaseIsMigrated() throws {
        let path = dbPath()
        try FileManager.default.copyItem(atPath: Fixtures.path("Tests/Fixtures/store-v1.sqlite"), toPath: path)
        let store = try Store(path: path)
        #expect(try store.db.scalarInt("PRAGMA user_version") == Int64(Store.schemaVersion))
        let old = try store.history(indicator: "batch_pass_rate", dimension: "region", key: "450000")
        #expect(old.map(\.year) == [2014, 2015] && old[0].value == 0.913 && old[0].started == "2025-01-15T08:00:00Z")
        #expect(try store.db.query("SELECT method FROM results LIMIT 1").first?.first?.text == "wilson")
        #expect(try store.files().first?.path == "data/2014.csv.gz")
        var r = run([])
        r.documents = [("plan", "p", "x")]
        _ = try store.record(r)
        #expect(try store.runCount() == 2)
        // A database from a newer qindex is refused, not damaged.
        try store.db.execute("PRAGMA user_version = 99")
        #expect(throws: StoreError.tooNew(path: path, found: 99, supported: Store.schemaVersion)) { try Store(path: path) }
    }

    @Test func aSecondWriterGetsAClearBusyMessage() throws {
        let path = dbPath()
        let first = try Store(path: path)
        try first.db.execute("BEGIN IMMEDIATE")  // another run holds the write lock
        let second = try Store(path: path, busyTimeout: 100)
        #expect(throws: StoreError.busy(path: path)) { try second.record(run([])) }
        #expect(StoreError.busy(path: path).message(.en).contains("is busy: another qindex run"))
        try first.db.execute("COMMIT")
        _ = try second.record(run([]))
        #expect(try second.runCount() == 1)
    }

    @Test func fileErrorsGiveOneClearMessageEach() throws {
        // Not a database.
        let junk = dbPath()
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: junk))
        #expect(throws: StoreError.notADatabase(path: junk)) { try Store(path: junk) }
        // Disk full: a page limit stands in for a full disk; the run is rolled back whole.
        let path = dbPath()
        let store = try Store(path: path)
        _ = try store.record(run([]))
        let pages = try store.db.scalarInt("PRAGMA page_count")!
        try store.db.execute("PRAGMA max_page_count = \(pages + 2)")
        let big = (0..<5000).map { Store.Result(indicator: "batch_pass_rate", dimension: "product", key: "P\($0)", year: 2020, value: 0.9) }
        #expect(throws: StoreError.full(path: path)) { try store.record(run([], results: big)) }
        #expect(try store.runCount() == 1)
        // Read-only: tests run as root, which ignores file modes, so the connection is made read-only instead.
        try store.db.execute("PRAGMA query_only = ON")
        #expect(throws: StoreError.readOnly(path: path)) { try store.record(run([])) }
        #expect(StoreError.readOnly(path: path).message(.zh).contains("只读"))
        // A folder that does not exist.
        #expect(throws: StoreError.self) { try Store(path: "/nonexistent/folder/q.sqlite") }
    }

    /// A run killed with SIGKILL in the middle of its transaction leaves the
    /// database as it was: the real qindex binary, a real kill.
    @Test func aKilledRunLeavesTheDatabaseAsItWas() throws {
        let binary = Fixtures.path(".build/debug/qindex")
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the qindex product first (swift build)")
        let dir = Fixtures.tempDir("kill")
        let db = (dir as NSString).appendingPathComponent("q.sqlite")
        let sample = Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz")
        func qindex(_ env: [String: String]) throws -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["report", sample, "--out", (dir as NSString).appendingPathComponent("out"), "--db", db, "--no-cache"]
            p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        let complete = try qindex([:])
        complete.waitUntilExit()
        #expect(complete.terminationStatus == 0)
        let before = try Store(path: db)
        let runs = try before.runCount(), results = try before.db.scalarInt("SELECT count(*) FROM results")!
        #expect(runs == 1 && results > 1000)
        let marker = (dir as NSString).appendingPathComponent("in-transaction")
        let doomed = try qindex(["QINDEX_TEST_PAUSE_IN_TRANSACTION": marker])
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: marker) && Date() < deadline && doomed.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        #expect(FileManager.default.fileExists(atPath: marker), "the run reached its transaction")
        kill(doomed.processIdentifier, SIGKILL)
        doomed.waitUntilExit()
        #expect(doomed.terminationReason == .uncaughtSignal)
        let after = try Store(path: db)
        #expect(try after.runCount() == runs && after.db.scalarInt("SELECT count(*) FROM results")! == results)
        #expect(try after.db.query("PRAGMA integrity_check").first?.first?.text == "ok")
    }

    /// Issue 15, item 8: a schema version no qindex writes (negative) is a
    /// clear error, not a crash, for every command that opens the database.
    @Test func aNegativeSchemaVersionIsAClearError() throws {
        let path = dbPath()
        try Database(path: path).execute("PRAGMA user_version = -1")
        #expect(throws: StoreError.unknownVersion(path: path, found: -1)) { try Store(path: path) }
        #expect(StoreError.unknownVersion(path: path, found: -1).message(.zh).contains("结构版本为 -1"))
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let files = try QIndexBinary.run(["files", "--db", path, "--lang", "en"])
        #expect(files.status == 1 && files.err.contains("schema version -1"), "\(files)")
        let report = try QIndexBinary.run(["report", Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz"), "--db", path,
                                           "--out", Fixtures.tempDir(), "--no-cache", "--lang", "en"])
        #expect(report.status == 1 && report.err.contains("schema version -1"), "\(report.err)")
    }

    /// Issue 15, item 15: runs that open the same new database at the same
    /// moment create its schema once (four real processes, five trials).
    @Test func concurrentRunsOnANewDatabaseCreateTheSchemaOnce() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        for _ in 0..<5 {
            let path = dbPath()
            _ = FileManager.default.createFile(atPath: path, contents: Data())  // empty: a database without a schema
            let group = DispatchGroup()
            let results = IndexedResults<(status: Int32, out: String, err: String)>()
            for i in 0..<4 {
                DispatchQueue.global().async(group: group) {
                    if let r = try? QIndexBinary.run(["files", "--db", path, "--lang", "en"]) { results.set(i, r) }
                }
            }
            group.wait()
            let all = results.ordered
            #expect(all.count == 4 && all.allSatisfy { $0.status == 0 }, "\(all.map(\.err))")
            #expect(try Store(path: path).db.scalarInt("PRAGMA user_version") == Int64(Store.schemaVersion))
        }
    }

    /// Issue 15, item 16: the write lock is taken before a run loads anything.
    @Test func checkWritableSeesABusyDatabase() throws {
        let path = dbPath()
        let holder = try Store(path: path)
        try holder.db.execute("BEGIN IMMEDIATE")
        let other = try Store(path: path, busyTimeout: 50)
        #expect(throws: StoreError.busy(path: path)) { try other.checkWritable() }
        try holder.db.execute("ROLLBACK")
        try other.checkWritable()
        try other.db.execute("PRAGMA query_only = ON")  // root ignores file modes; a read-only connection stands in
        #expect(throws: StoreError.self) { try other.checkWritable() }
    }
}
