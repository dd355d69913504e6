import QualityData

/// How a region is named on a page (issue 17): its Chinese name on Chinese
/// pages; on English pages its English name from the bundled romanisation
/// (``RegionEnglishNames``) — alone where space is short (charts, titles,
/// sentences), with the Chinese beside it in tables. A region the table
/// does not name (a ZIP code, a renamed county) keeps the name it was given.
/// The CSV tables and the workbook keep the Chinese names as loaded.
enum RegionText {
    static func name(_ code: String, _ zh: String, _ lang: Language) -> String {
        guard lang == .en else { return zh }
        if code == RegionTable.nationalCode { return DataScope.english(zh) }
        return RegionEnglishNames.bundled.english(code: code, name: zh) ?? zh
    }

    /// "Nanning (南宁市)" on English pages, "南宁市" on Chinese ones.
    static func full(_ code: String, _ zh: String, _ lang: Language) -> String {
        let n = name(code, zh, lang)
        return n == zh ? zh : "\(n) (\(zh))"
    }
}
