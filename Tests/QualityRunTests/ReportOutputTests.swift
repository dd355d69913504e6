import Foundation
import QualityData
import QualityIndicators
import QualityIngest
import QualityReport
import Testing
import _QualityTestSupport
@testable import QualityRun

/// The run folder on a full run (sampling, inspections, statistics, plan,
/// index): every column of every table has a declared kind, and each
/// output format is written by its own writer, alone when chosen alone.
@Suite struct ReportOutputTests {
    static func fullAnalysis() throws -> (Analysis, InputAccounting) {
        var load = try SamplingIngest.load(paths: [Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz")])
        let c = RunnerTests.inputs()
        let companions = try CompanionInputs.load(inspections: c.inspections, statistics: c.statistics, plan: c.plan, regions: .bundled,
                                                  encoding: nil, index: c.index)
        let cube = Analysis.counts(load.table, filters: companions.batchFilters)
        let inspections = companions.inspectionCounts(regions: .bundled)
        let targets = companions.targets(counts: cube, inspections: inspections, regions: .bundled)
        let index = companions.index(counts: cube, inspections: inspections, regions: .bundled)
        var analysis = Analysis.derive(cube, regions: .bundled)
        companions.complete(&analysis, &load, targets: targets, index: index, inspections: inspections, regions: .bundled)
        return (analysis, load.accounting)
    }

    @Test func everyColumnHasADeclaredKind() throws {
        let (analysis, accounting) = try Self.fullAnalysis()
        let tables = ReportWriter.tables(analysis, accounting, lang: .zh)
        #expect(tables.count == 25)  // 19 always, targets, index scores and audit, three inspection tables
        for t in tables { #expect(t.undeclared.isEmpty, "\(t.name): \(t.undeclared)") }
        let byName = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
        func kind(_ table: String, _ column: String) -> ColumnKind? {
            byName[table].flatMap { t in t.columns.firstIndex(of: column).map { t.kinds[$0] } }
        }
        #expect(kind("pass_rate_by_region", "region_code") == .code && kind("pass_rate_by_region", "pass_rate") == .proportion)
        #expect(kind("targets", "value") == .number && kind("rejects", "value") == .text)  // a name, two meanings: the table decides
        #expect(kind("index_scores", "norm_pass_rate") == .number)  // 0–100 scores, not percentages
        // Every column has a header for people in both languages (the workbook's header row), distinct within its table.
        for t in tables {
            #expect(t.columns.allSatisfy(ReportColumns.hasLabel), "\(t.name): \(t.columns.filter { !ReportColumns.hasLabel($0) })")
            for lang in Language.allCases {
                let headers = zip(t.columns, t.kinds).map { ReportColumns.header($0, kind: $1, lang: lang) }
                #expect(Set(headers).count == headers.count, "\(t.name) \(lang): \(headers)")
            }
        }
        #expect(kind("first_failure") == .date)
        func kind(_ column: String) -> ColumnKind? { ReportColumns.kind(column) }
    }

    @Test func eachFormatAloneWritesOnlyItsFiles() throws {
        let (analysis, accounting) = try Self.fullAnalysis()
        let fm = FileManager.default
        func written(_ formats: Set<OutputFormat>) throws -> (path: String, files: Set<String>) {
            let dir = Fixtures.tempDir()
            let path = try ReportWriter.write(analysis, accounting, to: dir, lang: .zh, runInfo: [:], formats: formats)
            return (String(path.dropFirst(dir.count)), Set(try fm.subpathsOfDirectory(atPath: dir)))
        }
        let csv = try written([.csv])
        #expect(csv.files.contains("tables/pass_rate_by_year.csv") && csv.files.contains("rejects.csv") && csv.files.contains("run.json"))
        #expect(!csv.files.contains("tables.xlsx") && !csv.files.contains("report.md") && !csv.files.contains("index.html") && csv.path == "")
        let xlsx = try written([.xlsx])
        #expect(xlsx.files.contains("tables.xlsx") && !xlsx.files.contains("tables") && xlsx.files.contains("rejects.csv"))
        let md = try written([.md])
        #expect(md.files.contains("report.md") && md.path == "/report.md" && !md.files.contains("regions"))
        let html = try written([.html])
        #expect(html.files.contains("index.html") && html.files.contains { $0.hasPrefix("regions/") } && html.path == "/index.html")
        #expect(!html.files.contains("tables"))
        #expect(OutputFormat.parse("csv, XLSX") == [.csv, .xlsx] && OutputFormat.parse("pdf") == nil && OutputFormat.parse("") == nil)
        let parquet = try written([.parquet])
        #expect(parquet.files.contains("parquet/pass_rate_by_region.parquet") && !parquet.files.contains("tables") && parquet.files.contains("rejects.csv"))
        // Every format together writes what each writes alone; the default is every format but parquet.
        let all = try written(Set(OutputFormat.allCases))
        #expect(all.files.isSuperset(of: csv.files.union(xlsx.files).union(md.files).union(html.files).union(parquet.files)))
        #expect(OutputFormat.defaults == [.csv, .xlsx, .md, .html] && OutputFormat.defaultList == "csv,xlsx,md,html")
    }

    /// `--format parquet` (issue 31 (c)): one file per table of tables/,
    /// read by DuckDB (from PyPI) and compared with the CSV cell by cell —
    /// the same rows in the same order, each value the CSV's (an empty cell
    /// null) — with the columns typed by their declared kind.
    @Test func theTablesAsParquetAreTheCSVTyped() throws {
        let python = Fixtures.path(".build/pyenv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("no .build/pyenv: scripts/test.sh makes it (pyarrow, duckdb)")
            return
        }
        let (analysis, accounting) = try Self.fullAnalysis()
        let dir = Fixtures.tempDir()
        _ = try ReportWriter.write(analysis, accounting, to: dir, lang: .zh, runInfo: [:], formats: [.csv, .parquet])
        // Every column's declared kind, and the DuckDB type it must have: no column falls back to text.
        let duckType: [ColumnKind: String] = [.code: "VARCHAR", .text: "VARCHAR", .count: "BIGINT", .year: "INTEGER", .proportion: "DOUBLE",
                                              .number: "DOUBLE", .date: "DATE", .flag: "BOOLEAN"]
        var declared: [String: String] = [:]
        for t in ReportWriter.tables(analysis, accounting, lang: .zh) where t.name != "rejects" {
            for (c, k) in zip(t.columns, t.kinds) { declared["\(t.name).\(c)"] = duckType[k] }
        }
        let script = """
        import csv, glob, json, os, sys, duckdb, datetime
        d = sys.argv[1]
        con = duckdb.connect()
        problems, types, tables = [], {}, 0
        for path in sorted(glob.glob(os.path.join(d, "tables", "*.csv"))):
            name = os.path.basename(path)[:-4]
            pq = os.path.join(d, "parquet", name + ".parquet")
            if not os.path.exists(pq): problems.append("no parquet for " + name); continue
            tables += 1
            with open(path, encoding="utf-8-sig", newline="") as f: rows = list(csv.reader(f))
            head, body = rows[0], rows[1:]
            got = con.execute(f"select * from read_parquet('{pq}')").fetchall()
            cols = [(c[0], c[1]) for c in con.execute(f"describe select * from read_parquet('{pq}')").fetchall()]
            if [c[0] for c in cols] != head: problems.append(f"{name}: columns {cols} vs {head}")
            if len(got) != len(body): problems.append(f"{name}: {len(got)} rows vs {len(body)}"); continue
            for k, (col, typ) in enumerate(cols):
                types[f"{name}.{col}"] = typ
                for r, (g, b) in enumerate(zip(got, body)):
                    cell, v = b[k], g[k]
                    if cell == "": ok = v is None
                    elif typ == "VARCHAR": ok = v == cell
                    elif typ in ("BIGINT", "INTEGER"): ok = v == int(cell)
                    elif typ == "DOUBLE": ok = v == float(cell)
                    elif typ == "DATE": ok = v.isoformat() == cell
                    elif typ == "BOOLEAN": ok = v == (cell in ("yes", "true", "1"))
                    else: ok = False
                    if not ok: problems.append(f"{name}.{col} row {r + 1}: {v!r} vs {cell!r}"); break
        print(json.dumps({"problems": problems[:20], "types": types, "tables": tables}))
        """
        let r = try Subprocess.run(python, ["-c", script, dir])
        #expect(r.status == 0, "\(r.err)")
        struct Result: Decodable { let problems: [String]; let types: [String: String]; let tables: Int }
        let result = try JSONDecoder().decode(Result.self, from: Data(r.out.utf8))
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.tables >= 20, "\(result.tables) tables")
        let wrong = declared.filter { result.types[$0.key] != $0.value }.map { "\($0.key): \(result.types[$0.key] ?? "missing") for \($0.value)" }
        #expect(wrong.isEmpty, "\(wrong.sorted())")
        #expect(declared.values.contains("BOOLEAN") && declared.values.contains("DATE"))
        for (column, type) in ["pass_rate_by_region.region_code": "VARCHAR", "pass_rate_by_region.year": "INTEGER",
                               "pass_rate_by_region.batches_tested": "BIGINT", "pass_rate_by_region.pass_rate": "DOUBLE",
                               "pass_rate_by_region.ci_low": "DOUBLE", "pass_rate_by_product.product_code": "VARCHAR",
                               "repeat_failures.first_failure": "DATE"] {
            #expect(result.types[column] == type, "\(column): \(result.types[column] ?? "missing")")
        }
    }
}
