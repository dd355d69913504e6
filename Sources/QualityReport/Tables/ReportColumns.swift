import QualityData
import QualityIndicators

/// What a table column holds — declared once, read by every writer (the
/// workbook's cell types and number formats come from here, never from
/// guessing at a column's name).
public enum ColumnKind: String, Sendable, Equatable, CaseIterable {
    /// An identifier: always text, also when all digits (`450100`, `P0011`).
    case code
    /// A name, a label or free text.
    case text
    /// A whole number: batches, enterprises, rows, ranks.
    case count
    /// A year (a whole number, never summed).
    case year
    /// A fraction 0–1 (a rate, an interval bound, a share): a percentage in a spreadsheet.
    case proportion
    /// Any other number: percentage points, p-values, scores, ratios, expected counts.
    case number
    /// yes / no.
    case flag
    /// A calendar date, ISO 8601 (`2020-03-01`): a date in a spreadsheet.
    case date
}

/// The declared kind of every column the report writes. A table may
/// override a name whose meaning is its own (`value` is a number in
/// targets.csv, text in rejects.csv). `ReportOutputTests.everyColumnHasADeclaredKind`
/// checks that every column of every table of a run has a declaration.
public enum ReportColumns {
    static let declared: [String: ColumnKind] = {
        var k: [String: ColumnKind] = [:]
        for c in ["region_code", "parent_code", "product_code", "enterprise", "testing_agency", "target_id", "key", "item", "period"] { k[c] = .code }
        for c in ["region_name", "product_name", "region_level", "level", "channel", "enterprise_size", "file", "kind", "status", "encoding",
                  "separator", "mapping", "ignored_headers", "column", "value", "reason", "reason_text", "detail", "title_zh", "title_en",
                  "indicator", "direction", "eurostat_category", "band_zh", "band_en", "step", "unit", "scope", "inspection_type",
                  "risk_class", "funnel_flag", "funnel_limits", "signal", "chart", "name", "normalised_values", "finding",
                  "failed_products"] { k[c] = .text }  // failed_products: the product keys, joined with |
        for c in ["first_date", "last_date", "first_failure", "last_failure"] { k[c] = .date }
        for c in ["value_from_run", "baseline_from_run"] { k[c] = .code }  // a database run id: an identifier, not a quantity
        for c in ["batches_sampled", "batches_tested", "passed", "failed", "excluded", "enterprises_tested", "enterprises_passed",
                  "enterprises_failed", "enterprises_resampled_12m", "failures", "longest_failure_run", "failed_batches",
                  "follow_up_batches_tested", "follow_up_passed", "rows_read", "loaded", "merged", "duplicates", "rejected", "empty_lines",
                  "invalid_credit_codes", "unresolved_region_names", "line", "numerator", "denominator", "inspections", "enterprises_inspected",
                  "hazards_found", "hazards_rectified", "counties", "counties_inspected", "townships_known", "townships_inspected",
                  "licensed_enterprises", "licensed_inspected", "rank", "rank_change", "rank_low", "rank_high"] { k[c] = .count }
        for c in ["year", "baseline_year", "target_year", "projected_year"] { k[c] = .year }
        for c in ["pass_rate", "ci_low", "ci_high", "eb_rate", "eb_ci_low", "eb_ci_high", "enterprise_pass_rate", "enterprise_ci_low",
                  "enterprise_ci_high", "follow_up_pass_rate", "resampled_share", "share", "centre", "lcl", "ucl", "rectification_rate",
                  "county_coverage", "township_coverage", "enterprise_coverage", "progress", "expected_progress"] { k[c] = .proportion }
        for c in ["change_pp", "change_p_value", "change_q_value", "q_value", "diff_pp_vs_parent", "diff_pp_vs_all", "p_value", "expected_failures", "failure_ratio",
                  "eurostat_ratio", "deff", "effective_batches", "baseline_value", "target_value", "milestone", "score", "rank_median", "diff_vs_parent", "sigma_z"] { k[c] = .number }
        for c in ["accounting_closes", "gzip", "on_track", "consecutive", "window_complete", "beyond_limits", "run_rule", "two_of_three",
                  "after_target_year"] { k[c] = .flag }
        return k
    }()

    /// Column families named by a prefix, declared with their kind.
    static let families: [(prefix: String, kind: ColumnKind)] = [
        ("rejected_", .count), ("outcome_", .count), ("group_", .number), ("norm_", .number), ("raw_", .number),
    ]

    /// The declared kind of a column name, nil when it has none.
    public static func kind(_ name: String) -> ColumnKind? {
        declared[name] ?? families.first { name.hasPrefix($0.prefix) }?.kind ?? groupedKinds[name] ?? schemaKind(name)
    }

    /// The grouped indicators' columns, as they declare them: counts, and each share with its interval bounds.
    static let groupedKinds: [String: ColumnKind] = {
        var k: [String: ColumnKind] = [:]
        for g in GroupedIndicator.registry {
            for c in g.countColumns { k[c] = .count }
            for s in g.shares { for c in [s.column, s.low, s.high] { k[c] = .proportion } }
        }
        return k
    }()

    /// A column named after a column of the sampling schema (a breakdown's
    /// key, `sampling_agency`): a code where the schema normalises it as a
    /// code, else text.
    static func schemaKind(_ name: String) -> ColumnKind? {
        SamplingColumn(rawValue: name).map { $0.spec.normalisation == .code ? .code : .text }
    }
}
