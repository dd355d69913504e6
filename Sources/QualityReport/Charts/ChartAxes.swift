import Foundation

/// Axes readers trust: a rate axis never leaves [0 %, 100 %], its ticks sit
/// on round 1-2-5 steps, and its bounds are ticks (so no gridline floats
/// between labels and the data always lie inside).
///
/// Decided in integers: a rate is placed in thousandths (0.1 percentage
/// point), so a step of 0.1, 0.2, 0.5, 1, 2, 5, 10, 20 or 50 points is an
/// integer and a tick is an integer multiple of it — no tick is 89.1 %
/// because of a floating-point padding.
struct RateAxis: Equatable {
    /// Steps in thousandths: 0.1 to 50 percentage points.
    static let steps = [1, 2, 5, 10, 20, 50, 100, 200, 500]
    /// Lower and upper bound and step, in thousandths.
    let low: Int, high: Int, step: Int

    /// The smallest round step that covers `values` (rates in [0, 1]) in at most
    /// `maxTicks` ticks; bounds are multiples of the step within [0, 1000].
    init(covering values: [Double], maxTicks: Int = 6) {
        let finite = values.filter(\.isFinite)
        // Floor and ceiling in thousandths, clamped to [0, 1000]; a flat series gets a band of 1 point.
        // Clamped before the conversion, so a value far outside [0, 1] cannot trap.
        var lo = Int(max(0, min(1000, (1000 * (finite.min() ?? 0)).rounded(.down))))
        var hi = Int(max(0, min(1000, (1000 * (finite.max() ?? 1)).rounded(.up))))
        if hi - lo < 10 { lo = max(0, min(990, (lo + hi) / 2 - 5)); hi = lo + 10 }
        let step = Self.steps.first { s in (hi + s - 1) / s - lo / s <= maxTicks - 1 } ?? 500
        low = lo / step * step
        high = min(1000, (hi + step - 1) / step * step)
        self.step = step
    }

    /// The ticks, in thousandths, from `low` to `high`.
    var tickValues: [Int] { Array(stride(from: low, through: high, by: step)) }
    /// The ticks as rates in [0, 1].
    var ticks: [Double] { tickValues.map { Double($0) / 1000 } }
    var lowRate: Double { Double(low) / 1000 }
    var highRate: Double { Double(high) / 1000 }

    /// A tick's label: as many decimals as the step needs ("92%", "92.5%").
    func label(_ thousandths: Int) -> String {
        step % 10 == 0 ? "\(thousandths / 10)%" : "\(thousandths / 10).\(thousandths % 10)%"
    }
}

/// Ticks on a log scale of counts: 1-2-5 values (10, 20, 50, 100 …) within
/// [low, high], thinned to 1-and-5 or 1 per decade when there are too many.
enum LogTicks {
    static func ticks(low: Double, high: Double, maxTicks: Int = 7) -> [Int] {
        guard low > 0, high >= low, high < 1e18 else { return [] }
        for mantissas in [[1, 2, 5], [1, 5], [1]] {
            var out: [Int] = []
            var decade = 1
            while decade <= Int(high.rounded(.up)) {
                for m in mantissas where Double(m * decade) >= low && Double(m * decade) <= high { out.append(m * decade) }
                if decade > Int.max / 10 { break }
                decade *= 10
            }
            if out.count <= maxTicks { return out }
        }
        return []
    }
}

extension RateAxis {
    /// The vertical position of a rate between `top` (the axis's high) and
    /// `bottom` (its low); a value beyond the axis (a control limit) stops at its edge.
    func position(top: Double, bottom: Double) -> @Sendable (Double) -> Double {
        let lo = lowRate, hi = highRate
        return { v in top + (hi - min(max(v, lo), hi)) / (hi - lo) * (bottom - top) }
    }
}

/// The tile grid's colour key: the rate axis's round intervals (at most
/// five), each a shade `s0` (lowest) … `s4` (highest); a rate falls in the
/// band whose lower bound it reaches (the last band includes its top).
struct TileBands {
    let axis: RateAxis
    init(_ values: [Double]) { axis = RateAxis(covering: values, maxTicks: 6) }
    var count: Int { max(1, (axis.high - axis.low) / axis.step) }
    /// The band of a rate, decided on thousandths (an integer).
    func band(of rate: Double) -> Int {
        guard rate.isFinite else { return 0 }
        let t = Int(max(-1, min(1001, (rate * 1000).rounded(.down))))
        return min(count - 1, max(0, (t - axis.low) / axis.step))
    }
    /// The CSS shade of band `k`: spread over s0 … s4 whatever the band count,
    /// the lowest band the darkest (s4): the weakest places stand out most.
    func shadeIndex(_ k: Int) -> Int { count == 1 ? 2 : 4 - k * 4 / (count - 1) }
    func shade(of rate: Double) -> Int { shadeIndex(band(of: rate)) }
    /// Each band as "90%–92%".
    var labels: [String] {
        (0..<count).map { k in "\(axis.label(axis.low + k * axis.step))–\(axis.label(axis.low + (k + 1) * axis.step))" }
    }
}
