/// Paths inside the output site, always relative to the site root with `/` separators:
/// `""` is the root, a page is a directory path ending in `/` (`woudlopersgids/respijtzorg/`),
/// a file has no trailing slash (`assets/style.css`). Every URL in the site is made relative
/// with ``relative(from:to:)`` so the site works under any sub-path and from disk.
public enum SitePath {
    /// The search index at the site root. Its presence also marks a folder as a site gids built.
    public static let searchIndex = "search-index.json"

    /// The URL of `target` as seen from the page whose directory is `base`.
    /// Both are site-root-relative; `base` is a directory (`""` or ending in `/`).
    /// `relative(from: "a/b/", to: "c/")` is `../../c/`; from the root to the root is `./`.
    public static func relative(from base: String, to target: String) -> String {
        let baseParts = base.split(separator: "/", omittingEmptySubsequences: true)
        var targetParts = target.split(separator: "/", omittingEmptySubsequences: true)
        let targetIsDirectory = target.isEmpty || target.hasSuffix("/")
        var common = 0
        let limit = targetIsDirectory ? targetParts.count : max(0, targetParts.count - 1)
        while common < baseParts.count && common < limit && baseParts[common] == targetParts[common] {
            common += 1
        }
        let ups = Array(repeating: "..", count: baseParts.count - common)
        targetParts.removeFirst(common)
        var parts = ups + targetParts.map(String.init)
        if parts.isEmpty { return "./" }
        if ups.isEmpty, let first = parts.first, first.contains(":") {
            parts[0] = "./" + first  // a first segment with ':' would read as a URL scheme
        }
        var text = parts.joined(separator: "/")
        if targetIsDirectory { text += "/" }
        return text
    }

    /// The directory part of a site path: `a/b/c.png` → `a/b/`, `a/b/` → `a/b/`, `x` → `""`.
    public static func directory(of path: String) -> String {
        if path.isEmpty || path.hasSuffix("/") { return path }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// Resolves `reference` (a relative path with `/` separators, possibly with `.` and `..`)
    /// against the directory `base`. Returns nil when it climbs above the root.
    public static func resolve(_ reference: String, against base: String) -> String? {
        var parts = reference.hasPrefix("/") ? [] : base.split(separator: "/").map(String.init)
        let trailingSlash = reference.hasSuffix("/")
        for part in reference.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        let joined = parts.joined(separator: "/")
        return trailingSlash && !joined.isEmpty ? joined + "/" : joined
    }
}
