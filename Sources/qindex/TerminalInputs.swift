import ArgumentParser
import Foundation
import QualityData
import QualityIngest
import QualityReport

/// Loads what `qindex targets` and `qindex index` read — the companion
/// files first (a malformed plan or framework stops here), then the sampling
/// files — reporting unreadable files on standard error in the chosen language.
struct TerminalInputs {
    var companions: CompanionInputs
    var table: SamplingTable?
    /// A file could not be read (the command still prints, then exits 1).
    var failed = false

    static func load(files: [String], language: Language, companions make: () throws -> CompanionInputs) throws -> TerminalInputs {
        func say(_ e: IngestError) { FileHandle.standardError.write(Data((e.message(language) + "\n").utf8)) }
        do {
            var inputs = TerminalInputs(companions: try make())
            if !files.isEmpty {
                var options = SamplingIngestOptions()
                options.snapshotDirectory = SamplingIngestOptions.defaultSnapshotDirectory
                let load = try SamplingIngest.load(paths: files, options: options)
                load.snapshotWrite?.wait()
                inputs.table = load.table
                for e in load.failures { say(e); inputs.failed = true }
            }
            for e in inputs.companions.failures { say(e); inputs.failed = true }
            return inputs
        } catch let e as IngestError {
            say(e)
            throw ExitCode(1)
        }
    }
}
