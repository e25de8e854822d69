import GidsCore
import GidsFrontMatter
import GidsLoad
import GidsMarkdown
import Testing

@testable import GidsGraph

/// The navigation graph of the base fixture: structure, order, backlinks and domains.
@Suite struct GraphTests {
    let graph: NavigationGraph

    init() throws {
        let (tree, loadDiagnostics) = loadSources(root: Repo.fixtures + "/base/content")
        let (model, modelDiagnostics) = decodeContent(tree)
        var documents: [String: MarkdownDocument] = [:]
        for page in model.pages {
            documents[page.file.path] = MarkdownDocument(markdown: page.body, lineOffset: page.bodyLineOffset)
        }
        let (graph, graphDiagnostics) = buildGraph(model: model, documents: documents, tree: tree)
        #expect((loadDiagnostics + modelDiagnostics + graphDiagnostics).isEmpty)
        self.graph = try #require(graph)
    }

    @Test func phasesHoldTheirPagesInOrder() throws {
        let guide = try #require(graph.guide("gids"))
        #expect(guide.phases.map(\.definition.id) == ["voorbereiden", "evalueren"])
        #expect(guide.phases.map(\.pages) == [["gids/een.md"], ["gids/twee.md"]])
        #expect(guide.readingOrder == ["gids/een.md", "gids/twee.md"])
        #expect(graph.pages["gids/twee.md"]?.url == "gids/twee/")
    }

    @Test func readingOrderGivesPreviousAndNextAcrossPhases() {
        #expect(graph.neighbours(of: "gids/een.md").next == "gids/twee.md")
        #expect(graph.neighbours(of: "gids/een.md").previous == nil)
        #expect(graph.neighbours(of: "gids/twee.md").previous == "gids/een.md")
    }

    @Test func backlinksComeFromLinksAndRelated() {
        #expect(graph.backlinks["gids/een.md"] == ["gids/twee.md"])
        #expect(graph.backlinks["gids/twee.md"] == ["gids/een.md"])
    }

    @Test func domainPagesListEveryPageInTheDomain() {
        let pagesByDomain = Dictionary(uniqueKeysWithValues: graph.domains.map { ($0.definition.id, $0.pages) })
        #expect(pagesByDomain["wmo"] == ["gids/een.md"])
        #expect(pagesByDomain["onderwijs"] == ["gids/twee.md"])
    }

    @Test func edgesAreTyped() {
        #expect(graph.edges.contains(Edge(from: .site, to: .guide("gids"), kind: .contains)))
        #expect(
            graph.edges.contains(Edge(from: .phase("gids", "voorbereiden"), to: .page("gids/een.md"), kind: .contains)))
        #expect(graph.edges.contains(Edge(from: .page("gids/een.md"), to: .page("gids/twee.md"), kind: .next)))
        #expect(graph.edges.contains(Edge(from: .page("gids/twee.md"), to: .page("gids/een.md"), kind: .related)))
        #expect(graph.edges.contains(Edge(from: .page("gids/twee.md"), to: .page("gids/een.md"), kind: .link)))
        #expect(graph.edges.contains(Edge(from: .page("gids/een.md"), to: .domain("wmo"), kind: .domain)))
    }

    @Test func linkResolverRules() {
        let resolver = LinkResolver(
            pageIDs: ["gids/een.md", "andere/sport.md"], assetPaths: ["gids/img/x.svg"], hasHome: true,
            rootDisplayPath: "content")
        let here = SourceLocation(path: "content/gids/twee.md", line: 1, column: 1)
        func resolve(_ destination: String, image: Bool = false) -> LinkTarget {
            resolver.resolve(destination, from: "gids/twee.md", at: here, isImage: image)
        }
        #expect(resolve("een.md#financi%C3%ABle-tekorten") == .page("gids/een.md", fragment: "financiële-tekorten"))
        #expect(resolve("../andere/sport.md#aanpak") == .page("andere/sport.md", fragment: "aanpak"))
        #expect(resolve("../index.md") == .home(fragment: nil))
        #expect(resolve("#boven") == .samePage(fragment: "boven"))
        #expect(resolve("img/x.svg?v=2") == .asset("gids/img/x.svg", fragment: nil))
        #expect(resolve("mailto:info@example.nl") == .external("mailto:info@example.nl"))
        /// The diagnostic of a link that must not resolve (nil when it resolved).
        func refusal(_ destination: String, image: Bool = false) -> Diagnostic? {
            if case .broken(let diagnostic) = resolve(destination, image: image) { return diagnostic }
            return nil
        }
        #expect(refusal("javascript:alert(1)")?.code == "link.unsafe-scheme")
        // Absolute paths start at the content root; a page is also reached as other generators link to it.
        #expect(resolve("/gids/een.md") == .page("gids/een.md", fragment: nil))
        #expect(resolve("/gids/een/") == .page("gids/een.md", fragment: nil))
        #expect(resolve("een.html#x") == .page("gids/een.md", fragment: "x"))
        #expect(resolve("../andere/sport") == .page("andere/sport.md", fragment: nil))
        #expect(resolve("/") == .home(fragment: nil))
        #expect(refusal("./")?.hint == "the folder has no index.md: link to a page (.md file)")
        #expect(refusal("../../buiten.md")?.code == "link.outside-content")
        #expect(refusal("https://example.org/a.png", image: true)?.code == "link.external-image")
        #expect(resolve("data:image/png;base64,AAAA", image: true) == .external("data:image/png;base64,AAAA"))
        #expect(refusal("README.md")?.code == "link.readme")
        #expect(resolve("een") == .page("gids/een.md", fragment: nil))
        #expect(refusal("een.md", image: true)?.code == "link.image-is-page")
        #expect(refusal("guide.yml")?.code == "link.settings-file")
    }
}

/// Edges are kept in the order they are made: that order must not depend on the order in
/// which pages arrive.
@Suite struct EdgeOrderTests {
    @Test func edgesDoNotDependOnThePagesOrder() throws {
        let (tree, _) = loadSources(root: Repo.fixtures + "/base/content")
        let (model, _) = decodeContent(tree)
        var documents: [String: MarkdownDocument] = [:]
        for page in model.pages {
            documents[page.file.path] = MarkdownDocument(markdown: page.body, lineOffset: page.bodyLineOffset)
        }
        var reversed = model
        reversed.pages.reverse()
        #expect(model.pages.map(\.file.path) != reversed.pages.map(\.file.path))
        let first = try #require(buildGraph(model: model, documents: documents, tree: tree).0)
        let second = try #require(buildGraph(model: reversed, documents: documents, tree: tree).0)
        #expect(first.edges.count > 5)
        #expect(first.edges == second.edges)
    }
}
