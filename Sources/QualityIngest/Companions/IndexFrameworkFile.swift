import Foundation
import QualityData
import Yams

/// Reads an index framework file (YAML). The complete example is
/// datasets/examples/index-guangxi-cities.yaml; docs/index.md explains every
/// key. Errors name the line and key, in Chinese and English.
public enum IndexFrameworkFile {
    static let weight = (en: "a positive weight", zh: "正的权重")
    static let topKeys: Set<String> = ["index", "units", "years", "screening", "imputation", "outliers", "normalisation", "weighting",
                                       "aggregation", "uncertainty", "bands", "groups", "indicators"]

    /// Reads a framework; `indicators` as for ``PlanFile/load(path:indicators:regions:)``.
    public static func load(path: String, indicators: [String: Set<String>]) throws -> IndexFramework {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw IngestError.indexFramework(path: path, line: 0, key: "", reason: "cannot read the file as UTF-8 text", reasonZh: "无法按 UTF-8 文本读取文件")
        }
        return try parse(yaml: text, path: path, indicators: indicators)
    }

    public static func parse(yaml text: String, path: String = "<index>", indicators: [String: Set<String>]) throws -> IndexFramework {
        func fail(_ node: Node?, _ key: String, _ en: String, _ zh: String) -> IngestError {
            .indexFramework(path: path, line: node?.mark?.line ?? 0, key: key, reason: en, reasonZh: zh)
        }
        let y = YAMLFields(fail: fail)
        let root = try YAMLFields.compose(text, fail: fail)
        guard let top = root.mapping else { throw fail(root, "", "expected a mapping (index, units, groups, indicators, …)", "顶层应为映射（index、units、groups、indicators 等）") }
        for (k, _) in top where !topKeys.contains(k.string ?? "") {
            throw fail(k, k.string ?? "", "unknown key (expected \(topKeys.sorted().joined(separator: ", ")))", "未知的键（应为 \(topKeys.sorted().joined(separator: "、"))）")
        }
        var f = IndexFramework()
        func choice<E: RawRepresentable>(_ key: String, _: E.Type) throws -> E? where E.RawValue == String, E: CaseIterable {
            guard let n = top[key] else { return nil }
            let s = try y.string(n, key)
            guard let e = E(rawValue: s) else {
                let all = E.allCases.map(\.rawValue)
                throw fail(n, key, "expected one of \(all.joined(separator: ", "))", "应为 \(all.joined(separator: "、")) 之一")
            }
            return e
        }
        if let i = top["index"] {
            guard let m = i.mapping else { throw fail(i, "index", "expected {id, title}", "应为 {id, title}") }
            if let id = m["id"] { f.id = try y.string(id, "index.id") }
            if let t = m["title"] { f.title = try y.bilingual(t, "index.title") }
        }
        guard let u = top["units"], let um = u.mapping else { throw fail(top["units"] ?? root, "units", "missing: {parent: CODE, level: city} or {codes: [...]}", "缺少：{parent: 代码, level: city} 或 {codes: [...]}") }
        if let c = um["codes"] { f.unitCodes = try y.strings(c, "units.codes") }
        if let p = um["parent"] { f.unitsParent = try y.string(p, "units.parent") }
        if let l = um["level"] {
            let s = try y.string(l, "units.level")
            guard let level = ["province": RegionLevel.province, "city": .city, "county": .county][s] else {
                throw fail(l, "units.level", "expected province, city or county", "应为 province、city 或 county")
            }
            f.unitsLevel = level
        }
        if f.unitCodes.isEmpty && f.unitsParent == nil && f.unitsLevel == nil { throw fail(u, "units", "needs codes, or a parent and a level", "需要 codes，或 parent 与 level") }
        if let ys = top["years"] { f.years = try (ys.sequence ?? [ys]).map { try y.year($0, "years") } }
        if let s = top["screening"] {
            guard let m = s.mapping, let share = m["min_share"] else { throw fail(s, "screening", "expected {min_share: …}", "应为 {min_share: …}") }
            f.minShare = try y.number(share, "screening.min_share", in: 0...1, what: YAMLFields.share)
        }
        if let i = try choice("imputation", IndexImputation.self) { f.imputation = i }
        if let o = top["outliers"] { f.treatOutliers = try y.bool(o, "outliers") }
        if let n = try choice("normalisation", IndexNormalisation.self) { f.normalisation = n }
        if let w = try choice("weighting", IndexWeighting.self) { f.weighting = w }
        if let a = try choice("aggregation", IndexAggregation.self) { f.aggregation = a }
        if let un = top["uncertainty"] {
            guard let m = un.mapping else { throw fail(un, "uncertainty", "expected {runs, weight_range, seed, sampling}", "应为 {runs, weight_range, seed, sampling}") }
            for (k, v) in m {
                switch k.string ?? "" {
                case "runs": f.runs = try y.integer(v, "uncertainty.runs", in: 1...IndexFramework.maxRuns)
                case "weight_range": f.weightRange = try y.number(v, "uncertainty.weight_range", in: 0...0.99)
                case "seed": f.seed = UInt64(try y.integer(v, "uncertainty.seed", in: 0...(1 << 53)))
                case "sampling": f.samplingError = try y.bool(v, "uncertainty.sampling")
                default: throw fail(k, "uncertainty.\(k.string ?? "")", "unknown key (expected runs, weight_range, seed, sampling)", "未知的键（应为 runs、weight_range、seed、sampling）")
                }
            }
        }
        if let b = top["bands"] {
            guard let seq = b.sequence else { throw fail(b, "bands", "expected a list of {min, title}", "应为 {min, title} 的列表") }
            f.bands = try seq.map { n in
                guard let m = n.mapping, let mn = m["min"], let t = m["title"] else { throw fail(n, "bands", "each band needs min and title", "每个分档需要 min 与 title") }
                return IndexBand(min: try y.number(mn, "bands.min"), name: try y.bilingual(t, "bands.title"))
            }.sorted { $0.min > $1.min }
            f.bands.append(IndexBand(min: -.infinity, name: f.bands.last?.name ?? Bilingual("", "")))
        }
        guard let gs = top["groups"]?.sequence, !gs.isEmpty else { throw fail(top["groups"] ?? root, "groups", "missing: a list of groups", "缺少：分组列表") }
        for g in gs {
            guard let m = g.mapping, let id = m["id"] else { throw fail(g, "groups", "each group needs an id", "每个分组需要 id") }
            var group = IndexGroup(id: try y.string(id, "groups.id"), title: Bilingual("", ""))
            group.title = try m["title"].map { try y.bilingual($0, "groups[\(group.id)].title") } ?? Bilingual(group.id, group.id)
            if let w = m["weight"] { group.weight = try y.number(w, "groups[\(group.id)].weight", in: 1e-9...YAMLFields.largest, what: Self.weight) }
            guard !f.groups.contains(where: { $0.id == group.id }) else { throw fail(id, "groups[\(group.id)].id", "used twice", "重复") }
            f.groups.append(group)
        }
        guard let inds = top["indicators"]?.sequence, !inds.isEmpty else { throw fail(top["indicators"] ?? root, "indicators", "missing: a list of indicators", "缺少：指标列表") }
        let known: Set<String> = ["id", "title", "indicator", "filter", "group", "direction", "weight", "goalposts", "target"]
        for n in inds {
            guard let m = n.mapping, let idNode = m["id"] else { throw fail(n, "indicators", "each indicator needs an id", "每个指标需要 id") }
            let id = try y.string(idNode, "indicators.id")
            let at = "indicators[\(id)]"
            for (k, _) in m where !known.contains(k.string ?? "") {
                throw fail(k, "\(at).\(k.string ?? "")", "unknown key (expected \(known.sorted().joined(separator: ", ")))", "未知的键（应为 \(known.sorted().joined(separator: "、"))）")
            }
            guard let q = m["indicator"] else { throw fail(n, "\(at).indicator", "missing", "缺少") }
            let name = try y.string(q, "\(at).indicator")
            guard indicators[name] != nil || (name.hasPrefix("stat:") && name.count > 5) else {
                throw fail(q, "\(at).indicator", "unknown indicator \"\(name)\"", "未知指标“\(name)”")
            }
            guard let gNode = m["group"] else { throw fail(n, "\(at).group", "missing", "缺少") }
            let group = try y.string(gNode, "\(at).group")
            guard f.groups.contains(where: { $0.id == group }) else { throw fail(gNode, "\(at).group", "no group \(group)", "没有分组 \(group)") }
            var query = IndicatorQuery(indicator: name)
            if let fl = m["filter"] {
                guard let fm = fl.mapping else { throw fail(fl, "\(at).filter", "expected a mapping of column: values", "应为“列: 取值”的映射") }
                for (k, v) in fm {
                    let key = k.string ?? ""
                    let allowed = indicators[name] ?? []
                    guard allowed.contains(key) else {
                        throw fail(k, "\(at).filter.\(key)", "\(name) cannot be filtered by \(key) (its filters: \(allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")))",
                                   "\(name) 不能按 \(key) 筛选（可用的筛选列：\(allowed.isEmpty ? "无" : allowed.sorted().joined(separator: "、"))）")
                    }
                    query.filters[key] = try y.strings(v, "\(at).filter.\(key)").map { FieldNormaliser.filterValue($0, key: key) }
                }
            }
            var ind = IndexIndicator(id: id, title: try m["title"].map { try y.bilingual($0, "\(at).title") } ?? Bilingual(id, id), query: query, group: group)
            if let d = m["direction"] {
                switch try y.string(d, "\(at).direction") {
                case "+", "+1", "1", "positive": ind.direction = 1
                case "-", "-1", "−", "negative": ind.direction = -1
                default: throw fail(d, "\(at).direction", "expected + or -", "应为 + 或 -")
                }
            }
            if let w = m["weight"] { ind.weight = try y.number(w, "\(at).weight", in: 1e-9...YAMLFields.largest, what: Self.weight) }
            if let t = m["target"] { ind.target = try y.number(t, "\(at).target") }
            if let g = m["goalposts"] {
                guard let gm = g.mapping, let lo = gm["low"], let hi = gm["high"] else { throw fail(g, "\(at).goalposts", "expected {low, high}", "应为 {low, high}") }
                ind.goalposts = (try y.number(lo, "\(at).goalposts.low"), try y.number(hi, "\(at).goalposts.high"))
                guard ind.goalposts!.0 < ind.goalposts!.1 else { throw fail(g, "\(at).goalposts", "low must be below high", "low 应小于 high") }
            }
            guard !f.indicators.contains(where: { $0.id == id }) else { throw fail(idNode, "\(at).id", "used twice", "重复") }
            f.indicators.append(ind)
        }
        if f.normalisation == .goalposts || f.normalisation == .goalposts60 {
            for (i, ind) in f.indicators.enumerated() where ind.goalposts == nil {
                throw fail(inds[i], "indicators[\(ind.id)].goalposts", "needed by normalisation \(f.normalisation.rawValue)", "\(f.normalisation.rawValue) 归一化需要 goalposts")
            }
        }
        if f.normalisation == .target {
            for (i, ind) in f.indicators.enumerated() where ind.target == nil {
                throw fail(inds[i], "indicators[\(ind.id)].target", "needed by normalisation target", "target 归一化需要 target")
            }
        }
        return f
    }
}
