import QualityData
import QualityIndicators
import QualityIngest
import QualityReport

/// The inputs beside sampling results: inspection records, regional
/// statistics, an enterprise register, a plan and an index framework. The
/// runner loads them once for every command.
public struct CompanionInputs: Sendable {
    public var inspections = RecordIngestResult<InspectionRecord>()
    public var statistics = RecordIngestResult<RegionalStatistic>()
    public var register = RecordIngestResult<RegisteredEnterprise>()
    public var plan: Plan?
    public var framework: IndexFramework?

    /// Loads them; a malformed plan throws (its line and key in the error),
    /// unreadable record files are reported in their FileReport.
    public static func load(inspections: [String], statistics: [String], register: [String] = [], plan: String?, regions: RegionTable,
                            encoding: TextEncoding?, inspectionMapping: String? = nil, index: String? = nil) throws -> CompanionInputs {
        var c = CompanionInputs()
        if let index { c.framework = try IndexFrameworkFile.load(path: index, indicators: IndicatorRegistry.named) }
        let mapping = try inspectionMapping.map { try RecordMapping.load(path: $0, schema: RecordIngest.inspectionSchema) } ?? RecordMapping()
        if !register.isEmpty { c.register = RecordIngest.loadRegister(paths: register, regions: regions, encoding: encoding) }
        if let plan { c.plan = try PlanFile.load(path: plan, indicators: IndicatorRegistry.named, regions: regions) }
        if !inspections.isEmpty { c.inspections = RecordIngest.loadInspections(paths: inspections, regions: regions, encoding: encoding, mapping: mapping) }
        if !statistics.isEmpty { c.statistics = RecordIngest.loadStatistics(paths: statistics, regions: regions, encoding: encoding) }
        // A statistic the plan names must be in the files given (without
        // files, its target reads "no data").
        if let plan, let p = c.plan, !statistics.isEmpty {
            try PlanFile.checkStatistics(p, available: Set(c.statistics.records.map(\.indicator)), files: statistics, path: plan)
        }
        return c
    }

    public var files: [FileReport] { inspections.files + statistics.files + register.files }
    public var rejects: [RejectedRow] { inspections.rejects + statistics.rejects + register.rejects }
    public var failures: [IngestError] { inspections.failures + statistics.failures + register.failures }

    /// The records indicators are computed from.
    /// Values of earlier runs (from the SQLite history) by "indicator|region".
    public var history: [String: [HistoricRun]] = [:]

    /// The (indicator, region) pairs of the plan whose earlier years the history can supply.
    public var historyKeys: [(indicator: String, region: String)] {
        (plan?.targets ?? []).filter { $0.filters.isEmpty && IndicatorRegistry.definition($0.indicator)?.keptInHistory == true }
            .flatMap { t in t.regions.map { (t.indicator, $0) } }
    }

    /// The indicators the plan's targets and the framework's indicators name, with their filters.
    public var queries: [IndicatorQuery] { (plan?.targets.map(\.query) ?? []) + (framework?.indicators.map(\.query) ?? []) }

    /// The filtered sets of sampling results those need counted (``CountCube/filtered``).
    public var batchFilters: [RecordFilter] { RecordFilter.needed(by: queries) }

    /// The filters of inspection records those need counted (``InspectionCounts``).
    public var inspectionFilters: [RecordFilter] { RecordFilter.inspections(neededBy: queries) }

    /// The inspection records' counts for the report, the targets and the index (nil without inspection files).
    public func inspectionCounts(regions: RegionTable) -> InspectionCounts? {
        inspections.files.isEmpty ? nil : InspectionCounts.count(inspections.records, regions: regions, register: register.records, filters: inspectionFilters)
    }

    public func data(counts: CountCube?, inspections: InspectionCounts?, regions: RegionTable) -> TargetData {
        var data = TargetData(regions: regions)
        data.history = history
        data.counts = counts
        data.inspectionCounts = inspections
        data.statistics = statistics.records
        return data
    }

    /// Target rows for the plan (empty without one), computed from the counts of sampling results and inspections, and the statistics.
    public func targets(counts: CountCube?, inspections: InspectionCounts?, regions: RegionTable) -> [TargetRow] {
        guard let plan else { return [] }
        return TargetProgress.compute(plan, data: data(counts: counts, inspections: inspections, regions: regions))
    }

    /// The composite index (nil without a framework).
    public func index(counts: CountCube?, inspections: InspectionCounts?, regions: RegionTable) -> IndexResult? {
        framework.map { IndexBuilder.compute($0, data: data(counts: counts, inspections: inspections, regions: regions)) }
    }

    /// Adds targets and inspection indicators to an analysis, and these
    /// files and rejects to the load (for data_quality.csv and rejects.csv).
    public func complete(_ analysis: inout Analysis, _ load: inout SamplingIngestResult, targets: [TargetRow], index: IndexResult?,
                         inspections counts: InspectionCounts?, regions: RegionTable) {
        analysis.targets = targets
        analysis.index = index
        analysis.planTitle = plan?.title
        analysis.planIssue = plan?.issue ?? PlanIssue()
        if let counts { analysis.inspections = InspectionAnalysis.derive(counts, regions: regions) }
        load.files += files
        load.rejects += rejects
    }
}
