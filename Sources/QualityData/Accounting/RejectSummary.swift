/// What went wrong while loading, and how to fix it: the rejected rows
/// grouped by reason and column (and value, for values not recognised),
/// the largest groups first, each with its fix in the run's language — what
/// the terminal prints after loading, also with `--quiet`.
public enum RejectSummary {
    /// The share of rejected rows above which a run that still writes its
    /// report exits with ``exitCode`` (`--max-reject-share`, default 1%).
    public static let defaultMaxShare = 0.01
    /// The exit status of a run that rejected more than its share (README: exit codes).
    public static let exitCode: Int32 = 3

    /// One group of rejected rows.
    public struct Group: Sendable, Equatable {
        public let reason: RejectReason
        public let column: String
        /// The value, for values and region names not recognised (each its own fix); else "".
        public let value: String
        public let rows: Int
    }

    /// Reasons whose rows are grouped by value too (each value has its own fix).
    static let byValue: Set<RejectReason> = [.unknownValue, .unresolvedRegionName, .ambiguousRegionName, .unknownRegionCode]

    /// Rows that count against the share: every reject but a repeated header line (harmless, skipped).
    public static func counted(_ byReason: [RejectReason: Int]) -> Int {
        byReason.filter { $0.key != .repeatedHeader }.values.reduce(0, +)
    }

    /// The groups, largest first (ties by reason, column, value).
    public static func groups(_ rejects: [RejectedRow]) -> [Group] {
        var counts: [String: (RejectReason, String, String, Int)] = [:]
        for r in rejects {
            let value = Self.byValue.contains(r.reason) ? r.value : ""
            let key = "\(r.reason.rawValue)\u{1F}\(r.column)\u{1F}\(value)"
            counts[key, default: (r.reason, r.column, value, 0)].3 += 1
        }
        return counts.values.map { Group(reason: $0.0, column: $0.1, value: $0.2, rows: $0.3) }
            .sorted { ($1.rows, $0.reason.rawValue, $0.column, $0.value) < ($0.rows, $1.reason.rawValue, $1.column, $1.value) }
    }

    /// The terminal's lines: a headline with the share, then the largest
    /// groups with their fixes (`limit` of them, and how many more).
    public static func lines(_ rejects: [RejectedRow], rowsRead: Int, limit: Int = 6) -> Bilingual {
        let all = groups(rejects)
        let rejected = rejects.count
        let headers = rejects.filter { $0.reason == .repeatedHeader }.count
        // The share counted against --max-reject-share: a repeated header line is not.
        let pct = Self.percent(rowsRead > 0 ? Double(rejected - headers) / Double(rowsRead) : 0)
        let zhShare = headers > 0 ? "不计重复表头，占读取行数的 \(pct)" : "占读取行数的 \(pct)"
        let enShare = headers > 0 ? "\(pct) of the rows read, repeated headers aside" : "\(pct) of the rows read"
        var zh = ["拒收 \(rejected) 行（\(zhShare)）。最多的原因与改法："]
        var en = ["\(rejected) rows rejected (\(enShare)). The main reasons, and the fix for each:"]
        for g in all.prefix(limit) {
            let label = columnLabel(g.column)
            let what = g.value.isEmpty ? "" : " “\(Escaped.text(g.value))”"
            let whole = g.column.isEmpty
            zh.append("  \(whole ? "整行" : label.zh + " 列")\(what) ×\(g.rows) \(IngestMessages.reason(g.reason).zh) → \(fix(g).zh)")
            en.append("  \(whole ? "whole row" : label.en + " column")\(what) ×\(g.rows) \(IngestMessages.reason(g.reason).en) → \(fix(g).en)")
        }
        if all.count > limit {
            let more = all.dropFirst(limit).map(\.rows).reduce(0, +)
            zh.append("  另有 \(all.count - limit) 类共 \(more) 行；每一行见 rejects.csv")
            en.append("  and \(all.count - limit) more kinds, \(more) rows; every row is in rejects.csv")
        }
        return Bilingual(zh.joined(separator: "\n"), en.joined(separator: "\n"))
    }

    /// The warning of a run over its share: it wrote its report, and exits with ``exitCode``.
    public static func overShare(rejected: Int, rowsRead: Int, maxShare: Double) -> Bilingual {
        let pct = percent(rowsRead > 0 ? Double(rejected) / Double(rowsRead) : 0), max = percent(maxShare)
        return Bilingual("警告：拒收 \(rejected) 行，占 \(pct)，超过 --max-reject-share \(max)：报告已写出，但数字可能缺了这些行；退出码 \(exitCode)",
                         "warning: \(rejected) rows rejected, \(pct), more than --max-reject-share \(max): the report was written, but its numbers may lack these rows; exit status \(exitCode)")
    }

    static func percent(_ x: Double) -> String {
        let p = x * 100
        if p > 0 && p < 0.1 { return "<0.1%" }
        var s = String(Int((p * 10).rounded()))
        s.insert(".", at: s.index(s.endIndex, offsetBy: -1))
        if s.hasPrefix(".") { s = "0" + s }
        return s + "%"
    }

    static func columnLabel(_ column: String) -> Bilingual {
        if let c = SamplingColumn(rawValue: column) { return c.spec.label }
        return Bilingual(column, column)
    }

    /// How to fix the rows of one group.
    public static func fix(_ g: Group) -> Bilingual {
        let c = g.column
        switch g.reason {
        case .unknownValue:
            return Bilingual("在映射文件的 values.\(c) 中写明它的含义，见 docs/mapping.md（qindex mapping 文件 可生成草稿）",
                             "say what it means under values.\(c) in a mapping file, docs/mapping.md (`qindex mapping FILE` drafts one)")
        case .missingValue:
            return Bilingual("该列必填：补上，或在映射文件 defaults.\(c) 中给出默认值", "required: fill it in, or give defaults.\(c) in a mapping file")
        case .invalidDate:
            return Bilingual("日期写法不认识：改为 2019-03-05、2019/3/5、2019年3月5日 或 Excel 序号；日/月在前用映射文件 date_format",
                             "write dates as 2019-03-05, 2019/3/5, 2019年3月5日 or an Excel serial; day or month first: date_format in a mapping file")
        case .ambiguousDate: return Bilingual("在映射文件中设置 date_format（如 DMY 或 MDY）", "set date_format in a mapping file (DMY or MDY)")
        case .dateOutOfRange: return Bilingual("核对日期（应在 1900–2100 年之间）", "check the dates (1900–2100)")
        case .futureDate:
            return Bilingual("核对是否录错；数据确实晚于今天时，用 --as-of 指定统计日期", "check for typing errors; for data truly after today, give the day with --as-of")
        case .unknownRegionCode:
            return Bilingual("代码不在区划表中：用 --regions 补充新代码（docs/inputs.md §5）", "not in the region table: add new codes with --regions (docs/inputs.md §5)")
        case .unresolvedRegionName:
            return Bilingual("名称不在区划表中（或不在所给的上级地区内）：用 --regions 补充名称或别名，或改用区划代码",
                             "no such name in the region table (or not within the wider region given): add it or an alias with --regions, or give codes")
        case .ambiguousRegionName:
            return Bilingual("多个地区同名：加上所在地市一列（映射为 city_name），或改用区划代码；候选见 rejects.csv 的 detail",
                             "several divisions have this name: add the city column (map it to city_name), or give codes; the candidates are in rejects.csv's detail")
        case .conflictingResult: return Bilingual("同一批次各行的检验结论不一致：核对原始记录", "the rows of one batch disagree on the result: check the records")
        case .retestWithoutFailure: return Bilingual("复检结论只能跟在不合格之后：核对检验结论与复检结论两列", "a re-test follows a failing result: check the result and re-test columns")
        case .textAfterQuote, .unterminatedQuote, .extraFields:
            return Bilingual("CSV 格式有误：检查引号与分隔符（另存为 CSV 时选“CSV UTF-8”）", "malformed CSV: check quotes and separators")
        case .invalidEncoding:
            return Bilingual("该行有损坏的字节：核对原始文件；整个文件乱码时用 --encoding", "damaged bytes in the row: check the source file; a whole file garbled: --encoding")
        case .invalidNumber: return Bilingual("应为不小于 0 的整数", "whole numbers ≥ 0 expected")
        case .rectifiedExceedsFound: return Bilingual("核对两列：已整改数不能大于发现数", "check both columns: rectified cannot exceed found")
        case .valueOutOfRange: return Bilingual("核对是否录错（多打了几位数，或把编号填进了计数列）", "check for typing errors (extra digits, or an id in a count column)")
        case .duplicateId: return Bilingual("同一编号内容不同：核对重复记录", "one id with different contents: check the repeated records")
        case .repeatedHeader: return Bilingual("无需处理：已跳过", "nothing to do: skipped")
        }
    }
}

/// Text from a file shown on the terminal: control characters escaped
/// (`\u{1B}`), so a value cannot move the cursor, clear the screen or hide what follows.
public enum Escaped {
    /// Lines of text for the terminal: every control character escaped but
    /// the line break and the tab that lay the text out.
    public static func lines(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { isControl($0) && $0 != "\n" && $0 != "\t" }) else { return s }
        return s.components(separatedBy: "\n").map { $0.components(separatedBy: "\t").map(text).joined(separator: "\t") }.joined(separator: "\n")
    }

    static func isControl(_ u: Unicode.Scalar) -> Bool { u.value < 0x20 || u.value == 0x7F || (u.value >= 0x80 && u.value < 0xA0) }

    public static func text(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u.value < 0x20 || u.value == 0x7F || (u.value >= 0x80 && u.value < 0xA0) {
                out += "\\u{\(String(u.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
