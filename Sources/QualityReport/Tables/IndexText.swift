import QualityData
import QualityIndicators

/// The index ranking as aligned text for a terminal (`qindex index`).
public enum IndexText {
    public static func render(_ r: IndexResult, year: Int?, lang: Language) -> String {
        let S = ReportStrings.self
        guard let y = year ?? r.units.filter({ $0.score != nil }).map(\.year).max() else { return S.noData(lang) }
        let units = r.units.filter { $0.year == y && $0.score != nil }.sorted { ($0.rank!, $0.code) < ($1.rank!, $1.code) }
        let header = [S.rank(lang), S.region(lang), S.code(lang), S.score(lang), S.rankInterval(lang), S.rankMedian(lang), S.rankChange(lang),
                      S.band(lang), S.diffVsParent(lang)]
        var rows = [header]
        for u in units {
            rows.append([String(u.rank!), RegionText.name(u.code, u.name, lang), u.code, NumberText.fixed(u.score!, 2),
                         u.rankLow.flatMap { lo in u.rankHigh.map { "\(lo)–\($0)" } } ?? "—", u.rankMedian.map { NumberText.fixed($0, 1) } ?? "—",
                         u.rankChange.map { $0 > 0 ? "▲\($0)" : ($0 < 0 ? "▼\(-$0)" : "=") } ?? "—", u.band?(lang) ?? "—",
                         u.diffVsParent.map(NumberText.signedPoints) ?? "—"])
        }
        var lines = ["\(r.framework.title(lang)) \(y)" + (r.parentScores[y].map { " — \(RegionText.name(r.parentCode, r.parentName, lang)) \(NumberText.fixed($0, 2))" } ?? "")]
        lines += TextTable.render(rows, numeric: [0, 3, 5])
        if let top = r.sensitivity.filter({ $0.year == y }).max(by: { ($0.shift, $1.source) < ($1.shift, $0.source) }) {
            lines.append(S.indexSensitivity(top.source, shift: top.shift)(lang))
        }
        return lines.joined(separator: "\n")
    }
}

/// Columns aligned in terminal cells (CJK characters take two).
public enum TextTable {
    public static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.value != 0x2014 && !(0x2000...0x25FF).contains($1.value) ? 2 : 1) }
    }

    public static func render(_ rows: [[String]], numeric: Set<Int>) -> [String] {
        guard let first = rows.first else { return [] }
        let widths = first.indices.map { c in rows.map { width($0[c]) }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - width(cell))
                return numeric.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }
}
