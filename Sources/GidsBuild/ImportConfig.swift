import Foundation
import GidsCore
import TOMLKit
import Yams

/// What `gids init --from` reads of the other generator's own configuration: MkDocs'
/// `mkdocs.yml`, Jekyll's `_config.yml`, Hugo's `hugo.toml`/`hugo.yaml`/`config.toml`/`config.yaml`.
struct GeneratorConfig {
    enum Kind: String { case mkdocs = "MkDocs", jekyll = "Jekyll", hugo = "Hugo", none = "" }

    var kind = Kind.none
    /// The configuration file read, as typed (for the comments in the guide file).
    var file: String?
    /// The folder of Markdown pages: `docs_dir` (MkDocs), `content/` (Hugo), or the folder given.
    var source: URL
    /// `site_name` / `title`.
    var title: String?
    /// The configuration key the title came from.
    var titleKey: String?
    /// A description of the whole site: MkDocs `site_description`, Jekyll `description`,
    /// Hugo `params.description`.
    var description: String?
    /// The path the old site was served under: Jekyll's `baseurl`, the path of Hugo's `baseURL`.
    var basePath: String?
    /// Source-relative page paths in the order of the navigation (`nav:`).
    var navPaths: [String] = []
    /// Section titles of the navigation, each with the source-relative paths under it.
    var navSections: [(title: String, paths: [String])] = []
    /// Front-matter keys the generator itself treats as taxonomies (Hugo `taxonomies`, the
    /// MkDocs `tags` plugin).
    var taxonomyKeys: [String] = []
    /// `markdown_extensions` of MkDocs, by name.
    var extensions: [String] = []
    /// Jekyll `collections`, by name.
    var collections: [String] = []
    /// How the old site addressed its pages, for redirects.
    var oldAddresses: (style: String, lowercase: Bool)?
}

/// Finds the generator and its configuration for `directory` (the pages' folder, or the
/// project folder holding the configuration). Errors: a configuration file that cannot be read.
func readGeneratorConfig(_ directory: URL) throws -> GeneratorConfig {
    let parent = directory.deletingLastPathComponent()
    func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }
    // MkDocs: mkdocs.yml beside docs_dir (the folder given is either).
    for (folder, given) in [(directory, false), (parent, true)] {
        let file = folder.appendingPathComponent("mkdocs.yml")
        guard exists(file), let yaml = readYAMLMapping(file.path) else { continue }
        let docsDir = yaml["docs_dir"] as? String ?? "docs"
        var config = GeneratorConfig(
            kind: .mkdocs, file: file.path, source: given ? directory : folder.appendingPathComponent(docsDir))
        config.title = yaml["site_name"] as? String
        config.titleKey = "site_name"
        config.description = yaml["site_description"] as? String
        readMkDocsNav(yaml["nav"], into: &config, section: nil)
        config.extensions = (yaml["markdown_extensions"] as? [Any] ?? []).compactMap {
            ($0 as? String) ?? ($0 as? [String: Any])?.keys.first
        }
        let plugins = (yaml["plugins"] as? [Any] ?? []).compactMap {
            ($0 as? String) ?? ($0 as? [String: Any])?.keys.first
        }
        if plugins.contains("tags") { config.taxonomyKeys.append("tags") }
        config.oldAddresses = ((yaml["use_directory_urls"] as? Bool) == false ? "file" : "directory", false)
        return config
    }
    // Hugo: the configuration beside content/.
    for (folder, given) in [(directory, false), (parent, true)] {
        for name in ["hugo.toml", "config.toml", "hugo.yaml", "config.yaml"] {
            let file = folder.appendingPathComponent(name)
            guard exists(file), given || exists(folder.appendingPathComponent("content")) else { continue }
            guard let settings = name.hasSuffix(".toml") ? try readTOMLMapping(file.path) : readYAMLMapping(file.path)
            else { continue }
            var config = GeneratorConfig(
                kind: .hugo, file: file.path, source: given ? directory : folder.appendingPathComponent("content"))
            config.title = settings["title"] as? String
            config.titleKey = "title"
            config.description = (settings["params"] as? [String: Any])?["description"] as? String
            if let base = settings["baseURL"] as? String ?? settings["baseurl"] as? String,
                let path = URL(string: base)?.path, path.count > 1
            {
                config.basePath = path
            }
            let taxonomies = settings["taxonomies"] as? [String: Any] ?? ["tag": "tags", "category": "categories"]
            config.taxonomyKeys = taxonomies.values.compactMap { $0 as? String }.sorted()
            config.oldAddresses = ("directory", (settings["disablePathToLower"] as? Bool) != true)
            return config
        }
    }
    // Jekyll: _config.yml in the pages' folder.
    let jekyllFile = directory.appendingPathComponent("_config.yml")
    if exists(jekyllFile), let yaml = readYAMLMapping(jekyllFile.path) {
        var config = GeneratorConfig(kind: .jekyll, file: jekyllFile.path, source: directory)
        config.title = yaml["title"] as? String ?? yaml["apiname"] as? String
        config.titleKey = yaml["title"] is String ? "title" : "apiname"
        config.description = yaml["description"] as? String
        if let base = yaml["baseurl"] as? String, !base.isEmpty { config.basePath = base }
        config.collections = ((yaml["collections"] as? [String: Any])?.keys).map { Array($0).sorted() } ?? []
        readJekyllNav(yaml["nav"], source: directory, into: &config)
        config.oldAddresses = ("file", false)
        return config
    }
    return GeneratorConfig(source: directory)
}

/// MkDocs `nav:`: a list of `path`, `{title: path}` and `{title: [children]}` (sections).
private func readMkDocsNav(_ node: Any?, into config: inout GeneratorConfig, section: String?) {
    guard let items = node as? [Any] else { return }
    for item in items {
        if let path = item as? String {
            add(path, to: &config, section: section)
        } else if let entry = item as? [String: Any], let (title, value) = entry.first {
            if let path = value as? String {
                add(path, to: &config, section: section)
            } else if value is [Any] {
                config.navSections.append((title, []))
                readMkDocsNav(value, into: &config, section: title)
            }
        }
    }
    func add(_ path: String, to config: inout GeneratorConfig, section: String?) {
        guard path.hasSuffix(".md"), !path.contains("://") else { return }
        config.navPaths.append(path)
        if let section, let index = config.navSections.lastIndex(where: { $0.title == section }) {
            config.navSections[index].paths.append(path)
        }
    }
}

/// A Jekyll theme's `nav:` (`title`, `path` or `url`, `subnav`): the paths that are pages of
/// the source, in order.
private func readJekyllNav(_ node: Any?, source: URL, into config: inout GeneratorConfig) {
    guard let items = node as? [Any] else { return }
    for case let entry as [String: Any] in items {
        if let path = (entry["path"] ?? entry["url"]) as? String, !path.contains("://") {
            var trimmed = path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            if trimmed.hasSuffix(".html") { trimmed = String(trimmed.dropLast(5)) }
            let candidates =
                trimmed.isEmpty ? ["index.md"] : [trimmed + ".md", trimmed + "/index.md", trimmed + "/README.md"]
            if let found = candidates.first(where: {
                FileManager.default.fileExists(atPath: source.appendingPathComponent($0).path)
            }) {
                config.navPaths.append(found)
            }
        }
        readJekyllNav(entry["subnav"], source: source, into: &config)
    }
}

/// A YAML mapping file as a dictionary; nil when missing or not a mapping. MkDocs' Python tags
/// (`!!python/name:…`) are read as text.
func readYAMLMapping(_ path: String) -> [String: Any]? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "!!python/", with: "python/")
    return (try? Yams.load(yaml: text)) as? [String: Any]
}

/// A TOML file (TOMLKit, TOML 1.0) as a dictionary. Errors: the file is not valid TOML.
func readTOMLMapping(_ path: String) throws -> [String: Any]? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    do {
        let table = try TOMLTable(string: String(decoding: data, as: UTF8.self))
        return try JSONSerialization.jsonObject(with: Data(table.convert(to: .json).utf8)) as? [String: Any]
    } catch let error as TOMLParseError {
        throw ScaffoldError(
            description: "\(path):\(error.source.begin.line):\(error.source.begin.column): invalid TOML",
            isUsageError: false)
    }
}
