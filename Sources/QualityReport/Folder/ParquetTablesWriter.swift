import Foundation
import QualityData
import QualityParquet

/// parquet/<table>.parquet: the report's tables for BI tools (Power BI,
/// Tableau, DuckDB, pandas), one file per table, each column typed by its
/// declared kind (``ColumnKind``): codes and text as UTF-8 strings, counts
/// as INT64, years as INT32, proportions and numbers as DOUBLE, dates as
/// DATE, flags as BOOLEAN; an empty cell is null. A column holding a cell
/// its kind cannot read (a dash, a note) is written as text, whole — a cell
/// is never dropped for its type (no table of qindex's has such a column:
/// `ReportOutputTests.theTablesAsParquetAreTheCSVTyped` checks every column's
/// type). Numbers are the CSV's, digit for digit; text is the cell itself,
/// without the `'` the CSV puts before a leading `=`, `+`, `-` or `@` so a
/// spreadsheet does not read it as a formula.
enum ParquetTablesWriter: FolderWriter {
    static let folder = "parquet"

    static func write(_ f: RunFolder) throws { try f.writeTables(into: folder, ext: "parquet", file) }

    /// One table as a Parquet file.
    static func file(_ t: ReportTable) -> [UInt8] {
        let columns = t.columns.indices.map { c in column(t.columns[c], kind: t.kinds[c], cells: t.rows.map { c < $0.count ? $0[c] : "" }) }
        return ParquetWriter.file(columns, createdBy: "qindex")
    }

    /// A column typed by `kind`, or text when a non-empty cell does not read as that kind.
    static func column(_ name: String, kind: ColumnKind, cells: [String]) -> ParquetWriter.Column {
        func typed<T>(_ read: (String) -> T?) -> [T?]? {
            var out: [T?] = []
            out.reserveCapacity(cells.count)
            for cell in cells {
                if cell.isEmpty { out.append(nil); continue }
                guard let v = read(cell) else { return nil }
                out.append(v)
            }
            return out
        }
        let values: ParquetWriter.Values?
        switch kind {
        case .code, .text: values = nil
        case .count: values = typed { Int64($0) }.map { .int64($0) }
        case .year: values = typed { Int32($0) }.map { .int32($0) }
        case .proportion, .number: values = typed { Double($0) }.map { .double($0) }  // nan and inf too: a DOUBLE holds them
        case .date: values = typed(isoDay).map { .date($0) }
        case .flag: values = typed(flag).map { .bool($0) }
        }
        return ParquetWriter.Column(name, values ?? .string(cells.map { $0.isEmpty ? nil : $0 }))
    }

    /// `2020-03-01` as days since 1970-01-01.
    static func isoDay(_ s: String) -> Int32? {
        let bytes = Array(s.utf8)
        guard bytes.count == 10 else { return nil }
        return bytes.withUnsafeBufferPointer { CivilDate.days(iso: $0) }
    }

    /// The flag spellings the tables write.
    static func flag(_ s: String) -> Bool? {
        switch s {
        case "yes", "true", "1": return true
        case "no", "false", "0": return false
        default: return nil
        }
    }
}
