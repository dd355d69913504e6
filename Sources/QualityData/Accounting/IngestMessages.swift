/// Every user-facing text of ingestion, in Chinese and English.
public enum IngestMessages {
    public static func reason(_ r: RejectReason) -> Bilingual {
        switch r {
        case .missingValue: return Bilingual("必填字段为空", "required value is empty")
        case .invalidDate: return Bilingual("日期无法识别", "date not recognised (expected YYYY-MM-DD, YYYY/M/D, YYYY年M月D日, YYYYMMDD or an Excel serial number)")
        case .ambiguousDate: return Bilingual("日期有歧义（月/日顺序不明，请在映射文件中设置 date_format）", "ambiguous date (day/month order unknown; set date_format in a mapping file)")
        case .dateOutOfRange: return Bilingual("日期超出 1900–2100 年范围", "date outside 1900–2100")
        case .unknownValue: return Bilingual("取值无法识别", "value not recognised for this column (add it to a mapping file's values)")
        case .unknownRegionCode: return Bilingual("行政区划代码不在 GB/T 2260 代码表中", "region code not in the GB/T 2260 table")
        case .unresolvedRegionName: return Bilingual("地区名称无法对应到行政区划代码", "region name matches no GB/T 2260 division")
        case .ambiguousRegionName: return Bilingual("地区名称对应多个行政区划（请提供代码）", "region name matches several divisions (give the code)")
        case .conflictingResult: return Bilingual("同一批次的检验结论相互矛盾", "rows of the same batch disagree on the result")
        case .retestWithoutFailure:
            return Bilingual("有复检结论，但检验结论不是不合格（复检只在不合格之后）",
                             "a re-test result is given but the result is not a failure (a re-test follows a failing result)")
        case .textAfterQuote: return Bilingual("引号结束后还有文字", "text after a closing quote")
        case .unterminatedQuote: return Bilingual("引号未闭合，直到文件末尾", "quoted field not closed before the end of the file")
        case .extraFields: return Bilingual("字段多于表头", "more fields than the header")
        case .invalidEncoding:
            return Bilingual("含有不是文本的字节（detail 为该行第几个字节；文件损坏，或编码不对：可用 --encoding）",
                             "bytes that are not text in the file's encoding (detail: the byte's position in the line; a damaged file, or the wrong encoding: see --encoding)")
        case .futureDate: return Bilingual("日期晚于本次运行的日期（或 --as-of）", "date after the run's own date (or --as-of)")
        case .repeatedHeader: return Bilingual("重复的表头行（多张表拼接而成），不是批次", "the header line repeated (sheets pasted together): not a batch")
        case .invalidNumber: return Bilingual("不是有效的数值（计数须为非负整数）", "not a valid number (counts must be whole numbers ≥ 0)")
        case .rectifiedExceedsFound: return Bilingual("已整改隐患数大于发现隐患数", "hazards_rectified is greater than hazards_found")
        case .valueOutOfRange:
            return Bilingual("数值大得不可能（一次检查的隐患数上限为 \(RecordLimits.largestHazards)，统计数据的绝对值上限为 10^15）",
                             "a number too large to be true (an inspection finds at most \(RecordLimits.largestHazards) hazards; a statistic is at most 10^15 in size)")
        case .duplicateId: return Bilingual("编号重复且内容不同（已保留第一条）", "the id repeats with different content (the first row is kept)")
        }
    }

    /// A reason in a few words (a workbook column's header: 拒收：日期晚于运行日期).
    public static func reasonShort(_ r: RejectReason) -> Bilingual {
        switch r {
        case .missingValue: return Bilingual("必填为空", "missing value")
        case .invalidDate: return Bilingual("日期无法识别", "invalid date")
        case .ambiguousDate: return Bilingual("日期有歧义", "ambiguous date")
        case .dateOutOfRange: return Bilingual("日期超出范围", "date out of range")
        case .unknownValue: return Bilingual("取值无法识别", "unknown value")
        case .unknownRegionCode: return Bilingual("区划代码不存在", "unknown region code")
        case .unresolvedRegionName: return Bilingual("地区名称无法识别", "unresolved region name")
        case .ambiguousRegionName: return Bilingual("地区名称重名", "ambiguous region name")
        case .conflictingResult: return Bilingual("结论矛盾", "conflicting result")
        case .textAfterQuote: return Bilingual("引号后有文字", "text after quote")
        case .unterminatedQuote: return Bilingual("引号未闭合", "unterminated quote")
        case .extraFields: return Bilingual("字段多于表头", "extra fields")
        case .invalidEncoding: return Bilingual("编码错误", "invalid encoding")
        case .invalidNumber: return Bilingual("数值无效", "invalid number")
        case .rectifiedExceedsFound: return Bilingual("整改数大于发现数", "rectified > found")
        case .duplicateId: return Bilingual("编号重复", "duplicate id")
        case .retestWithoutFailure: return Bilingual("复检无不合格", "re-test without failure")
        case .futureDate: return Bilingual("日期晚于运行日期", "future date")
        case .repeatedHeader: return Bilingual("重复表头", "repeated header")
        case .valueOutOfRange: return Bilingual("数值超出范围", "value out of range")
        }
    }

    /// The progress line of a long load.
    /// A run whose sampling files gave no batch at all: an error, never a report of nothing.
    public static func nothingLoaded(rowsRead: Int, rejected: Int) -> Bilingual {
        let why = rejected > 0 ? Bilingual("拒收的原因见下", "why the rows were rejected is below")
            : rowsRead > 0 ? Bilingual("没有行被拒收", "no row was rejected")
            : Bilingual("文件无法读取或没有数据行（见上）", "the files could not be read or hold no rows (above)")
        return Bilingual("没有载入任何批次（读取 \(rowsRead) 行，拒收 \(rejected) 行）：未写入报告，也未记入数据库；\(why.zh)",
                         "no batch was loaded (\(rowsRead) rows read, \(rejected) rejected): no report was written and nothing was recorded; \(why.en)")
    }

    /// One rejected row for the terminal: file:line, column, value and reason.
    public static func rejectLine(_ r: RejectedRow) -> Bilingual {
        let value = Escaped.text(r.value.count > 40 ? String(r.value.prefix(40)) + "…" : r.value)
        let zh = reason(r.reason).zh, en = reason(r.reason).en
        return Bilingual("  \(r.file):\(r.line) \(r.column)=\"\(value)\"：\(zh)", "  \(r.file):\(r.line) \(r.column)=\"\(value)\": \(en)")
    }

    /// `qindex export`'s last line.
    public static func exported(rows: Int, parts: Int, folder: String) -> Bilingual {
        Bilingual("已导出 \(rows) 批次（\(parts) 个 Parquet 文件）到 \(folder)", "exported \(rows) batches (\(parts) Parquet files) to \(folder)")
    }

    /// `qindex sql` on a path an engine would read as a glob pattern.
    public static func sqlUnsafePath(option: String, path: String, characters: [String]) -> Bilingual {
        let list = characters.map { "“\($0)”" }.joined(separator: " ")
        return Bilingual("\(option) \(Escaped.text(path))：路径中含有 \(list)，DuckDB 与 Spark 会把它当作通配模式（或它不是文字），引号也无法避免；请换一个不含这些字符的目录",
                         "\(option) \(Escaped.text(path)): the path holds \(list), which DuckDB and Spark read as a pattern (or which is not text), whatever the quoting; choose a folder without them")
    }

    /// `export` into a folder that holds an export, without --append or --replace.
    public static func exportFolderHoldsExport(_ folder: String, rows: Int, files: [String]) -> Bilingual {
        let list = files.prefix(3).joined(separator: ", ") + (files.count > 3 ? " …" : "")
        return Bilingual("\(folder) 中已有一次导出（\(rows) 批次，来自 \(list)）：两次导出混在一起会被重复计数。加 --append 把本次输入与原有输入合并为一次导出（原有输入会被重新读取），或加 --replace 以本次导出取而代之，或另选 --out",
                         "\(folder) already holds an export (\(rows) batches from \(list)): two exports in one folder would be counted twice. Add --append to make one export of the earlier inputs and these (the earlier ones are read again), --replace to put this one in its place, or choose another --out")
    }
    /// `export` into a folder that is not empty and holds no export.
    public static func exportFolderNotEmpty(_ folder: String, entries: [String]) -> Bilingual {
        Bilingual("\(folder) 不是空目录，且其中没有 qindex 导出（有 \(entries.joined(separator: "、"))）：请另选一个新目录或空目录作为 --out（--replace 只替换导出自身的文件）",
                  "\(folder) is not empty and holds no qindex export (it has \(entries.joined(separator: ", "))): choose a new or empty folder for --out (--replace replaces only an export's own files)")
    }
    public static func exportNothingToAppendTo(_ folder: String) -> Bilingual {
        Bilingual("--append：\(folder) 中没有可追加的导出（_export.json）", "--append: \(folder) holds no export to add to (_export.json)")
    }
    public static func exportManifestUnreadable(_ path: String, why: Bilingual) -> Bilingual {
        Bilingual("\(path)：不是 qindex export 写出的清单（\(why.zh)）；用 --replace 重新导出", "\(path): not the manifest qindex export writes (\(why.en)); export again with --replace")
    }
    public static func exportEarlierInputGone(_ path: String, folder: String) -> Bilingual {
        Bilingual("--append：\(folder) 原有导出的输入 \(path) 已无法读取（计数表不能相加，须重新读取全部输入）：在原来的目录下运行，或用 --replace 并给出全部输入",
                  "--append: \(path), an input of the export in \(folder), cannot be read (count tables cannot be added up, so every input is read again): run from the folder the first export ran in, or use --replace with every input")
    }
    public static func exportEarlierInputChanged(_ path: String, folder: String) -> Bilingual {
        Bilingual("--append：\(folder) 原有导出的输入 \(path) 在导出后已被修改（SHA-256 不同）：用 --replace 并给出全部输入重新导出",
                  "--append: \(path), an input of the export in \(folder), has changed since (its SHA-256 differs): export again with --replace and every input")
    }

    /// A product code whose batches carry several product names (a category mapped as a product?).
    public static func productCodeNames(_ p: ProductCodeNames) -> Bilingual {
        let shown = p.names.prefix(8)
        let more = p.names.count - shown.count
        let zh = shown.map { "\($0.name) \($0.batches) 批" }.joined(separator: "、") + (more > 0 ? " 等（另 \(more) 个）" : "")
        let en = shown.map { "\($0.name) \($0.batches)" }.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
        return Bilingual("产品代码 \(Escaped.text(p.code)) 对应 \(p.names.count) 个产品名称：\(Escaped.text(zh))。产品代码应只指一种产品，按产品统计的表把它们算作一种；若这一列是产品类别，请在映射文件中把它改为 ignore",
                         "product code \(Escaped.text(p.code)) carries \(p.names.count) product names (batches): \(Escaped.text(en)). A product code names one product, and the product tables count these as one; if the column is a product category, map it to ignore in a mapping file")
    }

    /// Two headers of a file for one column: the first is read.
    public static func duplicateColumn(_ file: String, _ d: DuplicateColumn) -> Bilingual {
        let hint = ["region_name", "province_name", "city_name", "county_name"].contains(d.column)
            ? Bilingual("；地区名称分列时，请映射为 province_name、city_name、county_name", "; region names in several columns: map them to province_name, city_name, county_name")
            : Bilingual("", "")
        return Bilingual("\(file)：表头“\(Escaped.text(d.kept))”与“\(Escaped.text(d.ignored))”都对应 \(d.column)，读取前者，未读取后者\(hint.zh)",
                         "\(file): the headers \"\(Escaped.text(d.kept))\" and \"\(Escaped.text(d.ignored))\" both mean \(d.column); the first is read, the second is not\(hint.en)")
    }

    /// A latest year too small to be whole: what the headline uses instead.
    public static func partialYear(year: Int, batches: Int, median: Double, used: Int?) -> Bilingual {
        let m = median == median.rounded() ? String(Int(median)) : String(format: "%.1f", median)
        let zhUse = used.map { "；标题、重点卡片和公报用 \($0) 年（--year 可另行指定）" } ?? ""
        let enUse = used.map { "; the headline, the focus card and the bulletin are about \($0) (choose another with --year)" } ?? ""
        return Bilingual("\(year) 年只有 \(batches) 批，不到各年中位数（\(m) 批）的四分之一，像是不完整的年份（年份取自抽样日期；如次年 1 月补抽的批次）\(zhUse)",
                         "\(year) holds only \(batches) batches, under a quarter of the median year's \(m): a partial year (years come from the sampling dates; e.g. last year's tasks sampled in January)\(enUse)")
    }

    /// `--year Y` with no tested batch in Y.
    public static func noSuchYear(_ y: Int, first: Int?, last: Int?) -> Bilingual {
        let range = first.flatMap { f in last.map { "\(f)–\($0)" } } ?? "—"
        return Bilingual("--year \(y)：该年没有检验批次（数据的年份为 \(range)）", "--year \(y): no batch was tested in that year (the data cover \(range))")
    }

    /// `qindex mapping --out FILE`'s line.
    public static func mappingDrafted(_ path: String, todo: Int) -> Bilingual {
        Bilingual("已写出映射文件草稿 \(path)：请检查，并把 \(todo) 处 TODO 改为它的含义；然后 qindex report 文件 --mapping \(path)",
                  "wrote the draft mapping \(path): check it and replace its \(todo) TODOs; then qindex report FILE --mapping \(path)")
    }

    /// `--timings`: every stage's seconds, on standard error.
    public static func stageTimes(_ text: String) -> Bilingual { Bilingual("各阶段耗时：\(text)", "stages: \(text)") }

    /// The stages after loading, named for the progress line.
    public static let stageNames: [String: Bilingual] = [
        "targets": Bilingual("汇总：规划目标", "aggregate: plan targets"), "index": Bilingual("汇总：质量指数", "aggregate: index"),
        "indicators": Bilingual("汇总：合格率指标", "aggregate: pass-rate indicators"), "companions": Bilingual("汇总：监督检查与统计", "aggregate: inspections and statistics"),
        "write": Bilingual("写出报告", "write the report"), "database": Bilingual("写入数据库", "record in the database"),
        "commit": Bilingual("替换输出目录", "replace the output folder"),
    ]

    /// "3/7（43%）汇总：合格率指标…": a stage of a run on the progress line.
    public static func stageProgress(step: Int, of total: Int, name: String, seconds: Double, _ lang: Language) -> String {
        let pct = total > 0 ? (step - 1) * 100 / total : 0  // the share of stages finished before this one
        return lang == .zh ? "\(step)/\(total)（\(pct)%）\(name)…（已用 \(String(format: "%.1f", seconds)) 秒）"
                           : "\(step)/\(total) (\(pct)%) \(name)… (\(String(format: "%.1f", seconds)) s so far)"
    }

    public static func progress(path: String, read: Int, total: Int, lines: Int, perSecond: Double, _ lang: Language) -> String {
        let mb = { (b: Int) in String(format: "%.0f", Double(b) / 1_048_576) }
        let pct = total > 0 ? String(format: "%3.0f%%", min(100, Double(read) * 100 / Double(total))) : "  ?%"
        let rate = String(format: "%.2f", perSecond / 1e6)
        return lang == .zh
            ? "\(path)：\(pct)（\(mb(read))/\(mb(total)) MB），\(lines) 行，每秒 \(rate) 百万行"
            : "\(path): \(pct) (\(mb(read))/\(mb(total)) MB), \(lines) lines, \(rate) M lines/s"
    }

    static func describe(_ e: IngestError, _ lang: Language) -> String {
        let zh = lang == .zh
        switch e {
        case .cannotOpen(let p, let r):
            return zh ? "\(p)：无法打开（\(r)）" : "\(p): cannot open (\(r))"
        case .notAFile(let p, let k):
            let what = k == "folder" ? (zh ? "文件夹" : "a folder") : (zh ? "设备" : "a device")
            return zh ? "\(p)：是\(what)，不是数据文件（只读取文件或管道）" : "\(p): is \(what), not a data file (only files and pipes are read)"
        case .readFailed(let p, let o, let r):
            return zh ? "\(p)：第 \(o) 字节处读取失败（\(r)）" : "\(p): read failed at byte \(o) (\(r))"
        case .gzip(let p, let o, let r):
            return zh ? "\(p)：gzip 数据在压缩文件第 \(o) 字节处损坏或被截断（\(r)）" : "\(p): gzip error at compressed byte \(o): \(r)"
        case .binary(let p, let o):
            return zh ? "\(p)：第 \(o) 字节是 NUL，不是文本文件（应为 CSV，UTF-8 或 GB18030）" : "\(p): byte \(o) is NUL: not a text file (expected CSV in UTF-8 or GB18030)"
        case .encoding(let p, let o, let r):
            return zh ? "\(p)：第 \(o) 字节附近编码错误（\(r)）" : "\(p): encoding error near byte \(o): \(r)"
        case .encodingNotRare(let p, let n, let of, let l, let b, let enc):
            return zh ? "\(p)：\(of) 行中有 \(n) 行含有不是 \(enc) 文本的字节（第一处在第 \(l) 行第 \(b) 字节）：编码不对或文件损坏，整个文件未载入；用 --encoding 指定编码（utf-8 或 gb18030）"
                : "\(p): \(n) of \(of) rows hold bytes that are not \(enc) text (the first at line \(l), byte \(b) of the line): the wrong encoding or a damaged file, so the file was not loaded; give the encoding with --encoding (utf-8 or gb18030)"
        case .headerEncoding(let p, let l, let b, let enc):
            return zh ? "\(p)：表头（第 \(l) 行）第 \(b) 字节不是 \(enc) 文本：编码不对或文件损坏，文件未载入；用 --encoding 指定编码（utf-8 或 gb18030）"
                : "\(p): the header (line \(l)) holds a byte that is not \(enc) text at byte \(b): the wrong encoding or a damaged file, so the file was not loaded; give the encoding with --encoding (utf-8 or gb18030)"
        case .duplicateColumn(let p, let c, let h):
            return zh ? "\(p)：映射文件把表头 \(h.joined(separator: "、")) 都映射到 \(c)；每列只能对应一个表头（地区名称分列时用 province_name、city_name、county_name）"
                : "\(p): the mapping file maps the headers \(h.joined(separator: ", ")) all to \(c); a column takes one header (region names in several columns: province_name, city_name, county_name)"
        case .emptyFile(let p):
            return zh ? "\(p)：文件为空，没有表头行" : "\(p): empty file: no header row"
        case .missingColumns(let p, let m, let f):
            return zh ? "\(p)：表头缺少必需的列 \(m.joined(separator: ", "))；表头为：\(f.joined(separator: ", "))。用映射文件说明哪一列是哪个字段（--mapping FILE，见 docs/mapping.md）；qindex mapping \(p) 可生成映射文件的草稿"
                : "\(p): the header lacks required column(s) \(m.joined(separator: ", ")); found: \(f.joined(separator: ", ")). Say which header is which column in a mapping file (--mapping FILE, docs/mapping.md); `qindex mapping \(p)` writes a draft of one"
        case .recordTooLong(let p, let l):
            return zh ? "\(p)：第 \(l) 行开始的记录超过 64 MB（引号未闭合？）" : "\(p): the record starting at line \(l) exceeds 64 MB (unclosed quote?)"
        case .mapping(let p, let l, let k, let r, let rzh):
            return configFile(zh ? "映射文件" : "mapping file", p, l, k, zh ? rzh : r, zh)
        case .plan(let p, let l, let k, let r, let rzh):
            return configFile(zh ? "规划文件" : "plan file", p, l, k, zh ? rzh : r, zh)
        case .indexFramework(let p, let l, let k, let r, let rzh):
            return configFile(zh ? "指数框架文件" : "index framework file", p, l, k, zh ? rzh : r, zh)
        case .itemClasses(let p, let l, let r, let rzh):
            if l == 0 { return zh ? "不合格项目分类文件 \(p)：\(rzh)" : "item classes file \(p): \(r)" }
            return zh ? "不合格项目分类文件 \(p)：第 \(l) 行：\(rzh)" : "item classes file \(p): line \(l): \(r)"
        case .countConstraints(let v):
            let shown = v.prefix(10).map { x in
                let at = x.line > 0 ? (zh ? "\(x.path)：第 \(x.line) 行：" : "\(x.path): line \(x.line): ") : (zh ? "\(x.path)：" : "\(x.path): ")
                return "  " + at + (zh ? x.ruleZh : x.rule)
            }
            let more = v.count > 10 ? [zh ? "  另有 \(v.count - 10) 处" : "  and \(v.count - 10) more"] : []
            return (zh ? "计数表不符合计数必然满足的规则（\(v.count) 处），未生成报告：" : "the count tables break rules that counts always keep (\(v.count) places), so no report was made:")
                + "\n" + (shown + more).joined(separator: "\n")
        case .countTable(let p, let l, let r, let rzh):
            if l == 0 { return zh ? "计数表 \(p)：\(rzh)" : "count table \(p): \(r)" }
            return zh ? "计数表 \(p)：第 \(l) 行：\(rzh)" : "count table \(p): line \(l): \(r)"
        }
    }

    /// "plan file p.yaml: line 6, key taget: reason" — the line and key when known.
    /// `report --from-counts` without the inputs' accounting beside the counts.
    public static func noAccounting(_ path: String) -> Bilingual {
        Bilingual("未找到 \(path)：报告的数据质量表不列出输入文件（把 qindex export 输出的 _counts/_accounting.json 复制到计数表目录）",
                  "\(path) not found: the report's data-quality table lists no input files (copy _counts/_accounting.json of qindex export next to the count tables)")
    }

    /// `report --from-counts --plan/--index` over count tables rendered without them.
    public static func noClusterSums(directory dir: String, table: String) -> Bilingual {
        Bilingual("\(dir) 中的计数表 \(table) 没有企业聚类和（clusters 等列，0.19 之前的版本未写出）：--interval cluster 需要它们；用本版本的 qindex sql 或 qindex export 重新生成计数表，或改用其他 --interval",
                  "the count table \(table) in \(dir) has no enterprise cluster sums (the clusters columns, not written before 0.19): --interval cluster needs them; render the counts again with this version's qindex sql or qindex export, or choose another --interval")
    }

    public static func filtersNotCounted(directory dir: String, _ ids: [String]) -> Bilingual {
        Bilingual("\(dir) 中的计数表未含规划目标或指数所需的筛选计数（\(ids.joined(separator: "、"))）：用同样的 --plan 和 --index 运行 qindex sql（或 qindex export）重新生成计数表",
                  "the count tables in \(dir) hold no counts for filters the plan or the index needs (\(ids.joined(separator: " | "))): render them again with the same --plan and --index (qindex sql, or qindex export)")
    }

    static func configFile(_ kind: String, _ path: String, _ line: Int, _ key: String, _ reason: String, _ zh: Bool) -> String {
        let at = line > 0 ? (zh ? "第 \(line) 行" : "line \(line)") : ""
        let k = key.isEmpty ? "" : (zh ? "键 \(key)" : "key \(key)")
        let place = [at, k].filter { !$0.isEmpty }.joined(separator: zh ? "，" : ", ")
        let sep = zh ? "：" : ": "
        return "\(kind) \(path)\(sep)\(place.isEmpty ? "" : place + sep)\(reason)"
    }
}
