import Foundation
import QualityData

/// The version every command reports (`--version`, run.json, the pages' footer).
public enum QIndexVersion {
    public static let string = "0.20.0"
    /// The tool as run.json and the page header name it.
    public static var tool: String { "qindex \(string)" }
}

/// Everything qindex writes to standard output and standard error goes
/// through here: a control character from a file's name or cell (ESC[2J,
/// ESC]0;…, ESC[8m) is shown escaped (`\u{1B}`), never obeyed by the terminal.
public enum Terminal {
    public static func error(_ text: String) { FileHandle.standardError.write(Data((Escaped.lines(text) + "\n").utf8)) }
    public static func print(_ text: String, terminator: String = "\n") { Swift.print(Escaped.lines(text), terminator: terminator) }

    /// Prints an outcome — messages on standard error; its output on standard
    /// output as text, as its JSON with `json`, or nothing with `quiet` — and
    /// returns its exit status.
    public static func show(_ outcome: RunOutcome, quiet: Bool = false, json: Bool = false) -> Int32 {
        for line in outcome.errors { error(line) }
        if json {
            if let text = outcome.json ?? outcome.summary?.json() { print(text, terminator: "") }
        } else if !quiet {
            for line in outcome.output { print(line) }
        }
        return outcome.exitCode
    }

    /// Ends the process with `code` (`exit(3)` flushes standard output).
    public static func exit(_ code: Int32) -> Never { Foundation.exit(code) }
}

/// A first word that names no file and looks like a command: a usage error
/// (`report` is the default command, so `qindex reprot f.csv` would otherwise
/// read "reprot" as an input file).
public enum UnknownCommand {
    public static func message(_ word: String, commands: [String]) -> String? {
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

/// A mistake in how a command was called (exit 64, with the usage), in the
/// run's language: an option's value, a file an option names, two options
/// that exclude each other.
public struct UsageError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
