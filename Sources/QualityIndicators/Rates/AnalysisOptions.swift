import QualityData
/// Method choices of an analysis (indicators.md §1–§2), with the defaults
/// the spec names first.
public struct AnalysisOptions: Sendable {
    /// Interval for every rate (`--interval`).
    public var interval = IntervalMethod.wilson
    /// Funnel limits under overdispersion (`--funnel-adjust`).
    public var funnelAdjustment = FunnelAdjustment.multiplicative
    /// Period of the control chart (`--period`).
    public var period = ChartPeriod.quarter
    /// Regions (GB/T 2260 codes) that get a control chart of their own
    /// besides the overall one (`--control-region`).
    public var controlRegions: [String] = []
    /// Successive points on one side of the centre line that signal (rule 4).
    public var runLength = PChart.defaultRunLength
    /// p-chart, Laney's p′, or p′ where the periods are overdispersed (`--chart`).
    public var chartMethod = ChartMethod.auto
    /// Which failing items are about safety (`--item-classes`; bundled by default).
    public var itemClasses = ItemClasses.bundled
    /// The region the report's first screen is about (`--focus`, a GB/T 2260
    /// code); nil: the region of the plan's targets, or none without a plan.
    public var focusRegion: String?
    /// The year the headline, focus card and bulletin are about (`--year`);
    /// nil: the latest complete year (``Analysis/chooseReportYear(requested:yearsFromDates:)``).
    public var reportYear: Int?
    public init() {}
}

/// Period of a control chart.
public enum ChartPeriod: String, Sendable, CaseIterable {
    case quarter, month
}
