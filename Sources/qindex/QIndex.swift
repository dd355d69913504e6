import ArgumentParser
import Foundation

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
            Foundation.exit(code.rawValue)
        }
    }
}

enum QIndexVersion {
    static let string = "0.15.0"
}

/// A first word that names no file and looks like a command: a usage error
/// (`report` is the default command, so `qindex reprot f.csv` would otherwise
/// read "reprot" as an input file).
enum UnknownCommand {
    static func message(_ word: String, commands: [String]) -> String? {
        guard !word.contains("/"), !word.contains("."), word != "-",
              !FileManager.default.fileExists(atPath: word) else { return nil }
        let near = commands.min { distance(word, $0) < distance(word, $1) }
        let hint = near.map { distance(word, $0) <= 2 ? " Did you mean '\($0)'? / 是否想输入 '\($0)'？" : "" } ?? ""
        return "'\(word)' is neither a command (\(commands.joined(separator: ", "))) nor an input file / '\(word)' 既不是命令也不是输入文件.\(hint)"
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var prev = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cur = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return row[b.count]
    }
}
