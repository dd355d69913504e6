import Foundation
import Testing
import _QualityTestSupport

/// Issue 29, done means: a provincial export written the way bureaus write
/// them (scripts/fixtures/provincial-export.py: GB18030, Chinese headers, the
/// task year beside the sampling date, city and county names with renamed
/// and ambiguous counties, re-tests once per batch, full-width codes, blank
/// rows, a repeated header, a byte that is not GB18030, a date in 2099),
/// its ground truth computed independently in Python; `qindex mapping` →
/// the draft with its TODOs decided here, as a user would → `qindex report
/// --plan` → every rate, count, enterprise count, target value and verdict
/// equal to the truth.
@Suite(.serialized) struct ProvincialExportTests {
    /// The fixture, written once for the suite (30,000 batches, seed 7).
    static let fixture: String = {
        let dir = Fixtures.tempDir("provincial")
        let r = try! Subprocess.run("/usr/bin/python3", [Fixtures.path("scripts/fixtures/provincial-export.py"), "--out", dir])
        precondition(r.status == 0, r.err)
        return dir
    }()
    static var export: String { (fixture as NSString).appendingPathComponent("guangxi-2014-2020.csv") }

    static func truth() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: (fixture as NSString).appendingPathComponent("truth.json")))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// The rows of a table of the run folder, by column name (RFC 4180, as written).
    static func table(_ out: String, _ name: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: name == "rejects" ? "\(out)/rejects.csv" : "\(out)/tables/\(name).csv", encoding: .utf8)
        var records: [[String]] = [], field = "", record: [String] = [], quoted = false
        var chars = text.replacingOccurrences(of: "\u{FEFF}", with: "").makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = chars.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { record.append(field); field = "" } else if c == "\r\n" || c == "\n" {
                record.append(field); records.append(record); record = []; field = ""
            } else { field.append(c) }
        }
        let header = records.removeFirst()
        return records.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// What the user decides where the draft says TODO: 产品类别 is a category (left out), 无此产品 a batch not tested.
    static let decisions = ["\"产品类别\": TODO": "\"产品类别\": ignore", "\"无此产品\": TODO": "\"无此产品\": excluded"]

    @Test func mappingDraftThenReportEqualsTheTruth() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let dir = Fixtures.tempDir()
        let draft = "\(dir)/draft.yaml"
        let m = try QIndexBinary.run(["mapping", Self.export, "--out", draft])
        #expect(m.status == 0, "\(m.err)")
        var yaml = try String(contentsOfFile: draft, encoding: .utf8)
        // The draft found the encoding, the id column by its values, every built-in name, and the level of each office.
        #expect(yaml.contains("guangxi-2014-2020.csv gb18030") && !yaml.contains("\nencoding:"))  // detected per file, not forced
        for line in ["\"报告编号\": batch_id", "\"抽查年度\": year", "\"所在市\": city_name", "\"所在县区\": county_name",
                     "\"国民经济行业代码\": industry_code", "\"抽样单位\": sampling_agency", "\"任务编号\": task_id", "\"梧州市市场监督管理局\": municipal", "\"广西壮族自治区市场监督管理局\": provincial",
                     "\"富川瑶族自治县市场监督管理局\": county", "\"国家市场监督管理总局\": national"] {
            #expect(yaml.contains(line), "\(line)")
        }
        // Exactly two TODOs, where a person must decide; the report refuses the draft until they are decided.
        let todos = yaml.components(separatedBy: "\n").filter { $0.contains(": TODO") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(todos.map { String($0.prefix(while: { $0 != "#" })).trimmingCharacters(in: .whitespaces) } == ["\"产品类别\": TODO", "\"无此产品\": TODO"])
        let refused = try QIndexBinary.run(["report", Self.export, "--mapping", draft, "--out", "\(dir)/r0", "--no-db", "--no-cache"])
        #expect(refused.status == 64 && refused.err.contains("仍是 TODO") && refused.err.contains("columns.产品类别")
                && refused.err.contains("values.result.无此产品"), "\(refused.err)")  // every TODO at once, with its line
        for (todo, decided) in Self.decisions { yaml = yaml.replacingOccurrences(of: todo, with: decided) }
        try yaml.write(toFile: "\(dir)/mapping.yaml", atomically: true, encoding: .utf8)

        let out = "\(dir)/r"
        let r = try QIndexBinary.run(["report", Self.export, "--mapping", "\(dir)/mapping.yaml", "--plan", "\(Self.fixture)/plan.yaml",
                                      "--out", out, "--no-db", "--no-cache"])
        #expect(r.status == 0, "\(r.err)")
        let truth = try Self.truth()

        // Every row accounted for: the batches, and the three rows that must not load, each with its reason.
        let rejects = try Self.table(out, "rejects").map { $0["reason"]! }
        #expect(Dictionary(grouping: rejects, by: { $0 }).mapValues(\.count) == truth["rejected"] as! [String: Int])
        #expect(r.err.contains("拒收 3 行") && r.err.contains("重复的表头行"))
        let quality = try Self.table(out, "data_quality")[0]
        #expect(Int(quality["loaded"]!) == truth["batches"] as? Int)
        #expect(quality["normalised_values"]!.contains("enterprise_code=") && quality["normalised_values"]!.contains("industry_code="))

        // Every year: batches, rates, enterprises.
        let years = try Self.table(out, "pass_rate_by_year")
        let wantYears = truth["years"] as! [String: [String: Any]]
        #expect(years.map { $0["year"]! } == wantYears.keys.sorted())
        for row in years {
            let w = wantYears[row["year"]!]!, e = w["enterprises"] as! [String: Any]
            for (col, key) in [("batches_sampled", "sampled"), ("batches_tested", "tested"), ("passed", "passed"), ("failed", "failed"), ("excluded", "excluded")] {
                #expect(Int(row[col]!) == w[key] as? Int, "\(row["year"]!) \(col)")
            }
            #expect(Int(row["enterprises_tested"]!) == e["tested"] as? Int && Int(row["enterprises_passed"]!) == e["passed"] as? Int, "\(row["year"]!)")
            for (col, key) in [("pass_rate", "rate"), ("ci_low", "ci_low"), ("ci_high", "ci_high")] {
                #expect(abs(Double(row[col]!)! - (w[key] as! Double)) < 5e-7, "\(row["year"]!) \(col)")
            }
        }
        // Every city and county of every year (the counties placed within their city, renamed ones under their new code).
        let regions = Dictionary(uniqueKeysWithValues: try Self.table(out, "pass_rate_by_region").map { ("\($0["year"]!)|\($0["region_code"]!)", $0) })
        let wantRegions = truth["regions"] as! [String: [String: Any]]
        #expect(wantRegions.count > 600)
        var wrong: [String] = []
        for (k, w) in wantRegions {
            guard let row = regions[k], Int(row["batches_tested"]!) == w["tested"] as? Int, Int(row["passed"]!) == w["passed"] as? Int,
                  abs(Double(row["ci_low"]!)! - (w["ci_low"] as! Double)) < 5e-7 else { wrong.append(k); continue }
        }
        #expect(wrong.isEmpty, "regions that differ from the truth: \(wrong.sorted().prefix(10))")
        #expect(regions["2020|451082"]?["region_name"] == "平果市" && regions["2016|451023"] == nil)  // 平果县 (2016) is 平果市
        #expect(regions["2020|450202"] != nil && regions["2020|630103"] == nil)  // 城中区 beside 柳州市, not 西宁's

        // The breakdown by sampling agency (抽检分离), every year and agency, those without one as "".
        let samplers = Dictionary(uniqueKeysWithValues: try Self.table(out, "pass_rate_by_sampling_agency").map { ("\($0["year"]!)|\($0["sampling_agency"]!)", $0) })
        let wantSamplers = truth["sampling_agencies"] as! [String: [String: Any]]
        #expect(samplers.count == wantSamplers.count && wantSamplers.count == 7 * 5)
        for (k, w) in wantSamplers {
            let row = samplers[k]
            #expect(row.map { Int($0["batches_sampled"]!) == w["sampled"] as? Int && Int($0["passed"]!) == w["passed"] as? Int
                && Int($0["failed"]!) == w["failed"] as? Int && abs(Double($0["ci_low"]!)! - (w["ci_low"] as! Double)) < 5e-7 } ?? false, "\(k)")
        }
        // Labelling failures: all batches and every region at every level, every year.
        var labelling: [String: [String: String]] = [:]
        for r in try Self.table(out, "labelling_failures") { labelling["\(r["year"]!)|\(r["scope"] == "all" ? "all" : r["key"]!)"] = r }
        let wantLabelling = truth["labelling"] as! [String: [String: Any]]
        #expect(labelling.count == wantLabelling.count && wantLabelling.count > 600)
        var wrongLabelling: [String] = []
        for (k, w) in wantLabelling {
            guard let row = labelling[k], Int(row["batches_tested"]!) == w["tested"] as? Int, Int(row["labelling_failed_batches"]!) == w["failed"] as? Int,
                  abs(Double(row["ci_high"]!)! - (w["ci_high"] as! Double)) < 5e-7 else { wrongLabelling.append(k); continue }
        }
        #expect(wrongLabelling.isEmpty, "labelling shares that differ from the truth: \(wrongLabelling.sorted().prefix(10))")
        #expect(wantLabelling.values.contains { ($0["failed"] as! Int) > 0 })

        // Every target: the value in its target year, numerator, denominator and verdict — a city's
        // and a county's labelling share (a grouped indicator), and a task's pass rate (filter on task_id).
        let targets = try Self.table(out, "targets")
        for w in truth["targets"] as! [[String: Any]] {
            let row = targets.first { $0["target_id"] == w["id"] as? String && $0["region_code"] == w["region"] as? String && Int($0["year"]!) == w["year"] as? Int }
            #expect(row != nil, "\(w)")
            guard let row else { continue }
            #expect(Int(row["numerator"]!) == w["numerator"] as? Int && Int(row["denominator"]!) == w["denominator"] as? Int, "\(w)")
            #expect(row["status"] == w["status"] as? String, "\(w["id"]!) \(w["region"]!) \(w["year"]!): \(row["status"]!)")
            #expect(abs(Double(row["value"]!)! - (w["value"] as! Double)) < 5e-7)
        }
        // One province's data: the province, never 全国; its line printed once.
        #expect(!r.out.contains("全国") && r.out.components(separatedBy: "2020 年批次合格率").count == 2, "\(r.out)")
        let bulletin = try String(contentsOfFile: "\(out)/bulletin.html", encoding: .utf8)
        #expect(!bulletin.contains("全国"))
    }

    /// The same export with its task year left out: the years come from the
    /// sampling dates, 2021 holds only January stragglers (187 batches) — a
    /// partial year, said on stderr and in data_quality, and the headline is 2020.
    @Test func withoutTheYearColumnTheStragglersAreAPartialYear() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let dir = Fixtures.tempDir()
        _ = try QIndexBinary.run(["mapping", Self.export, "--out", "\(dir)/draft.yaml"])
        var yaml = try String(contentsOfFile: "\(dir)/draft.yaml", encoding: .utf8)
        for (todo, decided) in Self.decisions { yaml = yaml.replacingOccurrences(of: todo, with: decided) }
        yaml = yaml.replacingOccurrences(of: "\"抽查年度\": year", with: "\"抽查年度\": ignore")
        try yaml.write(toFile: "\(dir)/m.yaml", atomically: true, encoding: .utf8)
        let r = try QIndexBinary.run(["report", Self.export, "--mapping", "\(dir)/m.yaml", "--out", "\(dir)/r", "--no-db", "--no-cache", "--format", "csv"])
        #expect(r.status == 0)
        #expect(r.err.contains("2021 年只有 187 批") && r.err.contains("用 2020 年"), "\(r.err)")
        #expect(r.out.contains("广西壮族自治区 2020 年批次合格率"))
        let finding = try Self.table("\(dir)/r", "data_quality").first { $0["kind"] == "finding" }
        #expect(finding?["finding"] == "partial_year")
        // --year chooses another year; a year without batches is refused.
        let y2019 = try QIndexBinary.run(["report", Self.export, "--mapping", "\(dir)/m.yaml", "--out", "\(dir)/r2", "--no-db", "--no-cache",
                                          "--format", "csv", "--year", "2019"])
        #expect(y2019.status == 0 && y2019.out.contains("2019 年批次合格率"))
        let none = try QIndexBinary.run(["report", Self.export, "--mapping", "\(dir)/m.yaml", "--out", "\(dir)/r3", "--no-db", "--no-cache",
                                         "--format", "csv", "--year", "2030"])
        #expect(none.status == 1 && none.err.contains("--year 2030"))
    }
}
