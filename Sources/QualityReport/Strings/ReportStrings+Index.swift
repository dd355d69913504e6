import QualityData
import QualityIndicators

/// Composite index (issue 6): the labels and sentences of that part of the report, zh and en.
extension ReportStrings {

    public static let score = Bilingual("得分", "Score")
    public static let rank = Bilingual("排名", "Rank")
    public static let rankByRate = Bilingual("合格率排名（按原始合格率）", "Rank by raw pass rate")
    public static func indexRankNote(year: Int, rank: Int, of n: Int, interval: String?) -> Bilingual {
        Bilingual("质量指数排名（\(year) 年）\(rank)/\(n)" + (interval.map { "，排名区间 \($0)" } ?? ""),
                  "index rank (\(year)) \(rank)/\(n)" + (interval.map { ", rank interval \($0)" } ?? ""))
    }
    public static let rankInterval = Bilingual("排名区间（5%–95%）", "Rank interval (5–95%)")
    public static let rankMedian = Bilingual("排名中位数", "Median rank")
    public static let rankChange = Bilingual("排名变化", "Rank change")
    public static let band = Bilingual("等级", "Band")
    public static let diffVsParent = Bilingual("与上级差值", "vs parent")

    public static func indexSensitivity(_ source: String, shift: Double) -> Bilingual {
        let zh = ["weights": "权重", "normalisation": "归一化方法", "aggregation": "汇总方法", "sampling": "合格率的抽样误差"][source] ?? source
        let en = ["weights": "the weights", "normalisation": "the normalisation", "aggregation": "the aggregation", "sampling": "the sampling error of the rates"][source] ?? source
        let s = NumberText.fixed(shift, 2)
        return Bilingual("对排名影响最大的假设：\(zh)（单独变动时排名平均移动 \(s) 位）。", "The assumption that moves ranks most: \(en) (alone it moves a rank by \(s) places on average).")
    }

    /// Why the parent is not compared (issue 33): "未与广西壮族自治区比较：…".
    public static func indexNotVersusParent(_ parent: String, totals: [String]) -> Bilingual {
        Bilingual("未与\(parent)比较：指数含总量指标（\(totals.joined(separator: "、"))），上级地区的总量按构造大于各下级地区，放在同一标度上的得分不可比；只在同级地区之间比较。",
                  "\(parent) is not compared: the index holds totals (\(totals.joined(separator: "; "))), which are larger for the parent than for any of its parts by construction, so its score on their scale means nothing; regions are compared with their peers only.")
    }

    public static func indexVsParent(_ name: String, score: Double, parent: String, diff: Double) -> Bilingual {
        let d = NumberText.fixed(abs(diff), 2), sc = NumberText.fixed(score, 2)
        return Bilingual("\(name)得分 \(sc)，\(diff >= 0 ? "高于" : "低于")\(parent) \(d) 分。", "\(name) scores \(sc), \(d) points \(diff >= 0 ? "above" : "below") \(parent).")
    }
}
