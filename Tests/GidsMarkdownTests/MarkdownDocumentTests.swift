import GidsCore
import Testing

@testable import GidsMarkdown

@Suite struct MarkdownDocumentTests {
    @Test func headingIDsFollowTheSlugRuleAndStayUnique() {
        let doc = MarkdownDocument(
            markdown: "## Financiële tekorten\n\n# Overzicht\n\n# Overzicht 1\n\n# Overzicht\n", lineOffset: 0)
        #expect(doc.headings.map(\.id) == ["financiele-tekorten", "overzicht", "overzicht-1", "overzicht-2"])
        let html = doc.render(rawHTML: .omit) { _ in nil }
        #expect(html.contains("<h2 id=\"financiele-tekorten\">"))
        #expect(html.contains("<h2 id=\"overzicht-2\">"))
        #expect(!html.contains("<h1"))
        #expect(doc.levelOneHeadingLines == [3, 5, 7])
    }

    @Test func linkPositionsIncludeTheFrontMatterOffset() {
        let markdown = "Intro.\n\nZie [sport](../regenbooggids/sport.md#aanpak) en ![kaart](img/kaart.png).\n"
        let doc = MarkdownDocument(markdown: markdown, lineOffset: 5)
        #expect(doc.links.count == 2)
        #expect(doc.links[0].destination == "../regenbooggids/sport.md#aanpak")
        #expect(doc.links[0].line == 8)
        #expect(doc.links[0].column == 13)
        #expect(doc.links[1].kind == .image)
        #expect(doc.links[1].column == 59)
    }

    @Test func linksInCodeAreNotLinks() {
        let markdown = """
            Tekst met `[a](weg.md)` in code.

            ```
            [b](ook-weg.md)
            ```

                [c](ingesprongen.md)

            [echt](echt.md)
            """
        let doc = MarkdownDocument(markdown: markdown, lineOffset: 0)
        #expect(doc.links.map(\.destination) == ["echt.md"])
    }

    @Test func positionSkipsTheSameTextInACodeSpan() {
        let doc = MarkdownDocument(markdown: "Zie `[x](niet.md)` en [y](niet.md).\n", lineOffset: 0)
        #expect(doc.links.map(\.destination) == ["niet.md"])
        #expect(doc.links[0].column == 27)
    }

    @Test func linkSyntaxThatIsNotALinkIsFound() {
        let doc = MarkdownDocument(
            markdown: "Zie [Huizen](Regenboog gids/huizen.md) en `[x](y z)`.\n\n[goed](goed.md)\n", lineOffset: 1)
        #expect(doc.links.map(\.destination) == ["goed.md"])
        #expect(doc.unparsedLinks.map(\.line) == [2])
        #expect(doc.unparsedLinks.map(\.column) == [12])
    }

    /// Regression: in a paragraph of several lines, the `](` of a valid link earlier in the
    /// paragraph was reported instead of the broken one.
    @Test func anUnparsedLinkIsFoundPastValidLinksOfItsParagraph() {
        let doc = MarkdownDocument(
            markdown: "Eerste regel met [ok](een.md) link\ntweede regel [de steun](Financiële steun.md) nu.\n",
            lineOffset: 5)
        #expect(doc.links.map(\.destination) == ["een.md"])
        #expect(doc.unparsedLinks.map(\.line) == [7])
        #expect(doc.unparsedLinks.map(\.column) == [23])
    }

    @Test func htmlCommentsAreNotRawHTMLWarnings() {
        let doc = MarkdownDocument(markdown: "<!-- notitie -->\n\nTekst <!-- ook -->.\n", lineOffset: 0)
        #expect(doc.rawHTML.isEmpty)
    }

    @Test func emptyDestinationPointsInsideTheParentheses() {
        let doc = MarkdownDocument(markdown: "Zie [sport]() hier.\n", lineOffset: 0)
        #expect(doc.links.first?.destination == "")
        #expect(doc.links.first?.column == 13)
    }

    @Test func twoLinksToOneTargetOnALineGetTheirOwnColumns() {
        let doc = MarkdownDocument(markdown: "[a](x.md) en [b](x.md)\n", lineOffset: 0)
        #expect(doc.links.map(\.column) == [5, 18])
    }

    // From a user trial: plain text that reads like a link's destination took its position.
    @Test func textThatReadsLikeTheDestinationIsPassedOver() {
        let doc = MarkdownDocument(
            markdown: """
                Het bestand weg.md staat hier
                en de link [x](weg.md) daar.

                | bestand | link |
                | --- | --- |
                | weg.md | [x](weg.md) |

                - weg.md is genoemd, [x](weg.md)

                Zie (weg.md) en [x](weg.md), of [y] (weg.md) en [y](weg.md).
                """, lineOffset: 0)
        #expect(doc.links.map(\.line) == [2, 6, 8, 10, 10])
        #expect(doc.links.map(\.column) == [16, 16, 26, 21, 53])
    }

    @Test func destinationsInTheirOwnSyntaxAreFound() {
        let doc = MarkdownDocument(
            markdown: "[a](\n  weg.md)\n\n<https://example.org/>\n\n[r][ref]\n\n[ref]: weg.md\n\n[b](<weg.md>)\n",
            lineOffset: 0)
        #expect(doc.links.map(\.line) == [2, 4, 8, 10])
        #expect(doc.links.map(\.column) == [3, 2, 8, 6])
    }

    @Test func anImageInsideALinkIsFoundInItsOwnBlock() {
        let doc = MarkdownDocument(
            markdown: "[![](foto.png)](andere.md)\n\nZie ![foto](foto.png) hier.\n", lineOffset: 0)
        #expect(doc.links.map(\.destination) == ["andere.md", "foto.png", "foto.png"])
        #expect(doc.links.map(\.line) == [1, 1, 3])
        #expect(doc.links.map(\.column) == [17, 6, 13])
    }

    @Test func anEscapedBracketIsTextOnPurposeNotAFailedLink() {
        let doc = MarkdownDocument(
            markdown: "Schrijf \\[tekst](andere.md) zo.\n\nOf [tekst\\](andere.md) zo.\n\nZie [x](mijn pagina.md).\n",
            lineOffset: 0)
        #expect(doc.unparsedLinks.map(\.line) == [5])
    }

    @Test func rewriteChangesOnlyTheGivenLinks() {
        let doc = MarkdownDocument(markdown: "[a](a.md) [b](https://example.org/)\n", lineOffset: 0)
        let html = doc.render(rawHTML: .omit) { $0.destination == "a.md" ? "../a/" : nil }
        #expect(html.contains("<a href=\"../a/\">a</a>"))
        #expect(html.contains("<a href=\"https://example.org/\">b</a>"))
    }

    @Test func rawHTMLIsOmittedUnlessUnsafe() {
        let doc = MarkdownDocument(markdown: "<p id=\"contact\">x</p>\n\nTekst <b>vet</b>.\n", lineOffset: 2)
        #expect(doc.rawHTML.map(\.line) == [3, 5])
        #expect(doc.rawHTML.map(\.column) == [1, 7])
        #expect(!doc.render(rawHTML: .omit) { _ in nil }.contains("<b>"))
        let unsafeDoc = MarkdownDocument(markdown: "Tekst <b>vet</b>.\n", lineOffset: 0)
        #expect(unsafeDoc.render(rawHTML: .trust) { _ in nil }.contains("<b>vet</b>"))
    }
}

/// Headings whose three ids (gids, GitHub, kramdown) are made once must be exactly those whose
/// three rules agree.
@Suite struct PlainHeadingTests {
    @Test(arguments: [
        ("Slimme combinaties", true), ("Fase 2 en 3", true), ("Wmo 2015", true), ("a", true),
        ("2 keer", false), ("Twee  spaties", false), (" Voor", false), ("Achter ", false), ("Wmo (2015)", false),
        ("Café", false), ("snake_case", false), ("half-om-half", false), ("", false),
    ])
    func plainWordsGetOneID(title: String, plain: Bool) {
        #expect(ForeignHeadingID.isPlainWords(title) == plain)
        if plain {
            #expect(ForeignHeadingID.github(title) == Slug.make(title))
            #expect(ForeignHeadingID.kramdown(title) == Slug.make(title))
        }
    }
}

/// The library reads Swift strings, valid UTF-8 by construction, without checking them again;
/// a NUL still becomes U+FFFD (CommonMark 0.29, §2.3 "Insecure characters").
@Suite struct LibraryInputTests {
    @Test func aNulCharacterIsReplaced() {
        let html = MarkdownDocument(markdown: "Zorg\u{0}taken en één ✓\n", lineOffset: 0).render(rawHTML: .omit) { _ in
            nil
        }
        #expect(html == "<p>Zorg\u{FFFD}taken en één ✓</p>\n")
    }
}
