import Foundation
import QualityData
import QualityExport
import QualityReport

/// What `qindex export` does with a folder that already holds something
/// (DuckDB's partitioned `COPY … TO` refuses a non-empty folder unless told
/// to overwrite or append; so does qindex):
/// - new (the default): the folder must be new or empty;
/// - `--replace`: the earlier export's parts, `_counts/`, `_rejects.csv` and
///   `_export.json` give way to this one's; any other file stays;
/// - `--append`: the earlier export's inputs (listed with their SHA-256 in
///   its `_export.json`) are read again with this run's, and the folder then
///   holds one export of them all — its `_export.json` and `_counts/` cover
///   every part. Count tables cannot be added together (enterprises, repeat
///   failures and the dates are not sums), so an earlier input that is gone
///   or changed stops the run rather than be counted from a stale part.
public enum ExportMode: String, Sendable, CaseIterable {
    case new, append, replace
}

struct ExportFolder {
    let out: String
    /// The export already there (its `_export.json`), if any.
    let previous: ExportSummary?

    /// The names an export writes at the top of its folder.
    static let ownNames = ["_counts", "_rejects.csv", "_export.json", CanonicalExport.inspectionsFolder, CanonicalExport.registerFolder]
    static func isOwn(_ entry: String) -> Bool { ownNames.contains(entry) || entry.hasPrefix("year=") }

    /// Looks at `out` before anything is loaded; stops a run that would mix
    /// two exports (or write into someone's folder) unless `mode` says how.
    static func inspect(out: String, mode: ExportMode, lang: Language) throws -> ExportFolder {
        let fm = FileManager.default
        let entries = ((try? fm.contentsOfDirectory(atPath: out)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        let manifest = (out as NSString).appendingPathComponent("_export.json")
        var previous: ExportSummary?
        if fm.fileExists(atPath: manifest) {
            do {
                previous = try JSONDecoder().decode(ExportSummary.self, from: Data(contentsOf: URL(fileURLWithPath: manifest)))
            } catch {
                let why = PlainDecodingError(error)
                throw Runner.Stop(message: IngestMessages.exportManifestUnreadable(manifest, why: Bilingual(why.zh, why.en))(lang))
            }
        }
        switch mode {
        case .new:
            if let p = previous {
                throw Runner.Stop(message: IngestMessages.exportFolderHoldsExport(out, rows: p.rows, files: p.files.map(\.path))(lang))
            }
            if !entries.isEmpty { throw Runner.Stop(message: IngestMessages.exportFolderNotEmpty(out, entries: Array(entries.prefix(5)))(lang)) }
        case .append:
            guard previous != nil else {
                throw Runner.Stop(message: IngestMessages.exportNothingToAppendTo(out)(lang))
            }
        case .replace:
            break
        }
        return ExportFolder(out: out, previous: previous)
    }

    /// The earlier export's inputs, to be read again (`--append`).
    var earlierSampling: [String] { previous?.files.filter { $0.kind == "sampling" && $0.error == nil }.map(\.path) ?? [] }
    var earlierInspections: [String] { previous?.inspectionFiles.filter { $0.error == nil }.map(\.path) ?? [] }

    /// Each earlier input read again is the file it was: there, and the same SHA-256.
    func checkUnchanged(_ files: [FileReport], lang: Language) throws {
        guard let p = previous else { return }
        for old in p.files + p.inspectionFiles where old.error == nil {
            let now = files.first { $0.path == old.path }
            if now == nil || now?.error != nil {
                throw Runner.Stop(message: IngestMessages.exportEarlierInputGone(old.path, folder: out)(lang))
            }
            if let was = old.sha256, let is_ = now?.digest?.sha256, was != is_ {
                throw Runner.Stop(message: IngestMessages.exportEarlierInputChanged(old.path, folder: out)(lang))
            }
        }
    }

    /// Before this export writes (`--replace`, `--append`): the earlier
    /// export's own entries go — its parts, counts, rejects and manifest —
    /// and nothing else. The manifest goes first, so an interrupted run
    /// leaves a folder that says it holds no finished export.
    func clearEarlier() throws {
        let fm = FileManager.default
        for entry in ((try? fm.contentsOfDirectory(atPath: out)) ?? []).sorted(by: { ($0 == "_export.json" ? 0 : 1) < ($1 == "_export.json" ? 0 : 1) })
        where Self.isOwn(entry) {
            let path = (out as NSString).appendingPathComponent(entry)
            if entry.hasPrefix("year=") || entry == CanonicalExport.inspectionsFolder || entry == CanonicalExport.registerFolder {
                // Only Parquet parts (and the folders they leave empty): a user's file in a partition stays.
                try Self.removeParts(under: path)
            } else {
                try fm.removeItem(atPath: path)
            }
        }
    }

    static func removeParts(under dir: String) throws {
        let fm = FileManager.default
        for entry in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] {
            let path = (dir as NSString).appendingPathComponent(entry)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            if isDir.boolValue { try removeParts(under: path) } else if entry.hasPrefix("part-") && entry.hasSuffix(".parquet") { try fm.removeItem(atPath: path) }
        }
        if ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).isEmpty { try fm.removeItem(atPath: dir) }
    }
}

/// What `qindex export` wrote, beside the Parquet files as `_export.json`
/// (and printed by `--json`): every input's accounting and every part.
public struct ExportSummary: Codable, Sendable {
    public var schema = RunSummary.schemaVersion
    public var command = "export"
    public var tool: String
    public var rows: Int
    public var files: [RunSummary.File]
    public var parts: [Part]
    /// Inspection records exported with them (`--inspections`): their files' accounting and parts under `_inspections/`.
    public var inspectionFiles: [RunSummary.File] = []
    public var inspectionParts: [Part] = []

    public struct Part: Codable, Sendable, Equatable {
        public var path: String
        public var rows: Int
        public init(path: String, rows: Int) { self.path = path; self.rows = rows }
    }

    public init(tool: String, rows: Int, files: [RunSummary.File], parts: [Part], inspectionFiles: [RunSummary.File] = [], inspectionParts: [Part] = []) {
        self.tool = tool; self.rows = rows; self.files = files; self.parts = parts
        self.inspectionFiles = inspectionFiles; self.inspectionParts = inspectionParts
    }

    public func json() -> String { RunSummary.prettyJSON(self) }
}
