import Foundation
import QualityData

/// Normalises a field's text before it is validated or compared, as its
/// column declares (``FieldNormalisation``): Unicode NFKC — full-width
/// letters, digits and punctuation to ASCII (`Ｃ３８３１` → `C3831`), the
/// ideographic space to a space, compatibility characters to their ordinary
/// form (`①` → `1`, `℃` → `°C`) — then upper case for codes, and for text
/// with Chinese characters the full-width parentheses Chinese names are
/// written with, so `有限公司(南宁分公司)` and `有限公司（南宁分公司）` are one name.
///
/// The hot path is a byte scan: ASCII, Chinese characters and the CJK
/// punctuation NFKC leaves alone are recognised without building a String,
/// full-width ASCII forms are mapped byte by byte, and only the rare other
/// compatibility characters go through Foundation's NFKC (tested equal to it).
public enum FieldNormaliser {
    /// What the scan found.
    @usableFromInline struct Scan {
        var fullWidth = false      // U+FF01–U+FF5E other than （）, or U+3000
        var fullParen = false      // （ or ）
        var asciiParen = false     // ( or )
        var lower = false          // a–z
        var han = false            // a Chinese character (CJK ideographs)
        var other = false          // a character only Foundation's NFKC handles
    }

    @inline(__always) @usableFromInline
    static func scan(_ b: UnsafeRawBufferPointer) -> Scan {
        var s = Scan()
        let n = b.count
        var i = 0
        let high: UInt64 = 0x8080_8080_8080_8080
        while i < n {
            // Eight ASCII bytes at a time (codes, dates): lower case (0x61–0x7A)
            // and parentheses (0x28–0x29) found by adding to every byte at once —
            // no byte of an ASCII word carries into the next.
            if let base = b.baseAddress {
                // (A tail under eight bytes is read into a zeroed word: a zero byte is neither.)
                var x: UInt64 = 0
                if i + 8 <= n { x = base.loadUnaligned(fromByteOffset: i, as: UInt64.self) } else {
                    withUnsafeMutableBytes(of: &x) { $0.baseAddress!.copyMemory(from: base + i, byteCount: n - i) }
                }
                if x & high == 0 {
                    if (x &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(x &+ 0x0505_0505_0505_0505) & high != 0 { s.lower = true }
                    if (x &+ 0x5858_5858_5858_5858) & ~(x &+ 0x5656_5656_5656_5656) & high != 0 { s.asciiParen = true }
                    i += 8
                    continue
                }
            }
            let c = b[i]
            if c < 0x80 {
                if c == 0x28 || c == 0x29 { s.asciiParen = true } else if c >= 0x61 && c <= 0x7A { s.lower = true }
                i += 1
                continue
            }
            if c >= 0xE4 && c <= 0xE9 { s.han = true; i += 3; continue }  // U+4000–U+9FFF
            if c == 0xE3 && i + 2 < n {
                let c1 = b[i + 1], c2 = b[i + 2]
                if c1 == 0x80 {
                    // CJK punctuation: NFKC changes only U+3000 (space) and U+3036, U+3038–U+303A.
                    if c2 == 0x80 { s.fullWidth = true } else if c2 == 0xB6 || (c2 >= 0xB8 && c2 <= 0xBA) { s.other = true }
                } else if c1 >= 0x90 { s.han = true } else if c1 >= 0x81 && c1 <= 0x83 && !(c1 == 0x82 && (c2 >= 0x99 && c2 <= 0x9C || c2 == 0x9F)) && !(c1 == 0x83 && c2 == 0xBF) {
                    // Kana (U+3040–U+30FF) but the voicing marks and ヿ, which NFKC rewrites.
                } else { s.other = true }
                i += 3
                continue
            }
            if c == 0xEF && i + 2 < n {
                let c1 = b[i + 1], c2 = b[i + 2]
                if c1 == 0xBC && c2 >= 0x81 {
                    if c2 == 0x88 || c2 == 0x89 { s.fullParen = true } else { s.fullWidth = true }  // U+FF01–U+FF3F
                } else if c1 == 0xBD && c2 >= 0x80 && c2 <= 0x9E {
                    s.fullWidth = true  // U+FF40–U+FF5E
                } else if c1 < 0xA4 {
                    // Private use (U+F000–U+F8FF): unchanged.
                } else { s.other = true }
                i += 3
                continue
            }
            if c >= 0xEA && c <= 0xEE && !(c == 0xEA && i + 1 < n && b[i + 1] >= 0x9C && b[i + 1] <= 0xAF) {
                // Yi, Hangul syllables, private use: unchanged (U+A700–U+ABFF has compatibility letters: Foundation decides).
                i += 3
                continue
            }
            s.other = true  // Latin-1 and combining marks, other scripts, symbols, four-byte characters
            i += 1
        }
        return s
    }

    /// True when normalising `bytes` as `mode` changes them (no allocation).
    /// ASCII text (codes, dates, most ids) is decided eight bytes at a time:
    /// it changes only by upper-casing a code.
    @inline(__always)
    public static func changes(_ b: UnsafeRawBufferPointer, _ mode: FieldNormalisation) -> Bool {
        guard let base = b.baseAddress else { return false }
        let n = b.count, high: UInt64 = 0x8080_8080_8080_8080
        var i = 0, lower: UInt64 = 0
        while i + 8 <= n {
            let x = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if x & high != 0 { return scanChanges(b, mode) }
            lower |= (x &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(x &+ 0x0505_0505_0505_0505)
            i += 8
        }
        while i < n {
            let c = b[i]
            if c >= 0x80 { return scanChanges(b, mode) }
            if c >= 0x61 && c <= 0x7A { lower |= high }
            i += 1
        }
        return mode == .code && lower & high != 0
    }

    /// ``changes(_:_:)`` for text with non-ASCII characters.
    static func scanChanges(_ b: UnsafeRawBufferPointer, _ mode: FieldNormalisation) -> Bool {
        let s = scan(b)
        if s.other || s.fullWidth { return true }
        switch mode {
        case .code: return s.lower || s.fullParen
        case .text: return s.han ? s.asciiParen : s.fullParen
        }
    }

    /// The normalised bytes of `b` written into `out` (grown as needed);
    /// returns their count. Call only where ``changes(_:_:)`` is true.
    public static func normalise(_ b: UnsafeRawBufferPointer, _ mode: FieldNormalisation, into out: inout [UInt8]) -> Int {
        let s = scan(b)
        if s.other {
            // NFKC by Foundation, then the same post-rules.
            let nfkc = FieldBytes.string(b).precomposedStringWithCompatibilityMapping
            out.removeAll(keepingCapacity: true)
            out.append(contentsOf: nfkc.utf8)
            return finish(&out, count: out.count, mode, han: containsHan(out))
        }
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(b.count * 3)
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0xEF && i + 2 < b.count && (b[i + 1] == 0xBC || b[i + 1] == 0xBD) {
                // U+FF01–U+FF5E → U+0021–U+007E
                let v = (Int(b[i + 1]) - 0xBC) * 64 + Int(b[i + 2]) - 0x80  // U+FF00 + v
                if v >= 1 && v <= 0x5E { out.append(UInt8(0x20 + v)); i += 3; continue }
            }
            if c == 0xE3 && i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x80 { out.append(0x20); i += 3; continue }
            out.append(c)
            i += 1
        }
        return finish(&out, count: out.count, mode, han: s.han)
    }

    /// Upper case for codes; full-width parentheses in Chinese text.
    private static func finish(_ out: inout [UInt8], count: Int, _ mode: FieldNormalisation, han: Bool) -> Int {
        switch mode {
        case .code:
            for k in 0..<out.count where out[k] >= 0x61 && out[k] <= 0x7A { out[k] -= 0x20 }
        case .text:
            guard han, out.contains(0x28) || out.contains(0x29) else { break }
            var r: [UInt8] = []
            r.reserveCapacity(out.count + 8)
            for c in out {
                if c == 0x28 { r += [0xEF, 0xBC, 0x88] } else if c == 0x29 { r += [0xEF, 0xBC, 0x89] } else { r.append(c) }
            }
            out = r
        }
        return out.count
    }

    private static func containsHan(_ b: [UInt8]) -> Bool {
        b.withUnsafeBytes { scan($0).han }
    }

    /// A whole string normalised (headers, mapping keys, tests).
    public static func normalise(_ s: String, _ mode: FieldNormalisation) -> String {
        var s = s
        return s.withUTF8 { u in
            let b = UnsafeRawBufferPointer(u)
            guard changes(b, mode) else { return String(decoding: b, as: UTF8.self) }
            var out: [UInt8] = []
            let n = normalise(b, mode, into: &out)
            return String(decoding: out[0..<n], as: UTF8.self)
        }
    }
}

extension FieldNormaliser {
    /// A plan's or an index framework's filter value on the sampling column
    /// `key`, read as the loader reads that column: a coded text column's
    /// value normalised like its data (`桂市监函(2020)1号` → `桂市监函（2020）1号`,
    /// `p01` → `P01`), so a value written either way matches; an enum's id
    /// or an industry prefix as written (they are checked against their form).
    public static func filterValue(_ value: String, key: String) -> String {
        guard let c = SamplingColumn(rawValue: key), case .code? = c.spec.storage else { return value }
        return normalise(value, c.spec.normalisation)
    }
}
