import QualityData

/// Byte-level parsers for field values: no `String` on the hot path.
public enum FieldBytes {
    /// Strips ASCII spaces and tabs, NBSP (C2 A0), the ideographic space
    /// (E3 80 80) and a stray BOM (EF BB BF) from both ends.
    @inline(__always)
    public static func trim(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var s = 0
        var e = b.count
        while s < e {
            let c = b[s]
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A { s += 1; continue }
            if c == 0xC2 && s + 1 < e && b[s + 1] == 0xA0 { s += 2; continue }
            if c == 0xE3 && s + 2 < e && b[s + 1] == 0x80 && b[s + 2] == 0x80 { s += 3; continue }
            if c == 0xEF && s + 2 < e && b[s + 1] == 0xBB && b[s + 2] == 0xBF { s += 3; continue }
            break
        }
        while e > s {
            let c = b[e - 1]
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A { e -= 1; continue }
            if c == 0xA0 && e - 2 >= s && b[e - 2] == 0xC2 { e -= 2; continue }
            if c == 0x80 && e - 3 >= s && b[e - 3] == 0xE3 && b[e - 2] == 0x80 { e -= 3; continue }
            break
        }
        return UnsafeRawBufferPointer(rebasing: b[s..<e])
    }

    public static func string(_ b: UnsafeRawBufferPointer) -> String { String(decoding: b, as: UTF8.self) }
}

/// Maps raw enum spellings (`合格`, `P`, `pass` …) to small integer codes.
public struct EnumMatcher: Sendable {
    private var dict = ByteStringDictionary()
    private var codes: [UInt8] = []

    /// `ids` gives the code of each canonical id (e.g. `"pass": 0`).
    public init(values: [String: String], ids: [String: UInt8]) {
        for (raw, id) in values.sorted(by: { $0.key < $1.key }) {
            guard let code = ids[id] else { continue }
            let c = dict.intern(raw)
            if Int(c) == codes.count { codes.append(code) } else { codes[Int(c)] = code }
        }
    }

    /// The code of a raw value (trimmed, ASCII case-folded), or nil.
    @inline(__always)
    public func match(_ raw: UnsafeRawBufferPointer) -> UInt8? {
        let t = FieldBytes.trim(raw)
        var hasUpper = false
        for c in t where c >= 0x41 && c <= 0x5A { hasUpper = true; break }
        if !hasUpper { return dict.code(of: t).map { codes[Int($0)] } }
        if t.count > 64 { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: t.count) { tmp in
            for i in 0..<t.count {
                let c = t[i]
                tmp[i] = (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
            }
            return dict.code(of: UnsafeRawBufferPointer(tmp)).map { codes[Int($0)] }
        }
    }
}

/// Parses dates in every form of inputs.md §1 into days since 1970-01-01.
///
/// `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D`, `YYYY年M月D日`, `YYYYMMDD`, Excel
/// serial numbers (`43466` = 2019-01-01, with Excel's 1900 leap-year bug),
/// and with a declared order `M/D/YYYY` or `D/M/YYYY` (two-digit years pivot
/// as POSIX `%y`: 69–99 → 19xx, 00–68 → 20xx). A time after the date is ignored.
public struct DateParser: Sendable {
    public var order: DateOrder
    public init(order: DateOrder = .auto) { self.order = order }

    public enum Failure: Error, Equatable {
        case unparseable, ambiguous, outOfRange

        /// Why a row with this date is rejected.
        public var reason: RejectReason {
            switch self {
            case .unparseable: return .invalidDate
            case .ambiguous: return .ambiguousDate
            case .outOfRange: return .dateOutOfRange
            }
        }
    }

    public func parse(_ raw: UnsafeRawBufferPointer) -> Result<Int32, Failure> {
        let b = FieldBytes.trim(raw)
        var nums = SIMD4<Int>(repeating: 0)  // SIMD: fixed size, no heap allocation per field
        var digits = SIMD4<Int>(repeating: 0)
        var k = 0
        var i = 0
        var allDigits = true
        var sawDot = false
        // Read up to three digit groups separated by - / . 年 月 日 (UTF-8 E5 B9 B4, E6 9C 88, E6 97 A5).
        while i < b.count {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                if k > 2 { return .failure(.unparseable) }
                nums[k] = nums[k] * 10 + Int(c - 0x30)
                digits[k] += 1
                if digits[k] > 8 { return .failure(.unparseable) }
                i += 1
                continue
            }
            allDigits = false
            if c == 0x20 || c == 0x54 {  // time part follows
                if k == 2 && digits[2] > 0 { break }
                return .failure(.unparseable)
            }
            var sepLen = 0
            if c == 0x2D || c == 0x2F { sepLen = 1 } else if c == 0x2E { sepLen = 1; sawDot = true }
            else if c == 0xE5 && i + 2 < b.count && b[i + 1] == 0xB9 && b[i + 2] == 0xB4 { sepLen = 3 }
            else if c == 0xE6 && i + 2 < b.count && ((b[i + 1] == 0x9C && b[i + 2] == 0x88) || (b[i + 1] == 0x97 && b[i + 2] == 0xA5)) { sepLen = 3 }
            if sepLen == 0 { return .failure(.unparseable) }
            if digits[min(k, 2)] == 0 { return .failure(.unparseable) }
            i += sepLen
            if k == 2 {
                // Only a closing 日 may follow the day, then the end or a time part.
                guard sepLen == 3, i >= b.count || b[i] == 0x20 || b[i] == 0x54 else { return .failure(.unparseable) }
                break
            }
            k += 1
        }
        if allDigits {
            let n = nums[0], d = digits[0]
            if d == 8 { return make(n / 10000, n / 100 % 100, n % 100) }
            if d >= 2 && d <= 5 && n > 60 {  // Excel serial: day 1 = 1900-01-01, day 60 = the fictitious 1900-02-29
                let days = Int32(n) + CivilDate.days(year: 1899, month: 12, day: 30)
                return days > CivilDate.days(year: 2100, month: 12, day: 31) ? .failure(.outOfRange) : .success(days)
            }
            return .failure(.unparseable)
        }
        // Excel serial with a time fraction: 43466.5
        if sawDot && k == 1 && digits[0] == 5 && digits[2] == 0 {
            let days = Int32(nums[0]) + CivilDate.days(year: 1899, month: 12, day: 30)
            return .success(days)
        }
        guard k == 2, digits[0] > 0, digits[1] > 0, digits[2] > 0 else { return .failure(.unparseable) }
        if digits[0] == 4 { return make(nums[0], nums[1], nums[2]) }
        guard digits[0] <= 2, digits[1] <= 2, digits[2] == 4 || digits[2] == 2 else { return .failure(.unparseable) }
        let y = digits[2] == 4 ? nums[2] : (nums[2] >= 69 ? 1900 + nums[2] : 2000 + nums[2])
        switch order {
        case .mdy: return make(y, nums[0], nums[1])
        case .dmy: return make(y, nums[1], nums[0])
        case .ymd: return .failure(.unparseable)
        case .auto:
            if nums[0] > 12 && nums[1] <= 12 { return make(y, nums[1], nums[0]) }
            if nums[1] > 12 && nums[0] <= 12 { return make(y, nums[0], nums[1]) }
            if nums[0] == nums[1] { return make(y, nums[0], nums[1]) }
            return .failure(.ambiguous)
        }
    }

    private func make(_ y: Int, _ m: Int, _ d: Int) -> Result<Int32, Failure> {
        guard y >= 1900, y <= 2100 else { return .failure(.outOfRange) }
        guard m >= 1, m <= 12, d >= 1, d <= CivilDate.daysInMonth(year: y, month: m) else { return .failure(.unparseable) }
        return .success(CivilDate.days(year: y, month: m, day: d))
    }

    /// Convenience for tests and non-hot paths.
    public func parse(_ s: String) -> Result<Int32, Failure> {
        var s = s
        return s.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }
}

/// Unified social credit code check (GB 32100-2015, 统一社会信用代码).
public enum CreditCode {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    static let value: [Int] = {
        var v = [Int](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { v[Int(c)] = i }
        return v
    }()

    /// True when the 18 characters are from the code's alphabet and the
    /// check digit (position 18) matches.
    public static func isValid(_ raw: UnsafeRawBufferPointer) -> Bool {
        let b = FieldBytes.trim(raw)
        guard b.count == 18 else { return false }
        var sum = 0
        for i in 0..<17 {
            let v = value[Int(b[i])]
            if v < 0 { return false }
            sum += v * weights[i]
        }
        let check = (31 - sum % 31) % 31
        return b[17] == alphabet[check]
    }

    public static func isValid(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { isValid(UnsafeRawBufferPointer($0)) }
    }

    /// The check character for the first 17 characters (for generating codes).
    public static func checkCharacter(_ first17: String) -> Character {
        var sum = 0
        for (i, c) in first17.utf8.prefix(17).enumerated() { sum += value[Int(c)] * weights[i] }
        return Character(UnicodeScalar(alphabet[(31 - sum % 31) % 31]))
    }
}
