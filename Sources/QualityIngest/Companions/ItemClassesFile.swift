import QualityData

/// Reads a user's item classes (`--item-classes FILE`): the form of
/// datasets/reference/item-classes.csv — `keyword, class, safety` (关键词,
/// 类别, 是否安全项目), safety yes/no — with the input machinery of every
/// record file (gzip, UTF-8 or GB18030). A row that cannot be read is an
/// error naming its line: a rule file is short and must be whole.
public enum ItemClassesFile {
    static let schema = RecordSchema(kind: "item_classes",
                                     columns: ["keyword": ["关键词"], "class": ["类别"], "safety": ["是否安全项目", "安全"]],
                                     required: [["keyword"], ["class"], ["safety"]])

    public static func load(path: String) throws -> ItemClasses {
        var rules: [ItemClasses.Rule] = []
        let (report, rejects) = try RecordFile.read(path: path, schema: schema) { row in
            guard let k = row.value("keyword") else { return .rejected(column: "keyword", value: "", reason: .missingValue) }
            guard let c = row.value("class") else { return .rejected(column: "class", value: "", reason: .missingValue) }
            guard let s = row.value("safety"), let safety = RecordIngest.booleans[Mapping.normalise(s)] else {
                return .rejected(column: "safety", value: row.value("safety") ?? "", reason: .unknownValue)
            }
            // Failing items are normalised as text when loaded (铅(以Pb计) reads 铅（以Pb计）): so are the keywords.
            rules.append(ItemClasses.Rule(keyword: FieldNormaliser.normalise(k, .text), itemClass: c, safety: safety))
            return .loaded
        }
        if let r = rejects.first {
            let why = IngestMessages.reason(r.reason)
            throw IngestError.itemClasses(path: path, line: r.line, reason: "column \(r.column): \(why.en) (\"\(r.value)\")",
                                          reasonZh: "列 \(r.column)：\(why.zh)（“\(r.value)”）")
        }
        // A header and no rules is not an empty file: say what is missing.
        if report.loaded == 0 {
            if let e = report.error { throw e }
            throw IngestError.itemClasses(path: path, line: 0, reason: "no rules below the header (one per line: keyword, class, safety)",
                                          reasonZh: "表头之下没有规则（每行一条：关键词、类别、是否安全项目）")
        }
        return ItemClasses(rules: rules)
    }
}
