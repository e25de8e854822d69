import Foundation
import GidsBuild
import GidsCore
import GidsHTML
import GidsSearch
import Testing

/// The fixture `Fixtures/markdown` holds a page with every construct gids reads (tables,
/// callouts, tabs, footnotes, task lists, definitions, abbreviations, a diagram, attribute
/// lists): built, checked, searched, printed.
@Suite struct MarkdownSiteTests {
    static let built: (root: String, result: BuildResult) = {
        let root = temporaryDirectory()
        let result = runBuild(
            BuildOptions(
                contentDirectory: Repo.fixtures + "/markdown/content", templatesDirectory: Repo.templates,
                outputDirectory: root + "/site"))
        return (root, result)
    }()

    var site: String { Self.built.root + "/site" }

    func page(_ path: String) throws -> String {
        try String(contentsOfFile: site + "/" + path, encoding: .utf8)
    }

    @Test func theFixtureBuildsCleanAndEveryReferenceResolves() throws {
        #expect(Self.built.result.diagnostics.isEmpty, "\(Self.built.result.diagnostics.map(\.formatted))")
        #expect(brokenReferences(in: site) == [])
        let html = try page("kennis/constructies/index.html")
        for part in [
            #"<div class="table-wrap" role="region""#, #"<aside class="callout callout-tip""#,
            #"<details class="callout callout-warning" open>"#, #"<div class="tabs">"#, "<dl>",
            #"<abbr title="Algemene verordening gegevensbescherming">AVG</abbr>"#, #"<section class="footnotes""#,
            #"<figure class="diagram">"#, #"<ul class="task-list">"#, "<del>doorgehaald</del>",
        ] {
            #expect(html.contains(part), "\(part)")
        }
        // The table of contents lists the heading with its own id.
        #expect(html.contains(##"<a href="#regelingen">Regelingen</a>"##))
        // The other page links to a footnote and to a heading id written in an attribute list.
        let other = try page("kennis/andere/index.html")
        #expect(other.contains(##"href="../constructies/#fn:1""##))
    }

    @Test func thePrintEditionPrefixesEveryIDSoNoneRepeats() throws {
        let print = try page("kennis/print/index.html")
        let ids = HTMLScanner.scan(print).ids.map(\.name)
        #expect(ids.count == Set(ids).count, "duplicate ids in print: \(ids)")
        #expect(ids.contains("p-constructies--fn:1"))
        #expect(ids.contains("p-constructies--callout:1"))
        #expect(ids.contains("p-constructies--regelingen"))
        // Foldable callouts are open on paper.
        #expect(!print.contains(#"<details class="callout callout-question">"#))
        #expect(print.contains(#"<details class="callout callout-question" open>"#))
    }

    @Test func calloutTableFootnoteTabAndDefinitionTextIsSearchable() throws {
        let documents = try searchDocuments(site: site)
        let text = try #require(documents.first { $0.url == "kennis/constructies/" }).text
        for part in [
            "Respijtzorg", "zes weken", "Volgens de wet", "Inhoud van het tweede tabblad", "Tijdelijke overname",
            "Let op de termijn",
        ] {
            #expect(text.contains(part), "\(part)")
        }
        #expect(!text.contains("niet in de zoekindex"))
        #expect(!text.contains("{") && !text.contains("!!!") && !text.contains("[^"))
        #expect(try searchWithSiteScript(site: site, query: "tabblad").first == "kennis/constructies/")
    }
}

/// Text as a reader sees it is the text the index holds (issue "Markdown as real knowledge
/// bases write it", point 7).
@Suite struct SearchTextTests {
    @Test func softHyphensAndZeroWidthCharactersAreInsideWords() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try overlay(Repo.fixtures + "/base", onto: root)
        try """
        ---
        title: "Schuld\u{AD}hulp"
        summary: Over schuld&shy;hulp.
        phase: voorbereiden
        ---
        Gemeenten regelen schuld&shy;hulp&shy;verlening en zorg\u{200B}verzekering. Ook cafe\u{301}s.
        """.write(toFile: root + "/content/gids/drie.md", atomically: true, encoding: .utf8)
        let result = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates, outputDirectory: root + "/site"
            ))
        #expect(result.succeeded, "\(result.diagnostics.map(\.formatted))")
        let documents = try searchDocuments(site: root + "/site")
        let document = try #require(documents.first { $0.url == "gids/drie/" })
        #expect(document.title == "Schuldhulp")
        #expect(document.text.contains("schuldhulpverlening en zorgverzekering"))
        #expect(document.text.contains("cafés"))
        #expect(!document.text.unicodeScalars.contains { $0.value == 0xAD || $0.value == 0x200B || $0.value == 0x301 })
        #expect(try searchWithSiteScript(site: root + "/site", query: "schuldhulpverlening").first == "gids/drie/")
        #expect(try searchWithSiteScript(site: root + "/site", query: "zorgverzekering").first == "gids/drie/")
        // The page itself keeps the soft hyphens: they let the browser break the word.
        let html = try String(contentsOfFile: root + "/site/gids/drie/index.html", encoding: .utf8)
        #expect(html.contains("schuld\u{AD}hulp\u{AD}verlening"))
    }
}

/// Links from Markdown to the pages gids makes, `mailto:` as RFC 6068 has it, and ids.
@Suite struct MarkdownLinkTests {
    func build(_ body: String, site extra: String = "") throws -> (String, BuildResult) {
        try buildBase(page: "---\ntitle: Drie\nsummary: S.\nphase: voorbereiden\n---\n\(body)\n", siteYAML: extra)
    }

    @Test func guideHomesPhasesDomainsAndSearchCanBeLinked() throws {
        let (root, result) = try build(
            "[gids](../gids/) [fase](../gids/evalueren/) [fase](../gids/evalueren/index.html) [domein](/domeinen/wmo/) "
                + "[domeinen](../domeinen/) [zoeken](../zoeken/) [print](../gids/print/) [gids](../gids/index.md)")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(result.succeeded, "\(result.diagnostics.map(\.formatted))")
        let html = try String(contentsOfFile: root + "/site/gids/drie/index.html", encoding: .utf8)
        let body = String(try #require(html.split(separator: #"<div class="prose">"#).last))
        let hrefs = body.matches(of: /href="([^"]*)"/).prefix(8).map { String($0.output.1) }
        #expect(
            hrefs == [
                "../", "../evalueren/", "../evalueren/", "../../domeinen/wmo/", "../../domeinen/", "../../zoeken/",
                "../print/", "../",
            ])
        #expect(brokenReferences(in: root + "/site") == [])
    }

    @Test func aMisspelledGeneratedPageGetsADidYouMean() throws {
        let (root, result) = try build("[fase](../gids/evaluren/)")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(result.diagnostics.map(\.code) == ["link.missing-file"])
        #expect(result.diagnostics.first?.hint == "did you mean 'evalueren/'?")
    }

    @Test func mailtoWithoutAnAddressIsValidAndABareMailtoIsAWarningAtBothLevels() throws {
        let (root, result) = try build("[vraag](mailto:?subject=Vraag%20over%20zorg) [leeg](mailto:)")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(result.succeeded)
        #expect(
            result.diagnostics.map { "\($0.severity.rawValue) \($0.code) \($0.location.column ?? 0)" } == [
                "warning link.bad-mailto 53"
            ])
        let site = brokenReferences(in: root + "/site")
        // The page and the print edition, each a warning; the subject-only link passes.
        #expect(site.count == 2 && site.allSatisfy { $0.contains("warning: 'mailto:' without an address") }, "\(site)")
    }

    @Test func aDuplicateIDIsAnErrorAtItsPosition() throws {
        let (root, result) = try build(
            "## Een {#zelfde}\n\nTekst.\n{: #zelfde }\n\n<p id=\"rauw\">a</p>\n\n<p id=\"rauw\">b</p>\n",
            site: "raw_html: true\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let found = result.diagnostics.sortedForOutput().map {
            "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.code)"
        }
        #expect(found == ["9:1 markdown.duplicate-id", "13:1 markdown.duplicate-id"])
        #expect(!result.wrote)
    }
}
