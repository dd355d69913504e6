import QualityData
import QualityIndicators

/// The charts of the dashboard, each a figure with its data table.
enum ReportFigures {
    typealias Figure = ReportDocument.Figure
    typealias DisplayTable = ReportDocument.DisplayTable

    static func sparkline(_ a: PassRateAnalysis, lang: Language) -> String {
        Charts.sparkline(a.byYear.compactMap { r in r.rate.map { (r.year, $0) } }, title: "\(ReportStrings.passRate(lang)) \(a.years.first ?? 0)–\(a.years.last ?? 0)")
    }

    /// Pass rate by year with its band, and the plan's national target line if there is one.
    static func trend(_ analysis: Analysis, lang: Language) -> ReportDocument.Block? {
        let rows = analysis.rates.byYear.filter { $0.rate != nil && $0.interval != nil }
        let target = analysis.targets.first { $0.target.indicator == IndicatorRegistry.batchPassRate.id && $0.regionCode == RegionTable.nationalCode && $0.target.filters.isEmpty }?.target.targetValue
        let svg = Charts.trend(rows.map { ($0.year, $0.rate!, $0.interval!.low, $0.interval!.high) }, target: target,
                               title: ReportStrings.byYear(lang), desc: rows.map { "\($0.year): \(NumberText.percent($0.rate))" }.joined(separator: "; "),
                               targetLabel: ReportStrings.targetLine(lang), axisTitle: ReportStrings.rateAxis(lang))
        guard !svg.isEmpty else { return nil }
        return .figure(Figure(svg: svg, caption: ReportStrings.trendCaption(lang), table: ReportDocument.rateTable(rows, lang, first: ReportStrings.year(lang)) { [String($0.year)] }))
    }

    static func mark(_ f: FunnelFlag?) -> String {
        switch f {
        case .above998?: return "▲"
        case .below998?: return "▼"
        default: return ""
        }
    }

    /// Cities of a province: ranked bars, funnel plot and tile grid.
    static func cities(_ cities: [PassRateRow], parent: PassRateRow, lang: Language, map: RegionMap? = nil) -> [ReportDocument.Block] {
        let S = ReportStrings.self
        let rows = cities.filter { $0.rate != nil && $0.interval != nil }.sorted { ($0.rate!, $1.key) > ($1.rate!, $0.key) }
        guard rows.count >= 2, let p0 = parent.rate else { return [] }
        let table = ReportDocument.regionTable(rows, lang)
        var blocks: [ReportDocument.Block] = []
        let name = { (r: PassRateRow) in RegionText.name(r.key, r.label, lang) }, parentName = name(parent)
        let desc = rows.map { "\(name($0)) \(NumberText.percent($0.rate))\(mark($0.funnelFlag))" }.joined(separator: "; ")
        let bars = Charts.rankedBars(rows.map { (name($0), $0.rate!, $0.interval!.low, $0.interval!.high, mark($0.funnelFlag)) }, reference: p0,
                                     referenceLabel: parentName, title: "\(parentName) · \(S.byCity(lang))", desc: desc, axisTitle: S.rateAxis(lang))
        blocks.append(.figure(Figure(svg: bars, caption: S.citiesRankedCaption(lang), table: table)))
        let funnel = Funnel.proportions(rows.map(\.funnelCounts), target: p0)
        let plot = Charts.funnel(rows.map { (name($0), Double($0.funnelCounts.n), $0.rate!, $0.funnelFlag?.isBeyond998 ?? false) }, target: p0,
                                 limits: funnel.limitsAt, title: "\(parentName) · \(S.funnel(lang))", desc: desc, xLabel: S.batchesTestedAxis(lang),
                                 axisTitle: S.rateAxis(lang), targetLabel: parentName)
        if !plot.isEmpty { blocks.append(.figure(Figure(svg: plot, caption: S.funnelCaption(lang), table: table))) }
        let byCode = rows.sorted { $0.key < $1.key }
        // On the user's map when it outlines any of the cities (and they can
        // be drawn: not all on one point or line); the tile grid otherwise.
        if let map, !map.codes.isDisjoint(with: byCode.map(\.key)),
           case let drawing = map.drawing(of: Set(byCode.map(\.key))), !drawing.shapes.isEmpty {
            let cells = Dictionary(uniqueKeysWithValues: byCode.map { r in
                (r.key, (label: name(r), value: r.rate,
                         text: NumberText.percent(r.rate, digits: 1) + (r.interval.map { " (\(NumberText.percent($0.low, digits: 1))–\(NumberText.percent($0.high, digits: 1)))" } ?? "")
                            + (mark(r.funnelFlag).isEmpty ? "" : " " + mark(r.funnelFlag))))
            })
            let svg = Charts.choropleth(drawing, cells: cells, title: "\(parentName) · \(S.byCity(lang))", desc: desc, noData: S.tileNoData(lang))
            let drawn = Set(drawing.shapes.map(\.code))
            let missing = byCode.filter { !drawn.contains($0.key) }.map(name)
            let caption = S.mapCaption(lang) + (missing.isEmpty ? "" : " " + S.mapMissing(Array(missing.prefix(6)), more: max(0, missing.count - 6))(lang))
            blocks.append(.figure(Figure(svg: svg, caption: caption, table: table)))
            return blocks
        }
        let tiles = Charts.tiles(byCode.map { (name($0), $0.rate, mark($0.funnelFlag)) }, columns: 5, title: "\(parentName) · \(S.byCity(lang))", desc: desc,
                                 noData: S.tileNoData(lang))
        blocks.append(.figure(Figure(svg: tiles, caption: S.tilesCaption(lang), table: table)))
        return blocks
    }

    /// The cities' trends as small multiples on one axis, and the picker
    /// that shows one city's card. `history` holds every year's region rows.
    static func cityTrends(_ cities: [PassRateRow], parent: PassRateRow, history: [PassRateRow], lang: Language) -> [ReportDocument.Block] {
        let S = ReportStrings.self
        let byCode = cities.sorted { $0.key < $1.key }
        func series(_ code: String) -> [PassRateRow] { history.filter { $0.key == code && $0.rate != nil && $0.interval != nil }.sorted { $0.year < $1.year } }
        let name = { (r: PassRateRow) in RegionText.name(r.key, r.label, lang) }
        let panels = byCode.map { c in (label: name(c), points: series(c.key).map { (year: $0.year, rate: $0.rate!, low: $0.interval!.low, high: $0.interval!.high) }) }
        let reference = series(parent.key).map { (year: $0.year, rate: $0.rate!) }
        var blocks: [ReportDocument.Block] = []
        let years = Array(Set(panels.flatMap { $0.points.map(\.year) })).sorted()
        let table = ReportDocument.DisplayTable(headers: [S.code(lang), S.region(lang)] + years.map(String.init), numeric: Set(years.indices.map { $0 + 2 }),
                                                rows: byCode.map { c in
                                                    let s = series(c.key)
                                                    return [c.key, RegionText.full(c.key, c.label, lang)] + years.map { y in NumberText.percent(s.first { $0.year == y }?.rate) }
                                                })
        let svg = Charts.smallMultiples(panels, reference: reference, referenceLabel: name(parent), columns: 5,
                                        title: "\(name(parent)) · \(S.byCity(lang)) · \(S.byYear(lang))",
                                        desc: panels.map { p in "\(p.label): " + p.points.map { "\($0.year) \(NumberText.percent($0.rate, digits: 1))" }.joined(separator: ", ") }.joined(separator: "; "),
                                        axisTitle: S.rateAxis(lang))
        if !svg.isEmpty { blocks.append(.figure(Figure(svg: svg, caption: S.cityTrendsCaption(lang), table: table))) }
        // One card per city, in code order (the order of the statistical yearbooks).
        let ranked = cities.filter { $0.rate != nil }.sorted { ($0.rate!, $1.key) > ($1.rate!, $0.key) }
        let semicolon = lang == .zh ? "；" : "; "
        let cards = byCode.filter { $0.rate != nil }.map { c -> ReportDocument.PickCard in
            let rank = (ranked.firstIndex { $0.key == c.key } ?? 0) + 1
            let note = [c.interval.map { "\(S.ci95(lang)) \(NumberText.percent($0.low))–\(NumberText.percent($0.high))" },
                        c.changePP.map { "\(S.change(lang)) \(NumberText.signedPoints($0)) \(S.points(lang))" },
                        "\(S.batchesTested(lang)) \(NumberText.count(c.counts.tested))",
                        "\(S.rankByRate(lang)) \(rank) / \(ranked.count)",
                        c.funnelFlag.map { "\(S.funnel(lang)) \(S.funnelFlag($0)(lang))" }].compactMap { $0 }.joined(separator: semicolon)
            let spark = Charts.sparkline(series(c.key).map { ($0.year, $0.rate!) }, title: name(c))
            return ReportDocument.PickCard(code: c.key, card: ReportDocument.KPI(label: name(c), value: NumberText.percent(c.rate), note: note, spark: spark))
        }
        if cards.count >= 2 { blocks.append(.picker(label: S.pickCity(lang), cards: cards)) }
        return blocks
    }

    static func pChart(_ rows: [ControlChartRow], table: DisplayTable, lang: Language) -> ReportDocument.Block? {
        let pts = rows.compactMap { r in r.point.rate.map { (r.period, $0, r.point.centre, r.point.lower, r.point.upper, r.point.signal) } }
        let svg = Charts.pChart(pts, title: ReportStrings.controlChart(lang),
                                desc: rows.filter(\.point.signal).map { "\($0.period): \(NumberText.percent($0.point.rate))" }.joined(separator: "; "),
                                axisTitle: ReportStrings.rateAxis(lang), centreLabel: ReportStrings.centreLine(lang))
        let caption = rows.first.map { $0.point.laney ? ReportStrings.laneyCaption(sigmaZ: $0.point.sigmaZ) : ReportStrings.pChartCaption } ?? ReportStrings.pChartCaption
        return svg.isEmpty ? nil : .figure(Figure(svg: svg, caption: caption(lang), table: table))
    }

    static func progress(_ rows: [TargetRow], table: DisplayTable, lang: Language) -> ReportDocument.Block? {
        let svg = Charts.progressBars(rows.map { r in ("\(r.target.title(lang)) · \(RegionText.name(r.regionCode, r.regionName, lang))", r.progress, r.expectedProgress,
                                                       ReportStrings.status(of: r)(lang), r.onTrack == true) },
                                      title: ReportStrings.targets(lang), desc: rows.map { "\($0.target.id) \(RegionText.name($0.regionCode, $0.regionName, lang)): \(ReportStrings.status(of: $0)(lang))" }.joined(separator: "; "))
        return svg.isEmpty ? nil : .figure(Figure(svg: svg, caption: ReportStrings.progressCaption(lang), table: table))
    }
}
