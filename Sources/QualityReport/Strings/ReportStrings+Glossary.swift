import QualityData

/// The glossary (issue 33): each statistical term the pages use, in plain
/// words, zh and en. A table header that is one of these terms links to its
/// entry on the page; the term's label is the header's own string, declared
/// once in ReportStrings.
extension ReportStrings {
    public static let glossaryTitle = Bilingual("术语", "Glossary")
    public static let glossary: [(id: String, term: Bilingual, definition: Bilingual)] = [
        ("ci", ci95, Bilingual("按抽样结果推算的合格率可能范围：同样抽查重复多次，约 95% 的区间会包含真实合格率。区间越宽，抽查批次越少。",
                               "The range a pass rate could have, given the sampling: over many repetitions about 95% of such ranges hold the true rate. Fewer batches, wider range.")),
        ("p", pValue, Bilingual("若两组真实合格率相同，仅凭抽样波动出现至少这么大差异的概率；小于 0.05 称“差异显著”。",
                                "The chance of a difference at least this large if the two groups' true rates were the same; below 0.05 the difference is called significant.")),
        ("q", qValue, Bilingual("同时检验很多地区时校正后的 p 值（Benjamini–Hochberg）：q < 0.05 的名单中误报约不超过 5%。",
                                "The p-value corrected for testing many regions at once (Benjamini–Hochberg): a list of those with q < 0.05 holds at most about 5% false alarms.")),
        ("funnel", funnel, Bilingual("把各地区与上级合格率比较的图：批次越多，随机波动越小，控制限越窄；超出 99.8% 控制限即“超出随机波动”。",
                                     "A chart comparing each region with its parent's rate: the more batches, the less chance variation and the narrower the limits; beyond the 99.8% limits means beyond chance.")),
        ("eb", shrunkRate, Bilingual("把批次少的地区的合格率向同组平均值适度拉近后的估计，用于排名，使 5 批全合格不会排在 990/1000 之前。",
                                     "A pass rate pulled towards the group's average as far as its few batches warrant, for ranking: 5 of 5 does not outrank 990 of 1,000.")),
        ("deff", Bilingual("设计效应（企业聚类）", "Design effect (enterprises)"),
         Bilingual("同一企业的批次往往结果相似，信息少于同样数量的独立批次；设计效应为 2 表示这些批次只相当于一半数量的独立批次。",
                   "Batches of one enterprise tend to share results, so they carry less information than as many independent batches; a design effect of 2 means they are worth half as many.")),
        ("progress", progress, Bilingual("（最新值 − 基线值）÷（目标值 − 基线值）：已走完的路程。", "(latest − baseline) ÷ (target − baseline): how much of the way is done.")),
        ("elapsed", timeElapsed, Bilingual("（当年 − 基线年）÷（目标年 − 基线年）：已用去的时间；进度低于时间进度即落后。",
                                          "(this year − baseline year) ÷ (target year − baseline year): how much of the time is gone; progress below it is behind schedule.")),
        ("projected", projected, Bilingual("按近年趋势直线外推、达到目标的年份；按当前趋势无法达到时注明。",
                                           "The year the target is reached if the recent trend continues in a straight line; said when it never is.")),
        ("eurostat", eurostat, Bilingual("欧盟统计局评估目标进展的方法：实际年均变化与达标所需年均变化之比，分为显著进展、适度进展、进展不足、偏离目标。",
                                         "Eurostat's way of grading progress: the actual yearly change against the yearly change the target needs — significant, moderate, insufficient progress, or moving away.")),
        ("pchart", Bilingual("p 图", "p-chart"), Bilingual("按季度或月份画出合格率与其控制限（中心线 ± 3 倍标准差）；超出控制限或连续多点在中心线一侧说明过程有变化。",
                                                          "The pass rate by quarter or month with its control limits (centre ± 3 standard errors); a point beyond them, or many in a row on one side, means the process changed.")),
    ]
    /// The glossary entry a table header stands for, if any.
    static func glossaryAnchor(_ header: String, _ lang: Language) -> String? {
        glossary.first { $0.term(lang) == header }.map { "g-\($0.id)" }
    }
}
