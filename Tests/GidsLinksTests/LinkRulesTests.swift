import Foundation
import GidsDiagnostics
import GidsHTML
import GidsLinks
import Testing

@Suite struct LinkRulesTests {
    @Test func classifiesSchemesAndPaths() {
        #expect(LinkRules.classify("https://www.movisie.nl/") == .web("https://www.movisie.nl/"))
        #expect(LinkRules.classify("  //cdn.example.org/x.js ") == .web("//cdn.example.org/x.js"))
        #expect(LinkRules.classify("MAILTO:info@gemeente.nl") == .mail("info@gemeente.nl"))
        #expect(LinkRules.classify("tel:+31201234567") == .phone("+31201234567"))
        #expect(LinkRules.classify("JavaScript:alert(1)") == .unsafe(scheme: "javascript"))
        #expect(LinkRules.classify("data:image/png;base64,AAAA") == .unsafe(scheme: "data"))
        #expect(LinkRules.classify("data:image/png;base64,AAAA", allowsData: true) == .otherScheme("data"))
        #expect(LinkRules.classify("ftp://example.org/") == .otherScheme("ftp"))
        #expect(LinkRules.classify(" ") == .empty)
        #expect(
            LinkRules.classify("../sport%20en%20spel/?page=2#financi%C3%ABle-tekorten")
                == .local(LocalReference(path: "../sport en spel/", fragment: "financiële-tekorten")))
        #expect(LinkRules.classify("#") == .local(LocalReference(path: "", fragment: "")))
        // A drive letter is a path, not a scheme.
        #expect(LinkRules.classify("C:/x.html") == .local(LocalReference(path: "C:/x.html", fragment: nil)))
    }

    @Test func fragmentsMatchExactlyAfterDecoding() {
        let ids: Set<String> = ["financiële-tekorten", "aanpak"]
        #expect(LinkRules.fragment("financiële-tekorten", matchesAnyOf: ids))
        #expect(LinkRules.fragment(LinkRules.decode("financi%C3%ABle-tekorten"), matchesAnyOf: ids))
        #expect(!LinkRules.fragment("financiele-tekorten", matchesAnyOf: ids))
        #expect(!LinkRules.fragment("Aanpak", matchesAnyOf: ids))
        #expect(LinkRules.fragment("", matchesAnyOf: ids) && LinkRules.fragment("TOP", matchesAnyOf: ids))
        #expect(
            LinkRules.fragmentHint("Aanpak", ids: ["aanpak"]) == "fragments are case-sensitive: did you mean '#aanpak'?"
        )
        #expect(LinkRules.fragmentHint("aanpk", ids: ["aanpak", "zzz"]) == "did you mean '#aanpak'?")
    }

    @Test func mailtoAndTelSyntax() {
        #expect(LinkRules.mailtoProblem("info@gemeente.nl") == nil)
        #expect(LinkRules.mailtoProblem("a@x.nl,b@y.nl?subject=Hallo%20daar") == nil)
        #expect(LinkRules.mailtoProblem("?to=a@x.nl") == nil)
        // RFC 6068 §2: without an address the reader chooses the recipient.
        #expect(LinkRules.mailtoProblem("?subject=Vraag%20over%20respijtzorg") == nil)
        #expect(LinkRules.mailtoProblem("")?.isError == false)
        #expect(LinkRules.mailtoProblem("?")?.isError == false)
        #expect(LinkRules.mailtoProblem("info")?.isError == true)
        #expect(LinkRules.mailtoProblem("info@gemeente") != nil)
        #expect(LinkRules.mailtoProblem("in fo@gemeente.nl") != nil)
        #expect(LinkRules.telProblem("+31 (0)20-123.4567") == nil)
        #expect(LinkRules.telProblem("+31%2020%20123%204567;ext=12") == nil)
        #expect(LinkRules.telProblem("gemeente") != nil)
        #expect(LinkRules.telProblem("+1") != nil)
    }
}

@Suite struct HTMLScannerTests {
    @Test func collectsIdsNamesAndURLsWithPositions() {
        let html = """
            <!doctype html><html><head>
            <base href="sub/">
            <link rel="preconnect" href="https://fonts.example.org"><link rel="stylesheet" href="s.css">
            </head><body>
              <p id="één">x</p><a name="oud" href="a.html#b">é</a>
            <img alt="" src="i.png" srcset="i-1.png 1x, i,2.png 2x,i-3.png">
            <code>&lt;a href="nee.html"&gt;</code>
            <a
               href="multi&amp;line.html">x</a>
            </body></html>
            """
        let facts = HTMLScanner.scan(html)
        #expect(facts.base == "sub/")
        #expect(facts.ids.map(\.name) == ["één"])
        #expect(facts.ids.first?.position == HTMLPosition(line: 5, column: 3))
        #expect(facts.names.map(\.name) == ["oud"])
        #expect(
            facts.references.map(\.value) == [
                "s.css", "a.html#b", "i.png", "i-1.png", "i,2.png", "i-3.png", "multi&line.html",
            ])
        // Column in Unicode scalars: the <a> follows `<p id="één">x</p>` on line 5.
        #expect(facts.references[1].position == HTMLPosition(line: 5, column: 20))
        #expect(facts.references.last?.position == HTMLPosition(line: 8, column: 1))
        #expect(facts.references[2].isImage && !facts.references[1].isImage)
    }

    @Test func srcsetCandidates() {
        #expect(HTMLScanner.srcsetURLs("a.png") == ["a.png"])
        #expect(HTMLScanner.srcsetURLs(" a.png 480w , b.png 800w") == ["a.png", "b.png"])
        #expect(HTMLScanner.srcsetURLs("a,b.png 1x,c.png") == ["a,b.png", "c.png"])
    }
}

@Suite struct ReportFormatTests {
    let report = Report(
        diagnostics: [
            .error(
                SourceLocation(path: "site/a, b.html", line: 3, column: 7), "file 'x' not found: 100%\nreally",
                code: "link.missing-file", hint: "write 'y'"),
            .warning(SourceLocation(path: "site/c.html", line: 1, column: 1), "moved", code: "external.moved"),
        ], checkedFiles: ["site/a, b.html", "site/c.html", "site/d.html"], statistics: ["pages": 3])

    @Test func jsonFollowsTheSchema() throws {
        let object =
            try JSONSerialization.jsonObject(with: Data(report.rendered(as: .json).utf8)) as! [String: Any]
        #expect(object["schema"] as? String == "gids-check/1")
        let summary = object["summary"] as! [String: Int]
        #expect(summary == ["errors": 1, "warnings": 1, "pages": 3])
        let first = (object["diagnostics"] as! [[String: Any]])[0]
        #expect(first["path"] as? String == "site/a, b.html" && first["line"] as? Int == 3)
        #expect(first["code"] as? String == "link.missing-file" && first["hint"] as? String == "write 'y'")
    }

    @Test func junitHasATestCasePerFile() throws {
        let xml = report.rendered(as: .junit)
        #expect(xml.contains("<testsuites name=\"gids check\" tests=\"3\" failures=\"1\""))
        #expect(xml.contains("<testcase classname=\"gids.check\" name=\"site/d.html\"/>"))
        #expect(xml.contains("<failure type=\"link.missing-file\" message=\"file &apos;x&apos; not found: 100%"))
        #expect(xml.contains("<system-out>site/c.html:1:1: warning: moved [external.moved]</system-out>"))
        #expect(xml.components(separatedBy: "<testcase").count - 1 == 3)
    }

    @Test func githubAnnotationsAreEscaped() {
        let lines = report.rendered(as: .github).split(separator: "\n")
        #expect(
            lines.first
                == "::error file=site/a%2C b.html,line=3,col=7,title=link.missing-file::file 'x' not found: 100%25%0Areally%0Ahint: write 'y'"
        )
        #expect(lines.last == "::warning file=site/c.html,line=1,col=1,title=external.moved::moved")
    }

    @Test func strictRaisesWarnings() {
        #expect(report.strict().diagnostics.allSatisfy { $0.severity == .error })
    }
}

/// XML escaping for feeds, sitemaps and reports, with and without its no-work fast path.
@Suite struct XMLEscapeTests {
    @Test func escapesMarkupAndDropsWhatXMLCannotHold() {
        #expect(xmlEscape("Respijtzorg in Huizen") == "Respijtzorg in Huizen")
        #expect(xmlEscape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&apos;")
        #expect(xmlEscape("x\u{01}y\u{FFFE}z\u{FFFF}\t\n") == "xyz\t\n")
        #expect(xmlEscape("ﬁ café") == "ﬁ café")  // U+FB01 starts with EF but is kept
    }
}
