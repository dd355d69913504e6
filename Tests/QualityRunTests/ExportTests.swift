import Foundation
import QualityData
import Testing
import _QualityTestSupport
@testable import QualityRun
@testable import QualityReport

/// `qindex export` (issue 19, first part): the canonical records as Parquet
/// partitioned by year, read by DuckDB, agree with qindex's own counts.
@Suite struct ExportTests {
    /// The test venv's Python (pyarrow, duckdb), or nil with the reason recorded.
    static func python() -> String? {
        let python = Fixtures.path(".build/pyenv/bin/python")
        if FileManager.default.isExecutableFile(atPath: python) { return python }
        Issue.record("no .build/pyenv: scripts/test.sh makes it (pyarrow, duckdb)")
        return nil
    }

    /// The sample's sampling, inspection and statistics files, without plan, index or database.
    static func inputs() -> InputConfiguration {
        var inputs = RunnerTests.inputs()
        inputs.plan = nil; inputs.index = nil; inputs.database = nil
        return inputs
    }

    @Test func duckDBCountsOnTheExportEqualTheReportsTables() throws {
        guard let python = Self.python() else { return }
        let inputs = Self.inputs(), dir = Fixtures.tempDir()
        let outcome = Runner.export(inputs, out: "\(dir)/parquet", byProvince: true, tool: "qindex test")
        #expect(outcome.exitCode == 0, "\(outcome.errors)")
        let summary = try #require(outcome.exportSummary)
        #expect(summary.rows == 30_000 && summary.parts.reduce(0) { $0 + $1.rows } == 30_000)
        #expect(summary.parts.first?.path.hasPrefix("year=2011/province=") == true)
        #expect(FileManager.default.fileExists(atPath: "\(dir)/parquet/_rejects.csv") && FileManager.default.fileExists(atPath: "\(dir)/parquet/_export.json"))
        // qindex's own tables from the same input.
        var c = ReportConfiguration(inputs: inputs, out: "\(dir)/report")
        c.formats = [.csv]
        #expect(Runner.report(c).exitCode == 0)
        // DuckDB over the Parquet: batches sampled, passed and failed by year, and by province and year.
        let script = """
        import duckdb, json, sys
        con = duckdb.connect()
        src = f"read_parquet('{sys.argv[1]}/**/*.parquet', hive_partitioning = 1)"
        count = "count(*), count(*) filter (where result = 'pass'), count(*) filter (where result = 'fail')"
        years = con.execute(f"select year, {count} from {src} group by year order by year").fetchall()
        provinces = con.execute(f"select year, substr(region_code, 1, 2) || '0000', {count} from {src} group by all order by 1, 2").fetchall()
        print(json.dumps({"years": [list(map(str, r)) for r in years], "provinces": [list(map(str, r)) for r in provinces]}))
        """
        let r: (status: Int32, out: String, err: String) = try Subprocess.run(python, ["-c", script, "\(dir)/parquet"])
        #expect(r.status == 0, "\(r.err)")
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8))
        let got = try #require(json as? [String: [[String]]])
        let byYear = try FocusRegionTests.rows("\(dir)/report/tables/pass_rate_by_year.csv").map { [$0["year"]!, $0["batches_sampled"]!, $0["passed"]!, $0["failed"]!] }
        #expect(got["years"] == byYear)
        let byProvince = try FocusRegionTests.rows("\(dir)/report/tables/pass_rate_by_region.csv").filter { $0["region_level"] == "province" }
            .map { [$0["year"]!, $0["region_code"]!, $0["batches_sampled"]!, $0["passed"]!, $0["failed"]!] }
            .sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
        #expect(got["provinces"] == byProvince, "\(got["provinces"]?.prefix(3) ?? []) vs \(byProvince.prefix(3))")
    }

    @Test func anExportOfNothingFailsAndWritesNothing() throws {
        var inputs = Self.inputs()
        inputs.files = [Fixtures.file("批次编号,抽样日期\n", name: "empty.csv")]
        inputs.inspections = []; inputs.statistics = []
        let dir = Fixtures.tempDir()
        let outcome = Runner.export(inputs, out: "\(dir)/parquet", byProvince: false, tool: "qindex test")
        #expect(outcome.exitCode == 1 && !FileManager.default.fileExists(atPath: "\(dir)/parquet"))
    }

    /// `qindex sql --engine duckdb` over the export: every count table equals
    /// the counts of qindex's own tables — batches and enterprises, by year
    /// and by every breakdown of the registry (issue 19, item 2 in part).
    @Test func renderedDuckDBCountsEqualQindexCounts() throws {
        guard let python = Self.python() else { return }
        let inputs = Self.inputs(), dir = Fixtures.tempDir()
        #expect(Runner.export(inputs, out: "\(dir)/parquet", byProvince: false, tool: "qindex test").exitCode == 0)
        var c = ReportConfiguration(inputs: inputs, out: "\(dir)/report")
        c.formats = [.csv]
        #expect(Runner.report(c).exitCode == 0)
        try FileManager.default.createDirectory(atPath: "\(dir)/counts", withIntermediateDirectories: true)
        let sql = CountSQL.script(parquet: "\(dir)/parquet", out: "\(dir)/counts", engine: .duckdb)
        let r: (status: Int32, out: String, err: String) = try Subprocess.run(python, ["-c", "import duckdb, sys; duckdb.connect().execute(sys.argv[1])", sql])
        #expect(r.status == 0, "\(r.err)")
        let counts = ["batches_sampled", "passed", "failed", "enterprises_tested", "enterprises_passed"]
        for (table, file, key, level) in [("counts_year", "pass_rate_by_year", nil, nil), ("counts_level", "pass_rate_by_level", "level", nil),
                                          ("counts_channel", "pass_rate_by_channel", "channel", nil),
                                          ("counts_enterprise_size", "pass_rate_by_enterprise_size", "enterprise_size", nil),
                                          ("counts_product", "pass_rate_by_product", "product_code", nil), ("counts_agency", "pass_rate_by_agency", "testing_agency", nil),
                                          ("counts_province", "pass_rate_by_region", "region_code", "province")] as [(String, String, String?, String?)] {
            let duck = try FocusRegionTests.rows("\(dir)/counts/\(table).csv", separator: "\n").map { row in [row["year"]!, row["key"] == "\"\"" ? "" : row["key"]!] + counts.map { row[$0]! } }  // DuckDB quotes an empty string
            let own = try FocusRegionTests.rows("\(dir)/report/tables/\(file).csv").filter { level == nil || $0["region_level"] == level }
                .map { row in [row["year"]!, key.map { row[$0]! } ?? ""] + counts.map { row[$0]! } }
                .sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
            #expect(duck == own, "\(table): \(duck.count) rows vs \(own.count); first \(duck.first ?? []) vs \(own.first ?? [])")
        }
    }

    /// Opt-in (`QINDEX_SPARK=1 scripts/test.sh`): the whole path in Spark's
    /// local mode — export, the rendered Spark SQL, qindex's own counts —
    /// through scripts/spark-example.sh on 30,000 generated batches; every
    /// count table equal. Needs Java 17 and pyspark (the script installs them).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["QINDEX_SPARK"] == "1"), .timeLimit(.minutes(20)))
    func sparkCountsEqualQindexCounts() throws {
        let r: (status: Int32, out: String, err: String) = try Subprocess.run("/usr/bin/env", ["N=30000", "WORK=.build/spark-test", "QINDEX=\(QIndexBinary.path)", Fixtures.path("scripts/spark-example.sh")],
                                                                             in: Fixtures.path("."))
        print(r.out, r.err)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.components(separatedBy: "equal to").count - 1 == 7 && !r.out.contains("DIFFERENT"), "\(r.out)")
    }
}
