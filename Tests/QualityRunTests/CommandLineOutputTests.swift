import Foundation
import QualityData
import Testing
import _QualityTestSupport

/// The command line's manners (issue 18): `--json` and `--quiet`, run.json
/// typed, options with fixed values as real choices.
@Suite struct CommandLineOutputTests {
    static let sample = Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz")
    static let plan = Fixtures.path("datasets/examples/plan-guangxi-13th.yaml")

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text.prefix(200))")
    }

    /// `report --json` prints exactly run.json: typed values, the files'
    /// accounting, the headline with the tables' numbers, the database run.
    @Test func reportJSONIsRunJSONWithTypedValues() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let dir = Fixtures.tempDir()
        let r = try QIndexBinary.run(["report", Self.sample, "--plan", Self.plan, "--out", "\(dir)/out", "--db", "\(dir)/q.sqlite", "--no-cache",
                                      "--format", "csv", "--json"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == (try String(contentsOfFile: "\(dir)/out/run.json", encoding: .utf8)))
        let run = try Self.object(r.out)
        #expect(run["schema"] as? Int == 1 && run["command"] as? String == "report" && run["exit_code"] as? Int == 0)
        let options = try #require(run["options"] as? [String: Any])
        #expect(options["run_length"] as? Int == 8 && options["inputs"] as? [String] == [Self.sample] && options["format"] as? [String] == ["csv"])
        #expect(run["seconds"] is Double && run["outputs"] as? [String] == ["rejects.csv", "run.json", "tables"])
        let file = try #require((run["files"] as? [[String: Any]])?.first)
        #expect(file["rows_read"] as? Int == 30_374 && file["loaded"] as? Int == 30_000 && file["merged"] as? Int == 374 && file["rejected"] as? Int == 0)
        #expect((file["sha256"] as? String)?.count == 64)
        // The headline: Guangxi (the plan's region) first, then all regions, as pass_rate_by_region.csv and _by_year.csv have them.
        let headline = try #require(run["headline"] as? [[String: Any]])
        #expect(headline.map { $0["scope"] as? String } == ["450000", "all"])
        let gx = try #require(try FocusRegionTests.rows("\(dir)/out/tables/pass_rate_by_region.csv").first { $0["year"] == "2020" && $0["region_code"] == "450000" })
        #expect(headline[0]["batches_tested"] as? Int == Int(gx["batches_tested"]!) && headline[0]["passed"] as? Int == Int(gx["passed"]!))
        #expect(abs((headline[0]["pass_rate"] as? Double ?? 0) - Double(gx["pass_rate"]!)!) < 1e-6)
        let db = try #require(run["database"] as? [String: Any])
        #expect(db["run_id"] as? Int == 1 && db["path"] as? String == "\(dir)/q.sqlite")
    }

    /// `--quiet`: nothing on standard output, errors still on standard error
    /// with the exit status; `--quiet --json` is refused.
    @Test func quietPrintsOnlyErrors() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let dir = Fixtures.tempDir()
        let ok = try QIndexBinary.run(["report", Self.sample, "--out", "\(dir)/a", "--no-db", "--no-cache", "--format", "csv", "--quiet"])
        #expect(ok.status == 0 && ok.out.isEmpty && ok.err.isEmpty, "\(ok)")
        let bad = try QIndexBinary.run(["report", Self.sample, "\(dir)/missing.csv", "--out", "\(dir)/b", "--no-db", "--no-cache", "--format", "csv", "--quiet"])
        #expect(bad.status == 1 && bad.out.isEmpty && bad.err.contains("missing.csv"), "\(bad)")
        let both = try QIndexBinary.run(["report", Self.sample, "--out", "\(dir)/c", "--quiet", "--json"])
        #expect(both.status == 64 && both.err.contains("--quiet and --json"))
    }

    /// `targets --json` and `index --json`: the rows of targets.csv and
    /// index_scores.csv, numbers as numbers, codes as text.
    @Test func targetsAndIndexPrintTypedRows() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let t = try QIndexBinary.run(["targets", Self.sample, "--plan", Self.plan, "--no-db", "--no-cache", "--json"])
        #expect(t.status == 0, "\(t.err)")
        let targets = try Self.object(t.out)
        let rows = try #require(targets["rows"] as? [[String: Any]])
        let gx = try #require(rows.first { $0["target_id"] as? String == "manufacturing-pass-rate" && $0["region_code"] as? String == "450000" }, "\(rows.first ?? [:])")
        #expect(gx["value"] is Double && gx["year"] as? Int == 2020 && gx["region_code"] as? String == "450000")
        let i = try QIndexBinary.run(["index", Self.sample, "--index", Fixtures.path("datasets/examples/index-guangxi-cities.yaml"),
                                      "--inspections", Fixtures.path("datasets/sample/inspections-2011-2020.csv.gz"),
                                      "--stats", Fixtures.path("datasets/sample/regional-statistics-2011-2020.csv"), "--no-db", "--no-cache", "--json"])
        #expect(i.status == 0, "\(i.err)")
        let units = try #require(try Self.object(i.out)["rows"] as? [[String: Any]])
        // The 14 cities ranked; Guangxi itself has no row: the example index holds a total (new brands),
        // so the province is not put on its cities' scale (issue 33).
        let ranked = units.filter { !($0["rank"] is NSNull) }
        #expect(ranked.count == 14 && ranked.allSatisfy { $0["rank"] is Int && $0["score"] is Double && ($0["region_code"] as? String)?.count == 6 })
        #expect(units.count == 14 && !units.contains { $0["region_code"] as? String == "450000" })
    }

    /// A value outside an option's choices is refused by the parser with the
    /// choices and the subcommand's usage; completion offers the choices and
    /// completes plan files by extension.
    @Test func optionsWithFixedValuesAreChoices() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let r = try QIndexBinary.run(["report", Self.sample, "--interval", "wald", "--no-db"])
        #expect(r.status == 64 && r.err.contains("'wilson', 'jeffreys', 'clopper-pearson' or 'cluster'") && r.err.contains("Usage: qindex report"), "\(r.err)")
        let lang = try QIndexBinary.run(["targets", Self.sample, "--plan", Self.plan, "--lang", "fr"])
        #expect(lang.status == 64 && lang.err.contains("'zh' and 'en'") && lang.err.contains("Usage: qindex targets"), "\(lang.err)")
        let bash = try QIndexBinary.run(["--generate-completion-script", "bash"]).out
        #expect(bash.contains("'wilson'$'\\n''jeffreys'$'\\n''clopper-pearson'") && bash.contains("'quarter'$'\\n''month'"))
        #expect(bash.contains("-fX '!*.@(yaml|yml|json)'") && bash.contains("-fX '!*.@(geojson|json|svg)'"))
    }

    /// On a terminal every stage after loading shows on one progress line
    /// (stage and share done), erased at the end; piped, or with --quiet,
    /// nothing. `script` gives the command a terminal.
    @Test func progressOnATerminalOnly() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux script")
        let dir = Fixtures.tempDir()
        let command = "\(QIndexBinary.path) report \(Self.sample) --plan \(Self.plan) --out \(dir)/a --no-db --no-cache --format csv"
        let tty = try Subprocess.run("/usr/bin/script", ["-q", "-e", "-c", command, "/dev/null"])
        #expect(tty.status == 0, "\(tty.err)")
        let lines = tty.out.split(separator: "\r").map { $0.replacingOccurrences(of: "\u{1B}[K", with: "") }
        #expect(lines.contains { $0.hasPrefix("1/6（0%）汇总：合格率指标…") } && lines.contains { $0.hasPrefix("5/6（66%）写出报告…") }, "\(lines)")
        let piped = try QIndexBinary.run(["report", Self.sample, "--out", "\(dir)/b", "--no-db", "--no-cache", "--format", "csv"])
        #expect(!piped.err.contains("汇总："))
        let quiet = try Subprocess.run("/usr/bin/script", ["-q", "-e", "-c", command.replacingOccurrences(of: "/a ", with: "/c ") + " --quiet", "/dev/null"])
        #expect(quiet.status == 0 && quiet.out.isEmpty, "\(quiet.out)")
    }

    /// Issue 30, item 6: control characters in a file's name and in a
    /// rejected cell (ESC[2J clears the screen, ESC]0; sets the window title,
    /// ESC[8m hides what follows) are shown escaped on standard error, in the
    /// progress line and in usage errors — never sent raw to the terminal.
    @Test func controlCharactersAreShownEscaped() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux script")
        let dir = Fixtures.tempDir()
        let title = "s\u{1B}]0;pwn\u{07}.csv.gz"
        try FileManager.default.copyItem(atPath: Self.sample, toPath: "\(dir)/\(title)")
        let cell = "\(dir)/cell.csv"
        try Fixtures.sampling(["B1,2019-03-01,\u{1B}[2J省抽,450102,电线电缆,合格,,甲", "B2,2019-03-01,省抽,450102,电线电缆,合格,,甲"])
            .write(toFile: cell, atomically: true, encoding: .utf8)
        let hidden = "\(dir)/gone\u{1B}[8m.csv"
        let r = try QIndexBinary.run(["report", cell, hidden, "--out", "\(dir)/r", "--no-db", "--no-cache", "--lang", "en"])
        #expect(r.err.contains("\\u{1B}[2J") && r.err.contains("gone\\u{1B}[8m.csv"), "\(r.err)")
        #expect(!r.err.unicodeScalars.contains("\u{1B}") && !r.out.unicodeScalars.contains("\u{1B}"))
        // A usage error naming a path (through ArgumentParser's own message).
        let usage = try QIndexBinary.run(["report", cell, "--out", "\(dir)/x\u{1B}[2J", "--focus", "zz", "--lang", "en"])
        #expect(usage.status == 64 && !usage.err.unicodeScalars.contains("\u{1B}"), "\(usage.err)")
        // The progress line on a terminal: the name escaped, the line's own ESC[K kept.
        let command = "\(QIndexBinary.path) report '\(dir)/\(title)' --out \(dir)/p --no-db --no-cache --format csv"
        let tty = try Subprocess.run("/usr/bin/script", ["-q", "-e", "-c", command, "/dev/null"])
        #expect(tty.status == 0, "\(tty.err)")
        #expect(tty.out.contains("s\\u{1B}]0;pwn\\u{7}.csv.gz") && !tty.out.contains("\u{1B}]0;"), "\(tty.out.prefix(300))")
        #expect(Escaped.lines("a\u{1B}[2J\tb\nc") == "a\\u{1B}[2J\tb\nc")
    }

    /// Issue 30, item 7: limits stated and enforced, each in plain words in
    /// the run's language — `generate --batches` above 10^8 (it grew towards
    /// the OOM killer), `--no-db` with `--db` (the --db was ignored), an
    /// item-classes file with a header and no rules ("empty file" was wrong).
    @Test func limitsAndConflictsArePlainErrors() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let dir = Fixtures.tempDir()
        let huge = try QIndexBinary.run(["generate", "--batches", "100000000000", "--out", "\(dir)/g.csv", "--lang", "en"])
        #expect(huge.status == 64 && huge.err.contains("--batches is at most 100000000"), "\(huge.err)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/g.csv"))
        let zh = try QIndexBinary.run(["generate", "--batches", "100000001", "--out", "\(dir)/g.csv"])
        #expect(zh.status == 64 && zh.err.contains("--batches 至多 100000000"), "\(zh.err)")
        let data = "\(dir)/a.csv"
        try Fixtures.sampling(["B1,2019-03-01,省抽,450102,电线电缆,合格,,甲"]).write(toFile: data, atomically: true, encoding: .utf8)
        let both = try QIndexBinary.run(["report", data, "--no-db", "--db", "\(dir)/x.sqlite", "--out", "\(dir)/r", "--lang", "en"])
        #expect(both.status == 64 && both.err.contains("--no-db and --db cannot be given together"), "\(both.err)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/x.sqlite") && !FileManager.default.fileExists(atPath: "\(dir)/r"))
        let rules = "\(dir)/classes.csv"
        try "关键词,类别,是否安全项目\n".write(toFile: rules, atomically: true, encoding: .utf8)
        let noRules = try QIndexBinary.run(["report", data, "--item-classes", rules, "--no-db", "--out", "\(dir)/r", "--lang", "en"])
        #expect(noRules.status == 64 && noRules.err.contains("item classes file \(rules): no rules below the header") && !noRules.err.contains("empty"), "\(noRules.err)")
    }

    /// Messages follow --lang: option errors, `generate`, `--timings`.
    @Test func messagesFollowTheLanguage() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let dir = Fixtures.tempDir()
        let zh = try QIndexBinary.run(["report", Self.sample, "--run-length", "1", "--no-db", "--out", "\(dir)/a"])
        #expect(zh.status == 64 && zh.err.contains("--run-length 至少为 2"), "\(zh.err)")
        let en = try QIndexBinary.run(["report", Self.sample, "--run-length", "1", "--no-db", "--out", "\(dir)/a", "--lang", "en"])
        #expect(en.status == 64 && en.err.contains("--run-length must be at least 2"), "\(en.err)")
        let g = try QIndexBinary.run(["generate", "--batches", "50", "--out", "\(dir)/g.csv"])
        #expect(g.status == 0 && g.out.hasPrefix("已写出 \(dir)/g.csv：50 批次"), "\(g.out)")
        let t = try QIndexBinary.run(["report", "\(dir)/g.csv", "--no-db", "--no-cache", "--format", "csv", "--out", "\(dir)/t", "--timings"])
        #expect(t.status == 0 && t.err.contains("各阶段耗时："), "\(t.err)")
    }
}
