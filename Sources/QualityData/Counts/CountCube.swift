/// Counts of one group in one year. Rates are derived, counts are what sum.
public struct RateCounts: Sendable, Equatable {
    public var sampled = 0
    public var passed = 0
    public var failed = 0
    public var enterprisesTested = 0
    public var enterprisesPassed = 0
    /// The tested batches' sums over enterprises as clusters (each batch
    /// without an enterprise its own cluster), for the design effect of
    /// enterprises; nil where the counts came without them (count tables
    /// written before 0.19).
    public var clusterSums: ClusterSums?
    public var tested: Int { passed + failed }
    public var excluded: Int { sampled - passed - failed }
    public init() {}
    public init(sampled: Int, passed: Int, failed: Int, enterprisesTested: Int, enterprisesPassed: Int) {
        self.sampled = sampled; self.passed = passed; self.failed = failed
        self.enterprisesTested = enterprisesTested; self.enterprisesPassed = enterprisesPassed
    }
}

/// Sums over the clusters of a cell — each enterprise with a tested batch
/// there, and each tested batch without an enterprise — of its passed
/// batches y and tested batches m: what the linearisation variance of the
/// pass rate over enterprises as clusters needs (a ratio estimator; Kish
/// 1965 §6.4), and what sums like counts.
public struct ClusterSums: Sendable, Equatable {
    /// Clusters with a tested batch in the cell.
    public var clusters = 0
    /// Σ y², Σ y·m and Σ m² over the clusters.
    public var passedSquares = 0, passedTimesTested = 0, testedSquares = 0
    public init(clusters: Int = 0, passedSquares: Int = 0, passedTimesTested: Int = 0, testedSquares: Int = 0) {
        self.clusters = clusters; self.passedSquares = passedSquares
        self.passedTimesTested = passedTimesTested; self.testedSquares = testedSquares
    }

    /// The count-table columns, in file order.
    public static let columns = ["clusters", "cluster_passed_sq", "cluster_passed_tested", "cluster_tested_sq"]
    public var values: [Int] { [clusters, passedSquares, passedTimesTested, testedSquares] }

    /// What no cell of `passed` of `tested` batches can have (every cluster
    /// has 1 ≤ m and 0 ≤ y ≤ m, integers): the rule broken, or nil.
    public func violation(passed x: Int, tested n: Int, enterprisesTested: Int) -> Bilingual? {
        if n == 0 {
            return values.allSatisfy { $0 == 0 } ? nil : Bilingual("没有检验批次却有聚类和", "cluster sums without tested batches")
        }
        if clusters < max(1, enterprisesTested) || clusters > n {
            return Bilingual("聚类数 \(clusters) 应在受检企业数与检验批次之间", "clusters \(clusters) must lie between the enterprises tested and the batches tested")
        }
        let (yy, ym, mm) = (Double(passedSquares), Double(passedTimesTested), Double(testedSquares))
        if !(Double(x) <= yy && yy <= ym && ym <= mm) { return Bilingual("聚类和须满足 合格 ≤ Σy² ≤ Σym ≤ Σm²", "cluster sums must satisfy passed ≤ Σy² ≤ Σym ≤ Σm²") }
        if !(Double(n) <= mm && mm <= Double(n) * Double(n)) || Double(clusters) * mm < Double(n) * Double(n) {
            return Bilingual("Σm² 须在 n²/聚类数 与 n² 之间", "Σm² must lie between n²/clusters and n²")
        }
        if yy > Double(x) * Double(x) || Double(clusters) * yy < Double(x) * Double(x) {
            return Bilingual("Σy² 须在 合格²/聚类数 与 合格² 之间", "Σy² must lie between passed²/clusters and passed²")
        }
        return nil
    }
}

/// One cell of a count table: a group (and a second key in a cross table)
/// in one year.
public struct CountRow: Sendable, Equatable {
    public var year: Int
    /// The group's key as text: a region code, a product code, an enum id,
    /// an agency's name; "" = not given.
    public var key: String
    /// The second key of a cross table (the level of region × level, the
    /// product of agency × product); "" otherwise.
    public var subKey: String
    /// The group's display name where it is not its key (a product's name).
    public var name: String
    public var counts: RateCounts

    public init(year: Int, key: String, subKey: String = "", name: String = "", counts: RateCounts) {
        self.year = year; self.key = key; self.subKey = subKey; self.name = name; self.counts = counts
    }
}

/// One (year, group) of a grouped indicator (safety failures, re-tests …):
/// its counts in the indicator's declared order.
public struct GroupedRow: Sendable, Equatable {
    public let year: Int
    /// The grouping's name (`all`, `province`, `product`, `agency`).
    public let scope: String
    public let key: String
    public let name: String
    public let counts: [Int]
    public init(year: Int, scope: String, key: String, name: String, counts: [Int]) {
        self.year = year; self.scope = scope; self.key = key; self.name = name; self.counts = counts
    }
}

/// The decomposable counts behind every pass-rate table: a small "cube" of
/// groups × years, not rows. qindex's own kernel fills it from the loaded
/// columns (`CountCube.count`, QualityIndicators); `qindex sql` renders the
/// SQL that fills the same tables on DuckDB or Spark; `report --from-counts`
/// reads them back. The statistics are derived from a cube in one place
/// (`Analysis.derive`), whichever engine counted.
///
/// An enterprise counts as tested in a cell when one of its batches there was
/// tested, and as passed when none of them failed — a per-cell flag, so the
/// enterprise counts of a city are not the sums of its counties'; each table
/// is counted at its own level (a county's batch counts in its city and its
/// province).
public struct CountCube: Sendable, Equatable {
    /// Count tables by name (``CountTableKind/table``): in the kernel's order,
    /// or ``precedes`` order once sorted (the reader and the CSV writer sort).
    public var tables: [String: [CountRow]]
    /// Every grouped indicator's rows by its count table's name (`counts_retests`).
    public var grouped: [String: [GroupedRow]] = [:]
    /// Failing items: failed batches citing each item, by year and product (`counts_failed_items`).
    public var failedItems: [ItemCount] = []
    /// Per enterprise, summed by year: enterprises with a failure and those sampled again within 365 days (`counts_follow_up_enterprises`).
    public var followUpEnterprises: [FollowUpEnterprises] = []
    /// Enterprises with two or more failed samplings (`counts_repeat_failures`): computed per enterprise by the engine.
    public var repeatFailures: [RepeatFailureCount] = []
    /// The tested batches and failures of each enterprise in ``repeatFailures``
    /// by year and product (`counts_repeat_failure_products`): its failures
    /// expected from its products' failure rates (indirect standardisation).
    public var repeatFailureProducts: [RepeatFailureProductCount] = []
    /// The first and last sampling date of the data, days since 1970 (`counts_dates`).
    public var firstDay: Int32 = 0, lastDay: Int32 = 0
    /// Batches and enterprises of the filtered sets plan targets and index
    /// indicators count (`counts_filtered`): key = ``RecordFilter/id``, sub-key =
    /// a region at every level it rolls up to, or ``RegionTable/nationalCode`` for all.
    public var filtered: [CountRow] = []
    /// The filters counted in ``filtered`` (`counts_filters`), sorted: a filter
    /// that matched no batch is counted (no rows), one not listed was not.
    public var filters: [String] = []
    /// Inspection records' counts, where they were counted (`qindex export
    /// --inspections`, `qindex sql --count-inspections`); nil: not counted.
    public var inspections: InspectionCounts?

    public init(tables: [String: [CountRow]] = [:]) { self.tables = tables }

    /// The tables that are not counts by group, by name: failing items, the
    /// enterprises' follow-up, repeat failures, and the data's first and last date.
    public static let failedItemsTable = "counts_failed_items", followUpEnterprisesTable = "counts_follow_up_enterprises",
                      repeatFailuresTable = "counts_repeat_failures", repeatFailureProductsTable = "counts_repeat_failure_products",
                      datesTable = "counts_dates"
    public static let otherTables = [failedItemsTable, followUpEnterprisesTable, repeatFailuresTable, repeatFailureProductsTable, datesTable]
    /// The filtered counts and their filters: written only for a plan or an
    /// index (`qindex sql --plan … --index …`), so not among the tables every report needs.
    public static let filteredTable = "counts_filtered", filtersTable = "counts_filters"
    /// `counts_filters`: which records a filter is of (`sampling`, `inspections`) and its id.
    public static let filtersColumns = ["records", "key"]

    /// The inputs' accounting beside the counts (which files, how many rows
    /// each, every rejected row), so a report from the counts shows the same
    /// data-quality table and rejects.csv.
    public static let accountingFile = "_accounting.json"

    public func rows(_ kind: CountTableKind) -> [CountRow] { tables[kind.table] ?? [] }

    /// Every table's rows in a fixed order (count tables: year, key, sub-key in byte order of
    /// the UTF-8 text; the others by year and their keys), whichever engine wrote them.
    public mutating func sort() {
        for (name, rows) in tables { tables[name] = rows.sorted(by: Self.precedes) }
        for (name, rows) in grouped { grouped[name] = rows.sorted { ($0.year, $0.scope, $0.key) < ($1.year, $1.scope, $1.key) } }
        failedItems.sort { ($0.year, $0.productCode, $0.item) < ($1.year, $1.productCode, $1.item) }
        followUpEnterprises.sort { $0.year < $1.year }
        repeatFailures.sort { $0.enterprise < $1.enterprise }
        repeatFailureProducts.sort { ($0.enterprise, $0.year, $0.productCode) < ($1.enterprise, $1.year, $1.productCode) }
        filtered.sort(by: Self.precedes)
        filters.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        inspections?.sort()
    }

    /// The yearly counts of the batches `filter` accepts in each region of
    /// `codes` (``RegionTable/nationalCode``: all), in their order — from the
    /// tables by year and region when it has no conditions; nil when the cube
    /// does not hold that filter.
    public func counts(_ filter: RecordFilter, regions codes: [String]) -> [[Int: RateCounts]]? {
        var slot: [String: [Int]] = [:]
        for (i, c) in codes.enumerated() { slot[c, default: []].append(i) }
        var out = [[Int: RateCounts]](repeating: [:], count: codes.count)
        func add(_ code: String, _ r: CountRow) { for i in slot[code] ?? [] { out[i][r.year] = r.counts } }
        if filter.isEmpty {
            for r in rows(.year) { add(RegionTable.nationalCode, r) }
            for r in rows(.region) { add(r.key, r) }
            return out
        }
        let id = filter.id
        guard filters.contains(id) else { return nil }
        for r in filtered where r.key == id { add(r.subKey, r) }
        return out
    }

    /// The order of a count table's rows: year, then key, then sub-key, by the bytes of their UTF-8 text.
    public static func precedes(_ a: CountRow, _ b: CountRow) -> Bool {
        if a.year != b.year { return a.year < b.year }
        if a.key != b.key { return a.key.utf8.lexicographicallyPrecedes(b.key.utf8) }
        return a.subKey.utf8.lexicographicallyPrecedes(b.subKey.utf8)
    }
}

/// The count tables of a cube, declared once: their file names, their
/// columns and what their keys are. The kernel, the SQL, the writer and the
/// reader all iterate over this list.
public enum CountTableKind: String, CaseIterable, Sendable {
    /// All batches by year (key "").
    case year
    /// Every region at every level a batch rolls up to (its own, its city, its province).
    case region
    /// The region as recorded × sampling level.
    case regionLevel = "region_level"
    case product, level, channel
    case enterpriseSize = "enterprise_size"
    case agency
    /// Testing agency × product: the product mix of each agency, for indirect standardisation.
    case agencyProduct = "agency_product"
    /// All batches by month of the sampling date (key "2019-07"): the control chart.
    case month
    /// Every region at every level it rolls up to × month (sub-key): control charts of regions.
    case regionMonth = "region_month"
    /// By the follow-up flag (key "yes", "no", ""): follow-up samplings' pass rate.
    case followUp = "follow_up"
    /// By the agency that took the sample (抽样机构): with 抽检分离 (the 2018
    /// key points) the agency that samples is not the one that tests.
    case samplingAgency = "sampling_agency"

    /// File name without extension (`counts_region` → counts_region.csv).
    public var table: String { "counts_\(rawValue)" }

    /// The pass-rate breakdowns, in the order the report writes them and the
    /// store keeps them (`pass_rate_by_<rawValue>`, the store's dimension):
    /// a breakdown over a column is its case, its ``key`` and its place here.
    public static let breakdowns: [CountTableKind] = [.region, .product, .level, .channel, .enterpriseSize, .agency, .samplingAgency,
                                                         .regionLevel]

    /// Columns of every count table, in file order.
    public static let columns = ["year", "key", "sub_key", "name", "batches_sampled", "passed", "failed",
                                 "enterprises_tested", "enterprises_passed"] + ClusterSums.columns
}

/// What a count table's cells are keyed by, declared as data: the kernel,
/// the SQL and the reader count or read each shape one way, so a table over
/// a shape that exists is one declaration (``CountTableKind/key``).
public enum CountTableKey: Sendable, Equatable {
    /// All batches (key "").
    case none
    /// One stored column of the schema: an enum by its id, a coded text by
    /// its text (the product with its name), the region as recorded by its
    /// code; batches without an enum or text value are the group "" (not
    /// given; the region as recorded always has one).
    case column(SamplingColumn)
    /// Two stored columns: the key and the sub-key.
    case pair(SamplingColumn, SamplingColumn)
    /// The month of the sampling date ("2019-07").
    case month
    /// Every region a batch rolls up to: its own, its city, its province.
    case regions
    /// Every region a batch rolls up to × the month (the sub-key).
    case regionsByMonth
}

extension CountTableKind {
    /// What the table is keyed by: the one declaration the kernel, the
    /// columns the SQL reads and the breakdown's key columns derive from.
    public var key: CountTableKey {
        switch self {
        case .year: return .none
        case .region: return .regions
        case .regionLevel: return .pair(.regionCode, .level)
        case .product: return .column(.productCode)
        case .level: return .column(.level)
        case .channel: return .column(.channel)
        case .enterpriseSize: return .column(.enterpriseSize)
        case .agency: return .column(.testingAgency)
        case .agencyProduct: return .pair(.testingAgency, .productCode)
        case .month: return .month
        case .regionMonth: return .regionsByMonth
        case .followUp: return .column(.followUp)
        case .samplingAgency: return .column(.samplingAgency)
        }
    }

    /// The exported column (``SamplingColumn``, as `qindex export` names it)
    /// holding the key, the sub-key and the name; nil: none (key "").
    /// The region table's key is the region at every level it rolls up to
    /// (`region_code`, `city_code`, `province_code`; ``rollsUpRegions``).
    /// A product's name is in `product_name`.
    public var columns: (key: SamplingColumn?, subKey: SamplingColumn?, name: SamplingColumn?) {
        switch key {
        case .none: return (nil, nil, nil)
        case .column(let c): return (c, nil, c == .productCode ? .productName : nil)
        case .pair(let a, let b): return (a, b, nil)
        case .month: return (.sampleDate, nil, nil)
        case .regions: return (.regionCode, nil, nil)
        case .regionsByMonth: return (.regionCode, .sampleDate, nil)
        }
    }

    /// A batch counts in its own region, its city and its province.
    public var rollsUpRegions: Bool { key == .regions || key == .regionsByMonth }

    /// A month as the key of ``month`` and the sub-key of ``regionMonth``: "2019-07".
    public static func monthName(year: Int, month: Int) -> String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
}

/// How a grouped indicator's rows are grouped (``Grouping`` in
/// QualityIndicators): what its key is, declared as data so the kernel,
/// the SQL and the count-table reader agree.
public enum GroupingKind: Sendable, Equatable {
    /// Every batch in one group, key "000000".
    case all
    /// The province the batch's region rolls up to; its name from the region table.
    case province
    /// Every region the batch rolls up to — its own, its city, its province —
    /// by code (scope `region`); names from the region table. What a plan
    /// target for a city or a county reads.
    case regions
    /// A coded text column (product, testing agency …); the product's name
    /// is its display name, any other column's name is its text.
    case column(SamplingColumn)

    /// Whether the key is a region code (its name then comes from the region table).
    public var isRegion: Bool { self == .province || self == .regions }
}

/// A grouped indicator's count table as the reader needs it (declared by
/// the indicator, `GroupedIndicator.countTableSpec`): its file name, its
/// count columns and its groupings.
public struct GroupedCountTableSpec: Sendable {
    public let table: String
    public let countColumns: [String]
    public let scopes: [(scope: String, kind: GroupingKind)]
    /// (numerator, denominator) indices of the declared shares: a numerator never exceeds its denominator.
    public let bounded: [(Int, Int)]
    public init(table: String, countColumns: [String], scopes: [(scope: String, kind: GroupingKind)], bounded: [(Int, Int)] = []) {
        self.table = table; self.countColumns = countColumns; self.scopes = scopes; self.bounded = bounded
    }
    public var columns: [String] { ["year", "scope", "key", "name"] + countColumns }
}

/// Failed batches of one product (or none: "") in one year citing one item.
public struct ItemCount: Sendable, Equatable {
    public var year: Int
    public var productCode: String
    public var productName: String
    public var item: String
    public var failures: Int
    public init(year: Int, productCode: String, productName: String, item: String, failures: Int) {
        self.year = year; self.productCode = productCode; self.productName = productName; self.item = item; self.failures = failures
    }
    public static let columns = ["year", "product_code", "product_name", "item", "failures"]
}

/// Follow-up of failures in one year: enterprises with a failed batch that
/// year, and those of them sampled again within 365 days after their first
/// failure of the year (a window over each enterprise's batches by date).
public struct FollowUpEnterprises: Sendable, Equatable {
    public var year: Int
    public var enterprisesFailed: Int
    public var enterprisesResampled: Int
    public init(year: Int, enterprisesFailed: Int, enterprisesResampled: Int) {
        self.year = year; self.enterprisesFailed = enterprisesFailed; self.enterprisesResampled = enterprisesResampled
    }
    public static let columns = ["year", "enterprises_failed", "enterprises_resampled"]
}

/// One enterprise failing in two or more samplings, over the whole period:
/// its batches in date order (ties in the order of the records), the
/// longest run of failures with no pass between them, and the region of
/// its first batch.
/// One enterprise of the repeat failures in one year and product ("" not
/// given): its tested batches and failures there.
public struct RepeatFailureProductCount: Sendable, Equatable {
    public var enterprise: String
    public var year: Int
    public var productCode: String
    public var batchesTested: Int
    public var failures: Int
    public init(enterprise: String, year: Int, productCode: String, batchesTested: Int, failures: Int) {
        self.enterprise = enterprise; self.year = year; self.productCode = productCode
        self.batchesTested = batchesTested; self.failures = failures
    }
    public static let columns = ["enterprise", "year", "product_code", "batches_tested", "failures"]
}

public struct RepeatFailureCount: Sendable, Equatable {
    public var enterprise: String
    public var regionCode: String
    public var batchesTested: Int
    public var failures: Int
    public var longestFailureRun: Int
    public var firstFailure: Int32
    public var lastFailure: Int32
    /// Product codes of the failed batches, distinct, sorted.
    public var products: [String]
    public init(enterprise: String, regionCode: String, batchesTested: Int, failures: Int, longestFailureRun: Int,
                firstFailure: Int32, lastFailure: Int32, products: [String]) {
        self.enterprise = enterprise; self.regionCode = regionCode; self.batchesTested = batchesTested; self.failures = failures
        self.longestFailureRun = longestFailureRun; self.firstFailure = firstFailure; self.lastFailure = lastFailure; self.products = products
    }
    public static let columns = ["enterprise", "region_code", "batches_tested", "failures", "longest_failure_run",
                                 "first_failure", "last_failure", "products"]

    /// The `products` field: each code with `\` written `\\` and `|` written
    /// `\|`, in byte order of that text, joined with `|` — so a code holding
    /// `|` is one code when read back (``splitProducts(_:)``). What the SQL writes too.
    public static func joinProducts(_ codes: [String]) -> String {
        codes.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: "|")
    }

    /// The codes of a `products` field (``joinProducts(_:)``).
    public static func splitProducts(_ field: String) -> [String] {
        guard !field.isEmpty else { return [] }
        var out: [String] = [], current = "", escaped = false
        for ch in field {
            if escaped { current.append(ch); escaped = false }
            else if ch == "\\" { escaped = true }
            else if ch == "|" { out.append(current); current = "" }
            else { current.append(ch) }
        }
        out.append(current)
        return out
    }
}

/// The records a plan target or an index indicator counts: the accepted
/// values of columns — of sampling results (``SamplingColumn`` enums by id,
/// `product_code`, and `industry` by GB/T 4754 prefix) or of inspection
/// records (`inspection_type`, `risk_class`) — every value of a column
/// without conditions. Values sorted and without repeats, so two spellings
/// of one filter are one.
public struct RecordFilter: Sendable, Hashable, Comparable {
    public let conditions: [String: [String]]
    public init(_ conditions: [String: [String]]) {
        self.conditions = conditions.mapValues { Array(Set($0)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
    }
    public var isEmpty: Bool { conditions.isEmpty }

    /// The filter as the key of `counts_filtered`: `column=value,value;column=value`,
    /// columns and values in byte order, `%` `,` `;` `=` in a value written
    /// `%25` `%2C` `%3B` `%3D` (so no two filters share an id). "" = all batches.
    public var id: String {
        func escaped(_ v: String) -> String {
            var out = ""
            for ch in v {
                switch ch {
                case "%": out += "%25"
                case ",": out += "%2C"
                case ";": out += "%3B"
                case "=": out += "%3D"
                default: out.append(ch)
                }
            }
            return out
        }
        return conditions.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { k in escaped(k) + "=" + conditions[k]!.map(escaped).joined(separator: ",") }.joined(separator: ";")
    }

    public static func < (a: RecordFilter, b: RecordFilter) -> Bool { a.id.utf8.lexicographicallyPrecedes(b.id.utf8) }

    /// The filters that need counts of their own: each once, in id order,
    /// without the empty one (all records: the tables by year and region count those).
    public static func distinct(_ filters: [RecordFilter]) -> [RecordFilter] { Set(filters.filter { !$0.isEmpty }).sorted() }
}
