import Foundation
import Mustache
import QualityData

/// A user's page header: a Mustache template (swift-mustache; `{{name}}` is
/// HTML-escaped, `{{{name}}}` is not) and an optional logo (a PNG, JPEG or
/// SVG image, recognised by its bytes and embedded as an `<img>` data URI),
/// so a bureau can brand its pages without recompiling.
///
/// The context a template gets (docs/tables.md, "Page header"):
/// `title`, `subtitle` (the page's), `lang` (`zh` or `en`), `zh` and `en`
/// (true on a page in that language, for `{{#zh}}…{{/zh}}` sections), `tool`
/// (`qindex` and its version), and `logo` (the `<img>`, for `{{{logo}}}`).
/// Partials have no library to come from and render empty.
public struct PageHeader: Sendable {
    public var template: MustacheTemplate?
    public var logo: String?
    /// The tool and version, for `{{tool}}`.
    public var tool = "qindex"

    public init(template: String? = nil, logo: String? = nil) throws {
        self.template = try template.map { try MustacheTemplate(string: $0) }
        self.logo = logo
    }

    public init() { template = nil; logo = nil }

    /// Reads the template and logo files; the errors name the file.
    public static func load(template: String?, logo: String?) throws -> PageHeader {
        var h = PageHeader()
        if let template {
            guard let t = try? String(contentsOfFile: template, encoding: .utf8) else { throw PageHeaderError.unreadable(template) }
            // Size and nesting first: the parser recurses once per section.
            guard t.utf8.count <= RecordLimits.largestHeaderBytes else {
                throw PageHeaderError.badTemplate(template, line: 0, column: 0,
                                                  what: Bilingual("超过 \(RecordLimits.largestHeaderBytes / 1024) KiB", "larger than \(RecordLimits.largestHeaderBytes / 1024) KiB"))
            }
            if let problem = TemplateScan.problem(in: t) { throw PageHeaderError.badTemplate(template, line: problem.line, column: problem.column, what: problem.what) }
            do { h.template = try MustacheTemplate(string: t) } catch let e as MustacheTemplate.ParserError {
                throw PageHeaderError.badTemplate(template, line: e.context.lineNumber, column: e.context.columnNumber, what: Bilingual("\(e.error)", "\(e.error)"))
            } catch {
                throw PageHeaderError.badTemplate(template, line: 0, column: 0, what: Bilingual("\(error)", "\(error)"))
            }
        }
        if let logo {
            guard let data = FileManager.default.contents(atPath: logo) else { throw PageHeaderError.unreadable(logo) }
            guard data.count <= maxLogoBytes, let mime = logoType(Array(data)) else { throw PageHeaderError.unsafeLogo(logo) }
            // Always an <img> with a data URI: a browser shows an SVG there as a
            // picture only — its scripts, event handlers, links and external
            // references (CSS @import, href) are never run or fetched.
            h.logo = "<img class=\"logo\" alt=\"\" src=\"data:\(mime);base64,\(data.base64EncodedString())\">"
        }
        return h
    }

    /// A logo larger than this is refused (it is embedded in every page).
    static let maxLogoBytes = 1 << 20

    /// The image type by its first bytes, not its name: PNG, JPEG, or an SVG
    /// document (text whose first element is `<svg`); nil for anything else.
    static func logoType(_ b: [UInt8]) -> String? {
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        guard var text = String(validating: b.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(b.dropFirst(3)) : b, as: UTF8.self) else { return nil }
        // Skip the XML declaration, comments and a doctype before the root element.
        while true {
            text = String(text.drop { $0.isWhitespace })
            if text.hasPrefix("<?"), let end = text.range(of: "?>") { text = String(text[end.upperBound...]) }
            else if text.hasPrefix("<!--"), let end = text.range(of: "-->") { text = String(text[end.upperBound...]) }
            else if text.hasPrefix("<!DOCTYPE"), let end = text.range(of: ">") { text = String(text[end.upperBound...]) }
            else { break }
        }
        guard text.hasPrefix("<svg"), let next = text.dropFirst(4).first, next.isWhitespace || next == ">" || next == "/" else { return nil }
        return "image/svg+xml"
    }

    /// The header of a page.
    func render(title: String, subtitle: String, lang: Language) -> String {
        let x = { (s: String) in HTMLText.text(s, lang: lang) }  // Chinese runs on English pages marked lang="zh"
        guard let template else {
            return "<header>\(logo ?? "")<h1>\(x(title))</h1><p class=\"subtitle\">\(x(subtitle))</p></header>"
        }
        let context: [String: Any] = ["title": title, "subtitle": subtitle, "lang": lang.rawValue, "zh": lang == .zh, "en": lang == .en,
                                      "tool": tool, "logo": logo ?? ""]
        return "<header>" + template.render(context) + "</header>"
    }
}

public enum PageHeaderError: Error, CustomStringConvertible {
    case unreadable(String), unsafeLogo(String), badTemplate(String, line: Int, column: Int, what: Bilingual)
    public var description: String {
        switch self {
        case .unreadable(let p): return "\(p): cannot read the file (页眉模板或标志文件无法读取)"
        case .badTemplate(let p, let line, let column, let what):
            return "\(p):\(line):\(column): not a valid Mustache template (\(what.en)) (页眉模板不是有效的 Mustache 模板，第 \(line) 行第 \(column) 列：\(what.zh))"
        case .unsafeLogo(let p): return "\(p): a logo must be a PNG, JPEG or SVG image of at most 1 MiB; it is shown as a picture only, never run (标志须为不超过 1 MiB 的 PNG、JPEG 或 SVG 图像，仅作为图片显示，不执行其中任何内容)"
        }
    }
}

/// A header template read before the Mustache parser sees it: every tag
/// closed, sections nested at most ``RecordLimits/deepestHeaderNesting``
/// deep (the parser recurses once per section: 3,000 nested sections used
/// to overflow the stack). Follows `{{=<% %>=}}` delimiter changes.
enum TemplateScan {
    static func problem(in text: String) -> (line: Int, column: Int, what: Bilingual)? {
        let bytes = Array(text.utf8)
        var open: [UInt8] = Array("{{".utf8), close: [UInt8] = Array("}}".utf8)
        var depth = 0, i = 0
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
            var k = start
            while k <= bytes.count - needle.count {
                if bytes[k] == needle[0] && Array(bytes[k..<k + needle.count]) == needle { return k }
                k += 1
            }
            return nil
        }
        func place(_ at: Int) -> (Int, Int) {
            let before = bytes[..<at]
            let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            return (line, String(decoding: bytes[lineStart..<at], as: UTF8.self).count + 1)
        }
        while let start = find(open, from: i) {
            var bodyStart = start + open.count
            let triple = open == Array("{{".utf8) && bodyStart < bytes.count && bytes[bodyStart] == UInt8(ascii: "{")
            if triple { bodyStart += 1 }
            guard let end = find(triple ? Array("}}}".utf8) : close, from: bodyStart) else {
                let (l, c) = place(start)
                let tag = String(decoding: open, as: UTF8.self)
                return (l, c, Bilingual("以 \(tag) 开始的标签没有结束", "a tag opened with \(tag) is never closed"))
            }
            let body = String(decoding: bytes[bodyStart..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            i = end + (triple ? 3 : close.count)
            if !triple, body.hasPrefix("="), body.hasSuffix("="), body.count >= 2 {
                let parts = body.dropFirst().dropLast().split(separator: " ", omittingEmptySubsequences: true)
                guard parts.count == 2 else {
                    let (l, c) = place(start)
                    return (l, c, Bilingual("分隔符设置应为两个分隔符", "a delimiter change needs two delimiters"))
                }
                open = Array(parts[0].utf8); close = Array(parts[1].utf8)
            } else if let first = body.first, "#^$<".contains(first) {
                depth += 1
                if depth > RecordLimits.deepestHeaderNesting {
                    let (l, c) = place(start)
                    return (l, c, Bilingual("区块嵌套超过 \(RecordLimits.deepestHeaderNesting) 层", "sections nested more than \(RecordLimits.deepestHeaderNesting) deep"))
                }
            } else if body.first == "/" {
                depth = max(0, depth - 1)
            }
        }
        return nil
    }
}
