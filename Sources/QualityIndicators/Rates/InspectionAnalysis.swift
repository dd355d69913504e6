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
    /// Unknown (nil) where no inspection of the region could be placed in a county.
    public var countyCoverage: Double? {
        guard let c = counties, c > 0, let i = countiesInspected else { return nil }
        return Double(i) / Double(c)
    }
    public var townshipCoverage: Double? { townships.flatMap { t in t > 0 ? Double(townshipsInspected ?? 0) / Double(t) : nil } }
}

/// Inspection coverage, hazard rectification and outcome mix by region
/// (county → city → province → all), inspection type and risk class.
public struct InspectionAnalysis: Sendable {
    public let byRegion: [InspectionRow]
    public let byType: [InspectionRow]
    public let byRisk: [InspectionRow]

    /// From the records: qindex's own kernel counts (``InspectionCounts/count``), then ``derive``.
    public static func compute(_ records: [InspectionRecord], regions: RegionTable, register: [RegisteredEnterprise] = []) -> InspectionAnalysis {
        derive(InspectionCounts.count(records, regions: regions, register: register), regions: regions)
    }

    /// The tables by region, type and risk class from the counts of all
    /// inspections (filter `""`): names, levels and each region's counties from the region table.
    public static func derive(_ counts: InspectionCounts, regions: RegionTable) -> InspectionAnalysis {
        var countiesUnder: [Int32: Int] = [:]
        for i in 0..<regions.count where regions.regions[i].level == .county {
            for a in regions.ancestry(Int32(i)) { countiesUnder[a, default: 0] += 1 }
        }
        var population: [String: InspectionPopulation] = [:]
        for p in counts.population where p.filter.isEmpty { population[p.key] = p }
        func row(_ c: InspectionCountRow) -> InspectionRow {
            var label = c.key, level = ""
            let region = c.scope == .region ? regions.index(ofCode: c.key) : nil
            if let region { label = regions[region].name; level = regions[region].level.id }
            var r = InspectionRow(year: c.year, key: c.key, label: label, regionLevel: level)
            r.inspections = c.inspections; r.enterprises = c.enterprises
            r.hazardsFound = c.hazardsFound; r.hazardsRectified = c.hazardsRectified; r.outcomes = c.outcomes
            if let region {
                r.counties = countiesUnder[region] ?? 0
                // Inspections none of which could be placed in a county: how many counties were covered is unknown, not 0.
                r.countiesInspected = c.countiesInspected > 0 ? c.countiesInspected : nil
                r.townships = population[c.key]?.townships ?? 0
                r.townshipsInspected = c.townshipsInspected
                r.licensedEnterprises = population[c.key]?.licensed ?? 0
                r.licensedInspected = c.licensedInspected
            }
            return r
        }
        func rows(_ scope: InspectionScope) -> [InspectionRow] {
            counts.rows.filter { $0.filter.isEmpty && $0.scope == scope }.map(row).sorted { ($0.year, $0.key) < ($1.year, $1.key) }
        }
        return InspectionAnalysis(byRegion: rows(.region), byType: rows(.type), byRisk: rows(.risk))
    }
}

extension RecordFilter {
    /// Whether an inspection is accepted: its type id and risk class among the filter's.
    public func accepts(_ i: InspectionRecord) -> Bool {
        if let types = conditions["inspection_type"], !types.contains(i.type?.id ?? "") { return false }
        if let risks = conditions["risk_class"], !risks.contains(i.riskClass ?? "") { return false }
        return true
    }

    /// The filter of a plan target or index indicator counted from inspection records (nil for any other).
    public init?(inspections query: IndicatorQuery) {
        switch IndicatorRegistry.definition(query.indicator)?.measure {
        case .hazardsRectified?, .countiesInspected?, .townshipsInspected?, .enterprisesInspected?: self.init(query.filters)
        default: return nil
        }
    }

    /// The inspection filters of `queries` beyond all inspections, distinct and sorted.
    public static func inspections(neededBy queries: [IndicatorQuery]) -> [RecordFilter] {
        distinct(queries.compactMap { RecordFilter(inspections: $0) })
    }
}

extension InspectionCounts {
    /// qindex's own kernel: every record counted once at each region it rolls
    /// up to (the national root included), by type and by risk class; and the
    /// same by region for each filter's records. The licensed population is
    /// the register's (all of a region's enterprises but those marked
    /// unlicensed) when there is one, else the enterprises any accepted record
    /// shows licensed.
    public static func count(_ records: [InspectionRecord], regions: RegionTable, register: [RegisteredEnterprise] = [],
                             filters: [RecordFilter] = []) -> InspectionCounts {
        var out = InspectionCounts()
        let list = [RecordFilter([:])] + RecordFilter.distinct(filters)
        out.filters = list.dropFirst().map(\.id)
        guard !records.isEmpty else { return out }
        var registered: [Int32: Set<String>] = [:]
        for e in register where e.licensed != false { for a in regions.ancestry(e.region) { registered[a, default: []].insert(e.enterprise) } }
        for f in list {
            let id = f.id, accepted = records.filter(f.accepts)
            // The population under each region, over every year.
            var licensed: [Int32: Set<String>] = register.isEmpty ? [:] : registered
            var townships: [Int32: Set<String>] = [:]
            for r in accepted {
                for a in regions.ancestry(r.region) {
                    if register.isEmpty && r.licensed == true { licensed[a, default: []].insert(r.enterprise) }
                    if let w = r.township { townships[a, default: []].insert(w) }
                }
            }
            for a in Set(licensed.keys).union(townships.keys) {
                let p = InspectionPopulation(filter: id, key: regions[a].code, townships: townships[a]?.count ?? 0, licensed: licensed[a]?.count ?? 0)
                if p.townships > 0 || p.licensed > 0 { out.population.append(p) }
            }
            struct Acc {
                var row: InspectionCountRow
                var enterprises = Set<String>(), counties = Set<Int32>(), townships = Set<String>()
                /// Adds one record; in a region's cell also its county and township.
                mutating func add(_ r: InspectionRecord, county: Int32?, coverage: Bool) {
                    row.inspections += 1
                    enterprises.insert(r.enterprise)
                    row.hazardsFound += r.hazardsFound ?? 0
                    row.hazardsRectified += r.hazardsFound == nil ? 0 : (r.hazardsRectified ?? 0)
                    row.outcomes[r.outcome.map { Int($0.rawValue) } ?? InspectionOutcome.allCases.count] += 1
                    guard coverage else { return }
                    if let county { counties.insert(county) }
                    if let w = r.township { townships.insert(w) }
                }
            }
            // Cells mutated in place (`acc[k, default:]`): a copy taken out and put back would copy its sets on every record.
            // Keyed by year, scope and the region's index or the type's / class's id; a region's code is looked up once per cell.
            struct Cell: Hashable { let year: Int, scope: InspectionScope, region: Int32, key: String }
            var acc: [Cell: Acc] = [:]
            func add(_ cell: Cell, _ r: InspectionRecord, county: Int32?, coverage: Bool) {
                acc[cell, default: Acc(row: InspectionCountRow(filter: id, year: r.year, scope: cell.scope,
                                                               key: cell.scope == .region ? regions[cell.region].code : cell.key))]
                    .add(r, county: county, coverage: coverage)
            }
            for r in accepted {
                let county = regions.ancestor(of: r.region, at: .county)
                for a in regions.ancestry(r.region) { add(Cell(year: r.year, scope: .region, region: a, key: ""), r, county: county, coverage: true) }
                if id.isEmpty {
                    add(Cell(year: r.year, scope: .type, region: -1, key: r.type?.id ?? ""), r, county: nil, coverage: false)
                    add(Cell(year: r.year, scope: .risk, region: -1, key: r.riskClass ?? ""), r, county: nil, coverage: false)
                }
            }
            for a in acc.values {
                var row = a.row
                row.enterprises = a.enterprises.count
                if row.scope == .region {
                    row.countiesInspected = a.counties.count
                    row.townshipsInspected = a.townships.count
                    let population = regions.index(ofCode: row.key).flatMap { licensed[$0] } ?? []
                    row.licensedInspected = a.enterprises.filter { population.contains($0) }.count
                }
                out.rows.append(row)
            }
        }
        out.sort()
        return out
    }
}
