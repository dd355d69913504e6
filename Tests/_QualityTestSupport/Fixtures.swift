import CZlib
import Foundation
import QualityData
import QualityIngest

/// Paths and small builders shared by the test targets.
public enum Fixtures {
    /// The repository root (found from this file's path).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    /// A fresh temporary folder.
    public static func tempDir(_ name: String = "qindex-test") -> String {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(name)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes bytes to a new temp file and returns its path.
    public static func file(_ bytes: [UInt8], name: String = "input.csv") -> String {
        let p = (tempDir() as NSString).appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }

    public static func file(_ text: String, name: String = "input.csv") -> String { file(Array(text.utf8), name: name) }

    /// Gzips bytes with zlib (one member).
    public static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        let p = (tempDir() as NSString).appendingPathComponent("x.gz")
        let gz = gzopen(p, "wb6")!
        bytes.withUnsafeBytes { _ = gzwrite(gz, $0.baseAddress, UInt32($0.count)) }
        gzclose(gz)
        return Array(FileManager.default.contents(atPath: p)!)
    }

    /// Transcodes UTF-8 text to GB18030 (with iconv, through the product's encoder).
    public static func gb18030(_ text: String) -> [UInt8] { GB18030Encoder.encode(Array(text.utf8)) }

    /// A minimal valid sampling file with the given data lines (English canonical header).
    public static let header = "batch_id,sample_date,level,region_code,product_name,result,failed_items,enterprise_name"

    public static func sampling(_ lines: [String]) -> String { ([header] + lines).joined(separator: "\n") + "\n" }

    /// Loads one file with default options.
    public static func load(_ path: String, mapping: Mapping = .builtIn) throws -> SamplingIngestResult {
        var o = SamplingIngestOptions()
        o.mapping = mapping
        return try SamplingIngest.load(paths: [path], options: o)
    }
}

/// A tiny deterministic generator for property tests (SplitMix64).
public struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The built `qindex` binary, run as a user would (tests of the command line).
public enum QIndexBinary {
    public static let path = Fixtures.path(".build/debug/qindex")
    public static var exists: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Runs qindex with `arguments` in `directory`; returns the exit status, standard output and standard error.
    /// `shell`: run /bin/bash with `arguments` instead (to set a limit first).
    public static func run(_ arguments: [String], in directory: String? = nil, stdin: FileHandle? = nil, shell: Bool = false) throws -> (status: Int32, out: String, err: String) {
        try Subprocess.run(shell ? "/bin/bash" : path, arguments, in: directory, stdin: stdin)
    }
}

/// Runs a program and collects its exit status, standard output and standard error.
public enum Subprocess {
    public static func run(_ executable: String, _ arguments: [String], in directory: String? = nil, stdin: FileHandle? = nil) throws
        -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        if let stdin { p.standardInput = stdin }
        try p.run()
        // Read both pipes while it runs (a full pipe would block it).
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// A Python script run by the system's python3 (an independent reader of what qindex wrote).
    public static func python(_ script: String, _ arguments: String...) throws -> (status: Int32, out: String, err: String) {
        try run("/usr/bin/python3", ["-c", script] + arguments)
    }
}
