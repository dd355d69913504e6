import ArgumentParser
import QualityData
import QualityIndicators
import QualityIngest

// Options with a fixed set of values are parsed as those values: `--help`
// lists them, shell completion offers them, and a wrong one is refused by
// the argument parser with the choices and the subcommand's usage.

extension Language: ExpressibleByArgument {}
extension IntervalMethod: ExpressibleByArgument {}
extension FunnelAdjustment: ExpressibleByArgument {}
extension ChartPeriod: ExpressibleByArgument {}
extension ChartMethod: ExpressibleByArgument {}
extension InflateBackend: ExpressibleByArgument {}

/// `--encoding` also takes the names exports use for GB18030's subsets.
extension TextEncoding: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

/// File arguments complete with their extensions.
enum FileKinds {
    static let data = CompletionKind.file(extensions: ["csv", "gz", "txt", "tsv"])
    static let yaml = CompletionKind.file(extensions: ["yaml", "yml", "json"])
    static let map = CompletionKind.file(extensions: ["geojson", "json", "svg"])
}
