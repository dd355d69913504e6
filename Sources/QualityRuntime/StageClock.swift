import Foundation
import Glibc

/// Monotonic wall-clock seconds, for per-stage timings (`--timings`, run.json).
public enum StageClock {
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

/// Named stage durations in the order they ran.
public struct StageTimings: Sendable {
    public private(set) var stages: [(name: String, seconds: Double)] = []
    public init() {}
    public mutating func add(_ name: String, _ seconds: Double) {
        if let i = stages.firstIndex(where: { $0.name == name }) { stages[i].seconds += seconds } else { stages.append((name, seconds)) }
    }
    /// Runs `body`, adding its duration under `name`.
    public mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let t0 = StageClock.now()
        defer { add(name, StageClock.now() - t0) }
        return try body()
    }
    public var text: String { stages.map { "\($0.name) \(Double(Int($0.seconds * 1000)) / 1000) s" }.joined(separator: ", ") }
}

/// Stage durations recorded from parallel jobs (the writers of a run
/// folder): each job adds its own time under its name, under a lock.
public final class StageLog: @unchecked Sendable {
    private var timings = StageTimings()
    private let lock = NSLock()
    public init() {}

    /// Runs `body`, adding its duration under `name`.
    public func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let t0 = StageClock.now()
        defer {
            let seconds = StageClock.now() - t0
            lock.lock()
            timings.add(name, seconds)
            lock.unlock()
        }
        return try body()
    }

    /// What was recorded, in the order the stages were first seen.
    public var stages: [(name: String, seconds: Double)] {
        lock.lock()
        defer { lock.unlock() }
        return timings.stages
    }
}
