import GidsLoad
import Testing

@testable import GidsFrontMatter

private let siteYAML = """
    title: Test
    language: nl
    domains:
      - id: wmo
        title: Wmo 2015
    """

private let guideYAML = """
    title: Gids
    summary: Een gids.
    phases:
      - id: voorbereiden
        title: Voorbereiden
        summary: Eerst.
    """

private func tree(pages: [String: String], guide: String = guideYAML) -> SourceTree {
    func file(_ path: String, _ text: String) -> SourceFile {
        SourceFile(path: path, displayPath: "content/" + path, text: text)
    }
    return SourceTree(
        rootDisplayPath: "content", siteFile: file("site.yml", siteYAML), guideFiles: [file("gids/guide.yml", guide)],
        markdownFiles: pages.sorted { $0.key < $1.key }.map { file($0.key, $0.value) }, assets: [])
}

@Suite struct FrontMatterTests {
    @Test func splitsFrontMatterAndCountsBodyLines() {
        let split = splitFrontMatter("---\ntitle: A\nsummary: B\n---\n\nTekst\n")
        #expect(split.yaml == "title: A\nsummary: B")
        #expect(split.body == "\nTekst\n")
        #expect(split.bodyLineOffset == 4)
        #expect(!split.unclosed)
        #expect(splitFrontMatter("---\ntitle: A\n").unclosed)
        #expect(splitFrontMatter("Geen front matter").yaml == nil)
    }

    @Test func yaml12KeepsNoAndYesAsText() {
        let (model, diagnostics) = decodeContent(
            tree(pages: ["gids/a.md": "---\ntitle: no\nsummary: yes\nphase: voorbereiden\n---\nTekst\n"]))
        #expect(!diagnostics.hasErrors)
        #expect(model.pages.first?.metadata.title == "no")
        #expect(model.pages.first?.metadata.summary == "yes")
    }

    @Test func datesAreCalendarDatesWithoutTimeZone() {
        let (model, _) = decodeContent(
            tree(pages: ["gids/a.md": "---\ntitle: A\nsummary: B\nphase: voorbereiden\nupdated: 2018-09-01\n---\n"]))
        #expect(model.pages.first?.metadata.updated?.iso == "2018-09-01")
    }

    @Test func unknownKeyWarnsWithDidYouMean() {
        let (_, diagnostics) = decodeContent(
            tree(pages: ["gids/a.md": "---\ntitle: A\nsumary: B\nsummary: C\nphase: voorbereiden\n---\n"]))
        let warning = diagnostics.first { $0.code == "frontmatter.unknown-key" }
        #expect(warning?.formatted.hasPrefix("content/gids/a.md:3:1: warning: unknown key 'sumary'") == true)
        #expect(warning?.hint == "did you mean 'summary'?")
    }

    @Test func wrongTypesAreErrorsAtTheValue() {
        let (model, diagnostics) = decodeContent(
            tree(pages: ["gids/a.md": "---\ntitle: A\nsummary: B\nphase: voorbereiden\norder: eerste\n---\n"]))
        #expect(model.pages.first?.metadata.order == nil)  // the bad value is dropped, the page kept
        #expect(diagnostics.map(\.location.description) == ["content/gids/a.md:5:8"])
        #expect(diagnostics.hasErrors)
    }

    @Test func missingTitleIsAnError() {
        let (_, diagnostics) = decodeContent(tree(pages: ["gids/a.md": "---\nsummary: B\nphase: voorbereiden\n---\n"]))
        #expect(diagnostics.contains { $0.message == "missing required key 'title'" && $0.severity == .error })
    }

    @Test func aliasesAreRefusedBeforeParsing() {
        let yaml = "---\ntitle: &a A\nsummary: *a\nphase: voorbereiden\n---\n"
        let (_, diagnostics) = decodeContent(tree(pages: ["gids/a.md": yaml]))
        #expect(diagnostics.first?.code == "yaml.alias")
        #expect(diagnostics.first?.location.line == 2)
    }

    /// YAML 1.2: `&` and `*` start an anchor or alias only at the start of a node; inside a
    /// plain scalar they are text (an import found ` && ` in titles refused as aliases). A `#`
    /// is text too, unless a space comes before it: then a comment starts (§6.6).
    @Test(arguments: [
        ("Zorg && welzijn", "Zorg && welzijn"), ("5 * 3 = 15", "5 * 3 = 15"), ("C* en C#", "C* en C#"),
        ("C#-cursus", "C#-cursus"), ("Kosten # een opmerking", "Kosten"), ("\"Let op: zo\"", "Let op: zo"),
        ("a&b", "a&b"),
        ("'&a is geen anker'", "&a is geen anker"),
    ])
    func ampersandsAndAsterisksInsideTextAreText(written: String, read: String) throws {
        let yaml = "---\ntitle: \(written)\nsummary: B\nphase: voorbereiden\n---\n"
        let (model, diagnostics) = decodeContent(tree(pages: ["gids/a.md": yaml]))
        #expect(diagnostics.isEmpty)
        #expect(model.pages.first?.metadata.title == read)
    }

    @Test func anAnchorInAListOrAfterATagIsFoundWhereItStands() {
        let yaml = "---\ntitle: A\nsummary: B\nphase: voorbereiden\ntags:\n  - x && y\n  - &t z\n---\n"
        let (_, diagnostics) = decodeContent(tree(pages: ["gids/a.md": yaml]))
        #expect(diagnostics.map(\.code) == ["yaml.alias"])
        #expect(diagnostics.first.map { [$0.location.line, $0.location.column] } == [7, 5])
    }

    @Test func duplicateKeysAreErrorsAtTheRepeatedKey() {
        let (_, diagnostics) = decodeContent(
            tree(pages: ["gids/a.md": "---\ntitle: A\nsummary: C\ntitle: B\nphase: voorbereiden\n---\n"]))
        #expect(diagnostics.map(\.code) == ["yaml.duplicate-key"])
        #expect(diagnostics.first?.location.line == 4)
    }

    @Test func emptyRequiredValueIsReportedAtItsKey() {
        let (_, diagnostics) = decodeContent(
            tree(pages: ["gids/a.md": "---\ntitle: A\nsummary:\nphase: voorbereiden\n---\n"]))
        #expect(
            diagnostics.map(\.formatted) == [
                "content/gids/a.md:3:1: error: 'summary' is empty [frontmatter.empty]\n"
                    + "  hint: write the value after 'summary:' on the same line"
            ])
    }

    /// An empty phase, or an empty list of phases, is no phase: reported at the key (a user
    /// trial found `phase: []` accepted in a phased guide).
    @Test func anEmptyPhaseListIsMissingAtItsKey() {
        for value in ["[]", ""] {
            let (_, diagnostics) = decodeContent(
                tree(pages: ["gids/a.md": "---\ntitle: A\nsummary: B\nphase: \(value)\n---\n"]))
            let problem = diagnostics.first { $0.code == "frontmatter.missing-key" }
            #expect(problem?.location.line == 4, "phase: \(value)")
            #expect(problem?.message == "'phase' has no value", "phase: \(value)")
        }
    }

    @Test func commaSeparatedPhasesGetAListHint() {
        let (_, diagnostics) = decodeContent(
            tree(
                pages: ["gids/a.md": "---\ntitle: A\nsummary: B\nphase: voorbereiden, uitvoeren\n---\n"],
                guide: guideYAML + "\n  - {id: uitvoeren, title: Uitvoeren, summary: Dan.}\n"))
        #expect(diagnostics.first?.hint == "write a list: phase: [voorbereiden, uitvoeren]")
    }

    /// A guide file with an error still has its pages checked in the same run.
    @Test func anErrorInTheGuideFileDoesNotHideThePagesErrors() {
        let (_, diagnostics) = decodeContent(
            tree(
                pages: ["gids/a.md": "---\ntitle: A\nsummary: B\nphase: evalueeren\n---\n"],
                guide: "title: G\nsummary:\nphases:\n  - {id: evalueren, title: E, summary: S}\n"))
        #expect(diagnostics.contains { $0.code == "frontmatter.empty" })
        #expect(diagnostics.contains { $0.code == "page.unknown-phase" })
    }

    @Test func tabIndentationGetsAHint() {
        let (_, diagnostics) = decodeContent(
            tree(pages: ["gids/a.md": "---\ntitle: A\nsummary: B\nphase: voorbereiden\ndomains:\n\t- wmo\n---\n"]))
        #expect(diagnostics.first?.code == "yaml.syntax")
        #expect(diagnostics.first?.location.line == 6)
        #expect(diagnostics.first?.hint == "indent YAML with spaces, not tabs")
    }

    /// libyaml reports an unclosed `[` at the next line; a trial found that confusing.
    @Test func anUnclosedFlowListIsReportedAtItsBracket() {
        let (_, diagnostics) = decodeContent(
            tree(pages: ["gids/a.md": "---\ntitle: A\nsummary: B\ndomains: [wmo, zorg\nphase: voorbereiden\n---\n"]))
        #expect(diagnostics.map(\.code) == ["yaml.syntax"])
        #expect(diagnostics.first.map { [$0.location.line, $0.location.column] } == [4, 10])
        #expect(diagnostics.first?.message == "invalid YAML: the list opened here is not closed")
    }

    @Test func noBreakSpacesFromWordAreSpaces() {
        let (model, diagnostics) = decodeContent(
            tree(pages: ["gids/a.md": "---\ntitle:\u{00A0}A\nsummary: B\nphase:\u{00A0}voorbereiden\n---\n"]))
        #expect(diagnostics.isEmpty)
        #expect(model.pages.first?.metadata.phases.first?.value == "voorbereiden")
    }

    @Test func curlyQuotesGetAHint() {
        let (_, diagnostics) = decodeContent(
            tree(pages: ["gids/a.md": "---\ntitle: “Tekst”: meer\nsummary: B\nphase: voorbereiden\n---\n"]))
        #expect(diagnostics.first?.hint?.contains("straight quotes") == true)
    }

    @Test func anIDWithCapitalsIsOneErrorAndPagesStillFindIt() {
        let guide = guideYAML.replacingOccurrences(of: "id: voorbereiden", with: "id: Voorbereiden")
        let (model, diagnostics) = decodeContent(
            tree(pages: ["gids/a.md": "---\ntitle: A\nsummary: B\nphase: voorbereiden\n---\n"], guide: guide))
        #expect(diagnostics.map(\.code) == ["frontmatter.bad-id"])
        #expect(model.guides.first?.phases.map(\.id) == ["voorbereiden"])
    }

    @Test func repeatedListItemsWarn() {
        let (model, diagnostics) = decodeContent(
            tree(pages: ["gids/a.md": "---\ntitle: A\nsummary: B\nphase: voorbereiden\ndomains: [wmo, wmo]\n---\n"]))
        #expect(model.pages.first?.metadata.domains.map(\.value) == ["wmo"])
        #expect(diagnostics.map(\.code) == ["frontmatter.duplicate-item"])
    }

    @Test func unclosedFrontMatterIsAnError() {
        let (_, diagnostics) = decodeContent(tree(pages: ["gids/a.md": "---\ntitle: A\n"]))
        #expect(diagnostics.map(\.code) == ["frontmatter.unclosed"])
    }

    @Test func guideWithoutPhasesOrFacetsIsAnError() {
        let (_, diagnostics) = decodeContent(tree(pages: [:], guide: "title: G\nsummary: S\n"))
        #expect(diagnostics.contains { $0.code == "guide.no-structure" && $0.severity == .error })
    }

    /// The delimiter lines, as the byte-level split reads them.
    @Test(arguments: [
        ("---\nfoo: 1\n---", "foo: 1", "", 3),
        ("---\n---\nTekst", "", "Tekst", 2),
        ("---\na: 1\nb: 2\n...\nTekst\nmeer", "a: 1\nb: 2", "Tekst\nmeer", 4),
        ("---\na: 1\n  ---  \nTekst", "a: 1", "Tekst", 3),
        ("---\na: 1\n\u{00A0}---\nTekst", "a: 1", "Tekst", 3),
        ("---\na: ---\n---\n", "a: ---", "", 3),
    ])
    func frontMatterDelimiters(text: String, yaml: String, body: String, offset: Int) {
        let split = splitFrontMatter(text)
        #expect(split.yaml == yaml && split.body == body && split.bodyLineOffset == offset && !split.unclosed)
    }

    @Test func unclosedFrontMatter() {
        for text in ["---", "---\n", "---\na: 1\n", "---\na: 1\n----\n"] {
            #expect(splitFrontMatter(text).unclosed, "\(text.debugDescription)")
        }
    }
}

/// `strict: false`: a page whose front matter has errors is built with what could be read, and
/// every problem is a warning.
@Suite struct LenientGuideTests {
    let guide = guideYAMLLenient

    @Test func unreadableYAMLIsAWarningAndThePageStays() {
        let yaml = "---\ntitle: [open\n---\n# Kop\n\nTekst.\n"
        let (model, diagnostics) = decodeContent(tree(pages: ["gids/a.md": yaml], guide: guide))
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.map(\.code) == ["yaml.syntax"])
        #expect(model.pages.map(\.file.path) == ["gids/a.md"])
        #expect(model.pages.first?.body.contains("# Kop") == true)
    }

    @Test func aDuplicateKeyAndAnUnknownLevelAreWarnings() {
        let yaml = "---\ntitle: A\ntitle: B\n---\ntekst\n"
        let (model, diagnostics) = decodeContent(
            tree(pages: ["gids/a.md": yaml, "gids/b.md": "---\ntitle: B\nlevel: hoog\n---\n"], guide: guide))
        #expect(diagnostics.map(\.code) == ["yaml.duplicate-key", "page.level"])
        #expect(!diagnostics.hasErrors)
        #expect(model.pages.count == 2)
    }

    @Test func theSameMistakesStopAStrictGuide() {
        let (model, diagnostics) = decodeContent(tree(pages: ["gids/a.md": "---\ntitle: [open\n---\n"]))
        #expect(diagnostics.map(\.severity) == [.error])
        #expect(model.pages.isEmpty)
    }
}

private let guideYAMLLenient = """
    title: Overgenomen
    summary: Een kennisbank.
    strict: false
    front_matter:
      required: []
    taxonomies:
      - id: thema
        title: Thema
        values: [{id: zorg, title: Zorg}]
    """

/// Values are trimmed of white space; a value bounded by visible ASCII skips the scan.
@Suite struct TrimmedValueTests {
    @Test(arguments: [
        ("Wmo 2015", "Wmo 2015"), ("  Wmo 2015 ", "Wmo 2015"), ("\u{00A0}Zorg\u{00A0}", "Zorg"), ("Zorg\n", "Zorg"),
        ("één", "één"), (" ", ""), ("", ""), ("(a) b.", "(a) b."),
    ])
    func trimmed(text: String, expected: String) {
        #expect(trimmedText(text) == expected)
    }
}
