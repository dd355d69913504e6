import Foundation
import QualityData
import QualityIndicators
import QualityIngest
import QualityReport
import Testing
import _QualityTestSupport
import QualityStore
@testable import QualityRun

/// The runner behind `report`, `targets` and `index`: byte-identical runs,
/// and the three commands giving the same numbers for the same inputs.
@Suite struct RunnerTests {
    static func inputs(database: String? = nil) -> InputConfiguration {
        var c = InputConfiguration()
        c.files = [Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz")]
        c.inspections = [Fixtures.path("datasets/sample/inspections-2011-2020.csv.gz")]
        c.statistics = [Fixtures.path("datasets/sample/regional-statistics-2011-2020.csv")]
        c.plan = Fixtures.path("datasets/examples/plan-guangxi-13th.yaml")
        c.index = Fixtures.path("datasets/examples/index-guangxi-cities.yaml")
        c.database = database
        return c
    }

    /// With inspections, statistics, a plan and an index framework (Monte
    /// Carlo included, seeded), two runs give byte-identical files.
    @Test func fullRunWithPlanAndIndexIsByteIdentical() throws {
        var dirs: [String] = []
        for _ in 0..<2 {
            let dir = Fixtures.tempDir()
            let outcome = Runner.report(ReportConfiguration(inputs: Self.inputs(), out: dir))
            #expect(outcome.exitCode == 0 && outcome.errors.isEmpty, "\(outcome.errors)")
            #expect(outcome.output.last?.hasPrefix("报告：") == true)
            dirs.append(dir)
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: dirs[0]).filter { $0.hasSuffix(".csv") || $0.hasSuffix(".md") || $0.hasSuffix(".html") }
        for name in ["targets", "index_scores", "index_audit", "inspections_by_region", "inspections_by_type", "inspections_by_risk"] {
            #expect(files.contains("tables/\(name).csv"), "\(name).csv written")
        }
        for f in files { #expect(FileManager.default.contentsEqual(atPath: "\(dirs[0])/\(f)", andPath: "\(dirs[1])/\(f)"), "\(f)") }
        let scores = try String(contentsOfFile: "\(dirs[0])/tables/index_scores.csv", encoding: .utf8)
        // The sample's index holds a total (new brands): the province is not scored on its cities' scale (issue 33).
        #expect(scores.contains(",450100,南宁市,") && !scores.contains(",450000,广西壮族自治区,"))
        let dq = try String(contentsOfFile: "\(dirs[0])/tables/data_quality.csv", encoding: .utf8)
        #expect(dq.contains(",inspections,") && dq.contains(",regional_statistics,"))
    }

    /// `targets` and `index` compute exactly what `report` writes for the
    /// same inputs — with a database too, whose history both read.
    @Test func targetsAndIndexAgreeWithTheReport() throws {
        let db = (Fixtures.tempDir("db") as NSString).appendingPathComponent("q.sqlite")
        let dir = Fixtures.tempDir()
        let report = Runner.report(ReportConfiguration(inputs: Self.inputs(database: db), out: dir))
        #expect(report.exitCode == 0, "\(report.errors)")
        let written = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/tables/targets.csv"))
        let (rows, t) = Runner.targets(Self.inputs(database: db))
        #expect(t.exitCode == 0 && !rows.isEmpty)
        #expect(Data(ReportTables.targets(rows).csvBytes()) == written)  // byte for byte
        let scores = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/tables/index_scores.csv"))
        let (result, i) = Runner.index(Self.inputs(database: db))
        #expect(i.exitCode == 0)
        #expect(try Data(ReportTables.indexScores(#require(result)).csvBytes()) == scores)
        // The terminal commands never create a database.
        let none = (Fixtures.tempDir("nodb") as NSString).appendingPathComponent("absent.sqlite")
        _ = Runner.targets(Self.inputs(database: none))
        #expect(!FileManager.default.fileExists(atPath: none))
    }

    /// A 0.7 plan with `trend_years` still runs; every command says on
    /// standard error that the key no longer has an effect.
    @Test func anOldPlanKeyIsSaidAloud() throws {
        var c = Self.inputs()
        c.index = nil
        c.plan = Fixtures.file("""
            targets:
              - id: a
                indicator: batch_pass_rate
                regions: ["450000"]
                baseline: {year: 2014}
                target: {year: 2020, value: 0.93}
                trend_years: 4
            """, name: "old.yaml")
        let (rows, t) = Runner.targets(c)
        #expect(!rows.isEmpty && t.exitCode == 0 && t.errors.count == 1 && t.errors[0].contains("trend_years"))
        let r = Runner.report(ReportConfiguration(inputs: c, out: Fixtures.tempDir()))
        #expect(r.exitCode == 0 && r.errors.first?.contains("trend_years") == true)
    }

    /// A malformed plan stops every command with its line and key, exit 1.
    @Test func aMalformedPlanStopsTheRun() throws {
        var c = Self.inputs()
        c.plan = Fixtures.file("targets:\n  - id: a\n    indicator: pass_rat\n", name: "bad.yaml")
        let (rows, outcome) = Runner.targets(c)
        #expect(rows.isEmpty && outcome.exitCode == 1 && outcome.errors.first?.contains("pass_rat") == true)
        let report = Runner.report(ReportConfiguration(inputs: c, out: Fixtures.tempDir()))
        #expect(report.exitCode == 1 && report.errors.first?.contains("第 3 行") == true)
    }

    /// A run whose every row is rejected fails (exit 1, a message in the run's
    /// language naming the first rejected rows), writes no folder, and is not recorded.
    @Test func aRunThatLoadsNothingFails() throws {
        var c = InputConfiguration()
        c.files = [Fixtures.file(Fixtures.sampling(["A,2019-01-01,省抽,999999,童车,合格,,甲", "B,2019-01-02,省抽,450102,童车,好,,乙"]))]
        let db = (Fixtures.tempDir() as NSString).appendingPathComponent("q.sqlite")
        c.database = db
        c.language = .en
        let dir = (Fixtures.tempDir() as NSString).appendingPathComponent("out")
        let outcome = Runner.report(ReportConfiguration(inputs: c, out: dir))
        #expect(outcome.exitCode == 1)
        #expect(outcome.errors.contains { $0.contains("no batch was loaded (2 rows read, 2 rejected)") }, "\(outcome.errors)")
        #expect(outcome.errors.contains { $0.contains(":2 ") && $0.contains("\"999999\"") }, "\(outcome.errors)")
        #expect(outcome.errors.contains { $0.contains(":3 ") && $0.contains("\"好\"") }, "\(outcome.errors)")
        #expect(!FileManager.default.fileExists(atPath: dir))
        #expect(try Store(path: db).runCount() == 0)
    }

    /// A missing input file: nothing loaded, nothing written, exit 1 with the file named.
    @Test func aMissingInputWritesNothing() throws {
        var c = InputConfiguration()
        c.files = [(Fixtures.tempDir() as NSString).appendingPathComponent("no-such.csv.gz")]
        c.language = .en
        let dir = (Fixtures.tempDir() as NSString).appendingPathComponent("out")
        let outcome = Runner.report(ReportConfiguration(inputs: c, out: dir))
        #expect(outcome.exitCode == 1)
        #expect((outcome.errors + outcome.output).joined().contains("no-such.csv.gz"))
        #expect(!FileManager.default.fileExists(atPath: dir))
    }
}
