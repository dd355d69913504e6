/// The counts behind every inspection indicator (indicators.md §3): per
/// filter (`""`: all inspections; else a plan target's or index indicator's
/// inspection types and risk classes, ``RecordFilter``), year and group.
/// qindex's own kernel fills it from the records (`InspectionCounts.count`,
/// QualityIndicators), `qindex sql --count-inspections` renders the SQL that
/// fills the same tables over the exported inspections, and
/// `report --from-counts` reads them back; the inspection tables and the
/// inspection targets are derived from it in one place.
public struct InspectionCounts: Sendable, Equatable {
    /// Counts by (filter, year, scope, key): scope `region` (every region a
    /// record rolls up to, `000000` included), `type` and `risk` (all inspections only).
    public var rows: [InspectionCountRow] = []
    /// Per filter and region, over every year: townships seen and licensed enterprises.
    public var population: [InspectionPopulation] = []
    /// The filters counted besides all inspections (``RecordFilter/id``, not `""`), sorted.
    public var filters: [String] = []
    public init() {}

    public static let table = "counts_inspections", populationTable = "counts_inspection_population"
    /// The scopes of ``rows``, as the count table writes them.
    public static let scopes = InspectionScope.allCases.map(\.rawValue)

    /// Rows in a fixed order whichever engine counted: filter, year, scope, key; population by filter and key.
    public mutating func sort() {
        func before(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        rows.sort { a, b in
            if a.filter != b.filter { return before(a.filter, b.filter) }
            if a.year != b.year { return a.year < b.year }
            if a.scope != b.scope { return before(a.scope.rawValue, b.scope.rawValue) }
            return before(a.key, b.key)
        }
        population.sort { $0.filter != $1.filter ? before($0.filter, $1.filter) : before($0.key, $1.key) }
        filters.sort(by: before)
    }
}

/// How inspection counts are grouped, declared once: the `scope` of a
/// count row and the record column its key is (the kernel, the SQL and the
/// reader read this).
public enum InspectionScope: String, CaseIterable, Sendable {
    /// Every region a record rolls up to, `000000` included: key a region code.
    case region
    /// By inspection type (all inspections only): key the type id, "" not given.
    case type
    /// By risk class (all inspections only): key the class, "" not given.
    case risk

    /// The exported column holding the key of a `type` or `risk` row (a region's is the region at every level).
    public var column: String? {
        switch self {
        case .region: return nil
        case .type: return "inspection_type"
        case .risk: return "risk_class"
        }
    }
}

/// Inspections of one group in one year under one filter.
public struct InspectionCountRow: Sendable, Equatable {
    public var filter: String
    public var year: Int
    public var scope: InspectionScope
    /// A region code, an inspection type id or a risk class ("" = not given).
    public var key: String
    public var inspections = 0
    /// Distinct enterprises inspected.
    public var enterprises = 0
    public var hazardsFound = 0
    /// Hazards rectified, where hazards found were given.
    public var hazardsRectified = 0
    /// By ``InspectionOutcome`` in its order, then not given.
    public var outcomes = [Int](repeating: 0, count: InspectionOutcome.allCases.count + 1)
    /// Regions only (0 in the other scopes): distinct counties (the records'
    /// county ancestors), townships, and licensed enterprises (of ``InspectionPopulation``) inspected.
    public var countiesInspected = 0
    public var townshipsInspected = 0
    public var licensedInspected = 0

    public init(filter: String, year: Int, scope: InspectionScope, key: String) {
        self.filter = filter; self.year = year; self.scope = scope; self.key = key
    }

    /// The outcome columns: `outcome_compliant`, …, `outcome_none`.
    public static let outcomeColumns = InspectionOutcome.allCases.map { "outcome_\($0.id)" } + ["outcome_none"]
    public static let countColumns = ["inspections", "enterprises", "hazards_found", "hazards_rectified"] + outcomeColumns
        + ["counties_inspected", "townships_inspected", "licensed_inspected"]
    public static let columns = ["filter", "year", "scope", "key"] + countColumns

    /// The counts in ``countColumns`` order.
    public var counts: [Int] {
        [inspections, enterprises, hazardsFound, hazardsRectified] + outcomes + [countiesInspected, townshipsInspected, licensedInspected]
    }

    public init(filter: String, year: Int, scope: InspectionScope, key: String, counts c: [Int]) {
        self.init(filter: filter, year: year, scope: scope, key: key)
        let o = outcomes.count
        inspections = c[0]; enterprises = c[1]; hazardsFound = c[2]; hazardsRectified = c[3]
        outcomes = Array(c[4..<(4 + o)])
        countiesInspected = c[4 + o]; townshipsInspected = c[5 + o]; licensedInspected = c[6 + o]
    }
}

/// A region's population under one filter, over every year: townships seen
/// in the records, and licensed enterprises (the register's when there is
/// one, else those any record shows licensed).
public struct InspectionPopulation: Sendable, Equatable {
    public var filter: String
    public var key: String
    public var townships: Int
    public var licensed: Int
    public init(filter: String, key: String, townships: Int, licensed: Int) {
        self.filter = filter; self.key = key; self.townships = townships; self.licensed = licensed
    }
    public static let columns = ["filter", "key", "townships", "licensed"]
}
