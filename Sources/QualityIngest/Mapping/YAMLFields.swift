import Foundation
import QualityData
import Yams

/// Typed reading of YAML nodes for configuration files (plans, index
/// frameworks): each failure names the node's line and the key, in Chinese
/// and English, through the file kind's own error.
struct YAMLFields {
    let fail: (Node?, String, String, String) -> IngestError

    /// Parses the text into a node tree, turning YAML errors into the file kind's error with their line.
    static func compose(_ text: String, fail: (Node?, String, String, String) -> IngestError) throws -> Node {
        do {
            guard let n = try Yams.compose(yaml: text) else { throw fail(nil, "", "the file is empty", "文件为空") }
            return n
        } catch let e as IngestError {
            throw e
        } catch let YamlError.scanner(_, problem, mark, _) {
            throw lineError(fail, mark.line, problem)
        } catch let YamlError.parser(_, problem, mark, _) {
            throw lineError(fail, mark.line, problem)
        } catch {
            throw fail(nil, "", "not valid YAML: \(error)", "不是有效的 YAML：\(error)")
        }
    }

    private static func lineError(_ fail: (Node?, String, String, String) -> IngestError, _ line: Int, _ problem: String) -> IngestError {
        switch fail(nil, "", "not valid YAML: \(problem)", "不是有效的 YAML：\(problem)") {
        case .plan(let p, _, let k, let r, let z): return .plan(path: p, line: line, key: k, reason: r, reasonZh: z)
        case .indexFramework(let p, _, let k, let r, let z): return .indexFramework(path: p, line: line, key: k, reason: r, reasonZh: z)
        case let other: return other
        }
    }

    func string(_ n: Node, _ key: String) throws -> String {
        guard let s = n.scalar?.string, !s.isEmpty else { throw fail(n, key, "expected a text value", "应为文本") }
        return s
    }
    /// The largest magnitude any number of a configuration file may have:
    /// far beyond any rate, count or statistic, and exact as an integer.
    static let largest = 1e15

    /// A finite number (`92%` = 0.92) within `range`: NaN, infinities and
    /// out-of-range values are refused with the line and the key.
    func number(_ n: Node, _ key: String, in range: ClosedRange<Double> = -largest...largest, what: (en: String, zh: String)? = nil) throws -> Double {
        guard let s = n.scalar?.string else { throw fail(n, key, "expected a number", "应为数值") }
        let t = s.trimmingSpaces
        let v: Double
        if t.hasSuffix("%"), let p = Double(t.dropLast()) { v = p / 100 } else if let d = Double(t) { v = d } else {
            throw fail(n, key, "expected a number, found \"\(s)\"", "应为数值，实际为“\(s)”")
        }
        guard v.isFinite else { throw fail(n, key, "expected a finite number, found \"\(s)\"", "应为有限数值，实际为“\(s)”") }
        guard range.contains(v) else {
            let en = what?.en ?? "a number from \(Self.text(range.lowerBound)) to \(Self.text(range.upperBound))"
            let zh = what?.zh ?? "\(Self.text(range.lowerBound)) 至 \(Self.text(range.upperBound)) 之间的数值"
            throw fail(n, key, "expected \(en), found \"\(s)\"", "应为\(zh)，实际为“\(s)”")
        }
        return v
    }

    /// A whole number within `range` (counts, seeds).
    func integer(_ n: Node, _ key: String, in range: ClosedRange<Int>) throws -> Int {
        let v = try number(n, key, in: Double(range.lowerBound)...Double(range.upperBound),
                           what: ("a whole number from \(range.lowerBound) to \(range.upperBound)", "\(range.lowerBound) 至 \(range.upperBound) 之间的整数"))
        guard v == v.rounded() else {
            throw fail(n, key, "expected a whole number from \(range.lowerBound) to \(range.upperBound), found \"\(n.scalar?.string ?? "")\"",
                       "应为 \(range.lowerBound) 至 \(range.upperBound) 之间的整数，实际为“\(n.scalar?.string ?? "")”")
        }
        return Int(v)
    }

    /// A share: 0 to 1, or 0% to 100%.
    static let share = (en: "a share from 0 to 1 (or 0% to 100%)", zh: "0 至 1（或 0% 至 100%）之间的比例")

    private static func text(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e16 ? String(Int(v)) : String(v) }

    func year(_ n: Node, _ key: String) throws -> Int {
        guard let s = n.scalar?.string, let y = Int(s), (1900...2100).contains(y) else { throw fail(n, key, "expected a year (1900–2100)", "应为年份（1900–2100）") }
        return y
    }
    func bool(_ n: Node, _ key: String) throws -> Bool {
        switch n.scalar?.string.lowercased() ?? "" {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw fail(n, key, "expected true or false", "应为 true 或 false")
        }
    }
    func bilingual(_ n: Node, _ key: String) throws -> Bilingual {
        if let s = n.scalar?.string { return Bilingual(s, s) }
        guard let m = n.mapping else { throw fail(n, key, "expected a text or {zh: …, en: …}", "应为文本或 {zh: …, en: …}") }
        for (k, _) in m where !["zh", "en"].contains(k.string ?? "") { throw fail(k, "\(key).\(k.string ?? "")", "unknown key (expected zh, en)", "未知的键（应为 zh、en）") }
        let zh = try m["zh"].map { try string($0, "\(key).zh") }, en = try m["en"].map { try string($0, "\(key).en") }
        guard let any = zh ?? en else { throw fail(n, key, "needs zh or en", "需要 zh 或 en") }
        return Bilingual(zh ?? any, en ?? any)
    }
    func strings(_ n: Node, _ key: String) throws -> [String] {
        if let s = n.scalar?.string { return [s] }
        guard let seq = n.sequence else { throw fail(n, key, "expected a value or a list", "应为一个值或列表") }
        return try seq.map { try string($0, key) }
    }
}

/// A mapping file (sampling or record layouts) as YAML nodes: read from
/// disk, its top level, and typed values — each failure naming the file,
/// the node's line and the key, in both languages (``IngestError/mapping``).
struct MappingYAML {
    let path: String

    func fail(_ node: Node?, _ key: String, _ en: String, _ zh: String) -> IngestError {
        .mapping(path: path, line: node?.mark?.line ?? 0, key: key, reason: en, reasonZh: zh)
    }

    /// The file's top-level keys (a file that is missing, not UTF-8 or not a mapping is refused).
    func top(_ text: String? = nil) throws -> (root: Node, top: Node.Mapping) {
        let yaml: String
        if let text { yaml = text } else {
            guard FileManager.default.fileExists(atPath: path) else { throw fail(nil, "", "cannot open (no such file)", "无法打开（文件不存在）") }
            guard let data = FileManager.default.contents(atPath: path), let t = String(data: data, encoding: .utf8) else {
                throw fail(nil, "", "cannot read the file as UTF-8 text", "无法按 UTF-8 文本读取")
            }
            yaml = t
        }
        let root = try YAMLFields.compose(yaml, fail: fail)
        guard let top = root.mapping else { throw fail(root, "", "expected a mapping of keys at the top level", "顶层应为键值映射") }
        return (root, top)
    }

    func text(_ n: Node, _ key: String) throws -> String {
        guard let s = n.scalar?.string else { throw fail(n, key, "expected a text value", "应为文本") }
        return s
    }

    func pairs(_ n: Node, _ key: String, _ en: String = "key: value pairs", _ zh: String = "键值对") throws -> [(Node, Node)] {
        guard let m = n.mapping else { throw fail(n, key, "expected \(en)", "应为\(zh)") }
        return m.map { ($0.key, $0.value) }
    }
}
