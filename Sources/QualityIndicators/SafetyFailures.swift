import QualityData

/// Batches failing at least one safety item (ItemClasses), by year and
/// overall, province and product: what share of tested batches failed on
/// safety rather than on labelling or other items.
public struct SafetyFailureRow: Sendable, Equatable {
    public let year: Int
    /// `all`, `province` or `product`.
    public let scope: String
    public let key: String
    public let name: String
    public let tested: Int
    /// Tested batches with at least one failed item of a safety class.
    public let safetyFailed: Int
    public var share: Double? { tested > 0 ? Double(safetyFailed) / Double(tested) : nil }
}

public enum SafetyFailures {
    public static func compute(_ t: SamplingTable, classes: ItemClasses) -> [SafetyFailureRow] {
        guard t.count > 0 else { return [] }
        let safe = (0..<t.itemNames.count).map { classes.isSafety(t.itemNames.string(UInt32($0))) }
        let minYear = Int(t.year.min()!), years = Int(t.year.max()!) - minYear + 1
        let regions = t.regions
        // Province of every region of the table (-1: none).
        let province = (0..<regions.count).map { Int(regions.ancestor(of: Int32($0), at: .province) ?? -1) }
        let pc = t.products.count
        var all = [(Int, Int)](repeating: (0, 0), count: years)
        var byProvince = [[Int: (Int, Int)]](repeating: [:], count: years)
        var byProduct = [[(Int, Int)]](repeating: [(Int, Int)](repeating: (0, 0), count: pc), count: years)
        let fail = SamplingOutcome.fail.rawValue
        for b in 0..<t.count where SamplingOutcome.isTested(code: t.outcome[b]) {
            let y = Int(t.year[b]) - minYear
            let hit = t.outcome[b] == fail && t.failedItems(of: b).contains { safe[Int($0)] }
            let d = hit ? 1 : 0
            all[y].0 += 1; all[y].1 += d
            let p = province[Int(t.region[b])]
            if p >= 0 { byProvince[y][p, default: (0, 0)].0 += 1; byProvince[y][p, default: (0, 0)].1 += d }
            let pr = t.product[b]
            if pr != missingDictionaryCode { byProduct[y][Int(pr)].0 += 1; byProduct[y][Int(pr)].1 += d }
        }
        var rows: [SafetyFailureRow] = []
        for y in 0..<years where all[y].0 > 0 {
            let year = y + minYear
            rows.append(SafetyFailureRow(year: year, scope: "all", key: RegionTable.nationalCode, name: "", tested: all[y].0, safetyFailed: all[y].1))
            for p in byProvince[y].keys.sorted(by: { regions[Int32($0)].code < regions[Int32($1)].code }) {
                let c = byProvince[y][p]!
                rows.append(SafetyFailureRow(year: year, scope: "province", key: regions[Int32(p)].code, name: regions[Int32(p)].name,
                                             tested: c.0, safetyFailed: c.1))
            }
            let products = (0..<pc).filter { byProduct[y][$0].0 > 0 }.sorted { t.products.string(UInt32($0)) < t.products.string(UInt32($1)) }
            for p in products {
                rows.append(SafetyFailureRow(year: year, scope: "product", key: t.products.string(UInt32(p)), name: t.productNames[p],
                                             tested: byProduct[y][p].0, safetyFailed: byProduct[y][p].1))
            }
        }
        return rows
    }
}
