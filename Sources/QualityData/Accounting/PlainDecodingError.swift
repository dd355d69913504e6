import Foundation

/// A JSON file's decoding error in plain words, in both languages: where in
/// the file (`files[0].loaded`) and what was wrong, instead of Foundation's
/// `DecodingError … Debug description` dump.
public struct PlainDecodingError: Sendable {
    public let zh: String
    public let en: String

    public init(_ error: Error) {
        guard let e = error as? DecodingError else {
            let text = (error as NSError).localizedDescription
            zh = text; en = text
            return
        }
        func path(_ p: [CodingKey]) -> String {
            p.map { k in k.intValue.map { "[\($0)]" } ?? ".\(k.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch e {
        case .typeMismatch(let type, let c):
            let at = path(c.codingPath)
            zh = "\(at.isEmpty ? "顶层" : at) 的类型不对（应为 \(Self.typeName(type).zh)）"
            en = "\(at.isEmpty ? "the top level" : at) has the wrong type (\(Self.typeName(type).en) expected)"
        case .valueNotFound(let type, let c):
            let at = path(c.codingPath)
            zh = "\(at) 没有值（应为 \(Self.typeName(type).zh)）"
            en = "\(at) has no value (\(Self.typeName(type).en) expected)"
        case .keyNotFound(let key, let c):
            let at = path(c.codingPath + [key])
            zh = "缺少 \(at)"
            en = "\(at) is missing"
        case .dataCorrupted(let c):
            let at = path(c.codingPath)
            zh = at.isEmpty ? "不是有效的 JSON" : "\(at) 的值无效"
            en = at.isEmpty ? "not valid JSON" : "\(at) holds an invalid value"
        @unknown default:
            zh = "无法读取"; en = "cannot be read"
        }
    }

    static func typeName(_ t: Any.Type) -> (zh: String, en: String) {
        if t == Int.self || t == Int32.self || t == Int64.self { return ("整数", "a whole number") }
        if t == Double.self { return ("数值", "a number") }
        if t == String.self { return ("文本", "text") }
        if t == Bool.self { return ("true 或 false", "true or false") }
        let name = "\(t)"
        if name.hasPrefix("Array") { return ("列表", "a list") }
        if name.hasPrefix("Dictionary") { return ("对象", "an object") }
        return ("对象", "an object")
    }
}
