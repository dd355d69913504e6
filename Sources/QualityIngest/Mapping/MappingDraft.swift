import Foundation
import QualityData

/// A mapping file drafted from a file's header and values (`qindex mapping
/// FILE…`), as DuckDB's CSV sniffer drafts a table's types: the encoding and
/// separator detected, each header matched to a column (by its name, else by
/// the values under it), and the values of each enumerated column with what
/// they are taken to mean — `TODO` where it cannot tell. The user edits the
/// TODOs and runs the report with it; a mapping with a TODO left is refused
/// with its line.
public struct MappingDraft: Sendable {
    /// A header and what it is taken to be.
    public struct Header: Sendable {
        public let name: String
        /// A canonical column, `ignore`, or nil (TODO).
        public var column: String?
        public var why: Bilingual
        /// The most frequent values under it (value, rows).
        public let examples: [(String, Int)]
    }
    /// A value of an enumerated column the built-in names do not know.
    public struct Value: Sendable {
        public let column: SamplingColumn
        public let raw: String
        public let rows: Int
        /// A canonical value id, or nil (TODO).
        public let proposal: String?
        public let why: Bilingual
    }

    public var files: [String] = []
    /// Each file's detected encoding (detection runs per file when the report reads them).
    public var encodings: [String] = []
    public var separator: UInt8 = 0x2C
    public var rows = 0
    public var headers: [Header] = []
    public var values: [Value] = []
    /// Values the built-in names already read, per column (value → id, rows), for the comments.
    public var known: [SamplingColumn: [(String, String, Int)]] = [:]
    /// Region names no division of the table has (name, rows).
    public var unresolvedRegions: [(String, Int)] = []

    /// Distinct values kept per header (the rest are only counted).
    static let distinctLimit = 20_000

    /// Reads the files (their first `maxRows` rows each) and drafts the mapping.
    public static func draft(paths: [String], encoding forced: TextEncoding?, regions: RegionTable, maxRows: Int = 1_000_000) throws -> MappingDraft {
        var d = MappingDraft()
        d.files = paths
        var order: [String] = []
        var columns: [String: Tally] = [:]
        for path in paths {
            let input = try TextInput(path: path, encoding: forced)
            d.encodings.append(input.encoding.rawValue)
            let sep = input.peek { CSVTokenizer.sniffSeparator($0) }
            d.separator = sep
            var header: [String]?
            var read = 0
            var scratch: [UInt8] = []
            try CSVTokenizer(input: input, separator: sep).forEachRecord { rec in
                if header == nil {
                    if rec.isBlank { return }
                    header = (0..<rec.count).map { FieldNormaliser.normalise(FieldBytes.string(FieldBytes.trim(rec.rawBytes($0))), .text) }
                    for h in header! where columns[h] == nil { order.append(h); columns[h] = Tally() }
                    return
                }
                guard read < maxRows, !rec.isBlank else { return }
                read += 1
                for (i, h) in header!.enumerated() where i < rec.count {
                    let raw = FieldBytes.trim(rec.rawBytes(i))
                    guard raw.count > 0, UTF8Check.isValid(raw) else { continue }
                    let text: String
                    if rec.fields[i].escaped {
                        unescapeQuotes(raw, into: &scratch)
                        text = String(decoding: scratch, as: UTF8.self)
                    } else {
                        text = FieldBytes.string(raw)
                    }
                    columns[h]!.add(FieldNormaliser.normalise(text.trimmingSpaces, .text))
                }
            }
            d.rows += read
        }
        // A repeated header line is not data.
        for h in order { columns[h]!.counts[h] = nil }
        d.classify(order.map { ($0, columns[$0]!) }, regions: regions)
        return d
    }

    /// Values seen under one header.
    struct Tally {
        var counts: [String: Int] = [:]
        var nonEmpty = 0
        mutating func add(_ v: String) {
            nonEmpty += 1
            if counts[v] != nil || counts.count < MappingDraft.distinctLimit { counts[v, default: 0] += 1 }
        }
        var sorted: [(String, Int)] { counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) } }
        /// The share of rows whose value satisfies `test`.
        func share(_ test: (String) -> Bool) -> Double {
            let total = counts.values.reduce(0, +)
            return total == 0 ? 0 : Double(counts.filter { test($0.key) }.values.reduce(0, +)) / Double(total)
        }
    }

    // MARK: headers

    private mutating func classify(_ tallies: [(String, Tally)], regions: RegionTable) {
        var taken: [SamplingColumn: String] = [:]
        let builtIn = Mapping.builtIn
        // Names first: a header the built-in aliases know is that column.
        var pending: [(String, Tally)] = []
        for (h, t) in tallies {
            if let c = builtIn.headers[Mapping.normalise(h)] {
                if let first = taken[c] {
                    headers.append(Header(name: h, column: "ignore", why: Bilingual("也是 \(c.rawValue)；读取的是前一列“\(first)”", "also \(c.rawValue); the earlier header \"\(first)\" is read"),
                                          examples: Array(t.sorted.prefix(3))))
                } else {
                    taken[c] = h
                    headers.append(Header(name: h, column: c.rawValue, why: Bilingual("内置的列名", "a built-in name"), examples: Array(t.sorted.prefix(3))))
                }
            } else {
                headers.append(Header(name: h, column: nil, why: Bilingual("", ""), examples: Array(t.sorted.prefix(3))))
                pending.append((h, t))
            }
        }
        // Then values: what the column holds.
        for (h, t) in pending {
            let guess = Self.guess(header: h, t, regions: regions, taken: taken)
            let i = headers.firstIndex { $0.name == h }!
            if let c = guess.column { taken[c] = h; headers[i].column = c.rawValue } else { headers[i].column = guess.ignore ? "ignore" : nil }
            headers[i].why = guess.why
        }
        // The values of every enumerated column.
        for (h, t) in tallies {
            guard let name = headers.first(where: { $0.name == h })?.column, let c = SamplingColumn(rawValue: name), taken[c] == h else { continue }
            if !c.spec.values.isEmpty { proposeValues(c, t, regions: regions) }
            if [.regionName, .provinceName, .cityName, .countyName].contains(c) {
                unresolvedRegions += t.sorted.filter { v in
                    if case .unknown = regions.match(name: v.0) { return regions.index(ofCode: v.0) == nil }
                    return false
                }.prefix(20)
            }
        }
    }

    static func guess(header h: String, _ t: Tally, regions: RegionTable, taken: [SamplingColumn: String])
        -> (column: SamplingColumn?, why: Bilingual, ignore: Bool) {
        let g = guessColumn(header: h, t, regions: regions, taken: taken)
        return (g.column, g.why, g.ignore)
    }

    static func guessColumn(header h: String, _ t: Tally, regions: RegionTable, taken: [SamplingColumn: String])
        -> (column: SamplingColumn?, why: Bilingual, ignore: Bool) {
        func free(_ c: SamplingColumn) -> Bool { taken[c] == nil }
        let dates = DateParser()
        if t.nonEmpty == 0 { return (nil, Bilingual("列中没有值：写 ignore 或一个字段名", "no values: ignore it, or name a column"), ignore: false) }
        // A row counter (序号): whole numbers from about 1, mostly each once (files each
        // counting from 1 repeat them), or so named.
        let numbers = t.counts.keys.compactMap { $0.count <= 7 && $0.allSatisfy(\.isNumber) ? Int($0) : nil }
        let counterName = ["序号", "行号", "序", "no", "no.", "#"].contains(h.lowercased())
        if numbers.count == t.counts.count, let low = numbers.min(), low <= 10, counterName || t.counts.count * 3 >= t.nonEmpty {
            return (nil, Bilingual("行号（序号）：不是数据", "a row number: not data"), ignore: true)
        }
        if free(.enterpriseCode), t.share({ CreditCode.isValid(FieldNormaliser.normalise($0, .code)) }) >= 0.9 {
            return (.enterpriseCode, Bilingual("值为统一社会信用代码（校验位正确）", "the values are unified social credit codes (check digits right)"), ignore: false)
        }
        if t.share({ isYear($0) }) >= 0.9 && free(.year) {
            return (.year, Bilingual("值为年份", "the values are years"), ignore: false)
        }
        if t.share({ isDate($0, dates) }) >= 0.9 {
            if free(.sampleDate) { return (.sampleDate, Bilingual("值为日期", "the values are dates"), ignore: false) }
            if free(.retestDate) { return (.retestDate, Bilingual("值为日期（抽样日期已有）", "the values are dates (the sampling date is taken)"), ignore: false) }
        }
        if free(.regionCode), t.share({ $0.count == 6 && $0.allSatisfy(\.isNumber) && regions.index(ofCode: $0) != nil }) >= 0.9 {
            return (.regionCode, Bilingual("值为行政区划代码", "the values are GB/T 2260 codes"), ignore: false)
        }
        // Region names: the level most of them have.
        var levels: [RegionLevel: Int] = [:]
        var resolved = 0, total = 0
        for (v, n) in t.counts {
            total += n
            switch regions.match(name: v) {
            case .found(let i): levels[regions[i].level, default: 0] += n; resolved += n
            case .ambiguous(let codes): levels[regions[regions.index(ofCode: codes[0])!].level, default: 0] += n; resolved += n
            case .unknown: break
            }
        }
        if total > 0, Double(resolved) / Double(total) >= 0.6,
           let top = levels.max(by: { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) })?.key {  // the wider level on a tie
            let c: SamplingColumn = top == .province ? .provinceName : top == .city ? .cityName : .countyName
            if free(c) {
                return (c, Bilingual("值为\(top == .province ? "省级" : top == .city ? "地市级" : "县级")行政区划名称", "the values are \(top.id) names"), ignore: false)
            }
        }
        // An enumerated column whose built-in values it mostly holds.
        for c in [SamplingColumn.result, .level, .channel, .enterpriseSize, .followUp, .retestResult] where free(c) {
            let map = Mapping.builtIn.values[c] ?? [:]
            if t.share({ map[Mapping.normalise($0)] != nil }) >= 0.5 {
                return (c, Bilingual("多数值是 \(c.rawValue) 的取值", "most values are values of \(c.rawValue)"), ignore: false)
            }
        }
        // (Industry codes have a division's two digits at least: a column with 1 … 9 is no industry code.)
        if free(.industryCode), t.share({ isIndustryCode(FieldNormaliser.normalise($0, .code)) }) >= 0.9, !t.counts.keys.contains(where: { $0.count < 2 }) {
            return (.industryCode, Bilingual("值为国民经济行业代码（GB/T 4754）", "the values are GB/T 4754 industry codes"), ignore: false)
        }
        let distinct = Double(t.counts.count) / Double(max(1, t.nonEmpty))
        let idWords = ["编号", "单号", "编码", "批号", "号码", "id", "no."]
        if free(.batchId), distinct >= 0.5, idWords.contains(where: { h.lowercased().contains($0) }) {
            return (.batchId, Bilingual("名称像编号，值几乎各不相同（同一批次的多行共用一个）：请确认", "named like an id and its values nearly all differ (the rows of one batch share one): check it"), ignore: false)
        }
        let examples = t.sorted.prefix(3).map { "\($0.0) ×\($0.1)" }.joined(separator: ", ")
        return (nil, Bilingual("不认识：写一个字段名，或 ignore（取值如 \(examples)）", "not recognised: name a column, or ignore it (values such as \(examples))"), ignore: false)
    }

    static func isYear(_ s: String) -> Bool {
        var t = Substring(s)
        if t.hasSuffix("年度") { t = t.dropLast(2) } else if t.hasSuffix("年") { t = t.dropLast() }
        guard t.count == 4, let y = Int(t) else { return false }
        return (1990...2100).contains(y)
    }

    /// A date as written in exports: with separators or 年月日, eight digits
    /// (20190305), or an Excel serial of 1990–2100 (32874–73415) — not any
    /// small whole number (a row counter parses as a serial).
    static func isDate(_ v: String, _ dates: DateParser) -> Bool {
        guard case .success = dates.parse(v), !isYear(v) else { return false }
        guard v.allSatisfy({ $0.isASCII && $0.isNumber }) else { return true }
        return v.count == 8 || (Int(v).map { (32874...73415).contains($0) } ?? false)
    }

    static func isIndustryCode(_ s: String) -> Bool {
        var u = Substring(s)
        if let f = u.first, f >= "A", f <= "T" { u = u.dropFirst() }
        return (2...4).contains(u.count) && u.allSatisfy { $0.isASCII && $0.isNumber }
    }

    // MARK: values

    private mutating func proposeValues(_ c: SamplingColumn, _ t: Tally, regions: RegionTable) {
        let map = Mapping.builtIn.values[c] ?? [:]
        for (v, n) in t.sorted {
            if let id = map[Mapping.normalise(v)] { known[c, default: []].append((v, id, n)); continue }
            let (id, why) = Self.propose(c, v, regions: regions)
            values.append(Value(column: c, raw: v, rows: n, proposal: id, why: why))
        }
    }

    static func propose(_ c: SamplingColumn, _ v: String, regions: RegionTable) -> (String?, Bilingual) {
        func has(_ words: String...) -> Bool { words.contains { v.contains($0) } }
        switch c {
        case .result:
            if has("复检", "复验") && has("不合格") {
                if let r = v.range(of: "复检") ?? v.range(of: "复验") {
                    let after = String(v[r.upperBound...])
                    if after.contains("不合格") || after.contains("维持") { return ("fail_retest_fail", Bilingual("不合格，复检仍不合格", "failed, and failed again on re-test")) }
                    if after.contains("合格") { return ("fail_retest_pass", Bilingual("不合格，复检合格", "failed, passed on re-test")) }
                }
            }
            if has("不合格", "不符合") { return ("fail", Bilingual("含“不合格”", "says 不合格 (failed)")) }
            if has("拒") { return ("refused", Bilingual("拒绝抽样", "refused")) }
            if has("无证", "无照") { return ("unlicensed", Bilingual("无证", "unlicensed")) }
            if has("撤销") { return ("revoked", Bilingual("撤销", "revoked")) }
            if has("未检", "不予检验") { return ("untested", Bilingual("未检验", "not tested")) }
            if has("合格", "符合") { return ("pass", Bilingual("含“合格”", "says 合格 (passed)")) }
            return (nil, Bilingual("不能判断；若这批未检验（无此产品、停产等），写 excluded：计入抽样批次，不计入检验批次", "cannot tell; if the batch was not tested (no such product, production stopped …), excluded: sampled, not in the denominator"))
        case .level:
            if has("国家", "总局", "国抽") { return ("national", Bilingual("国家级", "national")) }
            var place = v
            for suffix in ["市场监督管理局", "市场监管局", "质量技术监督局", "质监局", "监督抽查", "抽查", "本级"] where place.hasSuffix(suffix) {
                place = String(place.dropLast(suffix.count))
            }
            if case .found(let i) = regions.match(name: place) {
                switch regions[i].level {
                case .province: return ("provincial", Bilingual("\(place) 是省级", "\(place) is a province"))
                case .city: return ("municipal", Bilingual("\(place) 是地市", "\(place) is a city"))
                case .county: return ("county", Bilingual("\(place) 是县区", "\(place) is a county"))
                default: break
                }
            }
            if has("省", "自治区") { return ("provincial", Bilingual("省级", "provincial")) }
            if has("县", "区") { return ("county", Bilingual("县级", "county")) }
            if has("市") { return ("municipal", Bilingual("市级", "municipal")) }
            return (nil, Bilingual("不能判断抽查级别", "cannot tell the level"))
        case .channel:
            if has("网", "电商", "线上") { return ("ecommerce", Bilingual("电子商务", "e-commerce")) }
            if has("生产", "工厂", "企业") { return ("production", Bilingual("生产环节", "production")) }
            if has("流通", "销售", "市场", "超市", "商场", "商店", "经营") { return ("distribution", Bilingual("流通环节", "distribution")) }
            return (nil, Bilingual("不能判断抽样环节", "cannot tell the channel"))
        case .enterpriseSize:
            if has("大") { return ("large", Bilingual("大型", "large")) }
            if has("中") { return ("medium", Bilingual("中型", "medium")) }
            if has("小") { return ("small", Bilingual("小型", "small")) }
            if has("微") { return ("micro", Bilingual("微型", "micro")) }
            return (nil, Bilingual("不能判断企业规模", "cannot tell the size"))
        case .followUp:
            if has("否", "不", "无") { return ("no", Bilingual("否", "no")) }
            if has("是", "跟踪", "复查") { return ("yes", Bilingual("是", "yes")) }
            return (nil, Bilingual("不能判断", "cannot tell"))
        case .retestResult:
            if has("不合格", "维持") { return ("fail", Bilingual("复检不合格", "upheld")) }
            if has("合格", "撤销", "改判") { return ("pass", Bilingual("复检合格", "overturned")) }
            return (nil, Bilingual("不能判断复检结论", "cannot tell the re-test's result"))
        default:
            return (nil, Bilingual("不能判断", "cannot tell"))
        }
    }

    // MARK: the YAML

    /// The places a person must decide (TODO in the YAML).
    public var todoCount: Int { headers.filter { $0.column == nil }.count + values.filter { $0.proposal == nil }.count }

    /// A YAML string in double quotes.
    static func q(_ s: String) -> String {
        // YAML's double-quoted escapes: a control character from the file is
        // written as \uXXXX, so the draft reads back the same and never
        // reaches a terminal raw.
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case _ where u.value < 0x20 || u.value == 0x7F || (0x80..<0xA0).contains(u.value):
                out += "\\u" + String(format: "%04X", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// The draft as a mapping file, its comments in `lang`.
    public func yaml(_ lang: Language) -> String {
        let zh = lang == .zh
        let names = files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
        let sep = separator == 0x09 ? "\\t" : String(UnicodeScalar(separator))
        var out: [String] = []
        let todo = todoCount
        out.append(zh ? "# qindex mapping：\(names) 的映射文件草稿（读取 \(rows) 行）" : "# qindex mapping: a draft mapping for \(names) (\(rows) rows read)")
        out.append(zh ? "# 请检查每一行，把 \(todo) 处 TODO 改为它的含义（docs/mapping.md），然后：qindex report 文件 --mapping 本文件"
                      : "# Check each line and replace the \(todo) TODOs with what they mean (docs/mapping.md), then: qindex report FILE --mapping THIS-FILE")
        let first = ((files.first ?? "export") as NSString).lastPathComponent
        out.append("name: \(Self.q(files.count > 1 ? (zh ? "\(first) 等 \(files.count) 个文件" : "\(first) and \(files.count - 1) more") : first))")
        // No encoding key: the report detects each file's encoding (a key would force one on every file).
        let detected = zip(files, encodings).map { "\(($0.0 as NSString).lastPathComponent) \($0.1)" }.joined(separator: ", ")
        out.append(zh ? "# 编码（逐个文件自动识别，无需写 encoding）：\(detected)" : "# encodings (detected file by file; no encoding key needed): \(detected)")
        out.append("separator: \(Self.q(sep))" + (zh ? "           # 自动识别" : "           # detected"))
        if !headers.contains(where: { $0.column == SamplingColumn.batchId.rawValue }) {
            out.append("batch_id: line           # " + (zh ? "没有批次编号列：每行一个批次（若有编号列，在 columns 里写 batch_id）"
                                                         : "no batch id column: each row is a batch (if a column is the id, map it to batch_id below)"))
        }
        out.append("columns:")
        for h in headers {
            let value = h.column ?? "TODO"
            out.append("  \(Self.q(h.name)): \(value)" + "    # " + h.why(lang))
        }
        let byColumn = Dictionary(grouping: values, by: \.column)
        if !byColumn.isEmpty || !known.isEmpty {
            out.append("values:")
            for c in SamplingColumn.allCases where byColumn[c] != nil || known[c] != nil {
                out.append("  \(c.rawValue):" + (byColumn[c] == nil ? " {}" : ""))
                if let k = known[c] {
                    let list = k.prefix(12).map { "\($0.0)→\($0.1) ×\($0.2)" }.joined(separator: ", ")
                    out.append("    # " + (zh ? "内置已识别：" : "already read: ") + list)
                }
                for v in byColumn[c] ?? [] {
                    out.append("    \(Self.q(v.raw)): \(v.proposal ?? "TODO")    # ×\(v.rows); " + v.why(lang))
                }
            }
        }
        if !unresolvedRegions.isEmpty {
            out.append(zh ? "# 区划代码表中没有的地区名称（可用 --regions 补充，见 docs/inputs.md §5）："
                          : "# region names no division of the region table has (add them with --regions, docs/inputs.md §5):")
            for (n, c) in unresolvedRegions { out.append("#   \(n) ×\(c)") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
