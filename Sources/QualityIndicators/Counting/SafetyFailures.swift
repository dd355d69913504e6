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
        shares: [GroupedShare("share", low: "ci_low", high: "ci_high", numerator: 1, denominator: 0, indicator: share)],
        listedWhen: 0,
        countLabels: [Bilingual("检验批次", "Batches tested"), Bilingual("安全项目不合格批次", "Batches failing a safety item")])

    /// The share as an indicator (by national, province and product only: not nameable by a plan).
    public static let share = IndicatorDefinition(
        id: "safety_failure_share",
        name: Bilingual("安全项目不合格批次占比", "Share of batches failing a safety item"),
        unit: Bilingual("%", "%"),
        direction: .lowerIsBetter,
        formula: Bilingual("至少一个不合格项目属于安全类（微生物、重金属、农药兽药残留、添加剂、有害物质、电气安全；分类见 datasets/reference/item-classes.csv，可用 --item-classes 替换）的检验批次 ÷ 检验批次",
                           "tested batches with at least one failed item of a safety class (microbial, heavy metals, pesticide and veterinary residues, additives, harmful substances, electrical safety; classes in datasets/reference/item-classes.csv, replaceable with --item-classes) ÷ batches tested"),
        examples: [WorkedExample(numerator: 11, denominator: 499, expected: 0.02204408817635271,
                                 note: "generated history (5,000 batches, seed 5), 2011: 11 of 499 tested batches, counted by DuckDB (scripts/reference/safety_duckdb.py)")])

    public static func compute(_ t: SamplingTable, classes: ItemClasses) -> GroupedTable {
        var options = AnalysisOptions()
        options.itemClasses = classes
        return indicator.compute(t, options: options)
    }
}
