import Foundation
import Testing

@testable import GidsMarkdown

/// One construct at a time: the HTML it becomes, the ids it gets, where its links are, and what
/// the editor is told (issue "Markdown as real knowledge bases write it").
@Suite struct ExtensionTests {
    func html(_ markdown: String, rawHTML: RawHTMLPolicy = .omit, idPrefix: String = "", print: Bool = false) -> String
    {
        MarkdownDocument(markdown: markdown, lineOffset: 0).render(
            rawHTML: rawHTML, rewrite: { _ in nil }, idPrefix: idPrefix, print: print)
    }

    // MARK: GFM

    @Test func tablesHaveColumnHeadersAlignmentClassesAndAScrollingRegion() {
        let out = html("| Regeling | Wet | Wie betaalt |\n|:--|:-:|--:|\n| Respijtzorg | Wmo 2015 | gemeente |\n")
        #expect(
            out.contains(
                #"<div class="table-wrap" role="region" tabindex="0" aria-label="Tabel: Regeling, Wet, Wie betaalt">"#))
        #expect(out.contains(#"<th scope="col" class="align-left">Regeling</th>"#))
        #expect(out.contains(#"<th scope="col" class="align-center">Wet</th>"#))
        #expect(out.contains(#"<td class="align-right">gemeente</td>"#))
        #expect(!out.contains("align=\""))
        #expect(!out.contains("style="))
        #expect(out.contains("<thead>") && out.contains("<tbody>"))
    }

    @Test func aPageWithATableWiderThanTheGuardIsReadWithoutTables() {
        let wide =
            "|" + Array(repeating: " a |", count: 200).joined() + "\n|" + Array(repeating: "---|", count: 200).joined()
        let doc = MarkdownDocument(markdown: "| x | y |\n|---|---|\n\n" + wide + "\n", lineOffset: 1)
        #expect(doc.notices.map(\.code) == ["markdown.table-too-wide"])
        #expect(doc.notices.first?.line == 5)
        #expect(!doc.render(rawHTML: .omit) { _ in nil }.contains("<table>"))
    }

    @Test func aTableWithOnlyAHeaderHasNoBody() {
        let out = html("| A | B |\n|---|---|\n")
        #expect(out.contains("<thead>") && !out.contains("<tbody>"))
    }

    @Test func footnotesGetDutchLabelsAndIdsThatCannotMeetAHeading() {
        let doc = MarkdownDocument(
            markdown: "## Fn 1\n\nTekst[^a] en weer[^a] en[^b].\n\n[^a]: Eerste.\n[^b]: Tweede.\n", lineOffset: 0)
        let out = doc.render(rawHTML: .omit) { _ in nil }
        #expect(doc.headings.map(\.id) == ["fn-1"])
        #expect(out.contains(##"<a href="#fn:1" id="fnref:1" aria-label="Voetnoot 1">1</a>"##))
        #expect(out.contains(#"id="fnref:1:2""#))
        #expect(out.contains(##"<a href="#fn:2" id="fnref:2" aria-label="Voetnoot 2">2</a>"##))
        #expect(out.contains(#"<li id="fn:1">"#))
        #expect(out.contains(#"aria-label="Terug naar de tekst bij voetnoot 1 (verwijzing 2)""#))
        #expect(out.contains(">Voetnoten</h2>"))
        #expect(
            Set(doc.anchors.map(\.id)).isSuperset(of: ["fn:1", "fn:2", "fnref:1", "fnref:1:2", "fnref:2", "fn:kop"]))
        // In print every id has the page's prefix, the heading two levels down.
        let print = doc.render(rawHTML: .omit, rewrite: { _ in nil }, headingOffset: 2, idPrefix: "p-x--")
        #expect(print.contains(##"href="#p-x--fn:1" id="p-x--fnref:1""##))
        #expect(print.contains(#"<h4 class="footnotes-title" id="p-x--fn:kop">"#))
        #expect(!print.contains(##"id="fn"##))
    }

    @Test func aFootnoteMarkerWithoutDefinitionIsReported() {
        let doc = MarkdownDocument(markdown: "Zie[^9] hier.\n", lineOffset: 2)
        #expect(doc.notices.map(\.code) == ["markdown.footnote-missing"])
        #expect(doc.notices.map { [$0.line, $0.column] } == [[3, 4]])
    }

    @Test func strikethroughAndTaskListsWithLabelledDisabledCheckboxes() {
        let out = html("~~weg~~\n\n- [ ] nog doen\n- [x] gedaan\n")
        #expect(out.contains("<del>weg</del>"))
        #expect(out.contains(#"<li class="task">"#))
        #expect(out.contains(#"<label><input type="checkbox" disabled> nog doen</label>"#))
        #expect(out.contains(#"<label><input type="checkbox" disabled checked> gedaan</label>"#))
    }

    @Test func autolinksAreLinksAtTheirPosition() {
        let doc = MarkdownDocument(markdown: "Mail <info@gemeente.nl> of <https://www.movisie.nl>.\n", lineOffset: 0)
        #expect(doc.links.map(\.destination) == ["mailto:info@gemeente.nl", "https://www.movisie.nl"])
        #expect(doc.links.map(\.column) == [7, 29])
    }

    @Test func aBareWebAddressGetsAHint() {
        let doc = MarkdownDocument(markdown: "Kijk op www.movisie.nl voor meer.\n", lineOffset: 0)
        #expect(doc.notices.map(\.code) == ["markdown.bare-url"])
        #expect(doc.notices.first?.hint == "write <https://www.movisie.nl> or [a description](https://www.movisie.nl)")
        #expect(doc.notices.first?.column == 9)
        #expect(!html("Kijk op www.movisie.nl.\n").contains("<a "))
    }

    // MARK: Callouts

    @Test(arguments: [
        ("NOTE", "note", "Opmerking"), ("tip", "tip", "Tip"), ("Important", "important", "Belangrijk"),
        ("WARNING", "warning", "Waarschuwing"), ("caution", "caution", "Let op"),
    ])
    func gitHubAlertsInAnyCaseGetDutchTitles(marker: String, kind: String, title: String) {
        let out = html("> [!\(marker)]\n> Tekst.\n")
        #expect(out.contains(#"<aside class="callout callout-\#(kind)" aria-labelledby="callout:1">"#))
        #expect(out.contains(#"<p class="callout-title" id="callout:1">"# + "\n\(title)\n</p>"))
        #expect(out.contains("<p>Tekst.</p>"))
        #expect(!out.contains("blockquote"))
    }

    @Test func hugosTitleAndFoldingMarks() {
        let open = html("> [!TIP]+ Zo *pak* je het aan\n> Tekst.\n")
        #expect(open.contains(#"<details class="callout callout-tip" open>"#))
        #expect(open.contains("Zo <em>pak</em> je het aan\n</summary>"))
        let closed = html("> [!NOTE]- Meer weten\n> Tekst.\n")
        #expect(closed.contains(#"<details class="callout callout-note">"#))
        // On paper nothing stays folded.
        #expect(
            html("> [!NOTE]- Meer weten\n> Tekst.\n", print: true).contains(
                #"<details class="callout callout-note" open>"#))
    }

    @Test func mkDocsAdmonitionsWithTheirBodyAsMarkdown() {
        let markdown = """
            !!! tip "Een tip"
                Lees [de aanpak](aanpak.md).

                - punt

            ??? faq
                Verborgen.

            ???+ warning
                Open.
            """
        let doc = MarkdownDocument(markdown: markdown, lineOffset: 10)
        let out = doc.render(rawHTML: .omit) { _ in nil }
        #expect(out.contains(#"<aside class="callout callout-tip" aria-labelledby="callout:1">"#))
        #expect(out.contains("Een tip\n</p>"))
        #expect(out.contains(#"<a href="aanpak.md">de aanpak</a>"#))
        #expect(out.contains("<li>punt</li>"))
        #expect(out.contains(#"<details class="callout callout-question">"#) && out.contains("Vraag\n</summary>"))
        #expect(out.contains(#"<details class="callout callout-warning" open>"#))
        #expect(!out.contains("!!!") && !out.contains("???") && !out.contains("<pre>"))
        // The link keeps its real place in the file.
        #expect(doc.links.map { [$0.line, $0.column] }.first == [12, 22])
        #expect(doc.notices.isEmpty)
    }

    @Test func nestedAdmonitionsAndAnEmptyTitle() {
        let out = html("!!! note\n    Buiten.\n\n    !!! tip \"\"\n        Binnen.\n")
        #expect(out.contains(#"<aside class="callout callout-tip" aria-label="Tip">"#))
        #expect(out.range(of: "Binnen.")!.lowerBound > out.range(of: "Buiten.")!.lowerBound)
        #expect(out.components(separatedBy: "</aside>").count == 3)
    }

    @Test func anUnknownTypeIsAWarningWithADidYouMean() {
        let doc = MarkdownDocument(markdown: "!!! waring \"Pas op\"\n    Tekst.\n", lineOffset: 4)
        #expect(doc.notices.map(\.code) == ["markdown.callout-type"])
        #expect(doc.notices.first?.hint == "did you mean 'warning'?")
        #expect(doc.notices.map { [$0.line, $0.column] } == [[5, 1]])
        let out = doc.render(rawHTML: .omit) { _ in nil }
        #expect(out.contains("callout-note") && out.contains("Pas op"))
    }

    @Test func markersInCodeStayCode() {
        let out = html("```\n!!! note\n    niet\n=== \"x\"\n```\n\n    !!! note ingesprongen code\n")
        #expect(out.contains("!!! note\n    niet"))
        #expect(!out.contains("callout"))
    }

    // MARK: Tabs, definitions, abbreviations, diagrams, icons, md_in_html

    @Test func contentTabsBecomeSectionsWithHeadingsOneLevelDown() {
        let doc = MarkdownDocument(
            markdown:
                "## Aanpak\n\n=== \"Klein\"\n    Tekst [a](a.md).\n\n    ### Dieper\n\n=== \"Groot\"\n    Meer.\n",
            lineOffset: 0)
        #expect(doc.headings.map(\.id) == ["aanpak", "klein", "dieper", "groot"])
        #expect(doc.headings.map(\.level) == [2, 3, 3, 3])
        let out = doc.render(rawHTML: .omit) { _ in nil }
        #expect(out.components(separatedBy: #"<div class="tabs">"#).count == 2)
        #expect(out.components(separatedBy: #"<section class="tab">"#).count == 3)
        #expect(out.contains("<h3 id=\"klein\">\nKlein\n</h3>"))
        #expect(doc.links.map { [$0.line, $0.column] }.first == [4, 15])
    }

    @Test func definitionListsFromTheTermAndItsColonLines() {
        let out = html("Mantelzorg\n:   Zorg voor een naaste.\n\nRespijtzorg\n:   Even vrij.\n:   Of langer.\n")
        #expect(out.hasPrefix("<dl>"))
        #expect(out.components(separatedBy: "<dl>").count == 2)
        #expect(out.components(separatedBy: "<dt>").count == 3)
        #expect(out.components(separatedBy: "<dd>").count == 4)
        #expect(out.contains("Zorg voor een naaste."))
        #expect(!out.contains(":   "))
    }

    @Test func abbreviationsBecomeAbbrAndTheirLinesDisappear() {
        let doc = MarkdownDocument(
            markdown: "De AVG en AVGX gelden.\n\n*[AVG]: Algemene verordening gegevensbescherming\n", lineOffset: 0)
        let out = doc.render(rawHTML: .omit) { _ in nil }
        #expect(
            out == #"<p>De <abbr title="Algemene verordening gegevensbescherming">AVG</abbr> en AVGX gelden.</p>"#
                + "\n")
        #expect(doc.bodyText.contains("AVG") && !doc.bodyText.contains("*["))
    }

    @Test func aTermOfTwoWordsWinsOverItsFirstWord() {
        let out = html("De Wmo 2015 en de Wmo.\n\n*[Wmo]: Wet\n*[Wmo 2015]: Wet van 2015\n")
        #expect(out.contains(#"<abbr title="Wet van 2015">Wmo 2015</abbr> en de <abbr title="Wet">Wmo</abbr>."#))
    }

    @Test func mermaidStaysCodeWithACaption() {
        let out = html("```mermaid\ngraph TD\n  A --> B\n```\n")
        #expect(out.contains(#"<figure class="diagram">"#))
        #expect(out.contains(#"<code class="language-mermaid">graph TD"#))
        #expect(out.contains("<figcaption>"))
    }

    @Test func iconShortcodesAreLeftOutWithOneWarningAPage() {
        let doc = MarkdownDocument(
            markdown: "- :material-cloud:{ .lg .middle } Cloud\n- :fontawesome-solid-house: Huis om 10:30:00\n",
            lineOffset: 0)
        let out = doc.render(rawHTML: .omit) { _ in nil }
        #expect(!out.contains(":material") && !out.contains("{"))
        #expect(out.contains("10:30:00"))
        #expect(doc.notices.map(\.code) == ["markdown.icon"])
        #expect(doc.notices.first?.message.hasSuffix("(and 1 more icon on this page)") == true)
    }

    @Test func markdownInsideAnHTMLBlockIsMarkdown() {
        let markdown = "<div class=\"kaarten\" markdown>\n**vet** en [link](a.md)\n</div>\n"
        let doc = MarkdownDocument(markdown: markdown, lineOffset: 0)
        let out = doc.render(rawHTML: .sanitize) { _ in nil }
        #expect(out.contains("<div class=\"kaarten\">"))
        #expect(out.contains("<strong>vet</strong>"))
        #expect(out.contains("</div>"))
        #expect(!out.contains("markdown"))
        #expect(doc.links.map { [$0.line, $0.column] } == [[2, 19]])
        // Without raw HTML the wrapper goes, the Markdown stays.
        #expect(html(markdown).contains("<strong>vet</strong>"))
    }

    // MARK: Attribute lists

    @Test func headingIDsFromAttributeListsAndTheirChecks() {
        let doc = MarkdownDocument(
            markdown: "## Kop {#eigen-id}\n\n## Eigen id\n\n### Derde { #derde .groot }\n", lineOffset: 0)
        #expect(doc.headings.map(\.id) == ["eigen-id", "eigen-id-1", "derde"])
        #expect(doc.headings.map(\.text) == ["Kop", "Eigen id", "Derde"])
        #expect(doc.headings.map(\.isExplicit) == [true, false, true])
        #expect(doc.notices.map(\.code) == ["markdown.attribute-dropped"])
        #expect(doc.notices.first?.message == "attribute '.groot' left out")
        let out = doc.render(rawHTML: .omit) { _ in nil }
        #expect(!out.contains("{"))
        #expect(out.contains("<h2 id=\"eigen-id\">\nKop\n</h2>"))
    }

    @Test func idsOnParagraphsLinksAndImages() {
        let doc = MarkdownDocument(
            markdown: "[Naar de regeling](r.md){: #regeling target=\"_blank\" }\n\nEen alinea.\n{: #alinea }\n",
            lineOffset: 0)
        let out = doc.render(rawHTML: .omit) { _ in nil }
        #expect(out.contains(#"<span id="regeling"><a href="r.md">Naar de regeling</a></span>"#))
        #expect(out.contains("<p id=\"alinea\">\nEen alinea.\n</p>"))
        #expect(doc.anchors.filter { $0.origin == .attribute }.map(\.id) == ["regeling", "alinea"])
        #expect(doc.notices.map(\.message) == ["attribute 'target=\"_blank\"' left out"])
        #expect(doc.fragmentTargets(rawHTML: false).contains("alinea"))
    }

    @Test func searchExcludeKeepsABlockOrASectionOutOfTheText() {
        let doc = MarkdownDocument(
            markdown: """
                Zichtbaar.

                Verborgen alinea.
                { data-search-exclude }

                ## Geheim { data-search-exclude }

                Verborgen sectie.

                ### Ook geheim

                Nog steeds verborgen.

                ## Open

                Weer zichtbaar.
                """, lineOffset: 0)
        #expect(doc.bodyText.contains("Zichtbaar.") && doc.bodyText.contains("Weer zichtbaar."))
        #expect(!doc.bodyText.contains("Verborgen"))
        #expect(doc.headings.map(\.isSearchable) == [false, true, true])
        #expect(doc.notices.isEmpty)
        #expect(!html("Tekst.\n{ data-search-exclude }\n").contains("data-search"))
    }

    @Test func aListAttachedToNothingIsLeftOutWithAWarning() {
        let doc = MarkdownDocument(markdown: "Tekst { .rood } meer.\n", lineOffset: 0)
        #expect(doc.notices.map(\.code) == ["markdown.attribute-unattached"])
        #expect(doc.render(rawHTML: .omit) { _ in nil } == "<p>Tekst meer.</p>\n")
        // Braces that are no attribute list are text.
        #expect(html("Een {x} en { }.\n") == "<p>Een {x} en { }.</p>\n")
    }

    // MARK: Ids

    @Test func headingIDsSkipIDsOfRawHTML() {
        let doc = MarkdownDocument(markdown: "<div id=\"aanpak\">x</div>\n\n## Aanpak\n", lineOffset: 0)
        #expect(doc.headings.map(\.id) == ["aanpak-1"])
        #expect(doc.rawHTMLAnchors.map(\.id) == ["aanpak"])
        #expect(doc.rawHTMLAnchors.map { [$0.line, $0.column] } == [[1, 1]])
    }

    @Test func printPrefixesRawHTMLIDsAndTheirReferences() {
        let out = html(
            "<p id=\"a\"><a href=\"#a\">x</a> <label for=\"a\">y</label></p>\n", rawHTML: .trust, idPrefix: "p-x--")
        #expect(out.contains(#"id="p-x--a""#))
        #expect(out.contains(##"href="#p-x--a""##))
        #expect(out.contains(#"for="p-x--a""#))
    }

    // MARK: Found in a user trial

    @Test func syntaxThatIsSlightlyOffIsAnErrorNotText() {
        let codes = { (markdown: String) in MarkdownDocument(markdown: markdown, lineOffset: 0).notices.map(\.code) }
        #expect(codes("| Regeling | Wet | Wie |\n| --- | --- |\n| a | b | c |\n") == ["markdown.not-a-table"])
        #expect(codes("=== Kleine gemeente\n    Tekst.\n") == ["markdown.tab-syntax"])
        #expect(codes("> [!TIP\n> Tekst.\n") == ["markdown.alert-syntax"])
        let table = MarkdownDocument(markdown: "| A | B | C |\n|---|---|\n", lineOffset: 4).notices.first
        #expect(table?.message == "this looks like a table, but the header has 3 cells and the row under it 2")
        #expect(table?.hint == "put a --- under each column: | --- | --- | --- |")
        #expect(table.map { [$0.line, $0.column] } == [6, 1])
        // Proper ones are not reported.
        #expect(codes("| A | B |\n|---|---|\n\n=== \"T\"\n    x\n\n> [!TIP]\n> x\n\nText | met | strepen.\n").isEmpty)
    }

    @Test func aCalloutWithoutAnIndentedBodyIsReported() {
        let doc = MarkdownDocument(markdown: "!!! tip \"Niet ingesprongen\"\nTekst eronder.\n", lineOffset: 2)
        #expect(doc.notices.map(\.code) == ["markdown.empty-body"])
        #expect(doc.notices.first.map { [$0.line, $0.column] } == [3, 1])
        #expect(
            MarkdownDocument(markdown: "=== \"T\"\nTekst.\n", lineOffset: 0).notices.map(\.code) == [
                "markdown.empty-body"
            ])
        // A title-only callout followed by a blank line is fine.
        #expect(MarkdownDocument(markdown: "!!! note \"Alleen een titel\"\n\nTekst.\n", lineOffset: 0).notices.isEmpty)
    }

    @Test func indentedHTMLAfterABlankLineIsReported() {
        let doc = MarkdownDocument(markdown: "<div class=\"x\">\n\n    <button>x</button>\n</div>\n", lineOffset: 0)
        #expect(doc.notices.map(\.code) == ["markdown.html-as-code"])
    }

    @Test func aRepeatedIDIsReportedButTheHTMLStaysValid() {
        let doc = MarkdownDocument(
            markdown: "## Een {#dubbel}\n\n## Twee {#dubbel}\n\nAlinea.\n{: #alinea }\n\nNog een.\n{: #alinea }\n",
            lineOffset: 0)
        #expect(doc.headings.map(\.id) == ["dubbel", "dubbel-1"])
        let out = doc.render(rawHTML: .omit) { _ in nil }
        #expect(out.contains(#"<p id="alinea">"#) && out.contains(#"<p id="alinea-1">"#))
        // The written ids are what validation compares, so the repeat is still an error.
        #expect(doc.anchors.filter { $0.origin == .attribute }.map(\.id) == ["dubbel", "dubbel", "alinea", "alinea"])
    }

    @Test func aTitleOfItsOwnStillSaysTheTypeAndAnUnknownTypeIsANote() {
        let out = html("> [!WARNING] Let op de termijn\n> Zes weken.\n")
        #expect(out.contains("<span class=\"visually-hidden\">Waarschuwing: </span>Let op de termijn"))
        let unknown = html("> [!TPI]\n> Tekst.\n")
        #expect(unknown.contains("Opmerking") && !unknown.contains("Tpi"))
    }

    @Test func footnotesAreSearchedAfterAnExcludedLastSection() {
        let doc = MarkdownDocument(
            markdown: "Tekst[^1].\n\n## Intern { data-search-exclude }\n\nGeheim.\n\n[^1]: Stand van 2018.\n",
            lineOffset: 0)
        #expect(doc.bodyText.contains("Stand van 2018.") && !doc.bodyText.contains("Geheim"))
    }

    @Test func attributeListTyposGetAHint() {
        let typo = MarkdownDocument(markdown: "## Kop {data-search-exlude}\n", lineOffset: 0).notices.first
        #expect(typo?.hint == "did you mean 'data-search-exclude' instead of 'data-search-exlude'?")
        let space = MarkdownDocument(markdown: "## Kop {#Mijn Anker}\n", lineOffset: 0).notices.first
        #expect(space?.hint == "an id has no spaces: write {#mijn-anker}")
    }

    // MARK: Raw HTML and safety

    @Test func aNULInAnAbbreviationTitleCannotEndTheAttribute() {
        // Found by FuzzMarkdown: a NUL ended the C string of `<abbr title="…`, so the text after
        // it became attributes (`ondersteuning">` read as an event handler).
        let out = html("De AVG en meer ondersteuning\">.\n\n*[AVG]: Algemene ver\u{0}ordening\n")
        #expect(out.contains("<abbr title=\"Algemene ver\u{FFFD}ordening\">AVG</abbr>"))
        #expect(!out.utf8.contains(0))
    }

    @Test func sanitizedRawHTMLKeepsMarkupAndLosesCode() {
        let markdown = """
            <div onclick="steel()" class="x"><a href="javascript:alert(1)">klik</a></div>

            <script>alert(1)</script>

            Tekst <img src=x onerror=alert(1)> en [link](javascript:alert(2)).

            <iframe src="https://example.org"></iframe>
            """
        let out = html(markdown, rawHTML: .sanitize)
        #expect(out.contains(#"<div class="x"><a>klik</a></div>"#))
        for bad in ["onclick", "javascript:", "<script", "alert(1)", "onerror", "<iframe"] {
            #expect(!out.contains(bad), "\(bad)")
        }
        #expect(out.contains("<p>Tekst <img src=x> en link.</p>"))
        // Only allow_scripts lets it through.
        #expect(html(markdown, rawHTML: .trust).contains("<script>alert(1)</script>"))
    }
}
