import Foundation
import GidsCore
import GidsHTML
import GidsLinks

/// What `gids check --site` looks at.
public struct SiteCheckOptions: Sendable {
    /// The site folder, as the user typed it; diagnostics show paths under it.
    public var root: String
    /// The URL path the site is served under (e.g. `/gids/`): root-relative links (`/gids/x/`)
    /// resolve against the site folder after it is removed. Nil: the site is served at `/`.
    public var basePath: String?
    /// The site's public address (e.g. `https://example.org/gids/`): links that start with it
    /// are checked as files of the site, not fetched.
    public var baseURL: String?

    public init(root: String, basePath: String? = nil, baseURL: String? = nil) {
        self.root = root
        self.basePath = basePath
        self.baseURL = baseURL
    }
}

/// What the output-level check found.
public struct SiteCheckResult: Sendable {
    /// Broken links, bad fragments, duplicate ids, unsafe and empty URLs (unsorted).
    public var diagnostics: [Diagnostic] = []
    /// The HTML files read, as display paths (`site/a/index.html`), sorted.
    public var htmlFiles: [String] = []
    /// URL attributes checked (local and external; a `srcset` counts per candidate).
    public var referenceCount = 0
    /// Every `http(s)` reference outside the site, for `--external`.
    public var externalReferences: [ExternalReference] = []
}

/// Checks every HTML file under `options.root` (any generator's output): each `href`, `src`,
/// `srcset`, `poster`, `data` and `<link href>` must name a file of the site (a folder means its
/// `index.html`), its fragment must match an `id` or `<a name>` in the target, compared with
/// ``LinkRules`` (percent-decoded, exact). Also reported: duplicate ids in a page, empty URLs,
/// `javascript:`/`vbscript:`/`data:` links, malformed `mailto:`/`tel:`, and links that leave the
/// site folder. `?query` parts are ignored for local files. Files are read in parallel.
///
/// Errors: a root that is not a readable folder gives one `site.unreadable` error.
public func checkSite(_ options: SiteCheckOptions) -> SiteCheckResult {
    var result = SiteCheckResult()
    var tree = FileTree()
    guard tree.walk(options.root) else {
        result.diagnostics.append(
            .error(
                SourceLocation(path: options.root), "not a folder, or not readable", code: "site.unreadable",
                hint: "pass the folder a build wrote, e.g. 'gids check --site site'"))
        return result
    }
    let htmlPaths = tree.files.filter(isHTML).sorted()
    let root = options.root.hasSuffix("/") ? String(options.root.dropLast()) : options.root
    let scanned = htmlPaths.concurrentMap { path -> HTMLFacts in
        let data = FileManager.default.contents(atPath: root + "/" + path) ?? Data()
        return HTMLScanner.scan(data)
    }
    var anchors: [String: Set<String>] = [:]
    anchors.reserveCapacity(htmlPaths.count)
    for (path, facts) in zip(htmlPaths, scanned) {
        anchors[path] = Set((facts.ids + facts.names).map { LinkRules.decode($0.name) })
    }
    var byLowercasedPath: [String: String] = [:]
    var children: [String: [String]] = [:]
    for path in tree.files.union(tree.directories).sorted() where !path.isEmpty {
        byLowercasedPath[path.lowercased()] = path
        let slash = path.lastIndex(of: "/")
        children[slash.map { String(path[..<$0]) } ?? "", default: []].append(
            String(slash.map { path[path.index(after: $0)...] } ?? path[...]))
    }
    let checker = PageChecker(
        options: options, root: root, tree: tree, anchors: anchors, byLowercasedPath: byLowercasedPath,
        children: children)
    let perPage = Array(zip(htmlPaths, scanned)).concurrentMap { path, facts in checker.check(path, facts) }
    for page in perPage {
        result.diagnostics += page.diagnostics
        result.externalReferences += page.external
        result.referenceCount += page.referenceCount
    }
    result.diagnostics += checkRedirectList(tree: tree, root: root, basePath: options.basePath)
    result.htmlFiles = htmlPaths.map { root + "/" + $0 }
    return result
}

/// Every old address in the site's `_redirects` (`from to [status]` per line, the format of
/// Netlify and Cloudflare Pages) still leads somewhere: its target is a file of the site (a
/// folder's `index.html` for a folder address), and so is the redirect page at the old address.
func checkRedirectList(tree: FileTree, root: String, basePath: String?) -> [Diagnostic] {
    guard tree.files.contains("_redirects"),
        let text = try? String(contentsOfFile: root + "/_redirects", encoding: .utf8)
    else { return [] }
    let prefix = basePath ?? "/"
    func file(_ address: String) -> String? {
        guard address.hasPrefix(prefix) else { return nil }
        let path = LinkRules.decode(String(address.dropFirst(prefix.count)))
        return path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }
    var diagnostics: [Diagnostic] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count >= 2, !fields[0].hasPrefix("#") else { continue }
        let location = SourceLocation(path: root + "/_redirects", line: index + 1, column: 1)
        if let target = file(fields[1]), !tree.files.contains(target) {
            diagnostics.append(
                .error(
                    location, "the old address '\(fields[0])' leads to '\(fields[1])', which is not in the site",
                    code: "site.redirect-target"))
        }
        if let source = file(fields[0]), !tree.files.contains(source) {
            diagnostics.append(
                .warning(
                    location,
                    "the old address '\(fields[0])' has no redirect page; only servers that read _redirects send it on",
                    code: "site.redirect-page"))
        }
    }
    return diagnostics
}

/// True for names ending in `.html` or `.htm`, in any case.
private func isHTML(_ path: String) -> Bool {
    let bytes = path.utf8
    guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")) else { return false }
    let suffix = bytes[bytes.index(after: dot)...]
    guard suffix.count == 3 || suffix.count == 4 else { return false }
    return zip(suffix, "html".utf8).allSatisfy { $0 | 0x20 == $1 }
}

/// The files and folders of the site, by path relative to its root.
struct FileTree: Sendable {
    var files = Set<String>()
    var directories: Set<String> = [""]

    /// Walks `root` with POSIX `opendir`/`readdir` (several times faster than `FileManager` on
    /// large sites), the top-level folders in parallel. Symbolic links to files count as files;
    /// linked folders are not entered, so a link loop cannot hang the check.
    mutating func walk(_ root: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            return false
        }
        let top = Self.list(root, from: "")
        files.formUnion(top.files)
        let subtrees = top.directories.concurrentMap { directory in
            var files: [String] = []
            var directories = [directory]
            var pending = [directory]
            while let relative = pending.popLast() {
                let listing = Self.list(root, from: relative)
                files += listing.files
                directories += listing.directories
                pending += listing.directories
            }
            return (files, directories)
        }
        for (subtreeFiles, subtreeDirectories) in subtrees {
            files.formUnion(subtreeFiles)
            directories.formUnion(subtreeDirectories)
        }
        return true
    }

    /// The files and folders directly inside `relative` (site-relative paths).
    private static func list(_ root: String, from relative: String) -> (files: [String], directories: [String]) {
        var files: [String] = []
        var directories: [String] = []
        let disk = relative.isEmpty ? root : root + "/" + relative
        guard let handle = opendir(disk) else { return ([], []) }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            var kind = Int32(entry.pointee.d_type)
            if kind == Int32(DT_LNK) || kind == Int32(DT_UNKNOWN) {
                var info = stat()
                guard stat(disk + "/" + name, &info) == 0 else { continue }
                let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
                if isFolder && kind == Int32(DT_LNK) { continue }
                kind = isFolder ? Int32(DT_DIR) : Int32(DT_REG)
            }
            if kind == Int32(DT_DIR) { directories.append(path) } else { files.append(path) }
        }
        return (files, directories)
    }
}

/// Checks one page against the whole tree; shared read-only between threads.
struct PageChecker: Sendable {
    let options: SiteCheckOptions
    let root: String
    let tree: FileTree
    let anchors: [String: Set<String>]
    /// Every file and folder by its lowercased path, for the case-mismatch hint.
    let byLowercasedPath: [String: String]
    /// Folder path → names of its files and folders, for the did-you-mean hint.
    let children: [String: [String]]

    struct Outcome: Sendable {
        var diagnostics: [Diagnostic] = []
        var external: [ExternalReference] = []
        var referenceCount = 0
    }

    func check(_ path: String, _ facts: HTMLFacts) -> Outcome {
        var outcome = Outcome()
        let display = root + "/" + path
        func location(_ position: HTMLPosition) -> SourceLocation {
            SourceLocation(path: display, line: position.line, column: position.column)
        }
        var firstSeen: [String: HTMLPosition] = [:]
        for anchor in facts.ids {
            if let first = firstSeen[anchor.name] {
                outcome.diagnostics.append(
                    .error(
                        location(anchor.position), "duplicate id '\(anchor.name)'", code: "html.duplicate-id",
                        hint: "first used at line \(first.line); a fragment can reach only the first one"))
            } else {
                firstSeen[anchor.name] = anchor.position
            }
            if anchor.name.isEmpty {
                outcome.diagnostics.append(
                    .error(location(anchor.position), "empty id", code: "html.empty-id", hint: "remove the attribute"))
            }
        }
        var directory = SitePath.directory(of: path)
        if let base = facts.base, case .local(let reference) = LinkRules.classify(base),
            let resolved = resolveLocal(reference.path, from: directory)
        {
            directory = SitePath.directory(of: resolved)
        }
        for reference in facts.references {
            outcome.referenceCount += 1
            let at = location(reference.position)
            let written = reference.value
            switch LinkRules.classify(written, allowsData: reference.isImage) {
            case .empty:
                outcome.diagnostics.append(
                    .error(
                        at, "empty \(reference.attribute) on <\(reference.element)>", code: "link.empty",
                        hint: reference.element == "a"
                            ? "an empty href reloads the page; remove the link or fill it in" : nil))
            case .unsafe(let scheme):
                outcome.diagnostics.append(
                    .error(
                        at, "'\(scheme):' URL in \(reference.attribute) on <\(reference.element)>",
                        code: "link.unsafe-scheme", hint: "link to a page or to an http(s) address"))
            case .mail(let rest):
                if let problem = LinkRules.mailtoProblem(rest) {
                    outcome.diagnostics.append(
                        problem.isError
                            ? .error(at, problem.message, code: "link.bad-mailto")
                            : .warning(at, problem.message, code: "link.bad-mailto"))
                }
            case .phone(let rest):
                if let problem = LinkRules.telProblem(rest) {
                    outcome.diagnostics.append(.error(at, problem, code: "link.bad-tel"))
                }
            case .otherScheme:
                break
            case .web(let url):
                if let baseURL = options.baseURL, url.hasPrefix(baseURL),
                    case .local(var reference) = LinkRules.classify(String(url.dropFirst(baseURL.count)))
                {
                    reference.path = "/" + reference.path
                    checkLocal(reference, written: written, from: path, directory: directory, at: at, into: &outcome)
                } else {
                    outcome.external.append(ExternalReference(url: url, location: at))
                }
            case .local(let reference):
                checkLocal(reference, written: written, from: path, directory: directory, at: at, into: &outcome)
            }
        }
        return outcome
    }

    /// The site path `path` (decoded, no fragment) names from a page in `directory`; nil when it
    /// leaves the site. Root-relative paths lose the base path first.
    private func resolveLocal(_ path: String, from directory: String) -> String? {
        guard path.hasPrefix("/") else { return Self.resolve(path, against: directory) }
        var rootRelative = path
        if let basePath = options.basePath {
            let prefix = basePath.hasSuffix("/") ? basePath : basePath + "/"
            guard rootRelative.hasPrefix(prefix) || rootRelative + "/" == prefix else { return nil }
            rootRelative = "/" + rootRelative.dropFirst(min(prefix.count, rootRelative.count))
        }
        return Self.resolve(rootRelative, against: "")
    }

    /// ``SitePath/resolve(_:against:)`` on UTF-8 bytes, with one allocation for the result: the
    /// check resolves every link of the site, so this is its innermost loop.
    static func resolve(_ reference: String, against base: String) -> String? {
        if let fast = resolveClimbing(reference, against: base) { return fast }
        var segments: [Substring.UTF8View] = []
        if !reference.hasPrefix("/") {
            for segment in base.utf8.split(separator: UInt8(ascii: "/")) { segments.append(Substring(segment).utf8) }
        }
        for segment in reference.utf8.split(separator: UInt8(ascii: "/")) {
            if segment.count == 1 && segment.first == UInt8(ascii: ".") { continue }
            if segment.count == 2 && segment.allSatisfy({ $0 == UInt8(ascii: ".") }) {
                if segments.isEmpty { return nil }
                segments.removeLast()
                continue
            }
            segments.append(Substring(segment).utf8)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(reference.utf8.count + base.utf8.count)
        for (index, segment) in segments.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "/")) }
            bytes.append(contentsOf: segment)
        }
        if reference.utf8.last == UInt8(ascii: "/") && !bytes.isEmpty { bytes.append(UInt8(ascii: "/")) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The common shape `../../x/y/` (climbs first, then plain segments) by index arithmetic;
    /// nil for anything else, which the general resolver handles.
    static func resolveClimbing(_ reference: String, against base: String) -> String? {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var rest = reference.utf8[...]
        guard rest.first != slash else { return nil }
        var ups = 0
        while rest.starts(with: "../".utf8) {
            ups += 1
            rest = rest.dropFirst(3)
        }
        // Any remaining `.` or `..` segment, or `//`, takes the general path.
        var previous = slash
        for byte in rest {
            if byte == dot && previous == slash { return nil }
            if byte == slash && previous == slash { return nil }
            previous = byte
        }
        var end = base.utf8.endIndex  // base is "" or ends with "/"
        let baseBytes = base.utf8
        for _ in 0..<ups {
            guard end > baseBytes.startIndex else { return nil }
            var cut = baseBytes.index(before: end)  // the trailing slash
            while cut > baseBytes.startIndex && baseBytes[baseBytes.index(before: cut)] != slash {
                cut = baseBytes.index(before: cut)
            }
            end = cut
        }
        return String(base[..<end]) + String(Substring(rest))
    }

    private func checkLocal(
        _ reference: LocalReference, written: String, from page: String, directory: String, at: SourceLocation,
        into outcome: inout Outcome
    ) {
        let target: String
        if reference.path.isEmpty {
            target = page
        } else {
            guard let resolved = resolveLocal(reference.path, from: directory) else {
                let hint =
                    reference.isAbsolute && options.basePath != nil
                    ? "root-relative links must start with the base path '\(options.basePath!)'" : nil
                outcome.diagnostics.append(
                    .error(at, "'\(written)' points outside the site folder", code: "link.outside-site", hint: hint))
                return
            }
            switch lookup(resolved) {
            case .file(let file):
                target = file
            case .missing(let message, let suggestion, let isWarning):
                let text = "'\(written)': \(message)"
                let hint = suggestion.map { $0.hint(rewriting: written) }
                outcome.diagnostics.append(
                    isWarning
                        ? .warning(at, text, code: "link.extensionless", hint: hint)
                        : .error(at, text, code: "link.missing-file", hint: hint))
                return
            }
        }
        guard let fragment = reference.fragment, isHTML(target), let ids = anchors[target] else { return }
        guard !LinkRules.fragment(fragment, matchesAnyOf: ids) else { return }
        outcome.diagnostics.append(
            .error(
                at, "fragment '#\(fragment)' not found in '\(root)/\(target)'", code: "link.missing-fragment",
                hint: LinkRules.fragmentHint(fragment, ids: ids.sorted())))
    }

    enum Lookup {
        case file(String)
        case missing(String, suggestion: Suggested?, isWarning: Bool)
    }

    /// A fix for a missing target: the link's last path segment replaced, or a plain remark.
    enum Suggested {
        /// Write this last segment instead (e.g. `sport/` for `sport.html`).
        case segment(String, because: String)
        /// A sibling with a near name (edit distance).
        case near(String)
        case remark(String)

        /// The hint for a link written as `written`: its own path with the last segment
        /// replaced, so the suggestion is right from where the link stands.
        func hint(rewriting written: String) -> String {
            func rewritten(_ last: String) -> String {
                let end = written.firstIndex { $0 == "?" || $0 == "#" } ?? written.endIndex
                var path = written[..<end]
                if path.hasSuffix("/") { path = path.dropLast() }
                let prefix = path.lastIndex(of: "/").map { path[...$0] } ?? ""
                return "\(prefix)\(last)\(written[end...])"
            }
            switch self {
            case .remark(let text): return text
            case .near(let last): return "did you mean '\(rewritten(last))'?"
            case .segment(let last, let because): return "\(because): write '\(rewritten(last))'"
            }
        }
    }

    /// The file a resolved site path serves, the way a static server (nginx, Apache, IIS) would:
    /// a folder serves its `index.html`.
    func lookup(_ resolved: String) -> Lookup {
        let isFolderURL = resolved.utf8.last == UInt8(ascii: "/")
        if !isFolderURL, tree.files.contains(resolved) { return .file(resolved) }
        let trimmed = isFolderURL ? String(resolved.dropLast()) : resolved
        if tree.directories.contains(trimmed) {
            for index in ["index.html", "index.htm"] {
                let file = trimmed.isEmpty ? index : trimmed + "/" + index
                if tree.files.contains(file) { return .file(file) }
            }
            return .missing("the folder '\(trimmed)/' has no index.html", suggestion: nil, isWarning: false)
        }
        let name = String(trimmed.split(separator: "/").last ?? "")
        if isFolderURL, tree.files.contains(trimmed) {
            return .missing(
                "'\(trimmed)' is a file, not a folder", suggestion: .segment(name, because: "remove the trailing '/'"),
                isWarning: false)
        }
        let notFound = "file not found (looked for \(root)/\(trimmed))"
        let lowered = trimmed.lowercased()
        if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") {
            let stem = String(trimmed[..<trimmed.lastIndex(of: ".")!])
            if tree.files.contains(stem + "/index.html") {
                let folder = String(stem.split(separator: "/").last ?? "") + "/"
                return .missing(
                    notFound, suggestion: .segment(folder, because: "the page is '\(stem)/index.html'"),
                    isWarning: false)
            }
        }
        if tree.files.contains(trimmed + ".html") {
            return .missing(
                "works only on servers that add '.html' themselves (GitHub Pages, Netlify)",
                suggestion: .segment(name + ".html", because: "name the file"), isWarning: true)
        }
        if let sameButCase = byLowercasedPath[lowered] {
            let actual = String(sameButCase.split(separator: "/").last ?? "") + (isFolderURL ? "/" : "")
            return .missing(
                notFound, suggestion: .segment(actual, because: "file names are case-sensitive on most servers"),
                isWarning: false)
        }
        let parent = trimmed.contains("/") ? String(trimmed[..<trimmed.lastIndex(of: "/")!]) : ""
        if let near = Suggestion.closest(to: name, among: children[parent] ?? []) {
            let isFolder = tree.directories.contains(parent.isEmpty ? near : parent + "/" + near)
            return .missing(notFound, suggestion: .near(near + (isFolder ? "/" : "")), isWarning: false)
        }
        return .missing(notFound, suggestion: nil, isWarning: false)
    }
}
