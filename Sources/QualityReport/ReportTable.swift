import Foundation

/// A table as written to CSV, Markdown and HTML: named columns, text cells.
///
/// Cells are already formatted (fixed decimals, empty for "not defined"),
/// so every output format shows the same digits.
public struct ReportTable: Sendable, Equatable {
    /// File stem, e.g. `pass_rate_by_year`.
    public let name: String
    public let columns: [String]
    public var rows: [[String]]

    public init(name: String, columns: [String], rows: [[String]] = []) {
        self.name = name; self.columns = columns; self.rows = rows
    }

    /// RFC 4180 CSV with a UTF-8 BOM (so Excel opens Chinese text correctly)
    /// and CRLF line ends.
    public func csv() -> String {
        var out = "\u{FEFF}"
        out += columns.map(CSVText.quote).joined(separator: ",") + "\r\n"
        for r in rows { out += r.map(CSVText.quote).joined(separator: ",") + "\r\n" }
        return out
    }
}

public enum CSVText {
    /// Quotes a cell when it holds a separator, quote, line break, or starts
    /// with a character a spreadsheet would run as a formula.
    public static func quote(_ s: String) -> String {
        var s = s
        if let f = s.first, "=+@".contains(f) || (f == "-" && Double(s) == nil) { s = "'" + s }
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}

/// Fixed number formats, so tables are byte-identical across runs.
public enum NumberText {
    /// A proportion with 6 decimals (0.913456); empty when undefined.
    public static func rate(_ v: Double?) -> String { v.map { fixed($0, 6) } ?? "" }
    /// Percentage points with 4 decimals.
    public static func points(_ v: Double?) -> String { v.map { fixed($0 == 0 ? 0 : $0, 4) } ?? "" }
    /// A p-value with 6 decimals.
    public static func pValue(_ v: Double?) -> String { v.map { fixed($0, 6) } ?? "" }

    /// `printf("%.*f")` through C's vsnprintf: the same correctly rounded
    /// digits as `String(format:)`, without Foundation's formatting overhead
    /// (tables have hundreds of thousands of cells).
    public static func fixed(_ v: Double, _ decimals: Int) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buf in
            let n = withVaList([Int32(decimals), v]) { vsnprintf(buf.baseAddress!, 64, "%.*f", $0) }
            return String(decoding: UnsafeRawBufferPointer(start: buf.baseAddress!, count: Int(min(n, 63))), as: UTF8.self)
        }
    }
    /// A percentage for prose: 91.34%.
    public static func percent(_ v: Double?, digits: Int = 2) -> String {
        v.map { String(format: "%.\(digits)f%%", $0 * 100) } ?? "—"
    }
    /// Signed points for prose: +1.23 / −0.45.
    public static func signedPoints(_ v: Double) -> String {
        let s = String(format: "%.2f", abs(v))
        return v >= 0.005 ? "+" + s : (v <= -0.005 ? "−" + s : s)
    }
    /// 1234567 → 1,234,567.
    public static func count(_ n: Int) -> String {
        let s = String(abs(n))
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
