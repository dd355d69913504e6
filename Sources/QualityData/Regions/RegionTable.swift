import QualityRuntime

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
/// under their province. Old codes and names (divisions renamed, recoded or
/// merged since an earlier edition, and a user's own aliases) resolve to the
/// region they now mean; they are never regions of their own.
public struct RegionTable: Sendable {
    public private(set) var regions: [Region]
    private var byCode: [String: Int32]
    private var byName: [String: [Int32]]
    /// Edition label, e.g. `mca 2023`, `mca 2023 + regions.csv`.
    public let edition: String
    /// SHA-256 of the divisions and aliases the table was built from: what
    /// the snapshot cache is keyed on, so a table changed by `--regions`
    /// never serves a snapshot of another.
    public let fingerprint: String
    /// The divisions and aliases the table was built from (for ``adding(_:)``).
    private let source: RegionTableText

    public static let nationalCode = "000000"

    /// The bundled edition (the 2019-04 MCA table brought up to 2023, with the
    /// changes since 2019-04 as aliases; datasets/reference/PROVENANCE.md).
    public static let bundled: RegionTable = {
        var text = try! RegionTableText(parsing: embeddedGB2260TSV)
        text.aliases = RegionTableText.changes(embeddedGB2260ChangesTSV)
        return try! RegionTable(text)
    }()

    /// Parses a table (``RegionTableText``) without aliases beyond its own.
    public init(tsv text: String) throws {
        try self.init(RegionTableText(parsing: text))
    }

    public init(_ text: RegionTableText) throws {
        // A table without a province would reject every row of every file.
        guard text.divisions.contains(where: { RegionTable.levelOf($0.code) == .province }) else { throw RegionTableError.noProvince }
        source = text
        edition = text.edition
        var h = ContentHasher()
        for d in text.divisions { h.update(Array("\(d.code)\t\(d.name)\n".utf8)) }
        for a in text.aliases { h.update(Array("\(a.alias)>\(a.code)\n".utf8)) }
        fingerprint = h.finalize().sha256
        regions = [Region(code: RegionTable.nationalCode, name: "全国", level: .national, parent: -1)]
        byCode = [RegionTable.nationalCode: 0]
        byName = [:]
        // Provinces first, then cities, then counties, so parents exist when children are added.
        let ordered = text.divisions.sorted {
            let (a, b) = (RegionTable.levelOf($0.code).rawValue, RegionTable.levelOf($1.code).rawValue)
            return a < b || (a == b && $0.code < $1.code)
        }
        for d in ordered where byCode[d.code] == nil {
            let level = RegionTable.levelOf(d.code)
            let parent: Int32
            switch level {
            case .province: parent = 0
            case .city: parent = byCode[String(d.code.prefix(2)) + "0000"] ?? 0
            default:
                parent = byCode[String(d.code.prefix(4)) + "00"] ?? byCode[String(d.code.prefix(2)) + "0000"] ?? 0
            }
            add(Region(code: d.code, name: d.name, level: level, parent: parent))
        }
        addShortNames()
        for a in text.aliases {
            guard let target = byCode[a.code] else { continue }
            if a.isCode {
                if byCode[a.alias] == nil { byCode[a.alias] = target }
            } else if !(byName[a.alias]?.contains(target) ?? false) {
                byName[a.alias, default: []].append(target)
            }
        }
    }

    /// This table with a user's table laid on top: a code it names gets that
    /// name (the old one stays an alias), a new code is added under its
    /// parent, its aliases are added (`--regions FILE`; `--regions-replace`
    /// uses the user's table alone).
    public func adding(_ user: RegionTableText, label: String) throws -> RegionTable {
        var names = Dictionary(source.divisions.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        var aliases = source.aliases
        for d in user.divisions {
            if let old = names[d.code], old != d.name { aliases.append(.init(alias: old, code: d.code)) }
            names[d.code] = d.name
        }
        aliases += user.aliases
        var merged = RegionTableText(divisions: names.keys.sorted().map { .init(code: $0, name: names[$0]!) }, aliases: aliases)
        merged.edition = "\(edition) + \(label)"
        return try RegionTable(merged)
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
        var short: [String: [Int32]] = [:]
        for (i, r) in regions.enumerated() where r.level == .province || r.level == .city {
            let s = RegionTable.stem(r.name, level: r.level)
            if s != r.name { short[s, default: []].append(Int32(i)) }
        }
        for (name, idx) in short where byName[name] == nil && idx.count == 1 { byName[name] = idx }
    }

    /// A name without its generic part (广西壮族自治区 → 广西, 平果市 → 平果,
    /// 城中区 → 城中); a one-character specific name keeps it (赵县).
    public static func stem(_ name: String, level: RegionLevel) -> String {
        let suffixes = level == .province || level == .city
            ? ["壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "自治州", "地区", "省", "市", "盟"]
            : ["自治县", "自治旗", "林区", "特区", "县", "市", "区", "旗"]
        for s in suffixes where name.hasSuffix(s) && name.count > s.count + 1 { return String(name.dropLast(s.count)) }
        return name
    }

    static func levelOf(_ code: String) -> RegionLevel {
        if code.hasSuffix("0000") { return .province }
        if code.hasSuffix("00") { return .city }
        return .county
    }

    public var count: Int { regions.count }
    public subscript(_ i: Int32) -> Region { regions[Int(i)] }

    /// Index of a 6-digit code (an old code of a division since renamed or
    /// merged gives the division it became), or nil.
    public func index(ofCode code: String) -> Int32? { byCode[code] }

    /// Resolves a region name; ambiguous names are reported, never guessed.
    public func match(name: String) -> RegionNameMatch {
        guard let hits = byName[name] else { return .unknown }
        if hits.count == 1 { return .found(hits[0]) }
        return .ambiguous(hits.map { regions[Int($0)].code })
    }

    /// Resolves a name among the divisions inside `parent` (a county within
    /// its city, a city within its province): the name itself, or its
    /// specific part (田阳 for 田阳区); the parent's own name gives the parent
    /// (a city's own enterprises, written with the city in the county column).
    public func match(name: String, within parent: Int32) -> RegionNameMatch {
        if name == regions[Int(parent)].name || byName[name]?.contains(parent) == true { return .found(parent) }
        var hits = (byName[name] ?? []).filter { $0 != parent && isInside($0, parent) }
        if hits.isEmpty {
            let stem = RegionTable.stem(name, level: .county)
            hits = regions.indices.map(Int32.init).filter {
                $0 != parent && regions[Int($0)].level != .other && isInside($0, parent)
                    && RegionTable.stem(regions[Int($0)].name, level: regions[Int($0)].level) == stem
            }
        }
        if hits.count == 1 { return .found(hits[0]) }
        return hits.isEmpty ? .unknown : .ambiguous(hits.map { regions[Int($0)].code })
    }

    /// True when `i` lies inside `parent` (is a descendant of it).
    public func isInside(_ i: Int32, _ parent: Int32) -> Bool {
        var cur = regions[Int(i)].parent
        while cur >= 0 {
            if cur == parent { return true }
            cur = regions[Int(cur)].parent
        }
        return false
    }

    /// "450202 广西壮族自治区柳州市城中区": a region's code and its names from the province down.
    public func describe(_ i: Int32) -> String {
        let names = ancestry(i).reversed().dropFirst().map { regions[Int($0)].name }
        return "\(regions[Int(i)].code) \(names.joined())"
    }

    /// Names the root (the all-records aggregate) for what the data cover (``DataScope``).
    mutating func renameRoot(_ name: String) {
        regions[0] = Region(code: RegionTable.nationalCode, name: name, level: .national, parent: -1)
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

    /// The regions a record placed at `i` counts in, itself first — its own,
    /// its city, its province — never the national root: the one roll-up of
    /// every count by region (the kernel's region tables, the grouped
    /// indicators' `.regions`; `CountSQL.regionLevels` writes the same three
    /// levels from the exported `region_code`, `city_code`, `province_code`).
    public func rollUp(_ i: Int32) -> [Int32] { ancestry(i).filter { $0 != 0 } }

    /// The ancestor of `i` at `level`, or nil (e.g. a province has no city).
    public func ancestor(of i: Int32, at level: RegionLevel) -> Int32? {
        ancestry(i).first { regions[Int($0)].level == level }
    }
}

/// The text of a region table: its divisions and aliases.
///
/// Accepted layouts (tab- or comma-separated, a header line optional):
/// - `Source, Revision, Code, Name` — the MCA tables as github.com/cn/GB2260 has them;
/// - `code, name` — one division a line;
/// - `code, name, aliases` — with other names or old 6-digit codes that mean
///   the division, separated by `|` (`451082,平果市,平果县|451023`).
public struct RegionTableText: Sendable {
    public struct Division: Sendable, Equatable { public let code: String; public let name: String }
    /// An old name or code (`isCode`) that now means the division `code`.
    public struct Alias: Sendable, Equatable {
        public let alias: String
        public let code: String
        public var isCode: Bool { alias.count == 6 && alias.allSatisfy { $0.isASCII && $0.isNumber } }
    }
    public var divisions: [Division]
    public var aliases: [Alias]
    public var edition = "custom"

    public init(divisions: [Division], aliases: [Alias] = []) { self.divisions = divisions; self.aliases = aliases }

    public init(parsing text: String) throws {
        divisions = []
        aliases = []
        var edition = ""
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if String(line).trimmingSpaces.isEmpty { continue }
            let cols = line.split(separator: line.contains("\t") ? "\t" : ",", omittingEmptySubsequences: false)
                .map { String($0).trimmingSpaces }
            let code: String, name: String
            var more = ""
            if cols.count >= 4 {
                code = cols[2]; name = cols[3]
                if n > 0, edition.isEmpty { edition = "\(cols[0]) \(cols[1])" }
            } else if cols.count >= 2 {
                code = cols[0]; name = cols[1]
                if cols.count == 3 { more = cols[2] }
            } else {
                throw RegionTableError.badLine(n + 1)
            }
            if n == 0 && !code.allSatisfy(\.isNumber) { continue }  // header
            guard code.count == 6, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber), !name.isEmpty else {
                throw RegionTableError.badLine(n + 1)
            }
            divisions.append(Division(code: code, name: name))
            for a in more.split(separator: "|").map({ String($0).trimmingSpaces }) where !a.isEmpty {
                aliases.append(Alias(alias: a, code: code))
            }
        }
        if !edition.isEmpty { self.edition = edition }
        guard !divisions.isEmpty else { throw RegionTableError.empty }
    }

    /// The changes file (`Old code, Old name, New code, New name, Change`) as
    /// aliases: each old code and old name means its new division.
    public static func changes(_ text: String) -> [Alias] {
        var out: [Alias] = []
        for line in text.split(separator: "\n").dropFirst() {
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard c.count >= 3 else { continue }
            if c[0] != c[2] { out.append(Alias(alias: c[0], code: c[2])) }
            out.append(Alias(alias: c[1], code: c[2]))
        }
        return out
    }
}

public enum RegionTableError: Error, CustomStringConvertible {
    case badLine(Int)
    /// No line names a division.
    case empty
    /// No line names a province (a code ending in 0000): a table used alone would reject every row.
    case noProvince

    /// The reason in the run's language.
    public func message(_ lang: Language) -> String {
        switch self {
        case .badLine(let n):
            return Bilingual("区划表第 \(n) 行：应为 6 位代码和名称（可再加一列别名，以 | 分隔；格式见 docs/inputs.md）",
                             "region table line \(n): expected a 6-digit code and a name (and optionally aliases separated by |; format in docs/inputs.md)")(lang)
        case .empty:
            return Bilingual("区划表中没有区划（代码、名称）行：文件为空或不是区划表", "the region table holds no division (code, name) line: empty or not a region table")(lang)
        case .noProvince:
            return Bilingual("区划表中没有省级区划（以 0000 结尾的 6 位代码）：文件为空或不是区划表",
                             "the region table names no province (a 6-digit code ending in 0000): empty or not a region table")(lang)
        }
    }
    public var description: String { message(.en) }
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
