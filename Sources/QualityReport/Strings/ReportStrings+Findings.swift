import QualityData
import QualityIndicators

/// Findings (issue 4): the labels and sentences of that part of the report, zh and en.
extension ReportStrings {

    public static let findings = Bilingual("主要发现", "Findings")
    public static let funnel = Bilingual("漏斗图位置", "Funnel position")
    public static let shrunkRate = Bilingual("收缩合格率（EB）", "Shrunken rate (EB)")
    public static let agencies = Bilingual("承检机构比较（按产品间接标准化，预期不合格 ≥ 5 批）", "Testing agencies, standardised by product (≥ 5 expected failures)")
    public static let agency = Bilingual("承检机构", "Testing agency")
    public static let failureRatio = Bilingual("不合格比（实际/预期）", "Failure ratio (O/E)")
    public static let controlChart = Bilingual("合格率控制图（p 图）", "Control chart of the pass rate (p-chart)")
    public static let periodLabel = Bilingual("期间", "Period")
    public static let centreLine = Bilingual("中心线", "Centre")
    public static let limits = Bilingual("控制限", "Limits")
    public static let signal = Bilingual("信号", "Signal")
    public static let repeatFailures = Bilingual("重点关注企业（统计筛查）", "Enterprises for follow-up (statistical screen)")
    public static let screenCaveat = Bilingual(
        "按证据排序：实际不合格次数对比按其产品当年不合格率推算的预期次数（间接标准化），p 为泊松分布下不少于实际次数的概率。此为安排跟踪抽查的统计筛查，不认定企业违法或产品质量低劣；p 值未作多重比较校正。",
        "Enterprises failing twice or more, ordered by the evidence: their failures against those their products' failure rates imply (indirect standardisation); p is the Poisson probability of at least as many. A statistical screen for planning follow-up sampling — it does not establish a violation or poor products; sampling aims at risk, and the p-values are not adjusted for the enterprises screened.")
    public static let enterprise = Bilingual("企业", "Enterprise")
    public static let expectedFailures = Bilingual("预期不合格", "Expected failures")
    public static let failures = Bilingual("不合格次数", "Failures")
    public static let longestRun = Bilingual("最长连续不合格", "Longest run of failures")
    public static let lastFailure = Bilingual("最近不合格日期", "Last failure")
    public static let failedItems = Bilingual("主要不合格项目", "Most frequent failing items")
    public static let item = Bilingual("项目", "Item")
    public static let itemClass = Bilingual("类别", "Class")
    /// An item class of the bundled table by name, zh and en; a user's own class as written; none: "其他".
    public static func itemClassName(_ id: String?) -> Bilingual {
        let names: [String: Bilingual] = [
            "microbial": Bilingual("微生物", "microbial"), "heavy_metal": Bilingual("重金属", "heavy metal"),
            "additive": Bilingual("食品添加剂", "additive"), "electrical_safety": Bilingual("电气安全", "electrical safety"),
            "harmful_substance": Bilingual("有害物质", "harmful substance"), "labelling": Bilingual("标签标识", "labelling"),
            "residue": Bilingual("农药兽药残留", "pesticide or veterinary residue"),
        ]
        guard let id, id != ItemClasses.exclude else { return Bilingual("其他", "other") }
        return names[id] ?? Bilingual(id, id)
    }
    public static let shareOfFailed = Bilingual("占不合格批次比例", "Share of failed batches")
    public static let followUpTitle = Bilingual("跟踪抽查", "Follow-up sampling")

    public static func funnelFlag(_ f: FunnelFlag) -> Bilingual {
        switch f {
        case .within: return Bilingual("控制限内", "within limits")
        case .above95: return Bilingual("高于 95% 限", "above 95% limit")
        case .above998: return Bilingual("高于 99.8% 限", "above 99.8% limit")
        case .below95: return Bilingual("低于 95% 限", "below 95% limit")
        case .below998: return Bilingual("低于 99.8% 限", "below 99.8% limit")
        }
    }

    public static func pointSignals(_ p: PChartPoint) -> Bilingual {
        var zh: [String] = [], en: [String] = []
        if p.beyondLimits { zh.append("超出 3σ 控制限"); en.append("beyond the 3σ limits") }
        if p.run { zh.append("连续多点位于中心线同侧"); en.append("run on one side of the centre") }
        if p.twoOfThree { zh.append("3 点中 2 点超出 2σ"); en.append("2 of 3 beyond 2σ") }
        return Bilingual(zh.joined(separator: "；"), en.joined(separator: "; "))
    }

    /// "柳州市 pass rate 89.1% (95% CI 87.9–90.2), 1.9 points below Guangxi, beyond the 99.8% funnel limit".
    public static func regionBeyondFunnel(name: String, rate: String, ci: String, diff: Double, parent: String, above: Bool) -> Bilingual {
        let d = NumberText.fixed(abs(diff), 1)
        return Bilingual(
            "\(name)批次合格率 \(rate)（95% CI \(ci)），\(above ? "高于" : "低于")\(parent) \(d) 个百分点，超出漏斗图 99.8% 控制限。",
            "\(name) pass rate \(rate) (95% CI \(ci)), \(d) percentage points \(above ? "above" : "below") \(parent), beyond the 99.8% funnel limit.")
    }

    /// How many regions the funnel flags, and how many chance alone would: each region outside its 99.8% limits with probability 0.2%.
    public static func funnelChance(flagged: Int, regions: Int) -> Bilingual {
        let expected = NumberText.fixed(Double(regions) * 0.002, 1)
        return Bilingual("漏斗图 99.8% 控制限：\(regions) 个省、市中 \(flagged) 个超出；若只有偶然波动，预计约 \(expected) 个。",
                         "Funnel 99.8% limits: \(flagged) of \(regions) provinces and cities beyond them; chance alone would put about \(expected) there.")
    }

    /// Said under a table whose units vary no more than binomial noise (no empirical-Bayes rates, no ranking by them).
    public static let noDetectableDifferences = Bilingual(
        "各单位合格率之间的差异不超过抽样波动（Tarone 检验）：未检出单位间的差异，不作收缩估计，也不据此排名。",
        "No detectable differences between units: their pass rates vary no more than sampling noise (Tarone's test), so no empirical-Bayes rate is shown and none is ranked.")

    public static let noRegionBeyond = Bilingual(
        "各地区合格率与上级地区的差异均在漏斗图 99.8% 控制限以内（不排除偶然波动）。",
        "No region differs from its parent beyond the 99.8% funnel limits (differences are within chance).")

    public static func agencyBeyond(_ name: String, observed: Int, expected: Double, ratio: Double, above: Bool) -> Bilingual {
        let e = NumberText.fixed(expected, 1), r = NumberText.fixed(ratio, 2)
        return above
            ? Bilingual("\(name)：不合格 \(observed) 批，按其所检产品预期 \(e) 批（比值 \(r)），超出漏斗图 99.8% 控制限，可列为复验核查对象。",
                        "\(name): \(observed) failures against \(e) expected from the products it tested (ratio \(r)), beyond the 99.8% funnel limit — a candidate for re-test checks.")
            : Bilingual("\(name)：不合格 \(observed) 批，按其所检产品预期 \(e) 批（比值 \(r)），低于漏斗图 99.8% 控制限，检出率偏低，值得核查。",
                        "\(name): \(observed) failures against \(e) expected from the products it tested (ratio \(r)), below the 99.8% funnel limit — finds fewer failures than its products imply.")
    }

    /// Points beyond the 3σ limits and run-rule signals (a run on one side,
    /// 2 of 3 beyond 2σ) of one control chart, each counted and listed.
    public static func controlSignals(beyond: Int, beyondList: String, runs: Int, runList: String, period: String, laney: Bool) -> Bilingual {
        let chart = laney ? Bilingual("Laney p′ 图", "Laney p′ chart") : Bilingual("p 图", "p-chart")
        if beyond == 0 && runs == 0 {
            return Bilingual("按\(period)的合格率控制图（\(chart.zh)）未发现超出控制限的点，也没有连续同侧或 3 点中 2 点超出 2σ 的信号。",
                             "The \(period) \(chart.en) of the pass rate has no point beyond its limits and no run-rule signal.")
        }
        var zh: [String] = [], en: [String] = []
        if beyond > 0 { zh.append("\(beyond) 个期间超出 3σ 控制限：\(beyondList)"); en.append("\(beyond) period(s) beyond the 3σ limits: \(beyondList)") }
        if runs > 0 {
            zh.append("\(runs) 个期间出现趋势信号（连续同侧或 3 点中 2 点超出 2σ）：\(runList)")
            en.append("\(runs) period(s) with a run-rule signal (a run on one side, or 2 of 3 beyond 2σ): \(runList)")
        }
        return Bilingual("按\(period)的合格率控制图（\(chart.zh)）中 " + zh.joined(separator: "；") + "。",
                         "The \(period) \(chart.en) of the pass rate has " + en.joined(separator: "; ") + ".")
    }

    public static func periodName(_ p: ChartPeriod) -> Bilingual {
        p == .quarter ? Bilingual("季度", "quarterly") : Bilingual("月度", "monthly")
    }

    public static func repeatSentence(_ n: Int, consecutive: Int, beyond: Int, span: String) -> Bilingual {
        Bilingual("\(span) 期间 \(NumberText.count(n)) 家企业两次及以上抽查不合格（其中 \(NumberText.count(consecutive)) 家连续不合格；\(NumberText.count(beyond)) 家的不合格次数超出其产品不合格率所能解释的范围，p < 0.001），名单见 repeat_failures.csv。",
                  "\(NumberText.count(n)) enterprises failed in two or more samplings in \(span) (\(NumberText.count(consecutive)) of them consecutively; \(NumberText.count(beyond)) more often than their products' failure rates explain, p < 0.001); the list is in repeat_failures.csv.")
    }

    /// `followRate` nil (no follow-up batch marked in the data): the sentence leaves that clause out.
    public static func followUpSentence(year: Int, failed: Int, resampled: Int, share: String, followRate: String?) -> Bilingual {
        let zh = followRate.map { "；跟踪抽查批次合格率 \($0)" } ?? ""
        let en = followRate.map { "; follow-up batches passed at \($0)" } ?? ""
        return Bilingual("\(year) 年有不合格批次的 \(NumberText.count(failed)) 家企业中，\(NumberText.count(resampled)) 家（\(share)）在首次不合格后 12 个月内被再次抽查\(zh)。",
                         "Of the \(NumberText.count(failed)) enterprises with a failed batch in \(year), \(NumberText.count(resampled)) (\(share)) were sampled again within 12 months of their first failure\(en).")
    }

    public static func itemsSentence(year: Int, list: String) -> Bilingual {
        Bilingual("\(year) 年最常见的不合格项目：\(list)。", "Most frequent failing items in \(year): \(list).")
    }

    public static func methodsText(_ o: AnalysisOptions) -> Bilingual {
        let interval: Bilingual
        switch o.interval {
        case .wilson: interval = Bilingual("Wilson 得分区间（95%，不作连续性校正）", "Wilson score interval, 95%, no continuity correction")
        case .jeffreys: interval = Bilingual("Jeffreys 区间（Beta(x+½, n−x+½) 分位数，x = 0 时下限取 0、x = n 时上限取 1）", "Jeffreys interval (Beta(x+½, n−x+½) quantiles; lower 0 at x = 0, upper 1 at x = n)")
        case .clopperPearson: interval = Bilingual("Clopper–Pearson 精确区间（95%）", "Clopper–Pearson exact interval, 95%")
        case .cluster:
            interval = Bilingual("按企业聚类的 Wilson 区间（95%）：批次合格率的检验批次数与合格批次数除以企业设计效应（Rao–Scott 1992），与上年及上级的比较、漏斗图均用此有效批次数；设计效应小于 1 时按 1 计",
                                 "Wilson interval at the effective counts of enterprises as clusters, 95%: a batch pass rate's batches tested and passed divided by the enterprises' design effect (Rao & Scott 1992), with the comparisons on the previous year and the parent and the funnels on the same effective batches; a design effect below 1 taken as 1")
        }
        let adjust: Bilingual
        switch o.funnelAdjustment {
        case .multiplicative: adjust = Bilingual("存在过度离散时按乘法因子 φ 放宽控制限", "widened by the multiplicative factor φ when overdispersed")
        case .additive: adjust = Bilingual("存在过度离散时按加性随机效应 τ² 放宽控制限", "widened by the additive random effect τ² when overdispersed")
        case .none: adjust = Bilingual("不作过度离散调整", "never adjusted for overdispersion")
        }
        let base = methodsBase
        return Bilingual(
            base.zh.replacingOccurrences(of: "{interval}", with: interval.zh) + """

            - 漏斗图（Spiegelhalter 2005）：同一上级下的各地区以上级合格率为目标值，按检验批次给出 95% 与 99.8% 精确二项控制限（分位数插值）；以 10%/90% 缩尾的 z 值估计过度离散 φ，I·φ 超过 χ²(I−1) 的 95% 分位数即判定过度离散，\(adjust.zh)。
            - 承检机构按产品间接标准化：预期不合格批次 = Σ 各产品检验批次 × 该产品当年全部机构的不合格率；不合格比（实际 ÷ 预期）以 1 为目标作泊松漏斗图，检验难度高的产品不会使机构被误判。
            - 排名时给出经验贝叶斯收缩合格率：对同组单位以 beta-二项分布极大似然拟合先验 Beta(α₀, β₀)，收缩合格率 = (α₀ + 合格)/(α₀ + β₀ + 检验)，样本少的单位向组均值靠拢；区间计入先验参数本身的不确定性（Kass–Steffey 1989），且不窄于合并合格率的区间；Tarone 过度离散得分（整数精确计算）≤ 0 时未检出单位间差异，不作收缩、不排名；各单位合格率均为 0 或 1 时似然无有限极大值，不作收缩。
            - 控制图（p 图，可变样本量）：中心线 p̄ = Σ合格 ÷ Σ检验，控制限 p̄ ± 3√(p̄(1−p̄)/n)，并标出连续 \(o.runLength) 点位于中心线同侧、3 点中 2 点超出 2σ 的信号（西电规则）。
            - 多次不合格企业：期内两次及以上抽查不合格的企业（按日期排序，另记最长连续不合格次数）；跟踪抽查：首次不合格后 12 个月内再次被抽查的企业比例，数据截止不足 12 个月的年度注明窗口不完整。
            """,
            base.en.replacingOccurrences(of: "{interval}", with: interval.en) + """

            - Funnel plots (Spiegelhalter 2005): regions under one parent are compared with the parent's rate, with exact binomial 95% and 99.8% limits (interpolated quantiles) by batches tested; overdispersion φ is estimated from z-scores winsorised at the 10th/90th percentiles and declared when I·φ exceeds the 95% point of χ²(I−1); limits are then \(adjust.en).
            - Testing agencies are compared by indirect standardisation by product: expected failures = Σ over products of batches tested × the product's failure rate across all agencies that year; the failure ratio (observed ÷ expected) is plotted on a Poisson funnel around 1, so an agency that tests harder products is not flagged for it.
            - Where units are ranked, an empirical-Bayes shrunken rate is shown: a Beta(α₀, β₀) prior fitted to the group by beta-binomial maximum likelihood; shrunken rate = (α₀ + passed)/(α₀ + β₀ + tested), so 5/5 does not outrank 990/1000; its interval carries the uncertainty of the fitted prior itself (Kass–Steffey 1989) and is never narrower than the pooled rate's; where Tarone's overdispersion score (exact, in integers) is ≤ 0 no difference between units is detected and nothing is shrunk or ranked; where every rate is 0 or 1 the likelihood has no finite maximum and nothing is shrunk.
            - Control chart (p-chart, variable n): centre p̄ = Σpassed ÷ Σtested, limits p̄ ± 3√(p̄(1−p̄)/n), with the Western Electric signals \(o.runLength) successive points on one side of the centre and 2 of 3 beyond 2σ.
            - Repeat failures: enterprises failing in two or more samplings in the period (in date order, with the longest run of consecutive failures); follow-up: the share of failing enterprises sampled again within 12 months of their first failure, marked incomplete where the data end sooner.
            """)
    }

    static let methodsBase = Bilingual(
        """
        - 批次合格率 = 合格批次 ÷ 检验批次；拒检、无证无照、未检、撤销等批次计入抽查批次，不计入检验批次（分母）。
        - 同一抽样编号的多行（每个不合格项目一行）合并为一个批次，不合格项目取并集；内容完全相同的重复行只计一次；检验结论相互矛盾的批次整体拒收。
        - 企业合格率 = 期内所有检验批次均合格的企业数 ÷ 至少有一个检验批次的企业数（按统一社会信用代码识别企业，缺失时按企业名称）。
        - 置信区间：{interval}。
        - 同一企业的批次并不独立：deff 列为以企业为整群的设计效应（Kish 1965），有效批次数 = 检验批次 ÷ deff；--interval cluster 按有效批次数计算区间与检验。
        - 较上年变化以百分点表示，显著性用双比例 z 检验（合并方差）；任一期望频数小于 5 时改用 Fisher 精确检验（Cochran 准则），避免小样本误判。
        - 与上级地区的差值 = 本地区合格率 − 上级地区合格率；p 值检验本地区与上级地区其余部分的差异（本地区是上级的一部分，不能与包含自身的总数直接检验）。
        - 地区按 GB/T 2260 代码逐级汇总：县级批次同时计入所属地市和省份。
        """,
        """
        - Batch pass rate = passed ÷ batches tested. Refused, unlicensed, untested and revoked batches count as sampled but not as tested (not in the denominator).
        - Rows with the same batch id (one per failed item) are one batch; their failed items are unioned; exact duplicate rows count once; a batch whose rows disagree on the result is rejected whole.
        - Enterprise pass rate = enterprises all of whose tested batches in the period passed ÷ enterprises with at least one tested batch (enterprises keyed by unified social credit code, else by name).
        - Intervals: {interval}.
        - Batches of one enterprise are not independent: the deff column is the design effect of enterprises as clusters (Kish 1965), effective batches = batches tested ÷ deff; `--interval cluster` bases intervals and tests on them.
        - Change against the previous year in percentage points; significance by the two-proportion z-test with pooled variance, or Fisher's exact test when any expected cell count is below 5 (Cochran's rule), so small units are not misjudged.
        - Difference from the parent region = the region's rate − the parent's rate; its p-value tests the region against the rest of the parent (a region is part of its parent and cannot be tested against a total that contains it).
        - Regions roll up through GB/T 2260: a county's batches also count in its city and province.
        """)
}
