import Foundation
import QualityData
import Testing
@testable import QualityReport

/// Axes readers trust (issue 17): rate axes within [0, 100 %], bounds on
/// round 1-2-5 ticks, every value inside; log ticks at 1-2-5 counts.
@Suite struct ChartAxesTests {
    @Test func ratesOfACityPageGetWholePointTicks() {
        let a = RateAxis(covering: [0.891, 0.904, 0.917, 0.929])
        #expect(a.tickValues.map(a.label) == ["89%", "90%", "91%", "92%", "93%"])
    }

    @Test func anAxisNearOneHundredPercentStopsThere() {
        let a = RateAxis(covering: [0.975, 0.99, 0.998, 1.0])
        #expect(a.high == 1000)
        #expect(["100%", "100.0%"].contains(a.tickValues.map(a.label).last ?? ""))
        let svg = Charts.trend([(2019, 0.99, 0.975, 0.998), (2020, 0.995, 0.985, 1.0)], target: nil, title: "t", desc: "d",
                               targetLabel: "target", axisTitle: "rate (%)")
        // No tick label above 100 %, none below 0 %.
        let labels = svg.matches(of: /class="tick"[^>]*>([0-9.]+)%</).map { Double($0.1)! }
        #expect(!labels.isEmpty && labels.allSatisfy { $0 >= 0 && $0 <= 100 })
        #expect(svg.contains("rate (%)"))
    }

    @Test func aNarrowRangeGetsDecimalTicksOnRoundSteps() {
        let a = RateAxis(covering: [0.9231, 0.9262])
        #expect(a.step == 1 || a.step == 2 || a.step == 5)
        #expect(a.tickValues.map(a.label).allSatisfy { $0.contains(".") })
    }

    /// Any data: bounds within [0, 1000] thousandths, multiples of a 1-2-5
    /// step, the data inside, at most six ticks.
    @Test func everyAxisCoversItsDataOnRoundTicks() {
        var random = SeededRandom(seed: 17)
        for _ in 0..<5_000 {
            let centre = random.unit(), spread = random.unit() * random.unit() * 0.3
            let values = (0..<Int(random.next() % 5 + 1)).map { _ in min(1, max(0, centre + (random.unit() - 0.5) * spread)) }
            let a = RateAxis(covering: values)
            #expect(a.low >= 0 && a.high <= 1000 && a.low < a.high)
            #expect(RateAxis.steps.contains(a.step) && a.low % a.step == 0 && a.high % a.step == 0)
            #expect(a.tickValues.count <= 6)
            #expect(values.allSatisfy { $0 >= a.lowRate - 1e-12 && $0 <= a.highRate + 1e-12 }, "\(values)")
        }
    }

    @Test func logTicksAreOneTwoFiveCounts() {
        #expect(LogTicks.ticks(low: 24, high: 1250) == [50, 100, 200, 500, 1000])
        #expect(LogTicks.ticks(low: 8, high: 250_000) == [10, 100, 1000, 10_000, 100_000])
        #expect(LogTicks.ticks(low: 3, high: 4) == [])
        // Issue 30: no value converts to Int out of range.
        #expect(LogTicks.ticks(low: 1, high: .infinity) == [])
        #expect(LogTicks.ticks(low: 1, high: 1e300) == [])
    }

    /// Issue 30: a value far outside [0, 1] (a statistic of 1e308 drawn on a
    /// rate axis) is clamped before it becomes an integer, never a trap.
    @Test func hugeValuesOnARateAxisAreClamped() {
        let axis = RateAxis(covering: [-1e308, 1e308, .infinity, .nan])
        #expect(axis.low == 0 && axis.high == 1000)
        let bands = TileBands([0.9, 0.95])
        #expect(bands.band(of: 1e308) == bands.count - 1 && bands.band(of: -1e308) == 0 && bands.band(of: .nan) == 0)
    }

    @Test func tileShadesStandForFixedBandsShownInTheLegend() {
        let bands = TileBands([0.903, 0.915, 0.947])
        #expect(bands.labels == ["90%–91%", "91%–92%", "92%–93%", "93%–94%", "94%–95%"])
        #expect(bands.shade(of: 0.903) == 4 && bands.shade(of: 0.947) == 0, "the weakest darkest (issue 33)")
        // The same rate gets the same shade whatever the other cities' rates.
        #expect(TileBands([0.915, 0.903]).band(of: 0.903) == 0)
        let svg = Charts.tiles([("A", 0.903, ""), ("B", nil, "")], columns: 2, title: "t", desc: "d", noData: "no data")
        #expect(svg.contains(">no data<") && svg.contains("tile s-1"))
    }

    /// Issue 33: progress past 100% and below 0 is drawn as it is (313% was
    /// drawn as 100%, −35% and "—" as an empty bar): the scale reaches both,
    /// a zero line and a 100% line mark them, no value says "—".
    @Test func progressBarsShowValuesAbove100AndBelow0() throws {
        let svg = Charts.progressBars([("a", 3.13, 1, "达成", true), ("b", -0.35, 1, "落后", false), ("c", nil, nil, "无数据", false)], title: "t", desc: "d")
        #expect(svg.contains("313% · 达成") && svg.contains("−35% · 落后") && svg.contains("— · 无数据"))
        #expect(svg.contains("class=\"axis-zero\"") && svg.contains("class=\"axis-full\"") && svg.contains("class=\"track none\""))
        let bars = svg.matches(of: /<rect class="bar[^"]*" x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)"/).map { (Double($0.output.1)!, Double($0.output.2)!) }
        #expect(bars.count == 2)
        // On one scale from −35% to 313% over 260 px: the 313% bar is 313/348 of it, the −35% bar 35/348, ending where the first starts.
        #expect(abs(bars[0].1 - 260 * 3.13 / 3.48) < 0.1 && abs(bars[1].1 - 260 * 0.35 / 3.48) < 0.1 && abs(bars[1].0 + bars[1].1 - bars[0].0) < 0.1)
    }

    /// Issue 33: every tile shade stands at least 3:1 against the white page
    /// (WCAG 2.1 relative luminance), darker for lower rates, and its label
    /// (#111, or white where the CSS says so) at least 4.5:1 on it.
    @Test func tileShadesPassContrastAndTheWeakestIsDarkest() throws {
        func linear(_ channel: Int) -> Double {
            let c = Double(channel) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        func luminance(_ hex: String) -> Double {
            let v = Int(hex.dropFirst(), radix: 16)!
            let r = linear(v >> 16), g = linear((v >> 8) & 255), b = linear(v & 255)
            return 0.2126 * r + 0.7152 * g + 0.0722 * b
        }
        func contrast(_ a: Double, _ b: Double) -> Double { (max(a, b) + 0.05) / (min(a, b) + 0.05) }
        let css = HTMLReport.css
        let shades = try (0...4).map { k -> Double in
            let m = try #require(css.firstMatch(of: try Regex("svg \\.tile\\.s\(k) \\{ fill: (#[0-9a-f]{6}); \\}")), "s\(k)")
            return luminance(String(m.output[1].substring!))
        }
        for (k, l) in shades.enumerated() {
            #expect(contrast(l, 1) >= 3, "s\(k) against white: \(contrast(l, 1))")
            let white = css.contains("svg .mark .tile.s\(k) ~ text")
            #expect(contrast(l, white ? 1 : luminance("#111111")) >= 4.5, "label on s\(k)")
        }
        #expect(zip(shades, shades.dropFirst()).allSatisfy { $0 > $1 }, "s0 lightest … s4 darkest")
    }

    /// Issue 17: a 98 % "missed" bar looked achieved, labels were clipped at
    /// the left ("培育" drawn as "音育"), negative progress had a hyphen.
    @Test func progressBarsShowMissedTargetsAsMissedAndWholeLabels() {
        let label = "培育广西名牌产品（累计）· 广西壮族自治区"
        let svg = Charts.progressBars([(label, 0.98, 1, "未达成", false), ("制造业产品监督抽查合格率 · 南宁市", -0.35, 1, "未达成", false),
                                       ("x", 1.0, 1, "已达成", true)], title: "t", desc: "d")
        #expect(svg.components(separatedBy: "class=\"bar behind\"").count == 3)
        #expect(svg.components(separatedBy: "class=\"bar\"").count == 2)
        #expect(svg.contains("−35% · 未达成") && !svg.contains("-35%"))
        // The label column fits the longest label (estimated at one em per CJK character).
        let anchor = svg.firstMatch(of: /<text class="label" x="([0-9.]+)"/).map { Double($0.1)! } ?? 0
        #expect(anchor - Charts.textWidth(label) >= 0)
    }

    /// Small multiples share one axis: every panel's ticks are the same round
    /// values within [0, 100 %], covering every panel's interval; each panel
    /// is a keyboard-reachable mark naming its unit's latest rate.
    @Test func smallMultiplesShareOneRoundAxis() {
        let a = [(year: 2019, rate: 0.95, low: 0.90, high: 0.98), (year: 2020, rate: 0.97, low: 0.93, high: 1.0)]
        let b = [(year: 2019, rate: 0.80, low: 0.62, high: 0.91), (year: 2020, rate: 0.85, low: 0.71, high: 0.93)]
        let svg = Charts.smallMultiples([(label: "甲市", points: a), (label: "乙市", points: b), (label: "丙市", points: [a[0]])],
                                        reference: [(2019, 0.9), (2020, 0.91)], referenceLabel: "全省", columns: 1,
                                        title: "t", desc: "d", axisTitle: "合格率（%）")
        let labels = svg.matches(of: /class="tick"[^>]*text-anchor="end">([0-9.]+)%</).map { Double($0.1)! }
        // Two rows of panels (the one-year unit is left out), each row labelled with the same ticks.
        #expect(labels.count % 2 == 0 && Array(labels.prefix(labels.count / 2)) == Array(labels.suffix(labels.count / 2)))
        #expect(labels.min()! <= 62 && labels.max()! == 100 && labels.allSatisfy { $0 >= 0 && $0 <= 100 })
        #expect(svg.matches(of: /<g class="mark" tabindex="0"><title>/).count == 2)
        #expect(svg.contains("<title>甲市 2020 97.0% (93.0%–100.0%)</title>") && !svg.contains("丙市"))
    }
}
