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

/// A self-describing indicator (指标定义): the one source of its names,
/// unit, direction and formula for the docs, the report labels and tests.
public struct IndicatorDefinition: Sendable {
    public let id: String
    public let name: Bilingual
    public let unit: Bilingual
    public let direction: Direction
    public let formula: Bilingual
    public let examples: [WorkedExample]
    /// Evaluates the indicator from numerator and denominator (nil when undefined).
    public let compute: @Sendable (Int, Int) -> Double?
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
        compute: { x, n in n > 0 ? Double(x) / Double(n) : nil })

    public static let failureDiscoveryRate = IndicatorDefinition(
        id: "failure_discovery_rate",
        name: Bilingual("不合格发现率", "Failure discovery rate"),
        unit: Bilingual("%", "%"),
        direction: .neutral,
        formula: Bilingual("不合格批次 ÷ 检验批次 = 1 − 批次合格率", "failed ÷ batches tested = 1 − batch pass rate"),
        examples: [
            // 2022 national product-quality sampling: 19,440 batches, 1,827 failed (9.4%).
            WorkedExample(numerator: 1827, denominator: 19440, expected: 0.09398148148148148, note: "2022 国家监督抽查：19440 批，不合格 1827 批"),
        ],
        compute: { x, n in n > 0 ? Double(x) / Double(n) : nil })

    public static let enterprisePassRate = IndicatorDefinition(
        id: "enterprise_pass_rate",
        name: Bilingual("企业合格率", "Enterprise pass rate"),
        unit: Bilingual("%", "%"),
        direction: .higherIsBetter,
        formula: Bilingual("期内所有检验批次均合格的企业数 ÷ 至少有一个检验批次的企业数", "enterprises all of whose tested batches in the period passed ÷ enterprises with at least one tested batch"),
        examples: [WorkedExample(numerator: 45, denominator: 50, expected: 0.9, note: "50 家企业中 45 家全部合格")],
        compute: { x, n in n > 0 ? Double(x) / Double(n) : nil })

    public static let followUpPassRate = IndicatorDefinition(
        id: "follow_up_pass_rate",
        name: Bilingual("跟踪抽查合格率", "Follow-up sampling pass rate"),
        unit: Bilingual("%", "%"),
        direction: .higherIsBetter,
        formula: Bilingual("标为跟踪抽查的合格批次 ÷ 标为跟踪抽查的检验批次", "passed ÷ tested, over batches flagged as follow-up sampling (跟踪抽查)"),
        examples: [WorkedExample(numerator: 2, denominator: 2, expected: 1, note: "SamplingFindingsTests, 2019: follow-up batches A3 and B2 both passed")],
        compute: { x, n in n > 0 ? Double(x) / Double(n) : nil })

    public static let resampledShare = IndicatorDefinition(
        id: "resampled_within_12_months",
        name: Bilingual("不合格企业 12 个月内复抽比例", "Failing enterprises re-sampled within 12 months"),
        unit: Bilingual("%", "%"),
        direction: .higherIsBetter,
        formula: Bilingual("当年有不合格批次、且首次不合格后 365 天内再次被抽查的企业数 ÷ 当年有不合格批次的企业数", "enterprises with a failed batch in the year that were sampled again within 365 days after their first failure of the year ÷ enterprises with a failed batch in the year"),
        examples: [WorkedExample(numerator: 531, denominator: 767, expected: 0.6923076923076923, note: "planted history (README), 2019: 531 of 767 failing enterprises re-sampled")],
        compute: { x, n in n > 0 ? Double(x) / Double(n) : nil })

    public static let all: [IndicatorDefinition] = [batchPassRate, failureDiscoveryRate, enterprisePassRate, followUpPassRate, resampledShare]
}
