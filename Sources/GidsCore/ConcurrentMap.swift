import Foundation

extension Array where Element: Sendable {
    /// `map` on all cores (Dispatch's `concurrentPerform`), results in input order, so output
    /// never depends on scheduling or the number of cores.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = SlotBuffer(buffer)
            self.withUnsafeBufferPointer { input in
                let source = SlotInput(input)
                DispatchQueue.concurrentPerform(iterations: source.buffer.count) { index in
                    slots.buffer[index] = transform(source.buffer[index])
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
