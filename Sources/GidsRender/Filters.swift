import GidsCore
import GidsFrontMatter
import GidsGraph
import GidsPlan
import GidsTemplates

/// The filters of a guide's listing pages (`filters:` in `guide.yml`; a chooser's facets when
/// the key is absent): each card carries its values as `taxonomy:value` tokens, and the form
/// lists the values that occur on the listing with their counts. `assets/filters.js` narrows
/// the cards (OR within a taxonomy, AND across); without JavaScript the form stays hidden and
/// every value keeps its own static page (phase, value or facet page).
extension Renderer {
    /// What a listing counts: pages, or a chooser's tools.
    enum FilterNoun {
        case page, tool

        var one: String { self == .page ? "pagina" : "tool" }
        var many: String { self == .page ? "pagina’s" : "tools" }
        func label(_ count: Int) -> String { count == 1 ? "1 \(one)" : "\(count) \(many)" }
    }

    /// The filter tokens of page or tool `id` in `guide` (`phase:uitvoeren doelgroep:vrijwilligers`),
    /// in the order of `filters:`; nil when the guide has no filters. `phase`: the one phase the
    /// card stands for (a phase section of the guide home), instead of all of the page's phases.
    func filterTokens(_ id: String, in guide: GuideNode, phase: String? = nil) -> String? {
        let taxonomies = guide.config.filterTaxonomies
        guard !taxonomies.isEmpty, let page = graph.pages[id] else { return nil }
        var tokens: [String] = []
        for taxonomy in taxonomies {
            if let phase, taxonomy.id == guide.config.phaseAxis {
                tokens.append("\(taxonomy.id):\(phase)")
                continue
            }
            for value in page.metadata.terms[taxonomy.id] ?? [] { tokens.append("\(taxonomy.id):\(value.value)") }
        }
        return tokens.joined(separator: " ")
    }

    /// The filter form of `listing` (a route of the plan, ``Route/listing``), whose cards are
    /// `items` (page or tool ids; one id may stand on several cards), without the taxonomy every
    /// card shares. Nil when the guide has no filters, or none of them would change the list.
    func filterForm(
        _ guide: GuideNode, _ listing: Listing?, items: [(id: String, tokens: String?)], noun: FilterNoun = .page
    ) -> TemplateObject? {
        guard let listing, !guide.config.filters.isEmpty else { return nil }
        let except: Set<String>
        switch listing.shared {
        case .nothing: except = []
        case .phase: except = guide.config.phaseAxis.map { [$0] } ?? []
        case .value(let taxonomy): except = [taxonomy]
        }
        var itemsWithToken: [Substring: Set<String>] = [:]
        var all = Set<String>()
        for item in items {
            all.insert(item.id)
            for token in (item.tokens ?? "").split(separator: " ") {
                itemsWithToken[token, default: []].insert(item.id)
            }
        }
        let taxonomies = guide.config.filterTaxonomies.filter { !except.contains($0.id) }.compactMap {
            taxonomy -> TemplateObject? in
            let values = taxonomy.values.compactMap { value -> TemplateObject? in
                let count = itemsWithToken[Substring("\(taxonomy.id):\(value.id)")]?.count ?? 0
                guard count > 0 else { return nil }
                return TemplateObject(
                    Contexts.filterValue,
                    [
                        "id": .text(value.id), "title": .text(value.title), "taxonomy": .text(taxonomy.id),
                        "count": .number(count),
                    ])
            }
            // One value that every item has narrows nothing.
            if values.isEmpty { return nil }
            if values.count == 1, case .number(let count) = values[0]["count"], count == all.count { return nil }
            return TemplateObject(
                Contexts.filterTaxonomy,
                ["id": .text(taxonomy.id), "title": .text(taxonomy.title), "values": .objects(values)])
        }
        guard !taxonomies.isEmpty else { return nil }
        return TemplateObject(
            Contexts.filters,
            [
                "taxonomies": .objects(taxonomies), "count": .number(all.count),
                "count_label": .text(noun.label(all.count)), "noun_one": .text(noun.one),
                "noun_many": .text(noun.many),
            ])
    }

    /// The scripts of a listing page: `base`, and the filter script when it has filters.
    func filterScripts(_ filters: TemplateObject?, _ base: [String] = []) -> [String] {
        filters == nil ? base : ["assets/filters.js"] + base
    }
}
