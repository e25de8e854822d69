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
        let baseBytes = Array(base.utf8)
        let targetBytes = Array(target.utf8)
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
        let rest = String(decoding: targetBytes[common...], as: UTF8.self)
        if ups == 0 {
            if rest.isEmpty { return "./" }
            // A first segment with ':' would read as a URL scheme.
            let first = rest.prefix { $0 != "/" }
            return first.contains(":") ? "./" + rest : rest
        }
        return String(repeating: "../", count: ups) + rest
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
}
