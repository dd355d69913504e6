import Foundation
import Testing
import _QualityTestSupport
@testable import QualityParquet

/// The Parquet writer (issue 19) read back by two independent readers:
/// pyarrow and DuckDB (from PyPI, in the venv scripts/test.sh makes).
@Suite struct ParquetWriterTests {
    static let python = Fixtures.path(".build/pyenv/bin/python")

    static func columns(rows: Int) -> [ParquetWriter.Column] {
        let n = Array(0..<rows)
        let codes: [String?] = n.map { i -> String? in i % 7 == 3 ? nil : String(format: "45%04d", i % 1500) }
        let names: [String?] = n.map { i -> String? in i % 11 == 0 ? "" : "南宁市 \(i) \"q\",x" }
        let days: [Int32?] = n.map { i -> Int32? in i % 5 == 0 ? nil : Int32(18_262 + i % 366) }
        let years: [Int32?] = n.map { i -> Int32? in Int32(2011 + i % 10) }
        let batches: [Int64?] = n.map { i -> Int64? in i % 13 == 0 ? nil : Int64(i) * 1_000_003 }
        let rates: [Double?] = n.map { i -> Double? in i % 17 == 0 ? nil : Double(i) / 7 }
        let passed: [Bool?] = n.map { i -> Bool? in i % 19 == 0 ? nil : i % 2 == 0 }
        return [
            ParquetWriter.Column("region_code", .string(codes)), ParquetWriter.Column("name", .string(names), optional: false),
            ParquetWriter.Column("sample_date", .date(days)), ParquetWriter.Column("year", .int32(years), optional: false),
            ParquetWriter.Column("batches", .int64(batches)), ParquetWriter.Column("rate", .double(rates)), ParquetWriter.Column("passed", .bool(passed)),
        ]
    }

    /// Every column type, with nulls, in several row groups, PLAIN and
    /// dictionary-encoded: what the readers return equals what was written,
    /// value by value.
    @Test(arguments: [(rows: 1, group: 10), (rows: 1000, group: 300), (rows: 20_000, group: 1 << 20)])
    func roundTripsThroughPyarrowAndDuckDB(rows: Int, group: Int) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            Issue.record("no .build/pyenv: scripts/test.sh makes it (pyarrow, duckdb)")
            return
        }
        let dir = Fixtures.tempDir()
        let path = "\(dir)/t.parquet"
        try Data(ParquetWriter.file(Self.columns(rows: rows), rowGroupRows: group)).write(to: URL(fileURLWithPath: path))
        // The expected values, as Python would print them.
        let script = """
        import json, sys, datetime
        import pyarrow.parquet as pq, duckdb
        rows, group = \(rows), \(group)
        exp = {
          "region_code": [None if i % 7 == 3 else "45%04d" % (i % 1500) for i in range(rows)],
          "name": ["" if i % 11 == 0 else f'南宁市 {i} "q",x' for i in range(rows)],
          "sample_date": [None if i % 5 == 0 else datetime.date(1970, 1, 1) + datetime.timedelta(days=18262 + i % 366) for i in range(rows)],
          "year": [2011 + i % 10 for i in range(rows)],
          "batches": [None if i % 13 == 0 else i * 1000003 for i in range(rows)],
          "rate": [None if i % 17 == 0 else i / 7 for i in range(rows)],
          "passed": [None if i % 19 == 0 else i % 2 == 0 for i in range(rows)],
        }
        f = pq.ParquetFile(sys.argv[1])
        t = f.read()
        problems = []
        if t.num_rows != rows: problems.append(f"pyarrow rows {t.num_rows}")
        if f.metadata.num_row_groups != (rows + group - 1) // group: problems.append(f"row groups {f.metadata.num_row_groups}")
        types = {n: str(t.schema.field(n).type) for n in exp}
        want = {"region_code": "string", "name": "string", "sample_date": "date32[day]", "year": "int32", "batches": "int64", "rate": "double", "passed": "bool"}
        if types != want: problems.append(f"pyarrow types {types}")
        for n, v in exp.items():
            if t.column(n).to_pylist() != v: problems.append(f"pyarrow {n}")
        # Dictionary encoding where values repeat (region codes at 11 bits, years, dates), PLAIN where they do not (names).
        enc = {f.metadata.schema.column(i).name: f.metadata.row_group(0).column(i).encodings for i in range(f.metadata.num_columns)}
        if rows == 20000 and not all("RLE_DICTIONARY" in enc[n] for n in ("region_code", "year", "sample_date")): problems.append(f"no dictionary: {enc}")
        if rows == 20000 and "RLE_DICTIONARY" in enc["name"]: problems.append("near-unique names dictionary-encoded")
        if rows == 1000 and "RLE_DICTIONARY" not in enc["year"]: problems.append(f"years of a small row group: {enc['year']}")
        con = duckdb.connect()
        got = con.execute(f"select * from read_parquet('{sys.argv[1]}')").fetchall()
        names = [d[0] for d in con.description]
        for k, n in enumerate(names):
            if [r[k] for r in got] != exp[n]: problems.append(f"duckdb {n}")
        print(json.dumps(problems))
        """
        let r = try Subprocess.run(Self.python, ["-c", script, path])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(r.out) \(r.err)")
    }
}
