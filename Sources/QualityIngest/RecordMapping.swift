import Foundation
import QualityData
import Yams

/// A user mapping for a record kind other than sampling results: source
/// headers → canonical columns, and raw values → canonical values, in the
/// same YAML shape as sampling mappings (`columns:`, `values:`, `name:`).
///
/// ```yaml
/// name: County inspection export
/// columns:                  # source header: canonical column
///   检查单号: inspection_id
///   查处结果: outcome
/// values:
///   outcome: { 限期整改: rectification, 立案查处: penalty }
/// defaults:                 # one city's records: no region column
///   region_code: "450100"
/// ```
public struct RecordMapping: Sendable {
    public var name = "built-in"
    /// Normalised source header → canonical column.
    public var headers: [String: String] = [:]
    /// Canonical column → normalised raw value → canonical value.
    public var values: [String: [String: String]] = [:]
    /// Canonical column → the value used where the source has no such column or leaves it empty.
    public var defaults: [String: String] = [:]
    public init() {}

    public static func load(path: String, schema: RecordSchema) throws -> RecordMapping {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw IngestError.mapping(path: path, reason: "cannot read the file as UTF-8 text")
        }
        let node: Any?
        do { node = try Yams.load(yaml: text) } catch { throw IngestError.mapping(path: path, reason: "not valid YAML: \(error)") }
        guard let root = node as? [String: Any] else { throw IngestError.mapping(path: path, reason: "expected a mapping of keys at the top level") }
        func fail(_ key: String, _ why: String) -> IngestError { .mapping(path: path, reason: "key '\(key)': \(why)") }
        let canonical = Set(schema.columns)
        func column(_ name: String, _ key: String) throws -> String {
            let c = Mapping.normalise(name)
            guard canonical.contains(c) else { throw fail(key, "'\(name)' is not a column of \(schema.kind) (\(schema.columns.joined(separator: ", ")))") }
            return c
        }
        var m = RecordMapping()
        for key in root.keys.sorted() where !["name", "columns", "values", "defaults"].contains(key) {
            throw fail(key, "unknown key (expected name, columns, values, defaults)")
        }
        if let n = root["name"] { m.name = "\(n)" }
        if let cols = root["columns"] {
            guard let d = cols as? [String: Any] else { throw fail("columns", "expected a mapping of source header: canonical column") }
            for (source, target) in d { m.headers[Mapping.normalise(source)] = try column("\(target)", "columns.\(source)") }
        }
        if let vals = root["values"] {
            guard let d = vals as? [String: Any] else { throw fail("values", "expected a mapping of column: {raw: canonical}") }
            for (col, mapping) in d {
                let c = try column(col, "values.\(col)")
                guard let pairs = mapping as? [String: Any] else { throw fail("values.\(col)", "expected a mapping of raw value: canonical value") }
                for (raw, value) in pairs { m.values[c, default: [:]][Mapping.normalise(raw)] = "\(value)" }
            }
        }
        if let defs = root["defaults"] {
            guard let d = defs as? [String: Any] else { throw fail("defaults", "expected a mapping of column: value") }
            for (col, value) in d { m.defaults[try column(col, "defaults.\(col)")] = "\(value)" }
        }
        return m
    }
}
