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
    /// Headers the user's mapping names (`columns:`): two of them for one
    /// column is an error, where two built-in aliases only keep the first.
    public var userHeaders: Set<String> = []
    /// Headers a mapping says to leave out (`columns: {产品类别: ignore}`).
    public var ignoredHeaders: Set<String> = []
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

    /// Headers and values as they are compared: trimmed, normalised as text
    /// (NFKC, ``FieldNormaliser``) and lower-cased.
    public static func normalise(_ s: String) -> String { FieldNormaliser.normalise(s.trimmingSpaces, .text).lowercased() }

    /// Canonical column names and the Chinese aliases of inputs.md §1.
    public static let builtIn: Mapping = {
        var m = Mapping()
        for spec in SamplingSchema.columns {
            m.headers[spec.name] = spec.column
            for a in spec.aliases { m.headers[normalise(a)] = spec.column }
            guard !spec.values.isEmpty else { continue }
            var map: [String: String] = [:]
            for v in spec.values + (spec.column == .result ? SamplingSchema.resultsWithRetest : []) {
                for r in v.aliases { map[normalise(r)] = v.id }
            }
            m.values[spec.column] = map
        }
        return m
    }()

    /// This mapping with `user` laid on top (user entries win).
    public func merged(with user: Mapping) -> Mapping {
        var m = self
        m.headers.merge(user.headers) { _, new in new }
        m.userHeaders = user.userHeaders
        m.ignoredHeaders = user.ignoredHeaders
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
        try parse(yaml: nil, path: path)
    }

    /// The keys of a mapping file.
    static let keys = ["name", "encoding", "separator", "date_format", "regions", "batch_id", "columns", "values", "defaults", "result",
                       "enterprise_codes"]

    /// Parses mapping text (`yaml`), or the file at `path` when nil.
    public static func parse(yaml text: String?, path: String = "<mapping>") throws -> Mapping {
        let y = MappingYAML(path: path)
        let fail = y.fail
        let (root, top) = try y.top(text)
        // Every TODO left, named at once (a draft has several; fixing one a run is slow).
        var todos: [(Node, String)] = []
        func findTODO(_ n: Node, _ key: String) {
            if let m = n.mapping { for (k, v) in m { findTODO(v, key.isEmpty ? (k.string ?? "") : "\(key).\(k.string ?? "")") } }
            else if n.scalar?.string.trimmingSpaces == "TODO" { todos.append((n, key)) }
        }
        findTODO(root, "")
        if let (first, _) = todos.first {
            let en = todos.map { "line \($0.0.mark?.line ?? 0) \($0.1)" }.joined(separator: "; ")
            let zh = todos.map { "第 \($0.0.mark?.line ?? 0) 行 \($0.1)" }.joined(separator: "；")
            throw fail(first, todos.count == 1 ? todos[0].1 : "", "still TODO: replace each with what it means (docs/mapping.md), or remove the line: \(en)",
                       "仍是 TODO：请把每一处改为它的含义（见 docs/mapping.md），或删去该行：\(zh)")
        }
        /// A value still to be decided (`qindex mapping` writes TODO where it cannot tell).
        func scalar(_ n: Node, _ key: String) throws -> String {
            guard let s = n.scalar?.string else { throw fail(n, key, "expected a text value", "应为文本") }
            if s.trimmingSpaces == "TODO" {
                throw fail(n, key, "still TODO: replace it with what this means (docs/mapping.md), or remove the line",
                           "仍是 TODO：请改为它的含义（见 docs/mapping.md），或删去这一行")
            }
            return s
        }
        func column(_ n: Node, key: String) throws -> SamplingColumn {
            let name = try scalar(n, key)
            guard let c = SamplingColumn(rawValue: normalise(name)) else {
                let all = SamplingColumn.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail(n, key, "'\(name)' is not a canonical column (\(all), or ignore)", "“\(name)”不是规范字段名（\(all)，或 ignore）")
            }
            return c
        }
        let pairs = y.pairs
        var m = Mapping()
        for (k, _) in top where !keys.contains(k.string ?? "") {
            throw fail(k, k.string ?? "", "unknown key (expected one of \(keys.sorted().joined(separator: ", ")))",
                       "未知的键（应为 \(keys.sorted().joined(separator: "、")) 之一）")
        }
        if let n = top["name"] { m.name = try scalar(n, "name") }
        if let n = top["encoding"] {
            let e = try scalar(n, "encoding")
            guard let enc = TextEncoding(name: e) else { throw fail(n, "encoding", "'\(e)' is not utf-8 or gb18030", "“\(e)”不是 utf-8 或 gb18030") }
            m.encoding = enc
        }
        if let n = top["separator"] {
            let str = n.scalar?.string ?? ""
            switch str {
            case ",", "comma": m.separator = 0x2C
            case "\t", "\\t", "tab": m.separator = 0x09
            case ";", "semicolon": m.separator = 0x3B
            case "auto": m.separator = nil
            default: throw fail(n, "separator", "'\(str)' is not one of ',', '\\t', ';', auto", "“\(str)”不是 ','、'\\t'、';' 或 auto")
            }
        }
        if let n = top["date_format"] {
            let d = try scalar(n, "date_format")
            guard let o = DateOrder(format: d) else { throw fail(n, "date_format", "'\(d)' is not a YMD, MDY or DMY order", "“\(d)”不是 YMD、MDY 或 DMY 顺序") }
            m.dateOrder = o
        }
        if let n = top["regions"] {
            let r = try scalar(n, "regions")
            guard let s = RegionScheme(rawValue: r) else { throw fail(n, "regions", "'\(r)' is not gb2260 or free", "“\(r)”不是 gb2260 或 free") }
            m.regionScheme = s
        }
        if let n = top["batch_id"] {
            let b = try scalar(n, "batch_id")
            guard b == "line" || b == "column" else { throw fail(n, "batch_id", "'\(b)' is not 'line' or 'column'", "“\(b)”不是 line 或 column") }
            m.batchIdFromLine = b == "line"
        }
        if let n = top["result"] {
            let expected = ("{column: SOURCE HEADER, pass_if: \">= 70\"}", "{column: 源表头, pass_if: \">= 70\"}")
            guard let d = n.mapping, d.count == 2, let c = d["column"], let p = d["pass_if"] else {
                throw fail(n, "result", "expected \(expected.0)", "应为 \(expected.1)")
            }
            let test = try scalar(p, "result.pass_if")
            guard let rule = ScoreRule(column: try scalar(c, "result.column"), passIf: test) else {
                throw fail(p, "result.pass_if", "'\(test)' is not a comparison (>=, >, <=, < or =) with a number, e.g. \">= 70\"",
                           "“\(test)”不是与数值的比较（>=、>、<=、< 或 =），例如 \">= 70\"")
            }
            m.resultRule = rule
        }
        if let n = top["enterprise_codes"] {
            switch try scalar(n, "enterprise_codes") {
            case "credit": m.creditCodes = true
            case "free": m.creditCodes = false
            case let e:
                throw fail(n, "enterprise_codes", "'\(e)' is not 'credit' (GB 32100 codes, checked) or 'free' (other identifiers)",
                           "“\(e)”不是 credit（统一社会信用代码，校验）或 free（其他编号）")
            }
        }
        if let n = top["columns"] {
            for (h, c) in try pairs(n, "columns", "'source header: canonical column' pairs", "“源表头: 规范字段名”键值对") {
                let header = h.scalar?.string ?? ""
                let key = "columns.\(header)"
                if try scalar(c, key) == "ignore" { m.ignoredHeaders.insert(normalise(header)); continue }
                m.headers[normalise(header)] = try column(c, key: key)
                m.userHeaders.insert(normalise(header))
            }
        }
        if let n = top["values"] {
            for (cn, inner) in try pairs(n, "values", "'column: {raw: value}' maps", "“字段: {原值: 规范值}”映射") {
                let c = try column(cn, key: "values.\(cn.scalar?.string ?? "")")
                let key = "values.\(c.rawValue)"
                var map: [String: String] = [:]
                for (raw, target) in try pairs(inner, key, "'raw value: canonical value' pairs", "“原值: 规范值”键值对") {
                    let rawText = raw.scalar?.string ?? ""
                    let id = try scalar(target, "\(key).\(rawText)")
                    if let allowed = Mapping.allowedValues[c], !allowed.contains(id) {
                        let list = allowed.sorted().joined(separator: ", ")
                        throw fail(target, "\(key).\(rawText)", "'\(id)' is not one of \(list)", "“\(id)”不是 \(list) 之一")
                    }
                    map[normalise(rawText)] = id
                }
                m.values[c] = map
            }
        }
        if m.batchIdFromLine, let header = m.headers.first(where: { $0.value == .batchId })?.key {
            throw fail(top["batch_id"], "batch_id", "'line' makes every row its own batch, but columns maps \"\(header)\" to batch_id: remove one of the two",
                       "batch_id: line 让每行自成一个批次，但 columns 又把“\(header)”映射为 batch_id：请删去其中之一")
        }
        if let n = top["defaults"] {
            for (cn, v) in try pairs(n, "defaults", "'column: value' pairs", "“字段: 值”键值对") {
                let c = try column(cn, key: "defaults.\(cn.scalar?.string ?? "")")
                m.defaults[c] = try scalar(v, "defaults.\(c.rawValue)")
            }
        }
        return m
    }

    /// Canonical value ids of the enum columns.
    public static let allowedValues: [SamplingColumn: Set<String>] = Dictionary(uniqueKeysWithValues:
        SamplingSchema.columns.filter { !$0.values.isEmpty }.map {
            ($0.column, Set(($0.values + ($0.column == .result ? SamplingSchema.resultsWithRetest : [])).map(\.id)))
        })
}
