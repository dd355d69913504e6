/// Classes of failing items (不合格项目分类): which failures are about
/// safety (microbial contamination, heavy metals, pesticide and veterinary
/// residues, additives, harmful substances, electrical safety) and which
/// are not (labelling, other items). An item belongs to the class of the
/// longest keyword it contains (the first such rule on a tie), after every
/// exclusion phrase — a rule of class `exclude`, such as 铅笔 (pencil,
/// not lead) — is taken out of its name; an item no rule matches is
/// "other". The bundled rules are datasets/reference/item-classes.csv (a
/// test keeps the two equal); a user's file of the same form replaces them
/// (`qindex report --item-classes FILE`).
public struct ItemClasses: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        public let keyword: String
        public let itemClass: String
        public let safety: Bool
        public init(keyword: String, itemClass: String, safety: Bool) { self.keyword = keyword; self.itemClass = itemClass; self.safety = safety }
    }

    public let rules: [Rule]
    public init(rules: [Rule]) { self.rules = rules }

    /// The class of a phrase that is not what its keyword means (铅笔 is
    /// no lead): taken out of an item's name before it is matched.
    public static let exclude = "exclude"

    /// The rule of an item's name: its exclusion phrases taken out, the
    /// longest keyword it still contains (the first such rule on a tie);
    /// nil for "other" (not safety). `铅笔芯直径` is other, `铅笔涂层中的铅`
    /// lead, `溶剂残留量` a harmful substance (溶剂残留 is longer than 残留).
    public func rule(for item: String) -> Rule? {
        var name = item
        for r in rules where r.itemClass == Self.exclude && !r.keyword.isEmpty { name = name.replacingOccurrences(of: r.keyword, with: "\u{1F}") }
        var best: Rule?
        for r in rules where r.itemClass != Self.exclude && name.contains(r.keyword) {
            if best == nil || r.keyword.count > best!.keyword.count { best = r }
        }
        return best
    }

    public func isSafety(_ item: String) -> Bool { rule(for: item)?.safety ?? false }

    public static let bundled = ItemClasses(rules: bundledRules.map { Rule(keyword: $0.0, itemClass: $0.1, safety: $0.2) })

    static let bundledRules: [(String, String, Bool)] = [
        ("微生物", "microbial", true), ("菌落", "microbial", true), ("大肠菌群", "microbial", true), ("沙门氏菌", "microbial", true),
        ("金黄色葡萄球菌", "microbial", true), ("霉菌", "microbial", true), ("酵母", "microbial", true),
        ("铅", "heavy_metal", true), ("镉", "heavy_metal", true), ("汞", "heavy_metal", true), ("砷", "heavy_metal", true),
        ("铬", "heavy_metal", true), ("重金属", "heavy_metal", true),
        ("农药", "residue", true), ("兽药", "residue", true), ("残留", "residue", true),
        ("防腐剂", "additive", true), ("甜味剂", "additive", true), ("着色剂", "additive", true), ("色素", "additive", true),
        ("二氧化硫", "additive", true), ("苯甲酸", "additive", true), ("山梨酸", "additive", true), ("添加剂", "additive", true),
        ("甲醛", "harmful_substance", true), ("邻苯二甲酸酯", "harmful_substance", true), ("芳香胺", "harmful_substance", true),
        ("挥发性有机化合物", "harmful_substance", true), ("荧光增白", "harmful_substance", true),
        ("防触电", "electrical_safety", true), ("泄漏电流", "electrical_safety", true), ("接地", "electrical_safety", true),
        ("电气强度", "electrical_safety", true), ("绝缘电阻", "electrical_safety", true), ("耐热和耐燃", "electrical_safety", true),
        ("标志", "labelling", false), ("标签", "labelling", false), ("标识", "labelling", false), ("说明", "labelling", false),
        ("溶剂残留", "harmful_substance", true),
        // Exclusions: phrases whose keyword means something else here.
        ("铅笔", "exclude", false), ("镀铬", "exclude", false), ("铬鞣", "exclude", false),
    ]
}
