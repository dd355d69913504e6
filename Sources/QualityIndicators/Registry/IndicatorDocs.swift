/// Generates docs/indicators.md from the registry, so the documentation can
/// never drift from the definitions (a test compares the two).
public enum IndicatorDocs {
    public static func markdown() -> String {
        var out = "# Indicators (指标定义)\n\n"
        out += "Generated from `IndicatorRegistry` (Sources/QualityIndicators/Registry/IndicatorRegistry.swift) — do not edit by hand;\n"
        out += "regenerate with `RECORD_GOLDEN=1 swift test --filter IndicatorDocsTests`.\n\n"
        for d in IndicatorRegistry.all {
            out += "## `\(d.id)` — \(d.name.zh) / \(d.name.en)\n\n"
            out += "- Unit: \(d.unit.en)\n- Direction: \(d.direction.rawValue.replacingOccurrences(of: "_", with: " "))\n"
            if d.isProportion {
                out += d.census ? "- Census (全数): a complete count, no sampling error — no interval, never \"with confidence\"\n"
                                : "- Sample (抽样): estimated from sampled batches, with its 95% interval\n"
            }
            if d.measure != nil { out += "- A plan target or an index indicator can name it\(d.keptInHistory ? "; the history keeps it" : "")\n" }
            out += "- 定义：\(d.formula.zh)\n- Definition: \(d.formula.en)\n\n"
            out += "| numerator | denominator | value | example |\n|---:|---:|---:|---|\n"
            for e in d.examples {
                out += "| \(e.numerator) | \(e.denominator) | \(e.expected.map { String($0) } ?? "(empty)") | \(e.note) |\n"
            }
            out += "\n"
        }
        return out
    }
}
