import Foundation

/// Results of parallel jobs by job index, each set once under a lock; the
/// one shared shape of "run N jobs, collect their outputs in order".
public final class IndexedResults<T>: @unchecked Sendable {
    private var slots: [Int: T] = [:]
    private let lock = NSLock()

    public init() {}

    public func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    public func get(_ i: Int) -> T? {
        lock.lock()
        defer { lock.unlock() }
        return slots[i]
    }

    /// The values in index order.
    public var ordered: [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.keys.sorted().map { slots[$0]! }
    }
}
