import Foundation
import QualityData
import QualityIngest

/// Reads the count tables of `report --from-counts DIR`: one CSV per
/// ``CountTableKind`` (`counts_region.csv`, …), as `qindex export` writes
/// them from qindex's own kernel (`_counts/`), DuckDB's `COPY … TO` writes
/// them, or a folder of `part-*.csv` files as Spark's `INSERT OVERWRITE
/// DIRECTORY` writes them. Every table must be there and every row must be
/// whole: a count table is a summary, so a row that cannot be read fails
/// the run with its file and line instead of being skipped.
public enum CountTablesFile {
    /// The columns a count table by group cannot do without.
    static let countRequired = ["year", "batches_sampled", "passed", "failed", "enterprises_tested", "enterprises_passed"]

    /// The files of one table under `dir`: `NAME.csv`, or the CSV parts of a folder `NAME/`.
    static func files(_ table: String, in dir: String, every: [String]) throws -> [String] {
        let fm = FileManager.default
        let file = (dir as NSString).appendingPathComponent(table + ".csv")
        if fm.fileExists(atPath: file) { return [file] }
        let folder = (dir as NSString).appendingPathComponent(table)
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue {
            let parts = ((try? fm.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasSuffix(".csv") && !$0.hasPrefix(".") && !$0.hasPrefix("_") }.sorted()
                // Spark may leave an empty part where a partition had no rows.
                .filter { ((try? fm.attributesOfItem(atPath: (folder as NSString).appendingPathComponent($0))[.size] as? Int) ?? 0) > 0 }
            if !parts.isEmpty { return parts.map { (folder as NSString).appendingPathComponent($0) } }
        }
        throw IngestError.countTable(path: file, line: 0, reason: "missing (every table qindex sql renders is needed: \(every.joined(separator: ", ")))",
                                     reasonZh: "不存在（需要 qindex sql 生成的全部计数表：\(every.joined(separator: "、"))）")
    }

    /// Reads every table under `dir`, checking enum keys against their declared ids. A region
    /// code the table does not hold is added to `regions` as a region outside GB/T 2260, as
    /// the loader does for the records the counts came from.
    public static func read(directory dir: String, regions: inout RegionTable, grouped: [GroupedCountTableSpec]) throws -> CountCube {
        let origins = Origins()
        var cube = CountCube()
        let every = CountTableKind.allCases.map(\.table) + grouped.map(\.table) + CountCube.otherTables
        for kind in CountTableKind.allCases {
            cube.tables[kind.table] = try readRows(kind.table, columns: CountTableKind.columns, required: countRequired, in: dir, every: every, origins: origins) { r, path in
                try row(r, kind: kind, regions: &regions, path: path)
            }
        }
        for spec in grouped {
            cube.grouped[spec.table] = try readRows(spec.table, columns: spec.columns, required: ["year", "scope"] + spec.countColumns,
                                                    in: dir, every: every, origins: origins) { r, path in
                try groupedRow(r, spec: spec, regions: regions, path: path)
            }
        }
        cube.failedItems = try readRows(CountCube.failedItemsTable, columns: ItemCount.columns, in: dir, every: every, origins: origins) { r, path in
            ItemCount(year: try year(r, path), productCode: r.value("product_code") ?? "", productName: r.value("product_name") ?? "",
                      item: r.value("item") ?? "", failures: try count(r, path, "failures"))
        }
        cube.followUpEnterprises = try readRows(CountCube.followUpEnterprisesTable, columns: FollowUpEnterprises.columns, in: dir, every: every, origins: origins) { r, path in
            FollowUpEnterprises(year: try year(r, path), enterprisesFailed: try count(r, path, "enterprises_failed"),
                                enterprisesResampled: try count(r, path, "enterprises_resampled"))
        }
        cube.repeatFailures = try readRows(CountCube.repeatFailuresTable, columns: RepeatFailureCount.columns, in: dir, every: every, origins: origins) { r, path in
            guard let enterprise = r.value("enterprise") else { throw failure(r, path, "enterprise", "missing", "缺失") }
            return RepeatFailureCount(enterprise: enterprise, regionCode: r.value("region_code") ?? "",
                                      batchesTested: try count(r, path, "batches_tested"), failures: try count(r, path, "failures"),
                                      longestFailureRun: try count(r, path, "longest_failure_run"),
                                      firstFailure: try day(r, path, "first_failure"), lastFailure: try day(r, path, "last_failure"),
                                      products: RepeatFailureCount.splitProducts(r.value("products") ?? "").sorted())
        }
        cube.repeatFailureProducts = try readRows(CountCube.repeatFailureProductsTable, columns: RepeatFailureProductCount.columns,
                                                  in: dir, every: every, origins: origins) { r, path in
            guard let enterprise = r.value("enterprise") else { throw failure(r, path, "enterprise", "missing", "缺失") }
            return RepeatFailureProductCount(enterprise: enterprise, year: try year(r, path), productCode: r.value("product_code") ?? "",
                                             batchesTested: try count(r, path, "batches_tested"), failures: try count(r, path, "failures"))
        }
        let dates = try readRows(CountCube.datesTable, columns: ["first_day", "last_day"], in: dir, every: every, origins: origins) { r, path in
            (try day(r, path, "first_day"), try day(r, path, "last_day"))
        }
        guard let span = dates.first else {
            throw IngestError.countTable(path: (dir as NSString).appendingPathComponent(CountCube.datesTable + ".csv"), line: 0,
                                         reason: "no rows: the first and last sampling date are needed", reasonZh: "没有数据行：需要最早和最晚抽样日期")
        }
        (cube.firstDay, cube.lastDay) = span
        try readFiltered(into: &cube, directory: dir, regions: &regions, origins: origins)
        if cube.rows(.year).isEmpty {
            throw IngestError.countTable(path: (dir as NSString).appendingPathComponent(CountTableKind.year.table + ".csv"), line: 0,
                                         reason: "no rows: the counts hold no batches", reasonZh: "没有数据行：计数表中没有任何批次")
        }
        // Checked as a database checks its constraints, before anything is derived (CountConstraints).
        let loaded = try accounting(directory: dir).map { a in a.files.filter { $0.kind == "sampling" }.reduce(0) { $0 + $1.loaded } }
        let violations = cube.violations(grouped: grouped, loadedBatches: loaded, regions: regions)
        if !violations.isEmpty {
            throw IngestError.countConstraints(violations: violations.map { v in
                let (path, line) = origins.place(v.table, v.row, directory: dir)
                return CountViolationText(path: path, line: line, rule: v.rule.en, ruleZh: v.rule.zh)
            })
        }
        cube.sort()
        return cube
    }

    /// Where each row of each table was read (its file and line), for the violations' messages.
    final class Origins: @unchecked Sendable {
        var rows: [String: [(String, Int)]] = [:]
        func record(_ table: String, _ path: String, _ line: Int) { rows[table, default: []].append((path, line)) }
        func place(_ table: String, _ row: Int, directory dir: String) -> (String, Int) {
            if row >= 0, let r = rows[table], row < r.count { return r[row] }
            return ((dir as NSString).appendingPathComponent(table.hasSuffix(".json") ? table : table + ".csv"), 0)
        }
    }

    /// The filtered sets of a plan and an index, where the SQL was rendered
    /// for them: `counts_filters` (each filter counted: its records and id) and
    /// `counts_filtered` (each sampling filter's counts by region, `000000` for
    /// all). Neither: no filter was counted. Then the inspections, where they
    /// were counted: `counts_inspections` with `counts_inspection_population`.
    static func readFiltered(into cube: inout CountCube, directory dir: String, regions: inout RegionTable, origins: Origins? = nil) throws {
        let fm = FileManager.default
        func present(_ table: String) -> Bool {
            fm.fileExists(atPath: (dir as NSString).appendingPathComponent(table + ".csv")) || fm.fileExists(atPath: (dir as NSString).appendingPathComponent(table))
        }
        func region(_ r: RecordRow, _ path: String, _ column: String, regions: inout RegionTable) throws -> String {
            let code = r.value(column) ?? ""
            guard !code.isEmpty else { throw failure(r, path, column, "not a region code", "不是地区代码") }
            if regions.index(ofCode: code) == nil { _ = regions.addOther(code: code) }
            return code
        }
        var inspectionFilters: [String] = []
        if present(CountCube.filtersTable) {
            let listed = try readRows(CountCube.filtersTable, columns: CountCube.filtersColumns, required: CountCube.filtersColumns, in: dir,
                                      every: [CountCube.filtersTable]) { r, path -> (String, String) in
                let records = r.value("records") ?? ""
                guard records == "sampling" || records == "inspections" else { throw failure(r, path, "records", "expected sampling or inspections", "应为 sampling 或 inspections") }
                guard let key = r.value("key"), !key.isEmpty else { throw failure(r, path, "key", "missing", "缺失") }
                return (records, key)
            }
            cube.filters = listed.filter { $0.0 == "sampling" }.map(\.1)
            inspectionFilters = listed.filter { $0.0 == "inspections" }.map(\.1)
        }
        if !cube.filters.isEmpty || present(CountCube.filteredTable) {
            let counted = Set(cube.filters)
            cube.filtered = try readRows(CountCube.filteredTable, columns: CountTableKind.columns, required: countRequired, in: dir,
                                         every: [CountCube.filtersTable, CountCube.filteredTable], origins: origins) { r, path in
                let row = try counts(r, path: path, key: r.value("key") ?? "", subKey: try region(r, path, "sub_key", regions: &regions))
                guard counted.contains(row.key) else { throw failure(r, path, "key", "a filter not listed in \(CountCube.filtersTable)", "不是 \(CountCube.filtersTable) 列出的筛选") }
                return row
            }
        }
        guard !inspectionFilters.isEmpty || present(InspectionCounts.table) || present(InspectionCounts.populationTable) else { return }
        var i = InspectionCounts()
        i.filters = inspectionFilters
        let known = Set([""] + inspectionFilters), pair = [InspectionCounts.table, InspectionCounts.populationTable]
        func filter(_ r: RecordRow, _ path: String) throws -> String {
            let f = r.value("filter") ?? ""
            guard known.contains(f) else { throw failure(r, path, "filter", "a filter not listed in \(CountCube.filtersTable)", "不是 \(CountCube.filtersTable) 列出的筛选") }
            return f
        }
        i.rows = try readRows(InspectionCounts.table, columns: InspectionCountRow.columns, required: ["year", "scope"] + InspectionCountRow.countColumns,
                              in: dir, every: pair, origins: origins) { r, path in
            guard let scope = InspectionScope(rawValue: r.value("scope") ?? "") else {
                throw failure(r, path, "scope", "expected one of \(InspectionCounts.scopes.joined(separator: ", "))", "应为 \(InspectionCounts.scopes.joined(separator: "、")) 之一")
            }
            let key = scope == .region ? try region(r, path, "key", regions: &regions) : (r.value("key") ?? "")
            return InspectionCountRow(filter: try filter(r, path), year: try year(r, path), scope: scope, key: key,
                                      counts: try InspectionCountRow.countColumns.map { try count(r, path, $0) })
        }
        i.population = try readRows(InspectionCounts.populationTable, columns: InspectionPopulation.columns, required: ["townships", "licensed"],
                                    in: dir, every: pair, origins: origins) { r, path in
            InspectionPopulation(filter: try filter(r, path), key: try region(r, path, "key", regions: &regions),
                                 townships: try count(r, path, "townships"), licensed: try count(r, path, "licensed"))
        }
        cube.inspections = i
    }

    static func isMonth(_ s: String) -> Bool {
        let p = s.split(separator: "-")
        guard p.count == 2, p[0].count == 4, p[1].count == 2, let y = Int(p[0]), let m = Int(p[1]) else { return false }
        return (1900...2999).contains(y) && (1...12).contains(m)
    }

    /// A date as the tables write it (2019-07-15).
    static func day(_ r: RecordRow, _ path: String, _ column: String) throws -> Int32 {
        let text = Array((r.value(column) ?? "").utf8)
        guard let d = text.withUnsafeBufferPointer({ CivilDate.days(iso: $0) }) else { throw failure(r, path, column, "not a date (YYYY-MM-DD)", "不是日期（YYYY-MM-DD）") }
        return d
    }

    /// Reads every row of one table (every file of it), each made by `make`:
    /// the first row it cannot make, or one the CSV reader rejected (a stray
    /// quote, extra fields), fails the run with its file.
    static func readRows<T>(_ table: String, columns: [String], required: [String] = [], in dir: String, every: [String],
                            origins: Origins? = nil, _ make: (RecordRow, String) throws -> T) throws -> [T] {
        let schema = RecordSchema(kind: "counts", columns: Dictionary(uniqueKeysWithValues: columns.map { ($0, []) }), required: required.map { [$0] })
        var out: [T] = []
        for path in try files(table, in: dir, every: every) {
            var failure: IngestError?
            let (report, _) = try RecordFile.read(path: path, schema: schema) { r in
                guard failure == nil else { return .loaded }
                do {
                    guard out.count < RecordLimits.largestCountTableRows else {
                        throw IngestError.countTable(path: path, line: r.line,
                                                     reason: "more than \(RecordLimits.largestCountTableRows) rows in \(table): count tables hold totals, not records (value_out_of_range)",
                                                     reasonZh: "\(table) 超过 \(RecordLimits.largestCountTableRows) 行：计数表存放的是合计，不是记录（value_out_of_range）")
                    }
                    out.append(try make(r, path))
                    origins?.record(table, path, r.line)
                } catch let e as IngestError { failure = e } catch {}
                return .loaded
            }
            if let failure { throw failure }
            if report.rejected > 0 {
                throw IngestError.countTable(path: path, line: 0, reason: "\(report.rejected) rows could not be read", reasonZh: "\(report.rejected) 行无法读取")
            }
        }
        return out
    }

    /// The accounting of the inputs the counts came from: `_accounting.json`
    /// (``CountCube/accountingFile``) and one `_accounting-NAME.json` per
    /// further export, in name order; nil when there is none.
    public static func accounting(directory dir: String) throws -> InputAccounting? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0 == CountCube.accountingFile || ($0.hasPrefix("_accounting-") && $0.hasSuffix(".json")) }.sorted()
        guard !names.isEmpty else { return nil }
        var all = InputAccounting()
        for name in names {
            let file = (dir as NSString).appendingPathComponent(name)
            let one: InputAccounting
            do {
                one = try JSONDecoder().decode(InputAccounting.self, from: try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                let why = PlainDecodingError(error)
                throw IngestError.countTable(path: file, line: 0, reason: "not the accounting qindex export writes: \(why.en)",
                                             reasonZh: "不是 qindex export 写出的输入统计：\(why.zh)")
            }
            if let bad = outOfRange(one) {
                throw IngestError.countTable(path: file, line: 0,
                                             reason: "\(bad) is not a count from 0 to \(CountCube.largestCount) (value_out_of_range)",
                                             reasonZh: "\(bad) 不是 0 到 \(CountCube.largestCount) 之间的计数（value_out_of_range）")
            }
            all.files += one.files
            all.rejects += one.rejects
        }
        guard all.files.count <= 1_000_000 else {
            throw IngestError.countTable(path: dir, line: 0, reason: "more than a million input files in the accounting",
                                         reasonZh: "输入统计列出的文件超过一百万个")
        }
        return all
    }

    /// The first count of an accounting outside 0 … ``CountCube/largestCount``
    /// (`files[2].loaded`), so no sum of them can overflow; nil when all hold.
    static func outOfRange(_ a: InputAccounting) -> String? {
        let fine = 0...CountCube.largestCount
        for (i, f) in a.files.enumerated() {
            let named: [(String, Int)] = [("rowsRead", f.rowsRead), ("loaded", f.loaded), ("rejected", f.rejected), ("emptyLines", f.emptyLines),
                                          ("merged", f.merged), ("duplicates", f.duplicates), ("invalidCreditCodes", f.invalidCreditCodes),
                                          ("unresolvedRegionNames", f.unresolvedRegionNames)]
                + f.normalised.sorted { $0.key < $1.key }.map { ("normalised.\($0.key)", $0.value) }
                + f.rejectedByReason.sorted { $0.key < $1.key }.map { ("rejectedByReason.\($0.key.rawValue)", $0.value) }
            if let (name, _) = named.first(where: { !fine.contains($0.1) }) { return "files[\(i)].\(name)" }
        }
        if let i = a.rejects.firstIndex(where: { !fine.contains($0.line) }) { return "rejects[\(i)].line" }
        return nil
    }

    static func failure(_ r: RecordRow, _ path: String, _ column: String, _ en: String, _ zh: String) -> IngestError {
        .countTable(path: path, line: r.line, reason: "column \(column): \(en) (\"\(r.value(column) ?? "")\")",
                    reasonZh: "列 \(column)：\(zh)（“\(r.value(column) ?? "")”）")
    }

    static func count(_ r: RecordRow, _ path: String, _ column: String) throws -> Int {
        guard let v = r.value(column), let n = Int(v), n >= 0 else { throw failure(r, path, column, "not a count", "不是计数") }
        guard n <= CountCube.largestCount else {
            throw failure(r, path, column, "a count above \(CountCube.largestCount) (value_out_of_range)", "计数超过 \(CountCube.largestCount)（value_out_of_range）")
        }
        return n
    }

    static func year(_ r: RecordRow, _ path: String) throws -> Int {
        guard let y = r.value("year"), let year = Int(y), (1900...2999).contains(year) else { throw failure(r, path, "year", "not a year", "不是年份") }
        return year
    }

    /// A grouped indicator's row; a region's name comes from the region table (the SQL does not know it).
    static func groupedRow(_ r: RecordRow, spec: GroupedCountTableSpec, regions: RegionTable, path: String) throws -> GroupedRow {
        let year = try year(r, path)
        let scope = r.value("scope") ?? ""
        guard let kind = spec.scopes.first(where: { $0.scope == scope })?.kind else {
            throw failure(r, path, "scope", "expected one of \(spec.scopes.map(\.scope).joined(separator: ", "))", "应为 \(spec.scopes.map(\.scope).joined(separator: "、")) 之一")
        }
        let key = r.value("key") ?? ""
        var name = r.value("name") ?? ""
        if kind.isRegion {
            guard let k = regions.index(ofCode: key) else { throw failure(r, path, "key", "not a region code of the region table", "不是区划代码表中的代码") }
            name = regions[k].name
        }
        return GroupedRow(year: year, scope: scope, key: key, name: name, counts: try spec.countColumns.map { try count(r, path, $0) })
    }

    /// A row's year and counts, checked (passed + failed within sampled, enterprises passed within tested).
    static func counts(_ r: RecordRow, path: String, key: String, subKey: String) throws -> CountRow {
        func fail(_ column: String, _ en: String, _ zh: String) -> IngestError { failure(r, path, column, en, zh) }
        func count(_ column: String) throws -> Int { try Self.count(r, path, column) }
        let year = try year(r, path)
        var c = RateCounts(sampled: try count("batches_sampled"), passed: try count("passed"), failed: try count("failed"),
                           enterprisesTested: try count("enterprises_tested"), enterprisesPassed: try count("enterprises_passed"))
        guard c.tested <= c.sampled else { throw fail("batches_sampled", "fewer than passed + failed", "少于合格与不合格之和") }
        guard c.enterprisesPassed <= c.enterprisesTested else { throw fail("enterprises_passed", "more than enterprises_tested", "多于受检企业数") }
        // The enterprise-cluster sums: all four or none (count tables written before 0.19 have none).
        let given = ClusterSums.columns.filter { !(r.value($0) ?? "").isEmpty }
        if given.count == ClusterSums.columns.count {
            let v = try ClusterSums.columns.map { try count($0) }
            let sums = ClusterSums(clusters: v[0], passedSquares: v[1], passedTimesTested: v[2], testedSquares: v[3])
            if let broken = sums.violation(passed: c.passed, tested: c.tested, enterprisesTested: c.enterprisesTested) {
                throw fail("clusters", broken.en, broken.zh)
            }
            c.clusterSums = sums
        } else if !given.isEmpty {
            let missing = ClusterSums.columns.filter { !given.contains($0) }.joined(separator: ", ")
            throw fail(missing, "the cluster sums come all four or not at all", "聚类和四列须同时给出或都不给")
        }
        return CountRow(year: year, key: key, subKey: subKey, name: r.value("name") ?? "", counts: c)
    }

    static func row(_ r: RecordRow, kind: CountTableKind, regions: inout RegionTable, path: String) throws -> CountRow {
        func fail(_ column: String, _ en: String, _ zh: String) -> IngestError { failure(r, path, column, en, zh) }
        let key = r.value("key") ?? "", sub = r.value("sub_key") ?? ""
        let row = try counts(r, path: path, key: key, subKey: sub)
        func known(_ column: String, _ value: String, _ ids: [String]) throws {
            guard ids.isEmpty || value.isEmpty || ids.contains(value) else { throw fail(column, "unknown value, expected one of \(ids.joined(separator: ", "))", "未知取值") }
        }
        // Each key checked by what its column is (``CountTableKind/columns``): a
        // region code, a month of the sampling date, an enum's id; other text as it comes.
        for (name, column, value) in [("key", kind.columns.key, key), ("sub_key", kind.columns.subKey, sub)] {
            switch column {
            case nil:  // only the table by year has no key column; a sub-key without one is not read
                guard name == "sub_key" || value.isEmpty else { throw fail(name, "must be empty in the table by year", "按年度计数表的键必须为空") }
            case .regionCode?:
                guard !value.isEmpty, value != RegionTable.nationalCode else { throw fail(name, "not a region code", "不是地区代码") }
                if regions.index(ofCode: value) == nil { _ = regions.addOther(code: value) }
            case .sampleDate?:
                guard isMonth(value) else { throw fail(name, "not a month (YYYY-MM)", "不是月份（YYYY-MM）") }
            case let c?:
                try known(name, value, c.ids)
            }
        }
        return row
    }
}
