import Foundation

/// How many threads the parallel stages use: `GIDS_JOBS` from the environment when it is a
/// positive number (`GIDS_JOBS=1` runs everything on one thread), else every core.
public let parallelJobs: Int = {
    if let text = ProcessInfo.processInfo.environment["GIDS_JOBS"], let jobs = Int(text), jobs > 0 { return jobs }
    return ProcessInfo.processInfo.activeProcessorCount
}()

extension Array where Element: Sendable {
    /// `map` on ``parallelJobs`` threads (Dispatch's `concurrentPerform`), results in input
    /// order, so output never depends on scheduling or the number of cores.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if parallelJobs == 1 || count < 2 { return map(transform) }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = SlotBuffer(buffer)
            self.withUnsafeBufferPointer { input in
                let source = SlotInput(input)
                let total = source.buffer.count
                if parallelJobs >= ProcessInfo.processInfo.activeProcessorCount {
                    DispatchQueue.concurrentPerform(iterations: total) { index in
                        slots.buffer[index] = transform(source.buffer[index])
                    }
                } else {
                    // Fewer threads than cores: each worker takes every `jobs`-th item.
                    let jobs = parallelJobs
                    DispatchQueue.concurrentPerform(iterations: jobs) { worker in
                        for index in stride(from: worker, to: total, by: jobs) {
                            slots.buffer[index] = transform(source.buffer[index])
                        }
                    }
                }
            }
        }
        return results.map { $0! }
    }
}

/// Each concurrent iteration writes only its own slot.
private struct SlotBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
    init(_ buffer: UnsafeMutableBufferPointer<T?>) { self.buffer = buffer }
}

private struct SlotInput<T>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<T>
    init(_ buffer: UnsafeBufferPointer<T>) { self.buffer = buffer }
}

/// Work started on another thread now, whose result ``wait()`` returns: two stages that read
/// the same immutable input run side by side, so one's serial parts fill the other's idle cores.
public final class BackgroundWork<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: T?

    public init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    /// Blocks until the work is finished; call once.
    public func wait() -> T {
        done.wait()
        return result!
    }
}
