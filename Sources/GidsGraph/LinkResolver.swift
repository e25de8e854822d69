import Foundation
import GidsCore
import GidsLinks
import GidsLoad
import GidsMarkdown

/// Resolves link destinations written in Markdown against the content tree.
///
/// Rules, in order:
/// 1. ``LinkRules/classify(_:allowsData:)`` decides what the destination is: `http`, `https` and
///    `//host` are collected for `--external`; `mailto:` and `tel:` are syntax-checked;
///    `javascript:`, `vbscript:` and `data:` (except for images) are refused (errors).
/// 2. A bare `#fragment` points into the page itself.
/// 3. Otherwise the path (percent-decoded, `?query` ignored) is resolved against the folder of
///    the linking file; a path starting with `/` against the content root, or in a guide with
///    `source:` against the guide's own root, after removing the site's `base_url` path or the
///    guide's `base_path`. A path climbing above `content/` (or out of a guide's source
///    folder) is an error.
/// 4. A file under `content/` is an asset. A page is found by its `.md` file, or as other
///    generators link to it: `x`, `x/`, `x.html`, `x/index.html` and `x/index.md` all reach
///    `x.md` or `x/index.md` (or `x/README.md` in a guide's source folder).
/// Fragments are compared after percent-decoding, exactly (case-sensitive), with heading ids.
public struct LinkResolver: Sendable {
    public let pageIDs: Set<String>
    public let assetPaths: Set<String>
    public let hasHome: Bool
    public let rootDisplayPath: String
    /// Guide folders whose pages come from a `source:` folder (their own root for `/` paths),
    /// each with its `base_path` (nil: none).
    public var mountedGuides: [String: String?] = [:]
    /// The site's `base_url` path (`/gidsen/`), removed from absolute paths; nil: none.
    public var siteBasePath: String?
    /// `allow_external_images` in site.yml: `https://` images are external links, not errors.
    public var allowsExternalImages = false
    /// Content-relative path → display path, for files in a mounted folder.
    public var displayPaths: @Sendable (String) -> String
    /// Site paths of the pages gids makes (guide homes, phases, taxonomies and their values,
    /// domains, search, print editions), which Markdown may link to as folders.
    public var generatedPaths: Set<String> = []
    /// Guide folder → the guide's slug, the first segment of its site paths.
    public var guideSlugs: [String: String] = [:]

    public init(pageIDs: Set<String>, assetPaths: Set<String>, hasHome: Bool, rootDisplayPath: String) {
        self.pageIDs = pageIDs
        self.assetPaths = assetPaths
        self.hasHome = hasHome
        self.rootDisplayPath = rootDisplayPath
        displayPaths = { rootDisplayPath.isEmpty ? $0 : rootDisplayPath + "/" + $0 }
    }

    /// The target of `destination` written in the file `fromPath` (content-relative) at `location`
    /// (evaluated only for a diagnostic: making a location per link cost more than resolving it).
    public func resolve(
        _ destination: String, from fromPath: String, at location: @autoclosure () -> SourceLocation, isImage: Bool
    )
        -> LinkTarget
    {
        // Made only when needed: most links are fine, and a diagnostic costs its strings.
        var notHere: Diagnostic {
            .error(
                location(), "image '\(destination)' is not a file of this site", code: "link.external-image",
                hint: "the site loads nothing from elsewhere: save the image under content/ and link to it there")
        }
        let path: String
        let fragment: String?
        switch LinkRules.classify(destination, allowsData: isImage) {
        case .empty:
            return .broken(
                .error(location(), "empty link", code: "link.empty", hint: "write the target between the parentheses"))
        case .unsafe(let scheme):
            return .broken(
                .error(
                    location(), "'\(scheme):' links are not allowed", code: "link.unsafe-scheme",
                    hint: "link to a page or to an http(s) address"))
        case .web(let url):
            return isImage && !allowsExternalImages ? .broken(notHere) : .external(url)
        case .mail(let rest):
            if isImage { return .broken(notHere) }
            if let problem = LinkRules.mailtoProblem(rest) {
                return .broken(
                    problem.isError
                        ? .error(location(), problem.message, code: "link.bad-mailto")
                        : .warning(
                            location(), problem.message, code: "link.bad-mailto",
                            hint: "write an address (mailto:naam@gemeente.nl) or a subject (mailto:?subject=…)"))
            }
            return .external(destination)
        case .phone(let rest):
            if isImage { return .broken(notHere) }
            if let problem = LinkRules.telProblem(rest) {
                return .broken(.error(location(), problem, code: "link.bad-tel"))
            }
            return .external(destination)
        case .otherScheme(let scheme):
            return isImage && scheme != "data" ? .broken(notHere) : .external(destination)
        case .local(let reference):
            path = reference.path
            fragment = reference.fragment
        }
        if path.isEmpty {
            guard let fragment else {
                return .broken(
                    .error(
                        location(), "empty link", code: "link.empty", hint: "write the target between the parentheses")
                )
            }
            return .samePage(fragment: fragment)
        }
        let base = SitePath.directory(of: fromPath)
        // The first folder of the page's path, cut at its first `/` byte (a character split
        // cost a fifth of resolving a link).
        let slash = fromPath.utf8.firstIndex(of: 0x2F)
        let folder = slash.map { String(fromPath[..<$0]) } ?? fromPath
        let mounted = slash != nil && !mountedGuides.isEmpty ? mountedGuides[folder] : nil
        let resolved: String
        if path.hasPrefix("/") {
            var rest = path
            if let guideBase = mounted ?? nil, rest == guideBase || rest.hasPrefix(guideBase + "/") {
                rest = String(rest.dropFirst(guideBase.count))
            } else if let siteBase = siteBasePath, siteBase != "/", rest.hasPrefix(siteBase) || rest + "/" == siteBase {
                rest = "/" + rest.dropFirst(siteBase.count)
            }
            let root = mounted != nil ? folder : ""
            guard let inRoot = SitePath.resolve(String(rest.drop { $0 == "/" }), against: root) else {
                return .broken(
                    .error(
                        location(), "'\(destination)' points outside the content folder", code: "link.outside-content")
                )
            }
            resolved = inRoot
        } else {
            guard let relative = SitePath.resolve(path, against: base) else {
                if mounted != nil { return .broken(outsideSource(destination, at: location())) }
                return .broken(
                    .error(
                        location(), "'\(destination)' points outside the content folder", code: "link.outside-content"))
            }
            resolved = relative
        }
        if mounted != nil && !(resolved + "/").hasPrefix(folder + "/") {
            return .broken(outsideSource(destination, at: location()))
        }
        if resolved == "index.md" && hasHome && !isImage { return .home(fragment: fragment) }
        if pageIDs.contains(resolved) {
            if isImage {
                return .broken(
                    .error(
                        location(), "image '\(path)' is a page, not an image file", code: "link.image-is-page",
                        hint: "write [text](\(path)) for a link, or point the image at a .png, .jpg or .svg file"))
            }
            return .page(resolved, fragment: fragment)
        }
        if resolved.split(separator: "/").last?.lowercased() == "readme.md" {
            return .broken(
                .error(
                    location(), "'\(path)' is a README file, which is not published", code: "link.readme",
                    hint: "README.md files document a folder in the repository; link to a page instead"))
        }
        if resolved.lowercased().hasSuffix(".md") {
            if isImage {
                return .broken(
                    .error(
                        location(), "image '\(path)' is a page, not an image file", code: "link.image-is-page",
                        hint: "write [text](\(path)) for a link, or point the image at a .png, .jpg or .svg file"))
            }
            if resolved == "index.md" && hasHome { return .home(fragment: fragment) }
            if resolved.hasSuffix("index.md"),
                let generated = generatedPath(for: String(resolved.dropLast("index.md".count)))
            {
                return .generated(generated, fragment: fragment)
            }
            let hint = Suggestion.closest(to: resolved, among: pageIDs.sorted())
                .map { "did you mean '\(Self.markdownPath(SitePath.relative(from: base, to: $0)))'?" }
            return .broken(
                .error(
                    location(), "linked page '\(path)' not found (looked for \(display(resolved)))",
                    code: "link.missing-page", hint: hint))
        }
        if assetPaths.contains(resolved) { return .asset(resolved, fragment: fragment) }
        if !isImage, let page = pageCandidate(for: resolved) {
            return page == "index.md" ? .home(fragment: fragment) : .page(page, fragment: fragment)
        }
        if !isImage, let generated = generatedPath(for: resolved) { return .generated(generated, fragment: fragment) }
        let lowered = resolved.lowercased()
        if mounted == nil && (lowered.hasSuffix(".yml") || lowered.hasSuffix(".yaml")) {
            return .broken(
                .error(
                    location(), "'\(path)' is a settings file and has no page", code: "link.settings-file",
                    hint: "link to a page (.md file)"))
        }
        var hint: String?
        if let page = pageCandidate(for: resolved) {
            hint = "link to the Markdown file: '\(Self.markdownPath(SitePath.relative(from: base, to: page)))'"
        } else if !isImage, let near = nearGeneratedPath(for: resolved) {
            hint = "did you mean '\(SitePath.relative(from: base, to: near))'?"
        } else if resolved.isEmpty || path.hasSuffix("/") {
            hint = "the folder has no index.md: link to a page (.md file)"
        } else if let near = Suggestion.closest(to: resolved, among: assetPaths.sorted()) {
            hint = "did you mean '\(Self.markdownPath(SitePath.relative(from: base, to: near)))'?"
        }
        let what = isImage ? "image" : "file"
        return .broken(
            .error(
                location(), "\(what) '\(path)' not found (looked for \(display(resolved)))",
                code: isImage ? "link.missing-image" : "link.missing-file", hint: hint))
    }

    private func outsideSource(_ destination: String, at location: SourceLocation) -> Diagnostic {
        .error(
            location, "'\(destination)' points outside the guide's source folder", code: "link.outside-source",
            hint: "the knowledge base links to a file that is not part of it; link to its web address instead")
    }

    /// The page a URL-like path means, as other generators publish pages: `x`, `x/`, `x.html`,
    /// `x/index.html` → `x.md`, `x/index.md` or `x/README.md`; the content root → the home page.
    private func pageCandidate(for path: String) -> String? {
        var trimmed = path
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        for suffix in ["/index.html", ".html", ".htm"] where trimmed.lowercased().hasSuffix(suffix) {
            trimmed = String(trimmed.dropLast(suffix.count))
            if trimmed.isEmpty { break }
        }
        if trimmed.isEmpty || trimmed.lowercased() == "index" { return hasHome ? "index.md" : nil }
        let prefix = trimmed + "/"
        return [trimmed + ".md", prefix + "index.md", prefix + "README.md", prefix + "readme.md"]
            .first { pageIDs.contains($0) }
    }

    private func display(_ path: String) -> String { displayPaths(path) }

    /// The site path of a page gids makes that is one edit or so away from `path`.
    private func nearGeneratedPath(for path: String) -> String? {
        var segments = path.split(separator: "/").map(String.init)
        guard !segments.isEmpty else { return nil }
        if let slug = guideSlugs[segments[0]] { segments[0] = slug }
        return Suggestion.closest(to: segments.joined(separator: "/") + "/", among: generatedPaths.sorted())
    }

    /// The site path of a page gids makes that `path` (content-relative, as resolved) names:
    /// `woudlopersgids/voorbereiden`, `…/`, `…/index.html` → `woudlopersgids/voorbereiden/`.
    private func generatedPath(for path: String) -> String? {
        guard !generatedPaths.isEmpty else { return nil }
        var trimmed = path
        for suffix in ["/index.html", "index.html", ".html"] where trimmed.hasSuffix(suffix) {
            trimmed = String(trimmed.dropLast(suffix.count))
            break
        }
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard !trimmed.isEmpty else { return nil }
        var segments = trimmed.split(separator: "/").map(String.init)
        if let slug = guideSlugs[segments[0]] { segments[0] = slug }
        let candidate = segments.joined(separator: "/") + "/"
        return generatedPaths.contains(candidate) ? candidate : nil
    }

    /// Every link and image of `document`, written in `file`, resolved in document order.
    public func resolveLinks(of document: MarkdownDocument, in file: SourceFile) -> [ResolvedLink] {
        document.links.map { link in
            ResolvedLink(
                link: link,
                target: resolve(
                    link.destination, from: file.path, at: file.location(line: link.line, column: link.column),
                    isImage: link.kind == .image))
        }
    }

    /// True for an `http:` or `https:` address, the only kind a tool's `used_by` url may be.
    public static func isWebAddress(_ text: String) -> Bool {
        ["http", "https"].contains(LinkRules.scheme(of: text) ?? "")
    }

    /// A path as it must be written in a Markdown link: spaces as `%20` (CommonMark 0.30 §6.3
    /// allows no spaces in a link destination), parentheses encoded too.
    public static func markdownPath(_ path: String) -> String {
        path.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: "(", with: "%28")
            .replacingOccurrences(of: ")", with: "%29")
    }
}
