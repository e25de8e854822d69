import Foundation
import GidsBuild
import GidsCore
import Testing

@testable import GidsSiteCheck

/// A small site as another generator might write it: one file per entry, links one per line.
let handwrittenSite: [String: String] = [
    "index.html": """
    <!doctype html><html lang="nl"><head><title>Home</title>
    <link rel="stylesheet" href="assets/style.css">
    <link rel="preconnect" href="https://fonts.example.org">
    </head><body>
    <a href="regenbooggids/sport/">sport (folder)</a>
    <a href="regenbooggids/sport">sport (folder without slash)</a>
    <a href="/regenbooggids/sport/#aanpak">root-relative</a>
    <a href="https://www.movisie.nl/">extern</a>
    </body></html>
    """,
    "assets/style.css": "body{}",
    "assets/a.png": "png",
    "regenbooggids/sport/index.html": """
    <!doctype html><html lang="nl"><head><title>Sport</title></head><body>
    <h2 id="aanpak">Aanpak</h2>
    <h2 id="financiële-tekorten">Financiële tekorten</h2>
    <h2 id="wet-maatschappelijke-ondersteuning-wmo">Wet maatschappelijke ondersteuning (Wmo)</h2>
    <h2 id="overzicht">Overzicht</h2><h2 id="overzicht-1">Overzicht 1</h2><h2 id="overzicht-2">Overzicht</h2>
    <p id="contact">Contact</p>
    <a name="oud">legacy anchor</a>
    </body></html>
    """,
    "woudlopersgids/thema/nested/index.html": """
    <!doctype html><html lang="nl"><head><title>Nested</title></head><body>
    <a href="../../../regenbooggids/sport/index.html#aanpak">1 ok</a>
    <a href="../../../regenbooggids/sport/#financi%C3%ABle-tekorten">2 ok, encoded</a>
    <a href="../../../regenbooggids/sport/#financiële-tekorten">3 ok, as written</a>
    <a href="../../../regenbooggids/sport/#financiele-tekorten">4 broken: no accent</a>
    <a href="../../../regenbooggids/sport/#wet-maatschappelijke-ondersteuning-wmo">5 ok</a>
    <a href="../../../regenbooggids/sport/#overzicht-2">6 ok</a>
    <a href="../../../regenbooggids/sport/#contact">7 ok</a>
    <a href="../../../regenbooggids/sport/#oud">8 ok, legacy name</a>
    <a href="../../../regenbooggids/sport/?utm=x#aanpak">9 ok, query ignored</a>
    <a href="../../../regenbooggids/sport.html#aanpak">10 broken: sport/index.html exists instead</a>
    <a href="../../../regenbooggids/sport/#Aanpak">11 broken: case</a>
    <code>&lt;a href="missing.html"&gt;</code><pre>&lt;a href="missing.html"&gt;</pre>
    <a href="mailto:info@gemeente.example.nl">13 ok</a> <a href="tel:+31%2020%20123%204567">13 ok</a>
    <a href="mailto:">14 broken</a> <a href="tel:gemeente">14 broken</a>
    <a href="javascript:void(0)">15 unsafe</a>
    <a href="">16 empty</a>
    <a href="../../../../buiten.html">17 outside</a>
    <p id="dubbel">18</p>
    <p id="dubbel">19 duplicate</p>
    <img alt="" src="../../../assets/a.png" srcset="../../../assets/a.png 1x, ../../../assets/b.png 2x">
    <img alt="" src="data:image/png;base64,iVBORw0KGgo=">
    <a href="#top">22 ok</a> <a href="#">22 ok</a> <a href="#nergens">22 broken</a>
    <a href="ftp://ftp.example.org/x">23 other scheme, left alone</a>
    </body></html>
    """,
]

func writeSite(_ files: [String: String]) -> String {
    let root = temporaryDirectory()
    for (path, text) in files {
        let url = URL(fileURLWithPath: root + "/" + path)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: url)
    }
    return root
}

/// A fresh temporary folder inside ``testRunFolder``.
func temporaryDirectory() -> String {
    let path = testRunFolder + "/" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let fixtures = root + "/Tests/GidsCheckTests/Fixtures"
}

/// `line code` for each diagnostic in `file`, sorted.
func findings(_ diagnostics: [Diagnostic], in file: String) -> [String] {
    diagnostics.sortedForOutput().filter { $0.location.path.hasSuffix(file) }.map {
        "\($0.location.line ?? 0) \($0.code)"
    }
}

@Suite struct OutputLevelTests {
    @Test func everyCaseOfTheHandwrittenSite() {
        let root = writeSite(handwrittenSite)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = checkSite(SiteCheckOptions(root: root))
        #expect(
            findings(result.diagnostics, in: "nested/index.html") == [
                "5 link.missing-fragment", "11 link.missing-file", "12 link.missing-fragment",
                "15 link.bad-mailto", "15 link.bad-tel", "16 link.unsafe-scheme", "17 link.empty",
                "18 link.outside-site", "20 html.duplicate-id", "21 link.missing-file", "23 link.missing-fragment",
            ])
        #expect(result.diagnostics.filter { $0.location.path == root + "/index.html" }.isEmpty)
        #expect(result.externalReferences.map(\.url) == ["https://www.movisie.nl/"])
        #expect(result.htmlFiles.count == 3)
    }

    @Test func hintsNameTheNearMatch() {
        let root = writeSite(handwrittenSite)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = checkSite(SiteCheckOptions(root: root))
        let hints = Dictionary(
            result.diagnostics.filter { $0.location.path.hasSuffix("nested/index.html") }.map {
                ($0.location.line ?? 0, $0.hint ?? "")
            }, uniquingKeysWith: { first, _ in first })
        #expect(hints[5] == "did you mean '#financiële-tekorten'?")
        // Hints are written from where the link stands.
        #expect(
            hints[11] == "the page is 'regenbooggids/sport/index.html': write '../../../regenbooggids/sport/#aanpak'")
        #expect(hints[12] == "fragments are case-sensitive: did you mean '#aanpak'?")
        #expect(hints[20] == "first used at line 19; a fragment can reach only the first one")
    }

    @Test func aMistypedFolderGetsADidYouMean() {
        var files = handwrittenSite
        files["index.html"] = files["index.html"]!.replacingOccurrences(
            of: "href=\"regenbooggids/sport/\"", with: "href=\"regenbooggids/sprot/\"")
        let root = writeSite(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = checkSite(SiteCheckOptions(root: root))
        let broken = result.diagnostics.filter { $0.location.path == root + "/index.html" }
        #expect(broken.map(\.code) == ["link.missing-file"])
        #expect(broken.first?.hint == "did you mean 'regenbooggids/sport/'?")
    }

    @Test func rootRelativeLinksFollowTheBasePath() {
        let root = writeSite(handwrittenSite)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let underPath = checkSite(SiteCheckOptions(root: root, basePath: "/gidsen/"))
        #expect(findings(underPath.diagnostics, in: "/index.html").contains("7 link.outside-site"))
        var moved = handwrittenSite
        moved["index.html"] = moved["index.html"]!.replacingOccurrences(
            of: "/regenbooggids/sport/#aanpak", with: "/gidsen/regenbooggids/sport/#aanpakk")
        let root2 = writeSite(moved)
        defer { try? FileManager.default.removeItem(atPath: root2) }
        let result = checkSite(SiteCheckOptions(root: root2, basePath: "/gidsen/"))
        #expect(findings(result.diagnostics, in: root2 + "/index.html") == ["7 link.missing-fragment"])
    }

    @Test func aBaseURLMakesAbsoluteLinksLocal() {
        var files = handwrittenSite
        files["index.html"] = files["index.html"]!.replacingOccurrences(
            of: "https://www.movisie.nl/", with: "https://gemeente.example.nl/gids/regenbooggids/sport/#weg")
        let root = writeSite(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = checkSite(SiteCheckOptions(root: root, baseURL: "https://gemeente.example.nl/gids/"))
        #expect(findings(result.diagnostics, in: root + "/index.html") == ["8 link.missing-fragment"])
        #expect(result.externalReferences.isEmpty)
    }

    @Test func anUnreadableSiteIsOneError() {
        let result = checkSite(SiteCheckOptions(root: "/nonexistent/gids-site"))
        #expect(result.diagnostics.map(\.code) == ["site.unreadable"])
    }
}

@Suite struct SourceLevelTests {
    /// Every link form of the fixture resolves: fragments from a nested folder, the slug rule for
    /// accents and parentheses, repeated headings, a raw-HTML id, `#top`, mailto and tel, and
    /// links in code that are not links.
    @Test func theValidFixtureIsClean() async throws {
        let report = try await runCheck(
            CheckOptions(
                contentDirectory: Repo.fixtures + "/links/content", templatesDirectory: Repo.root + "/templates"))
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.formatted))")
        #expect(report.statistics["external"] == 1)
    }

    @Test func brokenFragmentsAndAddressesAreReportedExactly() async throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.copyItem(atPath: Repo.fixtures + "/links/content", toPath: root + "/content")
        try FileManager.default.copyItem(
            atPath: Repo.fixtures + "/links-broken/content/woudlopersgids/kapot.md",
            toPath: root + "/content/woudlopersgids/kapot.md")
        let report = try await runCheck(
            CheckOptions(contentDirectory: root + "/content", templatesDirectory: Repo.root + "/templates"))
        let text = report.rendered(as: .text).replacingOccurrences(of: root + "/", with: "")
        let expected = try String(contentsOfFile: Repo.fixtures + "/links-broken/diagnostics.txt", encoding: .utf8)
        #expect(text == expected)
    }

    /// The checker finds exactly the ids the renderer wrote: the built fixture is clean, and
    /// removing one id the sources link to is caught at the output level.
    @Test func theBuiltSiteHasTheIdsTheSourcesLinkTo() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let build = runBuild(
            BuildOptions(
                contentDirectory: Repo.fixtures + "/links/content", templatesDirectory: Repo.root + "/templates",
                outputDirectory: root + "/site"))
        #expect(build.succeeded)
        let clean = checkSite(SiteCheckOptions(root: root + "/site"))
        #expect(clean.diagnostics.isEmpty, "\(clean.diagnostics.map(\.formatted))")
        let sport = root + "/site/regenbooggids/sport/index.html"
        let html = try String(contentsOfFile: sport, encoding: .utf8)
        #expect(html.contains("id=\"overzicht-2\"") && html.contains("id=\"contact\""))
        try html.replacingOccurrences(of: "id=\"overzicht-2\"", with: "id=\"weg\"").write(
            toFile: sport, atomically: true, encoding: .utf8)
        let broken = checkSite(SiteCheckOptions(root: root + "/site"))
        // The nested page's link, and the page's own table of contents.
        #expect(
            broken.diagnostics.map {
                "\($0.location.path.replacingOccurrences(of: root + "/site/", with: "")) \($0.code)"
            }
            .sorted() == [
                "regenbooggids/sport/index.html link.missing-fragment",
                "woudlopersgids/thema/nested/index.html link.missing-fragment",
            ])
        #expect(broken.diagnostics.allSatisfy { $0.message.contains("#overzicht-2") })
    }
}

@Suite struct ResolverTests {
    /// The site check's fast resolver agrees with the general one (``SitePath/resolve``) on
    /// every shape of relative reference, including climbs above the root.
    @Test func fastResolutionMatchesTheGeneralRule() {
        let bases = ["", "a/", "a/b/", "a/b/c/"]
        let references = [
            "x", "x/", "../x", "../../x/y/", "../../../x", "../../../../x", "./x", "x/./y", "x/../y", "x//y",
            "..", "../", ".", "./", "a.html", "../b/c.html", "../../", "x/..", "%2e%2e/x",
        ]
        for base in bases {
            for reference in references {
                #expect(
                    PageChecker.resolve(reference, against: base) == SitePath.resolve(reference, against: base),
                    "\(reference) against '\(base)'")
            }
        }
    }
}

/// One folder per test process for every ``temporaryDirectory()``, removed when the process
/// exits, so a test run leaves nothing behind in the system's temporary folder.
let testRunFolder: String = {
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "gids-tests-\(getpid())") }
    return NSTemporaryDirectory() + "gids-tests-\(getpid())"
}()
