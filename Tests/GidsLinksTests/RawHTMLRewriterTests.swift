import GidsHTML
import Testing

/// Raw HTML from an editor, cleaned before it reaches a page (`raw_html: true` without
/// `allow_scripts`): what a browser would run is gone, everything else is kept as written.
@Suite struct RawHTMLRewriterTests {
    func clean(_ html: String) -> String {
        RawHTMLRewriter.rewrite(html, removingActiveContent: true).html
    }

    @Test func safeMarkupIsCopiedByteForByte() {
        let html =
            "<div class='kaart' data-x=1>\n<p>Tekst &amp; <a href=\"https://www.movisie.nl/?a=1&b=2\">link</a></p><br/>\n</div>"
        #expect(clean(html) == html)
    }

    @Test(arguments: [
        ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\" JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"java\tscript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"javascript&colon;alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=javascript:alert(1)>x</a>", "<a>x</a>"),
        ("<a href=\"vbscript:x\">x</a>", "<a>x</a>"),
        ("<a href=\"data:text/html,<script>\">x</a>", "<a>x</a>"),
        ("<img src=\"data:image/png;base64,AAAA\">", "<img src=\"data:image/png;base64,AAAA\">"),
        ("<div onclick=\"x()\" ONMOUSEOVER='y()' class=\"a\">t</div>", "<div class=\"a\">t</div>"),
        ("<svg/onload=alert(1)>", "<svg>"),
        ("<img src=x onerror=alert(1)//>", "<img src=x>"),
        ("<button formaction=\"javascript:alert(1)\">b</button>", "<button>b</button>"),
        ("<a xlink:href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<script>alert(1)</script>na", "na"),
        ("<SCRIPT src=\"https://example.org/x.js\"></SCRIPT>", ""),
        ("<iframe src=\"https://example.org\">terug</iframe>na", "na"),
        ("<object data=\"x.swf\"><embed src=\"x.swf\"></object>", ""),
        ("<p>tekst</p><div title=\"open", "<p>tekst</p>"),
        // Found by FuzzMarkdown: libxml2 reads this as a script element; the tag goes.
        ("<script\u{FFFD}\u{FFFD}x>a</script\u{FFFD}>", "a"),
    ])
    func activeContentIsRemoved(html: String, expected: String) {
        #expect(clean(html) == expected)
    }

    /// Found in a user trial: in HTML the text of these elements ends at their first end tag,
    /// even inside a quoted value, so the `<img>` after it was live.
    @Test(arguments: ["xmp", "noembed", "noframes", "textarea", "title", "noscript", "style"])
    func rawTextEndsWhereABrowserEndsIt(element: String) {
        let html = "<\(element)><p title=\"</\(element)><img src=x onerror=alert(1)>\"></\(element)>"
        let out = clean(html)
        #expect(!out.contains("onerror"), "\(out)")
        // The text `<p title="` reads as a tag left open as markup, so it goes too.
        #expect(out == "<\(element)></\(element)><img src=x>\"></\(element)>")
    }

    @Test func baseAndRefreshAreRemoved() {
        #expect(clean("<base href=\"https://elders.example/\"><p>x</p>") == "<p>x</p>")
        #expect(clean("<meta http-equiv=\"refresh\" content=\"0;url=https://elders.example/\">") == "")
        #expect(clean("<meta itemprop=\"name\" content=\"x\">") == "<meta itemprop=\"name\" content=\"x\">")
        let removed = RawHTMLRewriter.rewrite("<base href=\"/\">", removingActiveContent: true).removed
        #expect(removed.map(\.kind) == [.element])
    }

    @Test func everyRemovalSaysWhatItWas() {
        let removed = RawHTMLRewriter.rewrite(
            "<a href=\"jav&#x09;ascript:x\" onclick=\"y\">t</a><script>z</script><div title=\"",
            removingActiveContent: true
        ).removed
        #expect(removed.map(\.kind) == [.unsafeURL(scheme: "javascript"), .eventHandler, .element, .unreadable])
    }

    @Test func commentsCloseAsABrowserClosesThemAndGo() {
        // `<!-->` is a whole comment: what follows is live markup and is cleaned.
        #expect(clean("<!--><img src=x onerror=alert(1)>") == "<img src=x>")
        #expect(clean("<!-- <img onerror=x> --!><b onclick=y>t</b>") == "<b>t</b>")
        // Found by FuzzMarkdown: libxml2 reads `<?…` to `?>` and found a script in it; a browser
        // ends it at the first `>`. It is not shown, so it goes.
        #expect(clean("<??? vraag\n    Het<script> antwoord>") == " antwoord>")
        #expect(clean("</^ipt><b>x</b></>") == "<b>x</b>")
        // Without removing, comments stay as written.
        #expect(
            RawHTMLRewriter.rewrite("<!-- noot --><p id=\"a\">", removingActiveContent: false, idPrefix: "x-").html
                == "<!-- noot --><p id=\"x-a\">")
    }

    @Test func styleContentIsReadForTags() {
        // In `<svg>` a `<style>` holds markup; its tags are cleaned like any other.
        #expect(
            clean("<svg><style><img src=x onerror=alert(1)></style></svg>") == "<svg><style><img src=x></style></svg>")
    }

    @Test func whatWasRemovedIsReportedWithItsPosition() {
        let removed = RawHTMLRewriter.rewrite("<p>\n  <a onclick=\"x\">y</a></p>", removingActiveContent: true).removed
        #expect(removed.map(\.name) == ["onclick"])
        #expect(removed.map(\.position) == [HTMLPosition(line: 2, column: 3)])
    }

    /// An `<a name>` is a fragment target too, so it gets the prefix; a form field's `name`
    /// does not (a user trial found the print edition's links to `<a name>` anchors broken).
    @Test func idsAndTheirReferencesGetThePrefix() {
        let out = RawHTMLRewriter.rewrite(
            "<h3 id=\"a\">k</h3><a href=\"#a\">x</a><a href=\"#\">top</a><input aria-labelledby=\"a b\" name=\"v\"><a name=\"n\">",
            removingActiveContent: false, idPrefix: "p-x--"
        ).html
        #expect(
            out
                == "<h3 id=\"p-x--a\">k</h3><a href=\"#p-x--a\">x</a><a href=\"#\">top</a><input aria-labelledby=\"p-x--a p-x--b\" name=\"v\"><a name=\"p-x--n\">"
        )
    }

    @Test func theMarkdownAttributeComesOffAStartTag() {
        #expect(
            RawHTMLRewriter.startTag("<div class=\"grid cards\" markdown>", removingAttribute: "markdown")
                == "<div class=\"grid cards\">")
        #expect(RawHTMLRewriter.startTag("<div markdown=\"1\">", removingAttribute: "markdown") == "<div>")
        #expect(RawHTMLRewriter.startTag("<div class=\"x\">", removingAttribute: "markdown") == nil)
        #expect(RawHTMLRewriter.startTag("<div markdown>tekst", removingAttribute: "markdown") == nil)
    }
}
