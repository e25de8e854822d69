import Foundation
import GidsBuild
import Testing

/// The filters of a guide's listing pages (`filters:` in `guide.yml`), on the fixture
/// `Fixtures/filters` (two taxonomies and a page-type key, `group_by: soort`): every card
/// carries exactly its front matter's values, every offered value counts exactly the pages
/// that have it, and a value page leaves out its own taxonomy. The script's behaviour is
/// checked in Chromium (`Tests/Browser/guides.py`).
@Suite struct FilterTests {
    static let content = Repo.fixtures + "/filters/content"
    static let taxonomies = ["rol", "thema", "soort"]
    static let site: String = {
        let site = temporaryDirectory() + "/site"
        let result = runBuild(
            BuildOptions(contentDirectory: content, templatesDirectory: Repo.templates, outputDirectory: site))
        precondition(result.succeeded, "\(result.diagnostics)")
        return site
    }()

    /// Page URL → `taxonomy:value` tokens, read from the Markdown files' front matter lines
    /// (`rol: [inwoner, ambtenaar]`, `soort: maatregel`).
    static let pages: [String: Set<String>] = {
        var pages: [String: Set<String>] = [:]
        let folder = content + "/maatregelen"
        for file in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where file.hasSuffix(".md") {
            let text = (try? String(contentsOfFile: folder + "/" + file, encoding: .utf8)) ?? ""
            var tokens = Set<String>()
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, taxonomies.contains(parts[0]) else { continue }
                for value in parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",") {
                    tokens.insert(parts[0] + ":" + value.trimmingCharacters(in: .whitespaces))
                }
            }
            pages["maatregelen/" + file.dropLast(3) + "/"] = tokens
        }
        return pages
    }()

    func html(_ path: String) throws -> String { try String(contentsOfFile: Self.site + "/" + path, encoding: .utf8) }

    /// `data-item` → `data-values` of every card on a page.
    func cards(_ html: String) -> [String: Set<String>] {
        var cards: [String: Set<String>] = [:]
        let pattern = try! NSRegularExpression(pattern: "data-item=\"([^\"]*)\" data-values=\"([^\"]*)\"")
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let item = String(html[Range(match.range(at: 1), in: html)!])
            let values = html[Range(match.range(at: 2), in: html)!].split(separator: " ").map(String.init)
            cards[item] = Set(values)
        }
        return cards
    }

    @Test func everyCardCarriesItsFrontMatterValues() throws {
        #expect(Self.pages.count == 12)
        let home = cards(try html("maatregelen/index.html"))
        #expect(home == Self.pages)
    }

    @Test func everyOfferedValueCountsThePagesThatHaveIt() throws {
        let page = try html("maatregelen/index.html")
        for taxonomy in Self.taxonomies {
            for value in Set(Self.pages.values.flatMap { $0 }.filter { $0.hasPrefix(taxonomy + ":") }) {
                let count = Self.pages.values.filter { $0.contains(value) }.count
                #expect(page.contains("data-count=\"\(value)\">(\(count))</span>"), "\(value)")
            }
        }
        // The groups of the page-type key, with the pages without a value last.
        #expect(page.contains("data-group-count=\"_g-verplichting\" data-count-label>(7 pagina’s)"))
        #expect(page.contains("data-group-count=\"_g-overige\" data-count-label>(1 pagina)"))
    }

    @Test func aValuePageFiltersOnTheOtherTaxonomiesOnly() throws {
        let page = try html("maatregelen/rol/inwoner/index.html")
        #expect(!page.contains("name=\"rol\""))
        #expect(page.contains("name=\"thema\"") && page.contains("name=\"soort\""))
        let expected = Self.pages.filter { $0.value.contains("rol:inwoner") }
        #expect(cards(page) == expected)
        for (_, tokens) in expected {
            for token in tokens where token.hasPrefix("thema:") {
                let count = expected.values.filter { $0.contains(token) }.count
                #expect(page.contains("data-count=\"\(token)\">(\(count))</span>"), "\(token)")
            }
        }
    }

    @Test func aGuideWithoutFiltersHasNoFilterForm() throws {
        let site = temporaryDirectory() + "/site"
        let result = runBuild(
            BuildOptions(
                contentDirectory: Repo.fixtures + "/base/content", templatesDirectory: Repo.templates,
                outputDirectory: site))
        #expect(result.succeeded)
        let home = try String(contentsOfFile: site + "/gids/index.html", encoding: .utf8)
        #expect(!home.contains("data-filters") && !home.contains("data-values"))
    }

    /// A copy of the fixture whose `guide.yml` is `edit`ed; returns the content folder.
    func fixture(editingGuide edit: (String) -> String) throws -> String {
        let content = temporaryDirectory() + "/content"
        try FileManager.default.createDirectory(atPath: content, withIntermediateDirectories: true)
        try overlay(Self.content, onto: content)
        let guide = content + "/maatregelen/guide.yml"
        try edit(try String(contentsOfFile: guide, encoding: .utf8)).write(
            toFile: guide, atomically: true, encoding: .utf8)
        return content
    }

    /// A filter no page can use is left out, and the editor hears why, at the item.
    @Test func aFilterNoPageUsesIsAWarningAtItsItem() throws {
        let content = try fixture { text in
            text.replacingOccurrences(of: "filters: [rol, thema, soort]", with: "filters: [rol, thema, soort, regio]")
                .replacingOccurrences(
                    of: "taxonomies:\n",
                    with: "taxonomies:\n  - id: regio\n    title: Regio\n    values: [{id: noord, title: Noord}]\n")
        }
        let site = temporaryDirectory() + "/site"
        let result = runBuild(
            BuildOptions(contentDirectory: content, templatesDirectory: Repo.templates, outputDirectory: site))
        #expect(result.succeeded)
        let findings = result.diagnostics.filter { $0.code == "guide.filters" }
        #expect(findings.count == 1)
        #expect(findings.first?.message == "no page of this guide has a value for 'regio'; its filter is left out")
        #expect(findings.first?.location.line == 4 && findings.first?.location.column == 30)
        let home = try String(contentsOfFile: site + "/maatregelen/index.html", encoding: .utf8)
        #expect(!home.contains("name=\"regio\"") && home.contains("name=\"rol\""))
    }

    /// A character reference in front matter is text, not HTML: the editor hears it.
    @Test func aCharacterReferenceInATitleIsAWarning() throws {
        let (root, result) = try buildBase(
            page: "---\ntitle: Schuld&shy;hulp\nsummary: Over geld &amp; schulden.\nphase: voorbereiden\n---\nTekst.\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let findings = result.diagnostics.filter { $0.code == "frontmatter.entity" }
        #expect(
            findings.map(\.message) == [
                "'title' holds '&shy;', which the site shows as written: front matter is text, not HTML",
                "'summary' holds '&amp;', which the site shows as written: front matter is text, not HTML",
            ])
        #expect(findings.first?.hint?.contains("U+00AD") == true)
        #expect(findings.first?.location.line == 2)
    }

    /// A taxonomy rejected for its own error (here a key of gids itself) is reported once: what
    /// names it (`phase_axis`, `filters`, `group_by`) and the pages' phases add nothing.
    @Test func aRejectedTaxonomyIsReportedOnce() throws {
        let content = try fixture { text in
            text.replacingOccurrences(of: "group_by: soort", with: "group_by: fase\nphase_axis: fase")
                .replacingOccurrences(of: "filters: [rol, thema, soort]", with: "filters: [rol, fase]")
                .replacingOccurrences(
                    of: "taxonomies:\n",
                    with:
                        "taxonomies:\n  - id: fase\n    title: Fase\n    key: phase\n    values: [{id: een, title: Een}]\n"
                )
        }
        try "---\ntitle: Met fase\nsummary: Een pagina met een fase.\nphase: [een]\n---\nTekst.\n".write(
            toFile: content + "/maatregelen/met-fase.md", atomically: true, encoding: .utf8)
        let result = runBuild(
            BuildOptions(
                contentDirectory: content, templatesDirectory: Repo.templates,
                outputDirectory: temporaryDirectory() + "/site"))
        #expect(result.diagnostics.map(\.code) == ["guide.reserved-key"], "\(result.diagnostics.map(\.formatted))")
    }

    @Test func anUnknownFilterIsAnErrorWithAHint() throws {
        let content = try fixture {
            $0.replacingOccurrences(of: "filters: [rol, thema, soort]", with: "filters: [rol, themas]")
        }
        let result = runBuild(
            BuildOptions(
                contentDirectory: content, templatesDirectory: Repo.templates,
                outputDirectory: temporaryDirectory() + "/site"))
        #expect(!result.succeeded)
        let finding = result.diagnostics.first { $0.code == "guide.filters" }
        #expect(finding?.message == "unknown taxonomy 'themas' in 'filters'")
        #expect(finding?.hint == "did you mean 'thema'?")
        #expect(finding?.location.line == 4)
    }
}
