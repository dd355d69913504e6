/// HTML escaping for text and attribute values.
public enum HTMLText {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// Markdown escaping for plain text (report.md): the HTML characters become
/// entities, and each character Markdown could read as markup (emphasis,
/// code, links, tables, headings, strikethrough) gets a backslash. CommonMark
/// renders the result as exactly the text given.
public enum MarkdownText {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#": out.append("\\"); out.append(c)
            default: out.append(c)
            }
        }
        return out
    }
}
