import GidsCore
import GidsFrontMatter
import GidsLoad
import GidsMarkdown

/// A node of the navigation graph.
public enum NodeID: Sendable, Hashable, Comparable {
    case site
    case guide(String)
    /// Guide slug and phase id.
    case phase(String, String)
    /// A page or tool, by its path under `content/`.
    case page(String)
    case domain(String)
    /// Guide slug, taxonomy id and value id: one value of a declared taxonomy.
    case term(String, String, String)
}

/// How two nodes are connected.
public enum EdgeKind: String, Sendable, Hashable, Comparable {
    /// site → guide, guide → phase, phase → page, guide → page (chooser guides).
    case contains
    /// Reading order within a guide: previous → next.
    case next
    /// A `related:` entry.
    case related
    /// A Markdown link in the body.
    case link
    /// page → domain, from `domains:`.
    case domain
    /// page → taxonomy value, from the taxonomy's front-matter key.
    case term

    public static func < (lhs: EdgeKind, rhs: EdgeKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A directed, typed edge.
public struct Edge: Sendable, Hashable {
    public let from: NodeID
    public let to: NodeID
    public let kind: EdgeKind

    public init(from: NodeID, to: NodeID, kind: EdgeKind) {
        self.from = from
        self.to = to
        self.kind = kind
    }
}

/// What a link in Markdown (or a `related:` entry) points at, after resolution.
public enum LinkTarget: Sendable, Hashable {
    /// A page or tool (by content path) with an optional fragment (percent-decoded).
    case page(String, fragment: String?)
    /// The home page `content/index.md`.
    case home(fragment: String?)
    /// A fragment of the linking page itself.
    case samePage(fragment: String)
    /// A file under `content/` copied as is.
    case asset(String, fragment: String?)
    /// A page gids makes itself, by its site path (`woudlopersgids/`, `woudlopersgids/voorbereiden/`,
    /// `domeinen/wmo/`, a taxonomy or its value, the print edition, search): the fragment is
    /// not checked, as these pages have no Markdown.
    case generated(String, fragment: String?)
    /// http, https, mailto, tel and other schemes: collected, not fetched.
    case external(String)
    /// Unresolved; the diagnostic says why.
    case broken(Diagnostic)
}

extension LinkTarget {
    /// The page a link reaches (`index.md` for the home page), if any.
    public var pageID: String? {
        switch self {
        case .page(let id, _): id
        case .home: "index.md"
        default: nil
        }
    }
}

/// A link of a page with its resolution.
public struct ResolvedLink: Sendable, Hashable {
    public let link: MarkdownLink
    public let target: LinkTarget
}

/// A page or tool in the graph. A class (immutable, so value-like): the renderer, validation
/// and index look pages up by id hundreds of thousands of times, and copying the struct (with
/// its front matter) retained a dozen fields each time.
public final class PageNode: Sendable {
    /// Content path, the page's identity: `woudlopersgids/respijtzorg.md`.
    public let id: String
    public let source: PageSource
    public let document: MarkdownDocument
    /// Guide slug, or nil for the home page.
    public let guide: String?
    /// Site path of the page's directory URL: `woudlopersgids/respijtzorg/`.
    public let url: String
    public var metadata: PageMetadata { source.metadata }
    /// The first of ``phases`` in the guide's order: where the page sits in the reading order,
    /// the breadcrumb and "fase N van M".
    public var phase: String? { phases.first }
    /// Every phase the page is in, in the guide's phase order (phased guides); it is listed in each.
    public let phases: [String]
    /// True when the body's leading level-1 heading is the page title and is not rendered again.
    public let dropsLeadingTitle: Bool
    /// Links in the body in document order, resolved.
    public let links: [ResolvedLink]
    /// `related:` entries that resolved to pages, in the order written.
    public let related: [String]
    /// "Laatst bijgewerkt": `updated:` from the front matter, else the last commit date of the
    /// file when the content is in git; nil when neither is known.
    public let lastUpdated: CalendarDate?

    public init(
        id: String, source: PageSource, document: MarkdownDocument, guide: String?, url: String, phases: [String],
        dropsLeadingTitle: Bool, links: [ResolvedLink], related: [String], lastUpdated: CalendarDate?
    ) {
        self.id = id
        self.source = source
        self.document = document
        self.guide = guide
        self.url = url
        self.phases = phases
        self.dropsLeadingTitle = dropsLeadingTitle
        self.links = links
        self.related = related
        self.lastUpdated = lastUpdated
    }
}

/// A beleidsfase as a node: its definition and its pages in reading order.
public struct PhaseNode: Sendable {
    public let guide: String
    public let definition: PhaseDefinition
    /// Its number: the position in the guide, from `phase_numbering` (1, or 0).
    public let number: Int
    /// The page that introduces the phase (shown at the top of its page), by id.
    public let introduction: String?
    public let url: String
    public let pages: [String]
}

/// One value of a declared taxonomy, with its pages: `/<guide>/<taxonomy>/<value>/`.
public struct TermNode: Sendable {
    public let value: TaxonomyValue
    public let url: String
    /// The page that introduces the value (shown at the top of its page), by id.
    public let introduction: String?
    /// Pages and tools with this value, in reading order.
    public let pages: [String]
}

/// A declared taxonomy of a guide with a listing page (`/<guide>/<taxonomy>/`) and one page per value.
public struct TaxonomyNode: Sendable {
    public let guide: String
    public let definition: TaxonomyDefinition
    public let url: String
    /// Every declared value, in declared order (also those no page has yet).
    public let terms: [TermNode]
}

/// A guide as a node.
public struct GuideNode: Sendable {
    public let config: GuideConfig
    public var slug: String { config.slug }
    public let url: String
    public let phases: [PhaseNode]
    /// Every page and tool in reading order (phase order, then `order`, then title; in a
    /// chooser guide: pages, then tools).
    public let readingOrder: [String]
    /// Ordinary pages (no tools) in reading order.
    public let pages: [String]
    /// Tools in title order.
    public let tools: [String]
    /// The guide's listed taxonomies (``GuideConfig/listedTaxonomies``), in declared order.
    public let taxonomies: [TaxonomyNode]
    /// `<guide>/index.md`, whose body introduces the guide on its home page (it has the
    /// guide's URL and is not a page of the reading order); nil when there is none.
    public let introduction: String?

    /// Every page that introduces the guide, a phase or a taxonomy value (not in the reading
    /// order, shown at the top of those pages), by id.
    public var introductions: [String] {
        [introduction].compactMap { $0 } + phases.compactMap(\.introduction)
            + taxonomies.flatMap { $0.terms.compactMap(\.introduction) }
    }
}

/// A beleidsdomein as a node, with every page of every guide in it (the cross-domain view).
public struct DomainNode: Sendable {
    public let definition: DomainDefinition
    public let url: String
    /// Pages in this domain, in guide order and then reading order.
    public let pages: [String]
}

/// The typed navigation graph of a site: nodes (site, guide, phase, page, tool, domain) and
/// edges (contains, reading order, related, links, domains). Every later stage reads it; it is
/// immutable once built.
public struct NavigationGraph: Sendable {
    public let site: SiteConfig
    public let home: PageNode?
    public let guides: [GuideNode]
    public let domains: [DomainNode]
    /// Pages and tools by content path.
    public internal(set) var pages: [String: PageNode]
    /// In the order they are made: each guide's contents in reading order, then each page's
    /// links, related pages and domains by path. No set or dictionary order reaches it, so
    /// it is the same on every build (sorting 200,000 edges took a fifth of the graph stage).
    public let edges: [Edge]
    /// For each page, the pages that link to it (body links and `related:`), in reading order.
    public let backlinks: [String: [String]]
    /// Assets under `content/` by content path; all are copied to the same path in the site.
    public let assets: [String: AssetFile]
    /// Synonym groups for search (`content/synoniemen.yml`).
    public var synonyms: [[String]] = []
    /// Each page's index in its guide's ``GuideNode/readingOrder``, so neighbours are found in O(1).
    public var readingPosition: [String: Int] = [:]
    /// The resolver the graph's links were resolved with (for ``replacingBody(of:with:documents:)``).
    public internal(set) var linkResolver: LinkResolver?

    /// The graph with one page's body replaced and its links resolved again, everything else as
    /// it was: what `gids serve` renders first after an edit that changes only the text of a
    /// page. Nil when `id` is not a page. A full build afterwards brings backlinks and lists
    /// up to date.
    public func replacingBody(of id: String, with source: PageSource, documents: [String: MarkdownDocument])
        -> NavigationGraph?
    {
        // A title taken from the text may change with it: that takes a full build.
        guard let old = pages[id], let document = documents[id], let resolver = linkResolver,
            source.metadata.hasTitle
        else { return nil }
        let drops =
            document.leadingTitle.map {
                TextFolding.fold($0.text).lowercased() == TextFolding.fold(source.metadata.title).lowercased()
            } ?? false
        let links = resolver.resolveLinks(of: document, in: source.file).map {
            canonicalFragments($0, from: id, documents: documents)
        }
        var copy = self
        copy.pages[id] = PageNode(
            id: id, source: source, document: document, guide: old.guide, url: old.url, phases: old.phases,
            dropsLeadingTitle: drops, links: links, related: old.related,
            lastUpdated: old.lastUpdated)
        return copy
    }

    /// The guide a slug names.
    public func guide(_ slug: String) -> GuideNode? { guideIndex(slug).map { guides[$0] } }

    /// The index in ``guides`` of the guide a slug names. Reading a field through it
    /// (`guides[i].config.title`) copies that field only: a whole guide is some 30 references
    /// to retain and release, and lists ask for a guide per page they show.
    public func guideIndex(_ slug: String) -> Int? {
        guides.indices.first { guides[$0].config.slug == slug }
    }

    /// The previous and next page in the reading order of the page's guide.
    public func neighbours(of id: String) -> (previous: String?, next: String?) {
        guard let page = pages[id], let slug = page.guide, let guideIndex = guideIndex(slug) else { return (nil, nil) }
        let readingOrder = guides[guideIndex].readingOrder
        guard let index = readingPosition[id] ?? readingOrder.firstIndex(of: id) else { return (nil, nil) }
        return (
            index > 0 ? readingOrder[index - 1] : nil,
            index + 1 < readingOrder.count ? readingOrder[index + 1] : nil
        )
    }

    /// Site path of the page for a ``LinkTarget`` with its fragment, if it resolved.
    public func sitePath(of target: LinkTarget) -> (path: String, fragment: String?)? {
        switch target {
        case .page(let id, let fragment): pages[id].map { ($0.url, fragment) }
        case .home(let fragment): ("", fragment)
        case .asset(let path, let fragment): (path, fragment)
        case .generated(let path, let fragment): (path, fragment)
        case .samePage, .external, .broken: nil
        }
    }
}

extension PageNode {
    /// The resolved target of `link`, one of this page's own links: found by its index (the
    /// links are in the document's order), not through a table made per rendering.
    public func target(of link: MarkdownLink) -> LinkTarget? {
        let index = link.index
        if index >= 0, index < links.count, links[index].link.index == index { return links[index].target }
        return links.first { $0.link.index == index }?.target
    }
}
