import Foundation
import QualityData

/// Small SVG charts drawn by hand: no library, no script, no font files.
/// Every chart carries `role="img"`, a `<title>` and a `<desc>`; meaning is
/// never in colour alone (marks, labels and words carry it too). Coordinates
/// are printed with one decimal so the same data give the same bytes.
public enum Charts {
    static func f(_ v: Double) -> String { NumberText.fixed(v, 1) }
    static func e(_ s: String) -> String { HTMLText.escape(s) }

    /// Inline SVG needs no namespace attribute inside HTML (and the page names no URL at all).
    static func open(_ w: Int, _ h: Int, title: String, desc: String, cls: String = "chart") -> String {
        "<svg class=\"\(cls)\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\">"
            + "<title>\(e(title))</title><desc>\(e(desc))</desc>"
    }

    /// A sparkline of a rate by year (for KPI cards): the line and the last point.
    public static func sparkline(_ values: [(Int, Double)], title: String) -> String {
        guard values.count >= 2 else { return "" }
        let w = 120, h = 32
        let lo = values.map(\.1).min()!, hi = values.map(\.1).max()!
        let span = hi > lo ? hi - lo : 1
        let pts = values.enumerated().map { i, v in
            (Double(i) / Double(values.count - 1) * Double(w - 6) + 3, Double(h - 4) - (v.1 - lo) / span * Double(h - 8))
        }
        let desc = values.map { "\($0.0): \(NumberText.percent($0.1))" }.joined(separator: ", ")
        return open(w, h, title: title, desc: desc, cls: "spark")
            + "<polyline class=\"line\" points=\"\(pts.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\"/>"
            + "<circle class=\"dot\" cx=\"\(f(pts.last!.0))\" cy=\"\(f(pts.last!.1))\" r=\"2.5\"/></svg>"
    }

    /// Pass rate by year with its interval band and an optional target line.
    public static func trend(_ points: [(year: Int, rate: Double, low: Double, high: Double)], target: Double?, title: String, desc: String,
                             targetLabel: String, axisTitle: String) -> String {
        guard points.count >= 2 else { return "" }
        let w = 640, h = 240, left = 64.0, right = 16.0, top = 14.0, bottom = 28.0
        let axis = RateAxis(covering: points.map(\.low) + points.map(\.high) + (target.map { [$0] } ?? []))
        let x = { (i: Int) in left + Double(i) / Double(points.count - 1) * (Double(w) - left - right) }
        let y = axis.position(top: top, bottom: Double(h) - bottom)
        var s = open(w, h, title: title, desc: desc)
        s += axes(axis, y: y, left: left, right: Double(w) - right, title: axisTitle)
        let band = points.indices.map { "\(f(x($0))),\(f(y(points[$0].high)))" } + points.indices.reversed().map { "\(f(x($0))),\(f(y(points[$0].low)))" }
        s += "<polygon class=\"band\" points=\"\(band.joined(separator: " "))\"/>"
        s += "<polyline class=\"line\" points=\"\(points.indices.map { "\(f(x($0))),\(f(y(points[$0].rate)))" }.joined(separator: " "))\"/>"
        for (i, p) in points.enumerated() {
            s += "<circle class=\"dot\" cx=\"\(f(x(i)))\" cy=\"\(f(y(p.rate)))\" r=\"3\"/>"
            s += "<text class=\"tick\" x=\"\(f(x(i)))\" y=\"\(h - 8)\" text-anchor=\"middle\">\(p.year)</text>"
        }
        if let t = target { s += referenceLine(y: t, y, left: left, right: Double(w) - right, label: targetLabel) }
        return s + "</svg>"
    }

    /// The way to a target: a rate by year with its 95% interval (whiskers),
    /// the target line, the baseline (an open circle), the straight path
    /// from the baseline to the target (dashed) and the milestones
    /// (diamonds), over the years from the earliest of them to the latest.
    /// Labels name the baseline and the target in the chart, not in a key.
    public static func targetPath(_ points: [(year: Int, value: Double, low: Double?, high: Double?)], baseline: (year: Int, value: Double)?,
                                  target: (year: Int?, value: Double), milestones: [(year: Int, value: Double)],
                                  title: String, desc: String, targetLabel: String, baselineLabel: String, axisTitle: String) -> String {
        let years = points.map(\.year) + [baseline?.year, target.year].compactMap { $0 } + milestones.map(\.year)
        guard let first = years.min(), let last = years.max(), last > first, !points.isEmpty else { return "" }
        let w = 640, h = 260, left = 64.0, right = 24.0, top = 16.0, bottom = 28.0
        let values = points.flatMap { [$0.value, $0.low ?? $0.value, $0.high ?? $0.value] } + [target.value] + (baseline.map { [$0.value] } ?? [])
            + milestones.map(\.value)
        let axis = RateAxis(covering: values)
        let x = { (year: Int) in left + Double(year - first) / Double(last - first) * (Double(w) - left - right) }
        let y = axis.position(top: top, bottom: Double(h) - bottom)
        var s = open(w, h, title: title, desc: desc)
        s += axes(axis, y: y, left: left, right: Double(w) - right, title: axisTitle)
        let every = last - first > 12 ? 2 : 1
        for year in stride(from: first, through: last, by: every) {
            s += "<text class=\"tick\" x=\"\(f(x(year)))\" y=\"\(h - 8)\" text-anchor=\"middle\">\(year)</text>"
        }
        s += referenceLine(y: target.value, y, left: left, right: Double(w) - right, label: targetLabel)
        if let b = baseline, let ty = target.year {
            s += "<line class=\"path\" x1=\"\(f(x(b.year)))\" y1=\"\(f(y(b.value)))\" x2=\"\(f(x(ty)))\" y2=\"\(f(y(target.value)))\"/>"
        }
        for p in points { if let lo = p.low, let hi = p.high {
            s += "<line class=\"whisker\" x1=\"\(f(x(p.year)))\" x2=\"\(f(x(p.year)))\" y1=\"\(f(y(lo)))\" y2=\"\(f(y(hi)))\"/>"
        } }
        if points.count >= 2 {
            s += "<polyline class=\"line\" points=\"\(points.map { "\(f(x($0.year))),\(f(y($0.value)))" }.joined(separator: " "))\"/>"
        }
        for p in points { s += "<circle class=\"dot\" cx=\"\(f(x(p.year)))\" cy=\"\(f(y(p.value)))\" r=\"3.5\"/>" }
        for m in milestones {
            let cx = x(m.year), cy = y(m.value)
            s += "<path class=\"milestone\" d=\"M\(f(cx)) \(f(cy - 6))L\(f(cx + 6)) \(f(cy))L\(f(cx)) \(f(cy + 6))L\(f(cx - 6)) \(f(cy))Z\"/>"
        }
        if let b = baseline {
            s += "<circle class=\"baseline\" cx=\"\(f(x(b.year)))\" cy=\"\(f(y(b.value)))\" r=\"5\"/>"
            s += "<text class=\"ref-label\" x=\"\(f(x(b.year) + 8))\" y=\"\(f(y(b.value) + 16))\">\(e(baselineLabel)) \(NumberText.percent(b.value, digits: 1))</text>"
        }
        return s + "</svg>"
    }

    /// Small multiples: one panel per unit (a city), its rate by year with the
    /// 95% interval band, on one shared rate axis and one span of years, the
    /// parent's rate drawn dashed in every panel for comparison. Each panel is
    /// a mark (tooltip by hover or Tab) naming the unit's latest rate.
    public static func smallMultiples(_ panels: [(label: String, points: [(year: Int, rate: Double, low: Double, high: Double)])],
                                      reference: [(year: Int, rate: Double)], referenceLabel: String, columns: Int,
                                      title: String, desc: String, axisTitle: String) -> String {
        let shown = panels.filter { $0.points.count >= 2 }
        let years = shown.flatMap { $0.points.map(\.year) } + reference.map(\.year)
        guard shown.count >= 2, let y0 = years.min(), let y1 = years.max(), y1 > y0 else { return "" }
        let axis = RateAxis(covering: shown.flatMap { $0.points.flatMap { [$0.low, $0.high] } } + reference.map(\.rate), maxTicks: 4)
        let pw = 196.0, ph = 118.0, gap = 8.0, left = 52.0, top = 18.0, bottom = 16.0
        let rows = (shown.count + columns - 1) / columns
        let w = left + Double(columns) * (pw + gap), h = Double(rows) * (ph + gap) + 20
        var s = open(Int(w), Int(h), title: title, desc: desc)
        // The axis title once, along the left edge.
        s += "<text class=\"axis-title\" x=\"12\" y=\"\(f(h / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 12 \(f(h / 2)))\">\(e(axisTitle))</text>"
        for (k, p) in shown.enumerated() {
            let ox = left + Double(k % columns) * (pw + gap), oy = Double(k / columns) * (ph + gap)
            let x = { (year: Int) in ox + 4 + Double(year - y0) / Double(y1 - y0) * (pw - 12) }
            let y = axis.position(top: oy + top, bottom: oy + ph - bottom)
            let last = p.points.last!
            let tip = "\(p.label) \(last.year) \(NumberText.percent(last.rate, digits: 1)) (\(NumberText.percent(last.low, digits: 1))–\(NumberText.percent(last.high, digits: 1)))"
            s += "<g class=\"mark\" tabindex=\"0\"><title>\(e(tip))</title>"
            s += "<rect class=\"track\" x=\"\(f(ox))\" y=\"\(f(oy + top))\" width=\"\(f(pw - 4))\" height=\"\(f(ph - top - bottom))\" fill-opacity=\"0.4\"/>"
            for t in axis.tickValues {
                let v = Double(t) / 1000
                s += "<line class=\"grid\" x1=\"\(f(ox))\" x2=\"\(f(ox + pw - 4))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\"/>"
                if k % columns == 0 { s += "<text class=\"tick\" x=\"\(f(ox - 4))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(axis.label(t))</text>" }
            }
            let band = p.points.map { "\(f(x($0.year))),\(f(y($0.high)))" } + p.points.reversed().map { "\(f(x($0.year))),\(f(y($0.low)))" }
            s += "<polygon class=\"band\" points=\"\(band.joined(separator: " "))\"/>"
            if reference.count >= 2 {
                s += "<polyline class=\"target\" fill=\"none\" points=\"\(reference.map { "\(f(x($0.year))),\(f(y($0.rate)))" }.joined(separator: " "))\"/>"
            }
            s += "<polyline class=\"line\" points=\"\(p.points.map { "\(f(x($0.year))),\(f(y($0.rate)))" }.joined(separator: " "))\"/>"
            s += "<circle class=\"dot\" cx=\"\(f(x(last.year)))\" cy=\"\(f(y(last.rate)))\" r=\"2.5\"/>"
            s += "<text x=\"\(f(ox + 2))\" y=\"\(f(oy + 13))\">\(e(p.label)) <tspan class=\"tick\">\(NumberText.percent(last.rate, digits: 1))</tspan></text>"
            s += "<text class=\"tick\" x=\"\(f(x(y0)))\" y=\"\(f(oy + ph - 3))\">\(y0)</text>"
            s += "<text class=\"tick\" x=\"\(f(x(y1)))\" y=\"\(f(oy + ph - 3))\" text-anchor=\"end\">\(y1)</text></g>"
        }
        // The key: what the dashed line is.
        s += "<line class=\"target\" x1=\"\(f(left))\" x2=\"\(f(left + 24))\" y1=\"\(f(h - 8))\" y2=\"\(f(h - 8))\"/>"
        s += "<text class=\"tick\" x=\"\(f(left + 30))\" y=\"\(f(h - 4))\">\(e(referenceLabel))</text>"
        return s + "</svg>"
    }

    /// Gridlines and labels at the axis's ticks, and the axis's title (its unit) turned along it.
    static func axes(_ axis: RateAxis, y: (Double) -> Double, left: Double, right: Double, title: String) -> String {
        var s = ""
        for t in axis.tickValues {
            let v = Double(t) / 1000
            s += "<line class=\"grid\" x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\"/>"
            s += "<text class=\"tick\" x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(axis.label(t))</text>"
        }
        let middle = (y(axis.lowRate) + y(axis.highRate)) / 2
        s += "<text class=\"axis-title\" x=\"12\" y=\"\(f(middle))\" text-anchor=\"middle\" transform=\"rotate(-90 12 \(f(middle)))\">\(e(title))</text>"
        return s
    }

    /// A labelled reference line across the plot (target, parent, centre line).
    static func referenceLine(y value: Double, _ y: (Double) -> Double, left: Double, right: Double, label: String) -> String {
        "<line class=\"target\" x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(y(value)))\" y2=\"\(f(y(value)))\"/>"
            + "<text class=\"ref-label\" x=\"\(f(right - 2))\" y=\"\(f(y(value) - 4))\" text-anchor=\"end\">\(e(label)) \(NumberText.percent(value, digits: 1))</text>"
    }

    /// Units ranked by rate, each with its interval and a mark for being
    /// beyond the funnel limits (▲/▼ beside the name, not colour alone).
    public static func rankedBars(_ rows: [(label: String, rate: Double, low: Double, high: Double, mark: String)], reference: Double?,
                                  referenceLabel: String, title: String, desc: String, axisTitle: String) -> String {
        guard !rows.isEmpty else { return "" }
        let rowH = 22.0, left = 150.0, right = 70.0, w = 640.0, top = 20.0
        let plotBottom = top + Double(rows.count) * rowH
        let h = plotBottom + 40
        let axis = RateAxis(covering: rows.map(\.low) + rows.map(\.high) + (reference.map { [$0] } ?? []))
        let x = { (v: Double) in left + (v - axis.lowRate) / (axis.highRate - axis.lowRate) * (w - left - right) }
        var s = open(Int(w), Int(h), title: title, desc: desc)
        for t in axis.tickValues {
            let v = Double(t) / 1000
            s += "<line class=\"grid\" x1=\"\(f(x(v)))\" x2=\"\(f(x(v)))\" y1=\"\(f(top - 6))\" y2=\"\(f(plotBottom))\"/>"
            s += "<text class=\"tick\" x=\"\(f(x(v)))\" y=\"\(f(plotBottom + 14))\" text-anchor=\"middle\">\(axis.label(t))</text>"
        }
        s += "<text class=\"axis-title\" x=\"\(f((left + w - right) / 2))\" y=\"\(f(h - 6))\" text-anchor=\"middle\">\(e(axisTitle))</text>"
        if let ref = reference {
            s += "<line class=\"target\" x1=\"\(f(x(ref)))\" x2=\"\(f(x(ref)))\" y1=\"\(f(top - 6))\" y2=\"\(f(plotBottom))\"/>"
            s += "<text class=\"ref-label\" x=\"\(f(x(ref)))\" y=\"\(f(top - 9))\" text-anchor=\"middle\">\(e(referenceLabel)) \(NumberText.percent(ref, digits: 1))</text>"
        }
        for (i, r) in rows.enumerated() {
            let cy = top + rowH / 2 + Double(i) * rowH
            let text = "\(r.label) \(NumberText.percent(r.rate, digits: 1)) (\(NumberText.percent(r.low, digits: 1))–\(NumberText.percent(r.high, digits: 1)))\(r.mark.isEmpty ? "" : " " + r.mark)"
            s += "<g class=\"mark\" tabindex=\"0\"><title>\(e(text))</title>"
            s += "<text class=\"label\" x=\"\(f(left - 8))\" y=\"\(f(cy + 4))\" text-anchor=\"end\">\(e(r.mark.isEmpty ? r.label : r.label + " " + r.mark))</text>"
            s += "<line class=\"ci\" x1=\"\(f(x(r.low)))\" x2=\"\(f(x(r.high)))\" y1=\"\(f(cy))\" y2=\"\(f(cy))\"/>"
            s += "<rect class=\"bar\(r.mark.isEmpty ? "" : " flagged")\" x=\"\(f(x(r.rate) - 4))\" y=\"\(f(cy - 4))\" width=\"8\" height=\"8\"/>"
            s += "<text class=\"tick\" x=\"\(f(w - right + 6))\" y=\"\(f(cy + 4))\">\(NumberText.percent(r.rate, digits: 1))</text></g>"
        }
        return s + "</svg>"
    }

    /// A funnel plot: rate against batches tested, the target line, and the
    /// 95% and 99.8% limits drawn from `limits(n)` on a log scale of n.
    public static func funnel(_ units: [(label: String, n: Double, rate: Double, flagged: Bool)], target: Double,
                              limits: (Double) -> (low95: Double, high95: Double, low998: Double, high998: Double),
                              title: String, desc: String, xLabel: String, axisTitle: String, targetLabel: String) -> String {
        let usable = units.filter { $0.n > 0 }
        guard usable.count >= 2 else { return "" }
        let w = 640.0, h = 300.0, left = 64.0, right = 16.0, top = 12.0, bottom = 40.0
        let nMin = max(1, usable.map(\.n).min()! * 0.8), nMax = usable.map(\.n).max()! * 1.25
        let grid = (0...60).map { exp(log(nMin) + (log(nMax) - log(nMin)) * Double($0) / 60) }
        let lim = grid.map(limits)
        // The axis covers the units and the target; limits beyond it are cut at its edge.
        let smallest = limits(usable.map(\.n).min()!)
        let axis = RateAxis(covering: usable.map(\.rate) + [target, smallest.low998, smallest.high998])
        let x = { (n: Double) in left + (log(n) - log(nMin)) / (log(nMax) - log(nMin)) * (w - left - right) }
        let y = axis.position(top: top, bottom: h - bottom)
        var s = open(Int(w), Int(h), title: title, desc: desc)
        s += axes(axis, y: y, left: left, right: w - right, title: axisTitle)
        func path(_ values: [Double], _ cls: String) -> String {
            "<polyline class=\"\(cls)\" points=\"\(zip(grid, values).map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " "))\"/>"
        }
        s += path(lim.map(\.low998), "limit998") + path(lim.map(\.high998), "limit998") + path(lim.map(\.low95), "limit95") + path(lim.map(\.high95), "limit95")
        s += referenceLine(y: target, y, left: left, right: w - right, label: targetLabel)
        for u in usable {
            s += "<g class=\"mark\" tabindex=\"0\"><title>\(e("\(u.label) \(NumberText.percent(u.rate, digits: 1)) · \(Int(u.n.rounded()))"))</title>"
            s += u.flagged
                ? "<path class=\"dot flagged\" d=\"M\(f(x(u.n) - 4)),\(f(y(u.rate) - 4))L\(f(x(u.n) + 4)),\(f(y(u.rate) + 4))M\(f(x(u.n) - 4)),\(f(y(u.rate) + 4))L\(f(x(u.n) + 4)),\(f(y(u.rate) - 4))\"/>"
                    + "<text class=\"label\" x=\"\(f(x(u.n) + 6))\" y=\"\(f(y(u.rate) + 4))\">\(e(u.label))</text>"
                : "<circle class=\"dot\" cx=\"\(f(x(u.n)))\" cy=\"\(f(y(u.rate)))\" r=\"3\"/>"
            s += "</g>"
        }
        for k in LogTicks.ticks(low: nMin, high: nMax) {
            s += "<line class=\"grid\" x1=\"\(f(x(Double(k))))\" x2=\"\(f(x(Double(k))))\" y1=\"\(f(h - bottom))\" y2=\"\(f(h - bottom + 4))\"/>"
            s += "<text class=\"tick\" x=\"\(f(x(Double(k))))\" y=\"\(f(h - 22))\" text-anchor=\"middle\">\(NumberText.count(k))</text>"
        }
        s += "<text class=\"tick\" x=\"\(f((left + w - right) / 2))\" y=\"\(f(h - 6))\" text-anchor=\"middle\">\(e(xLabel))</text>"
        return s + "</svg>"
    }

    /// A p-chart: the rate by period, the centre line and the varying 3σ limits; signals marked ✕.
    public static func pChart(_ points: [(label: String, rate: Double, centre: Double, lcl: Double, ucl: Double, signal: Bool)],
                              title: String, desc: String, axisTitle: String, centreLabel: String) -> String {
        guard points.count >= 2 else { return "" }
        let w = 640.0, h = 240.0, left = 64.0, right = 16.0, top = 12.0, bottom = 30.0
        let axis = RateAxis(covering: points.flatMap { [$0.rate, $0.lcl, $0.ucl] })
        let x = { (i: Int) in left + Double(i) / Double(points.count - 1) * (w - left - right) }
        let y = axis.position(top: top, bottom: h - bottom)
        var s = open(Int(w), Int(h), title: title, desc: desc)
        s += axes(axis, y: y, left: left, right: w - right, title: axisTitle)
        func step(_ v: (Int) -> Double, _ cls: String) -> String {
            "<polyline class=\"\(cls)\" points=\"\(points.indices.map { "\(f(x($0))),\(f(y(v($0))))" }.joined(separator: " "))\"/>"
        }
        s += step({ points[$0].ucl }, "limit998") + step({ points[$0].lcl }, "limit998") + step({ points[$0].centre }, "target")
        s += "<text class=\"ref-label\" x=\"\(f(w - right - 2))\" y=\"\(f(y(points.last!.centre) - 4))\" text-anchor=\"end\">\(e(centreLabel)) \(NumberText.percent(points.last!.centre, digits: 1))</text>"
        s += step({ points[$0].rate }, "line")
        for (i, p) in points.enumerated() {
            s += p.signal
                ? "<path class=\"dot flagged\" d=\"M\(f(x(i) - 4)),\(f(y(p.rate) - 4))L\(f(x(i) + 4)),\(f(y(p.rate) + 4))M\(f(x(i) - 4)),\(f(y(p.rate) + 4))L\(f(x(i) + 4)),\(f(y(p.rate) - 4))\"/>"
                : "<circle class=\"dot\" cx=\"\(f(x(i)))\" cy=\"\(f(y(p.rate)))\" r=\"2.5\"/>"
            if points.count <= 16 || i % max(1, points.count / 10) == 0 {
                s += "<text class=\"tick\" x=\"\(f(x(i)))\" y=\"\(f(h - 10))\" text-anchor=\"middle\">\(e(p.label))</text>"
            }
        }
        return s + "</svg>"
    }

    /// The width a label takes at `size` px, estimated (no font metrics in a
    /// static page): a CJK or full-width character one em, anything else 0.6 em.
    static func textWidth(_ s: String, size: Double = 11) -> Double {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? size : size * 0.6) }
    }

    /// Target progress bars: progress against the share of time elapsed (a
    /// tick), with the status in words. A bar is drawn as achieved (solid)
    /// only when `good`; otherwise hatched, so a 98 % bar that missed never
    /// looks like one that made it. The label column is as wide as the longest label.
    public static func progressBars(_ rows: [(label: String, progress: Double?, elapsed: Double?, status: String, good: Bool)],
                                    title: String, desc: String) -> String {
        guard !rows.isEmpty else { return "" }
        let rowH = 24.0, barW = 260.0
        let left = max(120, (rows.map { textWidth($0.label) }.max() ?? 0) + 16)
        let w = left + barW + 8 + (rows.map { textWidth((percentText($0.progress) ?? "") + " · " + $0.status) }.max() ?? 0) + 8
        let h = Double(rows.count) * rowH + 8
        var s = open(Int(w), Int(h), title: title, desc: desc)
        // The scale reaches below 0 and past 100% when a value does (to −100% and 400%;
        // a value beyond is drawn to the edge with an arrow), so 313% is not drawn as 100% nor −35% as 0.
        let ps = rows.compactMap(\.progress).filter(\.isFinite)
        let lo = max(-1, min(0, ps.min() ?? 0)), hi = min(4, max(1, ps.max() ?? 1))
        let x = { (v: Double) in left + barW * (min(hi, max(lo, v)) - lo) / (hi - lo) }
        let last = 14 + Double(rows.count - 1) * rowH
        if lo < 0 { s += "<line class=\"axis-zero\" x1=\"\(f(x(0)))\" x2=\"\(f(x(0)))\" y1=\"2\" y2=\"\(f(last + 10))\"/>" }
        if hi > 1 { s += "<line class=\"axis-full\" x1=\"\(f(x(1)))\" x2=\"\(f(x(1)))\" y1=\"2\" y2=\"\(f(last + 10))\"/>" }
        for (i, r) in rows.enumerated() {
            let cy = 14 + Double(i) * rowH
            s += "<text class=\"label\" x=\"\(f(left - 8))\" y=\"\(f(cy + 4))\" text-anchor=\"end\">\(e(r.label))</text>"
            s += "<rect class=\"track\(r.progress == nil ? " none" : "")\" x=\"\(f(left))\" y=\"\(f(cy - 6))\" width=\"\(f(barW))\" height=\"12\"/>"
            if let p = r.progress, p.isFinite {
                let a = x(min(0, p)), b = x(max(0, p))
                s += "<rect class=\"bar\(r.good ? "" : " behind")\" x=\"\(f(a))\" y=\"\(f(cy - 6))\" width=\"\(f(b - a))\" height=\"12\"/>"
                if p > hi || p < lo { s += "<text class=\"tick\" x=\"\(f(p > hi ? b - 10 : a + 2))\" y=\"\(f(cy + 4))\">\(p > hi ? "▶" : "◀")</text>" }
            }
            if let t = r.elapsed {
                s += "<line class=\"target\" x1=\"\(f(x(t)))\" x2=\"\(f(x(t)))\" y1=\"\(f(cy - 9))\" y2=\"\(f(cy + 9))\"/>"
            }
            s += "<text class=\"tick\" x=\"\(f(left + barW + 8))\" y=\"\(f(cy + 4))\">\(e((percentText(r.progress) ?? "—") + " · " + r.status))</text>"
        }
        return s + "</svg>"
    }

    /// Progress as a whole percent with a true minus sign (−35%), nil when there is none.
    static func percentText(_ p: Double?) -> String? {
        p.map { v in let t = NumberText.percent(abs(v), digits: 0); return v < 0 && t != "0%" ? "−" + t : t }
    }

    /// A tile grid of regions (one square each, no boundaries): value in the
    /// square's shade and written in it. Shades stand for fixed, round bands
    /// of the rate (1-2-5 steps, shown in the legend), not for a position
    /// between this page's lowest and highest value.
    /// A choropleth on the user's map: each region's outline shaded by the
    /// tile grid's fixed rate bands, a mark (hover or Tab) naming its rate and
    /// interval; outlines with no rate drawn as "no data"; the same key.
    static func choropleth(_ drawing: RegionMap.Drawing,
                           cells: [String: (label: String, value: Double?, text: String)], title: String, desc: String, noData: String) -> String {
        let bands = TileBands(cells.values.compactMap(\.value))
        let (bx, by, bw, bh) = drawing.viewBox
        // The map drawn 560 px wide, the key below it.
        let w = 560.0, scale = w / bw, mapH = bh * scale, h = mapH + 30
        var s = open(Int(w), Int(h.rounded(.up)), title: title, desc: desc)
        s += "<g transform=\"scale(\(NumberText.fixed(scale, 4))) translate(\(f(-bx)) \(f(-by)))\">"
        for shape in drawing.shapes {
            guard let c = cells[shape.code] else {
                s += "<path class=\"tile s-1\" fill-opacity=\"0.5\" vector-effect=\"non-scaling-stroke\" d=\"\(e(shape.path))\"/>"
                continue
            }
            let shade = c.value.map { bands.shade(of: $0) } ?? -1
            s += "<g class=\"mark\" tabindex=\"0\"><title>\(e("\(c.label) \(c.text)"))</title>"
            s += "<path class=\"tile s\(shade)\" vector-effect=\"non-scaling-stroke\" d=\"\(e(shape.path))\"/></g>"
        }
        s += "</g>"
        // Names where the map says where a region's middle is (GeoJSON), drawn at screen scale.
        for shape in drawing.shapes {
            guard let a = shape.anchor, let c = cells[shape.code] else { continue }
            let x = (a.0 - bx) * scale, y = (a.1 - by) * scale
            s += "<text class=\"ref-label\" x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"middle\">\(e(c.label))</text>"
            s += "<text class=\"ref-label\" x=\"\(f(x))\" y=\"\(f(y + 13))\" text-anchor=\"middle\">\(e(c.value.map { NumberText.percent($0, digits: 1) } ?? noData))</text>"
        }
        s += bandKey(bands, y: mapH + 8, noData: cells.values.contains { $0.value == nil } ? noData : nil)
        return s + "</svg>"
    }

    /// The key of a band shading: one swatch per band, and one for "no data" when some region has none.
    static func bandKey(_ bands: TileBands, y: Double, noData: String?) -> String {
        var s = "", x0 = 0.0
        for (k, band) in bands.labels.enumerated() {
            s += "<rect class=\"tile s\(bands.shadeIndex(k))\" x=\"\(f(x0))\" y=\"\(f(y))\" width=\"14\" height=\"14\" rx=\"2\"/>"
            s += "<text class=\"tick\" x=\"\(f(x0 + 18))\" y=\"\(f(y + 11))\">\(e(band))</text>"
            x0 += 104
        }
        if let noData {
            s += "<rect class=\"tile s-1\" x=\"\(f(x0))\" y=\"\(f(y))\" width=\"14\" height=\"14\" rx=\"2\"/>"
            s += "<text class=\"tick\" x=\"\(f(x0 + 18))\" y=\"\(f(y + 11))\">\(e(noData))</text>"
        }
        return s
    }

    public static func tiles(_ cells: [(label: String, value: Double?, mark: String)], columns: Int, title: String, desc: String,
                             noData: String) -> String {
        guard !cells.isEmpty else { return "" }
        let size = 84.0, gap = 6.0
        let rows = (cells.count + columns - 1) / columns
        let bands = TileBands(cells.compactMap(\.value))
        let w = max(Double(columns) * (size + gap), 560), gridH = Double(rows) * (size + gap)
        let h = gridH + 30
        var s = open(Int(w), Int(h), title: title, desc: desc)
        for (i, c) in cells.enumerated() {
            let x0 = Double(i % columns) * (size + gap), y0 = Double(i / columns) * (size + gap)
            let shade = c.value.map { bands.shade(of: $0) } ?? -1
            let text = (c.value.map { NumberText.percent($0, digits: 1) } ?? "—") + (c.mark.isEmpty ? "" : " " + c.mark)
            s += "<g class=\"mark\" tabindex=\"0\"><title>\(e("\(c.label) \(text)"))</title>"
            s += "<rect class=\"tile s\(shade)\" x=\"\(f(x0))\" y=\"\(f(y0))\" width=\"\(f(size))\" height=\"\(f(size))\" rx=\"4\"/>"
            s += "<text class=\"tile-label\" x=\"\(f(x0 + size / 2))\" y=\"\(f(y0 + 34))\" text-anchor=\"middle\">\(e(c.label))</text>"
            s += "<text class=\"tile-value\" x=\"\(f(x0 + size / 2))\" y=\"\(f(y0 + 58))\" text-anchor=\"middle\">\(e(text))</text></g>"
        }
        s += bandKey(bands, y: gridH + 6, noData: cells.contains { $0.value == nil } ? noData : nil)
        return s + "</svg>"
    }

    /// Index ranking: each unit's score (marker) and its 5–95% rank interval
    /// drawn on a rank axis (1 at the left), so overlapping ranks show.
    public static func rankIntervals(_ rows: [(label: String, rank: Int, low: Int, high: Int, score: Double)], title: String, desc: String) -> String {
        guard !rows.isEmpty else { return "" }
        let rowH = 22.0, left = 120.0, right = 70.0, w = 640.0
        let n = max(rows.map(\.high).max() ?? 1, rows.count)
        let h = Double(rows.count) * rowH + 30
        let x = { (r: Double) in left + (r - 1) / Double(max(1, n - 1)) * (w - left - right) }
        var s = open(Int(w), Int(h), title: title, desc: desc)
        for k in 1...n where n <= 20 || k % 5 == 0 || k == 1 {
            s += "<line class=\"grid\" x1=\"\(f(x(Double(k))))\" x2=\"\(f(x(Double(k))))\" y1=\"4\" y2=\"\(f(h - 22))\"/>"
            s += "<text class=\"tick\" x=\"\(f(x(Double(k))))\" y=\"\(f(h - 8))\" text-anchor=\"middle\">\(k)</text>"
        }
        for (i, r) in rows.enumerated() {
            let cy = 14 + Double(i) * rowH
            s += "<text class=\"label\" x=\"\(f(left - 8))\" y=\"\(f(cy + 4))\" text-anchor=\"end\">\(e(r.label))</text>"
            s += "<line class=\"ci\" x1=\"\(f(x(Double(r.low))))\" x2=\"\(f(x(Double(r.high))))\" y1=\"\(f(cy))\" y2=\"\(f(cy))\"/>"
            s += "<circle class=\"dot\" cx=\"\(f(x(Double(r.rank))))\" cy=\"\(f(cy))\" r=\"4\"/>"
            s += "<text class=\"tick\" x=\"\(f(w - right + 6))\" y=\"\(f(cy + 4))\">\(NumberText.fixed(r.score, 1))</text>"
        }
        return s + "</svg>"
    }
}
