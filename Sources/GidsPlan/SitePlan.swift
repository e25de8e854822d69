import GidsCore
import GidsFrontMatter
import GidsGraph

/// Every file the render stage makes, one case per kind. Adding a kind means adding a case
/// here; every `switch` over routes (the plan, the renderer) then says what is missing.
public enum Route: Sendable, Hashable {
    /// `index.html`.
    case home
    /// `zoeken/`: the search page.
    case search
    /// `404.html`.
    case notFound
    /// `domeinen/`: every beleidsdomein.
    case domains
    /// `toegankelijkheid/`: the accessibility statement (when the site file has one).
    case accessibility
    /// `a-tot-z/`: every page and tool from A to Z (when the templates have one).
    case pageIndex
    /// `domeinen/<id>/`: one beleidsdomein, by id.
    case domain(String)
    /// `<guide>/`: a guide's home (or its chooser), by guide slug.
    case guide(String)
    /// `<guide>/print/`: the print edition.
    case printEdition(String)
    /// `<guide>/vergelijk/`: the chooser's comparison table.
    case compare(String)
    /// `<guide>/<facet>/<value>/`: the tools with one facet value (ids).
    case facetValue(guide: String, facet: String, value: String)
    /// `<guide>/<phase>/`: a beleidsfase (phase id).
    case phase(guide: String, phase: String)
    /// `<guide>/<taxonomy>/`: a taxonomy's values.
    case taxonomy(guide: String, taxonomy: String)
    /// `<guide>/<taxonomy>/<value>/`: the pages with one value.
    case term(guide: String, taxonomy: String, value: String)
    /// A page or tool, by page id (content path).
    case page(String)
    /// `<guide>/feed.xml`: the guide's Atom feed.
    case feed(String)
    /// `<guide>/tools.json`: the chooser's data.
    case chooserData(String)
    /// `sitemap.xml` (with a full `base_url`).
    case sitemap
    /// `robots.txt` (with a full `base_url`).
    case robots
    /// An old address (a site path) that sends the browser on to a page's site path (`to`,
    /// titled `title`): `redirects:` and a taxonomy's `old_path` in `guide.yml`, `aliases:`
    /// in front matter.
    case redirect(from: String, to: String, title: String)
    /// `_redirects`: every redirect for web servers that read that file (Netlify, Cloudflare).
    case redirectList
    /// `redirects.nginx.conf`: every redirect as the entries of an nginx `map`.
    case nginxRedirects

    /// Whether the route is an HTML page (listed in the sitemap, searched by `gids serve`).
    public var isPage: Bool {
        switch self {
        case .feed, .chooserData, .sitemap, .robots, .redirect, .redirectList, .nginxRedirects: false
        case .home, .search, .notFound, .domains, .accessibility, .pageIndex, .domain, .guide, .printEdition, .compare,
            .facetValue, .phase, .taxonomy, .term, .page:
            true
        }
    }
}

/// A page that lists a guide's pages or tools as cards, and so gets the guide's filters
/// (`filters:` in `guide.yml`; a chooser's facets), without what every card on it shares.
public struct Listing: Sendable, Hashable {
    /// What every card of a listing has in common: that taxonomy is no filter there.
    public enum Shared: Sendable, Hashable {
        /// Nothing: the guide home lists every page (or tool).
        case nothing
        /// The phase: a phase page.
        case phase
        /// One value of this taxonomy or facet (by id): a value page.
        case value(ofTaxonomy: String)
    }
    /// The guide's slug.
    public let guide: String
    public let shared: Shared
}

extension Route {
    /// The filtered listing this route is, or nil for a page without cards to filter (a domain
    /// page lists pages of every guide, each guide with its own taxonomies).
    public var listing: Listing? {
        switch self {
        case .guide(let slug): Listing(guide: slug, shared: .nothing)
        case .phase(let slug, _): Listing(guide: slug, shared: .phase)
        case .term(let slug, let taxonomy, _): Listing(guide: slug, shared: .value(ofTaxonomy: taxonomy))
        case .facetValue(let slug, let facet, _): Listing(guide: slug, shared: .value(ofTaxonomy: facet))
        case .home, .search, .notFound, .domains, .accessibility, .pageIndex, .domain, .printEdition, .compare,
            .taxonomy, .page, .feed, .chooserData, .sitemap, .robots, .redirect, .redirectList, .nginxRedirects:
            nil
        }
    }
}

/// One file of the plan: its route and its site path (`wmo/index.html`).
public struct PlannedRoute: Sendable {
    public let route: Route
    /// The output file, relative to `site/`.
    public let path: String
}

/// The site plan: every route with its output file, in a fixed order (home, site pages,
/// domains, then each guide: home, print, compare, facet values, phases, taxonomies and
/// terms, pages in reading order, feed, data; then sitemap and robots). Made from the
/// finished graph; render, the sitemap and `gids serve` read it.
public struct SitePlan: Sendable {
    /// Every route, in order.
    public let routes: [PlannedRoute]
    private let paths: [Route: String]

    init(routes: [PlannedRoute]) {
        self.routes = routes
        paths = Dictionary(routes.map { ($0.route, $0.path) }, uniquingKeysWith: { first, _ in first })
    }

    /// The output file of `route`, or nil when the site has no such route.
    public func path(of route: Route) -> String? { paths[route] }
}

/// The plan of `graph`: each route's file from the URL the graph gave it (pages, guides,
/// phases, taxonomies, domains) or from ``SiteRoutes`` (print, compare, facet values, feeds).
/// Diagnostics: two routes at one file (`plan.path-collision`, an error); the graph already
/// reports every collision it can see, so this is the last guard.
///
/// `pageIndex`: whether the A–Z page is made (its template is optional, so that a templates
/// folder from before it keeps working).
public func planSite(_ graph: NavigationGraph, pageIndex: Bool = true) -> (SitePlan, [Diagnostic]) {
    var routes: [PlannedRoute] = []
    func add(_ route: Route, _ directory: String) {
        routes.append(PlannedRoute(route: route, path: SitePath.file(of: directory)))
    }
    add(.home, "")
    add(.search, SiteRoutes.search)
    routes.append(PlannedRoute(route: .notFound, path: SiteRoutes.notFoundFile))
    // Without beleidsdomeinen there is nothing to list.
    if !graph.domains.isEmpty { add(.domains, SiteRoutes.domains) }
    if graph.site.accessibility != nil { add(.accessibility, SiteRoutes.accessibility) }
    if pageIndex { add(.pageIndex, SiteRoutes.pageIndex) }
    for domain in graph.domains { add(.domain(domain.definition.id), domain.url) }
    for guide in graph.guides {
        add(.guide(guide.slug), guide.url)
        add(.printEdition(guide.slug), SiteRoutes.printEdition(of: guide.url))
        if !guide.config.facets.isEmpty {
            add(.compare(guide.slug), SiteRoutes.compare(of: guide.url))
            for facet in guide.config.facets {
                for value in facet.values where !guide.tools(with: facet, value, in: graph).isEmpty {
                    add(
                        .facetValue(guide: guide.slug, facet: facet.id, value: value.id),
                        SiteRoutes.facetValue(of: guide.url, facet: facet.id, value: value.id))
                }
            }
        }
        for phase in guide.phases { add(.phase(guide: guide.slug, phase: phase.definition.id), phase.url) }
        for taxonomy in guide.taxonomies {
            add(.taxonomy(guide: guide.slug, taxonomy: taxonomy.definition.id), taxonomy.url)
            for term in taxonomy.terms {
                add(.term(guide: guide.slug, taxonomy: taxonomy.definition.id, value: term.value.id), term.url)
            }
        }
        for id in guide.readingOrder {
            guard let page = graph.pages[id] else { continue }
            routes.append(PlannedRoute(route: .page(id), path: SitePath.file(of: page.url)))
        }
    }
    for guide in graph.guides {
        routes.append(PlannedRoute(route: .feed(guide.slug), path: SiteRoutes.feed(of: guide.url)))
        if !guide.config.facets.isEmpty {
            routes.append(PlannedRoute(route: .chooserData(guide.slug), path: SiteRoutes.chooserData(of: guide.url)))
        }
    }
    if graph.site.baseURL != nil {
        routes.append(PlannedRoute(route: .sitemap, path: SiteRoutes.sitemap))
        routes.append(PlannedRoute(route: .robots, path: SiteRoutes.robots))
    }
    let (redirects, skipped) = redirectRoutes(graph, taken: Set(routes.map { $0.path.lowercased() }))
    if !redirects.isEmpty {
        routes += redirects
        routes.append(PlannedRoute(route: .redirectList, path: SiteRoutes.redirectList))
        routes.append(PlannedRoute(route: .nginxRedirects, path: SiteRoutes.nginxRedirects))
    }
    let (plan, diagnostics) = claimPaths(routes, reportedAt: SourceLocation(path: graph.site.file.displayPath))
    return (plan, skipped + diagnostics)
}

/// A redirect for every old address of every page: from the guide's `redirects:` (the
/// address the source's generator gave the file) and the page's `aliases:`. An old address
/// that is the page's own, or another's, gets no redirect (a warning when it is another's).
func redirectRoutes(_ graph: NavigationGraph, taken: Set<String>) -> ([PlannedRoute], [Diagnostic]) {
    var routes: [PlannedRoute] = []
    var diagnostics: [Diagnostic] = []
    var claimed = taken
    func add(_ path: String, to url: String, title: String, location: SourceLocation?) {
        let file = SitePath.file(of: path)
        guard path != url, claimed.insert(file.lowercased()).inserted else {
            if let location, path != url {
                diagnostics.append(
                    .warning(
                        location, "the old address '/\(path)' is another page's now: no redirect",
                        code: "plan.redirect-taken"))
            }
            return
        }
        routes.append(PlannedRoute(route: .redirect(from: path, to: url, title: title), path: file))
    }
    for guide in graph.guides {
        // A folder's index.md, then its README.md (MkDocs serves the first when both exist).
        let pages = guide.readingOrder + guide.introductions
        let ids = pages.filter { !isReadme($0) } + pages.filter(isReadme)
        for id in ids {
            guard let page = graph.pages[id] else { continue }
            let title = page.metadata.title
            if let style = guide.config.redirects {
                add(
                    style.path(of: String(id.dropFirst(guide.config.folder.count + 1))), to: page.url, title: title,
                    location: nil)
            }
            // A page that introduces a phase or a value lives at its URL; the URL it would have
            // had sends readers on (links in raw HTML are not rewritten).
            if guide.introductions.contains(id), id != guide.introduction {
                add(
                    pageURL(path: id, guide: guide.config, slug: page.metadata.slug?.value), to: page.url, title: title,
                    location: nil)
            }
            for alias in page.metadata.aliases {
                let bases = [guide.config.basePath, graph.site.basePath].compactMap { $0 }
                add(oldSitePath(alias.value, basePaths: bases), to: page.url, title: title, location: alias.location)
            }
        }
        // A taxonomy's old overview and value pages (Hugo's `/themas/` and `/themas/water/`).
        for taxonomy in guide.taxonomies {
            guard let old = taxonomy.definition.oldPath else { continue }
            add(old, to: taxonomy.url, title: taxonomy.definition.title, location: nil)
            for term in taxonomy.terms {
                add(old + term.value.id + "/", to: term.url, title: term.value.title, location: nil)
            }
        }
    }
    return (routes, diagnostics)
}

private func isReadme(_ id: String) -> Bool { id.lowercased().hasSuffix("/readme.md") }

/// An alias as a site path: without a leading `/`, without any of `basePaths` (the old site's
/// `base_path`, this site's), ending in `/` unless it names a file.
func oldSitePath(_ alias: String, basePaths: [String]) -> String {
    var path = alias
    for base in basePaths where base != "/" {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        if path.hasPrefix(prefix) { path = "/" + path.dropFirst(prefix.count) }
    }
    while path.hasPrefix("/") { path.removeFirst() }
    let last = path.split(separator: "/").last.map(String.init) ?? ""
    if !path.isEmpty && !path.hasSuffix("/") && !last.contains(".") { path += "/" }
    return path
}

/// The plan of `routes`, each path claimed once: a route whose file another route already has
/// (compared without case: case-insensitive hosts serve `A/` and `a/` as one) is left out and
/// reported at `location` (`plan.path-collision`).
func claimPaths(_ routes: [PlannedRoute], reportedAt location: SourceLocation) -> (SitePlan, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var owners: [String: Route] = [:]
    var unique: [PlannedRoute] = []
    for planned in routes {
        let key = planned.path.lowercased()
        if let owner = owners[key] {
            diagnostics.append(
                .error(
                    location,
                    "two files would be written at '\(planned.path)': \(describe(owner)) and \(describe(planned.route))",
                    code: "plan.path-collision", hint: "give one of them another id or 'slug:'"))
            continue
        }
        owners[key] = planned.route
        unique.append(planned)
    }
    return (SitePlan(routes: unique), diagnostics)
}

private func describe(_ route: Route) -> String {
    switch route {
    case .home: "the home page"
    case .search: "the search page"
    case .notFound: "the 404 page"
    case .domains: "the domains overview"
    case .accessibility: "the accessibility statement"
    case .pageIndex: "the A–Z page"
    case .domain(let id): "domain '\(id)'"
    case .guide(let slug): "guide '\(slug)'"
    case .printEdition(let slug): "the print edition of '\(slug)'"
    case .compare(let slug): "the comparison of '\(slug)'"
    case .facetValue(let guide, let facet, let value): "facet value '\(facet): \(value)' of '\(guide)'"
    case .phase(let guide, let phase): "phase '\(phase)' of '\(guide)'"
    case .taxonomy(let guide, let taxonomy): "taxonomy '\(taxonomy)' of '\(guide)'"
    case .term(let guide, let taxonomy, let value): "value '\(value)' of '\(taxonomy)' in '\(guide)'"
    case .page(let id): "'\(id)'"
    case .feed(let slug): "the feed of '\(slug)'"
    case .chooserData(let slug): "the chooser data of '\(slug)'"
    case .sitemap: "the sitemap"
    case .robots: "robots.txt"
    case .redirect(let from, _, _): "the redirect from '/\(from)'"
    case .redirectList: "the redirect list"
    case .nginxRedirects: "the nginx redirect map"
    }
}
