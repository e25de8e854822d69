import Foundation
import GidsBuild
import GidsHTML
import Testing

/// What each guide offers, checked on the built real content: the chooser's data and static
/// facet pages, the print edition, the overview map and the domain pages.
@Suite struct GuideViewsTests {
    static let site: String = {
        let site = temporaryDirectory() + "/site"
        let result = runBuild(
            BuildOptions(
                contentDirectory: Repo.root + "/content", templatesDirectory: Repo.templates, outputDirectory: site))
        precondition(result.succeeded, "\(result.diagnostics)")
        return site
    }()

    struct Tool: Decodable {
        let id: String
        let title: String
        let values: [String: [String]]
    }
    struct Facet: Decodable {
        struct Value: Decodable {
            let id: String
            let title: String
        }
        let id: String
        let values: [Value]
    }
    struct ChooserData: Decodable {
        let facets: [Facet]
        let tools: [Tool]
    }

    func chooserData() throws -> ChooserData {
        try JSONDecoder().decode(
            ChooserData.self,
            from: Data(contentsOf: URL(fileURLWithPath: Self.site + "/keuzewijzer-e-tools/tools.json")))
    }

    func html(_ path: String) throws -> String { try String(contentsOfFile: Self.site + "/" + path, encoding: .utf8) }

    @Test func facetCountsEqualTheToolsWithThatValue() throws {
        let data = try chooserData()
        #expect(data.tools.count == 3)
        let page = try html("keuzewijzer-e-tools/index.html")
        for facet in data.facets {
            for value in facet.values {
                let count = data.tools.filter { $0.values[facet.id]?.contains(value.id) ?? false }.count
                // A value no tool has is no filter to choose; it is listed, with (0), under "Tools per kenmerk".
                #expect(
                    page.contains("data-count=\"\(facet.id):\(value.id)\">(\(count))</span>") == (count > 0),
                    "\(facet.id):\(value.id)")
                if count == 0 { #expect(page.contains("<span class=\"meta\">\(value.title) (0)</span>")) }
            }
        }
        // Every card carries its values for the script.
        #expect(
            page.contains(
                "data-tool=\"stem-van-west\" data-item=\"stem-van-west\" data-values=\"functies:ideeen functies:dialoog participatieniveau:adviseren\""
            ))
    }

    @Test func everyStaticFacetPageListsExactlyTheMatchingTools() throws {
        let data = try chooserData()
        var pagesChecked = 0
        for facet in data.facets {
            for value in facet.values {
                let expected = Set(data.tools.filter { $0.values[facet.id]?.contains(value.id) ?? false }.map(\.id))
                let path =
                    "keuzewijzer-e-tools/\(facet.id.replacingOccurrences(of: "_", with: "-"))/\(value.id)/index.html"
                guard !expected.isEmpty else {
                    #expect(!FileManager.default.fileExists(atPath: Self.site + "/" + path), "\(path)")
                    continue
                }
                let listed = Set(
                    try html(path).matches(of: /data-tool="([a-z0-9-]+)"/).map { String($0.output.1) })
                #expect(listed == expected, "\(path)")
                pagesChecked += 1
            }
        }
        #expect(pagesChecked >= 4)
    }

    @Test func thePrintEditionHoldsEveryPageOnceInReadingOrderAndLinksOnlyWithin() throws {
        for guide in ["woudlopersgids", "regenbooggids", "keuzewijzer-e-tools"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: Self.site + "/\(guide)/print/index.html"))
            let facts = HTMLScanner.scan(data)
            let ids = Set(facts.ids.map(\.name))
            #expect(ids.count == facts.ids.count, "\(guide): duplicate ids")
            // Pages in reading order: the guide's search-index documents are in reading order.
            let expected = try searchDocuments(site: Self.site).filter { $0.kind == .page || $0.kind == .tool }
                .map(\.url)
                .filter { $0.hasPrefix(guide + "/") }
                .map { "p-" + ($0.split(separator: "/").last.map(String.init) ?? "") }
            let articles = facts.ids.map(\.name).filter { $0.hasPrefix("p-") && !$0.contains("--") }
            #expect(articles == expected, "\(guide)")
            for reference in facts.references where reference.element == "a" {
                let value = reference.value
                if value.hasPrefix("http://") || value.hasPrefix("https://") || value.hasPrefix("mailto:") { continue }
                #expect(value.hasPrefix("#"), "\(guide): \(value) leaves the document")
                #expect(ids.contains(String(value.dropFirst())), "\(guide): \(value) has no target")
            }
        }
    }

    @Test func theOverviewMapHasOneLinkPerPageAndTheListTheSamePages() throws {
        let page = try html("woudlopersgids/index.html")
        let wide = String(page[page.range(of: "<svg class=\"overview-map map-wide\"")!.lowerBound...])
        let svg = String(wide[..<wide.range(of: "</svg>")!.upperBound])
        let mapLinks = svg.matches(of: /<a class="map-page" href="([^"]+)"/).map { String($0.output.1) }
        let list = String(page[page.range(of: "<details class=\"map-text\">")!.lowerBound...])
        let listPart = String(list[..<list.range(of: "</details>")!.upperBound])
        let listLinks = listPart.matches(of: /<li><a href="([^"]+)">/).map { String($0.output.1) }
        let phasePages = page.matches(of: /<section class="phase-section"/).count
        #expect(phasePages == 4)
        // One node per page and phase it is in (a page in two phases has two), as the phase
        // sections below list them; one distinct link per page.
        let sections = String(page[page.range(of: "<section class=\"phase-section\"")!.lowerBound...])
        let cardLinks = sections.matches(of: /<h3 class="card-title"><a href="([^"]+)">/).map { String($0.output.1) }
        #expect(mapLinks.count == cardLinks.count && mapLinks.count > Set(mapLinks).count)
        #expect(Set(mapLinks) == Set(cardLinks))
        #expect(Set(listLinks) == Set(mapLinks))
        #expect(svg.contains("aria-hidden=\"true\""))
        #expect(svg.matches(of: /<a class="map-domain"/).count >= 5)
        #expect(svg.matches(of: /class="map-line"/).count >= 13)
    }

    @Test func domainPagesGroupTheirPagesByGuideAndPhase() throws {
        let page = try html("domeinen/wmo/index.html")
        let woudlopers = try #require(page.range(of: ">Woudlopersgids Informele Zorg</a></h2>"))
        let phases = page[woudlopers.upperBound...].matches(
            of: /<h3 class="phase-heading">Fase: <a href="[^"]+">([^<]+)<\/a>/
        )
        .map { String($0.output.1) }
        #expect(Array(phases.prefix(4)) == ["Voorbereiden", "Visie en beleid", "Uitvoeren", "Evalueren"])
    }
}
