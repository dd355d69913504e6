/// Direction of a plan target.
public enum TargetDirection: String, Sendable, CaseIterable {
    case atLeast = ">="
    case atMost = "<="
    case equal = "="

    /// Whether `value` satisfies the target (`equal` within 1e-9).
    public func holds(_ value: Double, _ target: Double) -> Bool {
        switch self {
        case .atLeast: return value >= target - 1e-12
        case .atMost: return value <= target + 1e-12
        case .equal: return abs(value - target) <= 1e-9
        }
    }
}

/// What to compute for a region and year: a record indicator (with
/// filters) or a regional statistic (cumulative for counts).
public struct IndicatorQuery: Sendable, Equatable {
    public var indicator: String
    public var filters: [String: [String]] = [:]
    public var cumulative = false
    public var baselineYear: Int?
    public var baselineValue: Double?
    public init(indicator: String, filters: [String: [String]] = [:]) { self.indicator = indicator; self.filters = filters }
}

/// One target of a plan (规划目标): an indicator, for some regions, from a
/// baseline to a target value by a target year.
public struct PlanTarget: Sendable, Equatable {
    public var id: String
    public var title: Bilingual
    /// An indicator id (`batch_pass_rate`, `hazard_rectification_rate`, …)
    /// or `stat:NAME` for a regional statistic.
    public var indicator: String
    /// Column → accepted values (sampling: level, channel, enterprise_size,
    /// product_code, industry (code prefix); inspections: inspection_type, risk_class).
    public var filters: [String: [String]] = [:]
    /// GB/T 2260 codes; "000000" = all records.
    public var regions: [String]
    public var baselineYear: Int?
    /// Computed from the data when not given.
    public var baselineValue: Double?
    public var targetYear: Int?
    /// The value to reach; ignored when ``quantified`` is false.
    public var targetValue: Double
    /// False for a direction without a number ("keep improving"): graded
    /// by its compound annual growth instead (Eurostat).
    public var quantified = true
    public var direction: TargetDirection
    /// The target must hold in every year (e.g. "≥ 95% every year").
    public var everyYear = false
    /// Counts summed over the years after the baseline year (regional statistics).
    public var cumulative = false
    public var milestones: [Int: Double] = [:]
    /// Line of the `indicator` key in the plan file (for errors found after loading).
    public var indicatorLine = 0

    /// The indicator as a query (for ``TargetSeries``).
    public var query: IndicatorQuery {
        var q = IndicatorQuery(indicator: indicator, filters: filters)
        q.cumulative = cumulative
        q.baselineYear = baselineYear
        q.baselineValue = baselineValue
        return q
    }

    public init(id: String, title: Bilingual, indicator: String, regions: [String], targetValue: Double, direction: TargetDirection) {
        self.id = id; self.title = title; self.indicator = indicator; self.regions = regions; self.targetValue = targetValue
        self.direction = direction
    }
}

/// A plan file: its title and targets.
/// Who issues the statistics a plan's report states, when, and what the
/// data are (`plan.issuer`, `plan.issued`, `plan.source`): the bulletin's
/// heading and notes, as an office issues one.
public struct PlanIssue: Sendable, Equatable {
    /// The issuing office ("广西壮族自治区市场监督管理局").
    public var issuer: Bilingual?
    /// The date of issue, ISO ("2021-03-15").
    public var issued: String?
    /// The data described ("全区产品质量监督抽查结果"); the file names go to the notes.
    public var source: Bilingual?
    public init(issuer: Bilingual? = nil, issued: String? = nil, source: Bilingual? = nil) {
        self.issuer = issuer; self.issued = issued; self.source = source
    }
    public var isEmpty: Bool { issuer == nil && issued == nil && source == nil }
}

public struct Plan: Sendable, Equatable {
    public var id: String
    public var title: Bilingual
    public var issue = PlanIssue()
    public var targets: [PlanTarget]
    /// What the reader accepted but the user should know (a key that no
    /// longer has an effect), each with its line and key; printed on
    /// standard error by every command that reads the plan.
    public var warnings: [Bilingual] = []
    public init(id: String, title: Bilingual, targets: [PlanTarget]) { self.id = id; self.title = title; self.targets = targets }
}
