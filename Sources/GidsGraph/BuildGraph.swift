import Foundation
import GidsCore
import GidsFrontMatter
import GidsLinks
import GidsLoad
import GidsMarkdown

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
    var model = model
    var dropsTitle = Set<String>()
    for index in model.pages.indices {
        guard let document = documents[model.pages[index].file.path] else { continue }
        if completeTitleAndSummary(&model.pages[index], document: document, diagnostics: &diagnostics) {
            dropsTitle.insert(model.pages[index].file.path)
        }
    }
    let domainIDs = site.domains.map(\.id)
    let guidesByFolder = Dictionary(uniqueKeysWithValues: model.guides.map { ($0.folder, $0) })
    // Lowercased URL → owner: URLs that differ only in case collide on case-insensitive hosts.
    var urlOwners: [String: String] = [:]
    // Site paths of the pages gids makes, which Markdown may link to.
    var generatedPaths: Set<String> = [SiteRoutes.search, SiteRoutes.pageIndex]
    if !site.domains.isEmpty { generatedPaths.insert(SiteRoutes.domains) }
    if site.accessibility != nil { generatedPaths.insert(SiteRoutes.accessibility) }
    func claim(
        _ url: String, by owner: String, at location: SourceLocation,
        hint: String = "give one of them another file name or a 'slug:'"
    ) {
        if let existing = SiteRoutes.reserved[url] ?? urlOwners[url.lowercased()] {
            diagnostics.append(
                .error(
                    location, "\(owner) would get the URL '/\(url)', which \(existing) already has",
                    code: "graph.url-collision", hint: hint))
        } else {
            urlOwners[url.lowercased()] = owner
        }
    }
    claim("", by: "the home page", at: site.file.location())
    for domain in site.domains {
        claim(SiteRoutes.domain(domain.id), by: "domain '\(domain.id)'", at: domain.location)
        generatedPaths.insert(SiteRoutes.domain(domain.id))
    }
    let sortedGuides = model.guides.sorted {
        ($0.order ?? Int.max, $0.title, $0.folder) < ($1.order ?? Int.max, $1.title, $1.folder)
    }
    for guide in sortedGuides {
        claim(
            SiteRoutes.guide(guide.slug), by: "guide '\(guide.title)'", at: guide.file.location(),
            hint: "rename the guide folder")
        generatedPaths.formUnion([
            SiteRoutes.guide(guide.slug), SiteRoutes.printEdition(of: SiteRoutes.guide(guide.slug)),
        ])
        for phase in guide.phases {
            claim(
                SiteRoutes.phase(of: SiteRoutes.guide(guide.slug), phase: phase.id), by: "phase '\(phase.title)'",
                at: phase.location,
                hint: "give the phase another id, or the page another file name or a 'slug:'")
            generatedPaths.insert(SiteRoutes.phase(of: SiteRoutes.guide(guide.slug), phase: phase.id))
        }
        claim(
            SiteRoutes.printEdition(of: SiteRoutes.guide(guide.slug)), by: "the print edition of '\(guide.title)'",
            at: guide.file.location())
        if !guide.facets.isEmpty {
            claim(
                SiteRoutes.compare(of: SiteRoutes.guide(guide.slug)), by: "the comparison page of '\(guide.title)'",
                at: guide.file.location())
            generatedPaths.insert(SiteRoutes.compare(of: SiteRoutes.guide(guide.slug)))
        }
        for facet in guide.facets {
            claim(
                SiteRoutes.facet(of: SiteRoutes.guide(guide.slug), facet: facet.id),
                by: "the pages of facet '\(facet.title)'", at: facet.location,
                hint: "give the facet another id, or the page another file name or a 'slug:'")
        }
        for taxonomy in guide.listedTaxonomies {
            let url = SiteRoutes.taxonomy(of: SiteRoutes.guide(guide.slug), taxonomy: taxonomy.id)
            claim(
                url, by: "the overview of '\(taxonomy.title)'", at: taxonomy.location,
                hint: "give the taxonomy another id, or the page another file name or a 'slug:'")
            generatedPaths.insert(url)
            for value in taxonomy.values {
                claim(
                    SiteRoutes.term(of: url, value: value.id), by: "the pages of '\(value.title)'",
                    at: taxonomy.location)
                generatedPaths.insert(SiteRoutes.term(of: url, value: value.id))
            }
        }
    }

    var resolver = LinkResolver(
        // Every Markdown file counts as a page here, also one whose front matter failed:
        // its own diagnostic says what is wrong, and links to it are not broken.
        pageIDs: Set(tree.markdownFiles.map(\.path)), assetPaths: Set(tree.assets.map(\.path)),
        hasHome: model.home != nil, rootDisplayPath: tree.rootDisplayPath)
    resolver.siteBasePath = site.basePath
    resolver.allowsExternalImages = site.allowExternalImages
    for guide in model.guides where guide.source != nil { resolver.mountedGuides[guide.folder] = guide.basePath }
    resolver.displayPaths = { [tree] in tree.displayPathOfFile($0) }
    resolver.generatedPaths = generatedPaths
    resolver.guideSlugs = Dictionary(uniqueKeysWithValues: model.guides.map { ($0.folder, $0.slug) })

    // Pages that introduce a phase or a taxonomy value live at its URL, at the top of its page.
    var introductions: [String: String] = [:]
    let markdownPaths = Set(tree.markdownFiles.map(\.path))
    for guide in sortedGuides {
        let guideURL = SiteRoutes.guide(guide.slug)
        var declared: [(Located<String>, String)] = guide.phases.compactMap { phase in
            phase.introduction.map { ($0, SiteRoutes.phase(of: guideURL, phase: phase.id)) }
        }
        for taxonomy in guide.listedTaxonomies {
            let url = SiteRoutes.taxonomy(of: guideURL, taxonomy: taxonomy.id)
            for value in taxonomy.values {
                if let path = value.introduction { declared.append((path, SiteRoutes.term(of: url, value: value.id))) }
            }
        }
        for (path, url) in declared {
            guard markdownPaths.contains(path.value) else {
                let inGuide = markdownPaths.filter { $0.hasPrefix(guide.folder + "/") }.map {
                    String($0.dropFirst(guide.folder.count + 1))
                }
                diagnostics.append(
                    .error(
                        path.location,
                        "'introduction' names no page of this guide: '\(path.value.dropFirst(guide.folder.count + 1))'",
                        code: "guide.introduction",
                        hint: Suggestion.closest(
                            to: String(path.value.dropFirst(guide.folder.count + 1)), among: inGuide.sorted()
                        )
                        .map { "did you mean '\($0)'?" }))
                continue
            }
            introductions[path.value] = url
        }
    }

    var pages: [String: PageNode] = [:]
    // Pages with a `slug:` claim their URL last, so a collision is reported where the slug is.
    let claimOrder = model.pages.sorted {
        ($0.metadata.slug == nil ? 0 : 1, $0.file.path) < ($1.metadata.slug == nil ? 0 : 1, $1.file.path)
    }
    // A page's node reads only the resolver, the documents and its guide: every page on all
    // cores. Only claiming its URL (first come, first served) is done in order afterwards.
    let frozenResolver = resolver
    let introductionURLs = introductions
    let titleDrops = dropsTitle
    let prepared = claimOrder.concurrentMap { source -> (node: PageNode, claimed: Bool, diagnostics: [Diagnostic])? in
        let path = source.file.path
        guard let document = documents[path] else { return nil }
        guard let folder = path.split(separator: "/").first, let guide = guidesByFolder[String(folder)] else {
            return nil
        }
        var diagnostics: [Diagnostic] = []
        let metadata = source.metadata
        // Phases in the guide's order; the first is where the page sits in the reading order.
        let phaseIDs = guide.phases.map(\.id).filter { id in metadata.phases.contains { $0.value == id } }
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
        let url = introductionURLs[path] ?? pageURL(path: path, guide: guide, slug: metadata.slug?.value)
        // The guide's own index.md introduces the guide at the guide's URL, an introduction its
        // phase or value at theirs.
        let claimed = introductionURLs[path] == nil && (!isGuideIndex(path, of: guide) || metadata.slug != nil)
        let links = frozenResolver.resolveLinks(of: document, in: source.file).map {
            canonicalFragments($0, from: path, documents: documents)
        }
        var related: [String] = []
        for entry in metadata.related {
            switch frozenResolver.resolve(entry.value, from: path, at: entry.location, isImage: false) {
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
        let node = PageNode(
            id: path, source: source, document: document, guide: guide.slug, url: url, phases: phaseIDs,
            dropsLeadingTitle: titleDrops.contains(path), links: links, related: related,
            lastUpdated: metadata.updated ?? tree.commitDates[path])
        return (node, claimed, diagnostics)
    }
    pages.reserveCapacity(prepared.count)
    for entry in prepared {
        guard let (node, claimed, pageDiagnostics) = entry else { continue }
        diagnostics += pageDiagnostics
        if claimed {
            claim(
                node.url, by: "'\(node.source.file.displayPath)'",
                at: node.metadata.slug?.location ?? node.source.file.location())
        }
        pages[node.id] = node
    }

    var home: PageNode?
    if let source = model.home, let document = documents[source.file.path] {
        let links = resolver.resolveLinks(of: document, in: source.file).map {
            canonicalFragments($0, from: source.file.path, documents: documents)
        }
        home = PageNode(
            id: source.file.path, source: source, document: document, guide: nil, url: "", phases: [],
            dropsLeadingTitle: false, links: links,
            related: [], lastUpdated: source.metadata.updated ?? tree.commitDates[source.file.path])
    }

    // `reading_order:` of each guide (the source's own navigation): position by page id.
    var listed: [String: Int] = [:]
    for guide in model.guides {
        for (index, path) in guide.readingOrderPaths.enumerated() where listed[path] == nil { listed[path] = index }
    }
    /// Reading order: `order:`, then `reading_order:`, then the title with its numbers read as
    /// numbers ("Sprint 2" before "Sprint 10"), then the path.
    func readsBefore(_ a: String, _ b: String) -> Bool {
        let (first, second) = (pages[a]!, pages[b]!)
        let keys = (first.metadata.order ?? Int.max, listed[a] ?? Int.max)
        let others = (second.metadata.order ?? Int.max, listed[b] ?? Int.max)
        if keys != others { return keys < others }
        if first.metadata.title != second.metadata.title {
            return NaturalOrder.less(first.metadata.title, second.metadata.title)
        }
        return a < b
    }
    var guides: [GuideNode] = []
    var edges: [Edge] = []
    for guide in sortedGuides {
        let introduction = (pages[guide.folder + "/index.md"] ?? pages[guide.folder + "/_index.md"]).flatMap {
            $0.url == SiteRoutes.guide(guide.slug) ? $0.id : nil
        }
        let members = pages.values.filter {
            $0.guide == guide.slug && $0.id != introduction && introductions[$0.id] == nil
        }.map(\.id)
        if members.isEmpty && model.pages.allSatisfy({ !$0.file.path.hasPrefix(guide.folder + "/") }) {
            diagnostics.append(
                .warning(guide.file.location(), "guide '\(guide.title)' has no pages yet", code: "guide.empty"))
        }
        var phases: [PhaseNode] = []
        var reading: [String] = []
        var ordinary: [String] = []
        let tools = members.filter { pages[$0]!.metadata.kind == .tool }.sorted(by: readsBefore)
        edges.append(Edge(from: .site, to: .guide(guide.slug), kind: .contains))
        if let introduction { edges.append(Edge(from: .guide(guide.slug), to: .page(introduction), kind: .contains)) }
        if guide.phases.isEmpty {
            ordinary = members.filter { pages[$0]!.metadata.kind == .page }.sorted(by: readsBefore)
            reading = ordinary + tools
            for id in reading { edges.append(Edge(from: .guide(guide.slug), to: .page(id), kind: .contains)) }
        } else {
            for (index, phase) in guide.phases.enumerated() {
                let inPhase = members.filter { pages[$0]!.phases.contains(phase.id) }
                    .sorted(by: readsBefore)
                phases.append(
                    PhaseNode(
                        guide: guide.slug, definition: phase, number: index + guide.phaseNumbering,
                        introduction: phase.introduction.map(\.value).flatMap { pages[$0] == nil ? nil : $0 },
                        url: SiteRoutes.phase(of: SiteRoutes.guide(guide.slug), phase: phase.id),
                        pages: inPhase))
                edges.append(Edge(from: .guide(guide.slug), to: .phase(guide.slug, phase.id), kind: .contains))
                for id in inPhase {
                    edges.append(Edge(from: .phase(guide.slug, phase.id), to: .page(id), kind: .contains))
                }
                // A page in several phases is read once, in its first phase.
                reading += inPhase.filter { pages[$0]!.phase == phase.id }
            }
            // Pages without a phase (allowed when the phase axis is not required) come last.
            let unphased = members.filter { pages[$0]!.phases.isEmpty }.sorted(by: readsBefore)
            for id in unphased { edges.append(Edge(from: .guide(guide.slug), to: .page(id), kind: .contains)) }
            reading += unphased
            ordinary = reading
        }
        for (a, b) in zip(reading, reading.dropFirst()) {
            edges.append(Edge(from: .page(a), to: .page(b), kind: .next))
        }
        // Introductions are pages too: they are listed on the other values they have.
        let introducing = introductions.keys.filter { pages[$0]?.guide == guide.slug }.sorted()
        let taxonomies = guide.listedTaxonomies.map { taxonomy in
            let url = SiteRoutes.taxonomy(of: SiteRoutes.guide(guide.slug), taxonomy: taxonomy.id)
            return TaxonomyNode(
                guide: guide.slug, definition: taxonomy, url: url,
                terms: taxonomy.values.map { value in
                    TermNode(
                        value: value, url: SiteRoutes.term(of: url, value: value.id),
                        introduction: value.introduction.map(\.value).flatMap { pages[$0] == nil ? nil : $0 },
                        pages: (reading + introducing).filter { id in
                            id != value.introduction?.value
                                && pages[id]!.metadata.terms[taxonomy.id]?.contains { $0.value == value.id } ?? false
                        })
                })
        }
        for taxonomy in taxonomies {
            for term in taxonomy.terms {
                for id in term.pages {
                    edges.append(
                        Edge(from: .page(id), to: .term(guide.slug, taxonomy.definition.id, term.value.id), kind: .term)
                    )
                }
            }
        }
        guides.append(
            GuideNode(
                config: guide, url: SiteRoutes.guide(guide.slug), phases: phases, readingOrder: reading,
                pages: ordinary,
                tools: tools, taxonomies: taxonomies, introduction: introduction))
    }

    // Global reading position: guide order, then reading order within the guide.
    var position: [String: Int] = [:]
    for guide in guides { for id in guide.readingOrder { position[id] = position.count } }

    // Each page's outgoing edges and the other pages it points to (once each), on all cores;
    // then gathered in order.
    let linking = prepared.compactMap { $0?.node }.filter { pages[$0.id] === $0 }
    let outgoing = linking.concurrentMap { page -> (edges: [Edge], targets: [String]) in
        var edges: [Edge] = []
        var targets: [String] = []
        var seen: Set<String> = [page.id]
        for link in page.links {
            if case .page(let target, _) = link.target {
                edges.append(Edge(from: .page(page.id), to: .page(target), kind: .link))
                if seen.insert(target).inserted { targets.append(target) }
            }
        }
        for target in page.related {
            edges.append(Edge(from: .page(page.id), to: .page(target), kind: .related))
            if seen.insert(target).inserted { targets.append(target) }
        }
        for domain in page.metadata.domains where domainIDs.contains(domain.value) {
            edges.append(Edge(from: .page(page.id), to: .domain(domain.value), kind: .domain))
        }
        return (edges, targets)
    }
    var backlinkLists: [String: [String]] = [:]
    backlinkLists.reserveCapacity(linking.count)
    edges.reserveCapacity(edges.count + outgoing.reduce(0) { $0 + $1.edges.count })
    for (page, out) in zip(linking, outgoing) {
        edges += out.edges
        for target in out.targets { backlinkLists[target, default: []].append(page.id) }
    }
    // In reading position; ids break ties (pages outside every reading order), so the order
    // never depends on a Set's.
    func inReadingOrder(_ ids: some Sequence<String>) -> [String] {
        ids.map { (position[$0] ?? 0, $0) }.sorted { $0 < $1 }.map(\.1)
    }
    let backlinks = backlinkLists.mapValues(inReadingOrder)

    var domainMembers: [String: [String]] = [:]
    for page in linking {
        for domain in Set(page.metadata.domains.map(\.value)) { domainMembers[domain, default: []].append(page.id) }
    }
    let domains = site.domains.map { domain in
        DomainNode(
            definition: domain, url: SiteRoutes.domain(domain.id), pages: inReadingOrder(domainMembers[domain.id] ?? [])
        )
    }

    var graph = NavigationGraph(
        site: site, home: home, guides: guides, domains: domains, pages: pages, edges: edges, backlinks: backlinks,
        assets: Dictionary(uniqueKeysWithValues: tree.assets.map { ($0.path, $0) }))
    graph.synonyms = model.synonyms
    graph.linkResolver = resolver
    for guide in guides {
        for (index, id) in guide.readingOrder.enumerated() { graph.readingPosition[id] = index }
    }
    return (graph, diagnostics)
}

/// The site path of a page: the guide slug, the slugs of any subfolders, and the page slug
/// (`slug:` or the slugified file name; `index.md` takes its folder's URL).
public func pageURL(path: String, guide: GuideConfig, slug: String?) -> String {
    if guide.preservesURLs && !isGuideIndex(path, of: guide) {
        let style = guide.redirects ?? OldAddresses(style: .directory, lowercase: false)
        return style.path(of: String(path.dropFirst(guide.folder.count + 1)))
    }
    var segments = path.split(separator: "/").map(String.init)
    segments.removeFirst()
    let file = segments.removeLast()
    let base = String(file.dropLast(3))
    var parts = [guide.slug] + segments.map { Slug.make($0) }
    if let slug {
        parts.append(slug)
    } else if base.lowercased() != "index" && base != "_index" {
        parts.append(Slug.make(base))
    }
    return parts.joined(separator: "/") + "/"
}

/// Whether `path` is the guide's own index page (`index.md`, or Hugo's `_index.md`), which
/// introduces the guide at the guide's URL.
func isGuideIndex(_ path: String, of guide: GuideConfig) -> Bool {
    path == guide.folder + "/index.md" || path == guide.folder + "/_index.md"
}

/// Fills in what front matter left out, as a generator that takes the title from the text
/// does: the title from the body's leading level-1 heading (else its first heading, else the
/// file name), with a warning; the summary from the first paragraph (at most 200 characters,
/// cut at a word). Returns true when the leading heading is the title, so the page does not
/// show it twice.
func completeTitleAndSummary(
    _ source: inout PageSource, document: MarkdownDocument, diagnostics: inout [Diagnostic]
) -> Bool {
    var metadata = source.metadata
    var drops = false
    if !metadata.hasTitle {
        let fromHeading = document.leadingTitle ?? document.headings.first
        if let heading = fromHeading, !heading.text.isEmpty {
            metadata.title = heading.text
            drops = document.leadingTitle != nil
            diagnostics.append(
                .warning(
                    source.file.location(line: 1, column: 1),
                    "no 'title' in front matter; the title is the first heading, '\(heading.text)'",
                    code: "page.title-from-heading", hint: "add 'title: …' to the front matter to choose it"))
        } else {
            metadata.title = readableName(of: source.file.path)
            diagnostics.append(
                .warning(
                    source.file.location(line: 1, column: 1),
                    "no 'title' in front matter and no heading; the title is '\(metadata.title)', from the file name",
                    code: "page.title-from-file", hint: "add 'title: …' to the front matter"))
        }
    } else if let leading = document.leadingTitle,
        TextFolding.fold(leading.text).lowercased() == TextFolding.fold(metadata.title).lowercased()
    {
        drops = true
    }
    if metadata.summary.isEmpty {
        metadata.summary = shortened(document.firstParagraph, to: 200)
    }
    source.metadata = metadata
    return drops
}

/// `over ons.md` → `Over ons`; `index.md` → the folder's name.
private func readableName(of path: String) -> String {
    var segments = path.split(separator: "/").map(String.init)
    var name = String(segments.removeLast().dropLast(3))
    if name.lowercased() == "index", let folder = segments.last { name = folder }
    let spaced = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
    return spaced.prefix(1).uppercased() + spaced.dropFirst()
}

/// At most `limit` characters, cut after the last whole word, with `…` when cut.
private func shortened(_ text: String, to limit: Int) -> String {
    guard text.count > limit else { return text }
    let cut = text.prefix(limit)
    let end = cut.lastIndex(of: " ") ?? cut.endIndex
    return cut[..<end].trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) + "…"
}

/// A link whose fragment names a heading by another generator's id (``Heading/aliases``:
/// `#financile-tekorten` as kramdown writes it) gets that heading's own id, so the built link
/// works; any other fragment stays as written for validation to judge.
func canonicalFragments(_ link: ResolvedLink, from path: String, documents: [String: MarkdownDocument])
    -> ResolvedLink
{
    func canonical(_ fragment: String, in id: String) -> String {
        guard let document = documents[id], !document.headings.contains(where: { $0.id == fragment }) else {
            return fragment
        }
        return document.headings.first { $0.aliases.contains(fragment) }?.id ?? fragment
    }
    switch link.target {
    case .page(let id, let fragment?):
        return ResolvedLink(link: link.link, target: .page(id, fragment: canonical(fragment, in: id)))
    case .home(let fragment?):
        return ResolvedLink(link: link.link, target: .home(fragment: canonical(fragment, in: "index.md")))
    case .samePage(let fragment):
        return ResolvedLink(link: link.link, target: .samePage(fragment: canonical(fragment, in: path)))
    default:
        return link
    }
}
