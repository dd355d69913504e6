import Foundation
import QualityData
import QualityIndicators

/// Writes a ``CountCube`` as the count tables `report --from-counts` reads:
/// one `counts_*.csv` per ``CountTableKind``, the columns of
/// ``CountTableKind/columns``, UTF-8 without a byte-order mark, LF line
/// ends, rows in ``CountCube/precedes`` order — the form DuckDB's `COPY …
/// (HEADER)` writes, so the files of the two engines can be compared.
public enum CountTablesCSV {
    public static func text(_ rows: [CountRow]) -> String {
        var out = CountTableKind.columns.joined(separator: ",") + "\n"
        for r in rows {
            let c = r.counts
            out += "\(r.year),\(field(r.key)),\(field(r.subKey)),\(field(r.name)),\(c.sampled),\(c.passed),\(c.failed),\(c.enterprisesTested),\(c.enterprisesPassed)\n"
        }
        return out
    }

    /// A grouped indicator's count table. A province's name is left empty, as
    /// the SQL leaves it (the reader takes it from the region table).
    public static func text(_ rows: [GroupedRow], spec: GroupedCountTableSpec) -> String {
        var out = spec.columns.joined(separator: ",") + "\n"
        let provinces = Set(spec.scopes.filter { $0.kind == .province }.map(\.scope))
        for r in rows {
            let name = provinces.contains(r.scope) ? "" : r.name
            out += "\(r.year),\(field(r.scope)),\(field(r.key)),\(field(name))" + r.counts.map { ",\($0)" }.joined() + "\n"
        }
        return out
    }

    /// Quotes a field that holds a comma, a quote or a line break.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The inputs' accounting beside the counts (`_accounting.json`): which
    /// files, how many rows each, every rejected row — so a report from the
    /// counts shows the same data-quality table and rejects.csv.
    public static let accountingFile = "_accounting.json"

    /// Writes every table of `cube` into `dir` (created if needed), and `accounting` as ``accountingFile``.
    public static func write(_ cube: CountCube, accounting: InputAccounting, to dir: String) throws {
        var cube = cube
        cube.sort()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(accounting).write(to: URL(fileURLWithPath: (dir as NSString).appendingPathComponent(accountingFile)), options: .atomic)
        for kind in CountTableKind.allCases {
            let path = (dir as NSString).appendingPathComponent(kind.table + ".csv")
            try Data(text(cube.rows(kind)).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        func save(_ name: String, _ columns: [String], _ rows: [[String]]) throws {
            let text = ([columns.joined(separator: ",")] + rows.map { $0.map(field).joined(separator: ",") }).joined(separator: "\n") + "\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: (dir as NSString).appendingPathComponent(name + ".csv")), options: .atomic)
        }
        try save(CountCube.failedItemsTable, ItemCount.columns, cube.failedItems.map {
            [String($0.year), $0.productCode, $0.productName, $0.item, String($0.failures)]
        })
        try save(CountCube.followUpEnterprisesTable, FollowUpEnterprises.columns, cube.followUpEnterprises.map {
            [String($0.year), String($0.enterprisesFailed), String($0.enterprisesResampled)]
        })
        try save(CountCube.repeatFailuresTable, RepeatFailureCount.columns, cube.repeatFailures.map {
            [$0.enterprise, $0.regionCode, String($0.batchesTested), String($0.failures), String($0.longestFailureRun),
             CivilDate.iso($0.firstFailure), CivilDate.iso($0.lastFailure), $0.products.joined(separator: "|")]
        })
        try save(CountCube.datesTable, ["first_day", "last_day"], [[CivilDate.iso(cube.firstDay), CivilDate.iso(cube.lastDay)]])
        for g in GroupedIndicator.registry {
            let path = (dir as NSString).appendingPathComponent(g.countTable + ".csv")
            try Data(text(cube.grouped[g.countTable] ?? [], spec: g.countTableSpec).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }
}
