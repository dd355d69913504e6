import Foundation
import QualityData
import QualityIndicators

/// `qindex sql`: the SQL that computes, over `qindex export`'s Parquet,
/// every count the report needs — the same tables qindex's own kernel
/// writes (`_counts/` of an export) and `report --from-counts` reads — for
/// DuckDB or Spark:
///
/// - one table per ``CountTableKind`` (batches sampled, passed, failed;
///   enterprises tested and all-pass per cell) from each kind's declared
///   key columns, regions counted at every level they roll up to
///   (`region_code`, `city_code`, `province_code`);
/// - one per ``GroupedIndicator`` in the registry: the sums of its per-batch
///   count columns (`retests__overturned` …) by each declared grouping;
/// - failing items (the `;`-joined list exploded), the enterprises'
///   follow-up windows and repeat-failure runs (window functions over each
///   enterprise's batches by date, ties by `batch_seq`), and the data's dates.
///
/// Nothing here restates an indicator: the keys, groupings and count columns
/// are read from the declarations.
public enum CountSQL {
    public enum Engine: String, CaseIterable, Sendable { case duckdb, spark }

    /// One count table: its name and the SELECT that fills it.
    public struct Query: Sendable {
        public let table: String
        public let select: String
    }

    /// The source relation: every Parquet file under `parquet`, partitions read from the paths.
    /// (DuckDB: only the `year=…` folders, so that `_inspections/` is not read as sampling results; Spark skips underscored folders itself.)
    public static func source(_ parquet: String, engine: Engine) -> String {
        relation(parquet, files: "year=*/**/*.parquet", engine)
    }

    /// The exported inspection records (``CanonicalExport/inspectionsFolder``).
    public static func inspectionSource(_ parquet: String, engine: Engine) -> String {
        relation(parquet + "/" + CanonicalExport.inspectionsFolder, files: "**/*.parquet", engine)
    }

    /// The enterprise register exported beside the inspections (``CanonicalExport/registerFolder``).
    public static func registerSource(_ parquet: String, engine: Engine) -> String {
        relation(parquet + "/" + CanonicalExport.registerFolder, files: "*.parquet", engine)
    }

    /// The Parquet files under `folder`: DuckDB reads the glob `files` with
    /// Hive partitions from the paths; Spark reads the folder (and finds the partitions itself).
    static func relation(_ folder: String, files: String, _ engine: Engine) -> String {
        switch engine {
        case .duckdb: return "read_parquet(\(literal(folder + "/" + files, engine)), hive_partitioning = 1)"
        case .spark: return "parquet.\(quotedIdentifier(folder, engine))"
        }
    }

    /// Where a record counts in a table of regions at every level: the
    /// national root (`000000`, every record; only where asked), its own
    /// region (not the root), its city and its province (where not itself) —
    /// each a key expression and the condition for it, from the export's
    /// `region_code`, `city_code` and `province_code`.
    static func regionLevels(national: Bool) -> [(key: String, condition: String?)] {
        (national ? [("'\(RegionTable.nationalCode)'", nil)] : [])
            + [("region_code", "region_code IS NOT NULL AND region_code <> '\(RegionTable.nationalCode)'"),
               ("city_code", "city_code IS NOT NULL AND city_code <> region_code"),
               ("province_code", "province_code IS NOT NULL AND province_code <> region_code")]
    }

    /// ` WHERE a AND b` of the conditions given; "" when none.
    static func whereClause(_ conditions: [String?]) -> String {
        let c = conditions.compactMap { $0 }
        return c.isEmpty ? "" : " WHERE " + c.joined(separator: " AND ")
    }

    static func text(_ c: SamplingColumn?) -> String { c.map { "coalesce(\($0.rawValue), '')" } ?? "''" }

    static func month(_ engine: Engine) -> String {
        engine == .duckdb ? "strftime(sample_date, '%Y-%m')" : "date_format(sample_date, 'yyyy-MM')"
    }

    /// A column's text as a key: a date column as its month.
    static func key(_ c: SamplingColumn?, _ engine: Engine) -> String { c == .sampleDate ? month(engine) : text(c) }

    static let outcome = "CASE WHEN result = 'pass' THEN 1 ELSE 0 END AS pass, CASE WHEN result = 'fail' THEN 1 ELSE 0 END AS fail"

    /// The batches of one count table as (year, key, sub_key, name, enterprise, pass, fail): a
    /// region table's batch once for each level it rolls up to.
    static func rows(_ kind: CountTableKind, _ src: String, _ engine: Engine) -> String {
        let (k, sub, name) = kind.columns
        func select(_ keyExpression: String, _ filter: String) -> String {
            "SELECT CAST(year AS INT) AS year, \(keyExpression) AS key, \(key(sub, engine)) AS sub_key, \(text(name)) AS name, enterprise, \(outcome) FROM \(src)\(filter)"
        }
        guard kind.rollsUpRegions else { return select(key(k, engine), "") }
        return regionLevels(national: false).map { select($0.key, whereClause([$0.condition])) }.joined(separator: "\n    UNION ALL ")
    }

    static func countTable(_ kind: CountTableKind, _ src: String, _ engine: Engine) -> Query {
        cells(kind.table, rows(kind, src, engine))
    }

    /// A count table from its batches as (year, key, sub_key, name, enterprise, pass, fail):
    /// batches per cell, and per enterprise in the cell whether it was tested and never failed,
    /// and the sums over enterprises as clusters of their passed y and tested m (Σy², Σym, Σm²;
    /// the batches without an enterprise, grouped together here, are each a cluster of their own: y² = y·m = y, m² = m).
    static func cells(_ table: String, _ rows: String) -> Query {
        Query(table: table, select: """
            SELECT year, key, sub_key, MAX(name) AS name, SUM(sampled) AS batches_sampled, SUM(passed) AS passed, SUM(failed) AS failed,
                   SUM(CASE WHEN enterprise IS NOT NULL AND passed + failed > 0 THEN 1 ELSE 0 END) AS enterprises_tested,
                   SUM(CASE WHEN enterprise IS NOT NULL AND passed > 0 AND failed = 0 THEN 1 ELSE 0 END) AS enterprises_passed,
                   SUM(CASE WHEN enterprise IS NOT NULL THEN (CASE WHEN passed + failed > 0 THEN 1 ELSE 0 END) ELSE passed + failed END) AS clusters,
                   SUM(CASE WHEN enterprise IS NOT NULL THEN passed * passed ELSE passed END) AS cluster_passed_sq,
                   SUM(CASE WHEN enterprise IS NOT NULL THEN passed * (passed + failed) ELSE passed END) AS cluster_passed_tested,
                   SUM(CASE WHEN enterprise IS NOT NULL THEN (passed + failed) * (passed + failed) ELSE passed + failed END) AS cluster_tested_sq
            FROM (
              SELECT year, key, sub_key, MAX(name) AS name, enterprise, COUNT(*) AS sampled, SUM(pass) AS passed, SUM(fail) AS failed
              FROM (
                \(rows)
              ) batches
              GROUP BY year, key, sub_key, enterprise
            ) cells
            GROUP BY year, key, sub_key
            ORDER BY year, key, sub_key
            """)
    }

    static func grouped(_ g: GroupedIndicator, _ src: String) -> Query {
        let counts = g.countColumns.indices.map { CanonicalExport.groupedColumnName(g, $0) }
        let selects = g.groupings.flatMap { d -> [String] in
            func select(_ key: String, _ name: String, _ filter: String) -> String {
                "SELECT CAST(year AS INT) AS year, '\(d.scope)' AS scope, \(key) AS key, \(name) AS name, \(counts.joined(separator: ", ")) FROM \(src)\(filter)"
            }
            switch d.kind {
            case .all: return [select("'\(RegionTable.nationalCode)'", "''", "")]
            case .province: return [select("province_code", "''", " WHERE province_code IS NOT NULL")]
            case .regions:  // a batch once for each level it rolls up to, as the region count table
                return regionLevels(national: false).map { select($0.key, "''", whereClause([$0.condition])) }
            case .column(let c):
                // Batches without a value are the group "" (not given), as the kernel counts them.
                let key = "coalesce(\(c.rawValue), '')"
                return [select(key, c == .productCode ? "coalesce(product_name, '')" : key, "")]
            }
        }
        let sums = zip(counts, g.countColumns).map { "SUM(\($0)) AS \($1)" }.joined(separator: ", ")
        return Query(table: g.countTable, select: """
            SELECT year, scope, key, MAX(name) AS name, \(sums)
            FROM (
              \(selects.joined(separator: "\n  UNION ALL "))
            ) batches
            GROUP BY year, scope, key
            HAVING SUM(\(counts[g.listedWhen])) > 0
            ORDER BY year, scope, key
            """)
    }

    static func failedItems(_ src: String, _ engine: Engine) -> Query {
        let sep = CanonicalExport.itemSeparator
        let items = engine == .duckdb ? "unnest(string_split(failed_items, '\(sep)'))" : "explode(split(failed_items, '[\(sep)]'))"
        return Query(table: CountCube.failedItemsTable, select: """
            SELECT year, product_code, MAX(product_name) AS product_name, item, COUNT(*) AS failures
            FROM (
              SELECT CAST(year AS INT) AS year, coalesce(product_code, '') AS product_code, coalesce(product_name, '') AS product_name,
                     \(items) AS item
              FROM \(src)
              WHERE result = 'fail' AND failed_items IS NOT NULL
            ) items
            GROUP BY year, product_code, item
            ORDER BY year, product_code, item
            """)
    }

    static func followUpEnterprises(_ src: String, _ engine: Engine) -> Query {
        let window = engine == .duckdb ? "f.first_failure + 365" : "date_add(f.first_failure, 365)"
        return Query(table: CountCube.followUpEnterprisesTable, select: """
            SELECT f.year, COUNT(DISTINCT f.enterprise) AS enterprises_failed,
                   COUNT(DISTINCT CASE WHEN b.enterprise IS NOT NULL THEN f.enterprise END) AS enterprises_resampled
            FROM (
              SELECT enterprise, CAST(year AS INT) AS year, MIN(sample_date) AS first_failure
              FROM \(src)
              WHERE enterprise IS NOT NULL AND result = 'fail'
              GROUP BY enterprise, CAST(year AS INT)
            ) f
            LEFT JOIN (SELECT DISTINCT enterprise, sample_date FROM \(src) WHERE enterprise IS NOT NULL) b
              ON b.enterprise = f.enterprise AND b.sample_date > f.first_failure AND b.sample_date <= \(window)
            GROUP BY f.year
            ORDER BY f.year
            """)
    }

    /// The repeat-failing enterprises' tested batches and failures by year and product ("" not given).
    static func repeatFailureProducts(_ src: String) -> Query {
        Query(table: CountCube.repeatFailureProductsTable, select: """
            SELECT enterprise, CAST(year AS INT) AS year, coalesce(product_code, '') AS product_code,
                   COUNT(*) AS batches_tested, SUM(CASE WHEN result = 'fail' THEN 1 ELSE 0 END) AS failures
            FROM \(src)
            WHERE result IN ('pass', 'fail') AND enterprise IN (
              SELECT enterprise FROM \(src) WHERE result = 'fail' AND enterprise IS NOT NULL GROUP BY enterprise HAVING COUNT(*) >= 2
            )
            GROUP BY enterprise, CAST(year AS INT), coalesce(product_code, '')
            ORDER BY enterprise, year, product_code
            """)
    }

    static func repeatFailures(_ src: String, _ engine: Engine) -> Query {
        // Escaped as RepeatFailureCount.joinProducts escapes them: \ → \\, | → \|.
        let b = literal("\\", engine), bb = literal("\\\\", engine), bar = literal("\\|", engine)
        let code = "replace(replace(product_code, \(b), \(bb)), '|', \(bar))"
        let products = engine == .duckdb
            ? "array_to_string(list_sort(list_distinct(list(\(code)) FILTER (WHERE result = 'fail' AND product_code IS NOT NULL))), '|')"
            : "array_join(array_sort(collect_set(CASE WHEN result = 'fail' THEN \(code) END)), '|')"
        return Query(table: CountCube.repeatFailuresTable, select: """
            SELECT e.enterprise, e.region_code, e.batches_tested, e.failures, r.longest_failure_run, e.first_failure, e.last_failure, e.products
            FROM (
              SELECT enterprise,
                     MAX(CASE WHEN n = 1 THEN region_code END) AS region_code,
                     SUM(CASE WHEN result IN ('pass', 'fail') THEN 1 ELSE 0 END) AS batches_tested,
                     SUM(CASE WHEN result = 'fail' THEN 1 ELSE 0 END) AS failures,
                     MIN(CASE WHEN result = 'fail' THEN sample_date END) AS first_failure,
                     MAX(CASE WHEN result = 'fail' THEN sample_date END) AS last_failure,
                     \(products) AS products
              FROM (
                SELECT enterprise, region_code, result, sample_date, product_code,
                       ROW_NUMBER() OVER (PARTITION BY enterprise ORDER BY sample_date, batch_seq) AS n
                FROM \(src) WHERE enterprise IS NOT NULL
              ) b
              GROUP BY enterprise
              HAVING SUM(CASE WHEN result = 'fail' THEN 1 ELSE 0 END) >= 2
            ) e
            JOIN (
              SELECT enterprise, MAX(run) AS longest_failure_run
              FROM (
                SELECT enterprise, passes_before, COUNT(*) AS run
                FROM (
                  SELECT enterprise, result,
                         SUM(CASE WHEN result = 'pass' THEN 1 ELSE 0 END)
                           OVER (PARTITION BY enterprise ORDER BY sample_date, batch_seq ROWS UNBOUNDED PRECEDING) AS passes_before
                  FROM \(src) WHERE enterprise IS NOT NULL
                ) ordered
                WHERE result = 'fail'
                GROUP BY enterprise, passes_before
              ) runs
              GROUP BY enterprise
            ) r ON r.enterprise = e.enterprise
            ORDER BY e.enterprise
            """)
    }

    /// A string literal: quotes doubled for DuckDB; for Spark, whose
    /// literals take backslash escapes, backslashes and quotes escaped.
    /// A path as a quoted identifier (Spark's `parquet.`PATH``): a backtick doubled.
    static func quotedIdentifier(_ s: String, _ engine: Engine) -> String {
        switch engine {
        case .duckdb: return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        case .spark: return "`" + s.replacingOccurrences(of: "`", with: "``") + "`"
        }
    }

    /// Characters a path may not hold here, because the engine reads them as
    /// a pattern (DuckDB's and Hadoop's globs: `*` `?` `[` `]` `{` `}`, and
    /// Hadoop's escape `\`) or because they are not text (control
    /// characters): quoting cannot make such a path mean only itself.
    public static func unsafePathCharacters(_ path: String) -> [Character] {
        var seen: [Character] = []
        for c in path where "*?[]{}\\".contains(c) || c.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            if !seen.contains(c) { seen.append(c) }
        }
        return seen
    }

    /// A string literal for `engine`: DuckDB doubles a quote; Spark escapes a quote and a backslash.
    static func literal(_ s: String, _ engine: Engine) -> String {
        switch engine {
        case .duckdb: return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        case .spark: return "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        }
    }

    /// The industry code with its GB/T 4754 section letter (`3831` → `C3831`),
    /// as ``IndustryCode/withSection(_:)`` makes it, from the same table of sections.
    static func industryWithSection(_ engine: Engine) -> String {
        let twoDigits = engine == .duckdb ? "regexp_matches(industry_code, '^[0-9]{2}')" : "industry_code RLIKE '^[0-9]{2}'"
        let division = "CAST(substr(industry_code, 1, 2) AS INT)"
        let sections = IndustryCode.sectionStarts.reversed().map { "WHEN \(division) >= \($0.firstDivision) THEN '\(UnicodeScalar($0.section))'" }
        return "CASE WHEN \(twoDigits) THEN (CASE \(sections.joined(separator: " ")) ELSE '' END) || industry_code ELSE industry_code END"
    }

    /// The condition of a filter (``RecordFilter/accepts(_:)``), nil for none:
    /// an enum column's ids, product codes, industry prefixes — a section (`C`,
    /// `C38`) against the code with its section, digits (`38`) against the code
    /// after it. `missingIsEmpty`: a record without a value is read as "" (as the
    /// inspection filters read it); else it is never accepted (sampling results).
    static func condition(_ f: RecordFilter, _ engine: Engine, missingIsEmpty: Bool = false) -> String? {
        guard !f.isEmpty else { return nil }
        return f.conditions.keys.sorted().map { key -> String in
            let values = f.conditions[key]!
            guard !values.isEmpty else { return "FALSE" }
            if key == RecordFilter.key(.industryCode) {
                let full = industryWithSection(engine)
                return "(" + values.map { p in
                    let digits = p.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false
                    return "substr(\(full), \(digits ? 2 : 1), \(p.count)) = \(literal(p, engine))"
                }.joined(separator: " OR ") + ")"
            }
            return "\(missingIsEmpty ? "coalesce(\(key), '')" : key) IN (\(values.map { literal($0, engine) }.joined(separator: ", ")))"
        }.joined(separator: " AND ")
    }

    /// The filtered sets of a plan and an index (``CountCube/filtered``): each
    /// filter's batches at every level their region rolls up to, and all of them
    /// under `000000` (the filters counted are listed in `counts_filters`).
    static func filtered(_ filters: [RecordFilter], _ src: String, _ engine: Engine) -> Query {
        let selects = filters.flatMap { f -> [String] in
            let id = literal(f.id, engine), accepted = condition(f, engine)
            return regionLevels(national: true).map { level in
                "SELECT CAST(year AS INT) AS year, \(id) AS key, \(level.key) AS sub_key, '' AS name, enterprise, \(outcome) FROM \(src)"
                    + whereClause([accepted, level.condition])
            }
        }
        return cells(CountCube.filteredTable, selects.joined(separator: "\n    UNION ALL "))
    }

    /// Inspection records of every filter (`""`: all) at every region they roll
    /// up to — the national root, their own region, its city and province —
    /// as (filter, year, key, enterprise, county_code, township, licensed, hazards, outcome).
    static func inspectionRows(_ filters: [RecordFilter], _ src: String, _ engine: Engine) -> String {
        ([RecordFilter([:])] + filters).flatMap { f -> [String] in
            let accepted = condition(f, engine, missingIsEmpty: true)
            return regionLevels(national: true).map { level in
                "SELECT \(literal(f.id, engine)) AS filter, CAST(year AS INT) AS year, \(level.key) AS key, enterprise, county_code, township, licensed, "
                    + "hazards_found, hazards_rectified, outcome FROM \(src)" + whereClause([accepted, level.condition])
            }
        }.joined(separator: "\n    UNION ALL ")
    }

    /// The sums and distinct counts of ``InspectionCountRow`` over `from`; the
    /// last three (counties, townships, licensed) as given.
    static func inspectionSums(_ coverage: String, enterprise: String = "enterprise") -> String {
        let outcomes = zip(InspectionOutcome.allCases, InspectionCountRow.outcomeColumns).map { o, c in "SUM(CASE WHEN outcome = '\(o.id)' THEN 1 ELSE 0 END) AS \(c)" }
        return (["COUNT(*) AS inspections", "COUNT(DISTINCT \(enterprise)) AS enterprises", "SUM(coalesce(hazards_found, 0)) AS hazards_found",
                 "SUM(CASE WHEN hazards_found IS NULL THEN 0 ELSE coalesce(hazards_rectified, 0) END) AS hazards_rectified"]
                + outcomes + ["SUM(CASE WHEN outcome IS NULL THEN 1 ELSE 0 END) AS \(InspectionCountRow.outcomeColumns.last!)", coverage])
            .joined(separator: ", ")
    }

    /// `counts_inspections` and `counts_inspection_population` (``InspectionCounts``):
    /// by region at every level for each filter — distinct enterprises, counties,
    /// townships, and licensed enterprises inspected (joined with the population:
    /// enterprises any accepted record under the region shows licensed, or with
    /// `register`, the register's enterprises under it not marked unlicensed) —
    /// and by type and risk class.
    static func inspections(_ filters: [RecordFilter], _ src: String, register: String?, _ engine: Engine) -> [Query] {
        var with = "WITH r AS (\n    \(inspectionRows(filters, src, engine))\n)"
        if let register {
            with += ",\nreg AS (\n    " + regionLevels(national: true).map { level in
                "SELECT DISTINCT \(level.key) AS key, enterprise FROM \(register)" + whereClause(["coalesce(licensed, TRUE)", level.condition])
            }.joined(separator: "\n    UNION ALL ") + "\n)"
        }
        with += "\n"
        // The licensed population each inspected enterprise is looked up in.
        let population = register == nil
            ? "(SELECT DISTINCT filter, key, enterprise FROM r WHERE licensed) p ON p.filter = r.filter AND p.key = r.key AND p.enterprise = r.enterprise"
            : "(SELECT DISTINCT key, enterprise FROM reg) p ON p.key = r.key AND p.enterprise = r.enterprise"
        let byRegion = "SELECT r.filter, r.year, '\(InspectionScope.region.rawValue)' AS scope, r.key, " + inspectionSums(
            "COUNT(DISTINCT county_code) AS counties_inspected, COUNT(DISTINCT township) AS townships_inspected, COUNT(DISTINCT p.enterprise) AS licensed_inspected",
            enterprise: "r.enterprise")
            + "\nFROM r LEFT JOIN \(population)\nGROUP BY r.filter, r.year, r.key"
        let scopes = InspectionScope.allCases.compactMap { scope in scope.column.map { (scope.rawValue, $0) } }.map { scope, column in
            "SELECT '' AS filter, CAST(year AS INT) AS year, '\(scope)' AS scope, coalesce(\(column), '') AS key, "
                + inspectionSums("0 AS counties_inspected, 0 AS townships_inspected, 0 AS licensed_inspected")
                + " FROM \(src) GROUP BY CAST(year AS INT), coalesce(\(column), '')"
        }
        let populationTable: String
        if register == nil {
            let licensed = "COUNT(DISTINCT CASE WHEN licensed THEN enterprise END)"
            populationTable = """
                SELECT filter, key, COUNT(DISTINCT township) AS townships, \(licensed) AS licensed FROM r
                GROUP BY filter, key HAVING COUNT(DISTINCT township) > 0 OR \(licensed) > 0
                """
        } else {
            // The register's count under each region, for every filter (a filter's records need not reach every region).
            let ids = ([RecordFilter([:])] + filters).map { "SELECT \(literal($0.id, engine)) AS filter" }.joined(separator: " UNION ALL ")
            populationTable = """
                SELECT coalesce(t.filter, l.filter) AS filter, coalesce(t.key, l.key) AS key, coalesce(t.townships, 0) AS townships, coalesce(l.licensed, 0) AS licensed
                FROM (SELECT filter, key, COUNT(DISTINCT township) AS townships FROM r GROUP BY filter, key) t
                FULL OUTER JOIN (SELECT f.filter, g.key, g.licensed FROM (SELECT key, COUNT(DISTINCT enterprise) AS licensed FROM reg GROUP BY key) g
                                 CROSS JOIN (\(ids)) f) l
                  ON t.filter = l.filter AND t.key = l.key
                WHERE coalesce(t.townships, 0) > 0 OR coalesce(l.licensed, 0) > 0
                """
        }
        return [Query(table: InspectionCounts.table, select: with + ([byRegion] + scopes).joined(separator: "\nUNION ALL\n")),
                Query(table: InspectionCounts.populationTable, select: with + populationTable)]
    }

    static func dates(_ src: String) -> Query {
        Query(table: CountCube.datesTable, select: "SELECT MIN(sample_date) AS first_day, MAX(sample_date) AS last_day FROM \(src)")
    }

    /// Every count table `report --from-counts` reads, in the order of its
    /// reader; with `filters` (a plan's and an index's, ``RecordFilter/needed(by:)``) their counts too.
    /// `inspections`: the inspection filters to count too (``InspectionCounts``:
    /// all inspections and these), over the export's `_inspections/`; nil: none.
    /// `register`: the export holds an enterprise register (`_register/`), the licensed population.
    public static func queries(parquet: String, engine: Engine, filters: [RecordFilter] = [], inspections: [RecordFilter]? = nil,
                               register: Bool = false) -> [Query] {
        let src = source(parquet, engine: engine)
        let filters = RecordFilter.distinct(filters)
        let inspectionFilters = inspections.map(RecordFilter.distinct)
        var out = CountTableKind.allCases.map { countTable($0, src, engine) } + GroupedIndicator.registry.map { grouped($0, src) }
            + [failedItems(src, engine), followUpEnterprises(src, engine), repeatFailures(src, engine), repeatFailureProducts(src), dates(src)]
        let listed = filters.map { ("sampling", $0.id) } + (inspectionFilters ?? []).map { ("inspections", $0.id) }
        if !listed.isEmpty {
            let rows = listed.map { "SELECT '\($0.0)' AS records, \(literal($0.1, engine)) AS key" }.joined(separator: " UNION ALL ")
            out.append(Query(table: CountCube.filtersTable, select: "SELECT records, key FROM (\(rows)) f ORDER BY records, key"))
        }
        if !filters.isEmpty { out.append(filtered(filters, src, engine)) }
        if let inspectionFilters {
            out += Self.inspections(inspectionFilters, inspectionSource(parquet, engine: engine),
                                    register: register ? registerSource(parquet, engine: engine) : nil, engine)
        }
        return out
    }

    /// A script for `engine` writing each count table as CSV with a header under `out`.
    public static func script(parquet: String, out: String, engine: Engine, filters: [RecordFilter] = [], inspections: [RecordFilter]? = nil,
                              register: Bool = false) -> String {
        queries(parquet: parquet, engine: engine, filters: filters, inspections: inspections, register: register).map { q in
            let target = (out as NSString).appendingPathComponent(q.table)
            switch engine {
            case .duckdb:
                return "-- \(q.table)\nCOPY (\n\(q.select)\n) TO \(literal(target + ".csv", engine)) (HEADER);\n"
            case .spark:
                return "-- \(q.table)\nINSERT OVERWRITE DIRECTORY \(literal(target, engine)) USING csv OPTIONS (header 'true')\n\(q.select);\n"
            }
        }.joined(separator: "\n")
    }
}
