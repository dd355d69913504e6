import Glibc

/// What a run says when it runs out of memory, instead of a crash dump.
///
/// Under an address-space limit (`ulimit -v`), Swift stops a process whose
/// allocation fails with SIGABRT, and a thread whose stack cannot be mapped
/// faults. ``install()`` (called once by the runner) puts a handler there
/// that, when the process is at that limit, writes one message
/// in both languages — the stage and file being worked on (``stage(_:)``),
/// the peak memory used and the limit — and exits with status 1. It uses
/// only buffers made beforehand and `write(2)`: nothing is allocated once
/// memory is gone. What the run had not finished is not lost or mixed: the
/// run folder is swapped in only at the end (its staging folder is cleared by
/// the next run) and the database is written in one transaction.
///
/// A process killed by the kernel's OOM killer (SIGKILL) can say nothing.
public enum OutOfMemory {
    private static let capacity = 1024
    nonisolated(unsafe) private static let stageBuffer: UnsafeMutablePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        p.initialize(repeating: 0, count: capacity)
        return p
    }()
    nonisolated(unsafe) private static let digits = UnsafeMutablePointer<UInt8>.allocate(capacity: 32)
    nonisolated(unsafe) private static var installed = false

    nonisolated(unsafe) private static var addressSpaceLimit = 0
    nonisolated(unsafe) private static var pageSize = 4096
    nonisolated(unsafe) private static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 5)
    nonisolated(unsafe) private static let statm = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
    /// SIGILL and SIGTRAP too: a Swift trap (Foundation's `Data` when its
    /// `malloc` fails) stops the process with an illegal instruction, not
    /// an abort.
    private static let signals = [SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP]

    /// Installs the handler (idempotent) and notes the memory limit. The
    /// handler speaks only when the process is at its address-space limit
    /// (`ulimit -v`, where a failed allocation aborts or a new thread's stack
    /// faults); any other crash goes on to the handler that was there before
    /// (Swift's backtrace), as a bug should.
    public static func install() {
        guard !installed else { return }
        installed = true
        // Every buffer is made now: a lazy global would allocate (and take a lock) inside the handler.
        _ = (stageBuffer, digits, previous, statm, signals)
        pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        var rl = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &rl) == 0, rl.rlim_cur != rlim_t.max { addressSpaceLimit = Int(clamping: rl.rlim_cur) }
        for (i, sig) in signals.enumerated() {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in OutOfMemory.handle(sig) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, previous + i)
        }
    }

    /// The process's virtual size (from /proc/self/statm, read without allocating).
    private static func virtualBytes() -> Int {
        let fd = open("/proc/self/statm", O_RDONLY)
        guard fd >= 0 else { return 0 }
        let n = read(fd, statm, 127)
        close(fd)
        var pages = 0, i = 0
        while i < n, statm[i] >= 48, statm[i] <= 57 { pages = pages * 10 + Int(statm[i] - 48); i += 1 }
        return pages * pageSize
    }

    private static func handle(_ sig: Int32) {
        // At half the limit or more: a large block (a column, a chunk) is what fails first.
        if addressSpaceLimit > 0, virtualBytes() >= addressSpaceLimit / 2 { report() }
        // Not memory: the earlier handler (Swift's backtrace), then the signal as it was.
        if let i = signals.firstIndex(of: sig) { sigaction(sig, previous + i, nil) }
        raise(sig)
    }

    /// Names what the run is doing now (e.g. "parse input.csv.gz"), for the message.
    public static func stage(_ text: String) {
        var n = 0
        for b in text.utf8 where n < capacity - 1 {
            stageBuffer[n] = b
            n += 1
        }
        stageBuffer[n] = 0
    }

    /// The signal handler: fixed text and prepared buffers only.
    private static func report() {
        func put(_ s: StaticString) { _ = write(2, s.utf8Start, s.utf8CodeUnitCount) }
        func putStage() {
            var n = 0
            while n < capacity && stageBuffer[n] != 0 { n += 1 }
            _ = write(2, stageBuffer, n)
        }
        func putMiB(_ bytes: Int) {
            var v = bytes >> 20, n = 0
            repeat { digits[31 - n] = UInt8(48 + v % 10); v /= 10; n += 1 } while v > 0 && n < 31
            _ = write(2, digits + 32 - n, n)
        }
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        let peak = u.ru_maxrss * 1024
        put("\nqindex: 内存不足，运行已停止（阶段：")
        putStage()
        put("；内存峰值 ")
        putMiB(peak)
        put(" MiB，地址空间上限 ")
        putMiB(addressSpaceLimit)
        put(" MiB）。未写入任何报告，数据库保持原状；请分批处理输入或提供更多内存。\n")
        put("qindex: out of memory, the run stopped (stage: ")
        putStage()
        put("; peak memory ")
        putMiB(peak)
        put(" MiB, address-space limit ")
        putMiB(addressSpaceLimit)
        put(" MiB). No report was written and the database is unchanged; split the input or give qindex more memory.\n")
        _exit(1)
    }
}
