import Foundation
import QualityData
import Yams

/// Reads a plan file (YAML; JSON is valid YAML too). Every error names the
/// line and the key at fault. The complete example with every key is
/// datasets/examples/plan-guangxi-13th.yaml; docs/plans.md describes them.
public enum PlanFile {
    /// The values a filter accepts (canonical ids); product_code and industry are checked by their form.
    static let filterValues: [String: [String]] = {
        var v: [String: [String]] = [
            "inspection_type": InspectionType.allCases.map(\.id),
            "risk_class": Array(Set(RecordIngest.risks.values)).sorted(),
        ]
        for spec in SamplingSchema.columns where !spec.values.isEmpty { v[spec.name] = spec.values.map(\.id) }
        return v
    }()
    /// GB/T 4754-2017 sections (门类) A–T; an industry filter is a section,
    /// a section and digits, or digits (division, group, class prefix).
    static func isIndustryPrefix(_ v: String) -> Bool {
        let u = Array(v.utf8)
        guard !u.isEmpty, u.count <= 5 else { return false }
        let digits = u.first.map { $0 >= 0x41 && $0 <= 0x54 } == true ? u.dropFirst() : u[...]
        return digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && (digits.count != u.count || digits.count >= 2)
    }
    static let targetKeys: Set<String> = ["id", "title", "indicator", "filter", "regions", "region", "baseline", "target", "direction",
                                          "every_year", "cumulative", "milestones", "trend_years"]

    /// Reads a plan. `indicators` are the record indicators a target may
    /// name, with the columns each may be filtered on (the indicator
    /// registry's `IndicatorRegistry.named`); `stat:NAME` is always allowed.
    public static func load(path: String, indicators: [String: Set<String>], regions: RegionTable = .bundled) throws -> Plan {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw IngestError.plan(path: path, line: 0, key: "", reason: "cannot read the file as UTF-8 text", reasonZh: "无法按 UTF-8 文本读取文件")
        }
        return try parse(yaml: text, path: path, indicators: indicators, regions: regions)
    }

    /// Checks the plan's `stat:NAME` targets against the statistics loaded:
    /// a name the files do not have is an error at the target's indicator
    /// line, listing the names they have (never an invented value).
    public static func checkStatistics(_ plan: Plan, available: Set<String>, files: [String], path: String) throws {
        for t in plan.targets where t.indicator.hasPrefix("stat:") {
            let name = String(t.indicator.dropFirst("stat:".count))
            guard !available.contains(name) else { continue }
            let names = available.sorted().joined(separator: ", ")
            let where_ = files.joined(separator: ", ")
            throw IngestError.plan(
                path: path, line: t.indicatorLine, key: "targets[\(t.id)].indicator",
                reason: "the statistic \"\(name)\" is not in the regional statistics (\(where_)); they have: \(names.isEmpty ? "none" : names)",
                reasonZh: "地区统计数据（\(where_)）中没有统计指标“\(name)”；其中有：\(names.isEmpty ? "无" : names)")
        }
    }

    public static func parse(yaml text: String, path: String = "<plan>", indicators: [String: Set<String>], regions: RegionTable = .bundled) throws -> Plan {
        let names = indicators.keys.sorted()
        let filterKeys = indicators.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        func fail(_ node: Node?, _ key: String, _ en: String, _ zh: String) -> IngestError {
            .plan(path: path, line: node?.mark?.line ?? 0, key: key, reason: en, reasonZh: zh)
        }
        let y = YAMLFields(fail: fail)
        /// Targets of record indicators are shares (0–1); a regional statistic may be any finite number.
        var shareOnly = true
        let root = try YAMLFields.compose(text, fail: fail)
        guard let top = root.mapping else { throw fail(root, "", "expected a mapping with `plan` and `targets`", "顶层应为包含 plan 与 targets 的映射") }
        for (k, _) in top where !["plan", "targets"].contains(k.string ?? "") {
            throw fail(k, k.string ?? "", "unknown key (expected plan, targets)", "未知的键（应为 plan、targets）")
        }
        var plan = Plan(id: "plan", title: Bilingual("规划目标", "Plan targets"), targets: [])
        if let p = top["plan"] {
            guard let m = p.mapping else { throw fail(p, "plan", "expected a mapping with id and title", "应为包含 id 与 title 的映射") }
            for (k, v) in m {
                switch k.string ?? "" {
                case "id": plan.id = try string(v, "plan.id")
                case "title": plan.title = try bilingual(v, "plan.title")
                case "issuer": plan.issue.issuer = try bilingual(v, "plan.issuer")
                case "source": plan.issue.source = try bilingual(v, "plan.source")
                case "issued":
                    let d = try string(v, "plan.issued")
                    guard d.utf8.count == 10, Array(d.utf8).withUnsafeBufferPointer({ CivilDate.days(iso: $0) }) != nil else {
                        throw fail(v, "plan.issued", "not a date (YYYY-MM-DD)", "不是日期（YYYY-MM-DD）")
                    }
                    plan.issue.issued = d
                default: throw fail(k, "plan.\(k.string ?? "")", "unknown key (expected id, title, issuer, issued, source)", "未知的键（应为 id、title、issuer、issued、source）")
                }
            }
        }
        guard let list = top["targets"] else { throw fail(root, "targets", "missing: a plan needs a list of targets", "缺少：规划需要目标列表") }
        guard let items = list.sequence, !items.isEmpty else { throw fail(list, "targets", "expected a non-empty list of targets", "应为非空的目标列表") }
        var ids = Set<String>()
        var warnings: [Bilingual] = []
        for item in items {
            let t = try target(item)
            guard ids.insert(t.id).inserted else { throw fail(item["id"] ?? item, "targets[\(t.id)].id", "the id \(t.id) is used twice", "编号 \(t.id) 重复使用") }
            plan.targets.append(t)
        }
        plan.warnings = warnings
        return plan

        func string(_ n: Node, _ key: String) throws -> String { try y.string(n, key) }
        func number(_ n: Node, _ key: String) throws -> Double {
            shareOnly ? try y.number(n, key, in: 0...1, what: YAMLFields.share) : try y.number(n, key)
        }
        func year(_ n: Node, _ key: String) throws -> Int { try y.year(n, key) }
        func bool(_ n: Node, _ key: String) throws -> Bool { try y.bool(n, key) }
        func bilingual(_ n: Node, _ key: String) throws -> Bilingual { try y.bilingual(n, key) }
        func strings(_ n: Node, _ key: String) throws -> [String] { try y.strings(n, key) }
        /// A GB/T 2260 code of the bundled table ("000000" = all records); a
        /// region name is refused with the code to use instead.
        func regionCode(_ n: Node, _ key: String) throws -> String {
            let v = try string(n, key)
            if v == RegionTable.nationalCode || regions.index(ofCode: v) != nil { return v }
            switch regions.match(name: v) {
            case .found(let i):
                let code = regions[i].code
                throw fail(n, key, "\"\(v)\" is a region name; regions are given by GB/T 2260 code: use \"\(code)\" for \(regions[i].name)",
                           "“\(v)”是地区名称；地区应填写 GB/T 2260 代码：\(regions[i].name) 为“\(code)”")
            case .ambiguous(let codes):
                throw fail(n, key, "\"\(v)\" is a region name, and an ambiguous one; give its GB/T 2260 code (one of \(codes.joined(separator: ", ")))",
                           "“\(v)”是地区名称且有重名；请填写其 GB/T 2260 代码（\(codes.joined(separator: "、")) 之一）")
            case .unknown:
                throw fail(n, key, "unknown region code \"\(v)\" (expected a 6-digit GB/T 2260 code such as 450000, or 000000 for all records)",
                           "未知的地区代码“\(v)”（应为 6 位 GB/T 2260 代码，如 450000；全部记录为 000000）")
            }
        }
        func target(_ node: Node) throws -> PlanTarget {
            guard let m = node.mapping else { throw fail(node, "targets", "each target is a mapping (id, title, indicator, …)", "每个目标应为映射（id、title、indicator 等）") }
            for (k, _) in m where !targetKeys.contains(k.string ?? "") {
                throw fail(k, k.string ?? "", "unknown key in a target (expected \(targetKeys.sorted().joined(separator: ", ")))", "目标中的未知键（应为 \(targetKeys.sorted().joined(separator: "、"))）")
            }
            guard let idNode = m["id"] else { throw fail(node, "id", "a target needs an id", "目标需要 id") }
            let id = try string(idNode, "id")
            let at = "targets[\(id)]"
            guard let ind = m["indicator"] else { throw fail(node, "\(at).indicator", "missing", "缺少") }
            let indicator = try string(ind, "\(at).indicator")
            guard indicators[indicator] != nil || (indicator.hasPrefix("stat:") && indicator.count > 5) else {
                throw fail(ind, "\(at).indicator", "unknown indicator \"\(indicator)\" (expected \(names.joined(separator: ", ")) or stat:NAME)", "未知指标“\(indicator)”（应为 \(names.joined(separator: "、")) 或 stat:名称）")
            }
            shareOnly = !indicator.hasPrefix("stat:")
            var targetYear: Int?, targetValue = 0.0, quantified = true
            let tNode = m["target"] ?? node
            if m["target"] == nil {
                // A direction without a number: graded by its annual growth.
                guard m["direction"] != nil else {
                    throw fail(node, "\(at).target", "missing: {year: …, value: …} (or give only a direction)", "缺少：{year: …, value: …}（或只给出 direction）")
                }
                quantified = false
            } else if let tm = tNode.mapping {
                for (k, _) in tm where !["year", "value"].contains(k.string ?? "") { throw fail(k, "\(at).target.\(k.string ?? "")", "unknown key (expected year, value)", "未知的键（应为 year、value）") }
                guard let v = tm["value"] else { throw fail(tNode, "\(at).target.value", "missing", "缺少") }
                targetValue = try number(v, "\(at).target.value")
                targetYear = try tm["year"].map { try year($0, "\(at).target.year") }
            } else {
                targetValue = try number(tNode, "\(at).target")
            }
            let dirText = try m["direction"].map { try string($0, "\(at).direction") } ?? ">="
            guard let direction = TargetDirection(rawValue: dirText.replacingOccurrences(of: "≥", with: ">=").replacingOccurrences(of: "≤", with: "<=")) else {
                throw fail(m["direction"], "\(at).direction", "expected >=, <= or =", "应为 >=、<= 或 =")
            }
            var codes = ["000000"]
            if let r = m["regions"] ?? m["region"] {
                let key = m["regions"] != nil ? "\(at).regions" : "\(at).region"
                codes = try (r.sequence.map(Array.init) ?? [r]).map { try regionCode($0, key) }
            }
            var t = PlanTarget(id: id, title: try m["title"].map { try bilingual($0, "\(at).title") } ?? Bilingual(id, id), indicator: indicator,
                               regions: codes, targetValue: targetValue, direction: direction)
            t.indicatorLine = ind.mark?.line ?? 0
            t.targetYear = targetYear
            t.quantified = quantified
            if let b = m["baseline"] {
                guard let bm = b.mapping else { throw fail(b, "\(at).baseline", "expected {year: …, value: …}", "应为 {year: …, value: …}") }
                for (k, _) in bm where !["year", "value"].contains(k.string ?? "") { throw fail(k, "\(at).baseline.\(k.string ?? "")", "unknown key (expected year, value)", "未知的键（应为 year、value）") }
                t.baselineYear = try bm["year"].map { try year($0, "\(at).baseline.year") }
                t.baselineValue = try bm["value"].map { try number($0, "\(at).baseline.value") }
                if t.baselineYear == nil { throw fail(b, "\(at).baseline.year", "missing", "缺少") }
            }
            if let f = m["filter"] {
                guard let fm = f.mapping else { throw fail(f, "\(at).filter", "expected a mapping of column: values", "应为“列: 取值”的映射") }
                let allowed = indicators[indicator] ?? []
                for (k, v) in fm {
                    let key = k.string ?? ""
                    guard filterKeys.contains(key) else { throw fail(k, "\(at).filter.\(key)", "unknown filter (expected \(filterKeys.sorted().joined(separator: ", ")))", "未知的筛选列（应为 \(filterKeys.sorted().joined(separator: "、"))）") }
                    guard allowed.contains(key) else {
                        let list = allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")
                        throw fail(k, "\(at).filter.\(key)", "the indicator \(indicator) cannot be filtered by \(key) (its filters: \(list))",
                                   "指标 \(indicator) 不能按 \(key) 筛选（可用的筛选列：\(allowed.isEmpty ? "无" : allowed.sorted().joined(separator: "、"))）")
                    }
                    let values = try strings(v, "\(at).filter.\(key)")
                    let items = v.sequence.map(Array.init) ?? [v]
                    for (value, node) in zip(values, items) {
                        if let valid = filterValues[key], !valid.contains(value) {
                            throw fail(node, "\(at).filter.\(key)", "unknown value \"\(value)\" (expected \(valid.joined(separator: ", ")))",
                                       "未知的取值“\(value)”（应为 \(valid.joined(separator: "、"))）")
                        }
                        if key == "industry", !isIndustryPrefix(value) {
                            throw fail(node, "\(at).filter.industry", "\"\(value)\" is not a GB/T 4754 code prefix (a section A–T such as C for manufacturing, optionally followed by digits, or 2–4 digits such as 26)",
                                       "“\(value)”不是 GB/T 4754 代码前缀（门类 A–T，如制造业 C，可带数字；或 2–4 位数字，如 26）")
                        }
                    }
                    t.filters[key] = values.map { FieldNormaliser.filterValue($0, key: key) }
                }
            }
            if let e = m["every_year"] { t.everyYear = try bool(e, "\(at).every_year") }
            if let c = m["cumulative"] { t.cumulative = try bool(c, "\(at).cumulative") }
            if let k = m["trend_years"] {
                // Accepted (plans written for 0.7 still run) but said aloud: it no longer changes anything.
                _ = try y.string(k, "\(at).trend_years")
                let line = k.mark?.line ?? 0
                warnings.append(Bilingual(
                    "规划文件 \(path)：第 \(line) 行，键 \(at).trend_years：已不再使用（自 0.8.0 起），预计达成年份与状态采用同一规则，即基线与最新值连线的趋势（见 docs/plans.md）；可删除此键",
                    "plan file \(path): line \(line), key \(at).trend_years: no longer used (since 0.8.0) — the projected year follows the straight line from the baseline through the latest value, the same rule as the status (docs/plans.md); the key can be removed"))
            }
            if let ms = m["milestones"] {
                guard let mm = ms.mapping else { throw fail(ms, "\(at).milestones", "expected a mapping of year: value", "应为“年份: 数值”的映射") }
                for (k, v) in mm { t.milestones[try year(k, "\(at).milestones")] = try number(v, "\(at).milestones.\(k.string ?? "")") }
            }
            if !quantified {
                guard !t.everyYear else { throw fail(node, "\(at).every_year", "needs a target value", "需要目标值") }
                guard t.baselineYear != nil else { throw fail(node, "\(at).baseline", "missing: {year: …}", "缺少：{year: …}") }
            } else if !t.everyYear {
                guard t.targetYear != nil else { throw fail(tNode, "\(at).target.year", "missing (or set every_year: true)", "缺少（或设置 every_year: true）") }
                guard let by = t.baselineYear else { throw fail(node, "\(at).baseline", "missing: {year: …} (the value may be computed from the data)", "缺少：{year: …}（数值可由数据计算）") }
                guard by < t.targetYear! else { throw fail(m["baseline"], "\(at).baseline.year", "must be before the target year \(t.targetYear!)", "应早于目标年份 \(t.targetYear!)") }
            }
            return t
        }
    }
}
