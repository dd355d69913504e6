import CZlib
import Foundation
import Glibc
import QualityData
import QualityIngest

/// Options of `qindex generate`.
public struct GeneratorOptions: Sendable {
    public var batches = 30_000
    public var seed: UInt64 = 20_201_231
    public var firstYear = 2011
    public var lastYear = 2020
    /// Chinese headers and values (as bureaus export) or the canonical English ones.
    public var chineseHeaders = true
    public var encoding: TextEncoding = .utf8
    /// ISO dates and region codes on every row (no Excel serials, no
    /// name-only regions), so other engines can run the same workload.
    public var plain = false
    /// Plant known outliers in an otherwise even history (see
    /// ``SamplingHistoryGenerator/planted``), to check that funnels and
    /// control charts find exactly them.
    public var plantOutliers = false
    public init() {}
}

/// What the generator wrote.
public struct GeneratorSummary: Sendable {
    public var batches = 0
    public var rows = 0
    public var continuationRows = 0
    public var duplicateRows = 0
    public var enterprises = 0
    public var products = 0
}

/// Writes a realistic, seeded history of supervision-sampling results.
///
/// Ten years (2011–2020 by default) over all provinces of GB/T 2260, with
/// 40% of batches in Guangxi (its 14 cities and their counties in detail);
/// ~300 product categories with their failing items; enterprises with valid
/// unified social credit codes; levels, channels, sizes, testing agencies;
/// refused and unlicensed batches; continuation rows (one row per failed
/// item) and a few exact duplicates; dates in every accepted form.
///
/// Calibration (probability points added to a yearly base, each effect
/// centred on its mix so the base is the expected overall rate):
/// Guangxi's base rises 90.8% (2011) → 91.3% (2014) → 93.1% (2020);
/// production +0.8, distribution −0.2, e-commerce −4.0; large +3.0,
/// medium +1.5, small −0.6, micro −2.3; 柳州市 (450200) −1.9 below Guangxi.
public struct SamplingHistoryGenerator {
    public let options: GeneratorOptions
    public init(options: GeneratorOptions) { self.options = options }

    /// What `--plant-outliers` plants. Everything else is made even: one
    /// base rate of 92% in every year, no province or city effects (the
    /// product, size and channel effects stay, spread over all regions).
    public enum Planted {
        /// 梧州市 (450400): 8 points lower, in the last year only.
        public static let city = "450400"
        public static let cityEffect = -0.08
        /// One testing agency of Guangxi fails 6 points more batches in every year.
        public static let agency = "广西壮族自治区产品质量检验研究院"
        public static let agencyEffect = -0.06
        /// Guangxi's batches of July–September 2017: a passed batch fails
        /// with probability 6%, about 5.5 points off the rate.
        public static let quarter = (year: 2017, months: 7...9)
        public static let quarterFlip = 0.06
        public static let base = 0.92
    }

    static let guangxiBase: [Int: Double] = [2011: 0.908, 2012: 0.910, 2013: 0.911, 2014: 0.913, 2015: 0.917,
                                             2016: 0.920, 2017: 0.923, 2018: 0.926, 2019: 0.928, 2020: 0.931]
    static let productStems = [
        "电线电缆", "电热水器", "家用燃气灶具", "儿童玩具", "童车", "儿童服装", "纺织面料", "床上用品", "皮鞋", "运动鞋",
        "化肥", "农药", "水泥", "钢筋混凝土用热轧带肋钢筋", "建筑防水卷材", "陶瓷砖", "人造板", "涂料", "塑料管材", "电动自行车",
        "头盔", "插头插座", "开关", "LED灯具", "电饭锅", "电磁灶", "吸油烟机", "空气净化器", "饮水机", "电冰箱",
        "洗衣机", "空调器", "手机充电器", "移动电源", "锂离子电池", "轮胎", "机动车制动液", "润滑油", "汽油", "柴油",
        "安全帽", "防护口罩", "消防器材", "灭火器", "家具", "床垫", "卫生陶瓷", "水嘴", "燃气热水器", "食品用塑料包装",
        "纸巾纸", "一次性卫生用品", "化妆品", "洗涤剂", "眼镜", "文具", "学生用品", "电动工具", "农机具", "橡胶制品",
    ]
    /// GB/T 4754-2017 class of each product stem (all in section C,
    /// manufacturing), checked against datasets/reference/gbt4754-2017.csv
    /// by GeneratorTests.
    static let productIndustries = [
        "3831", "3855", "3861", "2452", "2456", "1819", "1751", "1771", "1952", "1953",
        "2624", "2631", "3011", "3130", "3033", "3071", "2029", "2641", "2922", "3770",
        "2929", "3879", "3823", "3872", "3854", "3854", "3854", "3853", "3859", "3851",
        "3855", "3852", "3824", "3841", "3841", "2911", "2662", "2511", "2511", "2511",
        "2929", "1789", "3595", "3595", "2110", "2190", "3072", "3389", "3861", "2926",
        "2239", "2239", "2682", "2681", "3587", "2411", "2411", "3465", "3572", "2919",
    ]
    static let productQualifiers = ["", "（普通型）", "（出口转内销）", "（大型）", "（小型）"]
    static let itemPool = [
        "标志和说明", "绝缘电阻", "导体电阻", "输入功率和电流", "发热", "耐热和耐燃", "接地措施", "结构", "机械强度", "电气强度",
        "甲醛含量", "可分解致癌芳香胺染料", "pH值", "色牢度", "纤维含量", "耐磨性能", "总养分", "水分", "抗压强度", "屈服强度",
        "断后伸长率", "重量偏差", "吸水率", "挥发性有机化合物", "铅含量", "邻苯二甲酸酯", "小零件", "锐利边缘", "稳定性", "制动性能",
        "防触电保护", "泄漏电流", "能效等级", "待机功率", "燃烧工况", "熄火保护", "气密性", "微生物指标", "荧光增白物质", "过滤效率",
    ]
    static let agencyStems = ["产品质量检验研究院", "质量技术监督检验所", "产品质量监督检验中心", "检验检测认证院", "纤维检验所"]
    static let nameSyllables = Array("华盛达鑫源泰恒通宏远兴利昌隆丰嘉和安新金德顺瑞祥永成富康明亮美佳天宇")
    static let nameSuffixes = ["电器有限公司", "实业有限公司", "科技有限公司", "制品厂", "建材有限公司", "服饰有限公司", "贸易有限公司", "电线电缆有限公司"]

    struct Product { let code: String; let name: String; let industry: String; let effect: Double; let items: [String] }
    struct Enterprise { let code: String; let name: String; let county: Int32; let size: Int; let products: [Int] }

    /// Writes the history to `path` (`.gz` → gzip).
    /// The regions, effects, products and enterprises of a history: drawn
    /// first from the seed, so the sampling file and its companion files
    /// (inspections, regional statistics) describe the same enterprises.
    struct World {
        let regions: RegionTable
        let provinceEffect: [String: Double]
        let cityEffect: [String: Double]
        let products: [Product]
        let enterprises: [Enterprise]
        let gxEnterprises: [Int]
        let otherEnterprises: [Int]
    }

    func world(_ rng: inout SeededRandom) -> World {
        let regions = RegionTable.bundled
        let counties = (0..<regions.count).map(Int32.init).filter { regions[$0].level == .county }
        let guangxi = counties.filter { regions[$0].code.hasPrefix("45") }
        let others = counties.filter { !regions[$0].code.hasPrefix("45") }
        let provinces = (0..<regions.count).map(Int32.init).filter { regions[$0].level == .province }
        var provinceEffect: [String: Double] = [:]
        for p in provinces { provinceEffect[String(regions[p].code.prefix(2))] = rng.normal() * 0.012 }
        provinceEffect["45"] = 0
        var cityEffect: [String: Double] = [:]
        for c in (0..<regions.count).map(Int32.init) where regions[c].level == .city && regions[c].code.hasPrefix("45") {
            cityEffect[regions[c].code] = rng.normal() * 0.006
        }
        let gxCities = cityEffect.keys.sorted()
        let mean = gxCities.filter { $0 != "450200" }.map { cityEffect[$0]! }.reduce(0, +) / Double(max(1, gxCities.count - 1))
        for c in gxCities { cityEffect[c]! -= mean }
        cityEffect["450200"] = -0.019
        if options.plantOutliers {
            for k in provinceEffect.keys { provinceEffect[k] = 0 }
            for k in cityEffect.keys { cityEffect[k] = 0 }
        }

        // Products with centred difficulty.
        var products: [Product] = []
        for (si, stem) in Self.productStems.enumerated() {
            for (qi, q) in Self.productQualifiers.enumerated() {
                let items = (0..<(3 + rng.below(4))).map { _ in Self.itemPool[rng.below(Self.itemPool.count)] }
                products.append(Product(code: String(format: "P%03d%d", si + 1, qi), name: stem + q, industry: "C" + Self.productIndustries[si],
                                        effect: rng.normal() * 0.03, items: Array(Set(items)).sorted()))
            }
        }
        let pMean = products.map(\.effect).reduce(0, +) / Double(products.count)
        products = products.map { Product(code: $0.code, name: $0.name, industry: $0.industry, effect: $0.effect - pMean, items: $0.items) }

        // Enterprises with valid credit codes.
        let enterpriseCount = max(60, options.batches / 12)
        var enterprises: [Enterprise] = []
        var usedCodes = Set<String>()
        let sizeWeights = [0.10, 0.25, 0.45, 0.20]
        for _ in 0..<enterpriseCount {
            let county = rng.unit() < 0.4 ? guangxi[rng.below(guangxi.count)] : others[rng.below(others.count)]
            var code = ""
            repeat { code = Self.creditCode(region: regions[county].code, rng: &rng) } while usedCodes.contains(code)
            usedCodes.insert(code)
            let place = regions[regions.ancestor(of: county, at: .city) ?? county].name.replacingOccurrences(of: "市", with: "")
            let name = place + String((0..<2).map { _ in Self.nameSyllables[rng.below(Self.nameSyllables.count)] })
                + Self.nameSuffixes[rng.below(Self.nameSuffixes.count)]
            let prods = (0..<(1 + rng.below(3))).map { _ in rng.below(products.count) }
            enterprises.append(Enterprise(code: code, name: name, county: county, size: rng.pick(sizeWeights), products: prods))
        }
        let gxEnterprises = enterprises.indices.filter { regions[enterprises[$0].county].code.hasPrefix("45") }
        let otherEnterprises = enterprises.indices.filter { !regions[enterprises[$0].county].code.hasPrefix("45") }

        return World(regions: regions, provinceEffect: provinceEffect, cityEffect: cityEffect, products: products,
                     enterprises: enterprises, gxEnterprises: gxEnterprises, otherEnterprises: otherEnterprises)
    }

    public func write(to path: String) throws -> GeneratorSummary {
        var rng = SeededRandom(seed: options.seed)
        let w = world(&rng)
        let regions = w.regions, provinceEffect = w.provinceEffect, cityEffect = w.cityEffect, products = w.products
        let enterprises = w.enterprises, gxEnterprises = w.gxEnterprises, otherEnterprises = w.otherEnterprises
        let out = try OutputSink(path: path, encoding: options.encoding)
        let zh = options.chineseHeaders
        let header = zh
            ? ["抽样编号", "抽样日期", "抽查级别", "行政区划代码", "所属地市", "统一社会信用代码", "受检单位名称", "企业规模", "行业代码",
               "产品代码", "产品名称", "抽样环节", "检验结论", "不合格项目", "承检机构", "跟踪抽查"]
            : ["batch_id", "sample_date", "level", "region_code", "region_name", "enterprise_code", "enterprise_name", "enterprise_size",
               "industry_code", "product_code", "product_name", "channel", "result", "failed_items", "testing_agency", "follow_up"]
        try out.line(header.joined(separator: ","))
        let levels = zh ? ["国抽", "省抽", "市抽", "县抽"] : ["national", "provincial", "municipal", "county"]
        let channels = zh ? ["生产", "流通", "电商"] : ["production", "distribution", "ecommerce"]
        let sizes = zh ? ["大型", "中型", "小型", "微型"] : ["large", "medium", "small", "micro"]
        let sizeEffect = [0.030, 0.015, -0.006, -0.023]
        let channelEffect = [0.008, -0.002, -0.040]
        var summary = GeneratorSummary()
        summary.enterprises = enterprises.count
        summary.products = products.count
        let years = options.firstYear...options.lastYear
        let perYear = options.batches / years.count
        var seq = 0
        for year in years {
            let n = year == options.lastYear ? options.batches - perYear * (years.count - 1) : perYear
            let ecommerceShare = 0.04 + 0.012 * Double(year - options.firstYear)
            let channelWeights = [0.58 - ecommerceShare / 2, 0.42 - ecommerceShare / 2, ecommerceShare]
            let base = options.plantOutliers ? Planted.base : (Self.guangxiBase[year] ?? (0.908 + 0.0023 * Double(year - 2011)))
            for _ in 0..<n {
                seq += 1
                let inGX = rng.unit() < 0.4
                let e = enterprises[inGX ? gxEnterprises[rng.below(gxEnterprises.count)] : otherEnterprises[rng.below(otherEnterprises.count)]]
                let p = e.products[rng.below(e.products.count)]
                let prod = products[p]
                let ch = rng.pick(channelWeights)
                let lv = rng.pick([0.10, 0.35, 0.35, 0.20])
                let code = regions[e.county].code
                let city = String(code.prefix(4)) + "00"
                let agency = (regions[regions.ancestor(of: e.county, at: .province)!].name) + Self.agencyStems[(p + lv) % Self.agencyStems.count]
                var prob = base + 0.003 + (provinceEffect[String(code.prefix(2))] ?? 0) + (cityEffect[city] ?? 0)
                if options.plantOutliers {
                    if city == Planted.city && year == options.lastYear { prob += Planted.cityEffect }
                    if agency == Planted.agency { prob += Planted.agencyEffect }
                }
                prob += channelEffect[ch] - (channelWeights[0] * channelEffect[0] + channelWeights[1] * channelEffect[1] + channelWeights[2] * channelEffect[2])
                prob += sizeEffect[e.size] + prod.effect
                prob = min(0.995, max(0.55, prob))
                let u = rng.unit()
                var outcome: String
                var items: [String] = []
                let x = rng.unit()
                if x < 0.003 { outcome = zh ? "拒检" : "refused" }
                else if x < 0.0045 { outcome = zh ? "无证无照" : "unlicensed" }
                else if x < 0.005 { outcome = zh ? "未检" : "untested" }
                else if u < prob { outcome = zh ? "合格" : "pass" }
                else {
                    outcome = zh ? "不合格" : "fail"
                    let k = 1 + (rng.unit() < 0.35 ? 1 + rng.below(2) : 0)
                    items = Array(Set((0..<k).map { _ in prod.items[rng.below(prod.items.count)] })).sorted()
                }
                let day = CivilDate.days(year: year, month: 1, day: 1) + Int32(rng.below(CivilDate.isLeap(year) ? 366 : 365))
                if options.plantOutliers && inGX && outcome == (zh ? "合格" : "pass") && year == Planted.quarter.year
                    && Planted.quarter.months.contains(CivilDate.civil(day).1) && rng.unit() < Planted.quarterFlip {
                    outcome = zh ? "不合格" : "fail"
                    items = [prod.items[rng.below(prod.items.count)]]
                }
                let style = rng.pick([0.88, 0.05, 0.03, 0.02, 0.02])
                let date = Self.formatDate(day, style: options.plain ? 0 : style)
                let byName = rng.unit() < 0.08 && !options.plain
                let regionCode = byName ? "" : code
                let regionName = byName ? (regions.index(ofCode: city).map { regions[$0].name } ?? "") : ""
                let finalCode = byName && regionName.isEmpty ? code : regionCode
                let follow = rng.unit() < 0.05 ? (zh ? "是" : "yes") : (zh ? "否" : "no")
                let id = String(format: "%@%d%08d", zh ? "GC" : "SB", year, seq)
                // The industry class as bureaus export it: with its section letter, or (1 in 10) digits only.
                let industry = !options.plain && seq % 10 == 7 ? String(prod.industry.dropFirst()) : prod.industry
                let fields = [id, date, levels[lv], finalCode, regionName, e.code, e.name, sizes[e.size], industry,
                              prod.code, prod.name, channels[ch], outcome]
                let tail = [agency, follow]
                if items.count > 1 && rng.unit() < 0.4 {
                    for it in items {  // one row per failed item, as food-sampling notices do
                        try out.line(Self.csvLine(fields + [it] + tail))
                        summary.rows += 1
                    }
                    summary.continuationRows += items.count - 1
                } else {
                    let line = Self.csvLine(fields + [items.joined(separator: "；")] + tail)
                    try out.line(line)
                    summary.rows += 1
                    if rng.unit() < 0.001 { try out.line(line); summary.rows += 1; summary.duplicateRows += 1 }
                }
                summary.batches += 1
            }
        }
        try out.close()
        return summary
    }

    static func formatDate(_ day: Int32, style: Int) -> String {
        let (y, m, d) = CivilDate.civil(day)
        switch style {
        case 1: return "\(y)/\(m)/\(d)"
        case 2: return "\(y)年\(m)月\(d)日"
        case 3: return String(day - CivilDate.days(year: 1899, month: 12, day: 30))  // Excel serial
        case 4: return String(format: "%04d%02d%02d", y, m, d)
        default: return CivilDate.iso(day)
        }
    }

    static func csvLine(_ fields: [String]) -> String {
        fields.map { f in
            f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",")
    }

    /// A valid unified social credit code registered in `region`.
    static func creditCode(region: String, rng: inout SeededRandom) -> String {
        // GB 11714 organisation code: 8 characters and its check digit.
        let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var body = (0..<8).map { _ in digits[rng.below(10)] }
        if rng.unit() < 0.3 { body[0] = "MA".randomElement(using: &rng)! }
        let w = [3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, w).reduce(0) { $0 + digits.firstIndex(of: $1.0)! * $1.1 }
        let c = 11 - sum % 11
        let check: Character = c == 10 ? "X" : (c == 11 ? "0" : digits[c])
        let first17 = "91" + region + String(body) + String(check)
        return first17 + String(CreditCode.checkCharacter(first17))
    }
}

/// A line-oriented writer to a plain or gzip file, optionally GB18030.
final class OutputSink {
    private var gz: gzFile?
    private var fp: UnsafeMutablePointer<FILE>?
    private var buffer: [UInt8] = []
    private let encoding: TextEncoding

    init(path: String, encoding: TextEncoding) throws {
        if path.hasSuffix(".gz") {
            gz = gzopen(path, "wb6")
            if gz == nil { throw IngestError.cannotOpen(path: path, reason: "cannot create gzip file") }
        } else {
            fp = fopen(path, "wb")
            if fp == nil { throw IngestError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        }
        self.encoding = encoding
        buffer.reserveCapacity(1 << 20)
    }

    func line(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        // Lines are appended whole, so every flushed buffer is complete UTF-8.
        let bytes = encoding == .gb18030 ? GB18030Encoder.encode(buffer) : buffer
        bytes.withUnsafeBytes { b in
            if let gz { _ = gzwrite(gz, b.baseAddress, UInt32(b.count)) } else if let fp { _ = fwrite(b.baseAddress, 1, b.count, fp) }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        if let gz { gzclose(gz) }
        if let fp { fclose(fp) }
    }
}
