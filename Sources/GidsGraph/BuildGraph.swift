import GidsCore
import GidsFrontMatter
import GidsLinks
import GidsLoad
import GidsMarkdown

/// Site paths the generator itself uses; no page may take them.
public let reservedPaths: [String: String] = [
    "zoeken/": "the search page", "domeinen/": "the policy domains overview", "assets/": "the stylesheet and scripts",
    "toegankelijkheid/": "the accessibility statement", "search/": "the search index",
]

/// The graph stage: places every page in its guide and phase, gives it a URL, resolves its
/// links and `related:` entries, and derives reading order, backlinks and domain lists.
///
/// `documents` holds the parsed body of each page by content path (and of `index.md`).
/// Diagnostics: unknown phase or domain ids (with did-you-mean), a missing phase in a phased
/// guide, a phase on a chooser page, broken `related:` entries, and two things at one URL.
/// Returns nil only when the site file is missing or invalid.
public func buildGraph(
    model: ContentModel, documents: [String: MarkdownDocument], tree: SourceTree
) -> (NavigationGraph?, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    guard let site = model.site else { return (nil, diagnostics) }
    let domainIDs = site.domains.map(\.id)
    let guidesByFolder = Dictionary(uniqueKeysWithValues: model.guides.map { ($0.folder, $0) })
    // Lowercased URL → owner: URLs that differ only in case collide on case-insensitive hosts.
    var urlOwners: [String: String] = [:]
    func claim(
        _ url: String, by owner: String, at location: SourceLocation,
        hint: String = "give one of them another file name or a 'slug:'"
    ) {
        if let existing = reservedPaths[url] ?? urlOwners[url.lowercased()] {
            diagnostics.append(
                .error(
                    location, "\(owner) would get the URL '/\(url)', which \(existing) already has",
                    code: "graph.url-collision", hint: hint))
        } else {
            urlOwners[url.lowercased()] = owner
        }
    }
    claim("", by: "the home page", at: site.file.location())
    for domain in site.domains { claim("domeinen/\(domain.id)/", by: "domain '\(domain.id)'", at: domain.location) }
    let sortedGuides = model.guides.sorted {
        ($0.order ?? Int.max, $0.title, $0.folder) < ($1.order ?? Int.max, $1.title, $1.folder)
    }
    for guide in sortedGuides {
        claim(
            guide.slug + "/", by: "guide '\(guide.title)'", at: guide.file.location(), hint: "rename the guide folder")
        for phase in guide.phases {
            claim(
                "\(guide.slug)/\(phase.id)/", by: "phase '\(phase.title)'", at: phase.location,
                hint: "give the phase another id, or the page another file name or a 'slug:'")
        }
        claim("\(guide.slug)/print/", by: "the print edition of '\(guide.title)'", at: guide.file.location())
        if !guide.facets.isEmpty {
            claim("\(guide.slug)/vergelijk/", by: "the comparison page of '\(guide.title)'", at: guide.file.location())
        }
        for facet in guide.facets {
            claim(
                "\(guide.slug)/\(Slug.make(facet.id))/", by: "the pages of facet '\(facet.title)'", at: facet.location,
                hint: "give the facet another id, or the page another file name or a 'slug:'")
        }
    }

    let resolver = LinkResolver(
        // Every Markdown file counts as a page here, also one whose front matter failed:
        // its own diagnostic says what is wrong, and links to it are not broken.
        pageIDs: Set(tree.markdownFiles.map(\.path)), assetPaths: Set(tree.assets.map(\.path)),
        hasHome: model.home != nil, rootDisplayPath: tree.rootDisplayPath)

    var pages: [String: PageNode] = [:]
    // Pages with a `slug:` claim their URL last, so a collision is reported where the slug is.
    let claimOrder = model.pages.sorted {
        ($0.metadata.slug == nil ? 0 : 1, $0.file.path) < ($1.metadata.slug == nil ? 0 : 1, $1.file.path)
    }
    for source in claimOrder {
        let path = source.file.path
        guard let document = documents[path] else { continue }
        let folder = String(path.split(separator: "/")[0])
        guard let guide = guidesByFolder[folder] else { continue }
        let metadata = source.metadata
        // Phase: required in a phased guide, refused elsewhere.
        var phaseID: String?
        if !guide.phases.isEmpty {
            if let phase = metadata.phase {
                if guide.phases.contains(where: { $0.id == phase.value }) {
                    phaseID = phase.value
                } else {
                    let ids = guide.phases.map(\.id)
                    diagnostics.append(
                        .error(
                            phase.location,
                            "unknown phase '\(phase.value)' (expected one of: \(ids.joined(separator: ", ")))",
                            code: "page.unknown-phase",
                            hint: Suggestion.closest(to: phase.value, among: ids).map { "did you mean '\($0)'?" }))
                }
            } else {
                diagnostics.append(
                    .error(
                        source.file.location(line: 1, column: 1), "missing required key 'phase'",
                        code: "frontmatter.missing-key",
                        hint: "one of: \(guide.phases.map(\.id).joined(separator: ", "))"))
            }
        } else if let phase = metadata.phase {
            diagnostics.append(
                .warning(
                    phase.location, "guide '\(guide.title)' has no phases; 'phase' is ignored",
                    code: "page.phase-ignored"))
        }
        for domain in metadata.domains where !domainIDs.contains(domain.value) {
            diagnostics.append(
                .error(
                    domain.location,
                    "unknown domain '\(domain.value)' (expected one of: \(domainIDs.joined(separator: ", ")))",
                    code: "page.unknown-domain",
                    hint: Suggestion.closest(to: domain.value, among: domainIDs).map { "did you mean '\($0)'?" }))
        }
        for use in metadata.usedBy {
            guard let url = use.url, !LinkResolver.isWebAddress(url.value) else { continue }
            diagnostics.append(
                .error(
                    url.location, "'url' must be a web address starting with https:// or http://", code: "tool.url",
                    hint: LinkRules.scheme(of: url.value) == nil ? "for example 'https://\(url.value)'" : nil))
        }
        let url = pageURL(path: path, guide: guide, slug: metadata.slug?.value)
        claim(url, by: "'\(source.file.displayPath)'", at: metadata.slug?.location ?? source.file.location())
        let links = resolver.resolveLinks(of: document, in: source.file)
        var related: [String] = []
        for entry in metadata.related {
            switch resolver.resolve(entry.value, from: path, at: entry.location, isImage: false) {
            case .page(let id, _) where id == path:
                diagnostics.append(
                    .warning(entry.location, "a page cannot be related to itself", code: "page.related-self"))
            case .page(let id, _) where related.contains(id):
                diagnostics.append(
                    .warning(
                        entry.location, "'\(entry.value)' is listed twice in 'related'",
                        code: "frontmatter.duplicate-item"))
            case .page(let id, let fragment):
                if fragment != nil {
                    diagnostics.append(
                        .warning(
                            entry.location, "'related' lists pages; the '#\(fragment!)' part is ignored",
                            code: "page.related-fragment"))
                }
                related.append(id)
            case .broken(let diagnostic): diagnostics.append(diagnostic)
            default:
                diagnostics.append(
                    .error(entry.location, "'related' entries must be pages (.md files)", code: "page.related-not-page")
                )
            }
        }
        pages[path] = PageNode(
            id: path, source: source, document: document, guide: guide.slug, url: url, phase: phaseID,
            links: links, related: related,
            lastUpdated: source.metadata.updated ?? tree.commitDates[path])
    }

    var home: PageNode?
    if let source = model.home, let document = documents[source.file.path] {
        let links = resolver.resolveLinks(of: document, in: source.file)
        home = PageNode(
            id: source.file.path, source: source, document: document, guide: nil, url: "", phase: nil, links: links,
            related: [], lastUpdated: source.metadata.updated ?? tree.commitDates[source.file.path])
    }

    func readingKey(_ id: String) -> (Int, String, String) {
        let page = pages[id]!
        return (page.metadata.order ?? Int.max, page.metadata.title, id)
    }
    var guides: [GuideNode] = []
    var edges: [Edge] = []
    for guide in sortedGuides {
        let members = pages.values.filter { $0.guide == guide.slug }.map(\.id)
        if members.isEmpty && model.pages.allSatisfy({ !$0.file.path.hasPrefix(guide.folder + "/") }) {
            diagnostics.append(
                .warning(guide.file.location(), "guide '\(guide.title)' has no pages yet", code: "guide.empty"))
        }
        var phases: [PhaseNode] = []
        var reading: [String] = []
        var ordinary: [String] = []
        let tools = members.filter { pages[$0]!.metadata.kind == .tool }.sorted { readingKey($0) < readingKey($1) }
        edges.append(Edge(from: .site, to: .guide(guide.slug), kind: .contains))
        if guide.phases.isEmpty {
            ordinary = members.filter { pages[$0]!.metadata.kind == .page }.sorted { readingKey($0) < readingKey($1) }
            reading = ordinary + tools
            for id in reading { edges.append(Edge(from: .guide(guide.slug), to: .page(id), kind: .contains)) }
        } else {
            for (index, phase) in guide.phases.enumerated() {
                let inPhase = members.filter { pages[$0]!.phase == phase.id }.sorted { readingKey($0) < readingKey($1) }
                phases.append(
                    PhaseNode(
                        guide: guide.slug, definition: phase, number: index + 1, url: "\(guide.slug)/\(phase.id)/",
                        pages: inPhase))
                edges.append(Edge(from: .guide(guide.slug), to: .phase(guide.slug, phase.id), kind: .contains))
                for id in inPhase {
                    edges.append(Edge(from: .phase(guide.slug, phase.id), to: .page(id), kind: .contains))
                }
                reading += inPhase
            }
            ordinary = reading
        }
        for (a, b) in zip(reading, reading.dropFirst()) {
            edges.append(Edge(from: .page(a), to: .page(b), kind: .next))
        }
        guides.append(
            GuideNode(
                config: guide, url: guide.slug + "/", phases: phases, readingOrder: reading, pages: ordinary,
                tools: tools))
    }

    // Global reading position: guide order, then reading order within the guide.
    var position: [String: Int] = [:]
    for guide in guides { for id in guide.readingOrder { position[id] = position.count } }

    var backlinkSets: [String: Set<String>] = [:]
    for page in pages.values.sorted(by: { $0.id < $1.id }) {
        for link in page.links {
            if case .page(let target, _) = link.target {
                edges.append(Edge(from: .page(page.id), to: .page(target), kind: .link))
                if target != page.id { backlinkSets[target, default: []].insert(page.id) }
            }
        }
        for target in page.related {
            edges.append(Edge(from: .page(page.id), to: .page(target), kind: .related))
            if target != page.id { backlinkSets[target, default: []].insert(page.id) }
        }
        for domain in page.metadata.domains where domainIDs.contains(domain.value) {
            edges.append(Edge(from: .page(page.id), to: .domain(domain.value), kind: .domain))
        }
    }
    let backlinks = backlinkSets.mapValues { $0.sorted { (position[$0] ?? 0) < (position[$1] ?? 0) } }

    let domains = site.domains.map { domain in
        DomainNode(
            definition: domain, url: "domeinen/\(domain.id)/",
            pages: pages.values.filter { $0.metadata.domains.contains { $0.value == domain.id } }.map(\.id)
                .sorted { (position[$0] ?? 0) < (position[$1] ?? 0) })
    }
    edges.sort { ($0.from, $0.kind, $0.to) < ($1.from, $1.kind, $1.to) }

    var graph = NavigationGraph(
        site: site, home: home, guides: guides, domains: domains, pages: pages, edges: edges, backlinks: backlinks,
        assets: Dictionary(uniqueKeysWithValues: tree.assets.map { ($0.path, $0) }))
    graph.synonyms = model.synonyms
    return (graph, diagnostics)
}

/// The site path of a page: the guide slug, the slugs of any subfolders, and the page slug
/// (`slug:` or the slugified file name; `index.md` takes its folder's URL).
func pageURL(path: String, guide: GuideConfig, slug: String?) -> String {
    var segments = path.split(separator: "/").map(String.init)
    segments.removeFirst()
    let file = segments.removeLast()
    let base = String(file.dropLast(3))
    var parts = [guide.slug] + segments.map { Slug.make($0) }
    if let slug {
        parts.append(slug)
    } else if base.lowercased() != "index" {
        parts.append(Slug.make(base))
    }
    return parts.joined(separator: "/") + "/"
}
