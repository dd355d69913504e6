import QualityData

/// Inspection indicators of one group in one year (indicators.md §3).
public struct InspectionRow: Sendable {
    public let year: Int
    /// Region code, inspection type id or risk class ("" = not given).
    public let key: String
    public let label: String
    public let regionLevel: String
    public var inspections = 0
    public var enterprises = 0
    public var hazardsFound = 0
    public var hazardsRectified = 0
    /// Counts by ``InspectionOutcome`` (in its order), then "not given".
    public var outcomes = [Int](repeating: 0, count: InspectionOutcome.allCases.count + 1)
    /// Regions: counties (districts) under the region, and how many were inspected this year.
    public var counties: Int?
    public var countiesInspected: Int?
    /// Regions: townships seen in any year's records under the region, and inspected this year.
    public var townships: Int?
    public var townshipsInspected: Int?
    /// Regions: licensed enterprises (the register's, or those seen licensed
    /// in any year's inspections) and how many of them were inspected this year.
    public var licensedEnterprises: Int?
    public var licensedInspected: Int?
    public var enterpriseCoverage: Double? {
        licensedEnterprises.flatMap { n in n > 0 ? Double(licensedInspected ?? 0) / Double(n) : nil }
    }

    public var rectificationRate: Double? { hazardsFound > 0 ? Double(hazardsRectified) / Double(hazardsFound) : nil }
    public var countyCoverage: Double? { counties.flatMap { c in c > 0 ? Double(countiesInspected ?? 0) / Double(c) : nil } }
    public var townshipCoverage: Double? { townships.flatMap { t in t > 0 ? Double(townshipsInspected ?? 0) / Double(t) : nil } }
}

/// Inspection coverage, hazard rectification and outcome mix by region
/// (county → city → province → all), inspection type and risk class.
public struct InspectionAnalysis: Sendable {
    public let byRegion: [InspectionRow]
    public let byType: [InspectionRow]
    public let byRisk: [InspectionRow]

    /// The licensed enterprises inside a region: the register's (all of
    /// them unless marked unlicensed) when there is one, else those seen
    /// licensed in any inspection record.
    public static func population(register: [RegisteredEnterprise], inspections: [InspectionRecord], inside: (Int32) -> Bool) -> Set<String> {
        if !register.isEmpty { return Set(register.filter { $0.licensed != false && inside($0.region) }.map(\.enterprise)) }
        return Set(inspections.filter { $0.licensed == true && inside($0.region) }.map(\.enterprise))
    }

    public static func compute(_ records: [InspectionRecord], regions: RegionTable, register: [RegisteredEnterprise] = []) -> InspectionAnalysis {
        guard !records.isEmpty else { return InspectionAnalysis(byRegion: [], byType: [], byRisk: []) }
        // Licensed population under each region.
        var populationUnder: [Int32: Set<String>] = [:]
        if register.isEmpty {
            for r in records where r.licensed == true { for a in regions.ancestry(r.region) { populationUnder[a, default: []].insert(r.enterprise) } }
        } else {
            for e in register where e.licensed != false { for a in regions.ancestry(e.region) { populationUnder[a, default: []].insert(e.enterprise) } }
        }
        // Townships known under each region: every 9-digit code seen in any year.
        var townshipsUnder: [Int32: Set<String>] = [:]
        for r in records { if let w = r.township { for a in regions.ancestry(r.region) { townshipsUnder[a, default: []].insert(w) } } }
        var countiesUnder: [Int32: Int] = [:]
        for i in 0..<regions.count where regions.regions[i].level == .county {
            for a in regions.ancestry(Int32(i)) { countiesUnder[a, default: 0] += 1 }
        }
        struct Acc { var row: InspectionRow; var enterprises = Set<String>(); var counties = Set<Int32>(); var townships = Set<String>(); var region: Int32? }
        var regionAcc: [String: Acc] = [:], typeAcc: [String: Acc] = [:], riskAcc: [String: Acc] = [:]
        func add(_ acc: inout [String: Acc], _ key: String, _ r: InspectionRecord, label: String, level: String, region: Int32?) {
            let k = "\(r.year)|\(key)"
            var a = acc[k] ?? Acc(row: InspectionRow(year: r.year, key: key, label: label, regionLevel: level))
            a.row.inspections += 1
            a.enterprises.insert(r.enterprise)
            a.row.hazardsFound += r.hazardsFound ?? 0
            a.row.hazardsRectified += r.hazardsFound == nil ? 0 : (r.hazardsRectified ?? 0)
            a.row.outcomes[r.outcome.map { Int($0.rawValue) } ?? InspectionOutcome.allCases.count] += 1
            if let region {
                if let c = regions.ancestor(of: r.region, at: .county) { a.counties.insert(c) }
                if let w = r.township { a.townships.insert(w) }
                a.row.counties = countiesUnder[region] ?? 0
                a.row.townships = townshipsUnder[region]?.count ?? 0
                a.region = region
            }
            acc[k] = a
        }
        for r in records {
            for a in regions.ancestry(r.region) {
                let reg = regions[a]
                add(&regionAcc, reg.code, r, label: reg.name, level: reg.level.id, region: a)
            }
            add(&typeAcc, r.type?.id ?? "", r, label: r.type?.id ?? "", level: "", region: nil)
            add(&riskAcc, r.riskClass ?? "", r, label: r.riskClass ?? "", level: "", region: nil)
        }
        func rows(_ acc: [String: Acc], withCoverage: Bool) -> [InspectionRow] {
            acc.values.map { a in
                var row = a.row
                row.enterprises = a.enterprises.count
                if withCoverage {
                    row.countiesInspected = a.counties.count
                    row.townshipsInspected = a.townships.count
                    let population = a.region.flatMap { populationUnder[$0] } ?? []
                    row.licensedEnterprises = population.count
                    row.licensedInspected = a.enterprises.filter { population.contains($0) }.count
                }
                return row
            }.sorted { ($0.year, $0.key) < ($1.year, $1.key) }
        }
        return InspectionAnalysis(byRegion: rows(regionAcc, withCoverage: true), byType: rows(typeAcc, withCoverage: false),
                                  byRisk: rows(riskAcc, withCoverage: false))
    }
}
