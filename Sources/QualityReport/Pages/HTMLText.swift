import QualityData

/// Replaces characters of a text one by one (`nil`: the character as it is).
enum TextEscaping {
    static func escape(_ s: String, _ replacement: (Character) -> String?) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            if let r = replacement(c) { out += r } else { out.append(c) }
        }
        return out
    }
}

/// HTML escaping for text and attribute values.
public enum HTMLText {
    /// The characters that start markup or an entity, as entities.
    static let markup: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;"]
    static let quotes: [Character: String] = ["\"": "&quot;", "'": "&#39;"]

    public static func escape(_ s: String) -> String {
        TextEscaping.escape(s) { markup[$0] ?? quotes[$0] }
    }

    /// Element text: escaped, and on an English page each run of Chinese
    /// characters (a region or product name) marked `lang="zh"`, so a
    /// screen reader and the font choice treat it as Chinese.
    public static func text(_ s: String, lang: Language) -> String {
        let escaped = escape(s)
        guard lang == .en, escaped.unicodeScalars.contains(where: isChinese) else { return escaped }
        var out = "", inRun = false
        for c in escaped {
            let chinese = c.unicodeScalars.first.map(isChinese) ?? false
            if chinese != inRun { out += chinese ? "<span lang=\"zh\">" : "</span>"; inRun = chinese }
            out.append(c)
        }
        return inRun ? out + "</span>" : out
    }

    /// CJK ideographs, CJK punctuation and full-width forms.
    static func isChinese(_ u: Unicode.Scalar) -> Bool {
        (0x3000...0x303F).contains(u.value) || (0x3400...0x9FFF).contains(u.value) || (0xF900...0xFAFF).contains(u.value)
            || (0xFF00...0xFFEF).contains(u.value) || (0x20000...0x2FFFF).contains(u.value)
    }
}

/// Markdown escaping for plain text (report.md), kept readable as plain
/// text (no HTML entities): each character Markdown could read as markup
/// (emphasis, code, links, tables, headings, strikethrough) gets a
/// backslash, and so do `<` and `&` only where they could open a tag, an
/// autolink or an entity (`<a`, `</`, `&amp;`) and `>` only where it could
/// open a block quote — so `p < 0.01` and `<0.001` stay as they are.
/// CommonMark renders the result as exactly the text given.
public enum MarkdownText {
    static let punctuation: Set<Character> = ["\\", "`", "*", "_", "[", "]", "|", "~", "#"]

    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        let chars = Array(s)
        for (i, c) in chars.enumerated() {
            let next = i + 1 < chars.count ? chars[i + 1] : " "
            switch c {
            case "<" where next.isLetter || next == "/" || next == "!" || next == "?": out += "\\<"
            case "&" where next.isLetter || next == "#": out += "\\&"
            case ">" where i == 0: out += "\\>"
            default:
                if punctuation.contains(c) { out += "\\" } 
                out.append(c)
            }
        }
        return out
    }
}
