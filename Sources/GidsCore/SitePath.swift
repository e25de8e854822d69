/// Paths inside the output site, always relative to the site root with `/` separators:
/// `""` is the root, a page is a directory path ending in `/` (`woudlopersgids/respijtzorg/`),
/// a file has no trailing slash (`assets/style.css`). Every URL in the site is made relative
/// with ``relative(from:to:)`` so the site works under any sub-path and from disk.
public enum SitePath {
    /// The search index at the site root. Its presence also marks a folder as a site gids built.
    public static let searchIndex = "search-index.json"
    /// The folder of the split search index (vocabulary, term shards, documents).
    public static let searchFolder = "search/"

    /// The file that holds the page at site path `url`: `a/b/index.html` for a directory URL,
    /// the URL itself for a file URL (`a/b.html`, a guide that keeps its old addresses).
    public static func file(of url: String) -> String {
        url.isEmpty || url.hasSuffix("/") ? url + "index.html" : url
    }

    /// The URL of `target` as seen from the page whose directory is `base`.
    /// Both are site-root-relative; `base` is a directory (`""` or ending in `/`).
    /// `relative(from: "a/b/", to: "c/")` is `../../c/`; from the root to the root is `./`.
    public static func relative(from base: String, to target: String) -> String {
        // Byte-level (every page computes dozens of these): the common leading folders end at
        // a `/` both paths share; a file's own name never counts as a folder.
        var base = base
        var target = target
        return base.withUTF8 { baseBytes in
            target.withUTF8 { targetBytes in relative(baseBytes, targetBytes) }
        }
    }

    /// ``relative(from:to:)`` on the UTF-8 bytes of both paths, read in place.
    private static func relative(_ baseBytes: UnsafeBufferPointer<UInt8>, _ targetBytes: UnsafeBufferPointer<UInt8>)
        -> String
    {
        let targetIsDirectory = targetBytes.isEmpty || targetBytes.last == UInt8(ascii: "/")
        let limit =
            targetIsDirectory ? targetBytes.count : (targetBytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0)
        var common = 0
        var index = 0
        while index < baseBytes.count && index < limit && baseBytes[index] == targetBytes[index] {
            if baseBytes[index] == UInt8(ascii: "/") { common = index + 1 }
            index += 1
        }
        var ups = 0
        for byte in baseBytes[common...] where byte == UInt8(ascii: "/") { ups += 1 }
        // A base without a trailing `/` still names a folder.
        if let last = baseBytes.last, last != UInt8(ascii: "/"), baseBytes.count > common { ups += 1 }
        let rest = targetBytes[common...]
        var prefix: StaticString = "../"
        if ups == 0 {
            if rest.isEmpty { return "./" }
            // A first segment with ':' would read as a URL scheme.
            guard rest.prefix(while: { $0 != UInt8(ascii: "/") }).contains(UInt8(ascii: ":")) else {
                return String(decoding: rest, as: UTF8.self)
            }
            (prefix, ups) = ("./", 1)
        }
        // Written straight into the string's storage: one allocation per URL.
        return String(unsafeUninitializedCapacity: ups * prefix.utf8CodeUnitCount + rest.count) { out in
            var written = 0
            for _ in 0..<ups {
                for offset in 0..<prefix.utf8CodeUnitCount {
                    out[written] = prefix.utf8Start[offset]
                    written += 1
                }
            }
            for byte in rest {
                out[written] = byte
                written += 1
            }
            return written
        }
    }

    /// The directory part of a site path: `a/b/c.png` → `a/b/`, `a/b/` → `a/b/`, `x` → `""`.
    public static func directory(of path: String) -> String {
        if path.isEmpty || path.utf8.last == 0x2F { return path }
        guard let slash = path.utf8.lastIndex(of: 0x2F) else { return "" }
        return String(path[...slash])
    }

    /// Resolves `reference` (a relative path with `/` separators, possibly with `.` and `..`)
    /// against the directory `base`. Returns nil when it climbs above the root.
    public static func resolve(_ reference: String, against base: String) -> String? {
        // Most links name a file next to the page (`x.md`): nothing to split when the reference
        // has no `/` and is no dot segment, and the base is a clean folder (`a/b/` or empty).
        if !reference.isEmpty, reference != ".", reference != "..", !reference.utf8.contains(0x2F),
            base.isEmpty || (base.utf8.last == 0x2F && base.utf8.first != 0x2F && !hasEmptySegment(base))
        {
            return base + reference
        }
        // Split on the `/` byte: a Character split costs more than the rest of link resolution.
        var parts: [Substring] =
            reference.utf8.first == 0x2F ? [] : base.utf8.split(separator: 0x2F).map(Substring.init)
        let trailingSlash = reference.utf8.last == 0x2F
        for bytes in reference.utf8.split(separator: 0x2F) {
            let part = Substring(bytes)
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return trailingSlash && !joined.isEmpty ? joined + "/" : joined
    }

    /// True when `path` has `//` somewhere: an empty segment, which ``resolve(_:against:)`` drops.
    private static func hasEmptySegment(_ path: String) -> Bool {
        var previous: UInt8 = 0
        for byte in path.utf8 {
            if byte == 0x2F && previous == 0x2F { return true }
            previous = byte
        }
        return false
    }
}
