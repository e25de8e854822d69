import Foundation
import GidsBuild
import Testing

/// A build counts its external links by URL; their positions (a second read of each page's
/// source) are found only for `gids check --external`, which reports failures where they stand.
@Suite struct ExternalLinksTests {
    @Test func positionsOnlyWhenTheExternalCheckAsks() {
        let counted = runBuild(
            BuildOptions(contentDirectory: Repo.root + "/content", templatesDirectory: Repo.templates, write: false))
        let located = runBuild(
            BuildOptions(
                contentDirectory: Repo.root + "/content", templatesDirectory: Repo.templates, write: false,
                locatesExternalLinks: true))
        #expect(counted.externalLinks.contains("https://www.movisie.nl/keuzewijzer-etools"))
        #expect(counted.externalReferences.isEmpty)
        #expect(Set(located.externalReferences.map(\.url)).sorted() == counted.externalLinks)
        let reference = located.externalReferences.first { $0.url == "https://www.movisie.nl/keuzewijzer-etools" }
        #expect(reference?.location.path.hasSuffix("keuzewijzer-e-tools/hoe-kies-je-een-e-tool.md") == true)
        #expect(reference?.location.line == 13)
    }
}
