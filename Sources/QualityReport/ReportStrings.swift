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
    public static func significance(_ p: Double?) -> Bilingual {
        guard let p else { return Bilingual("", "") }
        let ps = p < 0.001 ? "p < 0.001" : String(format: "p = %.3f", p)
        return p < 0.05 ? Bilingual("差异显著，\(ps)", "significant, \(ps)") : Bilingual("差异不显著，\(ps)", "not significant, \(ps)")
    }

    // MARK: Plans and inspections (issue 5)

    public static func kindName(_ kind: String) -> Bilingual {
        switch kind {
        case "inspections": return Bilingual("监督检查记录", "Inspection records")
        case "regional_statistics": return Bilingual("地区统计数据", "Regional statistics")
        case "register": return Bilingual("企业名录", "Enterprise register")
        default: return Bilingual("抽查结果", "Sampling results")
        }
    }

    public static let targets = Bilingual("规划目标进度", "Plan targets: progress")
    public static let target = Bilingual("目标", "Target")
    public static let latestValue = Bilingual("最新值", "Latest")
    public static let baseline = Bilingual("基线", "Baseline")
    public static let targetValue = Bilingual("目标值", "Target value")
    public static let progress = Bilingual("进度", "Progress")
    public static let timeElapsed = Bilingual("时间进度", "Time elapsed")
    public static let statusLabel = Bilingual("状态", "Status")
    public static let eurostat = Bilingual("Eurostat 评估", "Eurostat assessment")
    public static let projected = Bilingual("预计达成年份", "Projected year")
    public static let notOnTrend = Bilingual("按当前趋势无法达成", "not on current trend")
    public static let keepRising = Bilingual("持续提高（无量化目标）", "keep rising (no number)")
    public static let keepFalling = Bilingual("持续降低（无量化目标）", "keep falling (no number)")
    public static let inspectionsTitle = Bilingual("监督检查", "Inspections")
    public static let inspectionsCount = Bilingual("检查次数", "Inspections")
    public static let hazardsFound = Bilingual("发现隐患", "Hazards found")
    public static let rectificationRate = Bilingual("隐患整改率", "Hazards rectified")
    public static let countyCoverage = Bilingual("县（区）覆盖率", "Counties covered")
    public static let townshipCoverage = Bilingual("乡镇覆盖率", "Townships covered")

    public static func status(_ s: TargetStatus) -> Bilingual {
        switch s {
        case .achievedWithConfidence: return Bilingual("已达成（超出抽样误差）", "achieved beyond sampling error")
        case .achieved: return Bilingual("已达成", "achieved")
        case .onTrack: return Bilingual("按期推进", "on track")
        case .offTrack: return Bilingual("进度落后", "off track")
        case .missedWithConfidence: return Bilingual("未达成（超出抽样误差）", "missed beyond sampling error")
        case .missed: return Bilingual("未达成", "missed")
        case .noData: return Bilingual("无数据", "no data")
        }
    }

    /// The status of a row as shown: a rate target that is achieved or
    /// missed says whether that holds beyond sampling error or within it.
    public static func status(of r: TargetRow) -> Bilingual {
        guard r.interval != nil else { return status(r.status) }
        switch r.status {
        case .achieved: return Bilingual("已达成（抽样误差内）", "achieved, within sampling error")
        case .missed: return Bilingual("未达成（抽样误差内）", "missed, within sampling error")
        default: return status(r.status)
        }
    }

    /// The projected year as shown: "—" where no trend is defined (every-year
    /// and direction-only targets, no data, the baseline year itself).
    public static func projection(of r: TargetRow) -> Bilingual {
        let t = r.target
        if let y = r.projectedYear { return Bilingual(String(y), String(y)) }
        if t.everyYear || !t.quantified || r.status == .noData || r.year == r.baselineYear { return Bilingual("—", "—") }
        return notOnTrend
    }

    public static func eurostatCategory(_ c: EurostatCategory) -> Bilingual {
        switch c {
        case .significantProgress: return Bilingual("显著进展", "significant progress")
        case .moderateProgress: return Bilingual("中等进展", "moderate progress")
        case .insufficientProgress: return Bilingual("进展不足", "insufficient progress")
        case .movementAway: return Bilingual("偏离目标", "movement away")
        case .moderateMovementAway: return Bilingual("轻度偏离", "moderate movement away")
        case .significantMovementAway: return Bilingual("显著偏离", "significant movement away")
        }
    }

    /// "Targets: 5 achieved or on track, 2 off track (…)" for the latest year of each target × region; nil without a plan.
    public static func targetSummary(_ rows: [TargetRow]) -> Bilingual? {
        guard !rows.isEmpty else { return nil }
        let latest = TargetProgress.latest(rows)
        let good = latest.filter { $0.onTrack == true }.count
        let bad = latest.filter { $0.onTrack == false }.sorted { ($0.target.id, $0.regionCode) < ($1.target.id, $1.regionCode) }
        let none = latest.filter { $0.onTrack == nil }.sorted { ($0.target.id, $0.regionCode) < ($1.target.id, $1.regionCode) }
        func names(_ rows: [TargetRow]) -> String {
            rows.prefix(5).map { "\($0.target.id) \($0.regionName)" }.joined(separator: ", ") + (rows.count > 5 ? ", …" : "")
        }
        let list = names(bad), missing = names(none)
        return Bilingual("规划目标：\(good) 项已达成或按期推进，\(bad.count) 项落后或未达成\(bad.isEmpty ? "" : "（\(list)）")"
                            + (none.isEmpty ? "" : "，\(none.count) 项无数据（\(missing)）"),
                         "Targets: \(good) achieved or on track, \(bad.count) off track or missed\(bad.isEmpty ? "" : " (\(list))")"
                            + (none.isEmpty ? "" : ", \(none.count) without data (\(missing))"))
    }

    // MARK: Dashboard (issue 8)

    public static let showData = Bilingual("查看数据表", "Show the data")
    public static let regionPages = Bilingual("地区页面", "Region pages")
    public static let rankIntervalCaption = Bilingual("指数排名：圆点为排名，横线为蒙特卡罗 5%–95% 排名区间（含权重、方法与抽样误差的不确定性），右侧为得分", "Index ranking: dot = rank, line = Monte Carlo 5–95% rank interval (weights, methods and sampling error), score at the right")
    public static let targetsOnTrack = Bilingual("规划目标", "Plan targets")
    public static func targetsCard(good: Int, bad: Int, noData: Int = 0) -> Bilingual {
        Bilingual("\(good) 项达成或按期 · \(bad) 项落后" + (noData > 0 ? " · \(noData) 项无数据" : ""),
                  "\(good) achieved or on track · \(bad) off track" + (noData > 0 ? " · \(noData) without data" : ""))
    }
    public static let notesMethods = Bilingual("方法与参考文献见 docs/methods.md；各表各列的含义见 docs/tables.md；每个数字均可由 tables/ 目录下的 CSV 复现。",
                                               "Methods and references: docs/methods.md; every column: docs/tables.md; every number can be reproduced from the CSV files in tables/.")

    /// Chinese sheet names (≤ 31 characters) for tables.xlsx.
    public static func sheetName(_ table: String) -> String {
        [
            "pass_rate_by_year": "按年度", "pass_rate_by_region": "按地区", "pass_rate_by_region_level": "地区×抽查级别",
            "pass_rate_by_product": "按产品", "pass_rate_by_level": "按抽查级别", "pass_rate_by_channel": "按抽样环节",
            "pass_rate_by_enterprise_size": "按企业规模", "pass_rate_by_agency": "按承检机构", "enterprise_summary": "企业合格率",
            "repeat_failures": "多次不合格企业", "follow_up": "跟踪抽查", "failed_items": "不合格项目", "control_chart": "控制图",
            "data_quality": "数据质量", "rejects": "拒收行", "targets": "规划目标", "index_scores": "质量竞争力指数", "index_audit": "指数审计",
            "inspections_by_region": "监督检查_地区", "inspections_by_type": "监督检查_类型", "inspections_by_risk": "监督检查_风险等级",
            "notes": "说明",
        ][table] ?? table
    }
    public static let trendCaption = Bilingual("批次合格率及其 95% 置信区间（阴影；越高越好）", "Batch pass rate with its 95% interval (shaded; higher is better)")
    public static let targetLine = Bilingual("目标", "target")
    public static let citiesRankedCaption = Bilingual("各地市合格率排序（横线为 95% 置信区间，竖线为全省合格率；▲▼ 表示超出漏斗图 99.8% 控制限）", "Cities ranked by pass rate (whiskers: 95% CI; vertical line: the province; ▲▼ beyond the 99.8% funnel limits)")
    public static let funnelCaption = Bilingual("漏斗图：合格率与检验批次（实线 99.8%、虚线 95% 控制限，✕ 为超出 99.8% 的地市）", "Funnel plot: pass rate against batches tested (solid: 99.8% limits, dashed: 95%; ✕ beyond 99.8%)")
    public static let tilesCaption = Bilingual("地市方块图（每个方块一个地市，颜色越深合格率越高，数值写在方块中；不是地图）", "City tiles (one square per city, darker = higher pass rate, the value written inside; not a map)")
    public static let pChartCaption = Bilingual("合格率 p 控制图（中心线与 3σ 控制限；✕ 为信号点）", "p-chart of the pass rate (centre line and 3σ limits; ✕ marks a signal)")
    public static let progressCaption = Bilingual("目标进度（条为进度，竖线为时间进度）", "Target progress (bar: progress; tick: time elapsed)")
    public static let batchesTestedAxis = Bilingual("检验批次（对数刻度）", "batches tested (log scale)")
    public static let higherIsBetter = Bilingual("越高越好", "higher is better")

    // MARK: Composite index (issue 6)

    public static let score = Bilingual("得分", "Score")
    public static let rank = Bilingual("排名", "Rank")
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

    public static func indexVsParent(_ name: String, score: Double, parent: String, diff: Double) -> Bilingual {
        let d = NumberText.fixed(abs(diff), 2), sc = NumberText.fixed(score, 2)
        return Bilingual("\(name)得分 \(sc)，\(diff >= 0 ? "高于" : "低于")\(parent) \(d) 分。", "\(name) scores \(sc), \(d) points \(diff >= 0 ? "above" : "below") \(parent).")
    }

    // MARK: Findings (issue 4)

    public static let findings = Bilingual("主要发现", "Findings")
    public static let funnel = Bilingual("漏斗图位置", "Funnel position")
    public static let shrunkRate = Bilingual("收缩合格率（EB）", "Shrunken rate (EB)")
    public static let agencies = Bilingual("承检机构比较（按产品间接标准化，预期不合格 ≥ 5 批）", "Testing agencies, standardised by product (≥ 5 expected failures)")
    public static let agency = Bilingual("承检机构", "Testing agency")
    public static let expectedFailures = Bilingual("预期不合格", "Expected failures")
    public static let failureRatio = Bilingual("不合格比（实际/预期）", "Failure ratio (O/E)")
    public static let controlChart = Bilingual("合格率控制图（p 图）", "Control chart of the pass rate (p-chart)")
    public static let periodLabel = Bilingual("期间", "Period")
    public static let centreLine = Bilingual("中心线", "Centre")
    public static let limits = Bilingual("控制限", "Limits")
    public static let signal = Bilingual("信号", "Signal")
    public static let repeatFailures = Bilingual("多次不合格企业（黑名单候选）", "Enterprises failing repeatedly (black-list candidates)")
    public static let enterprise = Bilingual("企业", "Enterprise")
    public static let failures = Bilingual("不合格次数", "Failures")
    public static let longestRun = Bilingual("最长连续不合格", "Longest run of failures")
    public static let lastFailure = Bilingual("最近不合格日期", "Last failure")
    public static let failedItems = Bilingual("主要不合格项目", "Most frequent failing items")
    public static let item = Bilingual("项目", "Item")
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
            "\(name) pass rate \(rate) (95% CI \(ci)), \(d) points \(above ? "above" : "below") \(parent), beyond the 99.8% funnel limit.")
    }

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

    public static func controlSignals(_ count: Int, period: String, list: String) -> Bilingual {
        count == 0
            ? Bilingual("按\(period)的合格率控制图（p 图）未发现超出控制限的点。", "The \(period) p-chart of the pass rate has no point beyond its limits.")
            : Bilingual("按\(period)的合格率控制图（p 图）中 \(count) 个期间超出 3σ 控制限：\(list)。",
                        "The \(period) p-chart of the pass rate has \(count) period(s) beyond the 3σ limits: \(list).")
    }

    public static func periodName(_ p: ChartPeriod) -> Bilingual {
        p == .quarter ? Bilingual("季度", "quarterly") : Bilingual("月度", "monthly")
    }

    public static func repeatSentence(_ n: Int, consecutive: Int, span: String) -> Bilingual {
        Bilingual("\(span) 期间 \(NumberText.count(n)) 家企业两次及以上抽查不合格（其中 \(NumberText.count(consecutive)) 家连续不合格），名单见 repeat_failures.csv。",
                  "\(NumberText.count(n)) enterprises failed in two or more samplings in \(span) (\(NumberText.count(consecutive)) of them consecutively); the list is in repeat_failures.csv.")
    }

    public static func followUpSentence(year: Int, failed: Int, resampled: Int, share: String, followRate: String) -> Bilingual {
        Bilingual("\(year) 年有不合格批次的 \(NumberText.count(failed)) 家企业中，\(NumberText.count(resampled)) 家（\(share)）在首次不合格后 12 个月内被再次抽查；跟踪抽查批次合格率 \(followRate)。",
                  "Of the \(NumberText.count(failed)) enterprises with a failed batch in \(year), \(NumberText.count(resampled)) (\(share)) were sampled again within 12 months of their first failure; follow-up batches passed at \(followRate).")
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
            - 排名时给出经验贝叶斯收缩合格率：对同组单位以 beta-二项分布极大似然拟合先验 Beta(α₀, β₀)，收缩合格率 = (α₀ + 合格)/(α₀ + β₀ + 检验)，样本少的单位向组均值靠拢（5/5 不会排在 990/1000 之前）；Tarone 过度离散得分（整数精确计算）≤ 0 时全部收缩到合并合格率，各单位合格率均为 0 或 1 时似然无有限极大值，不作收缩。
            - 控制图（p 图，可变样本量）：中心线 p̄ = Σ合格 ÷ Σ检验，控制限 p̄ ± 3√(p̄(1−p̄)/n)，并标出连续 \(o.runLength) 点位于中心线同侧、3 点中 2 点超出 2σ 的信号（西电规则）。
            - 多次不合格企业：期内两次及以上抽查不合格的企业（按日期排序，另记最长连续不合格次数）；跟踪抽查：首次不合格后 12 个月内再次被抽查的企业比例，数据截止不足 12 个月的年度注明窗口不完整。
            """,
            base.en.replacingOccurrences(of: "{interval}", with: interval.en) + """

            - Funnel plots (Spiegelhalter 2005): regions under one parent are compared with the parent's rate, with exact binomial 95% and 99.8% limits (interpolated quantiles) by batches tested; overdispersion φ is estimated from z-scores winsorised at the 10th/90th percentiles and declared when I·φ exceeds the 95% point of χ²(I−1); limits are then \(adjust.en).
            - Testing agencies are compared by indirect standardisation by product: expected failures = Σ over products of batches tested × the product's failure rate across all agencies that year; the failure ratio (observed ÷ expected) is plotted on a Poisson funnel around 1, so an agency that tests harder products is not flagged for it.
            - Where units are ranked, an empirical-Bayes shrunken rate is shown: a Beta(α₀, β₀) prior fitted to the group by beta-binomial maximum likelihood; shrunken rate = (α₀ + passed)/(α₀ + β₀ + tested), so 5/5 does not outrank 990/1000; where Tarone's overdispersion score (exact, in integers) is ≤ 0 every unit is shrunk to the pooled rate, and where every rate is 0 or 1 the likelihood has no finite maximum and nothing is shrunk.
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
        - 较上年变化以百分点表示，显著性用双比例 z 检验（合并方差）；任一期望频数小于 5 时改用 Fisher 精确检验（Cochran 准则），避免小样本误判。
        - 与上级地区的差值 = 本地区合格率 − 上级地区合格率；p 值检验本地区与上级地区其余部分的差异（本地区是上级的一部分，不能与包含自身的总数直接检验）。
        - 地区按 GB/T 2260 代码逐级汇总：县级批次同时计入所属地市和省份。
        """,
        """
        - Batch pass rate = passed ÷ batches tested. Refused, unlicensed, untested and revoked batches count as sampled but not as tested (not in the denominator).
        - Rows with the same batch id (one per failed item) are one batch; their failed items are unioned; exact duplicate rows count once; a batch whose rows disagree on the result is rejected whole.
        - Enterprise pass rate = enterprises all of whose tested batches in the period passed ÷ enterprises with at least one tested batch (enterprises keyed by unified social credit code, else by name).
        - Intervals: {interval}.
        - Change against the previous year in percentage points; significance by the two-proportion z-test with pooled variance, or Fisher's exact test when any expected cell count is below 5 (Cochran's rule), so small units are not misjudged.
        - Difference from the parent region = the region's rate − the parent's rate; its p-value tests the region against the rest of the parent (a region is part of its parent and cannot be tested against a total that contains it).
        - Regions roll up through GB/T 2260: a county's batches also count in its city and province.
        """)
}
