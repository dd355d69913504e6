import QualityData

/// Batches failing at least one safety item (ItemClasses), by year and
/// overall, province and product: what share of tested batches failed on
/// safety rather than on labelling or other items.
public enum SafetyFailures {
    public static let indicator = GroupedIndicator(
        table: "safety_failures", title: Bilingual("安全项目不合格", "Safety failures"),
        countColumns: ["batches_tested", "safety_failed_batches"],
        counts: { t, options in
            let safe = (0..<t.itemNames.count).map { options.itemClasses.isSafety(t.itemNames.string(UInt32($0))) }
            let outcome = t.outcome, fail = SamplingOutcome.fail.rawValue
            return [
                { SamplingOutcome.isTested(code: outcome[$0]) ? 1 : 0 },
                { b in outcome[b] == fail && t.failedItems(of: b).contains { safe[Int($0)] } ? 1 : 0 },
            ]
        },
        groupings: [.all, .province, .column(.productCode, scope: "product")],
        shares: [GroupedShare("share", low: "ci_low", high: "ci_high", numerator: 1, denominator: 0)],
        listedWhen: 0)

    public static func compute(_ t: SamplingTable, classes: ItemClasses) -> GroupedTable {
        var options = AnalysisOptions()
        options.itemClasses = classes
        return indicator.compute(t, options: options)
    }
}
