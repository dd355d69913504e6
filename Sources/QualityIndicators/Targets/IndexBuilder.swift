import Dispatch
import Foundation
import QualityData

/// One unit's index result in one year.
public struct IndexUnitResult: Sendable {
    public let year: Int
    public let code: String
    public let name: String
    /// Nil when the unit was screened out (too few indicators).
    public var score: Double?
    public var rank: Int?
    public var rankChange: Int?
    /// Monte Carlo: median rank and the 5th–95th percentile range.
    public var rankMedian: Double?
    public var rankLow: Int?
    public var rankHigh: Int?
    public var band: Bilingual?
    /// Score − the parent region's score on the same scale, in points.
    public var diffVsParent: Double?
    /// Group scores, by group id.
    public var groups: [String: Double] = [:]
    /// Raw and normalised indicator values, by indicator id.
    public var raw: [String: Double] = [:]
    public var normalised: [String: Double] = [:]
}

/// A line of the audit table: what each step did.
public struct IndexAuditRow: Sendable {
    public let year: Int
    public let step: String
    public let indicator: String
    public let unit: String
    public let detail: String
    public let value: Double?
}

/// A composite index over regions, with its audit, coherence and uncertainty.
public struct IndexResult: Sendable {
    public let framework: IndexFramework
    public var units: [IndexUnitResult] = []
    /// The parent region's score per year (same scale).
    public var parentCode = ""
    public var parentName = ""
    public var parentScores: [Int: Double] = [:]
    /// The indicators that keep the parent off its units' scale: totals (a
    /// statistic with a value outside [0, 1], such as new brands) are larger
    /// for a province than for any of its cities by construction, so the
    /// parent is compared only where every indicator is a rate (issue 33);
    /// empty: compared.
    public var incomparableWithParent: [IndexIndicator] = []
    public var audit: [IndexAuditRow] = []
    /// Sensitivity: mean absolute rank shift from the nominal rank when only
    /// one source varies ("weights", "normalisation", "aggregation", "sampling"), per year.
    public var sensitivity: [(year: Int, source: String, shift: Double)] = []
}

/// Builds a composite index (indicators.md §5) from records and statistics.
public enum IndexBuilder {
    /// Raw values of every indicator for a set of units in one year, with
    /// the numerator and denominator of rates (for their sampling error).
    struct Raw {
        var values: [[Double?]]  // [unit][indicator]
        var counts: [[(x: Int, n: Int)?]]
        var parent: [Double?]
        var codes: [String] = []
    }

    public static func units(_ f: IndexFramework, regions: RegionTable) -> [Int32] {
        if !f.unitCodes.isEmpty { return f.unitCodes.compactMap { regions.index(ofCode: $0) } }
        guard let p = f.unitsParent.flatMap({ regions.index(ofCode: $0) }) ?? (f.unitsParent == nil ? Int32(0) : nil) else { return [] }
        let level = f.unitsLevel ?? .city
        return (0..<regions.count).map(Int32.init).filter { regions[$0].level == level && regions.ancestry($0).dropFirst().contains(p) }
    }

    public static func compute(_ f: IndexFramework, data: TargetData) -> IndexResult {
        let regions = data.regions
        let unitIdx = units(f, regions: regions)
        let parentCode = f.unitsParent ?? RegionTable.nationalCode
        var result = IndexResult(framework: f)
        result.parentCode = parentCode
        result.parentName = regions.index(ofCode: parentCode).map { regions[$0].name } ?? parentCode
        // Series of every indicator for every unit and the parent.
        let codes = unitIdx.map { regions[$0].code }
        // One pass per indicator for every unit and the parent (not one per unit).
        let byIndicator = f.indicators.map { TargetSeries.series($0.query, regions: codes + [parentCode], data: data) }
        let series: [[[Int: SeriesPoint]]] = codes.indices.map { u in byIndicator.map { $0[u] } }
        let parentSeries = byIndicator.map { $0[codes.count] }
        let years = f.years.isEmpty ? Array(Set(series.flatMap { $0.flatMap(\.keys) })).sorted() : f.years
        var previousRanks: [String: Int] = [:]
        // The counts behind a value with sampling error (a sampled proportion); a census's value is drawn as it is.
        let sampled = f.indicators.map { IndicatorRegistry.hasSamplingError($0.query.indicator) }
        for y in years {
            var raw = Raw(values: [], counts: [], parent: [], codes: codes)
            for u in codes.indices {
                raw.values.append(series[u].map { $0[y]?.value })
                raw.counts.append(series[u].enumerated().map { j, p in
                    sampled[j] ? p[y].flatMap { p in p.numerator.flatMap { x in p.denominator.map { (x, $0) } } } : nil
                })
            }
            raw.parent = parentSeries.map { $0[y]?.value }
            var audit: [IndexAuditRow] = []
            // 1. Data-availability screening.
            let k = Double(f.indicators.count)
            let kept = codes.indices.filter { u in
                let share = Double(raw.values[u].compactMap { $0 }.count) / k
                audit.append(IndexAuditRow(year: y, step: "screening", indicator: "", unit: codes[u], detail: share >= f.minShare - 1e-12 ? "kept" : "dropped", value: share))
                return share >= f.minShare - 1e-12
            }
            guard kept.count >= 2 else {
                result.audit += audit
                continue
            }
            let nominal = run(f, raw: raw, kept: kept, normalisation: f.normalisation, aggregation: f.aggregation,
                              weights: nominalWeights(f, raw: raw, kept: kept, audit: &audit, year: y), audit: &audit, year: y)
            let ranks = rank(nominal.scores)
            // Monte Carlo: weights, normalisation, aggregation and the sampling error of rates.
            let mc = monteCarlo(f, raw: raw, kept: kept, year: y, sources: ["weights", "normalisation", "aggregation"] + (f.samplingError ? ["sampling"] : []), runs: f.runs, seed: f.seed &+ UInt64(y))
            for source in ["weights", "normalisation", "aggregation"] + (f.samplingError ? ["sampling"] : []) {
                let alone = monteCarlo(f, raw: raw, kept: kept, year: y, sources: [source], runs: max(50, f.runs / 4), seed: f.seed &+ UInt64(y) &* 31)
                var shift = 0.0, count = 0.0
                for (i, r) in ranks.enumerated() { for draw in alone[i] { shift += abs(Double(draw - r)); count += 1 } }
                result.sensitivity.append((y, source, count > 0 ? shift / count : 0))
            }
            // The parent on its units' scale only where every indicator is a rate: a proportion of the
            // registry, or a statistic whose values (units' and parent's) all lie in [0, 1].
            let totals = f.indicators.indices.filter { j in
                let id = f.indicators[j].query.indicator
                guard id.hasPrefix("stat:") else { return !IndicatorRegistry.isProportion(id) }
                let values = raw.values.compactMap { $0[j] } + [raw.parent[j]].compactMap { $0 }
                return values.contains { $0 < 0 || $0 > 1 }
            }
            for j in totals where !result.incomparableWithParent.contains(where: { $0.id == f.indicators[j].id }) {
                result.incomparableWithParent.append(f.indicators[j])
            }
            let parentScore = totals.isEmpty ? nominal.parent : nil
            if let p = parentScore { result.parentScores[y] = p }
            for (i, u) in kept.enumerated() {
                var r = IndexUnitResult(year: y, code: codes[u], name: regions[unitIdx[u]].name)
                r.score = nominal.scores[i]
                r.rank = ranks[i]
                if let prev = previousRanks[codes[u]] { r.rankChange = prev - ranks[i] }
                let draws = mc[i].sorted()
                if !draws.isEmpty {
                    r.rankMedian = percentile(draws.map(Double.init), 0.5)
                    r.rankLow = Int(percentile(draws.map(Double.init), 0.05).rounded(.down))
                    r.rankHigh = Int(percentile(draws.map(Double.init), 0.95).rounded(.up))
                }
                r.band = f.bands.first { nominal.scores[i] >= $0.min }?.name
                r.diffVsParent = parentScore.map { nominal.scores[i] - $0 }
                r.groups = nominal.groups[i]
                for (j, ind) in f.indicators.enumerated() {
                    if let v = raw.values[u][j] { r.raw[ind.id] = v }
                    if let v = nominal.normalised[i][j] { r.normalised[ind.id] = v }
                }
                result.units.append(r)
            }
            for u in codes.indices where !kept.contains(u) {
                result.units.append(IndexUnitResult(year: y, code: codes[u], name: regions[unitIdx[u]].name))
            }
            previousRanks = Dictionary(uniqueKeysWithValues: kept.enumerated().map { (codes[$0.element], ranks[$0.offset]) })
            audit += coherence(f, normalised: nominal.normalised, year: y)
            result.audit += audit
        }
        return result
    }

    /// Ranks 1 = highest score; ties share the best rank.
    static func rank(_ scores: [Double]) -> [Int] {
        scores.map { s in 1 + scores.filter { $0 > s + 1e-12 }.count }
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double { Funnel.percentile(sorted, p) }

    /// Declared, equal or PCA weights per indicator, and per group.
    static func nominalWeights(_ f: IndexFramework, raw: Raw, kept: [Int], audit: inout [IndexAuditRow], year: Int) -> (indicators: [Double], groups: [String: Double]) {
        var w = f.indicators.map { f.weighting == .equal ? 1 : $0.weight }
        var g = Dictionary(uniqueKeysWithValues: f.groups.map { ($0.id, f.weighting == .equal ? 1 : $0.weight) })
        if f.weighting == .pca {
            for group in f.groups {
                let members = f.indicators.indices.filter { f.indicators[$0].group == group.id }
                let complete = kept.filter { u in members.allSatisfy { raw.values[u][$0] != nil } }
                let items = members.map { j in complete.map { raw.values[$0][j]! * f.indicators[j].direction } }
                if let pw = IndexSteps.pcaWeights(items) { for (j, v) in zip(members, pw) { w[j] = v } }
            }
        }
        for (j, ind) in f.indicators.enumerated() {
            audit.append(IndexAuditRow(year: year, step: "weight", indicator: ind.id, unit: "", detail: f.weighting.rawValue, value: w[j]))
        }
        for group in f.groups { g[group.id] = g[group.id] ?? 1 }
        return (w, g)
    }

    struct Run {
        var scores: [Double]
        var groups: [[String: Double]]
        var normalised: [[Double?]]
        var parent: Double?
    }

    /// Imputation, outlier treatment, normalisation and aggregation of the kept units.
    static func run(_ f: IndexFramework, raw: Raw, kept: [Int], normalisation: IndexNormalisation, aggregation: IndexAggregation,
                    weights: (indicators: [Double], groups: [String: Double]), audit: inout [IndexAuditRow], year: Int, record: Bool = true) -> Run {
        let k = f.indicators.count
        var x: [[Double?]] = kept.map { raw.values[$0] }
        var parent = raw.parent
        var normalised = [[Double?]](repeating: [Double?](repeating: nil, count: k), count: kept.count)
        var parentNorm = [Double?](repeating: nil, count: k)
        for j in 0..<k {
            let ind = f.indicators[j]
            // Imputation of raw values (mean, median); group means come after normalisation.
            let present = x.compactMap { $0[j] }
            if f.imputation == .mean || f.imputation == .median, !present.isEmpty {
                let s = present.sorted()
                let fill = f.imputation == .mean ? present.reduce(0, +) / Double(present.count) : percentile(s, 0.5)
                for i in x.indices where x[i][j] == nil {
                    x[i][j] = fill
                    if record { audit.append(IndexAuditRow(year: year, step: "imputation", indicator: ind.id, unit: raw.codes.isEmpty ? "" : raw.codes[kept[i]], detail: f.imputation.rawValue, value: fill)) }
                }
            }
            // Outliers.
            let idx = x.indices.filter { x[$0][j] != nil }
            var values = idx.map { x[$0][j]! }
            var treatment = IndexSteps.Treatment.none
            if f.treatOutliers {
                let t = IndexSteps.treat(values)
                values = t.values
                treatment = t.treatment
                if record, treatment != .none {
                    let detail: String
                    switch treatment {
                    case .winsorised(let p, _, _): detail = "winsorised \(p) point(s)"
                    case .log(let neg, _, _): detail = neg ? "log (negative skew, mirrored)" : "log"
                    case .none: detail = ""
                    }
                    audit.append(IndexAuditRow(year: year, step: "outliers", indicator: ind.id, unit: "", detail: detail,
                                               value: IndexSteps.skewness(idx.map { x[$0][j]! })))
                }
            }
            parent[j] = parent[j].map { IndexSteps.apply(treatment, $0) }
            // Normalisation, with the direction applied to values, goalposts and target.
            let d = ind.direction
            let goal = ind.goalposts.map { d > 0 ? $0 : (low: -$0.high, high: -$0.low) }
            let target = ind.target.map { d > 0 ? $0 : -$0 }
            let norm = IndexSteps.Normaliser(normalisation, units: values.map { $0 * d }, goalposts: goal, target: target)
            for (i, v) in zip(idx, values) { normalised[i][j] = norm(v * d) }
            parentNorm[j] = parent[j].map { norm($0 * d) }
        }
        // Group-mean imputation on the normalised scale.
        if f.imputation == .groupMean {
            for i in normalised.indices {
                for j in 0..<k where normalised[i][j] == nil {
                    let others = (0..<k).filter { f.indicators[$0].group == f.indicators[j].group }.compactMap { normalised[i][$0] }
                    if !others.isEmpty { normalised[i][j] = others.reduce(0, +) / Double(others.count) }
                }
            }
        }
        let scale0to100 = normalisation != .zscore && normalisation != .rank
        func score(_ v: [Double?]) -> (Double?, [String: Double]) {
            var groupScores: [String: Double] = [:]
            for g in f.groups {
                let members = (0..<k).filter { f.indicators[$0].group == g.id }
                if let s = IndexSteps.aggregate(members.map { v[$0] }, members.map { weights.indicators[$0] }, aggregation, scale0to100: scale0to100) {
                    groupScores[g.id] = s
                }
            }
            let ids = f.groups.map(\.id)
            let total = IndexSteps.aggregate(ids.map { groupScores[$0] }, ids.map { weights.groups[$0] ?? 1 }, aggregation, scale0to100: scale0to100)
            return (total, groupScores)
        }
        var scores: [Double] = [], groups: [[String: Double]] = []
        for v in normalised {
            let (s, g) = score(v)
            scores.append(s ?? -.infinity)
            groups.append(g)
        }
        return Run(scores: scores, groups: groups, normalised: normalised, parent: score(parentNorm).0)
    }

    /// Ranks of each kept unit over Monte Carlo runs varying the given sources.
    static func monteCarlo(_ f: IndexFramework, raw: Raw, kept: [Int], year: Int, sources: [String], runs: Int, seed: UInt64) -> [[Int]] {
        guard runs > 0 else { return kept.map { _ in [] } }
        var nobody: [IndexAuditRow] = []
        let base = nominalWeights(f, raw: raw, kept: kept, audit: &nobody, year: year)
        var rng = SeededRandom(seed: seed)
        var ranks = kept.map { _ in [Int]() }
        let r = f.weightRange
        for _ in 0..<runs {
            var w = base
            if sources.contains("weights") {
                w.indicators = w.indicators.map { $0 * (1 - r + 2 * r * rng.unit()) }
                for key in w.groups.keys.sorted() { w.groups[key]! *= 1 - r + 2 * r * rng.unit() }
            }
            let norm: IndexNormalisation = sources.contains("normalisation") ? [.minmax, .zscore, .rank][rng.below(3)] : f.normalisation
            var agg: IndexAggregation = sources.contains("aggregation") ? [.arithmetic, .geometric][rng.below(2)] : f.aggregation
            if norm == .zscore { agg = .arithmetic }  // a geometric mean needs positive values
            var draw = raw
            if sources.contains("sampling") {
                for i in kept {
                    for j in f.indicators.indices {
                        // The rate's posterior under Jeffreys' prior: Beta(x + ½, n − x + ½).
                        if let c = raw.counts[i][j], c.n > 0 { draw.values[i][j] = rng.beta(Double(c.x) + 0.5, Double(c.n - c.x) + 0.5) }
                    }
                }
            }
            let out = run(f, raw: draw, kept: kept, normalisation: norm, aggregation: agg, weights: w, audit: &nobody, year: year, record: false)
            for (i, rk) in rank(out.scores).enumerated() { ranks[i].append(rk) }
        }
        return ranks
    }

    /// Correlations between indicators (normalised) and Cronbach's alpha per group, with flags.
    static func coherence(_ f: IndexFramework, normalised: [[Double?]], year: Int) -> [IndexAuditRow] {
        var out: [IndexAuditRow] = []
        let k = f.indicators.count
        func column(_ j: Int, rows: [Int]) -> [Double] { rows.map { normalised[$0][j]! } }
        for a in 0..<k {
            for b in (a + 1)..<max(k, a + 1) {
                let rows = normalised.indices.filter { normalised[$0][a] != nil && normalised[$0][b] != nil }
                guard let r = IndexSteps.correlation(column(a, rows: rows), column(b, rows: rows)) else { continue }
                let same = f.indicators[a].group == f.indicators[b].group
                let flag = r > 0.9 ? "collinear (r > 0.9)" : (same && r < 0 ? "negative within group" : "")
                out.append(IndexAuditRow(year: year, step: "correlation", indicator: "\(f.indicators[a].id)~\(f.indicators[b].id)", unit: "",
                                         detail: flag, value: r))
            }
        }
        for g in f.groups {
            let members = (0..<k).filter { f.indicators[$0].group == g.id }
            let rows = normalised.indices.filter { i in members.allSatisfy { normalised[i][$0] != nil } }
            if let alpha = IndexSteps.cronbachAlpha(members.map { column($0, rows: rows) }) {
                out.append(IndexAuditRow(year: year, step: "cronbach_alpha", indicator: g.id, unit: "", detail: alpha < 0.7 ? "below 0.7" : "", value: alpha))
            }
        }
        return out
    }
}
