import QualityData
import QualityIndicators

/// The targets table as aligned text for a terminal (`qindex targets`).
public enum TargetsText {
    public static func render(_ rows: [TargetRow], allYears: Bool, lang: Language) -> String {
        let S = ReportStrings.self
        var picked: [TargetRow] = []
        if allYears {
            picked = rows
        } else {
            var latest: [String: Int] = [:]
            for r in rows {
                let k = "\(r.target.id)|\(r.regionCode)"
                if let i = latest[k] {
                    if r.status != .noData { picked[i] = r }
                } else {
                    latest[k] = picked.count
                    picked.append(r)
                }
            }
        }
        let header = ["id", S.region(lang), S.year(lang), S.latestValue(lang), S.targetValue(lang), S.progress(lang), S.timeElapsed(lang),
                      S.statusLabel(lang), S.eurostat(lang), S.projected(lang)]
        let body = picked.map { r -> [String] in
            let t = r.target
            let dir = t.direction == .atLeast ? "≥" : (t.direction == .atMost ? "≤" : "=")
            return [t.id, r.regionName, String(r.year), ReportPlanSections.show(r.value, t),
                    t.quantified ? dir + ReportPlanSections.show(t.targetValue, t) + (t.everyYear ? (lang == .zh ? " 每年" : " yearly") : " @\(t.targetYear ?? 0)")
                        : (t.direction == .atMost ? S.keepFalling(lang) : S.keepRising(lang)),
                    r.progress.map { NumberText.percent($0, digits: 0) } ?? "—", r.expectedProgress.map { NumberText.percent($0, digits: 0) } ?? "—",
                    S.status(r.status)(lang), r.eurostatCategory.map { S.eurostatCategory($0)(lang) } ?? "—",
                    t.everyYear || !t.quantified ? "—" : (r.projectedYear.map(String.init) ?? S.notOnTrend(lang))]
        }
        // Column widths in terminal cells (CJK characters take two).
        func width(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.value != 0x2014 && !(0x2000...0x206F).contains($1.value) ? 2 : 1) } }
        let all = [header] + body
        let widths = header.indices.map { c in all.map { width($0[c]) }.max() ?? 0 }
        let numeric: Set<Int> = [2, 3, 5, 6, 9]
        return all.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - width(cell))
                return numeric.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
