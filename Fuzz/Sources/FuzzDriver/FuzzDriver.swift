import Foundation

/// libFuzzer's driver, called from each target's entry point: SwiftPM links
/// an executable's entry point as `<Target>_main`, which hands over here
/// (the fuzzer runtime's own `main` is not used).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}

/// Scratch files and folders of one fuzzing process (in memory where /dev/shm exists).
public enum FuzzScratch {
    public static let directory: String = {
        FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    }()

    /// `NAME` in the scratch folder, named after the process.
    public static func path(_ name: String) -> String {
        (directory as NSString).appendingPathComponent("qindex-fuzz-\(getpid())-\(name)")
    }

    /// Writes `size` bytes to `path` (replacing it); false when it cannot.
    @discardableResult
    public static func write(_ data: UnsafePointer<UInt8>, _ size: Int, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return Foundation.write(fd, data, size) == size
    }
}
