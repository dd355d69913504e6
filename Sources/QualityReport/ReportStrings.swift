import QualityData
import QualityIngest

/// Every label of the report, in Chinese and English, in one place.
public enum ReportStrings {
    public static let title = Bilingual("产品质量监督抽查合格率报告", "Product quality supervision sampling: pass-rate report")
    public static let period = Bilingual("数据期间", "Period")
    public static let headline = Bilingual("总体情况", "Headline")
    public static let passRate = Bilingual("批次合格率", "Batch pass rate")
    public static let enterprisePassRate = Bilingual("企业合格率", "Enterprise pass rate")
    public static let ci95 = Bilingual("95% 置信区间", "95% CI")
    public static let change = Bilingual("较上年", "Change on previous year")
    public static let batchesSampled = Bilingual("抽查批次", "Batches sampled")
    public static let batchesTested = Bilingual("检验批次", "Batches tested")
    public static let excluded = Bilingual("不计入（拒检、无证等）", "Excluded (refused, unlicensed, …)")
    public static let failed = Bilingual("不合格批次", "Failed")
    public static let passed = Bilingual("合格批次", "Passed")
    public static let enterprisesTested = Bilingual("受检企业", "Enterprises tested")
    public static let year = Bilingual("年度", "Year")
    public static let byYear = Bilingual("各年度合格率", "Pass rate by year")
    public static let byProvince = Bilingual("各省（区、市）合格率", "Pass rate by province")
    public static let byCity = Bilingual("各地市合格率", "Pass rate by city")
    public static let lowestProducts = Bilingual("合格率最低的产品（检验批次 ≥ 30）", "Products with the lowest pass rate (≥ 30 batches tested)")
    public static let belowParent = Bilingual("显著低于上级地区的地区（p < 0.01）", "Regions below their parent beyond chance (p < 0.01)")
    public static let dataQuality = Bilingual("数据质量", "Data quality")
    public static let methods = Bilingual("方法说明", "Methods")
    public static let region = Bilingual("地区", "Region")
    public static let code = Bilingual("代码", "Code")
    public static let product = Bilingual("产品", "Product")
    public static let diffParent = Bilingual("与上级差值（百分点）", "Diff. vs parent (pp)")
    public static let pValue = Bilingual("p 值", "p-value")
    public static let file = Bilingual("文件", "File")
    public static let rowsRead = Bilingual("读取行数", "Rows read")
    public static let loaded = Bilingual("载入批次", "Batches loaded")
    public static let merged = Bilingual("合并行（续行、重复）", "Merged rows (continuation, duplicate)")
    public static let rejected = Bilingual("拒收行", "Rejected rows")
    public static let emptyLines = Bilingual("空行", "Empty lines")
    public static let status = Bilingual("状态", "Status")
    public static let ok = Bilingual("正常", "ok")
    public static let points = Bilingual("个百分点", "pp")
    public static let significant = Bilingual("差异显著", "significant")
    public static let notSignificant = Bilingual("差异不显著", "not significant")
    public static let generatedBy = Bilingual("由 qindex 生成；每个数字均可由 tables/ 目录下的表格复现。", "Made by qindex; every number can be reproduced from the tables in tables/.")
    public static let noData = Bilingual("没有可用的检验批次。", "No tested batches.")
    public static let none = Bilingual("无", "none")

    /// The row accounting as a sentence of the report (thousands separators).
    public static func accountingSentence(_ all: FileReport) -> Bilingual {
        let c = NumberText.count
        return Bilingual(
            "读取 \(c(all.rowsRead)) 行 = 载入 \(c(all.loaded)) + 拒收 \(c(all.rejected)) + 空行 \(c(all.emptyLines)) + 合并 \(c(all.merged))；每一拒收行见 rejects.csv。",
            "Rows read \(c(all.rowsRead)) = loaded \(c(all.loaded)) + rejected \(c(all.rejected)) + empty \(c(all.emptyLines)) + merged \(c(all.merged)); every rejected row is in rejects.csv.")
    }

    /// The row accounting as the terminal summary's first line.
    public static func accountingSummary(files: Int, _ all: FileReport) -> Bilingual {
        let closes = all.accountingCloses
        return Bilingual(
            "读取 \(files) 个文件，\(all.rowsRead) 行 = 载入 \(all.loaded) 批次 + 拒收 \(all.rejected) + 空行 \(all.emptyLines) + 合并 \(all.merged)（续行/重复）\(closes ? "" : " ✗ 核算不平")",
            "Read \(files) file(s), \(all.rowsRead) rows = \(all.loaded) batches loaded + \(all.rejected) rejected + \(all.emptyLines) empty + \(all.merged) merged (continuation/duplicate)\(closes ? "" : " ✗ accounting does not close")")
    }

    public static func dimension(_ id: String) -> Bilingual {
        switch id {
        case "level": return Bilingual("按抽查级别", "By sampling level")
        case "channel": return Bilingual("按抽样环节", "By channel")
        case "enterprise_size": return Bilingual("按企业规模", "By enterprise size")
        default: return Bilingual(id, id)
        }
    }

    /// Display name of an enum value id.
    public static func value(_ id: String) -> Bilingual {
        switch id {
        case "national": return Bilingual("国家监督抽查", "national")
        case "provincial": return Bilingual("省级监督抽查", "provincial")
        case "municipal": return Bilingual("市级监督抽查", "municipal")
        case "county": return Bilingual("县级监督抽查", "county")
        case "production": return Bilingual("生产环节", "production")
        case "distribution": return Bilingual("流通环节", "distribution")
        case "ecommerce": return Bilingual("电商", "e-commerce")
        case "large": return Bilingual("大型企业", "large")
        case "medium": return Bilingual("中型企业", "medium")
        case "small": return Bilingual("小型企业", "small")
        case "micro": return Bilingual("微型企业", "micro")
        case "": return Bilingual("未填报", "not given")
        default: return Bilingual(id, id)
        }
    }

    /// "the change is significant (p = 0.003)" in either language.
    public static func significance(_ p: Double?) -> Bilingual {
        guard let p else { return Bilingual("", "") }
        let ps = p < 0.001 ? "p < 0.001" : String(format: "p = %.3f", p)
        return p < 0.05 ? Bilingual("差异显著，\(ps)", "significant, \(ps)") : Bilingual("差异不显著，\(ps)", "not significant, \(ps)")
    }

    public static let methodsText = Bilingual(
        """
        - 批次合格率 = 合格批次 ÷ 检验批次；拒检、无证无照、未检、撤销等批次计入抽查批次，不计入检验批次（分母）。
        - 同一抽样编号的多行（每个不合格项目一行）合并为一个批次，不合格项目取并集；内容完全相同的重复行只计一次；检验结论相互矛盾的批次整体拒收。
        - 企业合格率 = 期内所有检验批次均合格的企业数 ÷ 至少有一个检验批次的企业数（按统一社会信用代码识别企业，缺失时按企业名称）。
        - 置信区间：Wilson 得分区间（95%，不作连续性校正）。
        - 较上年变化以百分点表示，显著性用双比例 z 检验（合并方差）；任一期望频数小于 5 时改用 Fisher 精确检验（Cochran 准则），避免小样本误判。
        - 与上级地区的差值 = 本地区合格率 − 上级地区合格率；p 值检验本地区与上级地区其余部分的差异（本地区是上级的一部分，不能与包含自身的总数直接检验）。
        - 地区按 GB/T 2260 代码逐级汇总：县级批次同时计入所属地市和省份。
        """,
        """
        - Batch pass rate = passed ÷ batches tested. Refused, unlicensed, untested and revoked batches count as sampled but not as tested (not in the denominator).
        - Rows with the same batch id (one per failed item) are one batch; their failed items are unioned; exact duplicate rows count once; a batch whose rows disagree on the result is rejected whole.
        - Enterprise pass rate = enterprises all of whose tested batches in the period passed ÷ enterprises with at least one tested batch (enterprises keyed by unified social credit code, else by name).
        - Intervals: Wilson score interval, 95%, no continuity correction.
        - Change against the previous year in percentage points; significance by the two-proportion z-test with pooled variance, or Fisher's exact test when any expected cell count is below 5 (Cochran's rule), so small units are not misjudged.
        - Difference from the parent region = the region's rate − the parent's rate; its p-value tests the region against the rest of the parent (a region is part of its parent and cannot be tested against a total that contains it).
        - Regions roll up through GB/T 2260: a county's batches also count in its city and province.
        """)
}
