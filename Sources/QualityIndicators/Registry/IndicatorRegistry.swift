import QualityData

/// Whether a higher value of an indicator is better.
public enum Direction: String, Sendable {
    case higherIsBetter = "higher_is_better"
    case lowerIsBetter = "lower_is_better"
    case neutral
}

/// A worked example an indicator carries: inputs and the expected value.
public struct WorkedExample: Sendable {
    public let numerator: Int
    public let denominator: Int
    public let expected: Double?
    public let note: String
}

/// What an indicator a plan target or an index framework can name is
/// computed from (TargetSeries computes each kind): the record kind, and
/// fixed filters on canonical column values.
public enum Measure: Sendable, Equatable {
    /// Passed ÷ tested batches.
    case batches(filters: [String: [String]])
    /// Enterprises all of whose tested batches passed ÷ enterprises tested.
    case enterprises(filters: [String: [String]])
    /// Hazards rectified ÷ hazards found (inspections).
    case hazardsRectified
    /// Counties of the region inspected in the year ÷ its counties (inspections, GB/T 2260).
    case countiesInspected
    /// Townships inspected in the year ÷ townships seen in any year (inspections).
    case townshipsInspected
    /// Licensed enterprises inspected in the year ÷ licensed enterprises (inspections, register).
    case enterprisesInspected
    /// A share of a grouped indicator (``GroupedShare``): its numerator ÷
    /// denominator counts in the indicator's count table (`table`), for all
    /// batches and for every region at every level. No filters.
    case grouped(table: String, share: String)

    /// Batches may be filtered on every breakdown or filter column of the
    /// schema kept as an enum or a coded text — level, channel,
    /// enterprise_size, follow_up, product_code, the agencies, task_id … —
    /// by value, and on industry by GB/T 4754 prefix (``RecordFilter/key(_:)``).
    public static let batchFilters: Set<String> = Set(SamplingSchema.stored.filter { spec in
        guard spec.role == .breakdown || spec.role == .filter else { return false }
        switch spec.storage {
        case .byte?, .code?: return true
        default: return false
        }
    }.map { RecordFilter.key($0.column) })

    /// The record columns a plan target or index indicator may filter on.
    public var filterKeys: Set<String> {
        switch self {
        case .batches, .enterprises: return Self.batchFilters
        case .hazardsRectified, .countiesInspected, .townshipsInspected, .enterprisesInspected: return ["inspection_type", "risk_class"]
        case .grouped: return []
        }
    }
}

/// A self-describing indicator (指标定义): the one source of its names,
/// unit, direction and formula for the docs, the report labels and tests —
/// and, for one a plan or index can name, of what it is computed from.
public struct IndicatorDefinition: Sendable {
    public let id: String
    public let name: Bilingual
    public let unit: Bilingual
    public let direction: Direction
    public let formula: Bilingual
    public let examples: [WorkedExample]
    /// What it is computed from when a plan target or index indicator names it (nil: it cannot be named).
    public var measure: Measure? = nil
    /// Whether the database keeps its values by year for all batches
    /// (dimension `all`) and every region (`region`), so a plan target can
    /// read the years this run's records lack (``TargetSeries`` borrows them).
    public var keptInHistory = false
    /// A complete count, not a sample (every county, township, licensed
    /// enterprise or hazard of the records): its value has no sampling
    /// error — no interval, no "with confidence" verdict, no sampling draw
    /// in an index's Monte Carlo. A proportion that is not a census is
    /// estimated from sampled batches and carries its interval.
    public var census = false
    /// Whether its value carries sampling error: a proportion of a sample.
    public var hasSamplingError: Bool { isProportion && !census }
    /// A share of counted units (shown in percent, gaps in points; a target
    /// on it judged with the interval of its numerator and denominator) —
    /// declared, never read from the id's spelling.
    public var isProportion: Bool { unit == Self.percent }
    static let percent = Bilingual("%", "%")
}

/// All indicators qindex computes.
public enum IndicatorRegistry {

    public static let batchPassRate = IndicatorDefinition(
        id: "batch_pass_rate",
        name: Bilingual("批次合格率", "Batch pass rate"),
        unit: Bilingual("%", "%"),
        direction: .higherIsBetter,
        formula: Bilingual("合格批次 ÷ 检验批次（合格 + 不合格）；拒检、无证等不计入分母", "passed ÷ batches tested (passed + failed); refused, unlicensed and untested batches are excluded from the denominator"),
        examples: [
            // 2019 national sampling of 60 products (童车等60种): 5,573 tested, 687 failed.
            WorkedExample(numerator: 5573 - 687, denominator: 5573, expected: 0.876727076978288, note: "2019 国家监督抽查童车等60种：检验 5573 批，不合格 687 批"),
            WorkedExample(numerator: 0, denominator: 0, expected: nil, note: "no batch tested: the rate is empty, never 0"),
        ],
        measure: .batches(filters: [:]), keptInHistory: true)

    public static let failureDiscoveryRate = IndicatorDefinition(
        id: "failure_discovery_rate",
        name: Bilingual("不合格发现率", "Failure discovery rate"),
        unit: Bilingual("%", "%"),
        direction: .neutral,
        formula: Bilingual("不合格批次 ÷ 检验批次 = 1 − 批次合格率", "failed ÷ batches tested = 1 − batch pass rate"),
        examples: [
            // 2022 national product-quality sampling: 19,440 batches, 1,827 failed (9.4%).
            WorkedExample(numerator: 1827, denominator: 19440, expected: 0.09398148148148148, note: "2022 国家监督抽查：19440 批，不合格 1827 批"),
        ])

    public static let enterprisePassRate = IndicatorDefinition(
        id: "enterprise_pass_rate",
        name: Bilingual("企业合格率", "Enterprise pass rate"),
        unit: Bilingual("%", "%"),
        direction: .higherIsBetter,
        formula: Bilingual("期内所有检验批次均合格的企业数 ÷ 至少有一个检验批次的企业数", "enterprises all of whose tested batches in the period passed ÷ enterprises with at least one tested batch"),
        examples: [WorkedExample(numerator: 45, denominator: 50, expected: 0.9, note: "50 家企业中 45 家全部合格")],
        measure: .enterprises(filters: [:]), keptInHistory: true)

    public static let followUpPassRate = IndicatorDefinition(
        id: "follow_up_pass_rate",
        name: Bilingual("跟踪抽查合格率", "Follow-up sampling pass rate"),
        unit: Bilingual("%", "%"),
        direction: .higherIsBetter,
        formula: Bilingual("标为跟踪抽查的合格批次 ÷ 标为跟踪抽查的检验批次", "passed ÷ tested, over batches flagged as follow-up sampling (跟踪抽查)"),
        examples: [WorkedExample(numerator: 2, denominator: 2, expected: 1, note: "SamplingFindingsTests, 2019: follow-up batches A3 and B2 both passed")])

    public static let resampledShare = IndicatorDefinition(
        id: "resampled_within_12_months",
        name: Bilingual("不合格企业 12 个月内复抽比例", "Failing enterprises re-sampled within 12 months"),
        unit: Bilingual("%", "%"),
        direction: .higherIsBetter,
        formula: Bilingual("当年有不合格批次、且首次不合格后 365 天内再次被抽查的企业数 ÷ 当年有不合格批次的企业数", "enterprises with a failed batch in the year that were sampled again within 365 days after their first failure of the year ÷ enterprises with a failed batch in the year"),
        examples: [WorkedExample(numerator: 531, denominator: 767, expected: 0.6923076923076923, note: "planted history (README), 2019: 531 of 767 failing enterprises re-sampled")])

    public static let ecommercePassRate = IndicatorDefinition(
        id: "ecommerce_pass_rate",
        name: Bilingual("电商渠道批次合格率", "E-commerce pass rate"),
        unit: Bilingual("%", "%"),
        direction: .higherIsBetter,
        formula: Bilingual("抽样环节为电商的合格批次 ÷ 抽样环节为电商的检验批次", "passed ÷ batches tested, over batches sampled from e-commerce (channel ecommerce)"),
        examples: [WorkedExample(numerator: 3, denominator: 4, expected: 0.75, note: "TargetProgressTests: 4 e-commerce batches, 3 passed (the production batch is not counted)")],
        measure: .batches(filters: ["channel": ["ecommerce"]]))

    public static let hazardRectificationRate = IndicatorDefinition(
        id: "hazard_rectification_rate",
        name: Bilingual("隐患整改率", "Hazard rectification rate"),
        unit: Bilingual("%", "%"),
        direction: .higherIsBetter,
        formula: Bilingual("已整改隐患数 ÷ 发现隐患数（监督检查记录）", "hazards rectified ÷ hazards found (inspection records)"),
        examples: [WorkedExample(numerator: 98, denominator: 100, expected: 0.98, note: "100 个隐患整改 98 个")],
        measure: .hazardsRectified, census: true)

    public static let countyInspectionCoverage = IndicatorDefinition(
        id: "county_inspection_coverage",
        name: Bilingual("县（区）监督检查覆盖率", "County inspection coverage"),
        unit: Bilingual("%", "%"),
        direction: .higherIsBetter,
        formula: Bilingual("当年至少检查一次的县（区）数 ÷ 该地区 GB/T 2260 中的县（区）数", "counties (districts) of the region inspected at least once in the year ÷ all its counties in GB/T 2260"),
        examples: [WorkedExample(numerator: 12, denominator: 12, expected: 1, note: "南宁市 12 个县（区）全部检查")],
        measure: .countiesInspected, census: true)

    public static let townshipInspectionCoverage = IndicatorDefinition(
        id: "township_inspection_coverage",
        name: Bilingual("乡镇监督检查覆盖率", "Township inspection coverage"),
        unit: Bilingual("%", "%"),
        direction: .higherIsBetter,
        formula: Bilingual("当年检查到的乡镇（9 位代码）数 ÷ 任一年度记录中出现的该地区乡镇数", "townships (9-digit codes) inspected in the year ÷ townships of the region seen in any year's records"),
        examples: [WorkedExample(numerator: 7, denominator: 24, expected: 0.2916666666666667, note: "24 个乡镇中 7 个当年被检查")],
        measure: .townshipsInspected, census: true)

    public static let enterpriseInspectionCoverage = IndicatorDefinition(
        id: "enterprise_inspection_coverage",
        name: Bilingual("获证企业监督检查覆盖率", "Licensed-enterprise inspection coverage"),
        unit: Bilingual("%", "%"),
        direction: .higherIsBetter,
        formula: Bilingual("当年被检查的获证企业数 ÷ 获证企业数（有企业名录时取名录，否则取任一年度记录中的获证企业）", "licensed enterprises inspected in the year ÷ licensed enterprises (the register's with --register, else those seen licensed in any year's records)"),
        examples: [WorkedExample(numerator: 40, denominator: 50, expected: 0.8, note: "50 家获证企业中 40 家当年被检查")],
        measure: .enterprisesInspected, census: true)

    /// Every indicator: those above, then each grouped indicator's declared
    /// shares (``GroupedShare/indicator``: safety failures, labelling
    /// failures …) — computed from the kernel's counts, and nameable by a
    /// plan or an index where their indicator is grouped by every region.
    public static let all: [IndicatorDefinition] = [batchPassRate, failureDiscoveryRate, enterprisePassRate, followUpPassRate, resampledShare,
                                                     ecommercePassRate, hazardRectificationRate, countyInspectionCoverage,
                                                     townshipInspectionCoverage, enterpriseInspectionCoverage] + groupedShares

    /// The declared shares of the grouped indicators, in registry order.
    static var groupedShares: [IndicatorDefinition] {
        GroupedIndicator.registry.flatMap { g in
            g.shares.compactMap { s -> IndicatorDefinition? in
                guard var d = s.indicator else { return nil }
                if g.nameable { d.measure = .grouped(table: g.table, share: s.column) }
                if g.nameable { d.keptInHistory = true }  // StoreResults keeps every share, by all batches and region
                return d
            }
        }
    }

    /// The indicator with this id, if any.
    public static func definition(_ id: String) -> IndicatorDefinition? { all.first { $0.id == id } }

    /// Whether `id` names a proportion of the registry (a regional statistic,
    /// `stat:…`, is a number the user's file states, not a proportion qindex counted).
    public static func isProportion(_ id: String) -> Bool { definition(id)?.isProportion ?? false }

    /// Whether `id`'s values carry sampling error (a proportion of sampled
    /// batches); false for a census, a regional statistic or an unknown id.
    public static func hasSamplingError(_ id: String) -> Bool { definition(id)?.hasSamplingError ?? false }

    /// What a plan target or index indicator may name: id → the columns it may be filtered on.
    public static var named: [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for d in all { if let m = d.measure { out[d.id] = m.filterKeys } }
        return out
    }
}
