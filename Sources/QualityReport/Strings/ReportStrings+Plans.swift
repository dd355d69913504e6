import QualityData
import QualityIndicators

/// Plans and inspections (issue 5): the labels and sentences of that part of the report, zh and en.
extension ReportStrings {

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

    /// An inspection's outcome (inputs.md §2) as people read it.
    public static func inspectionOutcome(_ id: String) -> Bilingual {
        switch id {
        case "compliant": return Bilingual("合格", "compliant")
        case "rectification": return Bilingual("责令整改", "rectification ordered")
        case "penalty": return Bilingual("行政处罚", "penalty")
        case "suspended": return Bilingual("停产整顿", "suspended")
        case "revoked": return Bilingual("吊销许可证", "licence revoked")
        default: return Bilingual("未填报", "not given")
        }
    }

    /// An inspection's type as people read it.
    public static func inspectionType(_ id: String) -> Bilingual {
        switch id {
        case "routine": return Bilingual("日常检查", "routine")
        case "special": return Bilingual("专项检查", "special")
        case "complaint": return Bilingual("投诉举报", "complaint")
        case "flying": return Bilingual("飞行检查", "unannounced")
        case "follow_up": return Bilingual("回头看", "follow-up")
        default: return Bilingual("未填报", "not given")
        }
    }

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
        func names(_ rows: [TargetRow], _ lang: Language) -> String {
            rows.prefix(5).map { "\($0.target.id) \(RegionText.name($0.regionCode, $0.regionName, lang))" }.joined(separator: ", ") + (rows.count > 5 ? ", …" : "")
        }
        return Bilingual("规划目标：\(good) 项已达成或按期推进，\(bad.count) 项落后或未达成\(bad.isEmpty ? "" : "（\(names(bad, .zh))）")"
                            + (none.isEmpty ? "" : "，\(none.count) 项无数据（\(names(none, .zh))）"),
                         "Targets: \(good) achieved or on track, \(bad.count) off track or missed\(bad.isEmpty ? "" : " (\(names(bad, .en)))")"
                            + (none.isEmpty ? "" : ", \(none.count) without data (\(names(none, .en)))"))
    }
}
