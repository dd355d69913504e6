import QualityData
import QualityIndicators

/// Builds the output tables (outputs.md) from a load and its analysis.
public enum ReportTables {
    static let countColumns = ["batches_sampled", "batches_tested", "passed", "failed", "excluded",
                               "pass_rate", "ci_low", "ci_high", "deff", "effective_batches", "change_pp", "change_p_value", "change_q_value"]
    static let enterpriseColumns = ["enterprises_tested", "enterprises_passed", "enterprise_pass_rate",
                                    "enterprise_ci_low", "enterprise_ci_high"]

    static func countCells(_ r: PassRateRow) -> [String] {
        let c = r.counts, ci = r.interval  // computed once: exact intervals are not free
        return [String(c.sampled), String(c.tested), String(c.passed), String(c.failed), String(c.excluded),
                NumberText.rate(r.rate), NumberText.rate(ci?.low), NumberText.rate(ci?.high),
                NumberText.ratio(c.designEffect), NumberText.fractionalCount(c.effectiveBatches),
                NumberText.points(r.changePP), NumberText.pValue(r.changeP), NumberText.pValue(r.changeQ)]
    }

    static func enterpriseCells(_ r: PassRateRow) -> [String] {
        let ci = r.enterpriseInterval
        return [String(r.counts.enterprisesTested), String(r.counts.enterprisesPassed), NumberText.rate(r.enterpriseRate),
                NumberText.rate(ci?.low), NumberText.rate(ci?.high)]
    }

    static let shrunkColumns = ["eb_rate", "eb_ci_low", "eb_ci_high"]

    static func shrunkCells(_ r: PassRateRow) -> [String] {
        [NumberText.rate(r.shrunk?.rate), NumberText.rate(r.shrunk?.low), NumberText.rate(r.shrunk?.high)]
    }

    public static func byYear(_ a: PassRateAnalysis) -> ReportTable {
        ReportTable(name: "pass_rate_by_year", columns: ["year"] + countColumns + enterpriseColumns,
                    rows: a.byYear.map { [String($0.year)] + countCells($0) + enterpriseCells($0) })
    }

    public static func byRegion(_ a: PassRateAnalysis) -> ReportTable {
        ReportTable(
            name: "pass_rate_by_region",
            columns: ["year", "region_code", "region_name", "region_level", "parent_code"] + countColumns
                + ["diff_pp_vs_parent", "p_value", "q_value", "funnel_flag", "funnel_limits"] + shrunkColumns + enterpriseColumns,
            rows: (a.byDimension[.region] ?? []).map {
                [String($0.year), $0.key, $0.label, $0.regionLevel, $0.parentKey] + countCells($0)
                    + [NumberText.points($0.diffPPvsParent), NumberText.pValue($0.parentP), NumberText.pValue($0.parentQ), $0.funnelFlag?.rawValue ?? "",
                       $0.funnelLimits?.rawValue ?? ""] + shrunkCells($0) + enterpriseCells($0)
            })
    }

    /// Year × region as recorded (usually a county) × sampling level.
    public static func byRegionLevel(_ a: PassRateAnalysis) -> ReportTable {
        ReportTable(
            name: "pass_rate_by_region_level",
            columns: ["year", "region_code", "region_name", "region_level", "level"] + countColumns + enterpriseColumns,
            rows: (a.byDimension[.regionLevel] ?? []).map {
                [String($0.year), $0.key, $0.label, $0.regionLevel, $0.subKey] + countCells($0) + enterpriseCells($0)
            })
    }

    public static func byDimension(_ a: PassRateAnalysis, _ d: Dimension) -> ReportTable {
        // The breakdown's key column (and its name column: the product's), as the count table declares them.
        let keyColumns = [d.columns.key, d.columns.name].compactMap { $0?.rawValue }
        // Ranked dimensions carry shrunken rates; agencies also their product-standardised funnel.
        let extra: [String]
        let extraCells: (PassRateRow) -> [String]
        switch d {
        case .agency:
            extra = ["expected_failures", "failure_ratio", "funnel_flag", "funnel_limits"] + shrunkColumns
            extraCells = { r in
                [r.expectedFailures.map { NumberText.fixed($0, 4) } ?? "", r.failureRatio.map { NumberText.fixed($0, 4) } ?? "",
                 r.funnelFlag?.rawValue ?? "", r.funnelLimits?.rawValue ?? ""] + shrunkCells(r)
            }
        case .product:
            extra = shrunkColumns
            extraCells = shrunkCells
        default:
            extra = []
            extraCells = { _ in [] }
        }
        return ReportTable(
            name: "pass_rate_by_\(d.rawValue)",
            columns: ["year"] + keyColumns + countColumns + ["diff_pp_vs_all", "p_value", "q_value"] + extra + enterpriseColumns,
            rows: (a.byDimension[d] ?? []).map {
                [String($0.year)] + (keyColumns.count == 2 ? [$0.key, $0.label] : [$0.key]) + countCells($0)
                    + [NumberText.points($0.diffPPvsParent), NumberText.pValue($0.parentP), NumberText.pValue($0.parentQ)] + extraCells($0) + enterpriseCells($0)
            })
    }

    public static func enterpriseSummary(_ a: PassRateAnalysis) -> ReportTable {
        ReportTable(name: "enterprise_summary",
                    columns: ["year", "enterprises_tested", "enterprises_passed", "enterprise_pass_rate", "ci_low", "ci_high"],
                    rows: a.byYear.map { [String($0.year)] + enterpriseCells($0) })
    }

    static func yesNo(_ b: Bool) -> String { b ? "yes" : "no" }

    public static func controlChart(_ f: SamplingFindings) -> ReportTable {
        ReportTable(
            name: "control_chart",
            columns: ["region_code", "region_name", "period", "batches_tested", "passed", "pass_rate", "centre", "lcl", "ucl",
                      "beyond_limits", "run_rule", "two_of_three", "signal", "chart", "sigma_z"],
            rows: f.controlCharts.map { r in
                let p = r.point
                return [r.regionCode, r.regionName, r.period, String(p.trials), String(p.successes), NumberText.rate(p.rate),
                        NumberText.rate(p.centre), NumberText.rate(p.lower), NumberText.rate(p.upper), yesNo(p.beyondLimits),
                        yesNo(p.run), yesNo(p.twoOfThree), yesNo(p.signal), p.laney ? "laney" : "p", NumberText.fixed(p.sigmaZ, 4)]
            })
    }

    public static func repeatFailures(_ f: SamplingFindings) -> ReportTable {
        ReportTable(
            name: "repeat_failures",
            columns: ["enterprise", "region_code", "region_name", "batches_tested", "failures", "expected_failures", "failure_ratio", "p_value",
                      "funnel_flag", "longest_failure_run", "consecutive", "first_failure", "last_failure", "failed_products"],
            rows: f.repeatFailures.map { r in
                [r.enterprise, r.regionCode, r.regionName, String(r.batchesTested), String(r.failures), NumberText.fixed(r.expectedFailures, 6),
                 r.failureRatio.map { NumberText.fixed($0, 6) } ?? "", NumberText.pValue(r.pValue), r.funnelFlag?.rawValue ?? "",
                 String(r.longestFailureRun), yesNo(r.consecutive), CivilDate.iso(r.firstFailure), CivilDate.iso(r.lastFailure),
                 r.products.joined(separator: "|")]
            })
    }

    public static func followUp(_ f: SamplingFindings, interval: IntervalMethod) -> ReportTable {
        ReportTable(
            name: "follow_up",
            columns: ["year", "follow_up_batches_tested", "follow_up_passed", "follow_up_pass_rate", "ci_low", "ci_high",
                      "enterprises_failed", "enterprises_resampled_12m", "resampled_share", "window_complete"],
            rows: f.followUp.map { r in
                let ci = interval.interval(successes: r.followUpPassed, trials: r.followUpTested)
                return [String(r.year), String(r.followUpTested), String(r.followUpPassed), NumberText.rate(r.followUpRate),
                        NumberText.rate(ci?.low), NumberText.rate(ci?.high), String(r.enterprisesFailed), String(r.enterprisesResampled),
                        NumberText.rate(r.resampledShare), yesNo(r.windowComplete)]
            })
    }

    public static func failedItems(_ f: SamplingFindings) -> ReportTable {
        ReportTable(
            name: "failed_items",
            columns: ["year", "scope", "product_code", "product_name", "item", "failures", "failed_batches", "share"],
            rows: f.failedItems.map { r in
                [String(r.year), r.allProducts ? "all_products" : "product", r.productCode, r.productName, r.item, String(r.failures),
                 String(r.failedBatches), NumberText.rate(r.share)]
            })
    }

    /// A grouped indicator's table (safety_failures.csv, retests.csv …): its
    /// counts by year and group, and each declared share with its interval.
    public static func grouped(_ g: GroupedTable, interval: IntervalMethod) -> ReportTable {
        let spec = g.indicator
        var kinds: [String: ColumnKind] = [:]
        for c in spec.countColumns { kinds[c] = .count }
        for s in spec.shares { for c in [s.column, s.low, s.high] { kinds[c] = .proportion } }
        var t = ReportTable(
            name: spec.table,
            columns: ["year", "scope", "key", "name"] + spec.countColumns + spec.shares.flatMap { [$0.column, $0.low, $0.high] },
            rows: g.rows.map { r in
                var cells = [String(r.year), r.scope, r.key, r.name] + r.counts.map(String.init)
                for s in spec.shares {
                    let ci = interval.interval(successes: r.counts[s.numerator], trials: r.counts[s.denominator])
                    cells += [NumberText.rate(s.value(of: r)), NumberText.rate(ci?.low), NumberText.rate(ci?.high)]
                }
                return cells
            },
            kinds: kinds)
        t.title = spec.title
        return t
    }

    /// The testing-agency table with each agency's re-tests: requests,
    /// overturned, and the share overturned (``Retests/overturnedShare``; an
    /// agency often overturned is what 抽检分离 and agency classification watch).
    public static func withRetests(_ agencies: ReportTable, _ retests: GroupedTable?) -> ReportTable {
        guard let retests else { return agencies }
        let share = Retests.overturnedShare, counts = retests.indicator.countColumns
        var byKey: [String: GroupedRow] = [:]
        for r in retests.rows(scope: "agency") { byKey["\(r.year)|\(r.key)"] = r }
        let year = agencies.columns.firstIndex(of: "year")!, agency = agencies.columns.firstIndex(of: "testing_agency")!
        let (n, x) = (counts[share.denominator], counts[share.numerator])
        var t = ReportTable(name: agencies.name, columns: agencies.columns + [n, x, share.column],
                            rows: agencies.rows.map { row in
                                guard let r = byKey["\(row[year])|\(row[agency])"] else { return row + ["0", "0", ""] }
                                return row + [String(r.counts[share.denominator]), String(r.counts[share.numerator]),
                                              NumberText.rate(share.value(of: r))]
                            },
                            kinds: [n: .count, x: .count, share.column: .proportion])
        t.title = agencies.title
        return t
    }

    /// One row per input file, then one per finding about the data as a
    /// whole (kind `finding`: a partial year, a product code with several
    /// names, a column given twice), its text in `detail`.
    public static func dataQuality(_ files: [FileReport], findings: [DataFinding] = [], lang: Language) -> ReportTable {
        let reasons = RejectReason.allCases
        let columns = ["file", "kind", "status", "encoding", "gzip", "separator", "mapping", "rows_read", "loaded", "merged", "duplicates",
                       "rejected", "empty_lines", "invalid_credit_codes", "unresolved_region_names", "accounting_closes",
                       "first_date", "last_date"] + reasons.map { "rejected_" + $0.rawValue } + ["ignored_headers", "normalised_values", "finding", "detail"]
        var t = ReportTable(name: "data_quality", columns: columns)
        for f in files {
            let normalised = f.normalised.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "|")
            t.rows.append([f.path, f.kind, f.error.map { $0.message(lang) } ?? "ok", f.encoding, yesNo(f.gzip), f.separator, f.mapping,
                           String(f.rowsRead), String(f.loaded), String(f.merged), String(f.duplicates), String(f.rejected),
                           String(f.emptyLines), String(f.invalidCreditCodes), String(f.unresolvedRegionNames),
                           yesNo(f.accountingCloses), f.firstDay.map(CivilDate.iso) ?? "", f.lastDay.map(CivilDate.iso) ?? ""]
                          + reasons.map { String(f.rejectedByReason[$0] ?? 0) } + [f.ignoredHeaders.joined(separator: "|"), normalised, "", ""])
        }
        for d in findings {
            var row = [String](repeating: "", count: columns.count)
            row[1] = "finding"
            row[columns.count - 2] = d.kind
            row[columns.count - 1] = d.text(lang)
            t.rows.append(row)
        }
        return t
    }

    public static func rejects(_ rows: [RejectedRow], lang: Language) -> ReportTable {
        ReportTable(name: "rejects", columns: ["file", "line", "column", "value", "reason", "reason_text", "detail"],
                    rows: rows.map { [$0.file, String($0.line), $0.column, $0.value, $0.reason.rawValue,
                                      IngestMessages.reason($0.reason)(lang), $0.detail] })
    }
}

extension ReportTables {
    public static func targets(_ rows: [TargetRow]) -> ReportTable {
        var t = ReportTable(
            name: "targets",
            columns: ["target_id", "title_zh", "title_en", "indicator", "region_code", "region_name", "year", "value", "numerator",
                      "denominator", "ci_low", "ci_high", "baseline_year", "baseline_value", "target_year", "target_value", "direction",
                      "milestone", "progress", "expected_progress", "status", "on_track", "eurostat_ratio", "eurostat_category", "projected_year",
                      "value_from_run", "baseline_from_run", "after_target_year"],
            rows: rows.map { r in
                let t = r.target
                let v = { (x: Double?) in x.map { NumberText.fixed($0, 6) } ?? "" }
                return [t.id, t.title.zh, t.title.en, t.indicator, r.regionCode, r.regionName, String(r.year), v(r.value),
                        r.numerator.map(String.init) ?? "", r.denominator.map(String.init) ?? "", v(r.interval?.low), v(r.interval?.high),
                        r.baselineYear.map(String.init) ?? "", v(r.baselineValue), t.targetYear.map(String.init) ?? "", t.quantified ? v(t.targetValue) : "",
                        t.direction.rawValue, v(r.milestone), v(r.progress), v(r.expectedProgress), r.status.rawValue,
                        r.onTrack.map(yesNo) ?? "", v(r.eurostatRatio), r.eurostatCategory?.rawValue ?? "",
                        r.projectedYear.map(String.init) ?? "",
                        r.borrowedFromRun.map(String.init) ?? "", r.baselineBorrowedFromRun.map(String.init) ?? "", yesNo(r.afterTargetYear)]
            },
            kinds: ["value": .number])
        // A rate target's values are proportions (percentages in the workbook); a statistic's are numbers.
        t.proportionRows = Set(rows.indices.filter { ReportPlanSections.isRate(rows[$0].value ?? rows[$0].target.targetValue, rows[$0].target) })
        t.proportionColumns = ["value", "baseline_value", "target_value", "milestone"]
        return t
    }

    /// The inspections' counts and rates. Every hazard found and every county,
    /// township and licensed enterprise is counted (a census,
    /// ``IndicatorDefinition/census``): the rates carry no interval.
    static let inspectionColumns = ["inspections", "enterprises_inspected", "hazards_found", "hazards_rectified", "rectification_rate"]
        + InspectionOutcome.allCases.map { "outcome_" + $0.id } + ["outcome_not_given"]

    static func inspectionCells(_ r: InspectionRow) -> [String] {
        [String(r.inspections), String(r.enterprises), String(r.hazardsFound), String(r.hazardsRectified),
         NumberText.rate(r.rectificationRate)] + r.outcomes.map(String.init)
    }

    public static func inspections(_ a: InspectionAnalysis) -> [ReportTable] {
        [
            ReportTable(name: "inspections_by_region",
                        columns: ["year", "region_code", "region_name", "region_level"] + inspectionColumns
                            + ["counties", "counties_inspected", "county_coverage", "townships_known", "townships_inspected", "township_coverage",
                               "licensed_enterprises", "licensed_inspected", "enterprise_coverage"],
                        rows: a.byRegion.map { r in
                            [String(r.year), r.key, r.label, r.regionLevel] + inspectionCells(r)
                                + [r.counties.map(String.init) ?? "", r.countiesInspected.map(String.init) ?? "", NumberText.rate(r.countyCoverage),
                                   r.townships.map(String.init) ?? "", r.townshipsInspected.map(String.init) ?? "", NumberText.rate(r.townshipCoverage),
                                   r.licensedEnterprises.map(String.init) ?? "", r.licensedInspected.map(String.init) ?? "",
                                   NumberText.rate(r.enterpriseCoverage)]
                        }),
            ReportTable(name: "inspections_by_type", columns: ["year", "inspection_type"] + inspectionColumns,
                        rows: a.byType.map { [String($0.year), $0.key] + inspectionCells($0) }),
            ReportTable(name: "inspections_by_risk", columns: ["year", "risk_class"] + inspectionColumns,
                        rows: a.byRisk.map { [String($0.year), $0.key] + inspectionCells($0) }),
        ]
    }
}

extension ReportTables {
    /// index_scores.csv: one row per unit and year, with group scores and normalised indicators.
    public static func indexScores(_ r: IndexResult) -> ReportTable {
        let f = r.framework
        let v = { (x: Double?) in x.map { NumberText.fixed($0, 6) } ?? "" }
        let sorted = r.units.sorted { ($0.year, $0.rank ?? Int.max, $0.code) < ($1.year, $1.rank ?? Int.max, $1.code) }
        var rows: [[String]] = []
        for u in sorted {
            var row: [String] = [String(u.year), u.code, u.name, v(u.score), u.rank.map(String.init) ?? "", u.rankChange.map(String.init) ?? ""]
            row += [v(u.rankMedian), u.rankLow.map(String.init) ?? "", u.rankHigh.map(String.init) ?? "", u.band?.zh ?? "", u.band?.en ?? ""]
            row.append(v(u.diffVsParent))
            row += f.groups.map { v(u.groups[$0.id]) }
            row += f.indicators.map { v(u.raw[$0.id]) }
            row += f.indicators.map { v(u.normalised[$0.id]) }
            rows.append(row)
        }
        for y in r.parentScores.keys.sorted() {
            let blanks = [String](repeating: "", count: 8 + f.groups.count + 2 * f.indicators.count)
            rows.append([String(y), r.parentCode, r.parentName, v(r.parentScores[y])] + blanks)
        }
        return ReportTable(
            name: "index_scores",
            columns: ["year", "region_code", "region_name", "score", "rank", "rank_change", "rank_median", "rank_low", "rank_high",
                      "band_zh", "band_en", "diff_vs_parent"] + f.groups.map { "group_" + $0.id } + f.indicators.map { "raw_" + $0.id }
                + f.indicators.map { "norm_" + $0.id },
            rows: rows)
    }

    /// index_audit.csv: what every step did (screening, imputation, outliers, weights, coherence, sensitivity).
    public static func indexAudit(_ r: IndexResult) -> ReportTable {
        let v = { (x: Double?) in x.map { NumberText.fixed($0, 6) } ?? "" }
        return ReportTable(
            name: "index_audit", columns: ["year", "step", "indicator", "unit", "detail", "value"],
            rows: r.audit.map { [String($0.year), $0.step, $0.indicator, $0.unit, $0.detail, v($0.value)] }
                + r.sensitivity.map { [String($0.year), "sensitivity", "", "", $0.source, v($0.shift)] },
            kinds: ["value": .number])
    }
}
