import Foundation
import Testing
import _QualityTestSupport

/// The one-way flow of docs/architecture.md, read from the import lines of
/// every source file (sub-folders included): QualityRuntime ← QualityData ←
/// QualityIngest, QualityIndicators, QualityParquet ← QualityExport, QualityReport,
/// QualityStore, QualitySynthetic ← QualityRun ← qindex. A module never
/// reaches up or sideways.
@Suite struct ModuleImportsTests {
    static let allowed: [String: Set<String>] = [
        "QualityRuntime": [],
        "QualityData": ["QualityRuntime"],
        "QualityIngest": ["QualityRuntime", "QualityData", "CZlib", "CIsal"],
        "QualityIndicators": ["QualityRuntime", "QualityData"],
        "QualityParquet": [],
        "QualityExport": ["QualityRuntime", "QualityData", "QualityIngest", "QualityIndicators", "QualityParquet"],
        "QualityReport": ["QualityRuntime", "QualityData", "QualityIndicators", "QualityParquet", "CZlib", "CIsal", "CFileSwap"],
        "QualityStore": ["QualityRuntime", "QualityData", "QualityIndicators", "CSQLite"],
        "QualitySynthetic": ["QualityRuntime", "QualityData", "QualityIngest", "CZlib"],
        "QualityRun": ["QualityRuntime", "QualityData", "QualityIngest", "QualityIndicators", "QualityExport", "QualityReport", "QualityStore", "QualitySynthetic"],
        "qindex": ["QualityRun"],
    ]
    static let ours: Set<String> = ["QualityParquet", "QualityRuntime", "QualityData", "QualityIngest", "QualityIndicators", "QualityExport", "QualityReport", "QualityStore",
                                    "QualitySynthetic", "QualityRun", "CZlib", "CIsal", "CSQLite", "CFileSwap"]

    @Test func everyModuleImportsOnlyWhatTheFlowAllows() throws {
        let fm = FileManager.default
        var wrong: [String] = []
        for (module, allowed) in Self.allowed {
            let dir = Fixtures.path("Sources/\(module)")
            let files = try fm.subpathsOfDirectory(atPath: dir).filter { $0.hasSuffix(".swift") }
            #expect(!files.isEmpty, "\(module) has sources")
            for f in files {
                let text = try String(contentsOfFile: "\(dir)/\(f)", encoding: .utf8)
                for line in text.split(separator: "\n") where line.hasPrefix("import ") || line.hasPrefix("@testable import ") {
                    let name = String(line.split(separator: " ").last ?? "")
                    if Self.ours.contains(name), name != module, !allowed.contains(name) { wrong.append("\(module)/\(f) imports \(name)") }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.sorted())")
    }

    /// The executable only declares options: it imports the argument parser
    /// and QualityRun, nothing else (not Foundation, not a module below the
    /// runner), so loading, checking and messages cannot creep back into it.
    @Test func theExecutableImportsOnlyTheRunnerAndTheParser() throws {
        let dir = Fixtures.path("Sources/qindex")
        var imports: [String: Set<String>] = [:]
        for f in try FileManager.default.subpathsOfDirectory(atPath: dir) where f.hasSuffix(".swift") {
            let text = try String(contentsOfFile: "\(dir)/\(f)", encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("import ") || line.contains(" import ") && !line.hasPrefix("//") && !line.hasPrefix(" ") {
                imports[f, default: []].insert(String(line.split(separator: " ").last ?? ""))
            }
        }
        #expect(imports.count >= 10, "every source file of the executable read")
        let wrong = imports.filter { !$0.value.isSubset(of: ["ArgumentParser", "QualityRun"]) }
        #expect(wrong.isEmpty, "\(wrong)")
    }
}
