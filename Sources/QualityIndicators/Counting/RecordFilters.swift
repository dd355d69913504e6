import QualityData

extension CountCube {
    /// The counts plan targets and index indicators read from sampling
    /// results alone (`qindex targets`, `qindex index`, tests): the tables by
    /// year and region, and the filtered sets of `queries`.
    public static func forTargets(_ t: SamplingTable, queries: [IndicatorQuery]) -> CountCube {
        count(t, kinds: [.year, .region], grouped: GroupedIndicator.needed(by: queries), findings: false,
              filters: RecordFilter.needed(by: queries))
    }
}

extension RecordFilter {
    /// The filter of a plan target or index indicator counted from sampling
    /// results: the indicator's own conditions (e-commerce: channel
    /// ecommerce) together with the query's — where both name a column, the
    /// values both accept. nil for an indicator not computed from batches.
    public init?(sampling query: IndicatorQuery) {
        switch IndicatorRegistry.definition(query.indicator)?.measure {
        case .batches(let fixed)?, .enterprises(let fixed)?:
            var c = query.filters
            for (k, v) in fixed { c[k] = c[k].map { $0.filter(v.contains) } ?? v }
            self.init(c)
        default:
            return nil
        }
    }

    /// The filters of `queries` that need counts of their own (not the tables by year and region), distinct and sorted.
    public static func needed(by queries: [IndicatorQuery]) -> [RecordFilter] {
        distinct(queries.compactMap { RecordFilter(sampling: $0) })
    }

    /// The condition's name for a column: its own, but `industry` for the
    /// industry code (a prefix, not a value: ``Measure/batchFilters``).
    public static func key(_ c: SamplingColumn) -> String { c == .industryCode ? "industry" : c.rawValue }

    /// Whether each batch of `t` is accepted: enum columns of the schema by
    /// id (a batch without a value is not), coded text columns (product
    /// codes, agencies, task ids …) by their text, and industries by
    /// GB/T 4754 prefix (``IndustryCode/matches(_:prefix:)``). Each condition
    /// is looked up once per dictionary value or enum code, not per batch.
    func accepts(_ t: SamplingTable) -> [Bool] {
        var ok = [Bool](repeating: true, count: t.count)
        for spec in SamplingSchema.stored {
            guard let values = conditions[Self.key(spec.column)] else { continue }
            switch spec.storage {
            case .byte(let path)?:
                var allowed = [Bool](repeating: false, count: 256)
                for v in spec.values where values.contains(v.id) { allowed[Int(v.code)] = true }
                let column = t[keyPath: path]
                precondition(column.count == t.count, "\(spec.name) is not carried in this table")
                for b in 0..<t.count where !allowed[Int(column[b])] { ok[b] = false }
            case .code(let path, let dictionary)?:
                let d = t[keyPath: dictionary.path]
                let allowed = (0..<d.count).map { i -> Bool in
                    let code = d.string(UInt32(i))
                    return spec.column == .industryCode ? values.contains { IndustryCode.matches(code, prefix: $0) } : values.contains(code)
                }
                let column = t[keyPath: path]
                precondition(column.count == t.count, "\(spec.name) is not carried in this table")
                for b in 0..<t.count where column[b] == missingDictionaryCode || !allowed[Int(column[b])] { ok[b] = false }
            default:
                continue
            }
        }
        return ok
    }
}
