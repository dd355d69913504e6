import Foundation

/// Guards the promise that qindex never writes into input files or folders.
public enum OutputLocation {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case insideInputFolder(out: String, input: String)
        public var description: String {
            switch self {
            case .insideInputFolder(let o, let i):
                return "output folder \(o) would mix the run's files with input \(i); qindex never writes into input folders (choose another --out) / 输出目录 \(o) 与输入文件 \(i) 在同一目录或包含它，qindex 不向输入目录写入（请另选 --out）"
            }
        }
    }

    /// Throws when `out` is an input's own folder, or an input lies inside
    /// `out` (the run writes fixed names there: index.html, tables/, …).
    /// A new subfolder next to the inputs is fine: it holds no input.
    public static func validate(out: String, inputs: [String]) throws {
        func canonical(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path }
        let o = canonical(out)
        let oSlash = o.hasSuffix("/") ? o : o + "/"
        for input in inputs {
            let i = canonical(input)
            let dir = URL(fileURLWithPath: i).deletingLastPathComponent().path
            if o == dir || o == i || i.hasPrefix(oSlash) {
                throw Problem.insideInputFolder(out: out, input: input)
            }
        }
    }
}
