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

/// Starts a guide for an existing folder of Markdown (a Jekyll, MkDocs or Hugo knowledge base):
/// reads the folder as a guide's `source:` would (``mount(_:displayDirectory:at:exclude:into:)``),
/// lists its front-matter keys (``inventory(of:)``), and writes `<content>/<name>/guide.yml`
/// that declares them: aliases for keys with a gids meaning (`weight` → `order`,
/// `description` → `summary`), a taxonomy for each list-valued key with few values, the rest
/// ignored; and `<content>/site.yml` when there is none. Never overwrites.
///
/// Throws ``ScaffoldError``: a missing folder (usage error), an existing guide file.
public func initGuide(from directory: String, contentDirectory: String, name: String?) throws -> ImportResult {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw ScaffoldError(description: "folder '\(directory)' not found", isUsageError: true)
    }
    let sourceURL = URL(fileURLWithPath: directory).standardizedFileURL
    let jekyll = readYAMLFile(sourceURL.appendingPathComponent("_config.yml").path)
    let mkdocs =
        readYAMLFile(sourceURL.appendingPathComponent("mkdocs.yml").path)
        ?? readYAMLFile(sourceURL.deletingLastPathComponent().appendingPathComponent("mkdocs.yml").path)
    // What Jekyll itself never publishes; other `_` folders (`_assets`) are linked to as files.
    let exclude =
        jekyll != nil
        ? [
            "_config.yml", "_site", "_layouts", "_includes", "_sass", "_data", "_plugins", "Gemfile", "Gemfile.lock",
            "vendor", "node_modules",
        ] : []
    let folderName =
        name
        ?? Slug.make(
            sourceURL.lastPathComponent == "docs"
                ? sourceURL.deletingLastPathComponent().lastPathComponent : sourceURL.lastPathComponent)
    let slug = Slug.make(folderName)
    let guideFolder = URL(fileURLWithPath: contentDirectory).appendingPathComponent(slug).standardizedFileURL
    let guidePath = guideFolder.appendingPathComponent("guide.yml").path
    if FileManager.default.fileExists(atPath: guidePath) {
        throw ScaffoldError(description: "'\(guidePath)' already exists; remove it or pass --name", isUsageError: false)
    }

    var tree = SourceTree(
        rootDisplayPath: contentDirectory, siteFile: nil, guideFiles: [], markdownFiles: [], assets: [])
    _ = mount(sourceURL.path, displayDirectory: directory, at: slug, exclude: exclude, into: &tree)
    let found = inventory(of: tree)
    let keys = Dictionary(uniqueKeysWithValues: found.keys.map { ($0.key, $0) })

    // An alias applies only to pages without the gids key itself, so it is always safe.
    var aliases: [(String, String)] = []
    if keys["weight"] != nil { aliases.append(("weight", "order")) }
    if keys["description"] != nil {
        aliases.append(("description", "summary"))
    } else if keys["excerpt"] != nil {
        aliases.append(("excerpt", "summary"))
    }
    let isDay = { (value: String) in value.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil }
    if keys["updated"] == nil, let date = keys["date"], !date.manyValues, date.values.allSatisfy(isDay) {
        aliases.append(("date", "updated"))
    }
    let gidsKeys = Set(Keys.page.map(\.name))
    var taxonomies: [KeyUsage] = []
    var ignore: [String] = []
    for usage in found.keys.sorted(by: { $0.key < $1.key }) {
        if gidsKeys.contains(usage.key) || aliases.contains(where: { $0.0 == usage.key }) { continue }
        if usage.hasLists && !usage.manyValues && !generatorKeys.contains(usage.key)
            && usage.key.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-" })
        {
            taxonomies.append(usage)
        } else {
            ignore.append(usage.key)
        }
    }
    let titled = (keys["title"]?.pages ?? 0) == found.pages
    let summarised =
        ((keys["summary"] ?? aliases.first { $0.1 == "summary" }.flatMap { keys[$0.0] })?.pages ?? 0)
        == found.pages
    let title =
        jekyll?["title"] as? String ?? mkdocs?["site_name"] as? String ?? jekyll?["apiname"] as? String ?? folderName
    var basePath = jekyll?["baseurl"] as? String
    if basePath?.isEmpty ?? true { basePath = nil }

    var relative = SitePath.relative(
        from: String(guideFolder.path.dropFirst()) + "/", to: String(sourceURL.path.dropFirst()))
    if relative.hasSuffix("/") { relative.removeLast() }

    var yaml = "# Starter guide file written by 'gids init --from \(directory)'. Check every line.\n"
    yaml += "title: \(quoted(title))\n"
    yaml += "summary: \(quoted(Placeholder.guideSummary))\n"
    yaml += "# The knowledge base, relative to this file; its pages are used as they are.\n"
    yaml += "source: \(quoted(relative.isEmpty ? "." : relative))\n"
    if let basePath {
        yaml +=
            "# The path the old site was served under; absolute links start with it.\nbase_path: \(quoted(basePath))\n"
    }
    if !exclude.isEmpty { yaml += "exclude: [\(exclude.map(quoted).joined(separator: ", "))]\n" }
    yaml += "# Broken links and other content findings are warnings, so the site builds while they are fixed.\n"
    yaml += "# Set to true (or remove) once the knowledge base is clean.\nstrict: false\n"
    yaml += "front_matter:\n"
    if !titled || !summarised || found.withoutFrontMatter > 0 {
        yaml += "  # Not every page has a title and a summary: take them from the first heading and paragraph.\n"
        let complete = found.withoutFrontMatter == 0
        let required = (titled && complete ? ["title"] : []) + (summarised && complete ? ["summary"] : [])
        yaml += "  required: [\(required.joined(separator: ", "))]\n"
    }
    if !aliases.isEmpty {
        yaml += "  aliases:\n"
        for (foreign, key) in aliases { yaml += "    \(foreign): \(key)\n" }
    }
    if !ignore.isEmpty {
        yaml += "  # Keys gids does not use (\(ignore.count)); each is listed with its number of pages below.\n"
        yaml += "  ignore: [\(ignore.map(quoted).joined(separator: ", "))]\n"
    }
    if !taxonomies.isEmpty {
        yaml += "# Lists of values found in the pages: each becomes a taxonomy with a page per value.\n"
        yaml += "taxonomies:\n"
        for usage in taxonomies {
            yaml +=
                "  - id: \(quoted(Slug.make(usage.key)))\n    title: \(quoted(usage.key.prefix(1).uppercased() + usage.key.dropFirst()))\n"
            if Slug.make(usage.key) != usage.key { yaml += "    key: \(quoted(usage.key))\n" }
            yaml += "    values:\n"
            var ids = Set<String>()
            for value in usage.values where ids.insert(Slug.make(value)).inserted {
                yaml += "      - {id: \(quoted(Slug.make(value))), title: \(quoted(value))}\n"
            }
        }
    }
    yaml += "# Front-matter keys found in \(found.pages) pages (\(found.withoutFrontMatter) without front matter):\n"
    for usage in found.keys {
        let examples = usage.values.prefix(3).map { $0.count > 40 ? String($0.prefix(40)) + "…" : $0 }
        yaml += "#   \(usage.key): \(pagesText(usage.pages)), \(usage.shape.rawValue)"
        yaml += examples.isEmpty ? "\n" : ", e.g. \(examples.joined(separator: " | "))\n"
    }

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
    var report = "\(found.pages) Markdown files, \(found.withoutFrontMatter) without front matter\n"
    if found.withLiquid > 0 {
        report +=
            "\(pagesText(found.withLiquid)) contain Liquid ({{ … }} or {% … %}); gids does not run it and shows it as text\n"
    }
    for usage in found.keys {
        let role =
            gidsKeys.contains(usage.key)
            ? "gids key"
            : aliases.first { $0.0 == usage.key }.map { "alias of \($0.1)" }
                ?? (taxonomies.contains { $0.key == usage.key } ? "taxonomy" : "ignored")
        let examples = usage.values.prefix(3).joined(separator: " | ")
        report += "  \(usage.key): \(pagesText(usage.pages)), \(usage.shape.rawValue), \(role)"
        report += examples.isEmpty ? "\n" : " (e.g. \(examples))\n"
    }
    result.report = report
    return result
}

/// "1 page", "2 pages".
private func pagesText(_ count: Int) -> String { count == 1 ? "1 page" : "\(count) pages" }

/// A YAML 1.2 double-quoted scalar: JSON string syntax is a subset of it.
private func quoted(_ text: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data()
    let array = String(decoding: data, as: UTF8.self)
    return String(array.dropFirst().dropLast())
}

/// A YAML mapping file as a dictionary; nil when missing or not a mapping.
private func readYAMLFile(_ path: String) -> [String: Any]? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return (try? Yams.load(yaml: String(decoding: data, as: UTF8.self))) as? [String: Any]
}
