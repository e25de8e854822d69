import Foundation
import GidsBuild
import GidsSearch
import Testing

/// Every kind of page is a search document (issue "Finding what you need", point 2), the
/// index names its text pipeline, and spellings with diacritics are kept per document.
@Suite struct SearchDocumentTests {
    /// The real content, built once for the guide views' tests.
    static var site: String { GuideViewsTests.site }

    @Test func guidesPhasesDomainsAndValuesAreDocuments() throws {
        let documents = try searchDocuments(site: Self.site)
        func document(_ url: String) -> SearchIndex.Document? { documents.first { $0.url == url } }
        let domain = try #require(document("domeinen/wmo/"))
        #expect(domain.kind == .domain && domain.title == "Wmo 2015" && domain.location == "Beleidsdomeinen")
        let phase = try #require(document("woudlopersgids/uitvoeren/"))
        #expect(phase.kind == .phase && phase.location == "Woudlopersgids Informele Zorg")
        // A listing's text is the titles it lists.
        #expect(phase.text.contains("Respijtzorg"))
        let value = try #require(document("woudlopersgids/doelgroep/vrijwilligers/"))
        #expect(value.kind == .value && value.location == "Woudlopersgids Informele Zorg › Doelgroep")
        let facetValue = try #require(document("keuzewijzer-e-tools/functies/ideeen/"))
        #expect(facetValue.kind == .value && facetValue.location == "Keuzewijzer e-tools › Functies")
        let guide = try #require(document("regenbooggids/"))
        #expect(guide.kind == .guide && guide.location.isEmpty)
        let page = try #require(document("woudlopersgids/respijtzorg/"))
        #expect(page.kind == .page && page.location == "Woudlopersgids Informele Zorg › Uitvoeren")
        #expect(document("keuzewijzer-e-tools/stem-van-west/")?.kind == .tool)
        // A listing counts at least as long as the mean page, so that being short is no advantage.
        let pages = documents.filter { $0.kind == .page || $0.kind == .tool }
        let mean = pages.map(\.length).reduce(0, +) / pages.count
        #expect(documents.filter { $0.kind == .domain }.allSatisfy { $0.length >= mean })
        // One document per page the plan renders (besides the site's own pages and redirects).
        #expect(Set(documents.map(\.url)).count == documents.count)
        for document in documents {
            #expect(
                FileManager.default.fileExists(atPath: Self.site + "/" + document.url + "index.html"), "\(document.url)"
            )
        }
    }

    @Test func theQueryIsTheTitleOfTheDomainPage() throws {
        #expect(try searchWithSiteScript(site: Self.site, query: "wmo").first == "domeinen/wmo/")
        #expect(
            try searchWithSiteScript(site: Self.site, query: "vrijwilligers").first
                == "woudlopersgids/doelgroep/vrijwilligers/")
        #expect(
            try searchWithSiteScript(site: Self.site, query: "voorbereiden").first == "woudlopersgids/voorbereiden/")
    }

    @Test func theMetaFileNamesTheTextPipeline() throws {
        let meta = try JSONDecoder().decode(
            SearchIndex.Meta.self, from: Data(contentsOf: URL(fileURLWithPath: Self.site + "/search-index.json")))
        #expect(meta.version == SearchIndex.formatVersion && meta.textPipeline == SearchIndex.textPipeline)
        // The search script refuses any other pair (Tests/Search/ranking.js); it must read this one.
        let script = try String(contentsOfFile: Repo.templates + "/assets/search.js", encoding: .utf8)
        #expect(
            script.contains(
                "var FORMAT_VERSION = \(SearchIndex.formatVersion), TEXT_PIPELINE = \(SearchIndex.textPipeline);"))
    }

    @Test func spellingsWithDiacriticsAreKeptPerDocument() throws {
        let documents = try searchDocuments(site: Self.site)
        let shard =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: Self.site + "/search/spellings/i.json")))
            as? [String: [String: [Int]]]
        let ideeen = try #require(shard?["ideeen"]?["ideeën"])
        #expect(!ideeen.isEmpty)
        for number in ideeen {
            #expect(
                documents[number].text.lowercased().contains("ideeën")
                    || documents[number].title.lowercased().contains("ideeën")
                    || documents[number].summary.lowercased().contains("ideeën"))
        }
    }
}
