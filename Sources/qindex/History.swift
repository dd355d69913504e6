import ArgumentParser
import QualityRun

extension QIndex {
    /// `qindex history INDICATOR [--region CODE]`: a series across runs and years.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print an indicator's values across runs and years from the database.",
                                                        discussion: "Examples:\n  qindex history pass_rate --region 450000\n  qindex history target:manufacturing-pass-rate --region 450000")

        @Argument(help: "Indicator: pass_rate (batch_pass_rate), enterprise_pass_rate, hazard_rectification_rate, target:ID or index:ID.")
        var indicator: String

        @Option(help: "Region code (GB/T 2260); default: all batches.")
        var region: String?

        @Option(help: "Another dimension and key instead of a region, e.g. --dimension product --key P0011.")
        var dimension: String?

        @Option(help: "Key within --dimension.")
        var key: String?

        @OptionGroup var database: DatabaseOptions

        @OptionGroup var language: LanguageOption

        func run() throws { try finish(database.request(language).history(indicator: indicator, region: region, dimension: dimension, key: key)) }
    }
}
