/// Language of user-facing text (界面语言). Every message exists in both.
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}

/// A text in Chinese and English.
public struct Bilingual: Sendable, Equatable {
    public let zh: String
    public let en: String
    public init(_ zh: String, _ en: String) { self.zh = zh; self.en = en }
    public func callAsFunction(_ lang: Language) -> String { lang == .zh ? zh : en }
}
