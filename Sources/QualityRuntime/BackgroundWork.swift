import Dispatch

/// Work started on another thread; whoever started it waits for it before
/// the process exits (``wait()``), so nothing is left half-done.
public final class BackgroundWork: @unchecked Sendable {
    private let group = DispatchGroup()
    private var seconds = 0.0  // written before `leave()`, read after `wait()`

    public init(_ work: @escaping @Sendable () -> Void) {
        group.enter()
        DispatchQueue.global().async {
            let t0 = StageClock.now()
            work()
            self.seconds = StageClock.now() - t0
            self.group.leave()
        }
    }

    /// Blocks until the work is done; returns how long it ran.
    @discardableResult
    public func wait() -> Double {
        group.wait()
        return seconds
    }
}
