import QualityData

/// The group-by kernel: per-batch counts summed by year and group, for
/// several groupings in one pass over the columns.
///
/// An indicator that is "a count of batches over a count of batches, by
/// year and by some breakdown" is declared as a ``GroupedIndicator`` (its
/// per-batch counts and its shares) and computed here; the report writes
/// every declared one as a table (``GroupedIndicator/registry``).

/// Groups of batches: a group per batch (−1: in none), and each group's key and name.
public struct Grouping: Sendable {
    /// `all`, `province`, `product`, `agency`: the table's `scope` column.
    public let scope: String
    /// What the key is, as data (for the SQL and the count-table reader).
    public let kind: GroupingKind
    public let groupCount: Int
    public let group: @Sendable (Int) -> Int
    /// Key and name of a group, as written to the table.
    public let label: @Sendable (Int) -> (key: String, name: String)
    /// The order groups are listed in.
    public let order: [Int]
    /// Where a group's sums also count (a region's city and province): the
    /// sums are rolled up after the pass, so a batch is grouped once.
    public var rollsUpTo: [[Int]]? = nil

    /// Every batch in one group (the national total).
    public static let all = Grouping(scope: "all", kind: .all, groupCount: 1, group: { _ in 0 }, label: { _ in (RegionTable.nationalCode, "") }, order: [0])

    /// By the province of the batch's region.
    public static func province(_ t: SamplingTable) -> Grouping {
        let regions = t.regions
        let province = (0..<regions.count).map { Int(regions.ancestor(of: Int32($0), at: .province) ?? -1) }
        let region = t.region
        return Grouping(scope: "province", kind: .province, groupCount: regions.count, group: { province[Int(region[$0])] },
                        label: { (regions[Int32($0)].code, regions[Int32($0)].name) },
                        order: (0..<regions.count).sorted { regions[Int32($0)].code < regions[Int32($1)].code })
    }

    /// By every region the batch's region rolls up to: its own (unless it is
    /// the national code), its city, its province — the batch is grouped
    /// by its own region, and the sums roll up (the same roll-up as the
    /// count kernel's region table: ``RegionTable/rollUp(_:)``).
    public static func regions(_ t: SamplingTable, scope: String) -> Grouping {
        let regions = t.regions, region = t.region
        let above = (0..<regions.count).map { r in regions.rollUp(Int32(r)).dropFirst().map(Int.init) }
        var g = Grouping(scope: scope, kind: .regions, groupCount: regions.count, group: { region[$0] == 0 ? -1 : Int(region[$0]) },
                         label: { (regions[Int32($0)].code, regions[Int32($0)].name) },
                         order: (0..<regions.count).sorted { regions[Int32($0)].code < regions[Int32($1)].code })
        g.rollsUpTo = above
        return g
    }

    /// The grouping a declaration names, over a loaded table.
    public static func of(_ d: GroupingDeclaration, _ t: SamplingTable) -> Grouping {
        switch d.kind {
        case .all: return .all
        case .province: return province(t)
        case .regions: return regions(t, scope: d.scope)
        case .column(let c): return column(c, t, scope: d.scope)
        }
    }

    /// By a dictionary-coded column of the schema (product, testing agency,
    /// industry …); the product's name is its display name, other columns'
    /// name is the text itself. Batches without a value are a group of
    /// their own, key "" (not given), like any other key — as the pass-rate
    /// tables count them.
    public static func column(_ c: SamplingColumn, _ t: SamplingTable, scope: String) -> Grouping {
        guard case .code(let path, let d)? = c.spec.storage else { preconditionFailure("\(c.rawValue) is not a coded text column") }
        let codes = t[keyPath: path], dictionary = t[keyPath: d.path]
        let names = d == .products ? t.productNames : nil
        let texts = (0..<dictionary.count).map { dictionary.string(UInt32($0)) }
        let none = dictionary.count  // the group of batches without a value
        return Grouping(scope: scope, kind: .column(c), groupCount: dictionary.count + 1,
                        group: { codes[$0] == missingDictionaryCode ? none : Int(codes[$0]) },
                        label: { $0 == none ? ("", "") : (texts[$0], names?[$0] ?? texts[$0]) },
                        order: [none] + texts.indices.sorted { texts[$0] < texts[$1] })
    }
}

/// A per-batch count: how much one batch adds (usually 0 or 1).
public typealias BatchCount = @Sendable (Int) -> Int

/// Sums of ``BatchCount``s by year and group.
public struct GroupCounts: Sendable {
    public let grouping: Grouping
    public let minYear: Int
    public let yearCount: Int
    /// `sums[count][year index × groupCount + group]`.
    public let sums: [[Int]]

    public func value(_ count: Int, yearIndex y: Int, group g: Int) -> Int { sums[count][y * grouping.groupCount + g] }
}

public enum GroupBy {
    /// One pass over the batches: every batch adds each of `counts` to its
    /// (year, group) cell of every grouping.
    public static func sum(_ t: SamplingTable, counts: [BatchCount], by groupings: [Grouping]) -> [GroupCounts] {
        guard t.count > 0 else { return [] }
        let minYear = Int(t.year.min()!), yearCount = Int(t.year.max()!) - minYear + 1
        let sizes = groupings.map(\.groupCount)
        let k = counts.count, gCount = groupings.count
        // Every grouping's cells in one flat array (cell-major: cell × k + count), each from its offset.
        var offsets: [Int] = [], total = 0
        for s in sizes { offsets.append(total); total += yearCount * s * k }
        var sums = [Int](repeating: 0, count: total)
        // Blocks of batches: each count and each grouping is called over a block
        // from a local constant, so the loop neither copies nor retains a closure per batch.
        let block = 4096
        var values = [Int](repeating: 0, count: k * block), groups = [Int](repeating: 0, count: gCount * block)
        var live = [Int](repeating: 0, count: block)
        let year = t.year
        sums.withUnsafeMutableBufferPointer { sums in
            for start in stride(from: 0, to: t.count, by: block) {
                let n = min(block, t.count - start)
                for c in 0..<k {
                    let count = counts[c], base = c * block
                    for i in 0..<n { values[base + i] = count(start + i) }
                }
                // The batches that add anything: groupings are asked only for these.
                var liveCount = 0
                for i in 0..<n {
                    var any = false
                    for c in 0..<k where values[c * block + i] != 0 { any = true }
                    if any { live[liveCount] = i; liveCount += 1 }
                }
                for g in 0..<gCount {
                    let group = groupings[g].group, base = g * block
                    for j in 0..<liveCount { groups[base + j] = group(start + live[j]) }
                }
                for j in 0..<liveCount {
                    let i = live[j], y = Int(year[start + i]) - minYear
                    for g in 0..<gCount {
                        let group = groups[g * block + j]
                        guard group >= 0 else { continue }
                        let cell = offsets[g] + (y * sizes[g] + group) * k
                        for c in 0..<k { sums[cell + c] += values[c * block + i] }
                    }
                }
            }
        }
        return groupings.indices.map { g in
            let from = offsets[g], cells = yearCount * sizes[g], size = sizes[g]
            var byCount = (0..<k).map { c in (0..<cells).map { sums[from + $0 * k + c] } }
            if let above = groupings[g].rollsUpTo {  // each group's own sums added to the groups above it
                for c in 0..<k {
                    let own = byCount[c]
                    for y in 0..<yearCount {
                        for group in 0..<size where own[y * size + group] != 0 {
                            for a in above[group] { byCount[c][y * size + a] += own[y * size + group] }
                        }
                    }
                }
            }
            return GroupCounts(grouping: groupings[g], minYear: minYear, yearCount: yearCount, sums: byCount)
        }
    }
}

/// A share between two of an indicator's counts, written with its interval.
public struct GroupedShare: Sendable {
    /// Column names of the share and its interval bounds.
    public let column: String, low: String, high: String
    public let numerator: Int, denominator: Int
    /// The share as an indicator of the registry (id, names, formula,
    /// direction, worked examples), declared here and nowhere else; nil
    /// for a share that is only a column. ``IndicatorRegistry/all`` lists
    /// it; it is kept in the history, shown on the dashboard, and a plan or
    /// an index can name it when its indicator is grouped by every region
    /// and all batches (``GroupedIndicator/nameable``).
    public let indicator: IndicatorDefinition?
    public init(_ column: String, low: String, high: String, numerator: Int, denominator: Int, indicator: IndicatorDefinition? = nil) {
        self.column = column; self.low = low; self.high = high; self.numerator = numerator; self.denominator = denominator
        self.indicator = indicator
    }

    /// The share of one row (nil when its denominator is 0).
    public func value(of r: GroupedRow) -> Double? {
        let n = r.counts[denominator]
        return n > 0 ? Double(r.counts[numerator]) / Double(n) : nil
    }
}

/// An indicator declared as counts by year and group, and shares between them.
public struct GroupedIndicator: Sendable {
    /// Table name (`safety_failures` → tables/safety_failures.csv).
    public let table: String
    public let title: Bilingual
    /// Column names of the counts.
    public let countColumns: [String]
    /// The per-batch counts over a loaded table (they may look up the table's dictionaries once).
    public let counts: @Sendable (SamplingTable, AnalysisOptions) -> [BatchCount]
    /// The groupings, in table order (the `scope` column and what each key is).
    public let groupings: [GroupingDeclaration]
    public let shares: [GroupedShare]
    /// A (year, group) is listed when this count is above zero.
    public let listedWhen: Int

    /// Labels of the count columns (the workbook's headers), in their order.
    public var countLabels: [Bilingual] = []
    /// Whether the dashboard has a section for each of its declared shares
    /// (the report year, all batches and the regions below the page's region).
    public var onDashboard = false

    /// Every grouped indicator the report computes and writes, in table order.
    public static let registry: [GroupedIndicator] = [SafetyFailures.indicator, Retests.indicator, LabellingFailures.indicator]

    /// The indicator whose count table is `table` (`counts_…` or the table's own name).
    public static func named(_ table: String) -> GroupedIndicator? { registry.first { $0.table == table || $0.countTable == table } }

    /// Whether a plan target or an index indicator can name its shares: they
    /// have a value for all batches (scope `all`) and for every region at
    /// every level (scope `region`), from the counts alone.
    public var nameable: Bool {
        groupings.contains { $0.kind == .all } && groupings.contains { $0.kind == .regions }
    }

    /// The scope of its rows for all batches and for regions at every level.
    public var allScope: String? { groupings.first { $0.kind == .all }?.scope }
    public var regionScope: String? { groupings.first { $0.kind == .regions }?.scope }

    /// The grouped indicators `queries` name (a plan's targets, an index's indicators), in registry order.
    public static func needed(by queries: [IndicatorQuery]) -> [GroupedIndicator] {
        let named = Set(queries.compactMap { q -> String? in
            if case .grouped(let table, _)? = IndicatorRegistry.definition(q.indicator)?.measure { return table }
            return nil
        })
        return registry.filter { named.contains($0.table) }
    }

    public func compute(_ t: SamplingTable, options: AnalysisOptions) -> GroupedTable {
        let sums = GroupBy.sum(t, counts: counts(t, options), by: groupings.map { Grouping.of($0, t) })
        var rows: [GroupedRow] = []
        guard let first = sums.first else { return GroupedTable(indicator: self, rows: []) }
        for y in 0..<first.yearCount {
            for s in sums {
                for g in s.grouping.order where s.value(listedWhen, yearIndex: y, group: g) > 0 {
                    let (key, name) = s.grouping.label(g)
                    rows.append(GroupedRow(year: s.minYear + y, scope: s.grouping.scope, key: key, name: name,
                                           counts: countColumns.indices.map { s.value($0, yearIndex: y, group: g) }))
                }
            }
        }
        return GroupedTable(indicator: self, rows: rows)
    }
}

/// A computed grouped indicator.
public struct GroupedTable: Sendable {
    public let indicator: GroupedIndicator
    public let rows: [GroupedRow]

    public func rows(scope: String) -> [GroupedRow] { rows.filter { $0.scope == scope } }
}

extension GroupedIndicator {
    /// Its count table (`counts_retests.csv`): year, scope, key, name and the counts.
    public var countTable: String { "counts_\(table)" }
    public var countTableSpec: GroupedCountTableSpec {
        GroupedCountTableSpec(table: countTable, countColumns: countColumns, scopes: groupings.map { ($0.scope, $0.kind) },
                              bounded: shares.map { ($0.numerator, $0.denominator) })
    }

    /// The table from count rows (read back from `report --from-counts`): in
    /// the order ``compute`` lists them — year, grouping, key text — rows
    /// not listed by ``compute`` (their `listedWhen` count 0) left out.
    public func table(fromCounts rows: [GroupedRow]) -> GroupedTable {
        let scopeIndex = Dictionary(uniqueKeysWithValues: groupings.enumerated().map { ($1.scope, $0) })
        let listed = rows.filter { scopeIndex[$0.scope] != nil && $0.counts.count == countColumns.count && $0.counts[listedWhen] > 0 }
        return GroupedTable(indicator: self, rows: listed.sorted { a, b in
            if a.year != b.year { return a.year < b.year }
            if a.scope != b.scope { return scopeIndex[a.scope]! < scopeIndex[b.scope]! }
            return a.key < b.key
        })
    }
}

/// One grouping of a grouped indicator: its `scope` name and what its key is.
public struct GroupingDeclaration: Sendable {
    public let scope: String
    public let kind: GroupingKind
    public init(_ scope: String, _ kind: GroupingKind) { self.scope = scope; self.kind = kind }
    public static let all = GroupingDeclaration("all", .all)
    public static let province = GroupingDeclaration("province", .province)
    /// Every region at every level a batch rolls up to (scope `region`).
    public static let regions = GroupingDeclaration("region", .regions)
    public static func column(_ c: SamplingColumn, scope: String) -> GroupingDeclaration { GroupingDeclaration(scope, .column(c)) }
}
