import Foundation
import QualityData
import QualityIndicators
import QualityParquet
import QualityRuntime

/// `qindex export`: the validated canonical records — after mapping,
/// encoding, region resolution, continuation-row merging and rejects, the
/// same guarantees as `report` — as Parquet files partitioned by year
/// (Hive style, `year=2020/part-<inputs' digest>.parquet`; with `province`, also
/// `province=45/`), for DuckDB, Spark or any Parquet reader.
///
/// One column per stored column of ``SamplingSchema`` (its canonical name;
/// enums as their ids, dictionary codes as their text, dates as DATE, the
/// region as its GB/T 2260 code, with the `city_code` and `province_code` it
/// rolls up to), plus `enterprise` (credit code, or name
/// when none), `product_name` and `failed_items` (`;`-joined). Nulls where
/// the input gave nothing.
public enum CanonicalExport {
    /// Between the items of `failed_items`: `;`, on which the loader splits
    /// the input's lists, so no item can hold it and the SQL can split on it.
    public static let itemSeparator = ";"

    /// Each grouped indicator's per-batch count as a column, `TABLE__COUNT`
    /// (`retests__overturned`): the SQL sums them by the indicator's groupings.
    public static func groupedColumnName(_ g: GroupedIndicator, _ count: Int) -> String { "\(g.table)__\(g.countColumns[count])" }

    /// The part files' name for an export of these inputs: `part-` and the
    /// first 16 hex digits of the SHA-256 of their contents' digests — the
    /// same inputs give the same name, different inputs different ones.
    public static func partName(_ files: [FileReport]) -> String {
        let key = files.map { $0.digest?.sha256 ?? $0.path }.joined(separator: "\n")
        return "part-\(ContentDigest.of(key).sha256.prefix(16)).parquet"
    }

    /// One exported column: how to make its values for some rows of the table.
    public struct Source: Sendable {
        public let name: String
        public let optional: Bool
        public let values: @Sendable ([Int]) -> ParquetWriter.Values
    }

    /// Text columns kept as the table keeps them — codes into a dictionary —
    /// with the dictionary's values as bytes, made once for every partition.
    static func coded(_ name: String, values: [[UInt8]], code: @escaping @Sendable (Int) -> UInt32) -> Source {
        Source(name: name, optional: true) { rows in .coded(codes: rows.map(code), values: values) }
    }

    /// The columns of `t`, in schema order, then the batch's position and the grouped indicators' per-batch counts.
    public static func sources(_ t: SamplingTable, options: AnalysisOptions = AnalysisOptions()) -> [Source] {
        var out: [Source] = []
        func bytes(_ d: ByteStringDictionary) -> [[UInt8]] { (0..<d.count).map { code in d.withBytes(UInt32(code)) { Array($0) } } }
        let none = missingDictionaryCode
        for spec in SamplingSchema.columns {
            guard let storage = spec.storage else {
                switch spec.column {
                case .enterpriseName:
                    let e = t.enterprise
                    let (arena, starts) = t.enterprises.storage
                    out.append(coded("enterprise", values: (0..<t.enterprises.count).map { Array(arena[starts[$0]..<starts[$0 + 1]]) }) { e[$0] })
                case .productName:
                    let p = t.product
                    out.append(coded("product_name", values: t.productNames.map { Array($0.utf8) }) { p[$0] })
                case .failedItems:
                    out.append(Source(name: "failed_items", optional: true) { rows in
                        .string(rows.map { i in
                            let items = t.failedItems(of: i)
                            return items.isEmpty ? nil : items.map { t.itemNames.string($0) }.joined(separator: itemSeparator)
                        })
                    })
                default: break
                }
                continue
            }
            switch storage {
            case .byte(let kp):
                let column = t[keyPath: kp]
                var ids = [[UInt8]](repeating: [], count: 256), isKnown = [Bool](repeating: false, count: 256)
                for v in spec.values { ids[Int(v.code)] = Array(v.id.utf8); isKnown[Int(v.code)] = true }
                let known = isKnown
                out.append(coded(spec.name, values: ids) { known[Int(column[$0])] ? UInt32(column[$0]) : none })
            case .code(let kp, let dictionary):
                let column = t[keyPath: kp]
                out.append(coded(spec.name, values: bytes(t[keyPath: dictionary.path])) { column[$0] })
            case .day(let kp):
                let column = t[keyPath: kp]
                out.append(Source(name: spec.name, optional: !spec.required) { rows in .date(rows.map { column[$0] == missingDay ? nil : column[$0] }) })
            case .year(let kp):
                let column = t[keyPath: kp]
                out.append(Source(name: spec.name, optional: false) { rows in .int32(rows.map { Int32(column[$0]) }) })
            case .region(let kp):
                let column = t[keyPath: kp], regions = t.regions
                let codes = regions.regions.map { Array($0.code.utf8) }
                out.append(coded(spec.name, values: codes) { column[$0] < 0 ? none : UInt32(column[$0]) })
                // The city and province the region rolls up to in the region table (itself
                // at its own level; none where the table has no such level), so that SQL
                // counts every level as qindex does without the region table.
                for level in [RegionLevel.city, .province] {
                    let up = (0..<regions.count).map { regions.ancestor(of: Int32($0), at: level).map { UInt32($0) } ?? none }
                    out.append(coded("\(level.id)_code", values: codes) { column[$0] < 0 ? none : up[Int(column[$0])] })
                }
            }
        }
        // The batch's position in the loaded table: the order of an enterprise's
        // batches on the same day (repeat failures' runs and first region), as qindex orders them.
        out.append(Source(name: "batch_seq", optional: false) { rows in .int64(rows.map { Int64($0) }) })
        for g in GroupedIndicator.registry {
            for (i, count) in g.counts(t, options).enumerated() {
                out.append(Source(name: groupedColumnName(g, i), optional: false) { rows in .int32(rows.map { Int32(count($0)) }) })
            }
        }
        return out
    }

    /// The columns of `rows` of `t`.
    public static func columns(_ sources: [Source], rows: [Int]) -> [ParquetWriter.Column] {
        sources.map { ParquetWriter.Column($0.name, $0.values(rows), optional: $0.optional) }
    }

    /// Writes the partitions under `dir`; returns each file written (relative path) and its rows, in path order.
    ///
    /// `name`: the part files' name within each partition folder — one per
    /// export (``partName(_:)``), so the folders of several exports (one per
    /// input file, run on many machines) merge into one dataset without two
    /// parts overwriting each other.
    public static func write(_ t: SamplingTable, to dir: String, byProvince: Bool, tool: String, name: String = "part-0.parquet",
                             options: AnalysisOptions = AnalysisOptions()) throws -> [(path: String, rows: Int)] {
        // Each region's partition folder once, then a number per batch (not a string).
        var folders: [String] = [], slotOf: [String: Int] = [:]
        let slot: [Int] = t.regions.regions.map { r in
            let name = r.code.count == 6 ? String(r.code.prefix(2)) : "other"
            if let k = slotOf[name] { return k }
            slotOf[name] = folders.count
            folders.append(name)
            return folders.count - 1
        }
        let other = slotOf["other"] ?? folders.count
        if slotOf["other"] == nil { folders.append("other") }
        var partRows: [Int: [Int]] = [:]
        for i in 0..<t.count {
            let r = Int(t.region[i])
            partRows[Int(t.year[i]) * 10_000 + (byProvince ? (r < 0 ? other : slot[r]) : 0), default: []].append(i)
        }
        var parts: [String: [Int]] = [:]
        for (k, rows) in partRows { parts["year=\(k / 10_000)" + (byProvince ? "/province=\(folders[k % 10_000])" : "")] = rows }
        let sources = sources(t, options: options)
        var written: [(path: String, rows: Int)] = []
        for key in parts.keys.sorted() {
            let rows = parts[key]!
            let path = "\(key)/\(name)"
            try writeFile(columns(sources, rows: rows), path: path, under: dir, tool: tool)
            written.append((path, rows.count))
        }
        return written
    }
}

extension CanonicalExport {
    /// The folder of the exported inspection records, under the export's:
    /// underscored, so that Spark reading the sampling records' folder skips it.
    public static let inspectionsFolder = "_inspections"
    /// The folder of the exported enterprise register (the population of licensed-enterprise coverage).
    public static let registerFolder = "_register"

    /// Writes one Parquet file at `path` under `dir`, making its folder.
    static func writeFile(_ columns: [ParquetWriter.Column], path: String, under dir: String, tool: String) throws {
        let file = (dir as NSString).appendingPathComponent(path)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(ParquetWriter.file(columns, createdBy: tool)).write(to: URL(fileURLWithPath: file), options: .atomic)
    }

    /// The code of the region `level` up from `region` (itself at its own level), nil where there is none.
    static func code(_ regions: RegionTable, _ region: Int32, at level: RegionLevel) -> String? {
        regions.ancestor(of: region, at: level).map { regions[$0].code }
    }

    /// The enterprise register as one Parquet file (`_register/NAME`): each
    /// enterprise with its region and the city and province it rolls up to, and whether it is licensed.
    public static func writeRegister(_ register: [RegisteredEnterprise], regions: RegionTable, to dir: String, name: String,
                                     tool: String) throws -> (path: String, rows: Int) {
        func up(_ e: RegisteredEnterprise, _ level: RegionLevel) -> String? { code(regions, e.region, at: level) }
        let columns: [ParquetWriter.Column] = [
            .init("enterprise", .string(register.map(\.enterprise)), optional: false),
            .init("region_code", .string(register.map { regions[$0.region].code }), optional: false),
            .init("city_code", .string(register.map { up($0, .city) })),
            .init("province_code", .string(register.map { up($0, .province) })),
            .init("licensed", .bool(register.map(\.licensed))),
        ]
        let path = "\(registerFolder)/\(name)"
        try writeFile(columns, path: path, under: dir, tool: tool)
        return (path, register.count)
    }

    /// Inspection records as Parquet by year (`_inspections/year=2020/NAME`):
    /// each with the region it was recorded in and the county, city and
    /// province that region rolls up to (from the region table, as for
    /// sampling results), enums as their ids. Returns each file written (relative path) and its rows.
    public static func writeInspections(_ records: [InspectionRecord], regions: RegionTable, to dir: String, name: String,
                                        tool: String) throws -> [(path: String, rows: Int)] {
        var byYear: [Int: [InspectionRecord]] = [:]
        for r in records { byYear[r.year, default: []].append(r) }
        func up(_ r: InspectionRecord, _ level: RegionLevel) -> String? { code(regions, r.region, at: level) }
        var written: [(path: String, rows: Int)] = []
        for year in byYear.keys.sorted() {
            let rows = byYear[year]!
            let columns: [ParquetWriter.Column] = [
                .init("inspection_id", .string(rows.map(\.id)), optional: false),
                .init("inspection_date", .date(rows.map(\.day))),
                .init("year", .int32(rows.map { Int32($0.year) }), optional: false),
                .init("region_code", .string(rows.map { regions[$0.region].code }), optional: false),
                .init("county_code", .string(rows.map { up($0, .county) })),
                .init("city_code", .string(rows.map { up($0, .city) })),
                .init("province_code", .string(rows.map { up($0, .province) })),
                .init("township", .string(rows.map(\.township))),
                .init("enterprise", .string(rows.map(\.enterprise)), optional: false),
                .init("inspection_type", .string(rows.map { $0.type?.id })),
                .init("licensed", .bool(rows.map(\.licensed))),
                .init("risk_class", .string(rows.map(\.riskClass))),
                .init("hazards_found", .int32(rows.map { $0.hazardsFound.map(Int32.init) })),
                .init("hazards_rectified", .int32(rows.map { $0.hazardsRectified.map(Int32.init) })),
                .init("outcome", .string(rows.map { $0.outcome?.id })),
            ]
            let path = "\(inspectionsFolder)/year=\(year)/\(name)"
            try writeFile(columns, path: path, under: dir, tool: tool)
            written.append((path, rows.count))
        }
        return written
    }
}
