/// Pass or fail decided from a numeric column (mapping key `result:`),
/// e.g. a hygiene score where 70 or more passes:
/// `result: {column: score, pass_if: ">= 70"}`. The comparison is exact on
/// the decimal digits as written (no binary rounding: 69.99999999999999999
/// fails ">= 70").
public struct ScoreRule: Sendable, Equatable {
    public enum Comparison: String, Sendable, CaseIterable { case atLeast = ">=", above = ">", atMost = "<=", below = "<", equal = "=" }
    /// The source header of the score column (normalised).
    public let column: String
    public let comparison: Comparison
    public let threshold: ExactDecimal

    /// Reads `pass_if` text such as ">= 70", "<3.5" or "= 1"; nil when malformed.
    public init?(column: String, passIf text: String) {
        let t = text.trimmingSpaces
        guard let op = Comparison.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count }).first(where: { t.hasPrefix($0.rawValue) }),
              let v = ExactDecimal(String(t.dropFirst(op.rawValue.count)).trimmingSpaces) else { return nil }
        self.column = Mapping.normalise(column); comparison = op; threshold = v
    }

    /// Whether a score passes.
    public func passes(_ score: ExactDecimal) -> Bool {
        let c = score.compare(threshold)
        switch comparison {
        case .atLeast: return c >= 0
        case .above: return c > 0
        case .atMost: return c <= 0
        case .below: return c < 0
        case .equal: return c == 0
        }
    }
}

/// A decimal number as written (`-12.50`), kept as digits so that
/// comparisons are exact: sign, digits without leading zeros, and how many
/// of them follow the decimal point.
public struct ExactDecimal: Sendable, Equatable {
    let negative: Bool
    let digits: [UInt8]
    let scale: Int

    public init?(_ text: String) { self.init(bytes: Array(text.utf8)) }

    /// Parses `[+-]digits[.digits]` (at least one digit); nil otherwise.
    public init?(bytes: [UInt8]) {
        var i = 0, negative = false
        if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { negative = bytes[i] == 0x2D; i += 1 }
        var digits: [UInt8] = [], scale = 0, point = false
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x2E, !point { point = true } else if b >= 0x30, b <= 0x39 { digits.append(b - 0x30); if point { scale += 1 } } else { return nil }
            i += 1
        }
        guard !digits.isEmpty else { return nil }
        while scale > 0, digits.last == 0 { digits.removeLast(); scale -= 1 }  // 70.50 → 70.5
        while digits.count > scale + 1, digits.first == 0 { digits.removeFirst() }  // 007 → 7
        if digits.count <= scale { digits.insert(contentsOf: [UInt8](repeating: 0, count: scale + 1 - digits.count), at: 0) }  // .5 → 0.5
        let zero = digits.allSatisfy { $0 == 0 }
        self.negative = negative && !zero; self.digits = zero ? [0] : digits; self.scale = zero ? 0 : scale
    }

    /// −1, 0 or 1 as self is below, equal to or above `other`.
    public func compare(_ other: ExactDecimal) -> Int {
        if negative != other.negative { return negative ? -1 : 1 }
        let m = magnitudeCompare(other)
        return negative ? -m : m
    }

    private func magnitudeCompare(_ o: ExactDecimal) -> Int {
        let wholeA = digits.count - scale, wholeB = o.digits.count - o.scale
        if wholeA != wholeB { return wholeA < wholeB ? -1 : 1 }  // no leading zeros: more whole digits is larger
        // The same number of whole digits: place values line up from the left.
        for k in 0..<max(digits.count, o.digits.count) {
            let a = k < digits.count ? digits[k] : 0, b = k < o.digits.count ? o.digits[k] : 0
            if a != b { return a < b ? -1 : 1 }
        }
        return 0
    }
}
