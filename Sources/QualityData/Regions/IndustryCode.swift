/// GB/T 4754-2017 industry codes (国民经济行业分类): a section letter
/// (门类 A–T) followed by up to four digits (division, group, class). Data
/// give a class as `C3831` or `3831`; the section follows from the
/// two-digit division, so both read alike.
public enum IndustryCode {
    /// The first division (大类) of each section, in order (datasets/reference/gbt4754-2017.csv).
    public static let sectionStarts: [(section: UInt8, firstDivision: Int)] = [
        (0x41, 1), (0x42, 6), (0x43, 13), (0x44, 44), (0x45, 47), (0x46, 51), (0x47, 53), (0x48, 61), (0x49, 63), (0x4A, 66),
        (0x4B, 70), (0x4C, 71), (0x4D, 73), (0x4E, 76), (0x4F, 80), (0x50, 83), (0x51, 84), (0x52, 86), (0x53, 91), (0x54, 97),
    ]

    /// The code with its section letter (`3831` → `C3831`); a code that
    /// already has one, or whose division is not a number, is returned as is.
    public static func withSection(_ code: String) -> String {
        let u = Array(code.utf8)
        guard u.count >= 2, u[0] >= 0x30, u[0] <= 0x39, u[1] >= 0x30, u[1] <= 0x39 else { return code }
        let division = Int(u[0] - 0x30) * 10 + Int(u[1] - 0x30)
        guard division >= 1, let s = sectionStarts.last(where: { $0.firstDivision <= division }) else { return code }
        return String(UnicodeScalar(s.section)) + code
    }

    /// Whether a code falls under a filter prefix: a section with optional
    /// digits (`C`, `C38`) or digits alone (`38`, `3831`).
    public static func matches(_ code: String, prefix: String) -> Bool {
        let full = withSection(code)
        if let first = prefix.utf8.first, first >= 0x30, first <= 0x39 { return full.utf8.dropFirst().starts(with: prefix.utf8) }
        return full.hasPrefix(prefix)
    }
}
