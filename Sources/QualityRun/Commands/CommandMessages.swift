import Foundation
import QualityData
import QualityReport

/// What the command line itself says (option checks, `generate`), in both
/// languages: the one place a translator finds the command line's strings
/// (the executable only declares the options; every check is here in QualityRun).
/// Loader, report and database messages live in IngestMessages,
/// ReportStrings and StoreText.
public enum CommandMessages {
    public static let batchesPositive = Bilingual("--batches 须为正数", "--batches must be positive")
    public static let batchesAtMost = Bilingual("--batches 至多 \(RecordLimits.largestGeneratedBatches)（一亿）：生成器在内存中保存每批的企业与编号，每批约 30 字节（上限时约 3 GB）；更大的数据请分几次生成（用不同的 --seed）",
                                         "--batches is at most \(RecordLimits.largestGeneratedBatches) (a hundred million): the generator keeps each batch's enterprise and id in memory, about 30 bytes each (about 3 GB at the bound); make larger data in several runs (different --seed)")
    public static let noDbWithDb = Bilingual("--no-db 与 --db 不能同时给出：要记录就去掉 --no-db，不记录就去掉 --db",
                                      "--no-db and --db cannot be given together: drop --no-db to record the run, or --db not to")
    public static let noISAL = Bilingual("--inflate isal：本程序构建时未找到 ISA-L（安装 libisal-dev 后重新构建）",
                                  "--inflate isal: this build has no ISA-L (install libisal-dev and rebuild)")
    public static let threadsAtLeastOne = Bilingual("--threads 至少为 1", "--threads must be at least 1")
    public static func regionsUnreadable(_ path: String) -> Bilingual { Bilingual("--regions \(path)：无法按 UTF-8 读取", "--regions \(path): cannot be read as UTF-8 text") }
    public static func noSuchFile(_ option: String, _ path: String) -> Bilingual {
        Bilingual("\(option) \(path)：无法打开（文件不存在）", "\(option) \(path): cannot open (no such file)")
    }
    /// Why `files` and `history` cannot open a database that is not there.
    public static let noSuchDatabaseFile = Bilingual("文件不存在", "no such file")
    public static let regionsReplaceWithoutTable = Bilingual("--regions-replace 需要与 --regions FILE 一起使用", "--regions-replace needs --regions FILE")
    /// `0.01`, `1%`: a share from 0 to 1.
    public static func share(_ s: String) -> Double? {
        let t = s.trimmingCharacters(in: .whitespaces)
        let v = t.hasSuffix("%") ? Double(t.dropLast()).map { $0 / 100 } : Double(t)
        guard let v, v.isFinite, (0...1).contains(v) else { return nil }
        return v
    }
    public static func badShare(_ s: String) -> Bilingual {
        Bilingual("--max-reject-share \(s)：应为 0 至 1 之间的比例（如 0.01 或 1%）", "--max-reject-share \(s): expected a share from 0 to 1 (0.01 or 1%)")
    }
    public static func badAsOf(_ s: String) -> Bilingual { Bilingual("--as-of \(s)：应为日期（YYYY-MM-DD）", "--as-of \(s): expected a date (YYYY-MM-DD)") }
    public static let quietOrJSON = Bilingual("--quiet 与 --json 只能选一个", "--quiet and --json: choose one")
    /// Said where the language is not known yet (an option group's own check): in both.
    public static var quietOrJSONInBoth: String { "\(quietOrJSON(.en)) (\(quietOrJSON(.zh)))" }
    public static let appendOrReplace = Bilingual("--append 与 --replace 只能选一个", "--append and --replace cannot be used together")
    public static let missingFiles = Bilingual("缺少参数 '<files> ...'（抽查结果文件）", "Missing expected argument '<files> ...' (sampling-result files)")
    public static let fromCountsWithFiles = Bilingual("--from-counts 从计数表生成报告，不能同时给出抽查结果文件",
                                               "--from-counts reports from count tables: give no sampling-result files with it")
    public static let runLengthAtLeastTwo = Bilingual("--run-length 至少为 2", "--run-length must be at least 2")
    public static func notARegionCode(_ option: String, _ code: String) -> Bilingual {
        Bilingual("\(option) \(code)：不是区划代码表中的代码", "\(option) \(code): not a code of the region table")
    }
    public static let formatList = Bilingual("--format：以逗号分隔的 \(OutputFormat.allCases.map(\.rawValue).joined(separator: "、"))",
                                             "--format: a comma-separated list of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")

    // generate
    public static func wroteSampling(_ path: String, batches: Int, rows: Int, continuation: Int, duplicate: Int, enterprises: Int, products: Int) -> Bilingual {
        Bilingual("已写出 \(path)：\(batches) 批次，\(rows) 行（续行 \(continuation)，重复 \(duplicate)），企业 \(enterprises) 家，产品 \(products) 种",
                  "wrote \(path): \(batches) batches in \(rows) rows (\(continuation) continuation, \(duplicate) duplicate), \(enterprises) enterprises, \(products) products")
    }
    public static func wroteInspections(_ path: String, inspections: Int, planted: Int) -> Bilingual {
        Bilingual("已写出 \(path)：监督检查 \(inspections) 条（其中 \(planted) 行故意设为应拒收）", "wrote \(path): \(inspections) inspections (\(planted) rows made to be rejected)")
    }
    public static func wroteStatistics(_ path: String, count: Int) -> Bilingual {
        Bilingual("已写出 \(path)：地区统计 \(count) 条", "wrote \(path): \(count) regional statistics")
    }
}
