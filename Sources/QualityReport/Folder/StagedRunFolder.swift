import CFileSwap
import Foundation
import QualityData

/// A run's folder, written in full beside `--out` and swapped in at the end
/// (docs/store.md "What is guaranteed").
///
/// - Before anything is loaded, ``init(out:)`` checks that `--out` is a
///   folder (or can be made) and writable, and makes the staging folder
///   `.<name>.qindex-staging-<pid>` beside it: a run that could not write
///   its result stops before it does any work.
/// - The run writes into the staging folder, a fresh one, so nothing an
///   earlier run left (tables of another plan, region pages, a symlink
///   planted at `regions`) mixes with it or redirects it.
/// - ``commit()`` moves what qindex did not write (any name outside
///   ``ReportWriter/ownedNames``) from `--out` into the staging folder, then
///   exchanges the two folders in one `renameat2(RENAME_EXCHANGE)` and
///   deletes the previous run's files — only those: each run lists what it
///   wrote (`.qindex-files`), and any other file in the previous folder (one
///   the user saved in `tables/`, or into `--out` while the run was
///   writing) moves back (``settle(previous:out:written:)``). A run that
///   fails or is interrupted before then leaves `--out` as it was.
public final class StagedRunFolder: @unchecked Sendable {
    /// The folder the user named, symlinks resolved.
    public let out: String
    /// Where this run writes.
    public let staging: String
    private var done = false

    static let marker = ".qindex-staging-"

    public init(out given: String) throws(OutputFolderError) {
        var path = URL(fileURLWithPath: given).standardizedFileURL.path
        var st = stat()
        let exists = stat(path, &st) == 0  // follows a symlinked --out to its folder
        if exists {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw .notAFolder(path: given) }
            path = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            guard access(path, W_OK | X_OK) == 0 else { throw .cannotWrite(path: given, errno: errno) }
        } else if lstat(path, &st) == 0 {
            throw .notAFolder(path: given)  // a symlink to nothing
        }
        out = path
        let parent = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        // The nearest part of the path that exists must be a folder.
        var ancestor = parent
        while stat(ancestor, &st) != 0, ancestor != "/" { ancestor = (ancestor as NSString).deletingLastPathComponent }
        guard (st.st_mode & S_IFMT) == S_IFDIR else { throw .cannotWrite(path: ancestor, errno: ENOTDIR) }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputFolderError.from(error, path: parent)
        }
        Self.recoverAbandoned(parent: parent, name: name, out: path)
        staging = (parent as NSString).appendingPathComponent(".\(name)\(Self.marker)\(getpid())")
        try? FileManager.default.removeItem(atPath: staging)  // left by an earlier process of the same id
        guard mkdir(staging, 0o755) == 0 else { throw .cannotWrite(path: parent, errno: errno) }
    }

    deinit { discard() }

    /// Swaps the finished run in (see the type's comment).
    public func commit() throws(OutputFolderError) {
        guard !done else { return }
        let fm = FileManager.default
        // What this run wrote, listed in the folder before anything of the user's joins it.
        let written = Self.files(under: staging)
        do {
            try Data((written + [Self.listName]).sorted().map { $0 + "\n" }.joined().utf8)
                .write(to: URL(fileURLWithPath: (staging as NSString).appendingPathComponent(Self.listName)))
        } catch {
            throw OutputFolderError.from(error, path: staging)
        }
        guard fm.fileExists(atPath: out) else {
            guard rename(staging, out) == 0 else { throw .cannotWrite(path: out, errno: errno) }
            done = true
            return
        }
        // Keep what qindex did not write: it moves with the folder.
        for entry in (try? fm.contentsOfDirectory(atPath: out)) ?? [] where !Self.owned(entry) {
            let from = (out as NSString).appendingPathComponent(entry)
            guard rename(from, (staging as NSString).appendingPathComponent(entry)) == 0 else { throw .cannotWrite(path: from, errno: errno) }
        }
        if qindex_exchange(staging, out) != 0 {
            // A file system without RENAME_EXCHANGE: two renames, with a moment between them without --out.
            guard errno == EINVAL || errno == ENOSYS else { throw .cannotWrite(path: out, errno: errno) }
            let previous = staging + "-previous"
            guard rename(out, previous) == 0 else { throw .cannotWrite(path: out, errno: errno) }
            guard rename(staging, out) == 0 else {
                let e = errno
                _ = rename(previous, out)
                throw .cannotWrite(path: out, errno: e)
            }
            Self.settle(previous: previous, out: out, written: Set(written + [Self.listName]))
        }
        done = true
        // The staging path now holds the previous folder: its run's files go,
        // anything else (saved there while this run was writing) comes back.
        Self.settle(previous: staging, out: out, written: Set(written + [Self.listName]))
    }

    /// The list of the files a run wrote (relative paths, one per line),
    /// kept in its folder so the next run knows which files were qindex's.
    static let listName = ".qindex-files"

    static func owned(_ entry: String) -> Bool { entry == listName || ReportWriter.ownedNames.contains(entry) }

    /// What qindex 0.14 and earlier wrote at the top of a run folder (they
    /// kept no list): a folder of theirs gives up these and nothing else —
    /// not a name a later format writes (`parquet/` of the user's stays).
    static let ownedByListlessVersions: Set<String> = ["rejects.csv", "run.json", "tables", "tables.xlsx", "report.md", "index.html", "bulletin.html", "regions"]

    /// Every file under `dir` (symlinks too, not followed), as paths relative to it.
    static func files(under dir: String, prefix: String = "") -> [String] {
        var out: [String] = []
        for entry in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() {
            let path = (dir as NSString).appendingPathComponent(entry), rel = prefix + entry
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            if (st.st_mode & S_IFMT) == S_IFDIR { out += files(under: path, prefix: rel + "/") } else { out.append(rel) }
        }
        return out
    }

    /// After the swap, `previous` holds the folder as it was. A file this run
    /// wrote again, or one the previous run listed as its own, goes; any
    /// other file — the user's, in an owned folder like `tables/` too, or
    /// one saved into `--out` during the run — moves back to its place in
    /// `out` (beside it, as `NAME.kept`, if this run wrote that name), so the
    /// swap never deletes a file qindex did not write. A previous folder
    /// without a list (written by qindex 0.14 or earlier) gives up what is
    /// under the names those versions wrote (index.html, tables/, regions/,
    /// …; ``ownedByListlessVersions``), as they did, and keeps the rest.
    static func settle(previous: String, out: String, written: Set<String>) {
        let fm = FileManager.default
        let listed = (try? String(contentsOfFile: (previous as NSString).appendingPathComponent(listName), encoding: .utf8))
            .map { Set($0.split(separator: "\n").map(String.init)) }
        var kept = false
        for rel in files(under: previous) {
            let top = String(rel.prefix { $0 != "/" })
            let qindexs = written.contains(rel) || (listed?.contains(rel) ?? Self.ownedByListlessVersions.contains(top))
            guard !qindexs else { continue }
            let from = (previous as NSString).appendingPathComponent(rel)
            var to = (out as NSString).appendingPathComponent(rel)
            var st = stat()
            if lstat(to, &st) == 0 { to += ".kept" }
            try? fm.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if lstat(to, &st) == 0 || rename(from, to) != 0 { kept = true }
        }
        // Nothing of the user's is left behind: the previous run's files go with the folder.
        if !kept { try? fm.removeItem(atPath: previous) }
    }

    /// Removes the staging folder unless the run was committed; `--out` stays as it was.
    public func discard() {
        guard !done else { return }
        done = true
        Self.recover(staging: staging, out: out)
    }

    /// A staging folder whose process is gone: what it holds that qindex
    /// did not write goes back to `--out` (a kill during ``commit()``), then
    /// the folder is removed. A name already back in `--out` is left there.
    static func recoverAbandoned(parent: String, name: String, out: String) {
        let prefix = ".\(name)\(marker)"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
            recover(staging: (parent as NSString).appendingPathComponent(entry), out: out)
        }
    }

    static func recover(staging: String, out: String) {
        let fm = FileManager.default
        var kept = false
        for entry in (try? fm.contentsOfDirectory(atPath: staging)) ?? [] where !owned(entry) {
            let back = (out as NSString).appendingPathComponent(entry)
            if fm.fileExists(atPath: out), !fm.fileExists(atPath: back), rename((staging as NSString).appendingPathComponent(entry), back) == 0 { continue }
            kept = true
        }
        if !kept { try? fm.removeItem(atPath: staging) }
    }
}

/// Why the run folder could not be written, with the path and the reason,
/// in the run's language.
public enum OutputFolderError: Error, Equatable, Sendable {
    case notAFolder(path: String)
    case cannotWrite(path: String, errno: Int32)
    /// A write failed for a reason that is not an errno (kept as text).
    case failed(path: String, reason: String)

    public func message(_ lang: Language) -> String {
        switch self {
        case .notAFolder(let p): return ReportStrings.outputNotAFolder(p)(lang)
        case .cannotWrite(let p, let e): return ReportStrings.outputCannotWrite(p, reason: ReportStrings.systemReason(e))(lang)
        case .failed(let p, let r): return ReportStrings.outputCannotWrite(p, reason: Bilingual(r, r))(lang)
        }
    }

    /// Foundation's file errors (NSCocoaErrorDomain) as a path and an errno.
    public static func from(_ error: Error, path fallback: String) -> OutputFolderError {
        if let e = error as? OutputFolderError { return e }
        let ns = error as NSError
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path ?? fallback
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return .cannotWrite(path: path, errno: Int32(underlying.code))
        }
        if ns.domain == NSPOSIXErrorDomain { return .cannotWrite(path: path, errno: Int32(ns.code)) }
        switch ns.code {
        case NSFileWriteOutOfSpaceError: return .cannotWrite(path: path, errno: ENOSPC)
        case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return .cannotWrite(path: path, errno: EACCES)
        case NSFileWriteVolumeReadOnlyError: return .cannotWrite(path: path, errno: EROFS)
        case NSFileWriteFileExistsError: return .cannotWrite(path: path, errno: EEXIST)
        default: return .failed(path: path, reason: ns.localizedDescription)
        }
    }
}
