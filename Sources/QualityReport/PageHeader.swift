import Foundation
import QualityData

/// A user's page header: an HTML fragment with Mustache-style tags —
/// `{{title}}`, `{{subtitle}}`, `{{lang}}` (HTML-escaped) and `{{{logo}}}`
/// (the logo) — and an optional logo (a PNG, JPEG or SVG image, recognised
/// by its bytes and embedded as an `<img>` data URI), so a bureau can brand its pages without
/// recompiling. Nothing else is interpreted: no loops, no code.
public struct PageHeader: Sendable {
    public var template: String?
    public var logo: String?

    public init(template: String? = nil, logo: String? = nil) { self.template = template; self.logo = logo }

    /// Reads the template and logo files; the errors name the file.
    public static func load(template: String?, logo: String?) throws -> PageHeader {
        var h = PageHeader()
        if let template {
            guard let t = try? String(contentsOfFile: template, encoding: .utf8) else { throw PageHeaderError.unreadable(template) }
            h.template = t
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
        let e = HTMLText.escape, x = { (s: String) in HTMLText.text(s, lang: lang) }  // Chinese runs on English pages marked lang="zh"
        guard let template else {
            return "<header>\(logo ?? "")<h1>\(x(title))</h1><p class=\"subtitle\">\(x(subtitle))</p></header>"
        }
        return "<header>" + template.replacingOccurrences(of: "{{{logo}}}", with: logo ?? "")
            .replacingOccurrences(of: "{{title}}", with: e(title)).replacingOccurrences(of: "{{subtitle}}", with: e(subtitle))
            .replacingOccurrences(of: "{{lang}}", with: lang.rawValue) + "</header>"
    }
}

public enum PageHeaderError: Error, CustomStringConvertible {
    case unreadable(String), unsafeLogo(String)
    public var description: String {
        switch self {
        case .unreadable(let p): return "\(p): cannot read the file (页眉模板或标志文件无法读取)"
        case .unsafeLogo(let p): return "\(p): a logo must be a PNG, JPEG or SVG image of at most 1 MiB; it is shown as a picture only, never run (标志须为不超过 1 MiB 的 PNG、JPEG 或 SVG 图像，仅作为图片显示，不执行其中任何内容)"
        }
    }
}
