/// Classes of failing items (不合格项目分类): which failures are about
/// safety (microbial contamination, heavy metals, pesticide and veterinary
/// residues, additives, harmful substances, electrical safety) and which
/// are not (labelling, other items). An item belongs to the class of the
/// first rule whose keyword it contains; an item no rule matches is
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

    /// The first rule that matches an item's name, nil for "other" (not safety).
    public func rule(for item: String) -> Rule? { rules.first { item.contains($0.keyword) } }

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
    ]
}
