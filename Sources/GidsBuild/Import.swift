import Foundation
import GidsCore
import GidsFrontMatter
import GidsLoad
import Yams

/// What `gids init --from` did: the files it wrote and a report of the front-matter keys found.
public struct ImportResult: Sendable {
    public var written: [String] = []
    public var report = ""
}

/// Keys that static-site generators use for layout and routing; gids has no use for them, so a
/// starter guide file lists them under `front_matter.ignore`.
let generatorKeys: Set<String> = [
    "layout", "permalink", "redirect_from", "redirect_to", "body_include", "head_include", "nav_order", "parent",
    "grand_parent", "has_children", "has_toc", "nav_exclude", "sidebar", "toc", "comments", "published", "sitemap",
    "hide", "template", "search", "draft", "aliases", "url", "menu", "type", "weight", "description", "excerpt",
]

/// Starts a guide for an existing knowledge base (MkDocs, Jekyll, Hugo or a plain folder of
/// Markdown) in named steps: read the generator's own configuration (``readGeneratorConfig``),
/// list the pages' front-matter keys (``inventory(of:)``), decide the structure a person would
/// (aliases, the summary key by content, the phase axis with its order and numbering,
/// taxonomies on free URLs, introductions, groups, the reading order, redirects from the old
/// addresses), and write `<content>/<name>/guide.yml` that says where each choice came from,
/// plus `<content>/site.yml` when there is none. Never overwrites. The guide is
/// `strict: false`, so its first build succeeds while the findings are cleaned up.
///
/// Throws ``ScaffoldError``: a missing folder (usage error), an existing guide file, a
/// configuration file that cannot be read.
public func initGuide(from directory: String, contentDirectory: String, name: String?) throws -> ImportResult {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw ScaffoldError(description: "folder '\(directory)' not found", isUsageError: true)
    }
    let config = try readGeneratorConfig(URL(fileURLWithPath: directory).standardizedFileURL)
    let sourceURL = config.source.standardizedFileURL
    let exclude = config.kind == .jekyll ? jekyllExclude : []
    let projectName =
        ["docs", "content"].contains(sourceURL.lastPathComponent)
        ? sourceURL.deletingLastPathComponent().lastPathComponent : sourceURL.lastPathComponent
    let slug = Slug.make(name ?? projectName)
    let guideFolder = URL(fileURLWithPath: contentDirectory).appendingPathComponent(slug).standardizedFileURL
    let guidePath = guideFolder.appendingPathComponent("guide.yml").path
    if FileManager.default.fileExists(atPath: guidePath) {
        throw ScaffoldError(description: "'\(guidePath)' already exists; remove it or pass --name", isUsageError: false)
    }
    var tree = SourceTree(
        rootDisplayPath: contentDirectory, siteFile: nil, guideFiles: [], markdownFiles: [], assets: [])
    _ = mount(sourceURL.path, displayDirectory: sourceURL.path, at: slug, exclude: exclude, into: &tree)
    let found = inventory(of: tree)
    var decisions = ImportDecisions(slug: slug, config: config, found: found, tree: tree)
    decisions.decideAll()

    var relative = SitePath.relative(
        from: String(guideFolder.path.dropFirst()) + "/", to: String(sourceURL.path.dropFirst()))
    if relative.hasSuffix("/") { relative.removeLast() }
    let title = config.title ?? name ?? projectName
    let yaml = decisions.guideFile(title: title, source: relative.isEmpty ? "." : relative, directory: directory)

    var result = ImportResult()
    try FileManager.default.createDirectory(at: guideFolder, withIntermediateDirectories: true)
    try Data(yaml.utf8).write(to: URL(fileURLWithPath: guidePath))
    result.written.append(guidePath)
    let sitePath = URL(fileURLWithPath: contentDirectory).appendingPathComponent("site.yml").path
    if !FileManager.default.fileExists(atPath: sitePath) {
        let rawHTML = tree.markdownFiles.contains { file in
            file.text.split(separator: "\n").contains { $0.hasPrefix("<") && $0.dropFirst().first?.isLetter == true }
        }
        var site = "# Written by 'gids init'. Check every line.\ntitle: \(quoted(title))\nlanguage: nl\n"
        if rawHTML { site += "# Some pages contain HTML; show it (scripts stay refused).\nraw_html: true\n" }
        site += "# Beleidsdomeinen: {id, title, summary} each, for pages' 'domains:'.\ndomains: []\n"
        try Data(site.utf8).write(to: URL(fileURLWithPath: sitePath))
        result.written.append(sitePath)
    }
    result.report = decisions.report()
    return result
}

/// What Jekyll itself never publishes; other `_` folders (`_assets`) are linked to as files.
let jekyllExclude = [
    "_config.yml", "_site", "_layouts", "_includes", "_sass", "_data", "_plugins", "Gemfile", "Gemfile.lock", "vendor",
    "node_modules",
]

/// The choices `gids init --from` makes for one knowledge base, each with the reason written
/// next to it in the guide file.
struct ImportDecisions {
    let slug: String
    let config: GeneratorConfig
    let found: FolderInventory
    let tree: SourceTree
    /// `found`'s keys by name.
    let keys: [String: KeyUsage]
    /// Source-relative paths of the pages.
    let pagePaths: [String]

    /// `front_matter.aliases`: foreign key → gids key, with the reason.
    var aliases: [(foreign: String, key: String, why: String)] = []
    /// The phase axis: the key, its values in order (id, title, introduction), the first number.
    var phaseKey: String?
    var phases: [(id: String, title: String, introduction: String?, summary: String?)] = []
    var phaseNumbering = 1
    var phaseWhy = ""
    /// Taxonomies: the key, the id (its URL segment), values with introductions, single-valued.
    var taxonomies:
        [(
            key: String, id: String, values: [(id: String, title: String, introduction: String?)], multiple: Bool,
            why: String, oldPath: String?
        )] = []
    var groupBy: (id: String, why: String)?
    var ignore: [String] = []

    init(slug: String, config: GeneratorConfig, found: FolderInventory, tree: SourceTree) {
        self.slug = slug
        self.config = config
        self.found = found
        self.tree = tree
        keys = Dictionary(uniqueKeysWithValues: found.keys.map { ($0.key, $0) })
        pagePaths = tree.markdownFiles.map { String($0.path.dropFirst(slug.count + 1)) }
    }

    mutating func decideAll() {
        decideAliases()
        decidePhaseAxis()
        decideTaxonomies()
        decideIgnored()
    }

    // MARK: Steps

    /// `weight` → `order`; the summary key found by content; a date that is a day → `updated`;
    /// Jekyll's `redirect_from` → `aliases`.
    mutating func decideAliases() {
        let keys = keys
        if keys["weight"] != nil { aliases.append(("weight", "order", "Hugo's and Jekyll's page order")) }
        // The key whose values read like a one- or two-sentence summary on most pages.
        let candidates = found.keys.filter {
            $0.key != "title" && $0.shape == .text && !generatorKeys.contains($0.key) || $0.key == "description"
        }
        if let best = candidates.max(by: { ($0.sentenceLike, $1.key) < ($1.sentenceLike, $0.key) }),
            best.key != "summary", best.sentenceLike * 2 >= max(1, keys["summary"]?.sentenceLike ?? 0) * 2 + 1,
            best.sentenceLike * 2 >= best.pages
        {
            aliases.append(
                (best.key, "summary", "read like a summary on \(pagesText(best.sentenceLike)) of \(found.pages)"))
        }
        let isDay = { (value: String) in value.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil }
        if keys["updated"] == nil, let date = keys["date"], !date.manyValues, date.values.allSatisfy(isDay) {
            aliases.append(("date", "updated", "a day on every page that has it"))
        }
        if keys["redirect_from"] != nil {
            aliases.append(("redirect_from", "aliases", "jekyll-redirect-from's old addresses"))
        }
    }

    /// A single-valued key whose values are the sections of the source's navigation or its
    /// folders, in a sequence: the phases, in that order, numbered as the source numbers them.
    mutating func decidePhaseAxis() {
        let folders = Set(
            pagePaths.compactMap { $0.split(separator: "/").count > 1 ? String($0.split(separator: "/")[0]) : nil })
        for usage in found.keys
        where !usage.hasLists && usage.values.count >= 2 && usage.values.count <= 12
            && usage.pages * 2 >= found.pages && !generatorKeys.contains(usage.key)
            && !["title", "summary", "description"].contains(usage.key)
        {
            // Each value's place: a navigation section or a folder whose name, without its
            // number, is the value.
            var places: [(value: String, position: Int, number: Int?, title: String, folder: String?)] = []
            for value in usage.values {
                let id = Slug.make(value)
                if let index = config.navSections.firstIndex(where: { stripNumber(Slug.make($0.title)).slug == id }) {
                    let section = config.navSections[index]
                    places.append(
                        (
                            value, index, stripNumber(Slug.make(section.title)).number, section.title,
                            section.paths.first.map { String($0.split(separator: "/")[0]) }
                        ))
                } else if let folder = folders.sorted().first(where: { stripNumber($0).slug == id }) {
                    places.append(
                        (value, stripNumber(folder).number ?? Int.max, stripNumber(folder).number, value, folder))
                }
            }
            guard places.count == usage.values.count else { continue }
            places.sort { ($0.position, $0.value) < ($1.position, $1.value) }
            phaseKey = usage.key
            let numbers = places.compactMap(\.number)
            phaseNumbering = numbers.count == places.count && numbers.min() == 0 ? 0 : 1
            phaseWhy =
                config.navSections.isEmpty
                ? "its values are the folders \(places.compactMap(\.folder).joined(separator: ", "))"
                : "its values are sections of the navigation in \(config.file.map(fileName) ?? "the source")"
            phases = places.map { place in
                let intro = introduction(for: place.value, folder: place.folder)
                let title = intro.flatMap(pageTitle) ?? place.title
                return (Slug.make(place.value), cleanPhaseTitle(title), intro, intro.flatMap(pageSummary))
            }
            return
        }
    }

    /// Other list-valued keys (and the generator's own taxonomies) become taxonomies, each on
    /// a URL segment no folder or page of the source has; a single-valued key with a few values
    /// that tells kinds of pages apart (`type`, `soort`, …) becomes a taxonomy the listings are
    /// grouped by.
    mutating func decideTaxonomies() {
        // Keys gids reads itself, on pages and tools: never a taxonomy (a guide may not declare one).
        let gidsKeys = Keys.names(Keys.page + Keys.tool)
        var used = Set(
            pagePaths.map { path -> String in
                let first = String(path.split(separator: "/")[0])
                return Slug.make(first.hasSuffix(".md") ? String(first.dropLast(3)) : first)
            })
        used.formUnion(["print", "vergelijk"] + phases.map(\.id))
        func freeID(for key: String) -> String {
            let base = Slug.make(key)
            var id = base
            var suffix = 1
            if used.contains(id) { id = base + "-overzicht" }
            while used.contains(id) {
                suffix += 1
                id = "\(base)-\(suffix)"
            }
            used.insert(id)
            return id
        }
        for usage in found.keys.sorted(by: { $0.key < $1.key }) {
            guard usage.key != phaseKey, !gidsKeys.contains(usage.key),
                !aliases.contains(where: { $0.foreign == usage.key }),
                !generatorKeys.contains(usage.key) || config.taxonomyKeys.contains(usage.key),
                usage.key.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-" })
            else { continue }
            let isGroup =
                !usage.hasLists && usage.values.count >= 2 && usage.values.count <= 8 && usage.pages * 2 >= found.pages
                && ["type", "soort", "kind", "category", "categorie", "paginatype", "pagetype"].contains(usage.key)
            // Values that are sentences (a list of tips) are no classification.
            let categorical = usage.values.allSatisfy { $0.count <= 40 && $0.split(separator: " ").count <= 4 }
            guard (usage.hasLists && !usage.manyValues) || config.taxonomyKeys.contains(usage.key) || isGroup,
                categorical
            else { continue }
            var ids = Set<String>()
            let values = usage.values.compactMap { value -> (String, String, String?)? in
                let id = Slug.make(value)
                guard ids.insert(id).inserted else { return nil }
                let intro = introduction(for: value, folder: nil)
                // The title as the source writes it: its introduction's, else the value's.
                let title =
                    intro.flatMap(pageTitle).map(cleanPhaseTitle) ?? value.prefix(1).uppercased() + value.dropFirst()
                return (id, title, intro)
            }
            let id = freeID(for: usage.key)
            var why =
                config.taxonomyKeys.contains(usage.key)
                ? "a taxonomy in \(config.file.map(fileName) ?? "the configuration")"
                : isGroup ? "a kind of page, on \(pagesText(usage.pages))" : "a list on \(pagesText(usage.pages))"
            if id != Slug.make(usage.key) {
                why +=
                    "; its URL is /\(slug)/\(id)/, as /\(slug)/\(Slug.make(usage.key))/ is the source's own folder or page"
            }
            // Hugo wrote a taxonomy's pages at /<key>/ and /<key>/<value>/: those redirect.
            let oldPath = config.kind == .hugo && config.taxonomyKeys.contains(usage.key) ? Slug.make(usage.key) : nil
            taxonomies.append((usage.key, id, values, !isGroup, why, oldPath))
            if isGroup && groupBy == nil {
                groupBy = (
                    id,
                    "'\(usage.key)' tells kinds of pages apart (\(usage.values.count) values on \(pagesText(usage.pages)))"
                )
            }
        }
    }

    mutating func decideIgnored() {
        let gidsKeys = Keys.names(Keys.page)
        for usage in found.keys.sorted(by: { $0.key < $1.key }) {
            if gidsKeys.contains(usage.key) || aliases.contains(where: { $0.foreign == usage.key }) { continue }
            if usage.key == phaseKey || taxonomies.contains(where: { $0.key == usage.key }) { continue }
            ignore.append(usage.key)
        }
    }

    // MARK: Helpers

    /// The page that introduces `value`: the index page (`index.md`, `_index.md`, `README.md`)
    /// of its folder, else of the one folder named as the value, else the one page whose file
    /// name is the value. Nil when that is not one page.
    func introduction(for value: String, folder: String?) -> String? {
        let id = Slug.make(value)
        let indexNames = ["_index.md", "index.md", "README.md"]
        if let folder, let name = indexNames.first(where: { pagePaths.contains(folder + "/" + $0) }) {
            return folder + "/" + name
        }
        let folderIndexes = pagePaths.filter { path in
            let parts = path.split(separator: "/").map(String.init)
            return parts.count >= 2 && indexNames.contains(parts[parts.count - 1])
                && stripNumber(Slug.make(parts[parts.count - 2])).slug == id
        }
        if folderIndexes.count == 1 { return folderIndexes[0] }
        let named = pagePaths.filter { path in
            let file = String(path.split(separator: "/").last ?? "")
            return file.hasSuffix(".md") && !indexNames.contains(file) && Slug.make(String(file.dropLast(3))) == id
        }
        return folderIndexes.isEmpty && named.count == 1 ? named[0] : nil
    }

    /// The guide's summary: the generator's description of the site, else the summary of the
    /// source's own home page; nil when neither exists.
    var guideSummary: String? {
        if let description = config.description, !description.isEmpty { return description }
        for home in ["_index.md", "index.md", "README.md"] where pagePaths.contains(home) {
            if let summary = pageSummary(home) { return summary }
        }
        return nil
    }

    /// Where ``guideSummary`` came from, for the comment above it.
    var summaryOrigin: String {
        if config.description?.isEmpty == false {
            return "the site's description in \(config.file.map(fileName) ?? "the configuration")"
        }
        return "the summary of the source's home page"
    }

    /// The summary in front matter (or in the key found for it) of the page at source path `path`.
    func pageSummary(_ path: String) -> String? {
        let key = aliases.first { $0.key == "summary" }?.foreign ?? "summary"
        return found.pageValues[key]?[slug + "/" + path]?.first
    }

    /// The title in front matter of the page at source path `path`.
    func pageTitle(_ path: String) -> String? {
        found.pageValues["title"]?[slug + "/" + path]?.first
    }

    // MARK: Output

    /// The guide file, with a comment for each choice.
    func guideFile(title: String, source: String, directory: String) -> String {
        let from = config.file.map(fileName)
        var yaml = "# Starter guide file written by 'gids init --from \(directory)'. Check every line.\n"
        if config.kind != .none, let from { yaml += "# Read: \(from) (\(config.kind.rawValue)).\n" }
        yaml += from.map { "# title: '\(config.titleKey ?? "title")' in \($0)\n" } ?? ""
        yaml += "title: \(quoted(title))\n"
        if let summary = guideSummary {
            yaml += "# summary: \(summaryOrigin)\nsummary: \(quoted(summary))\n"
        } else {
            yaml += "summary: \(quoted(Placeholder.guideSummary))\n"
        }
        yaml += "# The knowledge base, relative to this file; its pages are used as they are.\n"
        yaml += "source: \(quoted(source))\n"
        if let basePath = config.basePath {
            yaml +=
                "# The path the old site was served under (\(from ?? "configuration")); absolute links start with it.\n"
            yaml += "base_path: \(quoted(basePath))\n"
        }
        if config.kind == .jekyll {
            yaml += "exclude: [\(jekyllExclude.map(quoted).joined(separator: ", "))]\n"
        }
        yaml +=
            "# Findings in the pages (links, Markdown, front matter) are warnings, so the site builds while they are fixed.\n"
        yaml +=
            "# Set to true (or remove) once the knowledge base is clean; 'gids check --strict' lists them all.\nstrict: false\n"
        if let style = config.oldAddresses {
            yaml +=
                "# Every page keeps its old address (\(config.kind.rawValue): \(style.style == "file" ? "a/b.html" : "a/b/")\(style.lowercase ? ", in lower case" : "")) as a redirect to its new one.\n"
            yaml += "redirects:\n  style: \(style.style)\n" + (style.lowercase ? "  lowercase: true\n" : "")
        }
        let titled = (keys["title"]?.pages ?? 0) == found.pages
        let summaryKey = aliases.first { $0.key == "summary" }?.foreign ?? "summary"
        let summarised = (keys[summaryKey]?.pages ?? 0) == found.pages
        yaml += "front_matter:\n"
        if !titled || !summarised || found.withoutFrontMatter > 0 {
            let complete = found.withoutFrontMatter == 0
            let required = (titled && complete ? ["title"] : []) + (summarised && complete ? ["summary"] : [])
            let taken = [("title", "the first heading"), ("summary", "the first paragraph")].filter {
                !required.contains($0.0)
            }
            yaml +=
                "  # Not every page has its \(taken.map(\.0).joined(separator: " and ")): taken from \(taken.map(\.1).joined(separator: " and ")).\n"
            yaml += "  required: [\(required.joined(separator: ", "))]\n"
        }
        if !aliases.isEmpty {
            yaml += "  aliases:\n"
            for alias in aliases { yaml += "    \(alias.foreign): \(alias.key)  # \(alias.why)\n" }
        }
        if !ignore.isEmpty {
            yaml += "  # Keys gids does not use (\(ignore.count)); each is listed with its number of pages below.\n"
            yaml += "  ignore: [\(ignore.map(quoted).joined(separator: ", "))]\n"
        }
        if !config.navPaths.isEmpty {
            let known = Set(pagePaths)
            let order = config.navPaths.filter { known.contains($0) }
            if !order.isEmpty {
                yaml += "# The reading order of the navigation in \(from ?? "the configuration").\n"
                yaml += "reading_order:\n" + order.map { "  - \(quoted($0))\n" }.joined()
            }
        }
        if !taxonomies.isEmpty || phaseKey != nil {
            yaml += "taxonomies:\n"
        }
        if let phaseKey {
            yaml += "  # The phases: '\(phaseKey)', because \(phaseWhy).\n"
            yaml += "  - id: \(quoted(Slug.make(phaseKey)))\n    title: \(quoted(capitalized(phaseKey)))\n"
            if Slug.make(phaseKey) != phaseKey { yaml += "    key: \(quoted(phaseKey))\n" }
            yaml += "    multiple: false\n    values:\n"
            for phase in phases {
                yaml += "      - id: \(quoted(phase.id))\n        title: \(quoted(phase.title))\n"
                if let summary = phase.summary { yaml += "        summary: \(quoted(summary))\n" }
                if let intro = phase.introduction { yaml += "        introduction: \(quoted(intro))\n" }
            }
        }
        for taxonomy in taxonomies {
            yaml += "  # '\(taxonomy.key)': \(taxonomy.why).\n"
            yaml += "  - id: \(quoted(taxonomy.id))\n    title: \(quoted(capitalized(taxonomy.key)))\n"
            if taxonomy.id != taxonomy.key { yaml += "    key: \(quoted(taxonomy.key))\n" }
            if !taxonomy.multiple { yaml += "    multiple: false\n" }
            if let old = taxonomy.oldPath { yaml += "    old_path: \(quoted(old))  # where Hugo wrote its pages\n" }
            yaml += "    values:\n"
            for value in taxonomy.values {
                yaml += "      - {id: \(quoted(value.id)), title: \(quoted(value.title))"
                if let intro = value.introduction { yaml += ", introduction: \(quoted(intro))" }
                yaml += "}\n"
            }
        }
        if let phaseKey {
            yaml += "phase_axis: \(quoted(Slug.make(phaseKey)))\n"
            if phaseNumbering == 0 { yaml += "# The source numbers its phases from 0.\nphase_numbering: 0\n" }
        }
        if let groupBy {
            yaml += "# Listing pages show their pages in groups: \(groupBy.why).\ngroup_by: \(quoted(groupBy.id))\n"
        } else if Set(pagePaths.compactMap { $0.contains("/") ? $0.split(separator: "/").first : nil }).count >= 2 {
            yaml += "# Listing pages show their pages per folder of the source.\ngroup_by: folder\n"
        }
        yaml +=
            "# Front-matter keys found in \(found.pages) pages (\(found.withoutFrontMatter) without front matter):\n"
        for usage in found.keys {
            let examples = usage.values.prefix(3).map { $0.count > 40 ? String($0.prefix(40)) + "…" : $0 }
            yaml += "#   \(usage.key): \(pagesText(usage.pages)), \(usage.shape.rawValue)"
            yaml += examples.isEmpty ? "\n" : ", e.g. \(examples.joined(separator: " | "))\n"
        }
        if found.withLiquid > 0 {
            yaml +=
                "# \(pagesText(found.withLiquid)) contain Liquid ({{ … }} or {% … %}), which gids does not run: it shows as text.\n"
        }
        if !config.extensions.isEmpty {
            yaml += "# markdown_extensions in \(from ?? "mkdocs.yml"): \(config.extensions.joined(separator: ", ")).\n"
        }
        if !config.collections.isEmpty {
            yaml += "# Jekyll collections (read as folders of pages): \(config.collections.joined(separator: ", ")).\n"
        }
        return yaml
    }

    /// What init found and decided, for the terminal.
    func report() -> String {
        var report = "\(found.pages) Markdown files, \(found.withoutFrontMatter) without front matter\n"
        if config.kind != .none { report += "read \(config.file.map(fileName) ?? "") (\(config.kind.rawValue))\n" }
        if found.withLiquid > 0 {
            report +=
                "\(pagesText(found.withLiquid)) contain Liquid ({{ … }} or {% … %}); gids does not run it and shows it as text\n"
        }
        if let phaseKey {
            report +=
                "phases: '\(phaseKey)' (\(phases.map(\.title).joined(separator: ", "))), numbered from \(phaseNumbering)\n"
        }
        let gidsKeys = Keys.names(Keys.page)
        for usage in found.keys {
            let role =
                gidsKeys.contains(usage.key)
                ? "gids key"
                : aliases.first { $0.foreign == usage.key }.map { "alias of \($0.key)" }
                    ?? (usage.key == phaseKey
                        ? "phase axis"
                        : taxonomies.first { $0.key == usage.key }.map { "taxonomy /\(slug)/\($0.id)/" } ?? "ignored")
            let examples = usage.values.prefix(3).joined(separator: " | ")
            report += "  \(usage.key): \(pagesText(usage.pages)), \(usage.shape.rawValue), \(role)"
            report += examples.isEmpty ? "\n" : " (e.g. \(examples))\n"
        }
        return report
    }
}

/// `0-verkennen` → (`verkennen`, 0); `fase-1-ontwerpen` → (`ontwerpen`, 1); `verkennen` → (itself, nil).
func stripNumber(_ slug: String) -> (slug: String, number: Int?) {
    var parts = slug.split(separator: "-").map(String.init)
    if parts.first == "fase" || parts.first == "stap" || parts.first == "phase" { parts.removeFirst() }
    if let first = parts.first, let number = Int(first), parts.count > 1 {
        return (parts.dropFirst().joined(separator: "-"), number)
    }
    return (slug, nil)
}

/// A phase title without the number the site adds itself: `Fase 0: Verkennen` → `Verkennen`.
func cleanPhaseTitle(_ title: String) -> String {
    let cleaned = title.replacing(/^(?i:(fase|stap|phase)\s*)?\d+\s*[:.)-]?\s*/, with: "")
    return cleaned.isEmpty ? title : cleaned.prefix(1).uppercased() + cleaned.dropFirst()
}

private func capitalized(_ key: String) -> String {
    let readable = key.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
    return readable.prefix(1).uppercased() + readable.dropFirst()
}

private func fileName(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }

/// "1 page", "2 pages".
private func pagesText(_ count: Int) -> String { count == 1 ? "1 page" : "\(count) pages" }

/// A YAML 1.2 double-quoted scalar: JSON string syntax is a subset of it.
private func quoted(_ text: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data()
    let array = String(decoding: data, as: UTF8.self)
    return String(array.dropFirst().dropLast())
}
