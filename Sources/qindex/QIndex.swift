import ArgumentParser

/// qindex: product-quality indicators from supervision-sampling records.
@main
struct QIndex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qindex",
        abstract: "Pass rates, intervals and reports from product-quality supervision sampling (产品质量监督抽查合格率分析).",
        version: QIndexVersion.string,
        subcommands: [Report.self, Targets.self, Index.self, Files.self, History.self, Generate.self],
        defaultSubcommand: Report.self)
}

enum QIndexVersion {
    static let string = "0.9.0"
}
