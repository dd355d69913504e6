import Foundation
import FuzzDriver
import QualityData
import QualityIngest

/// One fuzz input: the bytes as a sampling file (plain, or gzip when they
/// start with the gzip magic), loaded by the sequential path and by the
/// parallel path in tiny chunks. Neither may crash or hang, and both must
/// give the same table, accounting and rejects (a differential check:
/// `SamplingIngestResult.differences(from:)`, with its one stated allowance).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzScratch.path("sampling.csv")
    guard FuzzScratch.write(data, size, to: path) else { return 0 }
    var options = SamplingIngestOptions()
    options.threads = 1
    let one = try? SamplingIngest.load(paths: [path], options: options)
    options.threads = 2
    options.chunkSize = 64
    let two = try? SamplingIngest.load(paths: [path], options: options)
    guard let one, let two else {
        if (one == nil) != (two == nil) { fatalError("one path failed, the other did not") }
        return 0
    }
    let differs = one.differences(from: two)
    if !differs.isEmpty { fatalError("sequential and parallel loads differ: " + differs.joined(separator: "; ")) }
    return 0
}

@_cdecl("IngestFuzz_main")
public func ingestFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}
