/// English names of GB/T 2260 regions: Hanyu Pinyin for the specific part,
/// English for the generic (南宁市 Nanning, 武鸣区 Wuming District), from the
/// bundled table written by `scripts/reference/romanise-regions.py`
/// (method and corrections in its header, provenance in
/// `datasets/reference/PROVENANCE.md`).
///
/// A name is given only where the region's Chinese name is the one the
/// table was romanised from, so a newer `--regions` edition that renamed a
/// county never shows the old name's pinyin.
public struct RegionEnglishNames: Sendable {
    private var byCode: [String: (zh: String, en: String)] = [:]

    /// The names for the bundled 2019-04 edition.
    public static let bundled = RegionEnglishNames(tsv: embeddedGB2260PinyinTSV)

    /// Parses `Code<TAB>Name<TAB>English` lines (a header line is skipped).
    public init(tsv: String) {
        for line in tsv.split(separator: "\n", omittingEmptySubsequences: true) {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 3, cols[0].count == 6, cols[0].allSatisfy(\.isNumber) else { continue }
            byCode[String(cols[0])] = (String(cols[1]), String(cols[2]).trimmingSpaces)
        }
    }

    /// The English name of region `code` called `name`, or nil when the table
    /// has no name for it (a region outside GB/T 2260, or renamed since).
    public func english(code: String, name: String) -> String? {
        guard let e = byCode[code], e.zh == name, !e.en.isEmpty else { return nil }
        return e.en
    }

    public var count: Int { byCode.count }
}
