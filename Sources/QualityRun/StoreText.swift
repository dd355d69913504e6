import QualityData
import QualityReport
import QualityStore

/// The manifest and history as aligned text for a terminal.
public enum StoreText {
    public static func files(_ rows: [Store.FileRow], lang: Language) -> String {
        let zh = lang == .zh
        let header = zh ? ["文件", "类型", "字节", "SHA-256", "读取行", "载入", "拒收", "最早日期", "最晚日期", "首次导入", "最近导入"]
            : ["file", "kind", "bytes", "SHA-256", "rows read", "loaded", "rejected", "first date", "last date", "first seen", "last seen"]
        let body = rows.map { r in
            [r.path, r.kind, String(r.size), String(r.sha256.prefix(16)) + "…", String(r.rowsRead), String(r.loaded), String(r.rejected),
             r.firstDate, r.lastDate, String(r.firstSeen.prefix(19)), String(r.lastSeen.prefix(19))]
        }
        if body.isEmpty { return zh ? "清单为空（尚无运行记录）" : "the manifest is empty (no run recorded yet)" }
        return TextTable.render([header] + body, numeric: [2, 4, 5, 6]).joined(separator: "\n")
    }

    public static func history(_ rows: [Store.HistoryRow], title: String, lang: Language) -> String {
        let zh = lang == .zh
        guard !rows.isEmpty else { return zh ? "\(title)：无记录" : "\(title): nothing recorded" }
        let header = zh ? ["年度", "数值", "95% 区间", "分子/分母", "运行", "运行时间"] : ["year", "value", "95% CI", "x/n", "run", "run started"]
        let body = rows.map { r in
            [String(r.year), r.value.map { NumberText.fixed($0, 6) } ?? "—",
             r.ciLow.flatMap { lo in r.ciHigh.map { "\(NumberText.fixed(lo, 4))–\(NumberText.fixed($0, 4))" } } ?? "—",
             r.numerator.flatMap { x in r.denominator.map { "\(x)/\($0)" } } ?? "—", String(r.runId), String(r.started.prefix(19))]
        }
        return ([title] + TextTable.render([header] + body, numeric: [0, 1, 3, 4])).joined(separator: "\n")
    }

    /// What the database recorded, and each input that was seen before (changed or renamed files first).
    public static func storeSummary(db: String, runId: Int64, files: [(path: String, status: Store.FileStatus)]) -> Bilingual {
        var zh = ["数据库 \(db)：已记录第 \(runId) 次运行"], en = ["database \(db): recorded run \(runId)"]
        for (p, s) in files {
            switch s {
            case .new: continue
            case .unchanged(let first):
                zh.append("  \(p)：与 \(first) 首次导入时相同"); en.append("  \(p): unchanged since first ingested \(first)")
            case .changed(let last):
                zh.append("  注意：\(p) 与 \(last) 导入时内容不同（同名文件已更改）"); en.append("  note: \(p) has changed since it was ingested \(last) (same name, different content)")
            case .renamed(let from):
                zh.append("  \(p)：内容与已导入的 \(from) 相同（文件改名）"); en.append("  \(p): same content as the ingested \(from) (renamed)")
            }
        }
        return Bilingual(zh.joined(separator: "\n"), en.joined(separator: "\n"))
    }
}
