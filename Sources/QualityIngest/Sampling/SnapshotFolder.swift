import Foundation
import QualityData

/// What became of the snapshot cache in one run (run.json's `snapshot`):
/// `used` (the table came from a snapshot), `written` (a new one was
/// written), `not_written` (one should have been, and was not: the reason),
/// `not_cached` (the inputs or the setup are never cached: a pipe, no cache
/// folder), `off` (`--no-cache`).
public enum SnapshotStatus: Sendable, Equatable {
    case off, used, written
    case notWritten(Bilingual)
    case notCached(Bilingual)

    public var id: String {
        switch self {
        case .off: return "off"
        case .used: return "used"
        case .written: return "written"
        case .notWritten: return "not_written"
        case .notCached: return "not_cached"
        }
    }

    public var reason: Bilingual? {
        switch self {
        case .notWritten(let b), .notCached(let b): return b
        default: return nil
        }
    }
}

/// The status of a load's snapshot, settled when a write in the background ends.
public final class SnapshotOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var _status: SnapshotStatus
    public init(_ s: SnapshotStatus) { _status = s }
    public var status: SnapshotStatus {
        get { lock.lock(); defer { lock.unlock() }; return _status }
        set { lock.lock(); _status = newValue; lock.unlock() }
    }
}

/// The cache folder belongs to its user: made 0700, and not used when
/// another user owns it or others can write to it — a snapshot planted
/// there would be read as the user's own data (the checksum catches
/// damage, not a writer; docs/store.md).
public enum SnapshotFolder {
    /// Makes `dir` (0700) when it is missing; nil when it is safe to read
    /// and write, else why not (in both languages).
    public static func prepare(_ dir: String) -> Bilingual? {
        var st = stat()
        if stat(dir, &st) != 0 {
            let parent = (dir as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            guard mkdir(dir, 0o700) == 0 || errno == EEXIST else {
                let why = String(cString: strerror(errno))
                return Bilingual("缓存目录 \(dir) 无法创建（\(why)）", "the cache folder \(dir) cannot be made (\(why))")
            }
            guard stat(dir, &st) == 0 else { return Bilingual("缓存目录 \(dir) 无法读取", "the cache folder \(dir) cannot be read") }
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else { return Bilingual("缓存路径 \(dir) 不是目录", "the cache path \(dir) is not a folder") }
        guard st.st_uid == geteuid() else {
            return Bilingual("缓存目录 \(dir) 属于另一个用户（uid \(st.st_uid)），不使用：其中的快照可能被他人放置；用 --cache 指定自己的目录",
                             "the cache folder \(dir) belongs to another user (uid \(st.st_uid)) and is not used: a snapshot there could have been planted; give your own with --cache")
        }
        guard st.st_mode & 0o022 == 0 else {
            return Bilingual("缓存目录 \(dir) 他人可写，不使用：其中的快照可能被他人放置；执行 chmod 700 \(dir)",
                             "the cache folder \(dir) can be written by others and is not used: a snapshot there could have been planted; run chmod 700 \(dir)")
        }
        // Ours and closed to writers: closed to readers too (the snapshots hold the records).
        if st.st_mode & 0o077 != 0 { _ = chmod(dir, 0o700) }
        guard access(dir, W_OK | X_OK) == 0 else {
            let why = String(cString: strerror(errno))
            return Bilingual("缓存目录 \(dir) 不可写（\(why)）", "the cache folder \(dir) cannot be written (\(why))")
        }
        return nil
    }

    /// Without HOME and XDG_CACHE_HOME (cron, systemd) there is no cache:
    /// never a shared folder such as /tmp.
    public static let noHome = Bilingual("未设置 HOME 与 XDG_CACHE_HOME，不使用快照缓存（可用 --cache 指定目录）",
                                         "HOME and XDG_CACHE_HOME are not set, so no snapshot cache is used (give one with --cache)")
    public static let pipe = Bilingual("输入不是普通文件（管道或设备），不缓存", "an input is not a regular file (a pipe or a device), so nothing is cached")
}
