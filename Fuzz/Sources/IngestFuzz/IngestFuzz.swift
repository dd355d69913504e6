import Foundation
import QualityData
import QualityIngest

/// One fuzz input: the bytes as a sampling file (plain, or gzip when they
/// start with the gzip magic), loaded by the sequential path and by the
/// parallel path in tiny chunks. Neither may crash or hang, and both must
/// give the same table, accounting and rejects (a differential check).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzFile.path
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return 0 }
    _ = write(fd, data, size)
    close(fd)
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
    var differs: [String] = []
    if one.table.count != two.table.count { differs.append("rows \(one.table.count) vs \(two.table.count)") }
    if one.rejects != two.rejects {
        let first = zip(one.rejects, two.rejects).first { $0 != $1 }
        differs.append("rejects (\(one.rejects.count) vs \(two.rejects.count)) first differing: \(first.map { "\($0.0) vs \($0.1)" } ?? "one list longer")")
    }
    if one.files != two.files { differs.append("file accounting \(one.files) vs \(two.files)") }
    if !differs.isEmpty { fatalError("sequential and parallel loads differ: " + differs.joined(separator: "; ")) }
    return 0
}

enum FuzzFile {
    static let path: String = {
        let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return (dir as NSString).appendingPathComponent("qindex-fuzz-\(getpid()).csv")
    }()
}

/// SwiftPM links an executable's entry point as `IngestFuzz_main`; here it
/// hands over to libFuzzer's driver (the fuzzer runtime's own `main` is not used).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("IngestFuzz_main")
public func ingestFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data, size) }
}
