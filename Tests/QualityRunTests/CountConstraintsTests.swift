import Foundation
import QualityData
import QualityIndicators
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualityRun

/// Issue 30, item 1: count tables are checked as a database checks its
/// constraints before anything is derived — the same rules
/// (``CountCube/violations(grouped:loadedBatches:regions:)``) that qindex's
/// own kernel keeps on every input, and that every attack below breaks.
@Suite(.serialized) struct CountConstraintsTests {
    static let specs = GroupedIndicator.registry.map(\.countTableSpec)

    /// The kernel's counts of the sample (with the plan's and the index's
    /// filtered sets) and of the provincial-export fixture keep every rule.
    @Test func theKernelsOwnCountsKeepEveryRule() throws {
        let inputs = RunnerTests.inputs()
        let companions = try CompanionInputs.load(inspections: inputs.inspections, statistics: [], plan: inputs.plan, regions: .bundled,
                                                  encoding: nil, index: inputs.index)
        let load = try SamplingIngest.load(paths: inputs.files)
        var cube = CountCube.count(load.table, filters: companions.batchFilters)
        cube.inspections = companions.inspectionCounts(regions: load.table.regions)
        #expect(cube.violations(grouped: Self.specs, loadedBatches: load.table.count, regions: load.table.regions) == [])
        // A generated history with re-tests and odd regions, too.
        let file = (Fixtures.tempDir() as NSString).appendingPathComponent("h.csv")
        _ = try QIndexBinary.run(["generate", "--batches", "20000", "--seed", "3", "--out", file])
        let history = try SamplingIngest.load(paths: [file])
        let hcube = CountCube.count(history.table)
        #expect(hcube.violations(grouped: Self.specs, loadedBatches: history.table.count, regions: history.table.regions) == [])
    }

    /// A small export's count tables, tampered as the attacks tampered them:
    /// each refused with the file, the line and the rule, exit 1, nothing written.
    @Test func everyAttackOnTheCountTablesIsRefused() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let dir = Fixtures.tempDir()
        let data = "\(dir)/h.csv"
        _ = try QIndexBinary.run(["generate", "--batches", "3000", "--seed", "4", "--out", data])
        #expect(try QIndexBinary.run(["export", data, "--out", "\(dir)/parquet", "--no-cache", "--quiet"]).status == 0)
        let counts = "\(dir)/parquet/_counts"
        func lines(_ table: String) throws -> [String] {
            try String(contentsOfFile: "\(counts)/\(table)", encoding: .utf8).components(separatedBy: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }.filter { !$0.isEmpty }
        }
        func attack(_ table: String, _ change: ([String]) -> [String], expect rule: String, line: Int? = nil) throws {
            let original = try String(contentsOfFile: "\(counts)/\(table)", encoding: .utf8)
            defer { try? original.write(toFile: "\(counts)/\(table)", atomically: true, encoding: .utf8) }
            try (change(try lines(table)).joined(separator: "\n") + "\n").write(toFile: "\(counts)/\(table)", atomically: true, encoding: .utf8)
            let out = "\(dir)/r-\(UUID().uuidString)"
            let r = try QIndexBinary.run(["report", "--from-counts", counts, "--out", out, "--no-db", "--lang", "en"])
            #expect(r.status == 1, "\(table): \(r.err)")
            #expect(r.err.contains(rule) && r.err.contains(table), "\(table): \(r.err)")
            if let line { #expect(r.err.contains("\(table): line \(line):"), "\(r.err)") }
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        func cells(_ line: String) -> [String] { line.components(separatedBy: ",") }
        // A second 2020 row in counts_year (the last used to win).
        try attack("counts_year.csv", { $0 + [$0.last!] }, expect: "a key repeated", line: try lines("counts_year.csv").count + 1)
        // A province with more batches than the country.
        try attack("counts_region.csv", { l in
            var l = l
            let i = l.firstIndex { cells($0)[1].hasSuffix("0000") && cells($0)[0] == "2020" }!
            var c = cells(l[i]); c[4] = "99999"; l[i] = c.joined(separator: ",")
            return l
        }, expect: "counts above")
        // More enterprises tested than batches tested (in a row without cluster sums, as count tables before 0.19 were written).
        try attack("counts_product.csv", { l in
            var l = l
            var c = cells(l[1]); c[7] = String((Int(c[5])! + Int(c[6])!) + 5); c[8] = "0"
            for k in 9..<13 { c[k] = "" }
            l[1] = c.joined(separator: ",")
            return l
        }, expect: "more enterprises tested than batches tested", line: 2)
        // Cluster sums no cell can have: Σm² above n² (the design effect would be a fiction).
        try attack("counts_product.csv", { l in
            var l = l
            var c = cells(l[1]); let n = Int(c[5])! + Int(c[6])!; c[12] = String(n * n + 1); l[1] = c.joined(separator: ",")
            return l
        }, expect: "Σm² must lie between", line: 2)
        // Three of the four cluster columns.
        try attack("counts_product.csv", { l in
            var l = l
            var c = cells(l[1]); c[10] = ""; l[1] = c.joined(separator: ",")
            return l
        }, expect: "the cluster sums come all four or not at all", line: 2)
        // A failing item cited more often than its product failed (the 769,238% share).
        try attack("counts_failed_items.csv", { l in
            var l = l
            var c = cells(l[1]); c[c.count - 1] = "1000000"; l[1] = c.joined(separator: ",")
            return l
        }, expect: "exceed the product's failed batches")
        // A repeat failure whose first failure follows its last.
        try attack("counts_repeat_failures.csv", { l in
            var l = l
            var c = cells(l[1])
            let first = c.firstIndex { $0.count == 10 && $0.hasPrefix("20") }!
            (c[first], c[first + 1]) = (c[first + 1], c[first]); l[1] = c.joined(separator: ",")
            return l
        }, expect: "the first failure follows the last")
        // A counts_year row for 2999.
        try attack("counts_year.csv", { l in
            var c = cells(l.last!); c[0] = "2999"
            return l + [c.joined(separator: ",")]
        }, expect: "year 2999 lies outside the data's dates")
        // A share above its denominator: more batches failing a safety item than batches tested.
        try attack("counts_safety_failures.csv", { l in
            var l = l
            var c = cells(l[1]); c[c.count - 1] = String(Int(c[c.count - 2])! + 1); l[1] = c.joined(separator: ",")
            return l
        }, expect: "exceeds", line: 2)
        // Count tables without cluster sums (as before 0.19): read, but --interval cluster refuses them by name.
        let product = "\(counts)/counts_product.csv", productText = try String(contentsOfFile: product, encoding: .utf8)
        try (try lines("counts_product.csv").map { cells($0).prefix(9).joined(separator: ",") }.joined(separator: "\n") + "\n")
            .write(toFile: product, atomically: true, encoding: .utf8)
        let old = try QIndexBinary.run(["report", "--from-counts", counts, "--out", "\(dir)/old", "--no-db", "--lang", "en", "--format", "csv"])
        #expect(old.status == 0, "\(old.err)")
        let cluster = try QIndexBinary.run(["report", "--from-counts", counts, "--out", "\(dir)/old-cluster", "--no-db", "--lang", "en", "--interval", "cluster"])
        #expect(cluster.status == 1 && cluster.err.contains("the count table counts_product in") && cluster.err.contains("has no enterprise cluster sums"), "\(cluster.err)")
        try productText.write(toFile: product, atomically: true, encoding: .utf8)
        // The accounting's totals not the counts'.
        let accounting = "\(counts)/_accounting.json"
        let original = try String(contentsOfFile: accounting, encoding: .utf8)
        try original.replacingOccurrences(of: "\"loaded\" : 3000", with: "\"loaded\" : 2999").write(toFile: accounting, atomically: true, encoding: .utf8)
        let r = try QIndexBinary.run(["report", "--from-counts", counts, "--out", "\(dir)/acc", "--no-db", "--lang", "en"])
        #expect(r.status == 1 && r.err.contains("the accounting says 2999 batches were loaded, the counts hold 3000"), "\(r.err)")
        try original.write(toFile: accounting, atomically: true, encoding: .utf8)
        // Counts that would overflow a sum: refused as out of range, never a trap.
        try attack("counts_year.csv", { l in
            var l = l
            var c = cells(l[1]); c[4] = "9223372036854775807"; c[5] = "4611686018427387904"; c[6] = "4611686018427387904"; l[1] = c.joined(separator: ",")
            return l
        }, expect: "value_out_of_range", line: 2)
        // Three months of 4·10^18 batches.
        try attack("counts_month.csv", { l in
            var l = l
            for i in 1...3 { var c = cells(l[i]); c[4] = "4000000000000000000"; c[5] = "2000000000000000000"; c[6] = "2000000000000000000"; l[i] = c.joined(separator: ",") }
            return l
        }, expect: "value_out_of_range", line: 2)
        // 2^62 in _accounting.json: refused by name, never summed.
        try original.replacingOccurrences(of: "\"loaded\" : 3000", with: "\"loaded\" : 4611686018427387904").write(toFile: accounting, atomically: true, encoding: .utf8)
        let big = try QIndexBinary.run(["report", "--from-counts", counts, "--out", "\(dir)/big", "--no-db", "--lang", "en"])
        #expect(big.status == 1 && big.err.contains("files[0].loaded is not a count from 0 to 1000000000000 (value_out_of_range)"), "\(big.err)")
        // A malformed accounting: where and what, in plain words (no DecodingError dump).
        try original.replacingOccurrences(of: "\"loaded\" : 3000", with: "\"loaded\" : \"many\"").write(toFile: accounting, atomically: true, encoding: .utf8)
        for (lang, words) in [("en", "files[0].loaded has the wrong type (a whole number expected)"), ("zh", "files[0].loaded 的类型不对（应为 整数）")] {
            let bad = try QIndexBinary.run(["report", "--from-counts", counts, "--out", "\(dir)/bad", "--no-db", "--lang", lang])
            #expect(bad.status == 1 && bad.err.contains(words) && !bad.err.contains("DecodingError") && !bad.err.contains("Debug"), "\(bad.err)")
        }
        try "{\"files\": [".write(toFile: accounting, atomically: true, encoding: .utf8)
        let cut = try QIndexBinary.run(["report", "--from-counts", counts, "--out", "\(dir)/cut", "--no-db", "--lang", "en"])
        #expect(cut.status == 1 && cut.err.contains("not valid JSON"), "\(cut.err)")
        try original.write(toFile: accounting, atomically: true, encoding: .utf8)
        // Untouched, the same tables give the report.
        #expect(try QIndexBinary.run(["report", "--from-counts", counts, "--out", "\(dir)/ok", "--no-db"]).status == 0)
    }
}
