import Foundation
import QualityData
import QualityRuntime

/// Options for loading sampling-results files.
public struct SamplingIngestOptions: Sendable {
    public var mapping: Mapping = .builtIn
    /// Forces an encoding (otherwise detected per file).
    public var encoding: TextEncoding?
    public var regions: RegionTable = .bundled
    /// Stop at the first file that cannot be read.
    public var strict = false
    /// Gzip inflate implementation.
    public var inflate: InflateBackend = .auto
    /// Parser threads per file (1: the simple sequential path).
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Bytes per parallel chunk (whole records; larger when one record is).
    public var chunkSize = 8 << 20
    /// Folder for columnar snapshots (nil: none). A second load of the same
    /// unchanged files with the same options reads the snapshot instead.
    public var snapshotDirectory: String?
    /// Write a new snapshot on another thread while the caller goes on
    /// (the caller then waits for ``SamplingIngestResult/snapshotWrite``
    /// before it exits); otherwise `load` returns after writing it.
    public var snapshotInBackground = false
    /// Dates after this day are rejected as `future_date` (`--as-of`; default: today).
    public var asOf: Int32 = CivilDate.today
    /// Show load progress on standard error in this language (nil: silent).
    /// The command line sets it only when standard error is a terminal.
    public var progress: Language?
    public init() {}

    /// Why there is no snapshot folder though the cache was not turned off
    /// (no HOME): run.json says `not_cached` with it, and the run says so.
    public var snapshotOffReason: Bilingual?

    /// The default snapshot folder: $XDG_CACHE_HOME/qindex, else
    /// ~/.cache/qindex; nil without either (never a shared folder like /tmp).
    public static var defaultSnapshotDirectory: String? {
        let env = ProcessInfo.processInfo.environment
        if let x = env["XDG_CACHE_HOME"], x.hasPrefix("/") { return (x as NSString).appendingPathComponent("qindex") }
        guard let home = env["HOME"], home.hasPrefix("/") else { return nil }
        return ((home as NSString).appendingPathComponent(".cache") as NSString).appendingPathComponent("qindex")
    }
}

/// Everything a load produced: the table, per-file accounting and rejects.
public struct SamplingIngestResult: Sendable {
    public var table: SamplingTable
    public var files: [FileReport]
    public var rejects: [RejectedRow]
    /// Stage durations: inflate, transcode, parse (tokenize + build columns), merge.
    public var timings = StageTimings()
    /// True when the table came from a snapshot, not from the files.
    public var fromSnapshot = false
    /// A snapshot still being written (``SamplingIngestOptions/snapshotInBackground``).
    public var snapshotWrite: BackgroundWork?
    /// What became of the cache (settled once ``snapshotWrite`` is done).
    public var snapshot = SnapshotOutcome(.off)
    /// Files that could not be read (their rows are not in the table).
    public var failures: [IngestError] { files.compactMap(\.error) }
    /// The files' accounting and rejects, for the report.
    public var accounting: InputAccounting { InputAccounting(files: files, rejects: rejects, findings: findings) }
    /// What the run found about the data as a whole (set by the runner).
    public var findings: [DataFinding] = []

    public init(table: SamplingTable, files: [FileReport] = [], rejects: [RejectedRow] = [], timings: StageTimings = StageTimings()) {
        self.table = table; self.files = files; self.rejects = rejects; self.timings = timings
    }
}

/// Loads sampling results from several files into one ``SamplingTable``.
///
/// Each file is parsed into its own builder and merged only when the whole
/// file was read, so a truncated or garbled file contributes nothing but its
/// error. Batches that continue across files are merged like rows within a
/// file.
public enum SamplingIngest {
    public static func load(paths: [String], options: SamplingIngestOptions = SamplingIngestOptions()) throws -> SamplingIngestResult {
        var timings = StageTimings()
        guard let dir = options.snapshotDirectory else {
            var r = try loadFiles(paths: paths, options: options)
            r.snapshot = SnapshotOutcome(options.snapshotOffReason.map { .notCached($0) } ?? .off)
            return r
        }
        // The folder must be the user's own before anything in it is believed.
        if let unsafe = SnapshotFolder.prepare(dir) {
            var r = try loadFiles(paths: paths, options: options)
            r.snapshot = SnapshotOutcome(.notCached(unsafe))
            return r
        }
        guard let (key, digests) = timings.measure("snapshot key", { SamplingSnapshot.key(paths: paths, options: options) }) else {
            var r = try loadFiles(paths: paths, options: options)
            r.snapshot = SnapshotOutcome(.notCached(SnapshotFolder.pipe))
            return r
        }
        let path = (dir as NSString).appendingPathComponent(key + ".qsnap")
        if var r = timings.measure("snapshot read", { SamplingSnapshot.read(path: path, key: key, digests: digests, regions: options.regions, asOf: options.asOf) }) {
            r.timings = timings
            r.fromSnapshot = true
            r.snapshot = SnapshotOutcome(.used)
            try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: path)
            return r
        }
        var r = try loadFiles(paths: paths, options: options)
        for (name, secs) in timings.stages { r.timings.add(name, secs) }
        // Only what was parsed from exactly the keyed bytes is cached (a file
        // that changed between the key and the parse is not).
        guard r.failures.isEmpty else {
            r.snapshot = SnapshotOutcome(.notWritten(Bilingual("有文件未能读取", "a file could not be read")))
            return r
        }
        if r.files.map(\.digest) != digests.map(Optional.some) {
            r.snapshot = SnapshotOutcome(.notWritten(Bilingual("读取期间有文件被修改", "a file changed while it was read")))
        } else {
            // A snapshot that cannot be written only costs the next run its speed — and run.json says why.
            let loaded = r  // shares the columns; nothing is copied
            let outcome = SnapshotOutcome(.notWritten(Bilingual("尚未写完", "not finished")))
            r.snapshot = outcome
            let write: @Sendable () -> Void = {
                do {
                    try SamplingSnapshot.write(loaded, key: key, to: path, baseRegions: options.regions)
                    outcome.status = .written
                } catch let e as IngestError {
                    outcome.status = .notWritten(Bilingual(e.message(.zh), e.message(.en)))
                } catch {
                    outcome.status = .notWritten(Bilingual("\(error)", "\(error)"))
                }
                SamplingSnapshot.prune(dir)
            }
            if options.snapshotInBackground {
                r.snapshotWrite = BackgroundWork(write)
            } else {
                let t0 = StageClock.now()
                write()
                r.timings.add("snapshot write", StageClock.now() - t0)
            }
        }
        return r
    }

    static func loadFiles(paths: [String], options: SamplingIngestOptions) throws -> SamplingIngestResult {
        var global = SamplingTableBuilder(regions: options.regions)
        var files: [FileReport] = []
        var rejects: [RejectedRow] = []
        var timings = StageTimings()
        var absorbedAny = false
        for (fi, path) in paths.enumerated() {
            let loader = SamplingFileLoader(path: path, fileIndex: fi, mapping: options.mapping, regions: options.regions, asOf: options.asOf)
            do {
                try loader.load(encoding: options.encoding, inflate: options.inflate, threads: options.threads, chunkSize: options.chunkSize,
                                progress: options.progress)
            } catch let e as IngestError {
                var rep = FileReport(path: path)
                rep.error = e
                files.append(rep)
                if options.strict { throw e }
                continue
            }
            for (name, secs) in loader.timings.stages { timings.add(name, secs) }
            timings.measure("merge") {
                if absorbedAny {
                    global.absorb(loader.builder)
                } else {
                    // The first file read becomes the global builder as it is: nothing to re-code.
                    global = loader.builder
                    absorbedAny = true
                }
            }
            rejects.append(contentsOf: loader.rejects)
            files.append(loader.report)
        }
        // Hand the builder over (consume) so finish() can free its buffers early.
        let finishStart = StageClock.now()
        let (table, dropped, late) = (consume global).finish()
        timings.add("finish", StageClock.now() - finishStart)
        for m in late {
            if m.kind == .continuationWasDuplicate {  // already counted as merged, not as loaded
                files[m.file].duplicates += 1
                continue
            }
            files[m.file].loaded -= 1
            switch m.kind {
            case .continuation: files[m.file].merged += 1
            case .duplicate: files[m.file].merged += 1; files[m.file].duplicates += 1
            case .conflict:
                files[m.file].rejected += 1
                files[m.file].rejectedByReason[.conflictingResult, default: 0] += 1
                rejects.append(.conflict(file: paths[m.file], line: m.line, outcome: m.outcome, earlierFile: paths[m.intoFile], earlierLine: m.intoLine))
            case .continuationWasDuplicate: break
            }
        }
        // A conflict found where a batch's rows followed each other names the
        // first row of the batch as far as that chunk or file had seen it; if
        // that batch merged into an earlier one at the end, the conflict names
        // the earlier one's first row — as a conflict found at the end does —
        // so both load paths and every chunk size say the same line.
        var mergedInto: [String: (file: String, line: Int)] = [:]
        for m in late { mergedInto["\(m.line)\u{0}\(paths[m.file])"] = (paths[m.intoFile], m.intoLine) }
        if !mergedInto.isEmpty {
            for i in rejects.indices {
                guard let e = rejects[i].conflictEarlier, let t = mergedInto["\(e.line)\u{0}\(e.file)"] else { continue }
                rejects[i] = rejects[i].conflict(earlierFile: t.file, earlierLine: t.line)
            }
        }
        for d in dropped {
            files[d.file].loaded -= 1
            files[d.file].rejected += 1
            files[d.file].rejectedByReason[.conflictingResult, default: 0] += 1
            rejects.append(RejectedRow(file: paths[d.file], line: d.line, column: "batch_id", value: d.batchId,
                                       reason: .conflictingResult, detail: "batch dropped"))
        }
        let order = Dictionary(paths.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        rejects.sort { (order[$0.file] ?? 0, $0.line) < (order[$1.file] ?? 0, $1.line) }
        return SamplingIngestResult(table: table, files: files, rejects: rejects, timings: timings)
    }
}

extension SamplingIngestResult {
    /// How this load differs from `other`, a load of the same files by the
    /// other path (sequential or chunk-parallel): empty when they are the
    /// same — the fuzzer's oracle and the tests', declared once.
    ///
    /// One difference is allowed, and said in docs/architecture.md: for a
    /// batch dropped because its rows disagree on the result, which of its
    /// repeated rows count as rejected (`conflicting_result`) and which as
    /// merged can depend on where the chunks were cut (rows that follow each
    /// other merge as they are read; others only at the end). The table,
    /// every other reject and every other count must still be the same, and
    /// each load's accounting must close.
    public func differences(from other: SamplingIngestResult) -> [String] {
        var out: [String] = []
        if table.count != other.table.count { out.append("rows \(table.count) vs \(other.table.count)") }
        if table.outcome != other.table.outcome || table.day != other.table.day { out.append("columns differ") }
        let dropped = rejects.contains { $0.reason == .conflictingResult && $0.column == "batch_id" }
        func neutral(_ r: SamplingIngestResult) -> ([RejectedRow], [FileReport]) {
            guard dropped else { return (r.rejects, r.files) }
            let rejects = r.rejects.filter { $0.reason != .conflictingResult }
            let files = r.files.map { f -> FileReport in
                var f = f
                f.loaded = 0; f.merged = 0; f.duplicates = 0; f.rejected = 0; f.rejectedByReason[.conflictingResult] = nil
                return f
            }
            return (rejects, files)
        }
        let (a, b) = (neutral(self), neutral(other))
        if a.0 != b.0 {
            let first = zip(a.0, b.0).first { $0 != $1 }
            out.append("rejects (\(a.0.count) vs \(b.0.count)) first differing: \(first.map { "\($0.0) vs \($0.1)" } ?? "one list longer")")
        }
        if a.1 != b.1 { out.append("file accounting \(files) vs \(other.files)") }
        for f in files + other.files where f.error == nil && !f.accountingCloses {
            out.append("\(f.path): rows read \(f.rowsRead) ≠ loaded \(f.loaded) + rejected \(f.rejected) + empty \(f.emptyLines) + merged \(f.merged)")
        }
        return out
    }
}
