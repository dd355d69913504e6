/// Normalisation of indicators in a composite index (indicators.md §5).
public enum IndexNormalisation: String, Sendable, CaseIterable {
    /// (x − min)/(max − min) · 100 (the default)
    case minmax
    /// (x − mean)/sd
    case zscore
    /// rank among the units (1 = lowest value), as COINr's n_rank
    case rank
    /// x / target · 100, capped at 100 (distance to target)
    case target
    /// (x − low)/(high − low) · 100, clipped to [0, 100] (fixed goalposts)
    case goalposts
    /// 60 + 40 · clip((x − low)/(high − low), 0, 1): the national MQCI's 60–100 score
    case goalposts60
}

public enum IndexAggregation: String, Sendable, CaseIterable {
    case arithmetic, geometric
}

public enum IndexWeighting: String, Sendable, CaseIterable {
    case declared, equal, pca
}

public enum IndexImputation: String, Sendable, CaseIterable {
    /// leave missing, renormalise the weights of the others (the default)
    case none
    case mean, median
    /// the mean of the unit's other indicators of the same group (normalised)
    case groupMean = "group_mean"
}

/// One indicator of an index.
public struct IndexIndicator: Sendable, Equatable {
    public var id: String
    public var title: Bilingual
    /// A record indicator (`batch_pass_rate`, …) or `stat:NAME`, as in plans.
    public var query: IndicatorQuery
    public var group: String
    /// +1: higher is better; −1: lower is better.
    public var direction: Double = 1
    public var weight: Double = 1
    public var goalposts: (low: Double, high: Double)?
    public var target: Double?

    public init(id: String, title: Bilingual, query: IndicatorQuery, group: String) {
        self.id = id; self.title = title; self.query = query; self.group = group
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.id == b.id && a.title == b.title && a.query == b.query && a.group == b.group && a.direction == b.direction && a.weight == b.weight
            && a.goalposts?.low == b.goalposts?.low && a.goalposts?.high == b.goalposts?.high && a.target == b.target
    }
}

public struct IndexGroup: Sendable, Equatable {
    public var id: String
    public var title: Bilingual
    public var weight: Double = 1
    public init(id: String, title: Bilingual) { self.id = id; self.title = title }
}

/// A band of index scores (e.g. MQCI-style levels).
public struct IndexBand: Sendable, Equatable {
    public var min: Double
    public var name: Bilingual
    public init(min: Double, name: Bilingual) { self.min = min; self.name = name }
}

/// An index framework file: indicators, groups, units, years and the choice at every step.
public struct IndexFramework: Sendable, Equatable {
    public var id = "index"
    public var title = Bilingual("质量竞争力指数", "Quality competitiveness index")
    public var indicators: [IndexIndicator] = []
    public var groups: [IndexGroup] = []
    /// Units: explicit codes, or the regions of a level under a parent.
    public var unitCodes: [String] = []
    public var unitsParent: String?
    public var unitsLevel: RegionLevel?
    public var years: [Int] = []
    /// A unit needs at least this share of indicators (data-availability screening).
    public var minShare = 2.0 / 3.0
    public var imputation = IndexImputation.none
    public var treatOutliers = true
    public var normalisation = IndexNormalisation.minmax
    public var weighting = IndexWeighting.declared
    public var aggregation = IndexAggregation.arithmetic
    public var runs = 500
    /// The most Monte Carlo runs a framework may ask for (20,000 runs of a
    /// 30-unit, 12-indicator framework take about 2 s; the interval's edges
    /// move by less than a rank after 2,000).
    public static let maxRuns = 20_000
    /// Weights vary by ± this share in the Monte Carlo.
    public var weightRange = 0.25
    public var seed: UInt64 = 1
    /// Also draw each unit's rate indicators from their binomial posterior.
    public var samplingError = true
    public var bands: [IndexBand] = IndexFramework.defaultBands

    /// Default bands on the 0–100 scale (a convention of this tool, not of
    /// the MQCI; a framework may declare its own).
    public static let defaultBands = [
        IndexBand(min: 80, name: Bilingual("强", "strong")), IndexBand(min: 60, name: Bilingual("较强", "fairly strong")),
        IndexBand(min: 40, name: Bilingual("中等", "medium")), IndexBand(min: 20, name: Bilingual("较弱", "fairly weak")),
        IndexBand(min: -Double.infinity, name: Bilingual("弱", "weak")),
    ]
    public init() {}
}
