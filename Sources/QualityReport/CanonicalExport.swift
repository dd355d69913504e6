import Foundation
import QualityData
import QualityIndicators

/// `qindex export`: the validated canonical records — after mapping,
/// encoding, region resolution, continuation-row merging and rejects, the
/// same guarantees as `report` — as Parquet files partitioned by year
/// (Hive style, `year=2020/part-0.parquet`; with `province`, also
/// `province=45/`), for DuckDB, Spark or any Parquet reader.
///
/// One column per stored column of ``SamplingSchema`` (its canonical name;
/// enums as their ids, dictionary codes as their text, dates as DATE, the
/// region as its GB/T 2260 code, with the `city_code` and `province_code` it
/// rolls up to), plus `enterprise` (credit code, or name
/// when none), `product_name` and `failed_items` (`|`-joined). Nulls where
/// the input gave nothing.
public enum CanonicalExport {
    /// Each grouped indicator's per-batch count as a column, `TABLE__COUNT`
    /// (`retests__overturned`): the SQL sums them by the indicator's groupings.
    public static func groupedColumnName(_ g: GroupedIndicator, _ count: Int) -> String { "\(g.table)__\(g.countColumns[count])" }

    /// The columns of `rows` of `t`, in schema order, then the grouped indicators' per-batch counts.
    public static func columns(_ t: SamplingTable, rows: [Int], options: AnalysisOptions = AnalysisOptions()) -> [ParquetWriter.Column] {
        var out: [ParquetWriter.Column] = []
        for spec in SamplingSchema.columns {
            guard let storage = spec.storage else {
                switch spec.column {
                case .enterpriseName:
                    out.append(.init("enterprise", .string(rows.map { t.enterprise[$0] == missingDictionaryCode ? nil : t.enterprises.string(t.enterprise[$0]) })))
                case .productName:
                    out.append(.init("product_name", .string(rows.map { t.product[$0] == missingDictionaryCode ? nil : t.productNames[Int(t.product[$0])] })))
                case .failedItems:
                    out.append(.init("failed_items", .string(rows.map { i in
                        let items = t.failedItems(of: i)
                        return items.isEmpty ? nil : items.map { t.itemNames.string($0) }.joined(separator: "|")
                    })))
                default: break
                }
                continue
            }
            switch storage {
            case .byte(let kp):
                let column = t[keyPath: kp]
                var ids = [String?](repeating: nil, count: 256)
                for v in spec.values { ids[Int(v.code)] = v.id }
                out.append(.init(spec.name, .string(rows.map { ids[Int(column[$0])] })))
            case .code(let kp, let dictionary):
                let column = t[keyPath: kp], d = t[keyPath: dictionary.path]
                out.append(.init(spec.name, .string(rows.map { column[$0] == missingDictionaryCode ? nil : d.string(column[$0]) })))
            case .day(let kp):
                let column = t[keyPath: kp]
                out.append(.init(spec.name, .date(rows.map { column[$0] == missingDay ? nil : column[$0] }), optional: spec.required ? false : true))
            case .year(let kp):
                let column = t[keyPath: kp]
                out.append(.init(spec.name, .int32(rows.map { Int32(column[$0]) }), optional: false))
            case .region(let kp):
                let column = t[keyPath: kp]
                out.append(.init(spec.name, .string(rows.map { column[$0] < 0 ? nil : t.regions.regions[Int(column[$0])].code })))
                // The city and province the region rolls up to in the region table (itself
                // at its own level; none where the table has no such level), so that SQL
                // counts every level as qindex does without the region table.
                for level in [RegionLevel.city, .province] {
                    let up = (0..<t.regions.count).map { t.regions.ancestor(of: Int32($0), at: level).map { t.regions[$0].code } }
                    out.append(.init("\(level.id)_code", .string(rows.map { column[$0] < 0 ? nil : up[Int(column[$0])] })))
                }
            }
        }
        // The batch's position in the loaded table: the order of an enterprise's
        // batches on the same day (repeat failures' runs and first region), as qindex orders them.
        out.append(.init("batch_seq", .int64(rows.map { Int64($0) }), optional: false))
        for g in GroupedIndicator.registry {
            for (i, count) in g.counts(t, options).enumerated() {
                out.append(.init(groupedColumnName(g, i), .int32(rows.map { Int32(count($0)) }), optional: false))
            }
        }
        return out
    }

    /// Writes the partitions under `dir`; returns each file written (relative path) and its rows, in path order.
    public static func write(_ t: SamplingTable, to dir: String, byProvince: Bool, tool: String,
                             options: AnalysisOptions = AnalysisOptions()) throws -> [(path: String, rows: Int)] {
        var parts: [String: [Int]] = [:]
        for i in 0..<t.count {
            var key = "year=\(t.year[i])"
            if byProvince {
                let r = t.region[i]
                let code = r < 0 ? "" : t.regions.regions[Int(r)].code
                key += "/province=\(code.count == 6 ? String(code.prefix(2)) : "other")"
            }
            parts[key, default: []].append(i)
        }
        var written: [(path: String, rows: Int)] = []
        for key in parts.keys.sorted() {
            let rows = parts[key]!
            let folder = (dir as NSString).appendingPathComponent(key)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let path = "\(key)/part-0.parquet"
            try Data(ParquetWriter.file(columns(t, rows: rows, options: options), createdBy: tool)).write(to: URL(fileURLWithPath: (dir as NSString).appendingPathComponent(path)), options: .atomic)
            written.append((path, rows.count))
        }
        return written
    }
}

/// What `qindex export` wrote, beside the Parquet files as `_export.json`
/// (and printed by `--json`): every input's accounting and every part.
public struct ExportSummary: Codable, Sendable {
    public var schema = RunSummary.schemaVersion
    public var command = "export"
    public var tool: String
    public var rows: Int
    public var files: [RunSummary.File]
    public var parts: [Part]

    public struct Part: Codable, Sendable, Equatable {
        public var path: String
        public var rows: Int
        public init(path: String, rows: Int) { self.path = path; self.rows = rows }
    }

    public init(tool: String, rows: Int, files: [RunSummary.File], parts: [Part]) {
        self.tool = tool; self.rows = rows; self.files = files; self.parts = parts
    }

    public func json() -> String { RunSummary.prettyJSON(self) }
}
