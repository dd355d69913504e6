/// Level of a region in the GB/T 2260 hierarchy.
public enum RegionLevel: UInt8, Sendable {
    case national = 0, province, city, county
    /// A region outside GB/T 2260 (a ZIP code, a district of another country):
    /// reported as given, rolled up only to the national total.
    case other

    public var id: String { ["national", "province", "city", "county", "other"][Int(rawValue)] }
}

/// One administrative division (行政区划).
public struct Region: Sendable, Equatable {
    public let code: String
    public let name: String
    public let level: RegionLevel
    /// Index of the parent region in its table (-1 for the national root).
    public let parent: Int32
}

/// Outcome of resolving a region name.
public enum RegionNameMatch: Sendable, Equatable {
    case found(Int32)
    case ambiguous([String])
    case unknown
}

/// The GB/T 2260 division tree: code → name → parent, with the county →
/// city → province roll-up (区划代码表).
///
/// Index 0 is the national root (code `000000`). Municipality districts and
/// province-administered counties, which have no city code, hang directly
/// under their province.
public struct RegionTable: Sendable {
    public private(set) var regions: [Region]
    private var byCode: [String: Int32]
    private var byName: [String: [Int32]]
    /// Edition label, e.g. `mca 201904`.
    public let edition: String

    public static let nationalCode = "000000"

    /// The bundled 2019-04 MCA edition.
    public static let bundled: RegionTable = try! RegionTable(tsv: embeddedGB2260TSV)

    /// Parses a table: tab-separated `Source, Revision, Code, Name` with a
    /// header, or two columns `code<TAB|,>name`.
    public init(tsv text: String) throws {
        var rows: [(String, String)] = []
        var edition = ""
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let cols = line.split(separator: line.contains("\t") ? "\t" : ",", omittingEmptySubsequences: false)
                .map { String($0).trimmingSpaces }
            let code: String, name: String
            if cols.count >= 4 {
                code = cols[2]; name = cols[3]
                if n > 0, edition.isEmpty { edition = "\(cols[0]) \(cols[1])" }
            } else if cols.count >= 2 {
                code = cols[0]; name = cols[1]
            } else {
                throw RegionTableError.badLine(n + 1)
            }
            if n == 0 && !code.allSatisfy(\.isNumber) { continue }  // header
            guard code.count == 6, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else {
                throw RegionTableError.badLine(n + 1)
            }
            rows.append((code, name))
        }
        // A table without a province would reject every row of every file.
        guard rows.contains(where: { RegionTable.levelOf($0.0) == .province }) else { throw RegionTableError.noProvince }
        self.edition = edition.isEmpty ? "custom" : edition
        regions = [Region(code: RegionTable.nationalCode, name: "全国", level: .national, parent: -1)]
        byCode = [RegionTable.nationalCode: 0]
        byName = [:]
        // Provinces first, then cities, then counties, so parents exist when children are added.
        let ordered = rows.sorted { RegionTable.levelOf($0.0).rawValue < RegionTable.levelOf($1.0).rawValue || (RegionTable.levelOf($0.0) == RegionTable.levelOf($1.0) && $0.0 < $1.0) }
        for (code, name) in ordered where byCode[code] == nil {
            let level = RegionTable.levelOf(code)
            let parent: Int32
            switch level {
            case .province: parent = 0
            case .city: parent = byCode[String(code.prefix(2)) + "0000"] ?? 0
            default:
                parent = byCode[String(code.prefix(4)) + "00"] ?? byCode[String(code.prefix(2)) + "0000"] ?? 0
            }
            add(Region(code: code, name: name, level: level, parent: parent))
        }
        addShortNames()
    }

    private mutating func add(_ r: Region) {
        let i = Int32(regions.count)
        regions.append(r)
        byCode[r.code] = i
        byName[r.name, default: []].append(i)
    }

    /// Common short forms that are unambiguous: `广西` for 广西壮族自治区,
    /// `南宁` for 南宁市 (added only where no other region has that name).
    private mutating func addShortNames() {
        let suffixes = ["壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市"]
        var short: [String: [Int32]] = [:]
        for (i, r) in regions.enumerated() where r.level == .province || r.level == .city {
            for s in suffixes where r.name.hasSuffix(s) && r.name.count > s.count + 1 {
                short[String(r.name.dropLast(s.count)), default: []].append(Int32(i))
                break
            }
        }
        for (name, idx) in short where byName[name] == nil && idx.count == 1 { byName[name] = idx }
    }

    static func levelOf(_ code: String) -> RegionLevel {
        if code.hasSuffix("0000") { return .province }
        if code.hasSuffix("00") { return .city }
        return .county
    }

    public var count: Int { regions.count }
    public subscript(_ i: Int32) -> Region { regions[Int(i)] }

    /// Index of a 6-digit code, or nil.
    public func index(ofCode code: String) -> Int32? { byCode[code] }

    /// Resolves a region name; ambiguous names are reported, never guessed.
    public func match(name: String) -> RegionNameMatch {
        guard let hits = byName[name] else { return .unknown }
        if hits.count == 1 { return .found(hits[0]) }
        return .ambiguous(hits.map { regions[Int($0)].code })
    }

    /// Adds (or finds) a region outside GB/T 2260 under the national root.
    public mutating func addOther(code: String) -> Int32 {
        if let i = byCode[code] { return i }
        add(Region(code: code, name: code, level: .other, parent: 0))
        return Int32(regions.count - 1)
    }

    /// The chain from a region up to (and including) the national root.
    public func ancestry(_ i: Int32) -> [Int32] {
        var out: [Int32] = []
        var cur = i
        while cur >= 0 {
            out.append(cur)
            cur = regions[Int(cur)].parent
        }
        return out
    }

    /// The ancestor of `i` at `level`, or nil (e.g. a province has no city).
    public func ancestor(of i: Int32, at level: RegionLevel) -> Int32? {
        ancestry(i).first { regions[Int($0)].level == level }
    }
}

public enum RegionTableError: Error, CustomStringConvertible {
    case badLine(Int)
    /// Empty, or no line names a province (a code ending in 0000).
    case noProvince
    public var description: String {
        switch self {
        case .badLine(let n): return "region table line \(n): expected a 6-digit code and a name / 区划表第 \(n) 行：应为 6 位代码和名称"
        case .noProvince:
            return "the region table names no province (a 6-digit code ending in 0000): empty or not a region table / 区划表中没有省级区划（以 0000 结尾的 6 位代码）：文件为空或不是区划表"
        }
    }
}

extension String {
    /// Trims ASCII whitespace, NBSP and the ideographic space.
    public var trimmingSpaces: String {
        let junk: Set<Character> = [" ", "\t", "\r", "\n", "\u{00A0}", "\u{3000}", "\u{FEFF}"]
        var s = Substring(self)
        while let f = s.first, junk.contains(f) { s = s.dropFirst() }
        while let l = s.last, junk.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
