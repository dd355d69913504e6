import Foundation
import QualityData
import Testing
import _QualityTestSupport
import QualityRuntime

/// The real binary, as a user types it (issue 15, items 6 and 19).
@Suite struct CommandLineTests {
    /// `qindex reprot f.csv.gz` is a usage error naming the command meant,
    /// not a report over a file called "reprot": nothing written.
    @Test func aMistypedCommandIsAUsageError() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let dir = Fixtures.tempDir()
        let sample = Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz")
        let r = try QIndexBinary.run(["reprot", sample, "--no-cache", "--no-db"], in: dir)
        #expect(r.status == 64, "\(r)")
        #expect(r.err.contains("'reprot' is neither a command") && r.err.contains("Did you mean 'report'?"), "\(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        // A real file of that name is still an input.
        #expect(UnknownCommandProbe.isFileAccepted(dir: dir))
    }

    /// `qindex sql` with a plan, an index and the inspections: the filtered
    /// sets and the inspection tables are in the script (a Spark string
    /// literal escaped its way); a plan that cannot be read stops it with its
    /// line, and prints no SQL.
    @Test func sqlWithAPlanAnIndexAndInspections() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let dir = Fixtures.tempDir()
        let r = try QIndexBinary.run(["sql", "--engine", "spark", "--parquet", "/data/p", "--out", "\(dir)/counts",
                                      "--plan", Fixtures.path("datasets/examples/plan-guangxi-13th.yaml"),
                                      "--index", Fixtures.path("datasets/examples/index-guangxi-cities.yaml"), "--count-inspections", "--count-register"])
        #expect(r.status == 0, "\(r.err)")
        for table in ["counts_filters", "counts_filtered", "counts_inspections", "counts_inspection_population"] {
            #expect(r.out.contains("-- \(table)\n"), "\(table)")
        }
        #expect(r.out.contains("'industry=C'") && r.out.contains("'channel=distribution,ecommerce'") && r.out.contains("parquet.`/data/p/_register`"))
        // The flag's old spelling (before 0.16) is still read, to the same SQL.
        let old = try QIndexBinary.run(["sql", "--engine", "spark", "--parquet", "/data/p", "--out", "\(dir)/counts",
                                        "--plan", Fixtures.path("datasets/examples/plan-guangxi-13th.yaml"),
                                        "--index", Fixtures.path("datasets/examples/index-guangxi-cities.yaml"), "--count-inspections", "--register"])
        #expect(old.status == 0 && old.out == r.out, "\(old.err)")
        let bad = Fixtures.file("plan: {id: x}\ntargets:\n  - id: t\n    indicator: no_such_rate\n", name: "bad.yaml")
        let b = try QIndexBinary.run(["sql", "--parquet", "/data/p", "--out", "\(dir)/c2", "--plan", bad, "--lang", "en"])
        #expect(b.status == 1 && b.out.isEmpty && b.err.contains("bad.yaml"), "\(b)")
    }

    /// An empty or invalid --regions table is refused before loading, with a
    /// usage error; one without a province only when it replaces the bundled
    /// table (`--regions-replace`: it would reject every row).
    @Test func anEmptyOrInvalidRegionTableIsRefused() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let sample = Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz")
        for (text, replace, expected) in [("", false, "no division"), ("code\tname\n", false, "no division"), ("450102\t青秀区\n", true, "names no province"),
                                          ("code,name\n45x000,广西\n", false, "line 2")] {
            let regions = Fixtures.file(text, name: "regions.tsv")
            let dir = Fixtures.tempDir()
            let r = try QIndexBinary.run(["report", sample, "--regions", regions, "--out", "\(dir)/out", "--no-cache", "--no-db", "--lang", "en"]
                                         + (replace ? ["--regions-replace"] : []))
            #expect(r.status == 64 && r.err.contains(expected), "\(text): \(r.err)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        }
        #expect(throws: RegionTableError.self) { try RegionTable(tsv: "") }
    }
}

extension CommandLineTests {
    /// Issue 15, item 9: out of memory (an address-space limit, `ulimit -v`)
    /// gives one message with the stage and the memory, not a crash dump;
    /// nothing is written, and the next run clears what the stopped one left.
    @Test func outOfMemoryIsAClearMessage() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let parent = Fixtures.tempDir()
        let out = (parent as NSString).appendingPathComponent("out")
        let sample = Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz")
        // Limits above what the binary needs to start (~100 MB of address
        // space) and below what the run needs: each run ends with the message
        // and exit 1, or (when this machine's threads happen to fit) finishes.
        // Never a crash dump. A worker thread whose stack cannot be mapped is
        // killed by the kernel before any handler can run (SIGSEGV, no
        // message: docs/store.md says so); such a run is retried.
        var stopped = 0, killed = 0
        for limit in [150_000, 175_000, 200_000] {
            for _ in 0..<5 {
                let r = try QIndexBinary.run(["-c", "ulimit -v \(limit); exec \"$0\" \"$@\"", QIndexBinary.path, "report", sample, "--out", out,
                                              "--no-db", "--no-cache", "--lang", "en"], shell: true)
                #expect(!r.err.contains("Program crashed") && !r.err.contains("Backtracing"), "\(limit): \(r.err)")
                #expect(!FileManager.default.fileExists(atPath: out) || r.status == 0)
                if r.status == 0 { try FileManager.default.removeItem(atPath: out); break }
                if r.status != 1 { killed += 1; continue }
                stopped += 1
                #expect(r.err.contains("out of memory, the run stopped (stage: ") && r.err.contains("address-space limit") && r.err.contains("内存不足"), "\(r.err)")
                break
            }
        }
        // How many die depends on how many worker threads start at once (the
        // full suite runs beside it); most must end with the message.
        #expect(killed <= 6, "\(killed) of the runs died without the message")
        #expect(stopped > 0)
        let again = try QIndexBinary.run(["report", sample, "--out", out, "--no-db", "--no-cache"])
        #expect(again.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"])
    }
}

extension CommandLineTests {
    /// Issue 15, items 4 and 10: standard input (`-`) is read once and the
    /// manifest records the size and SHA-256 of the bytes parsed (the old
    /// second read recorded a pipe as 0 bytes with the empty-file hash).
    @Test func standardInputIsRecordedWithItsRealDigest() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let dir = Fixtures.tempDir()
        let text = Fixtures.sampling((0..<30).map { "B\($0),2019-03-0\($0 % 9 + 1),省抽,450102,电线电缆,合格,,甲\($0 % 4)" })
        let input = Fixtures.file(text)
        let db = (dir as NSString).appendingPathComponent("q.sqlite")
        let r = try QIndexBinary.run(["report", "-", "--db", db, "--out", "\(dir)/out", "--no-cache", "--lang", "en"],
                                     stdin: try FileHandle(forReadingFrom: URL(fileURLWithPath: input)))
        #expect(r.status == 0, "\(r.err)")
        let files = try QIndexBinary.run(["files", "--db", db, "--lang", "en"])
        let digest = ContentDigest.of(text)
        #expect(files.out.contains(digest.sha256.prefix(12)) && files.out.contains(String(digest.size)), "\(files.out)")
        #expect(!files.out.contains("e3b0c44298fc"))  // the empty-file hash
    }
}

/// A file named like a command word is read as an input, as before.
enum UnknownCommandProbe {
    static func isFileAccepted(dir: String) -> Bool {
        let name = "reprot"
        let text = Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,合格,,甲"])
        _ = FileManager.default.createFile(atPath: (dir as NSString).appendingPathComponent(name), contents: Data(text.utf8))
        guard let r = try? QIndexBinary.run([name, "--no-cache", "--no-db", "--out", "out"], in: dir) else { return false }
        return r.status == 0 && FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent("out/index.html"))
    }
}
