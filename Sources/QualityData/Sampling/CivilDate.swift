import Glibc

/// Dates as integer days since 1970-01-01 (proleptic Gregorian), the storage
/// type of every date column.
///
/// Uses Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms,
/// exact for all years, with no calendar objects or time zones involved.
public enum CivilDate {
    /// Days since 1970-01-01 for a valid year, month (1–12) and day.
    public static func days(year: Int, month: Int, day: Int) -> Int32 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(era * 146_097 + doe - 719_468)
    }

    /// Year, month and day of a day number.
    public static func civil(_ days: Int32) -> (year: Int, month: Int, day: Int) {
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Today in the machine's time zone (a bureau in China is 8 hours ahead
    /// of UTC) as days since 1970-01-01: what `future_date` compares with
    /// unless `--as-of` gives another day.
    public static var today: Int32 {
        var now = time(nil)
        var t = tm()
        guard localtime_r(&now, &t) != nil else { return Int32(now / 86_400) }
        return days(year: Int(t.tm_year) + 1900, month: Int(t.tm_mon) + 1, day: Int(t.tm_mday))
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO text `YYYY-MM-DD`.
    /// Days since 1970-01-01 of an ISO `YYYY-MM-DD` (a real calendar day), nil for anything else.
    public static func days(iso b: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r { guard b[i] &- 48 < 10 else { return nil }; n = n * 10 + Int(b[i] - 48) }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), (1...12).contains(m), d >= 1, d <= daysInMonth(year: y, month: m) else { return nil }
        return days(year: y, month: m, day: d)
    }

    public static func iso(_ days: Int32) -> String {
        let (y, m, d) = civil(days)
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }
}
