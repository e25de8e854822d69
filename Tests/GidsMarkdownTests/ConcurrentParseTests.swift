import Foundation
import GidsCore
import Testing

@testable import GidsMarkdown

/// libcmark-gfm keeps strikethrough's `~` in a global table that every parse changes; pages are
/// parsed on all cores, and a few of them lost their strikethrough at random (found in the
/// gemma-zaken corpus: two builds of the same input differed).
@Suite struct ConcurrentParseTests {
    @Test func strikethroughSurvivesParsesOnOtherThreads() {
        let struck = "Een ~~doorgehaalde~~ regel en **vet**.\n"
        // Pages without a tilde, with tables: each parse adds and removes the special characters.
        let plain = "| Regeling | Wet |\n|--|--|\n| Respijtzorg | Wmo 2015 |\n\nGewone *tekst*.\n"
        let count = 6000
        // The pages' own map: parsed on all cores, as a build parses them.
        let kept = Array(0..<count).concurrentMap { index -> Bool in
            let markdown = index.isMultiple(of: 2) ? struck : plain
            let html = MarkdownDocument(markdown: markdown, lineOffset: 0).render(rawHTML: .omit) { _ in nil }
            return index.isMultiple(of: 2) ? html.contains("<del>doorgehaalde</del>") : !html.contains("~")
        }
        let failed = kept.indices.filter { !kept[$0] }
        #expect(failed.isEmpty, "\(failed.count) of \(count) renderings lost their strikethrough")
    }
}
