import FlyingFox
import Foundation
import GidsBuild
import GidsServe
import Testing

/// The repository's content and templates (this file is Tests/GidsServeTests/ServeTests.swift).
private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// A copy of `content/` and `templates/` in a fresh folder, to edit.
private func workspace() throws -> (root: String, options: BuildOptions) {
    let root = NSTemporaryDirectory() + "gids-serve-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: repository + "/content", toPath: root + "/content")
    try FileManager.default.copyItem(atPath: repository + "/templates", toPath: root + "/templates")
    let options = BuildOptions(
        contentDirectory: root + "/content", templatesDirectory: root + "/templates", outputDirectory: root + "/site",
        write: false)
    return (root, options)
}

private func edit(_ path: String, _ change: (String) -> String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let changed = change(text)
    #expect(changed != text, "the edit of \(path) changed nothing")
    try changed.write(toFile: path, atomically: true, encoding: .utf8)
}

@Suite struct IncrementalBuildTests {
    /// After each edit the session's output equals a fresh build of the same files, byte for byte.
    @Test func aSeriesOfEditsGivesTheSameSiteAsAFullBuild() throws {
        let (root, options) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let session = BuildSession(options: options)
        #expect(session.build().succeeded)
        let content = root + "/content/woudlopersgids/"
        func check(_ what: String, changed: [String], expectQuick: Bool = false) throws {
            session.invalidate(changed)
            let quick = session.quickUpdate(changed)
            #expect((quick != nil) == expectQuick, "\(what): quick update \(quick == nil ? "not " : "")taken")
            let result = session.build()
            let fresh = BuildSession(options: options)
            let freshResult = fresh.build()
            #expect(result.diagnostics.map(\.formatted) == freshResult.diagnostics.map(\.formatted), "\(what)")
            #expect(result.succeeded == freshResult.succeeded, "\(what)")
            let mine = try #require(session.output), theirs = try #require(fresh.output)
            #expect(mine.files.keys.sorted() == theirs.files.keys.sorted(), "\(what): same files")
            let different = mine.files.keys.filter { mine.files[$0] != theirs.files[$0] }.sorted()
            #expect(different.isEmpty, "\(what): differs in \(different.prefix(5))")
            #expect(mine.copies == theirs.copies, "\(what)")
            // The quick answer is the page the full build makes.
            for (path, data) in quick?.files ?? [:] {
                #expect(data == mine.files[path], "\(what): quick \(path) differs from the full build")
            }
        }
        // A change of the body only: the page is rendered first, then the full build.
        try edit(content + "respijtzorg.md") { $0 + "\nEen extra alinea over respijtzorg in de wijk.\n" }
        try check("body change", changed: [content + "respijtzorg.md"], expectQuick: true)
        // The title shows in lists, neighbours and backlinks.
        try edit(content + "respijtzorg.md") {
            $0.replacingOccurrences(of: "title: Respijtzorg", with: "title: Respijtzorg regelen")
        }
        try check("title change", changed: [content + "respijtzorg.md"])
        // A new page and a deleted page.
        try """
        ---
        title: Nieuwe pagina
        summary: Een pagina die tijdens het bekijken is toegevoegd.
        phase: uitvoeren
        ---
        Tekst van de nieuwe pagina, met een link naar [respijtzorg](respijtzorg.md).
        """.write(toFile: content + "nieuwe-pagina.md", atomically: true, encoding: .utf8)
        try check("new page", changed: [content + "nieuwe-pagina.md"])
        try FileManager.default.removeItem(atPath: content + "nieuwe-pagina.md")
        try check("deleted page", changed: [content + "nieuwe-pagina.md"])
        // A heading that another page's fragment points to is renamed: both builds report the
        // broken fragment and keep the last good site.
        let target = try linkedHeading(in: root + "/content")
        try edit(target.file) { $0.replacingOccurrences(of: target.heading, with: target.heading + " (nieuw)") }
        try check("renamed heading", changed: [target.file])
        try edit(target.file) { $0.replacingOccurrences(of: target.heading + " (nieuw)", with: target.heading) }
        try check("heading restored", changed: [target.file])
        // A template change renders every page again.
        try edit(root + "/templates/page.mustache") {
            $0.replacingOccurrences(of: "<article class=\"page\">", with: "<article class=\"page\" data-x=\"1\">")
        }
        try check("template change", changed: [root + "/templates/page.mustache"])
    }

    /// A `## heading` line of some page that another page links to with a fragment.
    private func linkedHeading(in content: String) throws -> (file: String, heading: String) {
        let file = content + "/regenbooggids/sport.md"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let heading = try #require(text.split(separator: "\n").first { $0.hasPrefix("## ") }.map(String.init))
        return (file, heading)
    }
}

@Suite struct PreviewServerTests {
    /// A guide's `source:` folder is watched and read again when its files change (a trial
    /// found edits there ignored).
    @Test func aGuidesSourceFolderIsWatchedAndReadAgain() throws {
        let root = NSTemporaryDirectory() + "gids-serve-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: repository + "/Tests/GidsBuildTests/Fixtures/foreign", toPath: root + "/foreign")
        try FileManager.default.copyItem(atPath: repository + "/templates", toPath: root + "/templates")
        let guide = root + "/foreign/content/kennisbank/guide.yml"
        try edit(guide) { $0 + "strict: false\n" }
        let server = PreviewServer(
            options: BuildOptions(
                contentDirectory: root + "/foreign/content", templatesDirectory: root + "/templates",
                outputDirectory: root + "/site", write: false), port: 0)
        server.log = { _ in }
        #expect(server.buildFirst().succeeded)
        let page = root + "/foreign/kb/docs/bijlagen/ondersteuning-één.md"
        try edit(page) { $0 + "\nNieuw in de bron: PLUGH.\n" }
        server.rebuild([page])
        let html = server.current.files["kennisbank/bijlagen/ondersteuning-een/index.html"] ?? Data()
        #expect(String(decoding: html, as: UTF8.self).contains("PLUGH"))
    }

    @Test func beforeTheFirstGoodBuildEveryPathShowsTheErrors() throws {
        let (root, options) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try edit(root + "/content/woudlopersgids/respijtzorg.md") { $0 + "\n[kapot](bestaat-niet.md)\n" }
        let server = PreviewServer(options: options, port: 0)
        server.log = { _ in }
        #expect(!server.buildFirst().succeeded)
        let response = server.respond(to: "GET", path: "/woudlopersgids/", query: [:])
        #expect(response.statusCode == .serviceUnavailable)
        let status = server.respond(to: "GET", path: "/_gids/status", query: ["since": "0"])
        #expect(status.statusCode == .ok)
    }

    @Test func requestPathsOutsideTheSiteAreRefused() {
        for path in [
            "/../etc/passwd", "/%2e%2e/etc/passwd", "/woudlopersgids/../../x", "/a/%2E%2E/%2e%2e/b", "/x%00y",
            "/a\\..\\b", "/./index.html", "//etc/passwd", "/%ff",
        ] {
            #expect(SiteFiles.sitePath(forRequestPath: path) == nil, "\(path)")
        }
        #expect(SiteFiles.sitePath(forRequestPath: "/") == "index.html")
        #expect(SiteFiles.sitePath(forRequestPath: "/woudlopersgids/") == "woudlopersgids/index.html")
        #expect(SiteFiles.sitePath(forRequestPath: "/assets/x%20y.css") == "assets/x y.css")
    }

    @Test func servesTheSiteWithTheLiveScriptAndKeepsTheLastGoodSite() throws {
        let (root, options) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = PreviewServer(options: options, port: 0)
        server.log = { _ in }
        #expect(server.buildFirst().succeeded)
        let home = server.respond(to: "GET", path: "/", query: [:])
        #expect(home.statusCode == .ok)
        let page = server.respond(to: "GET", path: "/woudlopersgids/respijtzorg/", query: [:])
        #expect(page.statusCode == .ok)
        #expect(
            server.respond(to: "GET", path: "/woudlopersgids/respijtzorg", query: [:]).statusCode == .movedPermanently)
        #expect(server.respond(to: "GET", path: "/../content/site.yml", query: [:]).statusCode == .badRequest)
        #expect(server.respond(to: "GET", path: "/content/site.yml", query: [:]).statusCode == .notFound)
        #expect(server.respond(to: "GET", path: "/_gids/live.js", query: [:]).statusCode == .ok)
        let before = server.current
        #expect(
            String(decoding: before.files["woudlopersgids/respijtzorg/index.html"] ?? Data(), as: UTF8.self).contains(
                "Respijtzorg"))

        // A body edit: the page changes, the version grows.
        let file = root + "/content/woudlopersgids/respijtzorg.md"
        try edit(file) { $0 + "\nZichtbaar na de wijziging: XYZZY.\n" }
        server.rebuild([file])
        let after = server.current
        #expect(after.version > before.version)
        #expect(
            String(decoding: after.files["woudlopersgids/respijtzorg/index.html"] ?? Data(), as: UTF8.self).contains(
                "XYZZY"))

        // A broken change: the last good site stays, and the status carries the diagnostics.
        try edit(file) { $0 + "\nEen [kapotte link](bestaat-niet.md).\n" }
        server.rebuild([file])
        #expect(server.current.files == after.files)
        let status = server.respond(to: "GET", path: "/_gids/status", query: ["since": "0"])
        #expect(status.statusCode == .ok)
    }
}
