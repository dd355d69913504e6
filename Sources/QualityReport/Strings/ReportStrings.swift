import QualityData
import QualityIndicators

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
    public static let belowParent = Bilingual("显著低于上级地区的地区（q < 0.05）", "Regions below their parent beyond chance (q < 0.05)")
    /// What the q-value of the list above means (the family it is adjusted in).
    public static let belowParentNote = Bilingual(
        "q 值为 Benjamini–Hochberg 错误发现率校正后的 p 值：同一年、同一级地区的所有比较为一族，列出的地区中预计错误发现不超过 5%。",
        "q is the p-value adjusted for the false discovery rate (Benjamini–Hochberg) over every comparison of the same year and region level: at most 5% of the regions listed are expected to be false discoveries.")
    public static let dataQuality = Bilingual("数据质量", "Data quality")
    public static let methods = Bilingual("方法说明", "Methods")
    public static let region = Bilingual("地区", "Region")
    public static let code = Bilingual("代码", "Code")
    public static let product = Bilingual("产品", "Product")
    public static let diffParent = Bilingual("与上级差值（百分点）", "Diff. vs parent (pp)")
    public static let changeHeader = Bilingual("较上年（百分点）", "Change (pp)")
    public static let pValue = Bilingual("p 值", "p-value")
    public static let qValue = Bilingual("q 值（BH）", "q (BH)")
    public static let file = Bilingual("文件", "File")
    public static let rowsRead = Bilingual("读取行数", "Rows read")
    public static let loaded = Bilingual("载入批次", "Batches loaded")
    public static let merged = Bilingual("合并行（续行、重复）", "Merged rows (continuation, duplicate)")
    public static let rejected = Bilingual("拒收行", "Rejected rows")
    public static let emptyLines = Bilingual("空行", "Empty lines")
    public static let status = Bilingual("状态", "Status")
    public static let ok = Bilingual("正常", "ok")
    public static let points = Bilingual("个百分点", "percentage points")
    public static let significant = Bilingual("差异显著", "significant")
    public static let notSignificant = Bilingual("差异不显著", "not significant")
    public static let generatedBy = Bilingual("由 qindex 生成；每个数字均可由 tables/ 目录下的表格复现。", "Made by qindex; every number can be reproduced from the tables in tables/.")
    public static let noData = Bilingual("没有可用的检验批次。", "No tested batches.")
    public static let none = Bilingual("无", "none")
    /// report.md prints each table once.
    public static let dataInTableBelow = Bilingual("（图中数据见下表）", "(the chart's data: the table below)")
    public static func sameTableAs(_ section: String) -> Bilingual {
        Bilingual("（数据同“\(section)”一节的表格）", "(the same table as in \"\(section)\")")
    }
    /// Under a long table on paper.
    public static func printedRows(_ n: Int, of total: Int) -> Bilingual {
        Bilingual("纸面印出首尾及重点地区共 \(n) 行（全表 \(total) 行）；完整表格见 tables.xlsx 与 tables/ 目录。",
                  "\(n) of \(total) rows on paper: the first, the last and the focus region's; the whole table is in tables.xlsx and tables/.")
    }
    public static func rowsLeftOut(_ n: Int) -> Bilingual { Bilingual("……（略去 \(n) 行）……", "… (\(n) rows left out) …") }
    /// Under a list that was cut: the link to the full table follows.
    public static func moreRows(_ n: Int) -> Bilingual {
        Bilingual("另有 \(n) 行未列出，完整列表见", "\(n) more not listed; the full list is in")
    }

    /// The row accounting as a sentence of the report (thousands separators).
    public static func accountingSentence(_ all: FileReport) -> Bilingual {
        let c = NumberText.count
        return Bilingual(
            "读取 \(c(all.rowsRead)) 行 = 载入 \(c(all.loaded)) + 拒收 \(c(all.rejected)) + 空行 \(c(all.emptyLines)) + 合并 \(c(all.merged))；每一拒收行见 rejects.csv。",
            "Rows read \(c(all.rowsRead)) = loaded \(c(all.loaded)) + rejected \(c(all.rejected)) + empty \(c(all.emptyLines)) + merged \(c(all.merged)); every rejected row is in rejects.csv.")
    }

    /// The row accounting as the terminal summary's first line (`records`:
    /// inspection records or statistics rather than batches).
    public static func accountingSummary(files: Int, _ all: FileReport, records: Bool = false) -> Bilingual {
        let closes = all.accountingCloses
        let zhUnit = records ? "条" : "批次", enUnit = records ? "records" : "batches"
        let zhMerged = records ? "重复" : "续行/重复", enMerged = records ? "duplicate" : "continuation/duplicate"
        return Bilingual(
            "读取 \(files) 个文件，\(all.rowsRead) 行 = 载入 \(all.loaded) \(zhUnit) + 拒收 \(all.rejected) + 空行 \(all.emptyLines) + 合并 \(all.merged)（\(zhMerged)）\(closes ? "" : " ✗ 核算不平")",
            "Read \(files) file(s), \(all.rowsRead) rows = \(all.loaded) \(enUnit) loaded + \(all.rejected) rejected + \(all.emptyLines) empty + \(all.merged) merged (\(enMerged))\(closes ? "" : " ✗ accounting does not close")")
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
    /// A difference in plain words, for cards and prose a leader reads: no
    /// p-value (the tables and the methods keep it), "significant" meaning p < 0.05.
    public static func plainSignificance(_ p: Double?) -> Bilingual {
        guard let p else { return Bilingual("", "") }
        return p < 0.05 ? Bilingual("差异显著", "a significant difference") : Bilingual("差异不显著，在正常波动范围内", "not a significant difference: within normal variation")
    }
    /// A change on the year before in plain words: "较上年 −0.14 个百分点，基本持平（变化不显著）".
    public static func changeInWords(_ pp: Double, p: Double?) -> Bilingual {
        let points = NumberText.signedPoints(pp)
        guard let p else { return Bilingual("较上年 \(points) 个百分点", "\(points) percentage points on the year before") }
        if p < 0.05 {
            return pp >= 0 ? Bilingual("较上年 \(points) 个百分点，明显上升（变化显著）", "\(points) percentage points on the year before: a significant rise")
                : Bilingual("较上年 \(points) 个百分点，明显下降（变化显著）", "\(points) percentage points on the year before: a significant fall")
        }
        return Bilingual("较上年 \(points) 个百分点，与上年基本持平（变化不显著）", "\(points) percentage points on the year before: about the same (not a significant change)")
    }
    /// The mark beside a rate that changed: an arrow only for a significant change.
    public static func changeArrow(_ pp: Double?, p: Double?) -> String {
        guard let pp, let p, p < 0.05 else { return "" }
        return pp > 0 ? " ▲" : (pp < 0 ? " ▼" : "")
    }
    public static func significance(_ p: Double?) -> Bilingual {
        guard let p else { return Bilingual("", "") }
        let ps = p < 0.001 ? "p < 0.001" : String(format: "p = %.3f", p)
        return p < 0.05 ? Bilingual("差异显著，\(ps)", "significant, \(ps)") : Bilingual("差异不显著，\(ps)", "not significant, \(ps)")
    }
}
