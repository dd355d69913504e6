import ArgumentParser
import QualityRun

// Options with a fixed set of values are parsed as those values: `--help`
// lists them, shell completion offers them, and a wrong one is refused by
// the argument parser with the choices and the subcommand's usage.

extension Choices.Language: ExpressibleByArgument {}
extension Choices.Interval: ExpressibleByArgument {}
extension Choices.FunnelAdjust: ExpressibleByArgument {}
extension Choices.Period: ExpressibleByArgument {}
extension Choices.Chart: ExpressibleByArgument {}
extension Choices.Inflate: ExpressibleByArgument {}
extension Choices.Engine: ExpressibleByArgument {}

/// `--encoding` also takes the names exports use for GB18030's subsets.
extension Choices.Encoding: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

/// File arguments complete with their extensions.
enum FileKinds {
    static let data = CompletionKind.file(extensions: ["csv", "gz", "txt", "tsv"])
    static let yaml = CompletionKind.file(extensions: ["yaml", "yml", "json"])
    static let map = CompletionKind.file(extensions: ["geojson", "json", "svg"])
}

/// A QualityRun ``UsageError`` as the argument parser's: exit 64 with the usage.
func usage<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as UsageError { throw ValidationError(e.message) }
}

/// Prints an outcome (``Terminal/show(_:quiet:json:)``) and ends with its
/// exit status. (A command without `--quiet` and `--json` passes no style:
/// an option group made outside parsing cannot be read.)
func finish(_ outcome: RunOutcome, _ style: OutputStyle? = nil) throws {
    let code = Terminal.show(outcome, quiet: style?.quiet ?? false, json: style?.json ?? false)
    if code != 0 { throw ExitCode(code) }
}
