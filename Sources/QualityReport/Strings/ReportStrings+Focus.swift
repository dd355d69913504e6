import QualityData
import QualityIndicators

/// The first screen about one region (issue 17): labels and sentences, zh and en.
extension ReportStrings {
    public static func focusTitle(_ name: String, year: Int) -> Bilingual {
        Bilingual("重点地区：\(name)（\(year) 年）", "Focus: \(name) (\(year))")
    }
    public static func focusRate(_ name: String, year: Int) -> Bilingual {
        Bilingual("\(name) \(year) 年批次合格率", "\(name): batch pass rate \(year)")
    }
    /// "全国 92.69%，低 0.78 个百分点（差异显著，p = 0.004）"
    public static func versusParent(_ parent: String, rate: String, diff: Double, p: Double?) -> Bilingual {
        let points = NumberText.fixed(abs(diff), 2)
        let zhWay = diff >= 0 ? "高" : "低", enWay = diff >= 0 ? "above" : "below"
        let sig = plainSignificance(p)
        return Bilingual("\(parent) \(rate)，\(zhWay) \(points) 个百分点" + (p == nil ? "" : "，\(sig.zh)"),
                         "\(parent) \(rate); \(points) percentage points \(enWay)" + (p == nil ? "" : ", \(sig.en)"))
    }
    /// The overview's title, naming what all the data cover (``DataScope``).
    public static func headlineAll(_ scope: Bilingual) -> Bilingual { Bilingual("总体情况（\(scope.zh)）", "Overview (\(scope.en))") }

    /// The headline target's verdict in words: "未达到 ≥ 93.0% 目标（2020 年），差 1.1 个百分点，差距在抽样误差之外".
    public static func verdict(_ r: TargetRow, value: String, target: String, gapPoints: Double?) -> Bilingual {
        let t = r.target
        let goal = (t.direction == .atLeast ? "≥ " : (t.direction == .atMost ? "≤ " : "= ")) + target
        let when = t.targetYear.map { ("（\($0) 年）", " (\($0))") } ?? ("", "")
        let gap = gapPoints.map { NumberText.fixed(abs($0), 1) }
        // A statistic (a count, no interval) has no sampling error to speak of.
        if r.interval == nil && (r.status == .achieved || r.status == .missed) {
            return r.status == .achieved
                ? Bilingual("已达到 \(goal) 目标\(when.0)：\(value)", "\(goal) target\(when.1) met: \(value)")
                : Bilingual("未达到 \(goal) 目标\(when.0)：\(value)\(gap.map { "，差 \($0) 个百分点" } ?? "")",
                            "\(goal) target\(when.1) missed: \(value)\(gap.map { ", \($0) percentage points short" } ?? "")")
        }
        switch r.status {
        case .achievedWithConfidence:
            return Bilingual("已达到 \(goal) 目标\(when.0)：\(value)，在抽样误差之外", "\(goal) target\(when.1) met: \(value), beyond sampling error")
        case .achieved:
            return Bilingual("已达到 \(goal) 目标\(when.0)：\(value)，但在抽样误差之内", "\(goal) target\(when.1) met: \(value), within sampling error")
        case .missedWithConfidence:
            return Bilingual("未达到 \(goal) 目标\(when.0)：\(value)\(gap.map { "，差 \($0) 个百分点" } ?? "")，差距在抽样误差之外",
                             "\(goal) target\(when.1) missed: \(value)\(gap.map { ", \($0) percentage points short" } ?? ""), beyond sampling error")
        case .missed:
            return Bilingual("未达到 \(goal) 目标\(when.0)：\(value)\(gap.map { "，差 \($0) 个百分点" } ?? "")，差距在抽样误差之内",
                             "\(goal) target\(when.1) missed: \(value)\(gap.map { ", \($0) percentage points short" } ?? ""), within sampling error")
        case .onTrack:
            return Bilingual("\(goal) 目标\(when.0)按期推进：\(value)", "on track for the \(goal) target\(when.1): \(value)")
        case .offTrack:
            return Bilingual("\(goal) 目标\(when.0)进度落后：\(value)", "behind schedule for the \(goal) target\(when.1): \(value)")
        case .noData:
            return Bilingual("\(goal) 目标\(when.0)：无数据", "\(goal) target\(when.1): no data")
        }
    }
    public static let headlineTarget = Bilingual("规划目标", "Plan target")
    /// The focus chart: the headline target's way from its baseline.
    public static func targetPathTitle(_ name: String, _ target: String) -> Bilingual {
        Bilingual("\(name) · \(target)：从基线到目标", "\(name) · \(target): from the baseline to the target")
    }
    public static let targetPathCaption = Bilingual(
        "圆点为各年度实际值，竖线为其 95% 置信区间；虚线为从基线到目标的直线路径（按期推进的参照）；横线为目标值；菱形为中期目标，空心圆为基线。",
        "Dots: the value of each year, with its 95% interval as a vertical line; dashed: the straight path from the baseline to the target (the pace that keeps it on schedule); horizontal line: the target; diamonds: milestones; open circle: the baseline.")
    public static func baselineLabel(_ year: Int) -> Bilingual { Bilingual("基线 \(year)", "baseline \(year)") }
    public static func targetLabel(_ t: PlanTarget) -> Bilingual {
        let goal = t.direction == .atLeast ? "≥" : (t.direction == .atMost ? "≤" : "=")
        return Bilingual("目标\(t.targetYear.map { " \($0)" } ?? "（每年）") \(goal)", "target\(t.targetYear.map { " \($0)" } ?? " (every year)") \(goal)")
    }
    public static let pathValue = Bilingual("直线路径值", "On the straight path")
    public static let milestone = Bilingual("中期目标", "Milestone")
    public static let focusTargets = Bilingual("本地区的规划目标", "This region's plan targets")
    public static let verdictWords = Bilingual("结论", "Verdict")
    /// "制造业产品监督抽查合格率（地市）：5 个地市中 2 个达标或按期推进"
    public static func childTargets(_ title: String, met: Int, of n: Int, level: Bilingual) -> Bilingual {
        Bilingual("\(title)：\(n) 个\(level.zh)中 \(met) 个已达标或按期推进", "\(title): \(met) of \(n) \(level.en) met or on track")
    }
    /// "未达成或落后的目标（3 项）：A、B、C"
    public static func missedTargets(_ names: [String], more: Int) -> Bilingual {
        let zh = names.joined(separator: "、"), en = names.joined(separator: "; ")
        return Bilingual("未达成或进度落后的目标（\(names.count + more) 项）：\(zh)\(more > 0 ? "，另有 \(more) 项" : "")",
                         "Targets missed or behind schedule (\(names.count + more)): \(en)\(more > 0 ? "; \(more) more" : "")")
    }
    public static let noMissedTargets = Bilingual("所有规划目标均已达成或按期推进。", "Every plan target is met or on track.")
    /// "合格率明显偏高的地市" — a place the funnel puts beyond chance; "（另有 2 个并列）" for ties.
    public static func highestPlace(_ level: Bilingual, tied: Int) -> Bilingual {
        Bilingual("合格率明显偏高的\(level.zh)" + (tied > 0 ? "（另有 \(tied) 个并列）" : ""),
                  "\(level.en.prefix(1).uppercased() + level.en.dropFirst()) above the rest beyond chance" + (tied > 0 ? " (\(tied) more tied)" : ""))
    }
    public static func lowestPlace(_ level: Bilingual, tied: Int) -> Bilingual {
        Bilingual("合格率明显偏低的\(level.zh)" + (tied > 0 ? "（另有 \(tied) 个并列）" : ""),
                  "\(level.en.prefix(1).uppercased() + level.en.dropFirst()) below the rest beyond chance" + (tied > 0 ? " (\(tied) more tied)" : ""))
    }
    public static func placesCompared(_ level: Bilingual) -> Bilingual { Bilingual("各\(level.zh)比较", "Each \(level.en) compared") }
    public static let noPlaceStandsOut = Bilingual("无明显差异", "None stands out")
    /// "最高 梧州市 96.97%，最低 钦州市 84.62%（检验 39 批）：差异都在随机波动之内（漏斗图 99.8% 控制限）"
    public static func placesRange(_ top: String, _ topRate: String, _ bottom: String, _ bottomRate: String, tested: Int) -> Bilingual {
        Bilingual("最高 \(top) \(topRate)，最低 \(bottom) \(bottomRate)（检验 \(NumberText.count(tested)) 批）；差异都在随机波动之内，不宜排名",
                  "highest \(top) \(topRate), lowest \(bottom) \(bottomRate) (\(NumberText.count(tested)) batches tested): every difference is within chance, so no ranking")
    }
    /// "指数排名（2020）：第 1 名 梧州市（得分 75.5，排名区间 1–3）；末位 来宾市（…）"
    public static func indexEnds(year: Int, top: String, bottom: String) -> Bilingual {
        Bilingual("质量指数排名（\(year) 年）：第 1 名 \(top)；末位 \(bottom)", "Index ranking (\(year)): first \(top); last \(bottom)")
    }
    public static func indexUnit(_ name: String, score: String, low: Int?, high: Int?) -> Bilingual {
        let range = low.flatMap { l in high.map { h in (l, h) } }
        return Bilingual("\(name)（得分 \(score)\(range.map { "，排名区间 \($0.0)–\($0.1)" } ?? "")）",
                         "\(name) (score \(score)\(range.map { ", rank interval \($0.0)–\($0.1)" } ?? ""))")
    }
}

/// The one-page bulletin (bulletin.html).
extension ReportStrings {
    /// A value in a bulletin's prose: "93%", "91.9%", "100%", "332" — no trailing ".0".
    static func proseValue(_ v: Double, rate: Bool) -> String {
        let s = rate ? NumberText.percent(v, digits: 1) : NumberText.fixed(v, v.rounded() == v ? 0 : 1)
        return s.replacingOccurrences(of: ".0%", with: "%")
    }
    /// A target's state in the manner of a bulletin (公报): "为 91.9%，比规划目标（≥ 93%，2020 年）低 1.1 个百分点，差距在抽样误差之内".
    public static func bulletinVerdict(_ r: TargetRow, rate: Bool) -> Bilingual {
        let t = r.target
        let sign = t.direction == .atLeast ? "≥ " : (t.direction == .atMost ? "≤ " : "")
        let goal = Bilingual("\(sign)\(proseValue(t.targetValue, rate: rate))\(t.targetYear.map { "，\($0) 年" } ?? "，每年")",
                             "\(sign)\(proseValue(t.targetValue, rate: rate))\(t.targetYear.map { ", \($0)" } ?? ", every year")")
        guard let v = r.value, t.quantified else {
            return r.value == nil ? Bilingual("无数据（规划目标 \(goal.zh)）", "no data (target \(goal.en))") : status(r.status)
        }
        let value = proseValue(v, rate: rate)
        let error: Bilingual? = r.interval == nil ? nil : {
            switch r.status {
            case .achievedWithConfidence, .missedWithConfidence: return Bilingual("，在抽样误差之外", ", beyond sampling error")
            case .achieved, .missed: return Bilingual("，在抽样误差之内", ", within sampling error")
            default: return nil
            }
        }()
        let gap = rate ? NumberText.fixed(abs(v - t.targetValue) * 100, 1) : NumberText.fixed(abs(v - t.targetValue), v.rounded() == v ? 0 : 1)
        let unit = rate ? Bilingual(" 个百分点", " percentage points") : Bilingual("", "")
        let below = v < t.targetValue
        switch r.status {
        case .achieved, .achievedWithConfidence:
            return Bilingual("为 \(value)，已达到规划目标（\(goal.zh)）\(error?.zh ?? "")", "\(value): the target (\(goal.en)) is met\(error?.en ?? "")")
        case .missed, .missedWithConfidence:
            return Bilingual("为 \(value)，比规划目标（\(goal.zh)）\(below ? "低" : "高") \(gap)\(unit.zh)\(error?.zh ?? "")",
                             "\(value): \(gap)\(unit.en) \(below ? "below" : "above") the target (\(goal.en))\(error?.en ?? "")")
        case .onTrack:
            return Bilingual("为 \(value)，按期向规划目标（\(goal.zh)）推进", "\(value): on schedule for the target (\(goal.en))")
        case .offTrack:
            return Bilingual("为 \(value)，进度落后于规划目标（\(goal.zh)）", "\(value): behind schedule for the target (\(goal.en))")
        case .noData:
            return Bilingual("无数据（规划目标 \(goal.zh)）", "no data (target \(goal.en))")
        }
    }
    public static let bulletinState = Bilingual("情况", "Where it stands")
    /// "广西壮族自治区市场监督管理局　2021-03-15 发布"
    public static func bulletinIssue(_ issue: PlanIssue) -> Bilingual? {
        guard issue.issuer != nil || issue.issued != nil else { return nil }
        return Bilingual([issue.issuer?.zh, issue.issued.map { "\($0) 发布" }].compactMap { $0 }.joined(separator: "　"),
                         [issue.issuer.map { "Issued by \($0.en)" }, issue.issued.map { $0 }].compactMap { $0 }.joined(separator: ", "))
    }
    public static func bulletinTitle(_ name: String, year: Int) -> Bilingual {
        Bilingual("\(name)产品质量监督抽查统计公报（\(year) 年）", "\(name): product quality supervision sampling, statistical bulletin \(year)")
    }
    public static let bulletinSummary = Bilingual("总体情况", "Summary")
    public static let bulletinNotes = Bilingual("说明", "Notes")
    public static let bulletinLink = Bilingual("统计公报（A4 一页，可打印）", "Statistical bulletin (one A4 page, to print)")
    /// "2020 年，广西壮族自治区共抽查产品 1,218 批次，检验 1,211 批次，合格 1,113 批次，批次合格率为 91.91%（95% 置信区间 …），比上年下降 0.54 个百分点（差异不显著，p = 0.625）；全国为 92.69%。"
    public static func bulletinHeadline(name: String, year: Int, sampled: Int, tested: Int, passed: Int, rate: String, low: String?, high: String?,
                                        change: Double?, changeP: Double?, parent: (String, String)?) -> Bilingual {
        let ci = low.flatMap { l in high.map { h in (l, h) } }
        let sig = plainSignificance(changeP)
        var zh = "\(year) 年，\(name)共抽查产品 \(NumberText.count(sampled)) 批次，检验 \(NumberText.count(tested)) 批次，合格 \(NumberText.count(passed)) 批次，批次合格率为 \(rate)"
        var en = "In \(year), \(name) sampled \(NumberText.count(sampled)) product batches and tested \(NumberText.count(tested)), of which \(NumberText.count(passed)) passed: a batch pass rate of \(rate)"
        if let ci { zh += "（95% 置信区间 \(ci.0)–\(ci.1)）"; en += " (95% CI \(ci.0)–\(ci.1))" }
        if let c = change {
            let points = NumberText.fixed(abs(c), 2)
            zh += "，比上年\(c >= 0 ? "提高" : "下降") \(points) 个百分点" + (changeP == nil ? "" : "（\(sig.zh)）")
            en += ", \(points) percentage points \(c >= 0 ? "up" : "down") on the year before" + (changeP == nil ? "" : " (\(sig.en))")
        }
        if let (pname, prate) = parent { zh += "；\(pname)为 \(prate)"; en += "; \(pname): \(prate)" }
        return Bilingual(zh + "。", en + ".")
    }
    public static func bulletinFooter(files: [String], source: Bilingual?, lastDate: String, tool: String) -> Bilingual {
        if let source {
            return Bilingual("数据来源：\(source.zh)（文件 \(files.joined(separator: "、"))）；数据截至 \(lastDate)；由 \(tool) 生成，每个数字均可由 tables/ 目录下的表格复现。区间为 95% 置信区间；“差异显著”指 p < 0.05。",
                             "Source: \(source.en) (files \(files.joined(separator: ", "))); data up to \(lastDate); made by \(tool), every number reproducible from tables/. Intervals are 95% confidence intervals; \"significant\" means p < 0.05.")
        }
        return Bilingual("数据来源：\(files.joined(separator: "、"))（监督抽查结果）；数据截至 \(lastDate)；由 \(tool) 生成，每个数字均可由 tables/ 目录下的表格复现。区间为 95% 置信区间；“差异显著”指 p < 0.05。",
                  "Source: \(files.joined(separator: ", ")) (supervision sampling results); data up to \(lastDate); made by \(tool), every number reproducible from tables/. Intervals are 95% confidence intervals; \"significant\" means p < 0.05.")
    }
}
