import Foundation
import QualityData
import QualityIndicators

/// `qindex sql`: the SQL that computes, over `qindex export`'s Parquet, the
/// decomposable counts behind the pass-rate tables — batches sampled,
/// passed and failed, enterprises tested and all-pass, by year and by each
/// breakdown — for DuckDB or Spark. The breakdowns come from the indicator
/// registry (``Dimension`` and the schema column each one reads), not from
/// a list written here; the counts are small tables (groups × years).
///
/// An enterprise counts as tested in a cell when one of its batches there
/// was tested, and as passed when none of them failed: the cell's per-
/// enterprise sums first, then their counts — the same as qindex's kernel.
public enum CountSQL {
    public enum Engine: String, CaseIterable, Sendable { case duckdb, spark }

    /// One count table: its name and the SELECT that fills it.
    public struct Query: Sendable {
        public let table: String
        public let select: String
    }

    /// The breakdowns: each dimension with a schema column, and the province (the first two digits of the region code).
    static func keys() -> [(table: String, expression: String)] {
        var out: [(String, String)] = [("counts_year", "''")]
        for d in Dimension.allCases {
            guard let column = d.column else { continue }
            if column == .regionCode {
                out.append(("counts_province", "CASE WHEN length(region_code) = 6 THEN substr(region_code, 1, 2) || '0000' ELSE coalesce(region_code, '') END"))
            } else {
                out.append(("counts_\(d.rawValue)", "coalesce(\(column.rawValue), '')"))
            }
        }
        return out
    }

    /// The source relation: every Parquet file under `parquet`, partitions read from the paths.
    public static func source(_ parquet: String, engine: Engine) -> String {
        switch engine {
        case .duckdb: return "read_parquet('\(parquet.replacingOccurrences(of: "'", with: "''"))/**/*.parquet', hive_partitioning = 1)"
        case .spark: return "parquet.`\(parquet)`"
        }
    }

    public static func queries(parquet: String, engine: Engine) -> [Query] {
        let src = source(parquet, engine: engine)
        return keys().map { table, key in
            Query(table: table, select: """
                SELECT year, key, SUM(sampled) AS batches_sampled, SUM(passed) AS passed, SUM(failed) AS failed,
                       SUM(CASE WHEN passed + failed > 0 THEN 1 ELSE 0 END) AS enterprises_tested,
                       SUM(CASE WHEN passed > 0 AND failed = 0 THEN 1 ELSE 0 END) AS enterprises_passed
                FROM (
                  SELECT CAST(year AS INT) AS year, \(key) AS key, enterprise,
                         COUNT(*) AS sampled,
                         SUM(CASE WHEN result = 'pass' THEN 1 ELSE 0 END) AS passed,
                         SUM(CASE WHEN result = 'fail' THEN 1 ELSE 0 END) AS failed
                  FROM \(src)
                  GROUP BY 1, 2, 3
                ) cells
                GROUP BY year, key
                ORDER BY year, key
                """)
        }
    }

    /// A script for `engine` writing each count table as CSV with a header under `out`.
    public static func script(parquet: String, out: String, engine: Engine) -> String {
        queries(parquet: parquet, engine: engine).map { q in
            let target = (out as NSString).appendingPathComponent(q.table).replacingOccurrences(of: "'", with: "''")
            switch engine {
            case .duckdb:
                return "-- \(q.table)\nCOPY (\n\(q.select)\n) TO '\(target).csv' (HEADER);\n"
            case .spark:
                return "-- \(q.table)\nINSERT OVERWRITE DIRECTORY '\(target)' USING csv OPTIONS (header 'true')\n\(q.select);\n"
            }
        }.joined(separator: "\n")
    }
}
