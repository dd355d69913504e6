import Foundation
import Glibc
import QualityData
import Testing
import _QualityTestSupport
@testable import QualityIngest
import QualityRuntime

@Suite struct SamplingSnapshotTests {
    func options(_ dir: String) -> SamplingIngestOptions {
        var o = SamplingIngestOptions()
        o.snapshotDirectory = dir
        return o
    }

    func expectSame(_ a: SamplingIngestResult, _ b: SamplingIngestResult) {
        #expect(a.files == b.files && a.rejects == b.rejects)
        let x = a.table, y = b.table
        #expect(x.day == y.day && x.year == y.year && x.level == y.level && x.region == y.region && x.product == y.product)
        #expect(x.enterprise == y.enterprise && x.size == y.size && x.channel == y.channel && x.outcome == y.outcome)
        #expect(x.testingAgency == y.testingAgency && x.samplingAgency == y.samplingAgency && x.followUp == y.followUp)
        #expect(x.industry == y.industry && x.itemOffsets == y.itemOffsets && x.items == y.items && x.productNames == y.productNames)
        #expect((0..<x.products.count).map { x.products.string(UInt32($0)) } == (0..<y.products.count).map { y.products.string(UInt32($0)) })
        #expect((0..<x.agencies.count).map { x.agencies.string(UInt32($0)) } == (0..<y.agencies.count).map { y.agencies.string(UInt32($0)) })
        #expect((0..<x.itemNames.count).map { x.itemNames.string(UInt32($0)) } == (0..<y.itemNames.count).map { y.itemNames.string(UInt32($0)) })
        #expect((0..<x.enterprises.count).map { x.enterprises.string(UInt32($0)) } == (0..<y.enterprises.count).map { y.enterprises.string(UInt32($0)) })
        #expect(x.regions.count == y.regions.count)
    }

    @Test func secondLoadComesFromTheSnapshotAndIsIdentical() throws {
        let dir = Fixtures.tempDir("snap")
        let sample = Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz")
        let first = try SamplingIngest.load(paths: [sample], options: options(dir))
        #expect(!first.fromSnapshot)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".qsnap") }.count == 1)
        let second = try SamplingIngest.load(paths: [sample], options: options(dir))
        #expect(second.fromSnapshot)
        expectSame(first, second)
    }

    @Test func aSnapshotWrittenInTheBackgroundIsCompleteOnceWaitedFor() throws {
        let dir = Fixtures.tempDir("snap")
        let sample = Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz")
        var o = options(dir)
        o.snapshotInBackground = true
        let first = try SamplingIngest.load(paths: [sample], options: o)
        let pending = try #require(first.snapshotWrite)
        // Once waited for, the write has settled as written and the folder
        // holds the whole snapshot, no temporary file.
        pending.wait()
        #expect(first.snapshot.status == .written, "\(first.snapshot.status)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(names.filter { $0.hasSuffix(".qsnap") }.count == 1 && !names.contains { $0.contains(".tmp-") })
        let second = try SamplingIngest.load(paths: [sample], options: o)
        #expect(second.fromSnapshot && second.snapshotWrite == nil)
        expectSame(first, second)
    }

    @Test func aChangedInputIsReadAgain() throws {
        let dir = Fixtures.tempDir("snap")
        let path = Fixtures.file(Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,合格,,甲"]))
        _ = try SamplingIngest.load(paths: [path], options: options(dir))
        #expect(try SamplingIngest.load(paths: [path], options: options(dir)).fromSnapshot)
        // Append a row: size and time change, the snapshot no longer applies.
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.seekToEnd()
        try h.write(contentsOf: Data("B2,2019-03-02,省抽,450102,电线电缆,不合格,x,乙\n".utf8))
        try h.close()
        let again = try SamplingIngest.load(paths: [path], options: options(dir))
        #expect(!again.fromSnapshot && again.table.count == 2)
        // A new modification time over the same bytes: the content is the key, the snapshot still applies.
        let later = Date().addingTimeInterval(5)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: path)
        #expect(try SamplingIngest.load(paths: [path], options: options(dir)).fromSnapshot)
    }

    /// The attack of issue 15 (1): the file edited in place, same size and
    /// inode, its modification time restored to the nanosecond.
    @Test func anEditThatKeepsSizeInodeAndTimeIsReadAgain() throws {
        let dir = Fixtures.tempDir("snap")
        let path = Fixtures.file(Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,合格,,甲", "B2,2019-03-01,省抽,450102,电线电缆,合格,,乙"]))
        _ = try SamplingIngest.load(paths: [path], options: options(dir))
        var before = stat()
        stat(path, &before)
        // 合格 → 不合 is not the same size; swap 合格 for 无效? Keep it simple: B2's enterprise 乙 → 丙 (3 bytes each).
        let fd = open(path, O_WRONLY)
        let text = Array(Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,合格,,甲", "B2,2019-03-01,省抽,450102,电线电缆,合格,,丙"]).utf8)
        #expect(text.count == Int(before.st_size))
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        close(fd)
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var after = stat()
        stat(path, &after)
        #expect(after.st_size == before.st_size && after.st_ino == before.st_ino)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        let r = try SamplingIngest.load(paths: [path], options: options(dir))
        #expect(!r.fromSnapshot)
        #expect((0..<r.table.enterprises.count).map { r.table.enterprises.string(UInt32($0)) }.contains("丙"))
        #expect(r.files[0].digest == ContentDigest.ofFile(path))
    }

    /// Issue 15 (2): the header is inside the checksum; one flipped bit in a
    /// product name (电 → 甴) is caught.
    @Test func aFlippedBitInTheHeaderIsCaught() throws {
        let dir = Fixtures.tempDir("snap")
        let path = Fixtures.file(Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,合格,,甲"]))
        let first = try SamplingIngest.load(paths: [path], options: options(dir))
        let snap = (dir as NSString).appendingPathComponent(try FileManager.default.contentsOfDirectory(atPath: dir)[0])
        var bytes = Array(FileManager.default.contents(atPath: snap)!)
        let name = Array("电线电缆".utf8)
        let at = try #require((0..<(bytes.count - name.count)).first { Array(bytes[$0..<$0 + name.count]) == name })
        #expect(at < 4096)  // in the JSON header, not a column section
        bytes[at + 2] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: snap))
        let r = try SamplingIngest.load(paths: [path], options: options(dir))
        #expect(!r.fromSnapshot)
        expectSame(first, r)
        #expect(r.table.productNames.contains("电线电缆"))
    }

    /// Issue 15 (18): temporary files of a killed write are removed by the next prune.
    @Test func theTemporaryFileOfAKilledWriteIsPruned() throws {
        let dir = Fixtures.tempDir("snap")
        // A process id that is not running: a child that has exited.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        let dead = (dir as NSString).appendingPathComponent("abc.qsnap.tmp-\(p.processIdentifier)")
        let alive = (dir as NSString).appendingPathComponent("def.qsnap.tmp-\(getpid())")
        for f in [dead, alive] { _ = FileManager.default.createFile(atPath: f, contents: Data([1, 2, 3])) }
        SamplingSnapshot.prune(dir)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: alive))  // a write still in progress is left alone
    }

    /// Pipes are read once and never cached; their digest is what was read.
    @Test func aPipeIsReadOnceAndNotCached() throws {
        let dir = Fixtures.tempDir("snap")
        let text = Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,合格,,甲"])
        let fifo = (Fixtures.tempDir() as NSString).appendingPathComponent("pipe.csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        writer.start()
        let r = try SamplingIngest.load(paths: [fifo], options: options(dir))
        #expect(r.table.count == 1 && !r.fromSnapshot)
        #expect(r.files[0].digest == ContentDigest.of(text))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func otherOptionsDoNotUseTheSnapshot() throws {
        let dir = Fixtures.tempDir("snap")
        let path = Fixtures.file(Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,合格,,甲"]))
        _ = try SamplingIngest.load(paths: [path], options: options(dir))
        var o = options(dir)
        o.mapping = Mapping.builtIn.merged(with: try Mapping.parse(yaml: "defaults: { channel: production }\n"))
        #expect(!(try SamplingIngest.load(paths: [path], options: o).fromSnapshot))
    }

    @Test func aDamagedSnapshotIsIgnoredAndReplaced() throws {
        let dir = Fixtures.tempDir("snap")
        let path = Fixtures.file(Fixtures.sampling((0..<50).map { "B\($0),2019-03-01,省抽,450102,电线电缆,合格,,甲\($0)" }))
        let first = try SamplingIngest.load(paths: [path], options: options(dir))
        let snap = (dir as NSString).appendingPathComponent(try FileManager.default.contentsOfDirectory(atPath: dir)[0])
        var bytes = Array(FileManager.default.contents(atPath: snap)!)
        for cut in [bytes.count / 2, 20, 3] {
            try Data(bytes.prefix(cut)).write(to: URL(fileURLWithPath: snap))
            let r = try SamplingIngest.load(paths: [path], options: options(dir))
            #expect(!r.fromSnapshot)
            expectSame(first, r)
        }
        bytes = Array(FileManager.default.contents(atPath: snap)!)
        for i in stride(from: bytes.count - 1, to: bytes.count / 2, by: -97) { bytes[i] ^= 0xFF }
        try Data(bytes).write(to: URL(fileURLWithPath: snap))
        let r = try SamplingIngest.load(paths: [path], options: options(dir))
        #expect(!r.fromSnapshot)  // the checksum catches damaged column bytes
        expectSame(first, r)
    }

    @Test func noSnapshotWhenAFileFailed() throws {
        let dir = Fixtures.tempDir("snap")
        let good = Fixtures.file(Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,合格,,甲"]))
        let bad = Fixtures.file([0x1F, 0x8B, 0x08, 0x00], name: "bad.csv.gz")
        let r = try SamplingIngest.load(paths: [good, bad], options: options(dir))
        #expect(r.failures.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    /// Issue 30, item 4: what became of the cache, said exactly.
    @Test func theStatusSaysWhatHappened() throws {
        let dir = Fixtures.tempDir("snap")
        let path = Fixtures.file(Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,合格,,甲"]))
        #expect(try SamplingIngest.load(paths: [path], options: options(dir)).snapshot.status == .written)
        #expect(try SamplingIngest.load(paths: [path], options: options(dir)).snapshot.status == .used)
        #expect(try SamplingIngest.load(paths: [path]).snapshot.status == .off)
        var none = SamplingIngestOptions()
        none.snapshotOffReason = SnapshotFolder.noHome
        #expect(try SamplingIngest.load(paths: [path], options: none).snapshot.status == .notCached(SnapshotFolder.noHome))
        // A folder at the snapshot's own name: the write fails, and the status says so with the reason.
        let other = Fixtures.tempDir("snap")
        let key = try #require(SamplingSnapshot.key(paths: [path], options: options(other))).key
        try FileManager.default.createDirectory(atPath: "\(other)/\(key).qsnap/x", withIntermediateDirectories: true)
        let failed = try SamplingIngest.load(paths: [path], options: options(other)).snapshot.status
        #expect(failed.id == "not_written" && failed.reason != nil, "\(failed)")
        let bad = Fixtures.file([0x1F, 0x8B, 0x08, 0x00], name: "bad.csv.gz")
        #expect(try SamplingIngest.load(paths: [path, bad], options: options(Fixtures.tempDir("snap"))).snapshot.status.id == "not_written")
    }

    /// Issue 30, item 4: the cache belongs to its user. A new folder is made
    /// 0700 (an existing one of the user's narrowed to it); a folder others
    /// can write, or another user owns, is neither read nor written — a
    /// snapshot planted there is never believed.
    @Test func aCacheFolderOthersCanWriteIsNotUsed() throws {
        let base = Fixtures.tempDir("snap")
        let fresh = "\(base)/a/qindex"
        let path = Fixtures.file(Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,不合格,,甲"]))
        #expect(try SamplingIngest.load(paths: [path], options: options(fresh)).snapshot.status == .written)
        var st = stat()
        #expect(stat(fresh, &st) == 0 && st.st_mode & 0o777 == 0o700)
        let wide = Fixtures.tempDir("snap")
        #expect(chmod(wide, 0o755) == 0)
        _ = try SamplingIngest.load(paths: [path], options: options(wide))
        #expect(stat(wide, &st) == 0 && st.st_mode & 0o777 == 0o700)
        // Writable by others: the snapshot in it (planted, as far as qindex can tell) is not read.
        #expect(chmod(wide, 0o777) == 0)
        let r = try SamplingIngest.load(paths: [path], options: options(wide))
        #expect(!r.fromSnapshot && r.snapshot.status.id == "not_cached" && r.snapshot.status.reason?.en.contains("chmod 700") == true)
        #expect(r.table.count == 1)
        // Owned by another user (nobody): not used either.
        if getuid() == 0 {
            #expect(chmod(wide, 0o700) == 0 && chown(wide, 65534, 65534) == 0)
            let o = try SamplingIngest.load(paths: [path], options: options(wide))
            #expect(!o.fromSnapshot && o.snapshot.status.reason?.en.contains("belongs to another user") == true)
        } else {
            // Not root: a folder of another user's cannot be made here; the rule is the uid check above.
            #expect(stat("/", &st) == 0 && st.st_uid != geteuid())
            #expect(SnapshotFolder.prepare("/")?.en.contains("belongs to another user") == true)
        }
        // A file where the folder should be.
        let file = Fixtures.file("x", name: "not-a-folder")
        #expect(SnapshotFolder.prepare(file)?.en.contains("is not a folder") == true)
    }
}
