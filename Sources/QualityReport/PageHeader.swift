import Foundation
import QualityData

/// A user's page header: an HTML fragment with Mustache-style tags —
/// `{{title}}`, `{{subtitle}}`, `{{lang}}` (HTML-escaped) and `{{{logo}}}`
/// (the logo, as given) — and an optional logo (an SVG file inlined, or a
/// PNG/JPEG embedded as a data URI), so a bureau can brand its pages without
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
            let lower = logo.lowercased()
            if lower.hasSuffix(".svg") {
                guard let svg = String(data: data, encoding: .utf8), !svg.lowercased().contains("<script"), !svg.contains("href=\"http") else {
                    throw PageHeaderError.unsafeLogo(logo)
                }
                h.logo = "<span class=\"logo\">\(svg)</span>"
            } else if lower.hasSuffix(".png") || lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg") {
                let mime = lower.hasSuffix(".png") ? "image/png" : "image/jpeg"
                h.logo = "<img class=\"logo\" alt=\"\" src=\"data:\(mime);base64,\(data.base64EncodedString())\">"
            } else {
                throw PageHeaderError.unsafeLogo(logo)
            }
        }
        return h
    }

    /// The header of a page.
    func render(title: String, subtitle: String, lang: Language) -> String {
        let e = HTMLText.escape
        guard let template else {
            return "<header>\(logo ?? "")<h1>\(e(title))</h1><p class=\"subtitle\">\(e(subtitle))</p></header>"
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
        case .unsafeLogo(let p): return "\(p): a logo must be an SVG without scripts or external links, or a PNG/JPEG (标志须为不含脚本与外部链接的 SVG，或 PNG/JPEG)"
        }
    }
}
