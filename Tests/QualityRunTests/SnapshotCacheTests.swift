import Foundation
import Testing
import _QualityTestSupport

/// Issue 30, item 4, from the command line: without HOME and
/// XDG_CACHE_HOME (cron, systemd) there is no cache — never the shared
/// /tmp — and the run says so; run.json's `snapshot` says what happened,
/// `not_cached` for a pipe.
@Suite struct SnapshotCacheTests {
    static func runJSON(_ dir: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/run.json"))) as! [String: Any]
    }

    @Test func withoutAHomeThereIsNoCache() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let dir = Fixtures.tempDir()
        let data = "\(dir)/a.csv"
        try Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,合格,,甲"]).write(toFile: data, atomically: true, encoding: .utf8)
        let shared = (NSTemporaryDirectory() as NSString).appendingPathComponent(".cache/qindex")
        let before = (try? FileManager.default.contentsOfDirectory(atPath: shared)) ?? []
        let r = try QIndexBinary.run(["-c", "env -u HOME -u XDG_CACHE_HOME '\(QIndexBinary.path)' report '\(data)' --out '\(dir)/r' --no-db --lang en"], shell: true)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.contains("HOME and XDG_CACHE_HOME are not set, so no snapshot cache is used"), "\(r.err)")
        let run = try Self.runJSON("\(dir)/r")
        #expect(run["snapshot"] as? String == "not_cached" && (run["snapshot_reason"] as? String)?.contains("HOME") == true)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: shared)) ?? []) == before)
        // With a cache: written, then used; a pipe: not cached.
        let cache = "\(dir)/cache"
        for expected in ["written", "used"] {
            let out = "\(dir)/r-\(expected)"
            #expect(try QIndexBinary.run(["report", data, "--out", out, "--no-db", "--cache", cache]).status == 0)
            #expect(try Self.runJSON(out)["snapshot"] as? String == expected)
        }
        let piped = try QIndexBinary.run(["-c", "cat '\(data)' | '\(QIndexBinary.path)' report /dev/stdin --out '\(dir)/r-pipe' --no-db --cache '\(cache)' --lang en"], shell: true)
        #expect(piped.status == 0, "\(piped.err)")
        #expect(try Self.runJSON("\(dir)/r-pipe")["snapshot"] as? String == "not_cached")
    }
}
