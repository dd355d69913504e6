import QualityData
import QualityIngest

/// Inspection records and regional statistics that match a generated
/// sampling history (same seed, same enterprises).
///
/// Inspections (inputs.md §2): about one for every four batches, 40% in
/// Guangxi; 70% of Guangxi's rows carry a 9-digit township code (10
/// townships per county). Each year the city inspects a growing share of its
/// counties (70% of Guangxi's counties in 2011 → every county from 2018)
/// and of its townships; hazards found 0–4 per inspection, of which the
/// share rectified rises from 86% (2011) to 98% (2020); a few rows carry
/// more rectified than found hazards, or a bad date, to show rejects.
/// Regional statistics (§3): for Guangxi and its 14 cities, new provincial
/// brand products per year (province 55–68), the certification rate
/// ("%" with unit ratio) and the licensing error rate.
extension SamplingHistoryGenerator {
    public struct CompanionSummary: Sendable {
        public var inspections = 0
        public var rows = 0
        public var planted = 0
        public var statistics = 0
    }

    static let inspectionTypes = [("日常检查", "routine"), ("专项检查", "special"), ("投诉举报", "complaint"), ("飞行检查", "flying"), ("回头看", "follow_up")]
    static let inspectionOutcomes = [("合格", "compliant"), ("责令整改", "rectification"), ("行政处罚", "penalty"), ("停产整顿", "suspended"), ("吊销许可证", "revoked")]

    /// Writes inspection records to `path` (`.gz` → gzip).
    public func writeInspections(to path: String) throws -> CompanionSummary {
        var rng = SeededRandom(seed: options.seed)
        let w = world(&rng)
        var r2 = SeededRandom(seed: options.seed ^ 0x1A5E_C710)
        let zh = options.chineseHeaders
        let out = try OutputSink(path: path, encoding: options.encoding)
        try out.line((zh ? ["检查编号", "检查日期", "行政区划代码", "统一社会信用代码", "企业名称", "检查类型", "是否获证", "风险等级", "发现隐患数", "已整改隐患数", "处理结果"]
                         : ["inspection_id", "inspection_date", "region_code", "enterprise_code", "enterprise_name", "inspection_type", "licensed",
                            "risk_class", "hazards_found", "hazards_rectified", "outcome"]).joined(separator: ","))
        var summary = CompanionSummary()
        let years = options.firstYear...options.lastYear
        let perYear = max(1, options.batches / 4 / years.count)
        let regions = w.regions
        // Guangxi's counties by city, for the coverage the cities reach each year.
        let gxCounties = (0..<regions.count).map(Int32.init).filter { regions[$0].level == .county && regions[$0].code.hasPrefix("45") }
        var seq = 0
        for year in years {
            let step = Double(year - options.firstYear) / Double(max(1, years.count - 1))
            let coveredShare = min(1, 0.7 + 0.3 * Double(year - options.firstYear) / 7)
            let covered = gxCounties.filter { _ in r2.unit() < coveredShare }
            let rectifyShare = 0.86 + 0.12 * step
            // One inspection in every covered county first, then the rest at random
            // (Guangxi's among its covered counties only).
            for i in 0..<max(perYear, covered.count) {
                seq += 1
                var county: Int32
                var enterprise: Enterprise
                if i < covered.count {
                    county = covered[i]
                    let local = w.gxEnterprises.filter { w.enterprises[$0].county == county }
                    enterprise = w.enterprises[local.isEmpty ? w.gxEnterprises[r2.below(w.gxEnterprises.count)] : local[r2.below(local.count)]]
                } else {
                    let inGX = r2.unit() < 0.4
                    enterprise = w.enterprises[(inGX ? w.gxEnterprises : w.otherEnterprises)[r2.below(inGX ? w.gxEnterprises.count : w.otherEnterprises.count)]]
                    county = enterprise.county
                    if inGX && !covered.isEmpty && !covered.contains(county) { county = covered[r2.below(covered.count)] }
                }
                var code = regions[county].code
                if code.hasPrefix("45") && r2.unit() < 0.7 {
                    // Townships: the first 2–10 of the county's ten, more each year.
                    let reach = 2 + Int(8 * step)
                    code += String(format: "%03d", 1 + r2.below(reach))
                }
                let day = CivilDate.days(year: year, month: 1, day: 1) + Int32(r2.below(CivilDate.isLeap(year) ? 366 : 365))
                let found = r2.pick([0.45, 0.25, 0.15, 0.1, 0.05])
                var fixed = (0..<found).filter { _ in r2.unit() < rectifyShare }.count
                var date = CivilDate.iso(day)
                if r2.unit() < 0.001 { fixed = found + 1; summary.planted += 1 }  // rejected: rectified > found
                else if r2.unit() < 0.0005 { date = "\(year)-13-45"; summary.planted += 1 }  // rejected: invalid date
                let type = Self.inspectionTypes[r2.pick([0.6, 0.2, 0.1, 0.05, 0.05])]
                let outcome = Self.inspectionOutcomes[found == 0 ? 0 : (fixed == found ? 1 : r2.pick([0.0, 0.6, 0.3, 0.08, 0.02]))]
                let risk = ["A", "B", "C", "D"][r2.pick([0.3, 0.4, 0.2, 0.1])]
                let licensed = r2.unit() < 0.85
                let fields = [String(format: "%@%d%07d", zh ? "JC" : "IN", year, seq), date, code, enterprise.code, enterprise.name,
                              zh ? type.0 : type.1, zh ? (licensed ? "是" : "否") : (licensed ? "yes" : "no"), risk, String(found), String(fixed),
                              zh ? outcome.0 : outcome.1]
                try out.line(Self.csvLine(fields))
                summary.rows += 1
                summary.inspections += 1
            }
        }
        try out.close()
        return summary
    }

    /// Writes regional statistics in the long format of inputs.md §3.
    public func writeStatistics(to path: String) throws -> CompanionSummary {
        var r = SeededRandom(seed: options.seed ^ 0x57A7_5000)
        let regions = RegionTable.bundled
        let zh = options.chineseHeaders
        let out = try OutputSink(path: path, encoding: options.encoding)
        try out.line((zh ? ["地区代码", "年份", "指标", "数值", "单位", "来源"] : ["region_code", "year", "indicator", "value", "unit", "source"]).joined(separator: ","))
        var summary = CompanionSummary()
        let cities = (0..<regions.count).map(Int32.init).filter { regions[$0].level == .city && regions[$0].code.hasPrefix("45") }
        let source = zh ? "合成数据（qindex generate）" : "synthetic (qindex generate)"
        for year in options.firstYear...options.lastYear {
            let k = Double(year - options.firstYear)
            let brands = 55 + Int(k * 1.4) + r.below(4)
            var lines: [[String]] = [["450000", String(year), "brand_products_new", String(brands), zh ? "个" : "count", source]]
            lines.append(["450000", String(year), "certification_rate", String(format: "%.1f%%", 78 + k * 1.3 + r.unit()), "ratio", source])
            lines.append(["450000", String(year), "licence_error_rate", String(format: "%.2f%%", max(0.05, 0.9 - k * 0.09 + r.unit() * 0.05)), "ratio", source])
            lines.append(["450000", String(year), "rd_share", String(format: "%.2f", 0.6 + k * 0.05 + r.unit() * 0.05), "%", source])
            var left = brands
            for (i, c) in cities.enumerated() {
                let n = i == cities.count - 1 ? left : min(left, r.below(2 * brands / cities.count + 1))
                left -= n
                lines.append([regions[c].code, String(year), "brand_products_new", String(n), zh ? "个" : "count", source])
                lines.append([regions[c].code, String(year), "certification_rate", String(format: "%.1f%%", 70 + k * 1.5 + r.unit() * 8), "ratio", source])
            }
            for l in lines { try out.line(Self.csvLine(l)); summary.statistics += 1; summary.rows += 1 }
        }
        try out.close()
        return summary
    }
}
