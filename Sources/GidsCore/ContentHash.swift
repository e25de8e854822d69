import Foundation

/// A short content hash for file names of theme assets (`style.3f9a…c2.css`), so servers can
/// cache them for a year and a changed file gets a new name. 64-bit FNV-1a (Fowler–Noll–Vo,
/// draft-eastlake-fnv): fast, stable across platforms and runs; not for security.
public enum ContentHash {
    /// 16 lowercase hex digits.
    public static func hex(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// `assets/style.css` → `assets/style.<hash>.css`.
    public static func fingerprinted(_ path: String, data: Data) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path + "." + hex(data) }
        return String(path[..<dot]) + "." + hex(data) + String(path[dot...])
    }
}
