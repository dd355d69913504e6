/// What the all-records aggregate (code `000000`) covers, and its name:
/// 全国 / national only when the records cover every mainland province; the
/// province itself when they cover one; else "全部数据（N 个省级地区）" /
/// "all data (N provinces)". A province's export is never called national.
public enum DataScope {
    /// Mainland province-level divisions (11–65): what "national" means.
    public static let mainlandProvinces = 31

    /// The name for records that cover `provinces` (the province-level regions with records).
    public static func name(provinces: [Region]) -> Bilingual {
        let mainland = provinces.filter { (Int($0.code.prefix(2)) ?? 0) <= 65 }
        if mainland.count >= mainlandProvinces { return Bilingual("全国", "national") }
        if provinces.count == 1, let p = provinces.first {
            return Bilingual(p.name, RegionEnglishNames.bundled.english(code: p.code, name: p.name) ?? p.name)
        }
        if provinces.isEmpty { return Bilingual("全部数据", "all data") }
        return Bilingual("全部数据（\(provinces.count) 个省级地区）", "all data (\(provinces.count) provinces)")
    }

    /// The English name of a scope from its Chinese one (the root's name in a region table).
    public static func english(_ zh: String) -> String {
        if zh == "全国" { return "national" }
        if zh == "全部数据" { return "all data" }
        if zh.hasPrefix("全部数据（"), let n = Int(zh.dropFirst(5).prefix { $0.isNumber }) { return "all data (\(n) provinces)" }
        if case .found(let i) = RegionTable.bundled.match(name: zh) {
            let r = RegionTable.bundled[i]
            return RegionEnglishNames.bundled.english(code: r.code, name: r.name) ?? zh
        }
        return zh
    }
}

extension RegionTable {
    /// The all-records aggregate named for what the records cover (``DataScope``).
    public mutating func nameScope(provinceCodes: Set<String>) {
        let provinces = provinceCodes.sorted().compactMap { index(ofCode: $0) }.map { self[$0] }.filter { $0.level == .province }
        renameRoot(DataScope.name(provinces: provinces).zh)
    }

    /// The name of the all-records aggregate (全国, a province, or 全部数据 …).
    public var scopeName: Bilingual { Bilingual(regions[0].name, DataScope.english(regions[0].name)) }
}
