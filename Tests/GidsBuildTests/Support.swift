import Foundation
import GidsBuild
import GidsCore
import GidsSearch
import GidsSiteCheck

/// Paths and helpers shared by the end-to-end tests.
enum Repo {
    /// The repository root (this file is Tests/GidsBuildTests/Support.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let fixtures = root + "/Tests/GidsBuildTests/Fixtures"
    static let templates = root + "/templates"
}

/// A fresh temporary folder inside ``testRunFolder``.
func temporaryDirectory() -> String {
    let path = testRunFolder + "/" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Copies `source` into `destination`, merging folders and replacing files.
func overlay(_ source: String, onto destination: String) throws {
    let fm = FileManager.default
    guard let items = fm.enumerator(atPath: source) else { return }
    for case let item as String in items {
        var isDirectory: ObjCBool = false
        _ = fm.fileExists(atPath: source + "/" + item, isDirectory: &isDirectory)
        let target = destination + "/" + item
        if isDirectory.boolValue {
            try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
        } else {
            if fm.fileExists(atPath: target) { try fm.removeItem(atPath: target) }
            try fm.copyItem(atPath: source + "/" + item, toPath: target)
        }
    }
}

/// The `base` fixture with `page` as `content/gids/drie.md`, `extraFiles` (content-relative
/// paths), and lines added to `site.yml` and the guide file, built into `<root>/site`. The
/// caller removes `root`.
func buildBase(
    page: String, extraFiles: [String: Data] = [:], siteYAML: String = "", guideYAML: String = ""
) throws -> (root: String, result: BuildResult) {
    let root = temporaryDirectory()
    try overlay(Repo.fixtures + "/base", onto: root)
    try page.write(toFile: root + "/content/gids/drie.md", atomically: true, encoding: .utf8)
    for (path, data) in extraFiles {
        try FileManager.default.createDirectory(
            atPath: (root + "/content/" + path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: root + "/content/" + path))
    }
    for (file, lines) in [("site.yml", siteYAML), ("gids/guide.yml", guideYAML)] where !lines.isEmpty {
        let text = try String(contentsOfFile: root + "/content/" + file, encoding: .utf8)
        try (text + lines).write(toFile: root + "/content/" + file, atomically: true, encoding: .utf8)
    }
    let result = runBuild(
        BuildOptions(
            contentDirectory: root + "/content", templatesDirectory: Repo.templates, outputDirectory: root + "/site"))
    return (root, result)
}

/// Every file below `root` by relative path, with its bytes.
func snapshot(_ root: String) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let items = FileManager.default.enumerator(atPath: root) else { return files }
    for case let item as String in items {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: root + "/" + item, isDirectory: &isDirectory)
        if !isDirectory.boolValue { files[item] = FileManager.default.contents(atPath: root + "/" + item) }
    }
    return files
}

/// Diagnostics as compiler-style lines without hints, with `prefix` removed from paths.
func lines(_ diagnostics: [Diagnostic], removing prefix: String) -> [String] {
    diagnostics.sortedForOutput().map { diagnostic in
        var copy = diagnostic
        copy.hint = nil
        return copy.formatted.replacingOccurrences(of: prefix, with: "")
    }
}

/// Every problem the output-level checker (`gids check --site`) finds in a built site, as
/// compiler-style lines; empty means every internal link, asset and fragment is intact.
func brokenReferences(in site: String, basePath: String? = nil) -> [String] {
    checkSite(SiteCheckOptions(root: site, basePath: basePath)).diagnostics.sortedForOutput().map(\.formatted)
}

/// The search documents of a built site in index order (reading order per guide), read from
/// the split index: `search-index.json` then `search/doc/<i>.json`.
func searchDocuments(site: String) throws -> [SearchIndex.Document] {
    let meta = try JSONDecoder().decode(
        SearchIndex.Meta.self, from: Data(contentsOf: URL(fileURLWithPath: site + "/search-index.json")))
    return try (0..<meta.documentCount).map { number in
        try JSONDecoder().decode(
            SearchIndex.Document.self, from: Data(contentsOf: URL(fileURLWithPath: site + "/search/doc/\(number).json"))
        )
    }
}

/// Runs the site's search script under Node against a built index; returns ranked URLs.
func searchWithSiteScript(site: String, query: String, snippet: Bool = false) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
        [
            "node", Repo.fixtures + "/search-query.js", Repo.templates + "/assets/search.js",
            site + "/search-index.json",
            query,
        ] + (snippet ? ["--snippet"] : [])
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
}

/// One folder per test process for every ``temporaryDirectory()``, removed when the process
/// exits, so a test run leaves nothing behind in the system's temporary folder.
let testRunFolder: String = {
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "gids-tests-\(getpid())") }
    return NSTemporaryDirectory() + "gids-tests-\(getpid())"
}()
