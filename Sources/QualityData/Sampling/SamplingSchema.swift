/// The columns of sampling results (监督抽查结果), declared once.
///
/// Each ``ColumnSpec`` names a canonical column, its header aliases, its
/// type, its role and labels, and — for a value kept per batch — the
/// ``SamplingTable`` column it is stored in. The built-in mapping (aliases
/// and value maps), row parsing of enum, text and date columns, the
/// builder's append/merge/gather, the snapshot sections and the labels of
/// breakdowns all read this list: a new column of an existing type is one
/// entry here plus its stored array in ``SamplingTable``.

/// Canonical columns of sampling results (inputs.md §1), in schema order.
public enum SamplingColumn: String, CaseIterable, Sendable {
    case batchId = "batch_id", sampleDate = "sample_date", year, level
    case regionCode = "region_code", regionName = "region_name"
    case provinceName = "province_name", cityName = "city_name", countyName = "county_name"
    case enterpriseCode = "enterprise_code", enterpriseName = "enterprise_name", enterpriseSize = "enterprise_size"
    case industryCode = "industry_code", productCode = "product_code", productName = "product_name"
    case channel, result, failedItems = "failed_items"
    case samplingAgency = "sampling_agency", testingAgency = "testing_agency", followUp = "follow_up"
    case retestResult = "retest_result", retestDate = "retest_date"
    case taskId = "task_id"

    /// Position in `allCases` (and in ``SamplingSchema/columns``), for
    /// array-indexed lookups on the hot path: a case without payload is
    /// stored as its declaration index (checked by `SamplingSchemaTests`).
    @inline(__always) public var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }

    public var spec: ColumnSpec { SamplingSchema.columns[ordinal] }

    /// An enum column's value ids in code order — the order tables list
    /// them in; [] for a column that is not an enum.
    public var ids: [String] { spec.values.sorted { $0.code < $1.code }.map(\.id) }
}

/// One accepted value of an enum column: its canonical id, the code stored
/// in the table, and the raw spellings that mean it.
public struct EnumValue: Sendable {
    public let id: String
    public let code: UInt8
    public let aliases: [String]
    public init(_ id: String, _ code: UInt8, _ aliases: [String]) { self.id = id; self.code = code; self.aliases = aliases }
}

/// How a column's text becomes a value.
public enum ColumnType: Sendable {
    /// Identifies the batch (rows with the same id are one batch).
    case id
    /// A date (`2019-01-05`, `2019年1月5日`, Excel serials …) as days since 1970.
    case date
    /// A four-digit year.
    case year
    /// One of a fixed set of values, stored as a code.
    case enumeration([EnumValue])
    /// A GB/T 2260 region code or name (or a free code).
    case region
    /// Free text, stored as a code of a dictionary.
    case text
    /// The enterprise key: a credit code, or the name when there is none.
    case enterprise
    /// A list of failed items inside one field.
    case items
}

/// How a column's text is normalised before it is validated or compared
/// (``FieldNormaliser``; inputs.md "Normalisation"): always trimmed, then
/// Unicode NFKC (full-width letters, digits and punctuation → ASCII,
/// compatibility characters → their ordinary form).
public enum FieldNormalisation: Sendable {
    /// Codes and ids: NFKC and upper case (`ｃ３８３１` → `C3831`).
    case code
    /// Names, values and dates: NFKC; in a text with Chinese characters,
    /// parentheses in their full-width form （）, as Chinese names write them.
    case text
}

/// What a column is for.
public enum ColumnRole: String, Sendable {
    /// Identifies a batch or an enterprise.
    case key
    /// When the batch was sampled.
    case time
    /// A pass-rate breakdown (分组维度).
    case breakdown
    /// What was measured: the result and its details.
    case measure
    /// Used to select batches (plan filters), not a breakdown of its own.
    case filter
}

/// Where a per-batch value is kept in ``SamplingTable``.
public enum ColumnStorage: Sendable {
    /// An enum code (``missingEnumCode`` when absent).
    case byte(WritableKeyPath<SamplingTable, [UInt8]> & Sendable)
    /// A dictionary code (``missingDictionaryCode`` when absent).
    case code(WritableKeyPath<SamplingTable, [UInt32]> & Sendable, dictionary: SamplingDictionary)
    /// Days since 1970-01-01 (``missingDay`` when absent).
    case day(WritableKeyPath<SamplingTable, [Int32]> & Sendable)
    /// The report year.
    case year(WritableKeyPath<SamplingTable, [Int16]> & Sendable)
    /// An index into ``SamplingTable/regions``.
    case region(WritableKeyPath<SamplingTable, [Int32]> & Sendable)
}

/// The text dictionaries of a table; testing and sampling agencies share
/// one, and any other text column (task ids …) shares `texts`.
public enum SamplingDictionary: Int, CaseIterable, Sendable {
    case products, agencies, industries, itemNames, texts

    public var path: WritableKeyPath<SamplingTable, ByteStringDictionary> & Sendable {
        switch self {
        case .products: return \SamplingTable.products
        case .agencies: return \SamplingTable.agencies
        case .industries: return \SamplingTable.industries
        case .itemNames: return \SamplingTable.itemNames
        case .texts: return \SamplingTable.texts
        }
    }
}

/// Stored for an absent optional date.
public let missingDay = Int32.min

/// One column of sampling results.
public struct ColumnSpec: Sendable {
    public let column: SamplingColumn
    /// Header aliases besides the canonical name (Chinese, and usual English).
    public let aliases: [String]
    public let type: ColumnType
    public let role: ColumnRole
    public let label: Bilingual
    /// A row without it is rejected (`missing_value`), unless a mapping gives a default.
    public let required: Bool
    /// The table column holding its value; nil for columns that are read
    /// into another (names into keys, a score into the result).
    public let storage: ColumnStorage?
    /// The slot of a stored value in ``BatchRow`` and the builder, within its storage kind.
    public let slot: Int
    /// How its text is normalised before it is read.
    public var normalisation: FieldNormalisation {
        switch column {
        case .batchId, .regionCode, .enterpriseCode, .industryCode, .productCode: return .code
        default: return .text
        }
    }

    public var name: String { column.rawValue }
    public var values: [EnumValue] {
        if case .enumeration(let v) = type { return v }
        return []
    }
}

/// The sampling-results schema: every column, in ``SamplingColumn`` order.
public enum SamplingSchema {
    private static func outcome(_ o: SamplingOutcome, _ aliases: [String]) -> EnumValue { EnumValue(o.id, o.rawValue, aliases) }
    private static func values<E: RawRepresentable>(_ all: [E], id: (E) -> String, _ aliases: [[String]]) -> [EnumValue]
        where E.RawValue == UInt8 {
        zip(all, aliases).map { EnumValue(id($0), $0.rawValue, $1) }
    }

    /// Accepted result spellings (inputs.md: results and the denominator).
    static let results: [EnumValue] = [
        outcome(.pass, ["合格", "p", "符合", "pass", "passed", "通过"]),
        outcome(.fail, ["不合格", "f", "不符合", "fail", "failed"]),
        outcome(.refused, ["拒检", "拒绝抽检", "拒绝抽样", "refused"]),
        outcome(.unlicensed, ["无证", "无证无照", "无照", "unlicensed"]),
        outcome(.untested, ["未检", "不予检验", "untested", "not tested"]),
        outcome(.revoked, ["撤销", "revoked", "cancelled"]),
        outcome(.excluded, ["excluded", "排除"]),
    ]

    /// Result values that carry a re-test too, as exports write them in the
    /// result column (不合格（复检后合格）): the first result failed and the
    /// re-test passed (`fail_retest_pass`) or failed (`fail_retest_fail`).
    /// Read by the result column only; never stored as codes of their own.
    public static let resultsWithRetest: [EnumValue] = [
        EnumValue("fail_retest_pass", 100, ["不合格（复检后合格）", "不合格（复检合格）", "不合格（经复检合格）", "复检后合格", "初检不合格复检合格"]),
        EnumValue("fail_retest_fail", 101, ["不合格（复检后不合格）", "不合格（复检不合格）", "不合格（复检仍不合格）", "不合格（维持原结论）",
                                            "复检后不合格", "初检不合格复检不合格"]),
    ]

    /// The codes the result column reads for ``resultsWithRetest``.
    public static let failRetestPass: UInt8 = 100, failRetestFail: UInt8 = 101

    /// A re-test ends in pass (the failing result overturned) or fail (upheld).
    static let retestResults: [EnumValue] = [
        outcome(.pass, ["合格", "p", "符合", "pass", "passed", "复检合格", "撤销原检验结论", "撤销原结论", "改判合格", "overturned"]),
        outcome(.fail, ["不合格", "f", "不符合", "fail", "failed", "复检不合格", "维持原检验结论", "维持原结论", "维持", "upheld"]),
    ]

    private typealias Entry = (SamplingColumn, [String], ColumnType, ColumnRole, Bilingual, Bool, ColumnStorage?)

    private static let entries: [Entry] = [
        (.batchId, ["抽样单编号", "抽样编号", "样品编号"], .id, .key, Bilingual("抽样单编号", "Batch id"), true, nil),
        (.sampleDate, ["抽样日期", "监督抽查时间", "抽查日期"], .date, .time, Bilingual("抽样日期", "Sampling date"), true,
         .day(\SamplingTable.day)),
        (.year, ["年度", "年份", "抽查年度", "任务年度", "计划年度", "抽检年度", "监督抽查年度", "task year", "task_year", "plan year",
                 "sampling year", "sampling_year"], .year, .time, Bilingual("年度", "Year"), false, .year(\SamplingTable.year)),
        (.level, ["抽查级别", "抽查类别", "任务来源"],
         .enumeration(values(SamplingLevel.allCases, id: \.id, [
             ["national", "国家", "国抽", "国家监督抽查", "国家级"], ["provincial", "province", "省级", "省抽", "省", "省级监督抽查"],
             ["municipal", "city", "市级", "市抽", "市", "市级监督抽查"], ["county", "县级", "县抽", "县", "区县", "县级监督抽查"],
         ])), .breakdown, Bilingual("抽查级别", "Sampling level"), true, .byte(\SamplingTable.level)),
        (.regionCode, ["行政区划代码", "所在地区代码"], .region, .breakdown, Bilingual("地区", "Region"), false,
         .region(\SamplingTable.region)),
        (.regionName, ["所属地市", "所在地区"], .region, .breakdown, Bilingual("地区", "Region"), false, nil),
        (.provinceName, ["省份", "所在省份", "所在省", "所属省份", "被抽样单位所在省份", "省（自治区、直辖市）", "province"], .region, .breakdown,
         Bilingual("省份", "Province"), false, nil),
        (.cityName, ["所在市", "所在地市", "所属市", "地市", "市（州）", "城市", "city"], .region, .breakdown, Bilingual("地市", "City"), false, nil),
        (.countyName, ["所在县区", "所在区县", "所属县区", "所在县（区）", "所在县（市、区）", "县区", "区县", "县（市、区）", "county", "district"],
         .region, .breakdown, Bilingual("县区", "County"), false, nil),
        (.enterpriseCode, ["统一社会信用代码", "信用代码"], .enterprise, .key, Bilingual("统一社会信用代码", "Credit code"), false, nil),
        (.enterpriseName, ["受检单位", "受检单位名称", "被抽样单位名称", "生产企业名称", "标称生产企业名称", "企业名称"], .enterprise, .key,
         Bilingual("企业", "Enterprise"), false, nil),
        (.enterpriseSize, ["企业规模"],
         .enumeration(values(EnterpriseSize.allCases, id: \.id, [
             ["large", "大型", "大"], ["medium", "中型", "中"], ["small", "小型", "小"], ["micro", "微型", "微"],
         ])), .breakdown, Bilingual("企业规模", "Enterprise size"), false, .byte(\SamplingTable.size)),
        (.industryCode, ["行业代码", "国民经济行业代码", "国民经济行业分类代码", "行业分类代码"], .text, .filter, Bilingual("行业", "Industry"), false,
         .code(\SamplingTable.industry, dictionary: .industries)),
        (.productCode, ["产品代码", "产品类别代码"], .text, .breakdown, Bilingual("产品", "Product"), false,
         .code(\SamplingTable.product, dictionary: .products)),
        (.productName, ["产品名称", "样品名称", "食品名称"], .text, .breakdown, Bilingual("产品", "Product"), false, nil),
        (.channel, ["抽样环节", "抽样场所"],
         .enumeration(values(SalesChannel.allCases, id: \.id, [
             ["production", "生产", "生产环节", "生产领域"], ["distribution", "流通", "流通环节", "流通领域", "销售"],
             ["ecommerce", "e-commerce", "online", "电商", "网购", "电子商务", "网络销售"],
         ])), .breakdown, Bilingual("抽样环节", "Channel"), false, .byte(\SamplingTable.channel)),
        (.result, ["检验结论", "检验结果", "抽查结果", "结论"], .enumeration(results), .measure, Bilingual("检验结论", "Result"), true,
         .byte(\SamplingTable.outcome)),
        (.failedItems, ["不合格项目"], .items, .measure, Bilingual("不合格项目", "Failed items"), false, nil),
        (.samplingAgency, ["抽样机构", "抽样单位"], .text, .filter, Bilingual("抽样机构", "Sampling agency"), false,
         .code(\SamplingTable.samplingAgency, dictionary: .agencies)),
        (.testingAgency, ["承检机构", "检验机构"], .text, .breakdown, Bilingual("承检机构", "Testing agency"), false,
         .code(\SamplingTable.testingAgency, dictionary: .agencies)),
        (.followUp, ["跟踪抽查", "是否复查"],
         .enumeration([EnumValue("yes", 1, ["是", "yes", "y", "1", "true", "跟踪", "复查"]),
                       EnumValue("no", 0, ["否", "no", "n", "0", "false"])]),
         .filter, Bilingual("跟踪抽查", "Follow-up sampling"), false, .byte(\SamplingTable.followUp)),
        (.retestResult, ["复检结论", "复检结果", "异议处理结果"], .enumeration(retestResults), .measure,
         Bilingual("复检结论", "Re-test result"), false, .byte(\SamplingTable.retestResult)),
        (.retestDate, ["复检日期"], .date, .measure, Bilingual("复检日期", "Re-test date"), false, .day(\SamplingTable.retestDay)),
        (.taskId, ["任务编号", "任务文号", "抽查任务编号", "计划文号", "task id", "task number"], .text, .filter,
         Bilingual("任务编号", "Task id"), false, .code(\SamplingTable.task, dictionary: .texts)),
    ]

    /// Every column, in ``SamplingColumn`` order (`columns[c.ordinal].column == c`).
    public static let columns: [ColumnSpec] = {
        var next = [0, 0, 0, 0]  // byte, code, day/region, year slots
        return entries.map { e in
            var slot = -1
            switch e.6 {
            case .byte: slot = next[0]; next[0] += 1
            case .code: slot = next[1]; next[1] += 1
            case .day, .region: slot = next[2]; next[2] += 1
            case .year: slot = next[3]; next[3] += 1
            case nil: break
            }
            return ColumnSpec(column: e.0, aliases: e.1, type: e.2, role: e.3, label: e.4, required: e.5, storage: e.6, slot: slot)
        }
    }()

    /// The columns kept per batch, in schema order.
    public static let stored: [ColumnSpec] = columns.filter { $0.storage != nil }

    /// Stored values per kind: enum codes, dictionary codes, days and regions (Int32), years.
    public static let byteCount = stored.filter { if case .byte = $0.storage { true } else { false } }.count
    public static let codeCount = stored.filter { if case .code = $0.storage { true } else { false } }.count
    public static let intCount = stored.filter {
        switch $0.storage { case .day, .region: true; default: false }
    }.count

    /// ``ColumnSpec/slot`` by ``SamplingColumn/ordinal`` (a plain array for the hot path).
    public static let slots: [Int] = columns.map(\.slot)

    /// The layout of a loaded table as text — each column's name, storage
    /// kind, headers, normalisation and enum spellings, and the dictionaries —
    /// in the snapshot cache's key (hashed with the rest), so a cache written
    /// before a column, a header or a spelling was added is never read as current.
    public static let layout: String = {
        let described = Self.columns.map { spec -> String in
            // How a column is read too: its headers, its normalisation, an enum's spellings.
            let read = "\(spec.aliases.joined(separator: "/"))|\(spec.normalisation == .code ? "code" : "text")|"
                + spec.values.map { "\($0.id)=\($0.aliases.joined(separator: "/"))" }.joined(separator: ";")
            switch spec.storage {
            case .byte?: return "\(spec.name):byte:\(read)"
            case .code(_, let d)?: return "\(spec.name):code\(d.rawValue):\(read)"
            case .day?: return "\(spec.name):day:\(read)"
            case .year?: return "\(spec.name):year:\(read)"
            case .region?: return "\(spec.name):region:\(read)"
            case nil: return "\(spec.name)::\(read)"
            }
        }
        return described.joined(separator: ",") + ";dictionaries=\(SamplingDictionary.allCases.count)"
    }()

    /// The slot of the result, which the builder compares when rows merge.
    public static let outcomeSlot = SamplingColumn.result.spec.slot
}

/// The typed values of one input row, ready to become a batch: one slot per
/// stored column of the schema (``ColumnSpec/slot``, within its kind).
public struct BatchRow: Sendable {
    /// Room for the stored columns of each kind (checked by `SamplingSchemaTests`).
    public var bytes = InlineArray<8, UInt8>(repeating: missingEnumCode)
    public var codes = InlineArray<8, UInt32>(repeating: missingDictionaryCode)
    public var ints = InlineArray<4, Int32>(repeating: missingDay)
    public var year: Int16 = 0
    public init() {}

    /// The value of a stored enum column.
    public subscript(byte c: SamplingColumn) -> UInt8 {
        get { bytes[SamplingSchema.slots[c.ordinal]] }
        set { bytes[SamplingSchema.slots[c.ordinal]] = newValue }
    }
    /// The value of a stored dictionary-coded column.
    public subscript(code c: SamplingColumn) -> UInt32 {
        get { codes[SamplingSchema.slots[c.ordinal]] }
        set { codes[SamplingSchema.slots[c.ordinal]] = newValue }
    }
    /// The value of a stored date or region column.
    public subscript(int c: SamplingColumn) -> Int32 {
        get { ints[SamplingSchema.slots[c.ordinal]] }
        set { ints[SamplingSchema.slots[c.ordinal]] = newValue }
    }
}
