/// A whole input file that cannot be read. Each case names the file and the
/// byte or line at fault, and what was expected.
/// A count-table row that breaks a rule, where it was read.
public struct CountViolationText: Sendable, Equatable, Codable {
    public let path: String
    public let line: Int
    public let rule: String
    public let ruleZh: String
    public init(path: String, line: Int, rule: String, ruleZh: String) { self.path = path; self.line = line; self.rule = rule; self.ruleZh = ruleZh }
}

public enum IngestError: Error, Equatable, Sendable, Codable {
    case cannotOpen(path: String, reason: String)
    /// A folder or a device (`/dev/zero`): only files and pipes are read.
    case notAFile(path: String, kind: String)
    case readFailed(path: String, offset: Int, reason: String)
    case gzip(path: String, offset: Int, reason: String)
    case binary(path: String, offset: Int)
    case encoding(path: String, offset: Int, reason: String)
    /// More than a few rows hold bytes that are not text in the encoding read:
    /// the wrong encoding, or a damaged file (the first bad byte's line and position in it).
    case encodingNotRare(path: String, rows: Int, of: Int, line: Int, byte: Int, encoding: String)
    /// The header line holds bytes that are not text in the encoding read (its line, and the byte in it).
    case headerEncoding(path: String, line: Int, byte: Int, encoding: String)
    /// Two headers a mapping file maps to one column.
    case duplicateColumn(path: String, column: String, headers: [String])
    case emptyFile(path: String)
    case missingColumns(path: String, missing: [String], found: [String])
    case recordTooLong(path: String, line: Int)
    /// A mapping file at fault: the line (1-based, 0 when unknown) and key.
    case mapping(path: String, line: Int, key: String, reason: String, reasonZh: String)
    /// A plan file at fault: the line (1-based, 0 when unknown) and key.
    case plan(path: String, line: Int, key: String, reason: String, reasonZh: String)
    /// An index framework file at fault, the same way.
    case indexFramework(path: String, line: Int, key: String, reason: String, reasonZh: String)
    /// An item-classes file (`--item-classes`) with a row that cannot be read.
    case itemClasses(path: String, line: Int, reason: String, reasonZh: String)
    /// Count tables whose rows break the rules counts keep (``CountViolation``): each with its file, line and rule.
    case countConstraints(violations: [CountViolationText])
    /// A count table (`report --from-counts`) missing, or with a row that cannot be read (line 0: the whole table).
    case countTable(path: String, line: Int, reason: String, reasonZh: String)

    /// The message in the chosen language.
    public func message(_ lang: Language) -> String { IngestMessages.describe(self, lang) }
}

extension IngestError: CustomStringConvertible {
    public var description: String { message(.en) }
}
