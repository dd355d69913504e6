import QualityData
import QualityIndicators

/// The targets table as aligned text for a terminal (`qindex targets`).
public enum TargetsText {
    public static func render(_ rows: [TargetRow], allYears: Bool, lang: Language) -> String {
        let S = ReportStrings.self
        let picked = allYears ? rows : TargetProgress.latest(rows)
        let header = ["id", S.region(lang), S.year(lang), S.latestValue(lang), S.targetValue(lang), S.progress(lang), S.timeElapsed(lang),
                      S.statusLabel(lang), S.eurostat(lang), S.projected(lang)]
        let body = picked.map { r -> [String] in
            let t = r.target
            let dir = t.direction == .atLeast ? "≥" : (t.direction == .atMost ? "≤" : "=")
            return [t.id, RegionText.name(r.regionCode, r.regionName, lang), String(r.year), ReportPlanSections.show(r.value, t),
                    t.quantified ? dir + ReportPlanSections.show(t.targetValue, t) + (t.everyYear ? (lang == .zh ? " 每年" : " yearly") : " @\(t.targetYear ?? 0)")
                        : (t.direction == .atMost ? S.keepFalling(lang) : S.keepRising(lang)),
                    r.progress.map { NumberText.percent($0, digits: 0) } ?? "—", r.expectedProgress.map { NumberText.percent($0, digits: 0) } ?? "—",
                    S.status(of: r)(lang), r.eurostatCategory.map { S.eurostatCategory($0)(lang) } ?? "—",
                    S.projection(of: r)(lang)]
        }
        return TextTable.render([header] + body, numeric: [2, 3, 5, 6, 9]).joined(separator: "\n")
    }
}
