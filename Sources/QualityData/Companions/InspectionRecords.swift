/// Kind of on-site inspection (inputs.md §2).
public enum InspectionType: UInt8, CaseIterable, Sendable {
    case routine, special, complaint, flying, followUp
    public var id: String { ["routine", "special", "complaint", "flying", "follow_up"][Int(rawValue)] }
}

/// What an inspection decided.
public enum InspectionOutcome: UInt8, CaseIterable, Sendable {
    case compliant, rectification, penalty, suspended, revoked
    public var id: String { ["compliant", "rectification", "penalty", "suspended", "revoked"][Int(rawValue)] }
}

/// One on-site inspection (监督检查记录).
public struct InspectionRecord: Sendable, Equatable {
    public var id: String
    public var day: Int32
    public var year: Int
    /// Index into the region table (the county, usually).
    public var region: Int32
    /// 9-digit township code extending GB/T 2260, when given.
    public var township: String?
    /// Credit code, or name when no code.
    public var enterprise: String
    public var type: InspectionType?
    public var licensed: Bool?
    /// Risk class as given (A–D, low/medium/high), normalised to its id.
    public var riskClass: String?
    public var hazardsFound: Int?
    public var hazardsRectified: Int?
    public var outcome: InspectionOutcome?

    public init(id: String, day: Int32, year: Int, region: Int32, enterprise: String) {
        self.id = id; self.day = day; self.year = year; self.region = region; self.enterprise = enterprise
    }
}

/// One value of a regional statistic (inputs.md §3): brand products,
/// certification rate, R&D share, …
public struct RegionalStatistic: Sendable, Equatable {
    public var region: Int32
    public var year: Int
    public var indicator: String
    public var value: Double
    public var unit: String
    public var source: String

    public init(region: Int32, year: Int, indicator: String, value: Double, unit: String = "", source: String = "") {
        self.region = region; self.year = year; self.indicator = indicator; self.value = value; self.unit = unit; self.source = source
    }
}

/// An enterprise of a register (the population for inspection coverage).
public struct RegisteredEnterprise: Sendable, Equatable {
    /// Credit code, or name when no code (as in inspection records).
    public var enterprise: String
    public var region: Int32
    /// Holds a production licence (nil: not stated, counted as licensed).
    public var licensed: Bool?
    public init(enterprise: String, region: Int32, licensed: Bool?) { self.enterprise = enterprise; self.region = region; self.licensed = licensed }
}
