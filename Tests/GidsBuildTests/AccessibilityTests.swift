import Foundation
import GidsBuild
import Testing

/// Build-time WCAG rules: alternative text, heading levels, link texts, file links that say
/// their type and size, and the accessibility statement page.
@Suite struct AccessibilityTests {
    func build(page: String, extraFiles: [String: Data] = [:], siteYAML: String = "") throws -> (String, BuildResult) {
        try buildBase(page: page, extraFiles: extraFiles, siteYAML: siteYAML)
    }

    @Test func imagesNeedAlternativeTextUnlessMarkedDecorative() throws {
        let (root, result) = try build(
            page: """
                ---
                title: Drie
                summary: S.
                phase: voorbereiden
                ---
                ![](img/plaatje.svg)

                ![ ](img/plaatje.svg)

                ![](img/plaatje.svg "decoratief") en ![Schema van de fasen](img/plaatje.svg)
                """)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(
            lines(result.diagnostics, removing: root + "/") == [
                "content/gids/drie.md:6:5: error: image without alternative text [a11y.missing-alt]",
                "content/gids/drie.md:8:6: error: image without alternative text [a11y.missing-alt]",
            ])
        // Once fixed, the decorative image renders with an empty alt and no title.
        try """
        ---
        title: Drie
        summary: S.
        phase: voorbereiden
        ---
        ![](img/plaatje.svg "decoratief") en ![Schema van de fasen](img/plaatje.svg)
        """.write(toFile: root + "/content/gids/drie.md", atomically: true, encoding: .utf8)
        let fixed = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates, outputDirectory: root + "/site"
            ))
        #expect(fixed.diagnostics.isEmpty, "\(lines(fixed.diagnostics, removing: root + "/"))")
        let html = try String(contentsOfFile: root + "/site/gids/drie/index.html", encoding: .utf8)
        #expect(html.contains("<img src=\"../img/plaatje.svg\" alt=\"\" />"))
        #expect(html.contains("alt=\"Schema van de fasen\""))
        #expect(!html.contains("decoratief"))
    }

    @Test func headingLevelsMayNotSkip() throws {
        let (root, result) = try build(
            page:
                "---\ntitle: Drie\nsummary: S.\nphase: voorbereiden\n---\n### Te diep\n\n## Goed\n\n### Ook goed\n\n##### Te diep\n"
        )
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(
            lines(result.diagnostics, removing: root + "/") == [
                "content/gids/drie.md:6:1: error: heading level 3 follows level 1: levels may not be skipped [a11y.heading-skip]",
                "content/gids/drie.md:12:1: error: heading level 5 follows level 3: levels may not be skipped [a11y.heading-skip]",
            ])
    }

    @Test func vagueLinkTextsWarn() throws {
        let (root, result) = try build(
            page:
                "---\ntitle: Drie\nsummary: S.\nphase: voorbereiden\n---\nZie [klik hier](een.md), [Lees meer…](twee.md) en [de eerste pagina](een.md).\n"
        )
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(
            lines(result.diagnostics, removing: root + "/") == [
                "content/gids/drie.md:6:17: warning: link text 'klik hier' does not say where the link goes [a11y.link-text]",
                "content/gids/drie.md:6:39: warning: link text 'Lees meer…' does not say where the link goes [a11y.link-text]",
            ])
    }

    @Test func linksToFilesSayTheirTypeAndSize() throws {
        let (root, result) = try build(
            page:
                "---\ntitle: Drie\nsummary: S.\nphase: voorbereiden\n---\nDe [factsheet](docs/factsheet.pdf) en het [werkblad](docs/werkblad.docx).\n",
            extraFiles: [
                "gids/docs/factsheet.pdf": Data(count: 1_234_567), "gids/docs/werkblad.docx": Data(count: 48_200),
            ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(result.diagnostics.isEmpty, "\(lines(result.diagnostics, removing: root + "/"))")
        let html = try String(contentsOfFile: root + "/site/gids/drie/index.html", encoding: .utf8)
        #expect(html.contains("<a href=\"../docs/factsheet.pdf\">factsheet (pdf, 1,2 MB)</a>"))
        #expect(html.contains("<a href=\"../docs/werkblad.docx\">werkblad (docx, 48 kB)</a>"))
    }

    @Test func theAccessibilityStatementComesFromTheSiteFile() throws {
        let (root, result) = try build(
            page: "---\ntitle: Drie\nsummary: S.\nphase: voorbereiden\n---\nTekst.\n",
            siteYAML:
                "accessibility:\n  organisation: Gemeente Voorbeeld\n  status: voldoet-gedeeltelijk\n  date: 2026-11-30\n  contact: toegankelijkheid@voorbeeld.nl\n"
        )
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(result.diagnostics.isEmpty, "\(lines(result.diagnostics, removing: root + "/"))")
        let html = try String(contentsOfFile: root + "/site/toegankelijkheid/index.html", encoding: .utf8)
        #expect(html.contains("Gemeente Voorbeeld wil dat iedereen deze website kan gebruiken"))
        #expect(html.contains("voldoet gedeeltelijk aan de eisen"))
        #expect(html.contains("<time datetime=\"2026-11-30\">30 november 2026</time>"))
        #expect(html.contains("href=\"mailto:toegankelijkheid@voorbeeld.nl\""))
        let home = try String(contentsOfFile: root + "/site/index.html", encoding: .utf8)
        #expect(home.contains("<a href=\"toegankelijkheid/\">Toegankelijkheid</a>"))
        // A wrong status is an error with a did-you-mean.
        let (root2, wrong) = try build(
            page: "---\ntitle: Drie\nsummary: S.\nphase: voorbereiden\n---\nTekst.\n",
            siteYAML: "accessibility:\n  organisation: X\n  status: voldoet-gedeeltelyk\n  date: 2026-11-30\n")
        defer { try? FileManager.default.removeItem(atPath: root2) }
        #expect(wrong.diagnostics.map(\.code) == ["site.accessibility-status"])
        #expect(wrong.diagnostics.first?.hint == "did you mean 'voldoet-gedeeltelijk'?")
    }
}
