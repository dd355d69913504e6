import QualityData
import QualityIndicators
import QualityIngest

/// Builds the output tables (outputs.md) from a load and its analysis.
public enum ReportTables {
    static let countColumns = ["batches_sampled", "batches_tested", "passed", "failed", "excluded",
                               "pass_rate", "ci_low", "ci_high", "change_pp", "change_p_value"]
    static let enterpriseColumns = ["enterprises_tested", "enterprises_passed", "enterprise_pass_rate",
                                    "enterprise_ci_low", "enterprise_ci_high"]

    static func countCells(_ r: PassRateRow) -> [String] {
        let c = r.counts
        return [String(c.sampled), String(c.tested), String(c.passed), String(c.failed), String(c.excluded),
                NumberText.rate(r.rate), NumberText.rate(r.interval?.low), NumberText.rate(r.interval?.high),
                NumberText.points(r.changePP), NumberText.pValue(r.changeP)]
    }

    static func enterpriseCells(_ r: PassRateRow) -> [String] {
        [String(r.counts.enterprisesTested), String(r.counts.enterprisesPassed), NumberText.rate(r.enterpriseRate),
         NumberText.rate(r.enterpriseInterval?.low), NumberText.rate(r.enterpriseInterval?.high)]
    }

    public static func byYear(_ a: PassRateAnalysis) -> ReportTable {
        ReportTable(name: "pass_rate_by_year", columns: ["year"] + countColumns + enterpriseColumns,
                    rows: a.byYear.map { [String($0.year)] + countCells($0) + enterpriseCells($0) })
    }

    public static func byRegion(_ a: PassRateAnalysis) -> ReportTable {
        ReportTable(
            name: "pass_rate_by_region",
            columns: ["year", "region_code", "region_name", "region_level", "parent_code"] + countColumns
                + ["diff_pp_vs_parent", "p_value"] + enterpriseColumns,
            rows: (a.byDimension[.region] ?? []).map {
                [String($0.year), $0.key, $0.label, $0.regionLevel, $0.parentKey] + countCells($0)
                    + [NumberText.points($0.diffPPvsParent), NumberText.pValue($0.parentP)] + enterpriseCells($0)
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
        let keyColumns: [String]
        switch d {
        case .product: keyColumns = ["product_code", "product_name"]
        case .agency: keyColumns = ["testing_agency"]
        default: keyColumns = [d.rawValue]
        }
        return ReportTable(
            name: "pass_rate_by_\(d.rawValue)",
            columns: ["year"] + keyColumns + countColumns + ["diff_pp_vs_all", "p_value"] + enterpriseColumns,
            rows: (a.byDimension[d] ?? []).map {
                [String($0.year)] + (keyColumns.count == 2 ? [$0.key, $0.label] : [$0.key]) + countCells($0)
                    + [NumberText.points($0.diffPPvsParent), NumberText.pValue($0.parentP)] + enterpriseCells($0)
            })
    }

    public static func enterpriseSummary(_ a: PassRateAnalysis) -> ReportTable {
        ReportTable(name: "enterprise_summary",
                    columns: ["year", "enterprises_tested", "enterprises_passed", "enterprise_pass_rate", "ci_low", "ci_high"],
                    rows: a.byYear.map { [String($0.year)] + enterpriseCells($0) })
    }

    public static func dataQuality(_ files: [FileReport], lang: Language) -> ReportTable {
        let reasons = RejectReason.allCases
        var t = ReportTable(
            name: "data_quality",
            columns: ["file", "status", "encoding", "gzip", "separator", "mapping", "rows_read", "loaded", "merged", "duplicates",
                      "rejected", "empty_lines", "invalid_credit_codes", "unresolved_region_names", "accounting_closes",
                      "first_date", "last_date"] + reasons.map { "rejected_" + $0.rawValue } + ["ignored_headers"])
        for f in files {
            t.rows.append([f.path, f.error.map { $0.message(lang) } ?? "ok", f.encoding, f.gzip ? "yes" : "no", f.separator, f.mapping,
                           String(f.rowsRead), String(f.loaded), String(f.merged), String(f.duplicates), String(f.rejected),
                           String(f.emptyLines), String(f.invalidCreditCodes), String(f.unresolvedRegionNames),
                           f.accountingCloses ? "yes" : "no", f.firstDay.map(CivilDate.iso) ?? "", f.lastDay.map(CivilDate.iso) ?? ""]
                          + reasons.map { String(f.rejectedByReason[$0] ?? 0) } + [f.ignoredHeaders.joined(separator: "|")])
        }
        return t
    }

    public static func rejects(_ rows: [RejectedRow], lang: Language) -> ReportTable {
        ReportTable(name: "rejects", columns: ["file", "line", "column", "value", "reason", "reason_text", "detail"],
                    rows: rows.map { [$0.file, String($0.line), $0.column, $0.value, $0.reason.rawValue,
                                      IngestMessages.reason($0.reason)(lang), $0.detail] })
    }
}
