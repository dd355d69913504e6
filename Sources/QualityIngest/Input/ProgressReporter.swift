import Foundation
import QualityData
import QualityRuntime

/// A one-line progress display on standard error for long loads (bytes read,
/// rows per second), redrawn at most twice a second and erased at the end.
/// Only made when standard error is a terminal; otherwise qindex stays quiet.
final class ProgressReporter: @unchecked Sendable {
    private let path: String
    private let lang: Language
    private let started = StageClock.now()
    private var last = 0.0
    private var shown = false

    init(path: String, lang: Language) {
        self.path = path
        self.lang = lang
    }

    /// True when standard error is a terminal.
    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    func update(bytesRead: Int, totalBytes: Int, lines: Int) {
        let now = StageClock.now()
        guard now - last >= 0.5 else { return }
        last = now
        let elapsed = max(now - started, 1e-9)
        let text = IngestMessages.progress(path: Escaped.text((path as NSString).lastPathComponent), read: bytesRead, total: totalBytes,
                                           lines: lines, perSecond: Double(lines) / elapsed, lang)
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        shown = true
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// Whether the command line should show progress (standard error is a terminal).
public enum ProgressDisplay {
    public static var onTerminal: Bool { ProgressReporter.isTerminal }
}

/// The progress line for a run's stages after loading (aggregate, write,
/// database, commit): one line on standard error naming the stage and the
/// share of stages done, redrawn as each begins, erased at the end. Made
/// only when the loader's progress is (a terminal, not `--quiet`/`--json`).
public final class StageProgress: @unchecked Sendable {
    private let lang: Language
    private let stages: [String]
    private let started = StageClock.now()
    private var shown = false

    public init?(lang: Language?, stages: [String]) {
        guard let lang else { return nil }
        self.lang = lang
        self.stages = stages
    }

    /// Stage `id` begins.
    public func begin(_ id: String) {
        guard let k = stages.firstIndex(of: id) else { return }
        let name = IngestMessages.stageNames[id]?(lang) ?? id
        let text = IngestMessages.stageProgress(step: k + 1, of: stages.count, name: name, seconds: StageClock.now() - started, lang)
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        shown = true
    }

    public func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }
}
