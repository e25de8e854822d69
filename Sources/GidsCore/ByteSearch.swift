import Foundation

/// The index of the first `byte` in `bytes` at or after `start` (memchr); nil when there is none.
/// For scans over whole page bodies, where a generic `firstIndex(of:)` costs a per cent of a build.
@inlinable
public func indexOfByte(_ byte: UInt8, in bytes: [UInt8], from start: Int = 0) -> Int? {
    guard start < bytes.count else { return nil }
    return bytes.withUnsafeBufferPointer { buffer -> Int? in
        guard let base = buffer.baseAddress, let hit = memchr(base + start, Int32(byte), buffer.count - start) else {
            return nil
        }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
}
