import GidsCore
import GidsFrontMatter
import GidsGraph

/// The pages gids makes, as search documents: each guide's home, its phases, its taxonomy and
/// facet values, and every beleidsdomein. Fields: the title, the summary, and the titles of
/// the pages the page lists (`listed`, also the snippet text), so that `wmo` finds the domain
/// page "Wmo 2015" and `vrijwilligers` the value page "Vrijwilligers". Their weighted length
/// is short, so BM25 ranks one first when the query is its title.
func listingDocuments(_ graph: NavigationGraph) -> [DocumentSource] {
    func titles(_ ids: [String]) -> String {
        ids.compactMap { graph.pages[$0].map { Tokenizer.normalized($0.metadata.title) } }.joined(separator: " · ")
    }
    func document(
        url: String, title: String, guide: String, phase: String? = nil, kind: SearchIndex.Document.Kind,
        location: [String], summary: String?, listed: String
    ) -> DocumentSource {
        let summary = Tokenizer.normalized(summary ?? "")
        return DocumentSource(
            url: url, title: Tokenizer.normalized(title), guide: guide, phase: phase, kind: kind,
            location: location.joined(separator: " › "), summary: summary,
            texts: [("title", Tokenizer.normalized(title)), ("summary", summary), ("listed", listed)])
    }
    var documents: [DocumentSource] = []
    for guide in graph.guides {
        let name = guide.config.title
        documents.append(
            document(
                url: guide.url, title: name, guide: name, kind: .guide, location: [], summary: guide.config.summary,
                listed: (guide.phases.map(\.definition.title) + [titles(guide.readingOrder)]).joined(separator: " · ")))
        for phase in guide.phases {
            documents.append(
                document(
                    url: phase.url, title: phase.definition.title, guide: name, phase: phase.definition.title,
                    kind: .phase, location: [name], summary: phase.definition.summary, listed: titles(phase.pages)))
        }
        for taxonomy in guide.taxonomies {
            for term in taxonomy.terms {
                documents.append(
                    document(
                        url: term.url, title: term.value.title, guide: name, kind: .value,
                        location: [name, taxonomy.definition.title], summary: term.value.summary,
                        listed: titles(term.pages)))
            }
        }
        for facet in guide.config.facets {
            for value in facet.values {
                let tools = guide.tools(with: facet, value, in: graph)
                guard !tools.isEmpty else { continue }
                documents.append(
                    document(
                        url: SiteRoutes.facetValue(of: guide.url, facet: facet.id, value: value.id), title: value.title,
                        guide: name, kind: .value, location: [name, facet.title], summary: value.summary,
                        listed: titles(tools)))
            }
        }
    }
    for domain in graph.domains {
        documents.append(
            document(
                url: domain.url, title: domain.definition.title, guide: "", kind: .domain,
                location: ["Beleidsdomeinen"],
                summary: domain.definition.summary, listed: titles(domain.pages)))
    }
    return documents
}
