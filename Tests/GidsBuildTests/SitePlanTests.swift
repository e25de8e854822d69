import GidsCore
import GidsFrontMatter
import GidsLoad
import GidsMarkdown
import Testing

@testable import GidsGraph
@testable import GidsPlan

/// The site plan of the real content and of the base fixture: one file per route, each
/// route's file where ``SiteRoutes`` and the graph put it.
@Suite struct SitePlanTests {
    func plan(_ root: String) throws -> (NavigationGraph, SitePlan, [Diagnostic]) {
        let (tree, _) = loadSources(root: root)
        let (model, _) = decodeContent(tree)
        var documents: [String: MarkdownDocument] = [:]
        for page in model.pages {
            documents[page.file.path] = MarkdownDocument(markdown: page.body, lineOffset: page.bodyLineOffset)
        }
        let graph = try #require(buildGraph(model: model, documents: documents, tree: tree).0)
        let (plan, diagnostics) = planSite(graph)
        return (graph, plan, diagnostics)
    }

    @Test(arguments: [Repo.root + "/content", Repo.fixtures + "/base/content"])
    func everyRouteHasAFileOfItsOwn(root: String) throws {
        let (graph, plan, diagnostics) = try plan(root)
        #expect(diagnostics.isEmpty)
        let paths = plan.routes.map { $0.path.lowercased() }
        #expect(Set(paths).count == paths.count)
        // Every page of every guide is planned, at the URL the graph gave it.
        for guide in graph.guides {
            for id in guide.readingOrder {
                #expect(plan.path(of: .page(id)) == graph.pages[id].map { $0.url + "index.html" })
            }
            #expect(plan.path(of: .printEdition(guide.slug)) == SiteRoutes.printEdition(of: guide.url) + "index.html")
            #expect(plan.path(of: .feed(guide.slug)) == SiteRoutes.feed(of: guide.url))
        }
        #expect(plan.path(of: .home) == "index.html")
        #expect(plan.path(of: .notFound) == SiteRoutes.notFoundFile)
    }

    /// The plan says which routes are filtered listings and what their cards share; the
    /// renderer leaves that taxonomy out of their filters.
    @Test func listingRoutesSayWhatTheirCardsShare() throws {
        let (_, plan, _) = try plan(Repo.root + "/content")
        var kinds: [String: Int] = [:]
        for planned in plan.routes {
            guard let listing = planned.route.listing else { continue }
            switch (planned.route, listing.shared) {
            case (.guide(let slug), .nothing), (.phase(let slug, _), .phase):
                #expect(listing.guide == slug)
                kinds["\(listing.shared)", default: 0] += 1
            case (.term(let slug, let taxonomy, _), .value(let shared)),
                (.facetValue(let slug, let taxonomy, _), .value(let shared)):
                #expect(listing.guide == slug && shared == taxonomy)
                kinds["value", default: 0] += 1
            default:
                Issue.record("\(planned.route) is the listing \(listing)")
            }
        }
        // Three guide homes, eight phases, three doelgroep values, four facet values.
        #expect(kinds == ["nothing": 3, "phase": 8, "value": 7])
        #expect(Route.page("woudlopersgids/respijtzorg.md").listing == nil)
        #expect(Route.domain("wmo").listing == nil && Route.taxonomy(guide: "g", taxonomy: "t").listing == nil)
    }

    @Test func theChooserHasItsComparisonFacetValuesAndData() throws {
        let (graph, plan, _) = try plan(Repo.root + "/content")
        let chooser = try #require(graph.guides.first { !$0.config.facets.isEmpty })
        #expect(plan.path(of: .compare(chooser.slug)) != nil)
        #expect(plan.path(of: .chooserData(chooser.slug)) == chooser.url + "tools.json")
        // A facet value page exactly for the values some tool has.
        for facet in chooser.config.facets {
            for value in facet.values {
                let planned = plan.path(of: .facetValue(guide: chooser.slug, facet: facet.id, value: value.id))
                #expect((planned != nil) == !chooser.tools(with: facet, value, in: graph).isEmpty)
            }
        }
    }

    @Test func twoRoutesAtOneFileAreAnErrorAndTheFirstKeepsIt() {
        let routes = [
            PlannedRoute(route: .guide("wmo"), path: "wmo/index.html"),
            PlannedRoute(route: .page("x/wmo.md"), path: "WMO/index.html"),
            PlannedRoute(route: .search, path: "zoeken/index.html"),
        ]
        let (plan, diagnostics) = claimPaths(routes, reportedAt: SourceLocation(path: "content/site.yml"))
        #expect(
            diagnostics.map(\.formatted) == [
                "content/site.yml: error: two files would be written at 'WMO/index.html': guide 'wmo' and 'x/wmo.md' [plan.path-collision]\n  hint: give one of them another id or 'slug:'"
            ])
        #expect(plan.routes.map(\.path) == ["wmo/index.html", "zoeken/index.html"])
        #expect(plan.path(of: .page("x/wmo.md")) == nil)
    }
}

@Suite struct OldAddressTests {
    @Test(arguments: [
        ("/oud/adres/", [String](), "oud/adres/"), ("/oud/adres", [], "oud/adres/"), ("oud.html", [], "oud.html"),
        ("/gemma-zaken/a/b.html", ["/gemma-zaken"], "a/b.html"), ("/gidsen/a/", ["/gidsen/"], "a/"), ("/", [], ""),
    ])
    func anAliasIsASitePath(alias: String, bases: [String], path: String) {
        #expect(oldSitePath(alias, basePaths: bases) == path)
    }
}
