import Foundation
import QualityData

/// A table as written to CSV, Markdown, HTML and the workbook: named,
/// typed columns and text cells.
///
/// Cells are already formatted (fixed decimals, empty for "not defined"),
/// so every output format shows the same digits; each column's kind
/// (``ReportColumns``, or the table's own where a name means something
/// else here) tells a writer what the digits are.
public struct ReportTable: Sendable, Equatable {
    /// File stem, e.g. `pass_rate_by_year`.
    public let name: String
    public let columns: [String]
    public let kinds: [ColumnKind]
    public var rows: [[String]]
    /// A title declared with the table's indicator (the workbook's Chinese sheet name).
    public var title: Bilingual?
    /// Rows in which ``proportionColumns`` hold proportions (targets.csv's
    /// values are rates for rate indicators, counts or statistics otherwise):
    /// percentages in the workbook, like the columns declared as proportions.
    public var proportionRows: Set<Int> = []
    public var proportionColumns: Set<String> = []

    public init(name: String, columns: [String], rows: [[String]] = [], kinds overrides: [String: ColumnKind] = [:]) {
        self.name = name; self.columns = columns; self.rows = rows
        kinds = columns.map { overrides[$0] ?? ReportColumns.kind($0) ?? .text }
        undeclared = columns.filter { overrides[$0] == nil && ReportColumns.kind($0) == nil }
    }

    /// Columns with no declared kind (shown as text); `ReportOutputTests.everyColumnHasADeclaredKind` keeps this empty for every table of a run.
    public let undeclared: [String]

    /// RFC 4180 CSV with a UTF-8 BOM (so Excel opens Chinese text correctly)
    /// and CRLF line ends.
    public func csv() -> String { String(decoding: csvBytes(), as: UTF8.self) }

    /// The CSV as bytes, built in one buffer (tables reach 10⁵ rows).
    public func csvBytes() -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(64 + rows.count * columns.count * 8)
        func line(_ cells: [String]) {
            for (i, c) in cells.enumerated() {
                if i > 0 { out.append(0x2C) }
                CSVText.append(c, to: &out)
            }
            out.append(0x0D)
            out.append(0x0A)
        }
        line(columns)
        for r in rows { line(r) }
        return out
    }
}

/// A string's UTF-8 bytes without a copy (native strings are contiguous).
enum ByteText {
    @inline(__always)
    static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try s.utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = s
        return try copy.withUTF8(body)
    }
}

public enum CSVText {
    /// Quotes a cell when it holds a separator, quote, line break, or starts
    /// with a character a spreadsheet would run as a formula.
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        append(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends a cell, quoted only when needed (the common case copies bytes).
    public static func append(_ s: String, to out: inout [UInt8]) {
        ByteText.withBytes(s) { bytes in
            guard let b0 = bytes.first else { return }
            let formula = b0 == 0x3D || b0 == 0x2B || b0 == 0x40 || (b0 == 0x2D && Double(s) == nil)
            let needsQuotes = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            if !needsQuotes && !formula {
                out.append(contentsOf: bytes)
                return
            }
            if needsQuotes { out.append(0x22) }
            if formula { out.append(0x27) }  // ' keeps a spreadsheet from evaluating it
            for b in bytes {
                if b == 0x22 { out.append(0x22) }
                out.append(b)
            }
            if needsQuotes { out.append(0x22) }
        }
    }
}

/// Fixed number formats, so tables are byte-identical across runs.
public enum NumberText {
    /// A proportion with 6 decimals (0.913456); empty when undefined.
    public static func rate(_ v: Double?) -> String { v.map { fixed($0, 6) } ?? "" }
    /// Percentage points with 4 decimals.
    public static func points(_ v: Double?) -> String { v.map { fixed($0 == 0 ? 0 : $0, 4) } ?? "" }
    /// A ratio (a design effect) with 4 decimals; a count that may be
    /// fractional (effective batches) with 2.
    public static func ratio(_ v: Double?) -> String { v.map { fixed($0, 4) } ?? "" }
    public static func fractionalCount(_ v: Double?) -> String { v.map { fixed($0, 2) } ?? "" }
    /// A p-value with 6 decimals.
    public static func pValue(_ v: Double?) -> String { v.map { fixed($0, 6) } ?? "" }

    /// The digits `printf("%.*f")` prints, computed with integer arithmetic;
    /// values within 1e-7 of a rounding tie go through C's vsnprintf, so the
    /// result is always printf's correctly rounded one — except that a value
    /// that rounds to zero never carries a minus sign ("0.000000", not
    /// printf's "-0.000000" for −0 or −1e-9).
    public static func fixed(_ v: Double, _ decimals: Int) -> String {
        let scale = powersOfTen[decimals]
        let s = abs(v) * scale
        guard v.isFinite, s < 1e15 else { return printfFixed(v, decimals) }
        let whole = s.rounded(.down)
        let frac = s - whole
        if abs(frac - 0.5) < 1e-7 {
            let text = printfFixed(v, decimals)
            return text.hasPrefix("-") && text.allSatisfy({ $0 == "-" || $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
        }
        var n = UInt64(whole) + (frac > 0.5 ? 1 : 0)
        let negative = v.sign == .minus && n > 0
        var digits = [UInt8](repeating: 0x30, count: 24)
        var i = 24
        var written = 0
        repeat {
            if written == decimals && decimals > 0 { i -= 1; digits[i] = 0x2E }
            i -= 1
            digits[i] = 0x30 + UInt8(n % 10)
            n /= 10
            written += 1
        } while n > 0 || written <= decimals
        if negative { i -= 1; digits[i] = 0x2D }
        return String(decoding: digits[i...], as: UTF8.self)
    }

    static let powersOfTen: [Double] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

    /// `printf("%.*f")` through C's vsnprintf (the exact reference).
    public static func printfFixed(_ v: Double, _ decimals: Int) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buf in
            let n = withVaList([Int32(decimals), v]) { vsnprintf(buf.baseAddress!, 400, "%.*f", $0) }
            return String(decoding: UnsafeRawBufferPointer(start: buf.baseAddress!, count: Int(min(n, 399))), as: UTF8.self)
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
