/// Code stored for an absent optional value in `UInt8` enum columns.
public let missingEnumCode: UInt8 = 255
/// Code stored for an absent optional value in `UInt32` dictionary columns.
public let missingDictionaryCode: UInt32 = .max

/// Sampling level (抽查级别): who ordered the supervision sampling.
public enum SamplingLevel: UInt8, CaseIterable, Sendable {
    case national = 0, provincial, municipal, county
    public var id: String { ["national", "provincial", "municipal", "county"][Int(rawValue)] }
}

/// Sampling channel (抽样环节).
public enum SalesChannel: UInt8, CaseIterable, Sendable {
    case production = 0, distribution, ecommerce
    public var id: String { ["production", "distribution", "ecommerce"][Int(rawValue)] }
}

/// Enterprise size (企业规模), as in the national statistical size classes.
public enum EnterpriseSize: UInt8, CaseIterable, Sendable {
    case large = 0, medium, small, micro
    public var id: String { ["large", "medium", "small", "micro"][Int(rawValue)] }
}

/// The outcome of one sampled batch (检验结论).
///
/// Only `pass` and `fail` are *tested* batches and enter the denominator of
/// a pass rate; the others count as sampled but excluded.
public enum SamplingOutcome: UInt8, CaseIterable, Sendable {
    case pass = 0, fail, refused, unlicensed, untested, revoked
    /// Excluded for another reason a mapping names (e.g. "Out of Business").
    case excluded
    public var id: String { ["pass", "fail", "refused", "unlicensed", "untested", "revoked", "excluded"][Int(rawValue)] }
    public var isTested: Bool { self == .pass || self == .fail }
    /// `isTested` for a stored column code (the hot loops read codes, not cases).
    @inline(__always) public static func isTested(code o: UInt8) -> Bool { o == pass.rawValue || o == fail.rawValue }
}
