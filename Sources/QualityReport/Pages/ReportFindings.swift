import QualityData
import QualityIndicators

/// The plain-language findings of a run and the sections behind them:
/// regions and agencies beyond chance, control-chart signals, repeat
/// failures, follow-up sampling and failing items.
enum ReportFindings {
    typealias Section = ReportDocument.Section
    typealias DisplayTable = ReportDocument.DisplayTable

    static func ci(_ r: PassRateRow) -> String {
        r.interval.map { "\(NumberText.percent($0.low, digits: 1))–\(NumberText.percent($0.high, digits: 1))" } ?? "—"
    }

    /// Bullets for the "Findings" section, for the latest year `y`.
    static func sentences(_ analysis: Analysis, year y: Int, lang: Language) -> [String] {
        let S = ReportStrings.self
        let a = analysis.rates, f = analysis.findings
        var out: [String] = []
        // Regions (provinces and cities) beyond the 99.8% funnel limits.
        let regionRows = (a.byDimension[.region] ?? []).filter { $0.year == y }
        var names: [String: String] = [RegionTable.nationalCode: analysis.scopeName(lang)]
        for r in regionRows { names[r.key] = RegionText.name(r.key, r.label, lang) }
        let beyond = regionRows.filter { ($0.regionLevel == "province" || $0.regionLevel == "city") && ($0.funnelFlag?.isBeyond998 ?? false) }
            .sorted { ($0.parentP ?? 1, $0.diffPPvsParent ?? 0, $0.key) < ($1.parentP ?? 1, $1.diffPPvsParent ?? 0, $1.key) }  // strongest evidence first
        for r in beyond.prefix(8) {
            out.append(S.regionBeyondFunnel(name: names[r.key] ?? r.label, rate: NumberText.percent(r.rate, digits: 1), ci: ci(r), diff: r.diffPPvsParent ?? 0,
                                            parent: names[r.parentKey] ?? r.parentKey, above: (r.diffPPvsParent ?? 0) > 0)(lang))
        }
        if beyond.count > 8 { out.append("\(S.moreRows(beyond.count - 8)(lang)) tables/pass_rate_by_region.csv") }
        if beyond.isEmpty { out.append(S.noRegionBeyond(lang)) }
        let funnelled = regionRows.filter { ($0.regionLevel == "province" || $0.regionLevel == "city") && $0.funnelFlag != nil }
        if !funnelled.isEmpty { out.append(S.funnelChance(flagged: beyond.count, regions: funnelled.count)(lang)) }
        // Agencies beyond the 99.8% limits of the standardised failure ratio.
        let agencies = (a.byDimension[.agency] ?? []).filter { $0.year == y && ($0.funnelFlag?.isBeyond998 ?? false) }
            .sorted { ($0.failureRatio ?? 0, $1.key) > ($1.failureRatio ?? 0, $0.key) }
        for r in agencies.prefix(5) {
            out.append(S.agencyBeyond(r.key, observed: r.counts.failed, expected: r.expectedFailures ?? 0, ratio: r.failureRatio ?? 0,
                                      above: r.funnelFlag == .above998)(lang))
        }
        if agencies.count > 5 { out.append("\(S.moreRows(agencies.count - 5)(lang)) tables/pass_rate_by_agency.csv") }
        // Control charts: periods beyond the limits, overall and per charted region.
        var scopes: [String] = []
        for r in f.controlCharts where !scopes.contains(r.regionCode) { scopes.append(r.regionCode) }
        for code in scopes {
            let chart = f.controlCharts.filter { $0.regionCode == code }
            let beyondLimits = chart.filter(\.point.beyondLimits)
            let runs = chart.filter { !$0.point.beyondLimits && ($0.point.run || $0.point.twoOfThree) }
            // At most six periods named per kind; the count says how many there are.
            func list(_ rows: [ControlChartRow]) -> String {
                rows.prefix(6).map { "\($0.period) \(NumberText.percent($0.point.rate, digits: 1))" }.joined(separator: lang == .zh ? "、" : ", ")
                    + (rows.count > 6 ? (lang == .zh ? " 等" : " …") : "")
            }
            let name = code == RegionTable.nationalCode ? "" : (chart.first.map { RegionText.name(code, $0.regionName, lang) } ?? code)
            let sentence = S.controlSignals(beyond: beyondLimits.count, beyondList: list(beyondLimits), runs: runs.count, runList: list(runs),
                                            period: S.periodName(analysis.options.period)(lang), laney: chart.first?.point.laney ?? false)(lang)
            out.append(name.isEmpty ? sentence : "\(name)\(lang == .zh ? "：" : " — ")\(sentence)")
        }
        // Repeat failures over the period.
        if let first = a.byYear.first?.year {
            let span = first == y ? "\(y)" : "\(first)–\(y)"
            out.append(S.repeatSentence(f.repeatFailures.count, consecutive: f.repeatFailures.filter(\.consecutive).count,
                                        beyond: f.repeatFailures.filter { ($0.pValue ?? 1) < 0.001 }.count, span: span)(lang))
        }
        // Follow-up: the latest year whose 12-month window is complete.
        if let r = f.followUp.last(where: { $0.windowComplete && $0.enterprisesFailed > 0 }) {
            out.append(S.followUpSentence(year: r.year, failed: r.enterprisesFailed, resampled: r.enterprisesResampled,
                                          share: NumberText.percent(r.resampledShare, digits: 1),
                                          followRate: r.followUpTested > 0 ? NumberText.percent(r.followUpRate, digits: 1) : nil)(lang))
        }
        // Failing items in the latest year.
        let items = f.failedItems.filter { $0.year == y && $0.allProducts }.prefix(3)
        if !items.isEmpty {
            let list = items.map { "\($0.item)（\(NumberText.percent($0.share, digits: 1))）" }.joined(separator: lang == .zh ? "、" : ", ")
            out.append(S.itemsSentence(year: y, list: lang == .zh ? list : list.replacingOccurrences(of: "（", with: " (").replacingOccurrences(of: "）", with: ")"))(lang))
        }
        return out
    }

    /// Sections with the tables behind the findings.
    static func sections(_ analysis: Analysis, year y: Int, lang: Language) -> [Section] {
        let S = ReportStrings.self
        let a = analysis.rates, f = analysis.findings
        var sections: [Section] = []
        // Agencies: the most extreme standardised failure ratios of the year,
        // among agencies expected to find at least 5 failures (a ratio on
        // fewer is mostly noise; the funnel column says so either way).
        let all = (a.byDimension[.agency] ?? []).filter { $0.year == y && !$0.key.isEmpty && $0.failureRatio != nil }
        let enough = all.filter { ($0.expectedFailures ?? 0) >= 5 }
        let agencies = (enough.count >= 3 ? enough : all).sorted { ($0.failureRatio!, $1.key) > ($1.failureRatio!, $0.key) }
        if !agencies.isEmpty {
            // The six highest and six lowest ratios; the rest counted, in the full table.
            let shown = agencies.count <= 12 ? agencies : Array(agencies.prefix(6) + agencies.suffix(6))
            let t = DisplayTable(
                headers: [S.agency(lang), S.batchesTested(lang), S.failed(lang), S.expectedFailures(lang), S.failureRatio(lang), S.funnel(lang),
                          S.passRate(lang), S.shrunkRate(lang)],
                numeric: [1, 2, 3, 4, 6, 7],
                rows: shown.map { r in
                    [r.key, NumberText.count(r.counts.tested), NumberText.count(r.counts.failed), NumberText.fixed(r.expectedFailures ?? 0, 1),
                     NumberText.fixed(r.failureRatio ?? 0, 2), r.funnelFlag.map { S.funnelFlag($0)(lang) } ?? "—",
                     NumberText.percent(r.rate), NumberText.percent(r.shrunk?.rate)]
                })
            sections.append(Section(title: "\(S.agencies(lang))\(ReportDocument.inParens(y, analysis, lang))",
                                    blocks: [.table(t)] + (all.count > shown.count ? [.more(count: all.count - shown.count, file: "pass_rate_by_agency.csv")] : [])))
        }
        // Control chart of all batches.
        let chart = f.controlCharts.filter { $0.regionCode == RegionTable.nationalCode }
        if !chart.isEmpty {
            let t = DisplayTable(
                headers: [S.periodLabel(lang), S.batchesTested(lang), S.passRate(lang), S.centreLine(lang), S.limits(lang), S.signal(lang)],
                numeric: [1, 2, 3],
                rows: chart.map { r in
                    let p = r.point
                    return [r.period, NumberText.count(p.trials), NumberText.percent(p.rate), NumberText.percent(p.centre),
                            "\(NumberText.percent(p.lower))–\(NumberText.percent(p.upper))", p.signal ? S.pointSignals(p)(lang) : ""]
                })
            sections.append(Section(title: "\(S.controlChart(lang)) · \(analysis.scopeName(lang)) · \(S.periodName(analysis.options.period)(lang))",
                                    blocks: [ReportFigures.pChart(chart, table: t, lang: lang)].compactMap { $0 } + [.table(t)]))
        }
        // Repeat failures: the top of the list.
        if !f.repeatFailures.isEmpty {
            let blocks = ReportDocument.listed(f.repeatFailures, limit: 15, file: "repeat_failures.csv") { rows in
                DisplayTable(
                    headers: [S.enterprise(lang), S.region(lang), S.batchesTested(lang), S.failures(lang), S.expectedFailures(lang), "p",
                              S.longestRun(lang), S.lastFailure(lang)],
                    numeric: [2, 3, 4, 5, 6],
                    rows: rows.map { r in
                        [r.enterprise, RegionText.full(r.regionCode, r.regionName, lang), NumberText.count(r.batchesTested), NumberText.count(r.failures),
                         String(format: "%.1f", r.expectedFailures), ReportDocument.probability(r.pValue), String(r.longestFailureRun),
                         CivilDate.iso(r.lastFailure)]
                    })
            }
            sections.append(Section(title: S.repeatFailures(lang) + ReportDocument.inParens(nil, analysis, lang), blocks: [.paragraph(S.screenCaveat(lang))] + blocks))
        }
        // Failing items of the latest year, over all products.
        let items = f.failedItems.filter { $0.year == y && $0.allProducts }
        if !items.isEmpty {
            let blocks = ReportDocument.listed(items, limit: 10, file: "failed_items.csv") { rows in
                // Each item's class in the page's language beside its name as recorded (issue 33: English pages read the class).
                DisplayTable(headers: [S.item(lang), S.itemClass(lang), S.failed(lang), S.shareOfFailed(lang)], numeric: [2, 3],
                             rows: rows.map { [$0.item, S.itemClassName(analysis.options.itemClasses.rule(for: $0.item)?.itemClass)(lang),
                                               NumberText.count($0.failures), NumberText.percent($0.share, digits: 1)] })
            }
            sections.append(Section(title: "\(S.failedItems(lang))\(ReportDocument.inParens(y, analysis, lang))", blocks: blocks))
        }
        return sections
    }
}
