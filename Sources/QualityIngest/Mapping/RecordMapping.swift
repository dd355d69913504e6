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
        let y = MappingYAML(path: path)
        let fail = y.fail, scalarText = y.text, pairs = { try y.pairs($0, $1) }
        let (_, top) = try y.top()
        let canonical = Set(schema.columns)
        func column(_ n: Node, _ key: String) throws -> String {
            let name = try scalarText(n, key)
            let c = Mapping.normalise(name)
            guard canonical.contains(c) else {
                let all = schema.columns.joined(separator: ", ")
                throw fail(n, key, "'\(name)' is not a column of \(schema.kind) (\(all))", "“\(name)”不是 \(schema.kind) 的字段（\(all)）")
            }
            return c
        }
        var m = RecordMapping()
        for (k, _) in top where !["name", "columns", "values", "defaults"].contains(k.string ?? "") {
            throw fail(k, k.string ?? "", "unknown key (expected name, columns, values, defaults)", "未知的键（应为 name、columns、values、defaults）")
        }
        if let n = top["name"] { m.name = try scalarText(n, "name") }
        if let n = top["columns"] {
            for (source, target) in try pairs(n, "columns") {
                m.headers[Mapping.normalise(source.scalar?.string ?? "")] = try column(target, "columns.\(source.scalar?.string ?? "")")
            }
        }
        if let n = top["values"] {
            for (cn, inner) in try pairs(n, "values") {
                let c = try column(cn, "values.\(cn.scalar?.string ?? "")")
                for (raw, value) in try pairs(inner, "values.\(c)") {
                    m.values[c, default: [:]][Mapping.normalise(raw.scalar?.string ?? "")] = try scalarText(value, "values.\(c).\(raw.scalar?.string ?? "")")
                }
            }
        }
        if let n = top["defaults"] {
            for (cn, value) in try pairs(n, "defaults") {
                let c = try column(cn, "defaults.\(cn.scalar?.string ?? "")")
                m.defaults[c] = try scalarText(value, "defaults.\(c)")
            }
        }
        return m
    }
}
