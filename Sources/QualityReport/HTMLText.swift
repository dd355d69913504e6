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
}

/// Markdown escaping for plain text (report.md): the HTML characters become
/// entities, and each character Markdown could read as markup (emphasis,
/// code, links, tables, headings, strikethrough) gets a backslash. CommonMark
/// renders the result as exactly the text given.
public enum MarkdownText {
    static let punctuation: Set<Character> = ["\\", "`", "*", "_", "[", "]", "|", "~", "#"]

    public static func escape(_ s: String) -> String {
        TextEscaping.escape(s) { c in HTMLText.markup[c] ?? (punctuation.contains(c) ? "\\" + String(c) : nil) }
    }
}
