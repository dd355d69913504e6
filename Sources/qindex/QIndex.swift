import ArgumentParser
import QualityRun

/// qindex: product-quality indicators from supervision-sampling records.
@main
struct QIndex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qindex",
        abstract: "Pass rates, intervals and reports from product-quality supervision sampling (产品质量监督抽查合格率分析).",
        version: QIndexVersion.string,
        subcommands: [Report.self, Targets.self, Index.self, Export.self, SQL.self, MappingDraftCommand.self, Files.self, History.self, Generate.self],
        defaultSubcommand: Report.self)

    /// ArgumentParser's own entry, with its messages (usage errors naming a
    /// path, help) written through ``Terminal``: escaped like every other line.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { Terminal.print(message) } else { Terminal.error(message) }
            }
            Terminal.exit(code.rawValue)
        }
    }
}
