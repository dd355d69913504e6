import Foundation
import QualityData

/// Messages about the run folder (``StagedRunFolder``).
extension ReportStrings {
    static func outputNotAFolder(_ path: String) -> Bilingual {
        Bilingual("输出目录 \(path) 已存在但不是目录（请用 --out 指定一个目录）；未载入任何数据，未写入任何内容",
                  "output folder \(path) exists but is not a folder (choose a folder with --out); nothing was loaded or written")
    }

    static func outputCannotWrite(_ path: String, reason: Bilingual) -> Bilingual {
        Bilingual("无法写入输出目录：\(path)（\(reason.zh)）；--out 中原有内容保持不变",
                  "cannot write the output folder: \(path) (\(reason.en)); what --out held is left as it was")
    }

    /// The reason of a failed system call, in both languages for the common ones.
    static func systemReason(_ code: Int32) -> Bilingual {
        let en = String(cString: strerror(code))
        switch code {
        case ENOSPC: return Bilingual("磁盘空间不足", en)
        case EDQUOT: return Bilingual("超出磁盘配额", en)
        case EACCES, EPERM: return Bilingual("没有写权限", en)
        case EROFS: return Bilingual("只读文件系统", en)
        case ENOTDIR: return Bilingual("路径中有一部分不是目录", en)
        case EEXIST: return Bilingual("已存在", en)
        case ENOENT: return Bilingual("路径不存在", en)
        default: return Bilingual("系统错误 \(code)：\(en)", en)
        }
    }
}
