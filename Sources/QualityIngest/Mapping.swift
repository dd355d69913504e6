import Foundation
import QualityData
import Yams

/// Canonical columns of sampling results (inputs.md §1).
public enum SamplingColumn: String, CaseIterable, Sendable {
    case batchId = "batch_id", sampleDate = "sample_date", year, level
    case regionCode = "region_code", regionName = "region_name"
    case enterpriseCode = "enterprise_code", enterpriseName = "enterprise_name", enterpriseSize = "enterprise_size"
    case industryCode = "industry_code", productCode = "product_code", productName = "product_name"
    case channel, result, failedItems = "failed_items"
    case samplingAgency = "sampling_agency", testingAgency = "testing_agency", followUp = "follow_up"
}

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
        let aliases: [SamplingColumn: [String]] = [
            .batchId: ["抽样单编号", "抽样编号", "样品编号"],
            .sampleDate: ["抽样日期", "监督抽查时间", "抽查日期"],
            .year: ["年度", "年份"],
            .level: ["抽查级别", "抽查类别", "任务来源"],
            .regionCode: ["行政区划代码", "所在地区代码"],
            .regionName: ["所属地市", "所在地区", "被抽样单位所在省份"],
            .enterpriseCode: ["统一社会信用代码", "信用代码"],
            .enterpriseName: ["受检单位", "受检单位名称", "被抽样单位名称", "生产企业名称", "标称生产企业名称", "企业名称"],
            .enterpriseSize: ["企业规模"],
            .industryCode: ["行业代码"],
            .productCode: ["产品代码", "产品类别代码"],
            .productName: ["产品名称", "样品名称", "食品名称"],
            .channel: ["抽样环节", "抽样场所"],
            .result: ["检验结论", "检验结果", "抽查结果", "结论"],
            .failedItems: ["不合格项目"],
            .samplingAgency: ["抽样机构", "抽样单位"],
            .testingAgency: ["承检机构", "检验机构"],
            .followUp: ["跟踪抽查", "是否复查"],
        ]
        for c in SamplingColumn.allCases {
            m.headers[c.rawValue] = c
            for a in aliases[c] ?? [] { m.headers[normalise(a)] = c }
        }
        let v: [SamplingColumn: [String: [String]]] = [
            .result: [
                "pass": ["合格", "p", "符合", "pass", "passed", "通过"],
                "fail": ["不合格", "f", "不符合", "fail", "failed"],
                "refused": ["拒检", "拒绝抽检", "拒绝抽样", "refused"],
                "unlicensed": ["无证", "无证无照", "无照", "unlicensed"],
                "untested": ["未检", "不予检验", "untested", "not tested"],
                "revoked": ["撤销", "revoked", "cancelled"],
                "excluded": ["excluded", "排除"],
            ],
            .level: [
                "national": ["national", "国家", "国抽", "国家监督抽查", "国家级"],
                "provincial": ["provincial", "province", "省级", "省抽", "省", "省级监督抽查"],
                "municipal": ["municipal", "city", "市级", "市抽", "市", "市级监督抽查"],
                "county": ["county", "县级", "县抽", "县", "区县", "县级监督抽查"],
            ],
            .channel: [
                "production": ["production", "生产", "生产环节", "生产领域"],
                "distribution": ["distribution", "流通", "流通环节", "流通领域", "销售"],
                "ecommerce": ["ecommerce", "e-commerce", "online", "电商", "网购", "电子商务", "网络销售"],
            ],
            .enterpriseSize: [
                "large": ["large", "大型", "大"],
                "medium": ["medium", "中型", "中"],
                "small": ["small", "小型", "小"],
                "micro": ["micro", "微型", "微"],
            ],
            .followUp: [
                "yes": ["是", "yes", "y", "1", "true", "跟踪", "复查"],
                "no": ["否", "no", "n", "0", "false"],
            ],
        ]
        for (col, byId) in v {
            var map: [String: String] = [:]
            for (id, raws) in byId { for r in raws { map[normalise(r)] = id } }
            m.values[col] = map
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
    public static let allowedValues: [SamplingColumn: Set<String>] = [
        .result: Set(SamplingOutcome.allCases.map(\.id)),
        .level: Set(SamplingLevel.allCases.map(\.id)),
        .channel: Set(SalesChannel.allCases.map(\.id)),
        .enterpriseSize: Set(EnterpriseSize.allCases.map(\.id)),
        .followUp: ["yes", "no"],
    ]
}
