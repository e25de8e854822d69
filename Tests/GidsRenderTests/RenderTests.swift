import Testing

@testable import GidsRender

@Suite struct RenderTests {
    @Test func partialReferencesCarryTheirPosition() {
        let refs = partialReferences(in: "<main>\n  {{> stepper}}{{title}}\n{{>page-footer }}\n")
        #expect(refs.map(\.name) == ["stepper", "page-footer"])
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
