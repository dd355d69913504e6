import QualityData

/// What loading inspection records or regional statistics produced.
public struct RecordIngestResult<Record: Sendable>: Sendable {
    public var records: [Record] = []
    public var files: [FileReport] = []
    public var rejects: [RejectedRow] = []
    public init() {}
    public var failures: [IngestError] { files.compactMap(\.error) }
}

/// Inspection records (inputs.md §2) and regional statistics (§3).
public enum RecordIngest {
    public static let inspectionSchema = RecordSchema(
        kind: "inspections",
        columns: [
            "inspection_id": ["检查编号"],
            "inspection_date": ["检查日期"],
            "region_code": ["行政区划代码", "所在地区代码"],
            "region_name": ["所属地市", "所在地区"],
            "enterprise_code": ["统一社会信用代码", "信用代码"],
            "enterprise_name": ["企业名称", "受检单位", "受检单位名称", "被检查单位"],
            "inspection_type": ["检查类型"],
            "licensed": ["是否获证", "生产许可"],
            "risk_class": ["风险等级", "分类监管等级"],
            "hazards_found": ["发现隐患数"],
            "hazards_rectified": ["已整改隐患数", "整改数"],
            "outcome": ["处理结果", "检查结论"],
        ],
        required: [["inspection_id"], ["inspection_date"], ["region_code", "region_name"], ["enterprise_code", "enterprise_name"]])

    public static let statisticsSchema = RecordSchema(
        kind: "regional_statistics",
        columns: [
            "region_code": ["地区代码", "行政区划代码"], "year": ["年份", "年度"], "indicator": ["指标"], "value": ["数值", "值"],
            "unit": ["单位"], "source": ["来源"],
        ],
        required: [["region_code"], ["year"], ["indicator"], ["value"]])

    public static let registerSchema = RecordSchema(
        kind: "register",
        columns: [
            "enterprise_code": ["统一社会信用代码", "信用代码"], "enterprise_name": ["企业名称", "单位名称"],
            "region_code": ["行政区划代码", "所在地区代码"], "region_name": ["所属地市", "所在地区"], "licensed": ["是否获证", "生产许可"],
        ],
        required: [["enterprise_code", "enterprise_name"], ["region_code", "region_name"]])

    /// An enterprise register: one row per enterprise; a repeated enterprise counts once.
    /// Reads each file with `schema`. `row` turns a row into a record —
    /// handing it to `keep` — or says why not; a file that cannot be read
    /// whole contributes nothing, and `forget` takes back what its rows
    /// registered (for duplicates across files).
    static func loadEach<R: Sendable>(_ paths: [String], schema: RecordSchema, encoding: TextEncoding?, mapping: RecordMapping = RecordMapping(),
                                      day: ((R) -> Int32)? = nil, forget: (R) -> Void,
                                      row: (RecordRow, (R) -> Void) -> RowOutcome) -> RecordIngestResult<R> {
        var result = RecordIngestResult<R>()
        for path in paths {
            var records: [R] = []
            do {
                var (report, rejects) = try RecordFile.read(path: path, schema: schema, encoding: encoding, mapping: mapping) { r in
                    row(r) { records.append($0) }
                }
                if let day {
                    report.firstDay = records.map(day).min()
                    report.lastDay = records.map(day).max()
                }
                result.files.append(report)
                result.rejects += rejects
                result.records += records
            } catch {
                var report = FileReport(path: path)
                report.kind = schema.kind
                report.error = (error as? IngestError) ?? .readFailed(path: path, offset: 0, reason: "\(error)")
                result.files.append(report)
                records.forEach(forget)
            }
        }
        return result
    }

    public static func loadRegister(paths: [String], regions: RegionTable = .bundled, encoding: TextEncoding? = nil) -> RecordIngestResult<RegisteredEnterprise> {
        var seen = Set<String>()
        return loadEach(paths, schema: registerSchema, encoding: encoding, forget: { seen.remove($0.enterprise) }) { row, keep in
            guard let key = row.value("enterprise_code") ?? row.value("enterprise_name") else {
                return .rejected(column: "enterprise_code", value: "", reason: .missingValue)
            }
            let region: Int32
            switch place(row, regions) {
            case .found(let i, _): region = i
            case .rejected(let why): return why
            }
            var licensed: Bool?
            if let v = row.value("licensed") {
                guard let b = booleans[Mapping.normalise(v)] else { return .rejected(column: "licensed", value: v, reason: .unknownValue) }
                licensed = b
            }
            guard seen.insert(key).inserted else { return .duplicate }
            keep(RegisteredEnterprise(enterprise: key, region: region, licensed: licensed))
            return .loaded
        }
    }

    static let inspectionTypes: [String: InspectionType] = [
        "routine": .routine, "日常": .routine, "日常检查": .routine, "special": .special, "专项": .special, "专项检查": .special,
        "complaint": .complaint, "投诉举报": .complaint, "投诉": .complaint, "flying": .flying, "飞行检查": .flying,
        "follow_up": .followUp, "follow-up": .followUp, "回头看": .followUp,
    ]
    static let outcomes: [String: InspectionOutcome] = [
        "compliant": .compliant, "合格": .compliant, "符合": .compliant, "rectification": .rectification, "责令整改": .rectification,
        "整改": .rectification, "penalty": .penalty, "行政处罚": .penalty, "处罚": .penalty, "suspended": .suspended,
        "停产整顿": .suspended, "revoked": .revoked, "吊销许可证": .revoked, "撤销许可证": .revoked, "吊销(撤销)许可证": .revoked,
        "吊销（撤销）许可证": .revoked,
    ]
    static let booleans: [String: Bool] = ["是": true, "否": false, "yes": true, "no": false, "1": true, "0": false, "true": true,
                                           "false": false, "y": true, "n": false, "获证": true, "未获证": false]
    static let risks: [String: String] = ["a": "A", "b": "B", "c": "C", "d": "D", "low": "low", "medium": "medium", "high": "high",
                                          "低": "low", "中": "medium", "高": "high", "低风险": "low", "中风险": "medium", "高风险": "high"]

    /// Resolves a region by code (6 digits; or 9 digits = a township of that county) or name.
    /// The region and township of a row, or why the row is rejected.
    enum Place { case found(Int32, String?), rejected(RowOutcome) }

    static func place(_ row: RecordRow, _ regions: RegionTable) -> Place {
        if let code = row.value("region_code") {
            let county = code.count == 9 && code.allSatisfy(\.isNumber) ? String(code.prefix(6)) : code
            guard let i = regions.index(ofCode: county) else { return .rejected(.rejected(column: "region_code", value: code, reason: .unknownRegionCode)) }
            return .found(i, code.count == 9 ? code : nil)
        }
        let name = row.value("region_name") ?? ""
        switch regions.match(name: name) {
        case .found(let i): return .found(i, nil)
        case .ambiguous: return .rejected(.rejected(column: "region_name", value: name, reason: .ambiguousRegionName))
        case .unknown: return .rejected(.rejected(column: "region_name", value: name, reason: name.isEmpty ? .missingValue : .unresolvedRegionName))
        }
    }

    static func count(_ s: String) -> Int? {
        guard let v = Int(s), v >= 0 else { return nil }
        return v
    }

    public static func loadInspections(paths: [String], regions: RegionTable = .bundled, encoding: TextEncoding? = nil,
                                       dates: DateParser = DateParser(), mapping: RecordMapping = RecordMapping()) -> RecordIngestResult<InspectionRecord> {
        var seen: [String: InspectionRecord] = [:]
        return loadEach(paths, schema: inspectionSchema, encoding: encoding, mapping: mapping, day: \.day, forget: { seen[$0.id] = nil }) { row, keep in
            guard let id = row.value("inspection_id") else { return .rejected(column: "inspection_id", value: "", reason: .missingValue) }
            guard let d = row.value("inspection_date") else { return .rejected(column: "inspection_date", value: "", reason: .missingValue) }
            let day: Int32
            switch dates.parse(d) {
            case .success(let v): day = v
            case .failure(let f): return .rejected(column: "inspection_date", value: d, reason: f.reason)
            }
            let place: (Int32, String?)
            switch Self.place(row, regions) {
            case .found(let i, let t): place = (i, t)
            case .rejected(let why): return why
            }
            guard let enterprise = row.value("enterprise_code") ?? row.value("enterprise_name") else {
                return .rejected(column: "enterprise_code", value: "", reason: .missingValue)
            }
            var r = InspectionRecord(id: id, day: day, year: Int(CivilDate.civil(day).0), region: place.0, enterprise: enterprise)
            r.township = place.1
            if let v = row.value("inspection_type") {
                guard let t = inspectionTypes[Mapping.normalise(v)] else { return .rejected(column: "inspection_type", value: v, reason: .unknownValue) }
                r.type = t
            }
            if let v = row.value("licensed") {
                guard let b = booleans[Mapping.normalise(v)] else { return .rejected(column: "licensed", value: v, reason: .unknownValue) }
                r.licensed = b
            }
            if let v = row.value("risk_class") {
                guard let k = risks[Mapping.normalise(v)] else { return .rejected(column: "risk_class", value: v, reason: .unknownValue) }
                r.riskClass = k
            }
            for (c, set) in [("hazards_found", \InspectionRecord.hazardsFound), ("hazards_rectified", \InspectionRecord.hazardsRectified)] {
                if let v = row.value(c) {
                    guard let n = count(v) else { return .rejected(column: c, value: v, reason: .invalidNumber) }
                    guard n <= RecordLimits.largestHazards else {
                        return .rejected(column: c, value: v, reason: .valueOutOfRange, detail: "> \(RecordLimits.largestHazards)")
                    }
                    r[keyPath: set] = n
                }
            }
            if let f = r.hazardsFound, let x = r.hazardsRectified, x > f {
                return .rejected(column: "hazards_rectified", value: String(x), reason: .rectifiedExceedsFound, detail: "hazards_found = \(f)")
            }
            if let v = row.value("outcome") {
                guard let o = outcomes[Mapping.normalise(v)] else { return .rejected(column: "outcome", value: v, reason: .unknownValue) }
                r.outcome = o
            }
            if let earlier = seen[id] {
                return earlier == r ? .duplicate : .rejected(column: "inspection_id", value: id, reason: .duplicateId)
            }
            seen[id] = r
            keep(r)
            return .loaded
        }
    }

    public static func loadStatistics(paths: [String], regions: RegionTable = .bundled,
                                      encoding: TextEncoding? = nil) -> RecordIngestResult<RegionalStatistic> {
        var seen: [String: RegionalStatistic] = [:]
        return loadEach(paths, schema: statisticsSchema, encoding: encoding,
                        forget: { seen["\(regions[$0.region].code)|\($0.year)|\($0.indicator)"] = nil }) { row, keep in
            guard let code = row.value("region_code") else { return .rejected(column: "region_code", value: "", reason: .missingValue) }
            guard let region = regions.index(ofCode: code) else { return .rejected(column: "region_code", value: code, reason: .unknownRegionCode) }
            guard let ys = row.value("year") else { return .rejected(column: "year", value: "", reason: .missingValue) }
            guard let year = Int(ys), (1900...2100).contains(year) else { return .rejected(column: "year", value: ys, reason: .invalidNumber) }
            guard let indicator = row.value("indicator") else { return .rejected(column: "indicator", value: "", reason: .missingValue) }
            guard let raw = row.value("value") else { return .rejected(column: "value", value: "", reason: .missingValue) }
            let unit = row.value("unit") ?? ""
            guard let value = number(raw, unit: unit) else { return .rejected(column: "value", value: raw, reason: .invalidNumber) }
            guard abs(value) <= RecordLimits.largestStatistic else {
                return .rejected(column: "value", value: raw, reason: .valueOutOfRange, detail: "> \(Int(RecordLimits.largestStatistic))")
            }
            let s = RegionalStatistic(region: region, year: year, indicator: indicator, value: value, unit: unit, source: row.value("source") ?? "")
            let key = "\(code)|\(year)|\(indicator)"
            if let earlier = seen[key] {
                return earlier == s ? .duplicate : .rejected(column: "value", value: raw, reason: .duplicateId, detail: "\(code) \(year) \(indicator)")
            }
            seen[key] = s
            keep(s)
            return .loaded
        }
    }

    /// A number, with thousands separators allowed; "93.1%" is 0.931 when
    /// the unit says ratio (比率, ratio, share), else 93.1.
    static func number(_ raw: String, unit: String) -> Double? {
        var s = raw.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        var percent = false
        if s.hasSuffix("%") || s.hasSuffix("％") { percent = true; s = String(s.dropLast()) }
        guard let v = Double(s.trimmingSpaces), v.isFinite else { return nil }
        let ratio = ["ratio", "share", "比率", "比例", "比重"].contains(Mapping.normalise(unit))
        return percent && ratio ? v / 100 : v
    }
}
