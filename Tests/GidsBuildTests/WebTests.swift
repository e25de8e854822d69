import Foundation
import GidsBuild
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What web teams get: sitemap, robots.txt, canonical links and Open Graph with `base_url`,
/// Atom feeds per guide, fingerprinted theme assets, and git dates for "laatst bijgewerkt".
@Suite struct WebTests {
    func buildFixture(siteYAML extra: String = "", git: Bool = false) throws -> String {
        let root = temporaryDirectory()
        try overlay(Repo.fixtures + "/base", onto: root)
        if !extra.isEmpty {
            let site = try String(contentsOfFile: root + "/content/site.yml", encoding: .utf8)
            try (site + extra).write(toFile: root + "/content/site.yml", atomically: true, encoding: .utf8)
        }
        if git {
            let env = [
                "GIT_AUTHOR_DATE": "2018-09-01T12:00:00+02:00", "GIT_COMMITTER_DATE": "2018-09-01T12:00:00+02:00",
                "GIT_AUTHOR_NAME": "Redactie", "GIT_AUTHOR_EMAIL": "redactie@example.org",
                "GIT_COMMITTER_NAME": "Redactie", "GIT_COMMITTER_EMAIL": "redactie@example.org",
            ]
            for arguments in [["init", "-q"], ["add", "."], ["commit", "-q", "-m", "Eerste versie"]] {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["git", "-C", root] + arguments
                process.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
                try process.run()
                process.waitUntilExit()
                #expect(process.terminationStatus == 0)
            }
        }
        let result = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates, outputDirectory: root + "/site"
            ))
        #expect(result.diagnostics.isEmpty, "\(lines(result.diagnostics, removing: root + "/"))")
        return root
    }

    func xml(_ path: String) throws -> XMLElement {
        try XMLDocument(contentsOf: URL(fileURLWithPath: path), options: []).rootElement()!
    }

    @Test func withABaseURLTheSiteHasASitemapRobotsAndCanonicalLinks() throws {
        let root = try buildFixture(siteYAML: "base_url: https://www.gemeente.nl/gidsen/\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let urlset = try xml(root + "/site/sitemap.xml")
        #expect(urlset.name == "urlset" && urlset.uri == "http://www.sitemaps.org/schemas/sitemap/0.9")
        let locations = urlset.elements(forName: "url").compactMap { $0.elements(forName: "loc").first?.stringValue }
        // Every HTML page but the 404 page, once, absolute.
        let pages = snapshot(root + "/site").keys.filter { $0.hasSuffix("index.html") }
        #expect(locations.count == pages.count && Set(locations).count == locations.count)
        #expect(locations.allSatisfy { $0.hasPrefix("https://www.gemeente.nl/gidsen/") })
        #expect(locations.contains("https://www.gemeente.nl/gidsen/gids/een/"))
        #expect(!locations.contains { $0.contains("404") })
        let robots = try String(contentsOfFile: root + "/site/robots.txt", encoding: .utf8)
        #expect(robots.contains("Sitemap: https://www.gemeente.nl/gidsen/sitemap.xml"))
        let page = try String(contentsOfFile: root + "/site/gids/een/index.html", encoding: .utf8)
        #expect(page.contains("<link rel=\"canonical\" href=\"https://www.gemeente.nl/gidsen/gids/een/\">"))
        #expect(page.contains("<meta property=\"og:url\" content=\"https://www.gemeente.nl/gidsen/gids/een/\">"))
        #expect(page.contains("<meta property=\"og:title\" content=\"Eerste pagina\">"))
        #expect(page.contains("<meta name=\"description\" content=\"Over mantelzorgers.\">"))
    }

    @Test func withoutABaseURLEverythingStaysRelative() throws {
        let root = try buildFixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = snapshot(root + "/site")
        #expect(files["sitemap.xml"] == nil && files["robots.txt"] == nil)
        let page = String(decoding: files["gids/een/index.html"]!, as: UTF8.self)
        #expect(!page.contains("rel=\"canonical\"") && !page.contains("og:url"))
        #expect(!page.contains("https://"))
        // Theme assets carry their content hash; the page links the hashed name.
        let stylesheet = files.keys.first { $0.hasPrefix("assets/style.") && $0.hasSuffix(".css") }!
        #expect(stylesheet.count == "assets/style.".count + 16 + ".css".count)
        #expect(page.contains("href=\"../../\(stylesheet)\""))
        #expect(files["assets/style.css"] == nil)
        #expect(brokenReferences(in: root + "/site") == [])
    }

    @Test func feedsAreAtomWithGitDatesWhenFrontMatterHasNone() throws {
        let root = try buildFixture(siteYAML: "base_url: https://www.gemeente.nl/gidsen/\n", git: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let feed = try xml(root + "/site/gids/feed.xml")
        #expect(feed.name == "feed" && feed.uri == "http://www.w3.org/2005/Atom")
        for required in ["title", "id", "updated", "author"] { #expect(feed.elements(forName: required).count == 1) }
        let entries = feed.elements(forName: "entry")
        #expect(entries.count == 2)
        for entry in entries {
            #expect(entry.elements(forName: "updated").first?.stringValue == "2018-09-01T00:00:00Z")
            #expect(
                entry.elements(forName: "id").first?.stringValue?.hasPrefix("https://www.gemeente.nl/gidsen/gids/")
                    == true)
        }
        let page = try String(contentsOfFile: root + "/site/gids/een/index.html", encoding: .utf8)
        #expect(page.contains("Laatst bijgewerkt: <time datetime=\"2018-09-01\">"))
        #expect(page.contains("type=\"application/atom+xml\""))
    }

    @Test func feedsWithoutABaseURLHaveStableURNIds() throws {
        let root = try buildFixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let feed = try xml(root + "/site/gids/feed.xml")
        let id = feed.elements(forName: "id").first?.stringValue ?? ""
        #expect(
            id.wholeMatch(of: /urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil)
        // Outside git and without `updated:`, no page has a date: the feed is empty but valid.
        #expect(feed.elements(forName: "entry").isEmpty)
    }
}
