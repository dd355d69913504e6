import Foundation
import QualityData
import Yams

/// Order of day, month and year in dates written with separators.
public enum DateOrder: String, Sendable {
    /// Year first when it has four digits; `D/M/Y` or `M/D/Y` only when unambiguous.
    case auto
    case ymd = "YMD", mdy = "MDY", dmy = "DMY"

    public init?(format: String) {
        let letters = format.uppercased().filter { "YMD".contains($0) }
        var order = ""
        for c in letters where order.last != c { order.append(c) }
        switch order {
        case "YMD": self = .ymd
        case "MDY": self = .mdy
        case "DMY": self = .dmy
        case "", "AUTO": self = .auto
        default: return nil
        }
    }
}

/// How region values are understood.
public enum RegionScheme: String, Sendable {
    /// GB/T 2260 codes and names, rolled up county → city → province.
    case gb2260
    /// Free codes (e.g. ZIP codes): kept as given, no hierarchy.
    case free
}

/// How a source's layout maps onto the canonical columns and values.
///
/// The built-in Chinese and English aliases are one `Mapping`
/// (``builtIn``); a user's file is merged on top of it, so both go through
/// the same code. Keys are compared after trimming and lower-casing.
public struct Mapping: Sendable {
    /// Normalised header text → canonical column.
    public var headers: [String: SamplingColumn] = [:]
    /// Canonical column → normalised raw value → canonical value id.
    public var values: [SamplingColumn: [String: String]] = [:]
    /// Values used when a column is absent or empty.
    public var defaults: [SamplingColumn: String] = [:]
    public var dateOrder: DateOrder = .auto
    public var encoding: TextEncoding?
    public var separator: UInt8?
    public var regionScheme: RegionScheme = .gb2260
    /// Each row is its own batch, identified by file and line.
    public var batchIdFromLine = false
    /// Pass or fail from a numeric column instead of a result column.
    public var resultRule: ScoreRule?
    /// Whether `enterprise_code` holds Chinese unified social credit codes
    /// (GB 32100, check digit validated and counted when invalid) or other
    /// identifiers (`enterprise_codes: free`: foreign licence numbers, kept as given).
    public var creditCodes = true
    public var name = "built-in"

    public init() {}

    public static func normalise(_ s: String) -> String { s.trimmingSpaces.lowercased() }

    /// Canonical column names and the Chinese aliases of inputs.md §1.
    public static let builtIn: Mapping = {
        var m = Mapping()
        for spec in SamplingSchema.columns {
            m.headers[spec.name] = spec.column
            for a in spec.aliases { m.headers[normalise(a)] = spec.column }
            guard !spec.values.isEmpty else { continue }
            var map: [String: String] = [:]
            for v in spec.values { for r in v.aliases { map[normalise(r)] = v.id } }
            m.values[spec.column] = map
        }
        return m
    }()

    /// This mapping with `user` laid on top (user entries win).
    public func merged(with user: Mapping) -> Mapping {
        var m = self
        m.headers.merge(user.headers) { _, new in new }
        for (col, map) in user.values { m.values[col, default: [:]].merge(map) { _, new in new } }
        m.defaults.merge(user.defaults) { _, new in new }
        if user.dateOrder != .auto { m.dateOrder = user.dateOrder }
        if let e = user.encoding { m.encoding = e }
        if let s = user.separator { m.separator = s }
        m.regionScheme = user.regionScheme
        m.batchIdFromLine = user.batchIdFromLine
        m.resultRule = user.resultRule
        m.creditCodes = user.creditCodes
        m.name = user.name
        return m
    }

    /// Loads a user mapping file (YAML; JSON is valid YAML too).
    ///
    /// ```yaml
    /// name: Chicago food inspections
    /// date_format: M/D/YYYY
    /// regions: free            # ZIP codes, no GB/T 2260 roll-up
    /// batch_id: line           # no batch id column: each row is a batch
    /// columns:                 # source header: canonical column
    ///   zip_code: region_code
    ///   inspection_date: sample_date
    ///   results: result
    /// values:
    ///   result: { "Pass w/ Conditions": pass, "Out of Business": excluded }
    /// defaults:
    ///   level: municipal
    ///   product_name: food establishment
    /// ```
    public static func load(path: String) throws -> Mapping {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw IngestError.mapping(path: path, reason: "cannot read the file as UTF-8 text")
        }
        return try parse(yaml: text, path: path)
    }

    public static func parse(yaml text: String, path: String = "<mapping>") throws -> Mapping {
        let node: Any?
        do { node = try Yams.load(yaml: text) } catch {
            throw IngestError.mapping(path: path, reason: "not valid YAML: \(error)")
        }
        guard let root = node as? [String: Any] else {
            throw IngestError.mapping(path: path, reason: "expected a mapping of keys at the top level")
        }
        func fail(_ key: String, _ why: String) -> IngestError { .mapping(path: path, reason: "key '\(key)': \(why)") }
        func column(_ name: String, key: String) throws -> SamplingColumn {
            guard let c = SamplingColumn(rawValue: normalise(name)) else {
                throw fail(key, "'\(name)' is not a canonical column (\(SamplingColumn.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return c
        }
        var m = Mapping()
        let known: Set<String> = ["name", "encoding", "separator", "date_format", "regions", "batch_id", "columns", "values", "defaults",
                                  "result", "enterprise_codes"]
        for key in root.keys.sorted() where !known.contains(key) {
            throw fail(key, "unknown key (expected one of \(known.sorted().joined(separator: ", ")))")
        }
        if let n = root["name"] { m.name = "\(n)" }
        if let e = root["encoding"] {
            guard let enc = TextEncoding(name: "\(e)") else { throw fail("encoding", "'\(e)' is not utf-8 or gb18030") }
            m.encoding = enc
        }
        if let s = root["separator"] {
            let str = "\(s)"
            switch str {
            case ",", "comma": m.separator = 0x2C
            case "\t", "\\t", "tab": m.separator = 0x09
            case ";", "semicolon": m.separator = 0x3B
            case "auto": m.separator = nil
            default: throw fail("separator", "'\(str)' is not one of ',', '\\t', ';', auto")
            }
        }
        if let d = root["date_format"] {
            guard let o = DateOrder(format: "\(d)") else { throw fail("date_format", "'\(d)' is not a YMD, MDY or DMY order") }
            m.dateOrder = o
        }
        if let r = root["regions"] {
            guard let s = RegionScheme(rawValue: "\(r)") else { throw fail("regions", "'\(r)' is not gb2260 or free") }
            m.regionScheme = s
        }
        if let b = root["batch_id"] {
            guard "\(b)" == "line" || "\(b)" == "column" else { throw fail("batch_id", "'\(b)' is not 'line' or 'column'") }
            m.batchIdFromLine = "\(b)" == "line"
        }
        if let r = root["result"] {
            guard let d = r as? [String: Any], let c = d["column"], let p = d["pass_if"], d.count == 2 else {
                throw fail("result", "expected {column: SOURCE HEADER, pass_if: \">= 70\"}")
            }
            guard let rule = ScoreRule(column: "\(c)", passIf: "\(p)") else {
                throw fail("result.pass_if", "'\(p)' is not a comparison (>=, >, <=, < or =) with a number, e.g. \">= 70\"")
            }
            m.resultRule = rule
        }
        if let e = root["enterprise_codes"] {
            switch "\(e)" {
            case "credit": m.creditCodes = true
            case "free": m.creditCodes = false
            default: throw fail("enterprise_codes", "'\(e)' is not 'credit' (GB 32100 codes, checked) or 'free' (other identifiers)")
            }
        }
        if let cols = root["columns"] {
            guard let dict = cols as? [String: Any] else { throw fail("columns", "expected 'source header: canonical column' pairs") }
            for (header, canon) in dict { m.headers[normalise(header)] = try column("\(canon)", key: "columns.\(header)") }
        }
        if let vals = root["values"] {
            guard let dict = vals as? [String: Any] else { throw fail("values", "expected 'column: {raw: value}' maps") }
            for (col, inner) in dict {
                let c = try column(col, key: "values.\(col)")
                guard let pairs = inner as? [AnyHashable: Any] else { throw fail("values.\(col)", "expected 'raw value: canonical value' pairs") }
                var map: [String: String] = [:]
                for (raw, target) in pairs {
                    let id = "\(target)"
                    if let allowed = Mapping.allowedValues[c], !allowed.contains(id) {
                        throw fail("values.\(col).\(raw)", "'\(id)' is not one of \(allowed.sorted().joined(separator: ", "))")
                    }
                    map[normalise("\(raw)")] = id
                }
                m.values[c] = map
            }
        }
        if let defs = root["defaults"] {
            guard let dict = defs as? [String: Any] else { throw fail("defaults", "expected 'column: value' pairs") }
            for (col, value) in dict { m.defaults[try column(col, key: "defaults.\(col)")] = "\(value)" }
        }
        return m
    }

    /// Canonical value ids of the enum columns.
    public static let allowedValues: [SamplingColumn: Set<String>] = Dictionary(uniqueKeysWithValues:
        SamplingSchema.columns.filter { !$0.values.isEmpty }.map { ($0.column, Set($0.values.map(\.id))) })
}
