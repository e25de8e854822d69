import Foundation
import GidsCore
import GidsFrontMatter
import GidsSiteCheck
import Testing

@testable import GidsBuild

/// `gids init --from` on each practice corpus and on a Hugo fixture of our own: the guide it
/// writes builds on the first try (0 errors, no hand-written line), keeps the source's
/// structure, and every old address still leads somewhere.
@Suite struct ImportTests {
    static let hugoFixture = Repo.fixtures + "/import/hugo"

    /// Runs init on `source` into a fresh folder and builds.
    func adopt(_ source: String, name: String) throws -> (root: String, guide: String, result: BuildResult) {
        let root = temporaryDirectory()
        _ = try initGuide(from: source, contentDirectory: root + "/content", name: name)
        let guide = try String(contentsOfFile: root + "/content/\(name)/guide.yml", encoding: .utf8)
        let result = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates,
                outputDirectory: root + "/site"))
        return (root, guide, result)
    }

    /// Every old address leads somewhere: each line of `_redirects` has a redirect page at its
    /// old address whose link (and the line's target) is a file of the site. Returns the lines.
    func oldAddressesLeadSomewhere(_ root: String, checkSite runsCheck: Bool = false) throws -> [Substring] {
        let lines = try read(root, "_redirects").split(separator: "\n")
        func file(_ address: Substring) -> String {
            let path = String(address.dropFirst()).removingPercentEncoding ?? String(address.dropFirst())
            return root + "/site/" + (path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path)
        }
        for line in lines {
            let fields = line.split(separator: " ")
            #expect(FileManager.default.fileExists(atPath: file(fields[0])), "no redirect page for \(fields[0])")
            #expect(
                FileManager.default.fileExists(atPath: file(fields[1])),
                "\(fields[0]) leads to \(fields[1]), not in the site")
        }
        if runsCheck {
            let check = checkSite(SiteCheckOptions(root: root + "/site"))
            #expect(check.diagnostics.filter { $0.code.hasPrefix("site.redirect") }.map(\.formatted) == [])
        }
        return lines
    }

    func read(_ root: String, _ path: String) throws -> String {
        try String(contentsOfFile: root + "/site/" + path, encoding: .utf8)
    }

    @Test func theHugoFixtureBuildsWithItsPhasesSummariesIntroductionsAndOldAddresses() throws {
        let (root, guide, result) = try adopt(Self.hugoFixture, name: "kennisbank")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(result.succeeded, "\(result.diagnostics.filter { $0.severity == .error }.map(\.formatted))")
        #expect(result.wrote)
        // The fixture's own links are right, so the whole built site checks clean.
        let check = checkSite(SiteCheckOptions(root: root + "/site"))
        #expect(check.diagnostics.filter { $0.severity == .error }.map(\.formatted) == [])
        // 6 pages and 3 phase folders at Hugo's addresses, 1 alias, the addresses in the guide
        // the 3 introductions would have had (the home page keeps `/`), and Hugo's 3 pages of
        // the values of `themas` (its overview, `/themas/`, is a page of the source).
        #expect(try oldAddressesLeadSomewhere(root, checkSite: true).count == 16)
        // From hugo.toml: the title; the taxonomy `themas` on a free URL, as the source has a
        // folder `themas/` of its own.
        #expect(guide.contains("title: \"Voorbeeldkennisbank\""))
        #expect(guide.contains("id: \"themas-overzicht\"") && guide.contains("key: \"themas\""))
        // The summary key found by its content, not by its name.
        #expect(guide.contains("samenvatting: summary"))
        // The guide's own summary is the source's, not gids's example text.
        #expect(guide.contains("summary: \"Een kleine kennisbank om het overnemen van een Hugo-site mee te testen.\""))
        #expect(!result.diagnostics.contains { $0.code == "frontmatter.placeholder" })
        let phase = try read(root, "kennisbank/verkennen/index.html")
        #expect(phase.contains("In de eerste fase breng je in kaart wat er speelt en wie er meedoen."))
        // Phases in the source's order, numbered from 0 as the source numbers them, with their
        // own explaining page at the top instead of beside them.
        let steps = phase.matches(of: /<span class="step-number">(\d+)<\/span> (\w+)/).map { "\($0.1) \($0.2)" }
        #expect(steps == ["0 Verkennen", "1 Ontwerpen", "2 Uitvoeren"])
        #expect(phase.contains("In deze fase kijk je eerst rond"))
        #expect(try read(root, "kennisbank/fase-0-verkennen/index.html").contains("url=../verkennen/"))
        // Groups by kind of page, with counts.
        #expect(
            phase.contains(
                "<h3 id=\"_g-maatregel\">Maatregel <span class=\"count\" data-group-count=\"_g-maatregel\" data-count-label>(1 pagina)</span></h3>"
            ))
        // `a && b` in a title is text.
        #expect(phase.contains("Vooroverleg &amp;&amp; eerste gesprek"))
        // Old addresses: Hugo's (lower case, a/b/), the page's own aliases, and the lists for servers.
        let redirects = try read(root, "_redirects")
        #expect(
            redirects.contains("/fase-0-verkennen/belanghebbenden/ /kennisbank/fase-0-verkennen/belanghebbenden/ 301"))
        #expect(redirects.contains("/verkennen/belanghebbenden.html /kennisbank/fase-0-verkennen/belanghebbenden/ 301"))
        #expect(redirects.contains("/fase-0-verkennen/ /kennisbank/verkennen/ 301"))
        let moved = try read(root, "verkennen/belanghebbenden.html")
        #expect(
            moved.contains(
                "<meta http-equiv=\"refresh\" content=\"0; url=../kennisbank/fase-0-verkennen/belanghebbenden/\">"))
        #expect(try read(root, "redirects.nginx.conf").contains("\"/themas/\" \"/kennisbank/themas/\";"))
        // Hugo's own taxonomy pages: each value's old page sends the reader to gids's.
        #expect(redirects.contains("/themas/water/ /kennisbank/themas-overzicht/water/ 301"))
    }

    /// `urls: preserve`: the pages keep the addresses the old site gave them, in its style.
    @Test func preservedAddressesKeepTheSourcesPathsAndStyle() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try initGuide(from: Self.hugoFixture, contentDirectory: root + "/content", name: "kennisbank")
        let path = root + "/content/kennisbank/guide.yml"
        let guide = try String(contentsOfFile: path, encoding: .utf8)
        let preserving = guide.replacingOccurrences(
            of: "redirects:\n  style: directory\n", with: "urls: preserve\nredirects:\n  style: file\n")
        #expect(preserving != guide)
        try preserving.write(toFile: path, atomically: true, encoding: .utf8)
        let result = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates,
                outputDirectory: root + "/site"))
        #expect(result.succeeded, "\(result.diagnostics.filter { $0.severity == .error }.map(\.formatted))")
        let page = try read(root, "fase-1-ontwerpen/waterparagraaf.html")
        #expect(page.contains("<h1>De waterparagraaf</h1>"))
        #expect(page.contains("<a href=\"../fase-0-verkennen/vooroverleg.html\">het vooroverleg</a>"))
        let check = checkSite(SiteCheckOptions(root: root + "/site"))
        #expect(check.diagnostics.filter { $0.severity == .error }.map(\.formatted) == [])
        // Only the addresses that changed get a redirect: the alias and the introductions.
        let redirects = try read(root, "_redirects")
        #expect(!redirects.contains("waterparagraaf"))
        #expect(redirects.contains("/verkennen/belanghebbenden.html /fase-0-verkennen/belanghebbenden.html 301"))
    }

    @Test(
        .enabled(if: LeakCounterTests.corpus("nerds") != nil, "the practice corpus nerds is not next to the repository")
    )
    func nerdsBuildsInTheOrderOfItsNavigation() throws {
        let source = try #require(LeakCounterTests.corpus("nerds")) + "/docs"
        let (root, guide, result) = try adopt(source, name: "nerds")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(result.succeeded, "\(result.diagnostics.filter { $0.severity == .error }.map(\.formatted))")
        #expect(try oldAddressesLeadSomewhere(root).count >= 28)
        // The reading order is the `nav:` of mkdocs.yml.
        let order = guide.matches(of: /(?m)^  - "([^"]+\.md)"$/).map { String($0.1) }
        #expect(
            order.prefix(4) == [
                "index.md", "richtlijnen/index.md", "richtlijnen/gebruikersbehoeften/index.md",
                "richtlijnen/gebruikersbehoeften/fases.md",
            ])
        // A guideline's page introduces the value of `relations` it is named after.
        #expect(
            guide.contains(
                "{id: \"privacy\", title: \"Maak privacy integraal\", introduction: \"richtlijnen/privacy/index.md\"}"))
        // MkDocs addressed pages as a/b/: each old address is a redirect.
        let redirects = try read(root, "_redirects")
        #expect(
            redirects.contains(
                "/richtlijnen/gebruikersbehoeften/fases/ /nerds/richtlijnen/gebruikersbehoeften/fases/ 301"))
        #expect(redirects.contains("/richtlijnen/privacy/ /nerds/relations/privacy/ 301"))
        // A folder with index.md and README.md: MkDocs served index.md there.
        #expect(redirects.contains("/action-registry/ /nerds/action-registry/ 301"))
        // The site's description in mkdocs.yml is the guide's summary.
        #expect(guide.contains("# summary: the site's description in mkdocs.yml"))
        // Our own guides' wording stays out.
        #expect(!(try read(root, "index.html")).contains("regenboogbeleid"))
    }

    @Test(
        .enabled(
            if: LeakCounterTests.corpus("gemma-zaken") != nil,
            "the practice corpus gemma-zaken is not next to the repository"))
    func gemmaKeepsItsJekyllAddresses() throws {
        let source = try #require(LeakCounterTests.corpus("gemma-zaken")) + "/docs"
        let (root, guide, result) = try adopt(source, name: "gemma")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(result.succeeded, "\(result.diagnostics.filter { $0.severity == .error }.map(\.formatted))")
        #expect(try oldAddressesLeadSomewhere(root).count >= 200)
        #expect(guide.contains("redirects:\n  style: file\n"))
        // Jekyll wrote a/b.md as a/b.html; the site was served under /gemma-zaken, which the
        // base_path takes off.
        let redirects = try read(root, "_redirects")
        #expect(redirects.contains("/gemma-zaken/productvisie/ /gemma/productvisie/ 301") == false)
        #expect(redirects.contains("/productvisie/ /gemma/productvisie/ 301"))
        #expect(redirects.contains(".html /gemma/"))
    }

    /// A source key that gids reads itself (`tips`) or that holds sentences is never made a
    /// taxonomy: the guide would not build (a user trial found `tips: [...]` did that).
    @Test func keysOfGidsAndListsOfSentencesAreNoTaxonomies() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let source = root + "/bron"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        for (index, name) in ["een", "twee", "drie"].enumerated() {
            try """
            ---
            title: Pagina \(name)
            tips: [kort, lang]
            stappen: ["Begin met een gesprek met de buurt.", "Schrijf daarna op wat je hebt afgesproken."]
            thema: [zorg\(index)]
            ---
            Tekst.
            """.write(toFile: source + "/\(name).md", atomically: true, encoding: .utf8)
        }
        _ = try initGuide(from: source, contentDirectory: root + "/content", name: "bron")
        let guide = try String(contentsOfFile: root + "/content/bron/guide.yml", encoding: .utf8)
        #expect(!guide.contains("- id: \"tips\""))
        #expect(!guide.contains("- id: \"stappen\""))
        #expect(guide.contains("- id: \"thema\""))
        let result = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates,
                outputDirectory: root + "/site"))
        #expect(result.succeeded, "\(result.diagnostics.filter { $0.severity == .error }.map(\.formatted))")
    }

    @Test(arguments: [
        ("a/b.md", OldAddresses(style: .directory, lowercase: false), "a/b/"),
        ("a/b.md", OldAddresses(style: .file, lowercase: false), "a/b.html"),
        ("A/Over Ons.md", OldAddresses(style: .directory, lowercase: true), "a/over ons/"),
        ("a/index.md", OldAddresses(style: .file, lowercase: false), "a/"),
        ("a/_index.md", OldAddresses(style: .directory, lowercase: false), "a/"),
        ("README.md", OldAddresses(style: .directory, lowercase: false), ""),
    ])
    func oldAddressesAsTheGeneratorWroteThem(path: String, style: OldAddresses, old: String) {
        #expect(style.path(of: path) == old)
    }

    @Test(arguments: [
        ("fase-0-verkennen", "verkennen", 0), ("1-ontwerpen", "ontwerpen", 1), ("stap-2-doen", "doen", 2),
        ("verkennen", "verkennen", nil), ("2025", "2025", nil),
    ])
    func numberedFolderNames(folder: String, slug: String, number: Int?) {
        #expect(stripNumber(folder).slug == slug)
        #expect(stripNumber(folder).number == number)
    }

    @Test func phaseTitlesLoseTheNumberTheSiteAddsItself() {
        #expect(cleanPhaseTitle("Fase 0: Verkennen") == "Verkennen")
        #expect(cleanPhaseTitle("1. ontwerpen") == "Ontwerpen")
        #expect(cleanPhaseTitle("Uitvoeren") == "Uitvoeren")
    }
}
