import QualityData

/// Batches failing at least one labelling item (标签、标识、标志、说明书:
/// the `labelling` class of the item classes), by year, for all batches and
/// for every region at every level: how much of the failing is about what
/// the label says rather than what the product is. A plan target for a
/// province, a city or a county can name its share.
public enum LabellingFailures {
    public static let indicator = GroupedIndicator(
        table: "labelling_failures", title: Bilingual("标签标识不合格", "Labelling failures"),
        countColumns: ["batches_tested", "labelling_failed_batches"],
        counts: { t, options in
            let labelling = (0..<t.itemNames.count).map { options.itemClasses.rule(for: t.itemNames.string(UInt32($0)))?.itemClass == "labelling" }
            let outcome = t.outcome, fail = SamplingOutcome.fail.rawValue
            return [
                { SamplingOutcome.isTested(code: outcome[$0]) ? 1 : 0 },
                { b in outcome[b] == fail && t.failedItems(of: b).contains { labelling[Int($0)] } ? 1 : 0 },
            ]
        },
        groupings: [.all, .regions],
        shares: [GroupedShare("share", low: "ci_low", high: "ci_high", numerator: 1, denominator: 0, indicator: share)],
        listedWhen: 0,
        countLabels: [Bilingual("检验批次", "Batches tested"), Bilingual("标签标识不合格批次", "Batches failing a labelling item")],
        onDashboard: true)

    public static let share = IndicatorDefinition(
        id: "labelling_failure_share",
        name: Bilingual("标签标识不合格批次占比", "Share of batches failing a labelling item"),
        unit: Bilingual("%", "%"),
        direction: .lowerIsBetter,
        formula: Bilingual("至少一个不合格项目属于标签标识类（标签、标识、标志、说明；分类见 datasets/reference/item-classes.csv，可用 --item-classes 替换）的检验批次 ÷ 检验批次，按年度、全部批次及各级地区（县、市、省）",
                           "tested batches with at least one failed item of the labelling class (标签, 标识, 标志, 说明; classes in datasets/reference/item-classes.csv, replaceable with --item-classes) ÷ batches tested, by year, for all batches and every region at every level (county, city, province)"),
        examples: [WorkedExample(numerator: 2, denominator: 5, expected: 0.4,
                                 note: "ExportTests edge cases, 2019: 5 tested batches, 2 failing a labelling item (B1: 铅|标签 and 标签; B6: 标签); DuckDB counts the same")])
}
