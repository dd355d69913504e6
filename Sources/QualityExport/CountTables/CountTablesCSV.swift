import Foundation
import QualityData
import QualityIndicators

/// Writes a ``CountCube`` as the count tables `report --from-counts` reads:
/// one `counts_*.csv` per ``CountTableKind``, the columns of
/// ``CountTableKind/columns``, UTF-8 without a byte-order mark, LF line
/// ends, rows in ``CountCube/precedes`` order — the form DuckDB's `COPY …
/// (HEADER)` writes, so the files of the two engines can be compared.
public enum CountTablesCSV {
    /// A table: the header, then each row's fields, quoted where needed.
    static func text(_ columns: [String], _ rows: [[String]]) -> String {
        ([columns.joined(separator: ",")] + rows.map { $0.map(field).joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    /// A count table by group.
    public static func text(_ rows: [CountRow]) -> String {
        text(CountTableKind.columns, rows.map { r in
            let c = r.counts
            return [String(r.year), r.key, r.subKey, r.name] + [c.sampled, c.passed, c.failed, c.enterprisesTested, c.enterprisesPassed].map(String.init)
                + (c.clusterSums?.values.map(String.init) ?? ClusterSums.columns.map { _ in "" })
        })
    }

    /// A grouped indicator's count table. A region's name is left empty, as
    /// the SQL leaves it (the reader takes it from the region table).
    public static func text(_ rows: [GroupedRow], spec: GroupedCountTableSpec) -> String {
        let provinces = Set(spec.scopes.filter { $0.kind.isRegion }.map(\.scope))
        return text(spec.columns, rows.map { r in
            [String(r.year), r.scope, r.key, provinces.contains(r.scope) ? "" : r.name] + r.counts.map(String.init)
        })
    }

    /// Quotes a field that holds a comma, a quote or a line break.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Writes every table of `cube` into `dir` (created if needed), and `accounting` as ``CountCube/accountingFile``.
    public static func write(_ cube: CountCube, accounting: InputAccounting, to dir: String) throws {
        var cube = cube
        cube.sort()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(accounting).write(to: URL(fileURLWithPath: (dir as NSString).appendingPathComponent(CountCube.accountingFile)), options: .atomic)
        func save(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: (dir as NSString).appendingPathComponent(name + ".csv")), options: .atomic)
        }
        for kind in CountTableKind.allCases { try save(kind.table, text(cube.rows(kind))) }
        for g in GroupedIndicator.registry { try save(g.countTable, text(cube.grouped[g.countTable] ?? [], spec: g.countTableSpec)) }
        try save(CountCube.failedItemsTable, text(ItemCount.columns, cube.failedItems.map {
            [String($0.year), $0.productCode, $0.productName, $0.item, String($0.failures)]
        }))
        try save(CountCube.followUpEnterprisesTable, text(FollowUpEnterprises.columns, cube.followUpEnterprises.map {
            [String($0.year), String($0.enterprisesFailed), String($0.enterprisesResampled)]
        }))
        try save(CountCube.repeatFailuresTable, text(RepeatFailureCount.columns, cube.repeatFailures.map {
            [$0.enterprise, $0.regionCode, String($0.batchesTested), String($0.failures), String($0.longestFailureRun),
             CivilDate.iso($0.firstFailure), CivilDate.iso($0.lastFailure), RepeatFailureCount.joinProducts($0.products)]
        }))
        try save(CountCube.repeatFailureProductsTable, text(RepeatFailureProductCount.columns, cube.repeatFailureProducts.map {
            [$0.enterprise, String($0.year), $0.productCode, String($0.batchesTested), String($0.failures)]
        }))
        try save(CountCube.datesTable, text(["first_day", "last_day"], [[CivilDate.iso(cube.firstDay), CivilDate.iso(cube.lastDay)]]))
        // A plan's and an index's filtered sets, when there are any (as `qindex sql --plan … --index …` writes them).
        let filters = cube.filters.map { ["sampling", $0] } + (cube.inspections?.filters ?? []).map { ["inspections", $0] }
        if !filters.isEmpty { try save(CountCube.filtersTable, text(CountCube.filtersColumns, filters)) }
        if !cube.filters.isEmpty { try save(CountCube.filteredTable, text(cube.filtered)) }
        // Inspections, when they were counted (`qindex export --inspections`).
        if let i = cube.inspections {
            try save(InspectionCounts.table, text(InspectionCountRow.columns, i.rows.map { r in
                [r.filter, String(r.year), r.scope.rawValue, r.key] + r.counts.map(String.init)
            }))
            try save(InspectionCounts.populationTable, text(InspectionPopulation.columns, i.population.map { p in
                [p.filter, p.key, String(p.townships), String(p.licensed)]
            }))
        }
    }
}
