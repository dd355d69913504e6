import QualityData

/// Re-tests (复检): how often an enterprise had a failing result re-tested,
/// and how often the re-test overturned it (failed → passed), by year,
/// testing agency and product. A batch's final result is the re-test's
/// (inputs.md), so `first_failures` = failed + overturned.
public enum Retests {
    public static let indicator = GroupedIndicator(
        table: "retests", title: Bilingual("复检", "Re-tests"),
        countColumns: ["first_failures", "retests", "overturned"],
        counts: { t, _ in
            let outcome = t.outcome, retest = t.retestResult
            let fail = SamplingOutcome.fail.rawValue, pass = SamplingOutcome.pass.rawValue
            return [
                { outcome[$0] == fail || retest[$0] != missingEnumCode ? 1 : 0 },
                { retest[$0] != missingEnumCode ? 1 : 0 },
                { retest[$0] == pass ? 1 : 0 },
            ]
        },
        groupings: [.all, .column(.testingAgency, scope: "agency"), .column(.productCode, scope: "product")],
        shares: [GroupedShare("request_rate", low: "request_ci_low", high: "request_ci_high", numerator: 1, denominator: 0), overturnedShare],
        listedWhen: 0,
        countLabels: [Bilingual("初检不合格批次", "Failed at first test"), Bilingual("申请复检批次", "Re-tests requested"),
                      Bilingual("复检改判合格批次", "Overturned on re-test")])

    /// Overturned ÷ re-tests: also a column of the testing-agency table.
    public static let overturnedShare = GroupedShare("overturned_share", low: "overturned_ci_low", high: "overturned_ci_high",
                                                     numerator: 2, denominator: 1)
}
