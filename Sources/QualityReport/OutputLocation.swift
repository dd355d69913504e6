import Foundation

/// Guards the promise that qindex never writes into input files or folders.
public enum OutputLocation {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case insideInputFolder(out: String, input: String)
        public var description: String {
            switch self {
            case .insideInputFolder(let o, let i):
                return "output folder \(o) is inside the folder of input \(i); qindex never writes into input folders (choose another --out) / 输出目录位于输入文件所在目录内，qindex 不向输入目录写入（请另选 --out）"
            }
        }
    }

    /// Throws when `out` is an input's folder or below it.
    public static func validate(out: String, inputs: [String]) throws {
        let o = URL(fileURLWithPath: out).standardizedFileURL.resolvingSymlinksInPath().path
        for input in inputs {
            let dir = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().deletingLastPathComponent().path
            if o == dir || o.hasPrefix(dir.hasSuffix("/") ? dir : dir + "/") {
                throw Problem.insideInputFolder(out: out, input: input)
            }
        }
    }
}
