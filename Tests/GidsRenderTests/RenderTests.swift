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
        #expect(pagesLabel(0) == "0 pagina's")
        #expect(pagesLabel(12) == "12 pagina's")
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
func loadTemplates(page: String) throws -> (TemplateSet?, [Diagnostic]) {
    let folder = NSTemporaryDirectory() + "gids-templates-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for name in TemplateSet.required {
        try (name == "page" ? page : "<p>{{! nothing to show }}</p>\n").write(
            toFile: folder + "/\(name).mustache", atomically: true, encoding: .utf8)
    }
    return TemplateSet.load(directory: folder)
}
