import Foundation
import QualityData
import QualityReport
import Testing
import _QualityTestSupport
@testable import QualityRun

/// Issue 30, item 3: `export` into a folder that holds an export is refused
/// unless `--append` (one export of the earlier inputs and these: the
/// manifest and `_counts/` cover every part) or `--replace`; a folder of
/// other files is refused; no input of any kind may lie inside --out.
@Suite struct ExportFolderTests {
    static func rows(_ prefix: String, year: Int) -> [String] {
        (0..<30).map { "\(prefix)\($0),\(year)-0\($0 % 9 + 1)-01,省抽,450102,电线电缆,\($0 % 6 == 0 ? "不合格" : "合格"),,企业\($0 % 5)" }
    }

    static func manifest(_ dir: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/_export.json"))) as! [String: Any]
    }

    /// Parquet parts on disk, relative to the folder.
    static func parts(_ dir: String) -> [String] {
        let e = FileManager.default.enumerator(atPath: dir)
        var out: [String] = []
        while let p = e?.nextObject() as? String { if p.hasSuffix(".parquet") { out.append(p) } }
        return out.sorted()
    }

    static func sampledInCounts(_ dir: String) throws -> Int {
        try String(contentsOfFile: "\(dir)/_counts/counts_year.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .reduce(0) { $0 + Int($1.split(separator: ",", omittingEmptySubsequences: false)[4])! }
    }

    @Test func aSecondExportIsRefusedUnlessAppendedOrReplaced() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let dir = Fixtures.tempDir()
        let a = "\(dir)/a.csv", b = "\(dir)/b.csv", c = "\(dir)/c.csv", out = "\(dir)/parquet"
        try Fixtures.sampling(Self.rows("A", year: 2019)).write(toFile: a, atomically: true, encoding: .utf8)
        try Fixtures.sampling(Self.rows("B", year: 2020)).write(toFile: b, atomically: true, encoding: .utf8)
        try Fixtures.sampling(Self.rows("C", year: 2020)).write(toFile: c, atomically: true, encoding: .utf8)
        func export(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
            try QIndexBinary.run(["export"] + args + ["--out", out, "--no-db", "--no-cache", "--lang", "en"])
        }
        #expect(try export([a]).status == 0)
        // The second export into the same folder: refused, the folder as it was.
        let again = try export([b])
        #expect(again.status == 1 && again.err.contains("already holds an export (30 batches from \(a))") && again.err.contains("--append"), "\(again.err)")
        #expect(try Self.manifest(out)["rows"] as? Int == 30 && Self.parts(out).count == 1)
        // --append: one export of both; manifest, parts and counts agree.
        try "mine".write(toFile: "\(out)/notes.txt", atomically: true, encoding: .utf8)
        let appended = try export([b, "--append"])
        #expect(appended.status == 0, "\(appended.err)")
        let m = try Self.manifest(out)
        #expect(m["rows"] as? Int == 60)
        #expect((m["files"] as? [[String: Any]])?.compactMap { $0["path"] as? String } == [a, b])
        let listed = ((m["parts"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }.sorted()
        #expect(listed == Self.parts(out) && listed.count == 2, "\(listed) vs \(Self.parts(out))")
        #expect(((m["parts"] as? [[String: Any]]) ?? []).reduce(0) { $0 + ($1["rows"] as? Int ?? 0) } == 60)
        #expect(try Self.sampledInCounts(out) == 60)
        #expect(try String(contentsOfFile: "\(out)/notes.txt", encoding: .utf8) == "mine")
        // An earlier input changed since: appending would count it stale — refused.
        try Fixtures.sampling(Self.rows("A", year: 2018)).write(toFile: a, atomically: true, encoding: .utf8)
        let changed = try export([c, "--append"])
        #expect(changed.status == 1 && changed.err.contains("\(a), an input of the export in \(out), has changed since"), "\(changed.err)")
        #expect(try Self.manifest(out)["rows"] as? Int == 60)
        // --replace: this export alone; the user's file stays.
        #expect(try export([c, "--replace"]).status == 0)
        #expect(try Self.manifest(out)["rows"] as? Int == 30 && Self.parts(out).count == 1 && (try Self.sampledInCounts(out)) == 30)
        #expect(FileManager.default.fileExists(atPath: "\(out)/notes.txt"))
        // Both flags: a usage error. A folder of other files: refused.
        #expect(try export([c, "--append", "--replace"]).status == 64)
        let other = "\(dir)/other"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        try "x".write(toFile: "\(other)/data.txt", atomically: true, encoding: .utf8)
        let notEmpty = try QIndexBinary.run(["export", c, "--out", other, "--no-db", "--no-cache", "--lang", "en"])
        #expect(notEmpty.status == 1 && notEmpty.err.contains("is not empty and holds no qindex export"), "\(notEmpty.err)")
        #expect(Self.parts(other).isEmpty)
    }

    /// Every input of every kind inside --out is refused before anything is
    /// written (`--stats r/tables/my.csv --out r` used to delete my.csv).
    @Test func noInputOfAnyKindMayLieInsideTheOutputFolder() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let dir = Fixtures.tempDir()
        let data = "\(dir)/a.csv", r = "\(dir)/r"
        try Fixtures.sampling(Self.rows("A", year: 2019)).write(toFile: data, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: "\(r)/tables", withIntermediateDirectories: true)
        let inside = "\(r)/tables/my.csv"
        try "region_code,year,indicator,value\n450000,2019,gdp,1\n".write(toFile: inside, atomically: true, encoding: .utf8)
        let options = ["--stats", "--inspections", "--register", "--plan", "--index", "--mapping", "--regions", "--map", "--logo", "--header",
                       "--item-classes", "--inspection-mapping"]
        for option in options {
            let run = try QIndexBinary.run(["report", data, option, inside, "--out", r, "--no-db", "--no-cache", "--lang", "en"])
            #expect(run.status == 64 && run.err.contains("would mix the run's files with input \(inside)"), "\(option): \(run.err)")
        }
        let counts = try QIndexBinary.run(["report", "--from-counts", "\(r)/tables", "--out", r, "--no-db", "--lang", "en"])
        #expect(counts.status == 64 && counts.err.contains("would mix"), "\(counts.err)")
        for option in ["--stats", "--plan", "--index", "--mapping", "--item-classes"] {
            let run = try QIndexBinary.run(["export", data, option, inside, "--out", r, "--no-db", "--no-cache", "--lang", "en"])
            #expect(run.status == 64 && run.err.contains("would mix"), "export \(option): \(run.err)")
        }
        #expect(try String(contentsOfFile: inside, encoding: .utf8).hasPrefix("region_code"))
        #expect(!FileManager.default.fileExists(atPath: "\(r)/run.json"))
    }
}
