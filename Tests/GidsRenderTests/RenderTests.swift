import Foundation
import GidsCore
import GidsDiagnostics
import GidsTemplates
import Testing

@testable import GidsRender

@Suite struct RenderTests {
    @Test func partialReferencesCarryTheirPosition() {
        let refs = parseTemplate("<main>\n  {{> stepper}}{{title}}\n{{>page-footer }}\n").partials
        #expect(refs.map(\.text) == ["stepper", "page-footer"])
        #expect(refs.map(\.line) == [2, 3])
        #expect(refs.map(\.column) == [3, 1])
    }

    @Test func dutchPageCounts() {
        #expect(pagesLabel(1) == "1 pagina")
        #expect(pagesLabel(0) == "0 pagina’s")
        #expect(pagesLabel(12) == "12 pagina’s")
    }

    @Test func missingTemplatesFolderIsOneError() {
        let (set, diagnostics) = TemplateSet.load(directory: "/bestaat/niet")
        #expect(set == nil)
        #expect(diagnostics.map(\.code) == ["template.no-folder"])
    }
}

/// `{{x}}` escaping: the renderer's byte-level escaper writes what `escapeHTML` writes.
@Suite struct EscapingTests {
    func render(_ template: String, _ value: TemplateValue) -> String {
        let shape = Shape(
            "test", [Field("x", .text, ""), Field("items", .list(.object(Shape("item", [Field("x", .text, "")]))), "")])
        var object = TemplateObject(shape)
        object["x"] = value
        return TemplateLibrary(sources: ["t": template]).render("t", .object(object))
    }

    @Test func escapesTheFiveCharactersAsEscapeHTMLDoes() {
        let text = "Tom & Jerry's <b>\"zorg\"</b> — é"
        #expect(escapeHTML(text) == "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;zorg&quot;&lt;/b&gt; — é")
        #expect(render("{{x}}", .text(text)) == escapeHTML(text))
        #expect(render("{{{x}}}", .text(text)) == text)
        #expect(escapeHTML("niets te doen") == "niets te doen")
    }

    @Test func aQuoteBeforeACombiningMarkIsEscapedToo() {
        // One Character ("\u{0301} on a quote), which a Character-by-Character escaper misses.
        #expect(escapeHTML("\"\u{0301}") == "&quot;\u{0301}")
        #expect(render("{{x}}", .text("\"\u{0301}")) == "&quot;\u{0301}")
    }

    @Test func standaloneSectionLinesVanish() throws {
        let library = TemplateLibrary(sources: ["t": "{{#items}}\n<p>{{x}}</p>\n{{/items}}\n"])
        let item = TemplateObject(Shape("item", [Field("x", .text, "")]), ["x": "<a&b>"])
        let root = TemplateObject(Shape("root", [Field("items", .any, "")]), ["items": .objects([item])])
        #expect(library.render("t", .object(root)) == "<p>&lt;a&amp;b&gt;</p>\n")
        let (_, errors) = try loadTemplates(page: "<p>\n{{#open}}\n")
        #expect(errors.map(\.location.line) == [2])
    }
}

/// Template syntax errors point at the tag that is wrong, not where the parser gave up.
@Suite struct TemplateErrorPositionTests {
    func errors(_ page: String) throws -> [Diagnostic] { try loadTemplates(page: page).1 }

    @Test func anUnfinishedTagAtTheEndOfALineIsReportedWhereItStarts() throws {
        let found = try errors("<main>\n<h2 class=\"toc\">{{title\n</main>\n")
        #expect(found.map { [$0.location.line, $0.location.column] } == [[2, 17]])
    }

    @Test func anUnfinishedTagInsideALineIsReportedWhereItStarts() throws {
        let found = try errors("<main>\n<h2 class=\"toc\">{{title</h2>\n</main>\n")
        #expect(found.map { [$0.location.line, $0.location.column] } == [[2, 17]])
    }

    @Test func aWrongCloseIsReportedAtItsTag() throws {
        let found = try errors("{{#a}}\n      {{/abcdefghij}}\n")
        #expect(found.map { [$0.location.line, $0.location.column] } == [[2, 7]])
    }

    @Test(arguments: [("{{#toc}}x{{ /toc }}\n", "/", "{{/toc}}", 10), ("a {{  #toc}}x{{/toc}}\n", "#", "{{#toc}}", 3)])
    func aSpaceBeforeTheSigilIsNamed(template: String, sigil: String, fix: String, column: Int) throws {
        let found = try errors(template)
        #expect(found.map(\.location.column) == [column])
        #expect(found.first?.message.hasSuffix("between '{{' and '\(sigil)'") == true)
        #expect(found.first?.hint == "write \(fix)")
    }

    /// A trial found the missing partial reported only after the syntax error was fixed.
    @Test func aSyntaxErrorDoesNotHideAMissingPartialInTheSameTemplate() throws {
        let found = try errors("{{#toc}}x{{ /toc }}\n{{> page-footr}}\n")
        #expect(found.map(\.code) == ["template.syntax", "template.missing-partial"])
        #expect(found.last.map { [$0.location.line, $0.location.column] } == [2, 1])
    }

    @Test func aTagWithoutSigilKeepsTheGeneralHint() throws {
        let found = try errors("<p>{{ title </p>\n")
        #expect(found.first?.hint?.hasPrefix("write tags as") == true)
    }
}

/// A templates folder with every required template, `page` as given and the others trivial,
/// loaded and removed again.
func loadTemplates(page: String, extra: [String: String] = [:]) throws -> (TemplateSet?, [Diagnostic]) {
    let folder = NSTemporaryDirectory() + "gids-templates-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for name in PageTemplate.allCases.map(\.rawValue) {
        try (name == "page" ? page : "<p>{{! nothing to show }}</p>\n").write(
            toFile: folder + "/\(name).mustache", atomically: true, encoding: .utf8)
    }
    for (name, text) in extra {
        try text.write(toFile: folder + "/\(name).mustache", atomically: true, encoding: .utf8)
    }
    return TemplateSet.load(directory: folder)
}

/// Paths of the repository.
enum Repo {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates").path
}

/// Names and types checked against the context each template is rendered with: one exact
/// diagnostic per mistake, at the tag.
@Suite struct TemplateCheckTests {
    func diagnostics(_ page: String, extra: [String: String] = [:]) throws -> [String] {
        try loadTemplates(page: page, extra: extra).1.map(\.formatted).map {
            // The temporary folder differs per run.
            $0.replacingOccurrences(of: #"^.*/gids-templates-[^/]+/"#, with: "templates/", options: .regularExpression)
        }
    }

    @Test func anUnknownNameIsAnErrorWithADidYouMean() throws {
        #expect(
            try diagnostics("<h1>{{titel}}</h1>\n") == [
                "templates/page.mustache:1:5: error: unknown name 'titel' (in 'page') [template.unknown-name]\n  hint: did you mean 'title'?"
            ])
    }

    @Test func anUnknownFieldOfAnObject() throws {
        #expect(
            try diagnostics("<a href=\"{{guide.link}}\">x</a>\n") == [
                "templates/page.mustache:1:10: error: unknown name 'link' in 'guide.link' ('link') [template.unknown-name]"
            ])
    }

    @Test func aNameFromAnEnclosingContextIsKnown() throws {
        // Inside the related pages, `summary` is the page's own (Mustache looks outwards).
        #expect(try diagnostics("{{#related}}{{title}} {{summary}}{{/related}}\n").isEmpty)
    }

    @Test func aSectionOverTextIsAnError() throws {
        #expect(
            try diagnostics("{{#summary}}<p>{{.}}</p>{{/summary}}\n") == [
                "templates/page.mustache:1:1: error: a section needs a list, an object or true/false, but 'summary' is text, which is always there [template.section-type]\n  hint: show it with {{summary}}, or test a field that can be false"
            ])
        // An optional text may be tested.
        #expect(try diagnostics("{{#level}}<p>{{.}}</p>{{/level}}\n").isEmpty)
    }

    @Test func aListShownAsTextIsAnError() throws {
        #expect(
            try diagnostics("<p>{{backlinks}}</p>\n") == [
                "templates/page.mustache:1:4: error: 'backlinks' is a list; {{backlinks}} would show nothing [template.interpolation-type]\n  hint: open it as a section: {{#backlinks}}…{{/backlinks}}"
            ])
    }

    @Test func tripleBracesOnPlainTextAreAWarningAndTheSetLoads() throws {
        let (set, found) = try loadTemplates(page: "<h1>{{{title}}}</h1>\n{{{html}}}\n")
        #expect(set != nil)
        #expect(
            found.map(\.formatted).map {
                $0.replacingOccurrences(
                    of: #"^.*/gids-templates-[^/]+/"#, with: "templates/", options: .regularExpression)
            } == [
                "templates/page.mustache:1:5: warning: 'title' is plain text; {{{title}}} would not escape it [template.unescaped-text]\n  hint: write {{title}}"
            ])
    }

    @Test func aPartialIsCheckedWithTheContextOfItsCallerAndReportedInItsOwnFile() throws {
        #expect(
            try diagnostics("{{#backlinks}}{{> item}}{{/backlinks}}\n", extra: ["item": "<li>{{titl}}</li>\n"]) == [
                "templates/item.mustache:1:5: error: unknown name 'titl' (in 'page-link') [template.unknown-name]\n  hint: did you mean 'title'?"
            ])
    }

    @Test func theSiteTemplatesFitTheirContexts() {
        let (set, diagnostics) = TemplateSet.load(directory: Repo.templates)
        #expect(set != nil)
        #expect(diagnostics.map(\.formatted) == [])
    }
}

@Suite struct FieldReferenceTests {
    /// The README's tables are made from the shapes gids renders with: never stale.
    @Test func theTemplatesReadmeHasTheFieldsOfEveryContext() throws {
        let readme = try String(contentsOfFile: Repo.templates + "/README.md", encoding: .utf8)
        #expect(FieldReference.updating(readme) == readme, "run: make schema")
        for template in PageTemplate.allCases {
            #expect(readme.contains("### `\(template.rawValue)`: "))
        }
    }
}

/// The overview map's line breaking: words in lines of at most `width` characters (letters
/// with accents count once), the last kept line cut with `…`.
@Suite struct OverviewMapWrapTests {
    @Test func wordsFillLinesUpToTheWidth() {
        #expect(wrap("Samen met inwoners plannen", width: 10, maxLines: 3) == ["Samen met", "inwoners", "plannen"])
        #expect(wrap("Financiële steun één", width: 10, maxLines: 3) == ["Financiële", "steun één"])
        #expect(wrap("", width: 10, maxLines: 2) == [])
    }

    @Test func tooManyLinesEndInAnEllipsis() {
        #expect(wrap("een twee drie vier vijf", width: 9, maxLines: 2) == ["een twee", "drie vie…"])
    }

    @Test func aWordLongerThanTheLineIsCut() {
        #expect(wrap("Ondersteuningsmogelijkheden", width: 10, maxLines: 2) == ["Ondersteu…"])
    }
}
