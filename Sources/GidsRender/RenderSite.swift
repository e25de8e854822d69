import Foundation
import GidsCore
import GidsFrontMatter
import GidsGraph
import GidsMarkdown
import GidsPlan
import GidsTemplates
import Synchronization

/// The render stage: turns every route of the plan into its file, with the templates. Every
/// URL in the output is relative to the page that holds it, so the site works under any
/// sub-path and from disk. Pages render in parallel; the result does not depend on thread
/// scheduling. Theme assets and content assets are added as they are.
public func renderSite(_ graph: NavigationGraph, plan: SitePlan, templates: TemplateSet) -> RenderedSite {
    let renderer = Renderer(graph: graph, plan: plan, templates: templates, assetNames: fingerprintedNames(templates))
    // The sitemap lists the pages, so it is made after them.
    let results = plan.routes.filter { $0.route != .sitemap }.concurrentMap { planned -> (String, Data) in
        // Bytes made in the job: the HTML string is freed at once, not held beside its copy.
        (planned.path, renderer.render(planned.route, path: planned.path))
    }
    var site = RenderedSite()
    site.files.reserveCapacity(results.count + 16)
    for (path, data) in results { site.files[path] = data }
    for (path, data) in templates.assets { site.files[renderer.assetNames[path] ?? path] = data }
    if let path = plan.path(of: .sitemap), let baseURL = graph.site.baseURL {
        site.files[path] = Data(sitemap(plan, baseURL: baseURL, renderer: renderer).utf8)
    }
    for asset in graph.assets.values { site.copies[asset.path] = asset.diskPath }
    return site
}

/// Stylesheets and scripts get their content hash in the name (cache-busting).
private func fingerprintedNames(_ templates: TemplateSet) -> [String: String] {
    var assetNames: [String: String] = [:]
    for (path, data) in templates.assets where path.hasSuffix(".css") || path.hasSuffix(".js") {
        assetNames[path] = ContentHash.fingerprinted(path, data: data)
    }
    return assetNames
}

/// The files of the pages and tools `ids` only, by site path, exactly as
/// ``renderSite(_:plan:templates:)`` writes them: what `gids serve` renders first after an edit.
public func renderPages(_ ids: [String], graph: NavigationGraph, plan: SitePlan, templates: TemplateSet)
    -> [String: Data]
{
    let renderer = Renderer(graph: graph, plan: plan, templates: templates, assetNames: fingerprintedNames(templates))
    var out: [String: Data] = [:]
    for id in ids {
        guard let path = plan.path(of: .page(id)) else { continue }
        out[path] = renderer.render(.page(id), path: path)
    }
    return out
}

/// Builds template contexts (``Contexts``) and renders them. Context fields are documented in
/// `templates/README.md`, generated from the same shapes.
struct Renderer: @unchecked Sendable {
    let graph: NavigationGraph
    let plan: SitePlan
    let templates: TemplateSet
    /// Theme asset path → its fingerprinted name in the output.
    var assetNames: [String: String] = [:]
    /// The A–Z page's site path, when the plan has one.
    var pageIndexPath: String? { plan.path(of: .pageIndex).map(SitePath.directory(of:)) }
    /// When set (`/gidsen/`), hrefs are absolute paths under it instead of relative: used for
    /// the 404 page, which servers show at any depth.
    var absolutePrefix: String?
    /// Link lists shared by the pages of a folder (``sharedLinks(_:from:targets:make:)``).
    let sharedFragments = SharedFragments()

    /// What the site lets raw HTML in Markdown do: decided once, from `raw_html` and `allow_scripts`.
    var rawHTMLPolicy: RawHTMLPolicy {
        RawHTMLPolicy(rawHTML: graph.site.rawHTML, allowScripts: graph.site.allowScripts)
    }

    /// The file of `route`: one case per kind, so a new kind cannot be forgotten here.
    func render(_ route: Route, path: String) -> Data {
        switch route {
        case .home: return Data(home())
        case .search: return Data(search())
        case .notFound: return Data(notFound())
        case .domains: return Data(domainsOverview())
        case .pageIndex: return Data(pageIndex())
        case .accessibility:
            return graph.site.accessibility.map { Data(accessibility($0)) } ?? Data()
        case .domain(let id):
            return graph.domains.first { $0.definition.id == id }.map { Data(domain($0)) } ?? Data()
        case .guide(let slug):
            return graph.guide(slug).map { Data(guideHome($0, listing: route.listing)) } ?? Data()
        case .printEdition(let slug):
            return graph.guide(slug).map { Data(printEdition($0)) } ?? Data()
        case .compare(let slug):
            return graph.guide(slug).map { Data(comparePage($0)) } ?? Data()
        case .facetValue(let slug, let facetID, let valueID):
            guard let guide = graph.guide(slug), let facet = guide.config.facets.first(where: { $0.id == facetID }),
                let value = facet.values.first(where: { $0.id == valueID })
            else { return Data() }
            return Data(facetPage(guide, facet, value, listing: route.listing))
        case .phase(let slug, let phaseID):
            guard let guide = graph.guide(slug), let node = guide.phases.first(where: { $0.definition.id == phaseID })
            else { return Data() }
            return Data(phase(node, in: guide, listing: route.listing))
        case .taxonomy(let slug, let taxonomyID):
            guard let guide = graph.guide(slug),
                let node = guide.taxonomies.first(where: { $0.definition.id == taxonomyID })
            else { return Data() }
            return Data(taxonomy(node, in: guide))
        case .term(let slug, let taxonomyID, let valueID):
            guard let guide = graph.guide(slug),
                let node = guide.taxonomies.first(where: { $0.definition.id == taxonomyID }),
                let value = node.terms.first(where: { $0.value.id == valueID })
            else { return Data() }
            return Data(term(value, of: node, in: guide, listing: route.listing))
        case .page(let id):
            guard let node = graph.pages[id], let slug = node.guide, let guide = graph.guide(slug) else {
                return Data()
            }
            return Data(page(node, in: guide))
        case .feed(let slug):
            return graph.guide(slug).map { Data(feed($0).utf8) } ?? Data()
        case .chooserData(let slug):
            return graph.guide(slug).map(chooserData) ?? Data()
        case .robots:
            return Data("User-agent: *\nAllow: /\n\nSitemap: \(graph.site.baseURL ?? "")\(SiteRoutes.sitemap)\n".utf8)
        case .sitemap:
            return Data()  // made from the finished page list (`renderSite`)
        case .redirect(let from, let url, let title):
            return Data(redirectPage(from: from, to: url, title: title).utf8)
        case .redirectList:
            return Data(redirectList(nginx: false).utf8)
        case .nginxRedirects:
            return Data(redirectList(nginx: true).utf8)
        }
    }

    // MARK: Redirects

    /// The page at an old address `from` (a site path) of the page at site path `url`: a
    /// refresh to its new address, with a canonical link and a plain link for browsers that
    /// refresh nothing.
    func redirectPage(from: String, to url: String, title: String) -> String {
        let base =
            from.isEmpty || from.hasSuffix("/")
            ? from : String(from[..<(from.lastIndex(of: "/").map { from.index(after: $0) } ?? from.startIndex)])
        let target = escapeHTML(href(url, from: base))
        let canonical = graph.site.baseURL.map { escapeHTML($0 + encodedPath(url)) } ?? target
        let title = escapeHTML(title)
        return """
            <!DOCTYPE html>
            <html lang="\(escapeHTML(graph.site.language))">
            <head>
            <meta charset="utf-8">
            <title>Verplaatst: \(title)</title>
            <link rel="canonical" href="\(canonical)">
            <meta name="robots" content="noindex">
            <meta http-equiv="refresh" content="0; url=\(target)">
            </head>
            <body>
            <p>Deze pagina staat nu op <a href="\(target)">\(title)</a>.</p>
            </body>
            </html>

            """
    }

    /// Every redirect as `old new 301` lines (`_redirects`) or as nginx `map` entries
    /// (`"old" "new";`), with paths under the site's `base_url` path. For nginx:
    /// `map $uri $gids_redirect { include redirects.nginx.conf; }` and
    /// `if ($gids_redirect) { return 301 $gids_redirect; }`.
    func redirectList(nginx: Bool) -> String {
        let root = graph.site.basePath ?? "/"
        var out = nginx ? "# Oude adressen van pagina's en hun nieuwe adres (gids).\n" : ""
        for planned in plan.routes {
            guard case .redirect(let from, let url, _) = planned.route else { continue }
            let old = root + encodedPath(from), new = root + encodedPath(url)
            out += nginx ? "\"\(old)\" \"\(new)\";\n" : "\(old) \(new) 301\n"
        }
        return out
    }

    // MARK: Shared pieces

    func link(_ title: String, to target: String, from base: String, current: String? = nil) -> TemplateObject {
        TemplateObject(
            Contexts.link,
            ["title": .text(title), "url": .text(href(target, from: base)), "aria_current": .text(current)])
    }

    func step(_ phase: PhaseNode, from base: String, current: String? = nil) -> TemplateObject {
        TemplateObject(
            Contexts.step,
            [
                "title": .text(phase.definition.title), "url": .text(href(phase.url, from: base)),
                "aria_current": .text(current), "number": .number(phase.number),
            ])
    }

    /// A relative href from the page directory `base` to the site path `target`.
    /// Directory targets get `index.html` appended when the site file sets `directory_urls: false`.
    func href(_ target: String, from base: String) -> String {
        var path = target
        if !graph.site.directoryURLs && (path.isEmpty || path.hasSuffix("/")) { path += "index.html" }
        if let absolutePrefix { return absolutePrefix + encodedPath(path) }
        var relative = SitePath.relative(from: base, to: path)
        if relative == "./index.html" { relative = "index.html" }
        return encodedPath(relative)
    }

    /// `path` with each segment percent-encoded (RFC 3986 pchar), `.` and `..` kept.
    func encodedPath(_ path: String) -> String {
        // Slug paths need no encoding: letters, digits and `-._~/` only (checked in place, as
        // every URL of every page passes here).
        var bytes = path
        if bytes.withUTF8({ $0.allSatisfy { unreservedOrSlash[Int($0)] } }) { return path }
        return path.split(separator: "/", omittingEmptySubsequences: false).map {
            $0 == ".." || $0 == "."
                ? String($0) : String($0).addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? String($0)
        }.joined(separator: "/")
    }

    /// Where a page sits in the site's navigation: which menu item is current.
    enum Section { case none, domains, search }

    func layout(
        base: String, title: String, description: String?, template: PageTemplate, kind: String? = nil,
        body: TemplateObject, breadcrumbs: [(String, String?)], guide: String? = nil, section: Section = .none,
        scripts: [String] = [], feed: (title: String, url: String)? = nil
    ) -> [UInt8] {
        let crumbs = breadcrumbs.enumerated().map { index, crumb in
            TemplateValue.object(
                TemplateObject(
                    Contexts.crumb,
                    [
                        "title": .text(crumb.0), "url": .text(crumb.1.map { href($0, from: base) }),
                        "aria_current": index == breadcrumbs.count - 1 ? "page" : .absent,
                    ]))
        }
        let navTargets = graph.guides.map(\.url) + (graph.domains.isEmpty ? [] : [SiteRoutes.domains])
        let nav = sharedLinks(
            "nav\u{0}\(guide ?? "")\u{0}\(section == .domains)", from: base, targets: navTargets
        ) {
            var nav = graph.guides.map { g in
                link(
                    g.config.title, to: g.url, from: base,
                    current: g.slug == guide ? (base == g.url ? "page" : "true") : nil)
            }
            if !graph.domains.isEmpty {
                nav.append(
                    link(
                        "Beleidsdomeinen", to: SiteRoutes.domains, from: base,
                        current: section == .domains ? (base == SiteRoutes.domains ? "page" : "true") : nil))
            }
            return nav
        }
        let kind = kind ?? template.rawValue
        let fullTitle = title == graph.site.title ? title : "\(title) – \(graph.site.title)"
        let siteObject = TemplateObject(
            Contexts.site, ["title": .text(graph.site.title), "language": .text(graph.site.language)])
        let context = TemplateObject(
            Contexts.layout,
            [
                "site": .object(siteObject),
                "root": .text(href("", from: base)),
                "home_url": .text(href("", from: base)),
                "search_url": .text(href(SiteRoutes.search, from: base)),
                "stylesheet": .text(href(assetNames["assets/style.css"] ?? "assets/style.css", from: base)),
                "scripts": .texts(scripts.map { href(assetNames[$0] ?? $0, from: base) }),
                "canonical": template == .notFound ? .absent : .text(graph.site.baseURL.map { $0 + encodedPath(base) }),
                "og": .object(
                    TemplateObject(
                        Contexts.openGraph,
                        [
                            "title": .text(title), "description": .text(description ?? graph.site.description ?? ""),
                            "type": template == .page || template == .tool ? "article" : "website",
                            "site_name": .text(graph.site.title),
                            "locale": .text(graph.site.language == "nl" ? "nl_NL" : graph.site.language),
                        ])),
                "feed": .object(
                    feed.map {
                        TemplateObject(
                            Contexts.feed, ["title": .text($0.title), "url": .text(href($0.url, from: base))])
                    }),
                "accessibility_url": graph.site.accessibility == nil
                    ? .absent : .text(href(SiteRoutes.accessibility, from: base)),
                "index_url": .text(pageIndexPath.map { href($0, from: base) }),
                "document_title": .text(fullTitle),
                "description": .text(description ?? graph.site.description ?? ""),
                "kind": .text(kind),
                "nav": .objects(nav),
                "breadcrumbs": .list(crumbs),
                "has_breadcrumbs": .flag(crumbs.count > 1),
                "search_current": section == .search ? "page" : .absent,
                "home_current": .flag(base.isEmpty && template == .home),
                "body": .markup(templates.render(template, body)),
            ])
        return templates.render(.layout, context)
    }

    /// What "Zie ook" and "Verwijst hierheen" show of a page, lighter than ``pageSummary(_:from:)``.
    func pageLink(_ id: String, from base: String) -> TemplateObject? {
        guard let page = graph.pages[id] else { return nil }
        return TemplateObject(
            Contexts.pageLink,
            [
                "title": .text(page.metadata.title), "url": .text(href(page.url, from: base)),
                "guide": .text(page.guide.flatMap { graph.guideIndex($0) }.map { graph.guides[$0].config.title }),
            ])
    }

    /// A page's card in a list; `heading` is the element of its title (`h3`, `h4` under a group's
    /// `h3`); `values`: its filter tokens on a listing with filters (``filterTokens(_:in:phase:)``).
    func pageSummary(_ id: String, from base: String, heading: String = "h3", values: String? = nil)
        -> TemplateObject?
    {
        guard let page = graph.pages[id] else { return nil }
        let domains = domainLinks(page, from: base)
        var item = TemplateObject(
            Contexts.pageSummary,
            [
                "title": .text(page.metadata.title), "url": .text(href(page.url, from: base)),
                "summary": .text(page.metadata.summary), "level": .text(page.metadata.level?.label),
                "heading": .text(heading),
                "domains": .objects(domains), "has_domains": .flag(!domains.isEmpty),
                "has_meta": .flag(!domains.isEmpty || page.metadata.level != nil),
                "item": .text(page.url), "values": .text(values),
            ])
        if let slug = page.guide, let guide = graph.guideIndex(slug) {
            item["guide"] = .text(graph.guides[guide].config.title)
            if let phase = page.phase, let node = graph.guides[guide].phases.first(where: { $0.definition.id == phase })
            {
                item["phase"] = .text(node.definition.title)
            }
        }
        return item
    }

    /// The page's values of each listed taxonomy.
    func termLinks(_ page: PageNode, in guide: GuideNode, from base: String) -> [TemplateObject] {
        guide.taxonomies.compactMap { taxonomy -> TemplateObject? in
            let values = taxonomy.terms.filter { term in
                page.metadata.terms[taxonomy.definition.id]?.contains { $0.value == term.value.id } ?? false
            }
            guard !values.isEmpty else { return nil }
            return TemplateObject(
                Contexts.pageTerms,
                [
                    "title": .text(taxonomy.definition.title), "id": .text("_t-" + Slug.make(taxonomy.definition.id)),
                    "url": .text(href(taxonomy.url, from: base)),
                    "values": .objects(values.map { link($0.value.title, to: $0.url, from: base) }),
                ])
        }
    }

    func domainLinks(_ page: PageNode, from base: String) -> [TemplateObject] {
        page.metadata.domains.compactMap { domain in
            graph.domains.first { $0.definition.id == domain.value }.map {
                link($0.definition.title, to: $0.url, from: base)
            }
        }
    }

    func stepper(_ guide: GuideNode, current: String?, isPhasePage: Bool, from base: String) -> [TemplateObject] {
        sharedLinks(
            "steps\u{0}\(guide.slug)\u{0}\(current ?? "")\u{0}\(isPhasePage)", from: base,
            targets: guide.phases.map(\.url)
        ) {
            guide.phases.map { phase in
                step(
                    phase, from: base,
                    current: phase.definition.id == current ? (isPhasePage ? "page" : "step") : nil)
            }
        }
    }

    /// `make()`, links from the page folder `base` to `targets`, made once for all pages in
    /// the folder that holds `base` and kept for the build (the site navigation and a guide's
    /// steps are on every page). A relative URL from `a/b/` to a target outside `a/b/` is
    /// `../` and the URL from `a/`, so it is the same for every page of `a/`. `key` names the
    /// list and whatever else it depends on (the current guide or phase). The root, absolute
    /// URLs (the 404 page) and a page with a target inside its own folder make their own.
    func sharedLinks(_ key: String, from base: String, targets: [String], make: () -> [TemplateObject])
        -> [TemplateObject]
    {
        guard !base.isEmpty, absolutePrefix == nil, !targets.contains(where: { $0.hasPrefix(base) }) else {
            return make()
        }
        return sharedFragments.list(key + "\u{0}" + SitePath.directory(of: String(base.dropLast())), make: make)
    }

    /// Body HTML of a page, with every resolved link rewritten to its output URL.
    func bodyHTML(_ page: PageNode) -> [UInt8] {
        let base = SitePath.directory(of: page.url)
        return page.document.renderBytes(
            rawHTML: rawHTMLPolicy,
            rewrite: { link in
                guard let target = page.target(of: link) else { return nil }
                switch target {
                case .samePage(let fragment): return "#" + fragment
                case .external: return nil
                case .broken: return nil
                default:
                    guard let (path, fragment) = graph.sitePath(of: target) else { return nil }
                    return href(path, from: base) + (fragment.map { "#" + $0 } ?? "")
                }
            },
            annotate: { link in
                // Links to files say their type and size (WCAG 2.4.4): "Factsheet (pdf, 1,2 MB)".
                guard case .asset(let path, _)? = page.target(of: link), let asset = graph.assets[path],
                    let type = fileTypeLabel(path)
                else { return nil }
                return " (\(type), \(dutchSize(asset.size)))"
            }, dropLeadingTitle: page.dropsLeadingTitle)
    }

    // MARK: Page kinds

    func home() -> [UInt8] {
        let base = ""
        var context = TemplateObject(
            Contexts.home,
            [
                "title": .text(graph.home?.metadata.title ?? graph.site.title),
                "summary": .text(graph.home?.metadata.summary ?? graph.site.description ?? ""),
                "guides": .objects(
                    graph.guides.map { guide in
                        TemplateObject(
                            Contexts.guideCard,
                            [
                                "title": .text(guide.config.title), "summary": .text(guide.config.summary),
                                "url": .text(href(guide.url, from: base)), "count": .number(guide.readingOrder.count),
                                "count_label": .text(pagesLabel(guide.readingOrder.count)),
                            ])
                    }),
                "domains": .objects(graph.domains.map { domainCount($0, from: base) }),
                "has_domains": .flag(!graph.domains.isEmpty), "domains_intro": .text(graph.site.texts.domainsIntro),
            ])
        if let home = graph.home { context["html"] = .markup(bodyHTML(home)) }
        return layout(
            base: base, title: graph.site.title, description: graph.home?.metadata.summary, template: .home,
            body: context, breadcrumbs: [])
    }

    func domainCount(_ domain: DomainNode, from base: String) -> TemplateObject {
        TemplateObject(
            Contexts.domainCount,
            [
                "title": .text(domain.definition.title), "url": .text(href(domain.url, from: base)),
                "summary": .text(domain.definition.summary ?? ""), "count": .number(domain.pages.count),
                "count_label": .text(pagesLabel(domain.pages.count)),
            ])
    }

    /// `listing`: the route's filtered listing (``Route/listing``).
    func guideHome(_ guide: GuideNode, listing: Listing?) -> [UInt8] {
        let base = guide.url
        let template: PageTemplate = guide.config.facets.isEmpty ? .guide : .chooser
        var context = TemplateObject(
            template.shape,
            [
                "title": .text(guide.config.title), "summary": .text(guide.config.summary),
                "print_url": .text(href(SiteRoutes.printEdition(of: guide.url), from: base)),
                "taxonomies": .objects(guide.taxonomies.map { link($0.definition.title, to: $0.url, from: base) }),
                "has_taxonomies": .flag(!guide.taxonomies.isEmpty),
            ])
        if let id = guide.introduction, let page = graph.pages[id] { context["introduction"] = .markup(bodyHTML(page)) }
        var filterItems: [(id: String, tokens: String?)] = []
        /// A card of the listing, with its filter tokens when the guide filters.
        func card(_ id: String, phase: String? = nil) -> TemplateObject? {
            let tokens = filterTokens(id, in: guide, phase: phase)
            filterItems.append((id, tokens))
            return pageSummary(id, from: base, values: tokens)
        }
        switch template {
        case .guide:
            context["map"] = .object(overviewMap(guide, from: base))
            context["phases"] = .objects(
                guide.phases.map { phase in
                    TemplateObject(
                        Contexts.guidePhase,
                        [
                            "title": .text(phase.definition.title), "url": .text(href(phase.url, from: base)),
                            "number": .number(phase.number), "id": .text(phase.definition.id),
                            "summary": .text(phase.definition.summary),
                            "pages": .objects(phase.pages.compactMap { card($0, phase: phase.definition.id) }),
                        ])
                })
            context["has_phases"] = .flag(!guide.phases.isEmpty)
            context["phase_question"] = .text(guide.config.texts.phaseQuestion)
            context["phase_hint"] = .text(guide.config.texts.phaseHint)
            let items = guide.phases.isEmpty ? guide.pages.map { ($0, filterTokens($0, in: guide)) } : []
            let groups = pageGroups(items, in: guide, from: base)
            if groups.isEmpty {
                context["sections"] = .objects(sections(of: guide, from: base, card: { card($0) }))
            } else {
                context["sections"] = .objects([])
                filterItems += items
            }
            context["groups"] = .objects(groups)
            context["has_groups"] = .flag(!groups.isEmpty)
        default:
            context["pages"] = .objects(guide.pages.compactMap { pageSummary($0, from: base) })
            context["has_pages"] = .flag(!guide.pages.isEmpty)
            context["tools"] = .objects(guide.tools.compactMap { toolCard($0, from: base) })
            context["tool_count"] = .number(guide.tools.count)
            context["facets"] = .objects(
                guide.config.facets.map { facet in
                    let unused = facet.values.filter { guide.tools(with: facet, $0, in: graph).isEmpty }.map(\.title)
                    return TemplateObject(
                        Contexts.chooserFacet,
                        [
                            "id": .text(facet.id), "title": .text(facet.title),
                            "has_used_values": .flag(unused.count < facet.values.count),
                            "unused": unused.isEmpty ? .absent : .text(unused.joined(separator: ", ")),
                            "values": .objects(facetValues(facet, in: guide, from: base)),
                        ])
                })
            filterItems = guide.tools.map { ($0, filterTokens($0, in: guide)) }
            context["data_url"] = .text(href(SiteRoutes.chooserData(of: guide.url), from: base))
            context["compare_url"] = .text(href(SiteRoutes.compare(of: guide.url), from: base))
        }
        let filters = filterForm(guide, listing, items: filterItems, noun: template == .chooser ? .tool : .page)
        context["filters"] = .object(filters)
        if template == .guide {
            // The phase chooser is the phase filter when the form has it (`assets/guide.js`
            // looks for its boxes).
            let axis = guide.config.phaseAxis.flatMap { axis in
                guide.config.filters.contains { $0.value == axis } ? axis : nil
            }
            context["phase_filter"] = .text(filters == nil ? nil : axis)
        }
        return layout(
            base: base, title: guide.config.title, description: guide.config.summary, template: template,
            body: context, breadcrumbs: [("Home", ""), (guide.config.title, nil)], guide: guide.slug,
            scripts: filterScripts(filters, template == .chooser ? ["assets/chooser.js"] : ["assets/guide.js"]),
            feed: ("Nieuw en bijgewerkt: \(guide.config.title)", SiteRoutes.feed(of: guide.url)))
    }

    /// `ids` in the groups of the guide's `group_by:` (a taxonomy's values in their order, or the
    /// page's folder), each with its count; the pages without a value last, as "Overige
    /// pagina’s". Empty when the guide does not group, or when everything is in one group.
    /// `items`: the pages with their filter tokens (nil on a listing without filters).
    func pageGroups(_ items: [(id: String, tokens: String?)], in guide: GuideNode, from base: String)
        -> [TemplateObject]
    {
        guard let groupBy = guide.config.groupBy, !items.isEmpty else { return [] }
        let ids = items.map(\.id)
        let tokens = Dictionary(items.map { ($0.id, $0.tokens) }, uniquingKeysWith: { first, _ in first })
        var groups: [(key: String, title: String, ids: [String])] = []
        func add(_ id: String, to key: String, title: @autoclosure () -> String) {
            if let index = groups.firstIndex(where: { $0.key == key }) {
                groups[index].ids.append(id)
            } else {
                groups.append((key, title(), [id]))
            }
        }
        if groupBy == "folder" {
            for id in ids {
                let segments = id.split(separator: "/")
                let folder = segments.count > 2 ? String(segments[1]) : ""
                let index = graph.pages["\(guide.config.folder)/\(folder)/index.md"]
                let readable = folder.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
                add(
                    id, to: folder,
                    title: folder.isEmpty
                        ? "Overige pagina’s"
                        : index?.metadata.title ?? (readable.prefix(1).uppercased() + readable.dropFirst()))
            }
            groups.sort { ($0.key.isEmpty ? 1 : 0, $0.key) < ($1.key.isEmpty ? 1 : 0, $1.key) }
        } else if let taxonomy = guide.config.taxonomies.first(where: { $0.id == groupBy }) {
            for value in taxonomy.values {
                for id in ids where graph.pages[id]?.metadata.terms[taxonomy.id]?.first?.value == value.id {
                    add(id, to: value.id, title: value.title)
                }
            }
            for id in ids where graph.pages[id]?.metadata.terms[taxonomy.id]?.first == nil {
                add(id, to: "", title: "Overige pagina’s")
            }
        }
        guard groups.count > 1 else { return [] }
        return groups.map { group in
            TemplateObject(
                Contexts.pageGroup,
                [
                    "title": .text(group.title),
                    "id": .text("_g-" + (group.key.isEmpty ? "overige" : Slug.make(group.key))),
                    "count": .number(group.ids.count), "count_label": .text(pagesLabel(group.ids.count)),
                    "pages": .objects(
                        group.ids.compactMap { id in
                            pageSummary(
                                id, from: base, heading: "h4",
                                values: tokens[id] ?? nil)
                        }),
                ])
        }
    }

    /// A guide without phases lists its pages per folder, as the knowledge base was arranged,
    /// the pages at the top first (a section without a title).
    /// `card`: a page's card.
    func sections(of guide: GuideNode, from base: String, card: (String) -> TemplateObject?) -> [TemplateObject] {
        var order: [String] = []
        var members: [String: [String]] = [:]
        // In a phased guide, only the pages without a phase.
        for id in guide.pages where guide.phases.isEmpty || graph.pages[id]?.phases.isEmpty == true {
            let segments = id.split(separator: "/")
            let folder = segments.count > 2 ? String(segments[1]) : ""
            if members[folder] == nil { order.append(folder) }
            members[folder, default: []].append(id)
        }
        order.sort { ($0.isEmpty ? 0 : 1, $0) < ($1.isEmpty ? 0 : 1, $1) }
        return order.map { folder in
            // A folder's own index page names the section.
            let index = graph.pages["\(guide.config.folder)/\(folder)/index.md"]
            var item = TemplateObject(
                Contexts.guideSection,
                ["pages": .objects((members[folder] ?? []).compactMap(card))])
            if !folder.isEmpty {
                let readable = folder.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
                item["title"] = .text(index?.metadata.title ?? (readable.prefix(1).uppercased() + readable.dropFirst()))
                item["id"] = .text("_s-" + Slug.make(folder))
            } else if !guide.phases.isEmpty {
                item["title"] = "Overige pagina’s"
                item["id"] = "_s-overige"
            } else {
                // The cards are h3: a heading in between keeps the levels from skipping (WCAG 1.3.1).
                item["title"] = "Pagina’s"
                item["id"] = "_s-paginas"
            }
            return item
        }
    }

    func taxonomy(_ taxonomy: TaxonomyNode, in guide: GuideNode) -> [UInt8] {
        let base = taxonomy.url
        let context = TemplateObject(
            Contexts.taxonomy,
            [
                "title": .text(taxonomy.definition.title),
                "guide": .object(link(guide.config.title, to: guide.url, from: base)),
                "values": .objects(
                    taxonomy.terms.map { term in
                        TemplateObject(
                            Contexts.taxonomyValue,
                            [
                                "title": .text(term.value.title), "url": .text(href(term.url, from: base)),
                                "summary": .text(term.value.summary),
                                "count": .text(pagesLabel(term.pages.count)),
                            ])
                    }),
            ])
        return layout(
            base: base, title: "\(taxonomy.definition.title) – \(guide.config.title)",
            description: "De pagina’s van \(guide.config.title) per \(taxonomy.definition.title.lowercased()).",
            template: .taxonomy, body: context,
            breadcrumbs: [("Home", ""), (guide.config.title, guide.url), (taxonomy.definition.title, nil)],
            guide: guide.slug)
    }

    func term(_ term: TermNode, of taxonomy: TaxonomyNode, in guide: GuideNode, listing: Listing?) -> [UInt8] {
        let base = term.url
        let items = term.pages.map { ($0, filterTokens($0, in: guide)) }
        let pages = items.compactMap { pageSummary($0.0, from: base, values: $0.1) }
        let groups = pageGroups(items, in: guide, from: base)
        let filters = filterForm(guide, listing, items: items)
        let context = TemplateObject(
            Contexts.term,
            [
                "title": .text(term.value.title), "summary": .text(term.value.summary),
                "taxonomy": .object(link(taxonomy.definition.title, to: taxonomy.url, from: base)),
                "guide": .object(link(guide.config.title, to: guide.url, from: base)), "pages": .objects(pages),
                "has_pages": .flag(!pages.isEmpty),
                "introduction": .markup(term.introduction.flatMap { graph.pages[$0] }.map(bodyHTML)),
                "groups": .objects(groups), "has_groups": .flag(!groups.isEmpty),
                "others": .objects(
                    taxonomy.terms.filter { $0.url != term.url }.map { link($0.value.title, to: $0.url, from: base) }),
                "filters": .object(filters),
            ])
        return layout(
            base: base, title: "\(term.value.title) – \(guide.config.title)",
            description: term.value.summary ?? "Pagina’s over \(term.value.title) in \(guide.config.title).",
            template: .term, body: context,
            breadcrumbs: [
                ("Home", ""), (guide.config.title, guide.url), (taxonomy.definition.title, taxonomy.url),
                (term.value.title, nil),
            ], guide: guide.slug, scripts: filterScripts(filters))
    }

    func phase(_ phase: PhaseNode, in guide: GuideNode, listing: Listing?) -> [UInt8] {
        let base = phase.url
        let index = guide.phases.firstIndex { $0.definition.id == phase.definition.id } ?? 0
        let items = phase.pages.map { ($0, filterTokens($0, in: guide)) }
        let filters = filterForm(guide, listing, items: items)
        var context = TemplateObject(
            Contexts.phase,
            [
                "title": .text(phase.definition.title), "summary": .text(phase.definition.summary),
                "number": .number(phase.number), "phase_count": .number(guide.phases.count),
                "guide": .object(link(guide.config.title, to: guide.url, from: base)),
                "stepper": .objects(stepper(guide, current: phase.definition.id, isPhasePage: true, from: base)),
                "has_stepper": true,
                "pages": .objects(items.compactMap { pageSummary($0.0, from: base, values: $0.1) }),
                "has_pages": .flag(!phase.pages.isEmpty),
                "has_pager": .flag(guide.phases.count > 1),
                "introduction": .markup(phase.introduction.flatMap { graph.pages[$0] }.map(bodyHTML)),
            ])
        let groups = pageGroups(items, in: guide, from: base)
        context["filters"] = .object(filters)
        context["groups"] = .objects(groups)
        context["has_groups"] = .flag(!groups.isEmpty)
        if index > 0 {
            context["previous"] = .object(
                link(guide.phases[index - 1].definition.title, to: guide.phases[index - 1].url, from: base))
        }
        if index + 1 < guide.phases.count {
            context["next"] = .object(
                link(guide.phases[index + 1].definition.title, to: guide.phases[index + 1].url, from: base))
        }
        return layout(
            base: base, title: "\(phase.definition.title) – \(guide.config.title)",
            description: phase.definition.summary, template: .phase, body: context,
            breadcrumbs: [("Home", ""), (guide.config.title, guide.url), (phase.definition.title, nil)],
            guide: guide.slug, scripts: filterScripts(filters))
    }

    func page(_ page: PageNode, in guide: GuideNode) -> [UInt8] {
        let base = SitePath.directory(of: page.url)
        let metadata = page.metadata
        let template: PageTemplate = metadata.kind == .tool ? .tool : .page
        var context = TemplateObject(
            template.shape,
            [
                "title": .text(metadata.title), "summary": .text(metadata.summary), "html": .markup(bodyHTML(page)),
                "guide": .object(link(guide.config.title, to: guide.url, from: base)),
                "stepper": .list([]), "has_stepper": false,
            ])
        if template == .tool, let card = toolCard(page.id, from: base) {
            // The card's own fields; the page's title, url and summary stay the page's.
            for field in Contexts.toolCard.fields where context[field.name].isAbsentOrEmptyList {
                context[field.name] = card[field.name]
            }
        }
        var crumbs: [(String, String?)] = [("Home", ""), (guide.config.title, guide.url)]
        if let phaseID = page.phase, let phase = guide.phases.first(where: { $0.definition.id == phaseID }) {
            context["phase"] = .object(step(phase, from: base))
            context["phase_count"] = .number(guide.phases.count)
            context["stepper"] = .objects(stepper(guide, current: phaseID, isPhasePage: false, from: base))
            context["has_stepper"] = true
            crumbs.append((phase.definition.title, phase.url))
        }
        crumbs.append((metadata.title, nil))
        let otherPhases = guide.phases.filter { page.phases.dropFirst().contains($0.definition.id) }.map { phase in
            link(phase.definition.title, to: phase.url, from: base)
        }
        context["other_phases"] = .objects(otherPhases)
        context["has_other_phases"] = .flag(!otherPhases.isEmpty)
        context["terms"] = .objects(termLinks(page, in: guide, from: base))
        let (previous, next) = graph.neighbours(of: page.id)
        if let previous, let node = graph.pages[previous] {
            context["previous"] = .object(link(node.metadata.title, to: node.url, from: base))
        }
        if let next, let node = graph.pages[next] {
            context["next"] = .object(link(node.metadata.title, to: node.url, from: base))
        }
        context["has_pager"] = .flag(previous != nil || next != nil)
        let backlinks = (graph.backlinks[page.id] ?? []).compactMap { pageLink($0, from: base) }
        context["backlinks"] = .objects(backlinks)
        context["has_backlinks"] = .flag(!backlinks.isEmpty)
        let related = page.related.compactMap { pageLink($0, from: base) }
        context["related"] = .objects(related)
        context["has_related"] = .flag(!related.isEmpty)
        let domains = domainLinks(page, from: base)
        context["domains"] = .objects(domains)
        context["has_domains"] = .flag(!domains.isEmpty)
        context["level"] = .text(metadata.level?.label)
        if let updated = page.lastUpdated {
            context["updated"] = .object(
                TemplateObject(Contexts.date, ["iso": .text(updated.iso), "text": .text(updated.dutch)]))
        }
        // The leading `# Title` shown as the page title is not in the body, so not in the list.
        let shown = page.document.headings.filter { !(page.dropsLeadingTitle && $0 == page.document.leadingTitle) }
        let toc = shown.filter { $0.level <= 2 }.map {
            TemplateObject(Contexts.tocEntry, ["text": .text($0.text), "id": .text($0.id)])
        }
        context["toc"] = .objects(toc)
        context["has_toc"] = .flag(toc.count >= 3)
        return layout(
            base: base, title: metadata.title, description: metadata.summary, template: template, body: context,
            breadcrumbs: crumbs, guide: guide.slug,
            feed: ("Nieuw en bijgewerkt: \(guide.config.title)", SiteRoutes.feed(of: guide.url)))
    }

    func toolCard(_ id: String, from base: String) -> TemplateObject? {
        guard let page = graph.pages[id], let slug = page.guide, let guide = graph.guide(slug) else { return nil }
        let metadata = page.metadata
        let facets = guide.config.facets.compactMap { facet -> TemplateObject? in
            guard let chosen = metadata.terms[facet.id], !chosen.isEmpty else { return nil }
            let titles = chosen.compactMap { value in facet.values.first { $0.id == value.value }?.title }
            return TemplateObject(
                Contexts.toolFacet,
                [
                    "title": .text(facet.title), "values": .text(titles.joined(separator: ", ")),
                    "id": .text(facet.id), "ids": .text(chosen.map(\.value).joined(separator: " ")),
                ])
        }
        return TemplateObject(
            Contexts.toolCard,
            [
                "title": .text(metadata.title), "url": .text(href(page.url, from: base)),
                "summary": .text(metadata.summary),
                "tips": .texts(metadata.tips), "has_tips": .flag(!metadata.tips.isEmpty),
                "tips_heading": .text(metadata.tips.count == 1 ? "1 tip" : "\(metadata.tips.count) tips"),
                "yields": .text(metadata.yields), "why": .text(metadata.why), "inclusion": .text(metadata.inclusion),
                "slug": .text(String(page.url.dropLast().split(separator: "/").last ?? "")),
                "used_by": .objects(
                    metadata.usedBy.map { use in
                        TemplateObject(
                            Contexts.use,
                            [
                                "gemeente": .text(use.gemeente), "url": .text(use.url?.value),
                                "has_url": .flag(use.url != nil),
                            ])
                    }),
                "has_used_by": .flag(!metadata.usedBy.isEmpty),
                "facets": .objects(facets), "has_facets": .flag(!facets.isEmpty),
                // `taxonomy:value` tokens for the filter script.
                "tokens": .text(filterTokens(id, in: guide) ?? ""),
            ])
    }

    func domain(_ domain: DomainNode) -> [UInt8] {
        let base = domain.url
        let groups = graph.guides.compactMap { guide -> TemplateObject? in
            let pages = domain.pages.filter { graph.pages[$0]?.guide == guide.slug }
            guard !pages.isEmpty else { return nil }
            let inDomain = Set(pages)
            // Per guide, grouped by beleidsfase in the guide's order (a chooser: one group).
            var phases: [TemplateObject] = guide.phases.compactMap { phase in
                let members = phase.pages.filter(inDomain.contains)
                guard !members.isEmpty else { return nil }
                return TemplateObject(
                    Contexts.domainPhase,
                    [
                        "title": .text(phase.definition.title), "url": .text(href(phase.url, from: base)),
                        "pages": .objects(members.compactMap { pageSummary($0, from: base) }), "has_title": true,
                    ])
            }
            if guide.phases.isEmpty {
                phases = [
                    TemplateObject(
                        Contexts.domainPhase,
                        ["has_title": false, "pages": .objects(pages.compactMap { pageSummary($0, from: base) })])
                ]
            }
            return TemplateObject(
                Contexts.domainGuide,
                [
                    "title": .text(guide.config.title), "url": .text(href(guide.url, from: base)),
                    "phases": .objects(phases), "pages": .objects(pages.compactMap { pageSummary($0, from: base) }),
                ])
        }
        let context = TemplateObject(
            Contexts.domain,
            [
                "title": .text(domain.definition.title), "summary": .nonEmpty(domain.definition.summary),
                "guides": .objects(groups), "has_pages": .flag(!groups.isEmpty), "count": .number(domain.pages.count),
                "count_sentence": .text(
                    domain.pages.count == 1
                        ? "Eén pagina uit de gidsen hoort bij dit domein."
                        : "\(domain.pages.count) pagina's uit de gidsen horen bij dit domein."),
                "others": .objects(
                    graph.domains.filter { $0.url != domain.url }.map {
                        link($0.definition.title, to: $0.url, from: base)
                    }),
            ])
        return layout(
            base: base, title: domain.definition.title, description: domain.definition.summary, template: .domain,
            body: context,
            breadcrumbs: [("Home", ""), ("Beleidsdomeinen", SiteRoutes.domains), (domain.definition.title, nil)],
            section: .domains)
    }

    /// The accessibility statement (`toegankelijkheid/`), from `accessibility:` in the site file.
    func accessibility(_ statement: AccessibilityStatement) -> [UInt8] {
        let base = SiteRoutes.accessibility
        var context = TemplateObject(
            Contexts.accessibility,
            [
                "title": "Toegankelijkheidsverklaring", "organisation": .text(statement.organisation),
                "status": .text(statement.status.sentence),
                "date": .object(
                    TemplateObject(
                        Contexts.date, ["iso": .text(statement.date.iso), "text": .text(statement.date.dutch)])),
                "measures": .text(statement.measures), "contact": .text(statement.contact),
            ])
        if let contact = statement.contact {
            context["contact_url"] = .text(
                contact.contains("@") && !contact.contains("://") ? "mailto:" + contact : contact)
        }
        return layout(
            base: base, title: "Toegankelijkheidsverklaring",
            description: "Hoe toegankelijk deze site is, en hoe u een probleem meldt.", template: .accessibility,
            body: context, breadcrumbs: [("Home", ""), ("Toegankelijkheid", nil)])
    }

    func domainsOverview() -> [UInt8] {
        let base = SiteRoutes.domains
        let context = TemplateObject(
            Contexts.domains,
            ["title": "Beleidsdomeinen", "domains": .objects(graph.domains.map { domainCount($0, from: base) })])
        return layout(
            base: base, title: "Beleidsdomeinen", description: "Alle pagina's per beleidsdomein, over de gidsen heen.",
            template: .domains, body: context, breadcrumbs: [("Home", ""), ("Beleidsdomeinen", nil)],
            section: .domains)
    }

    /// Every page and tool of every guide from A to Z (`a-tot-z/`): a way to find a page
    /// without JavaScript and without knowing its guide (WCAG 2.4.5, Multiple Ways). Titles are
    /// ordered as folded (`Één` under E); a title that starts with a digit or sign is under `#`.
    func pageIndex() -> [UInt8] {
        let base = SiteRoutes.pageIndex
        let ids = graph.guides.flatMap(\.readingOrder)
        let pages = Array(Set(ids)).compactMap { graph.pages[$0] }.map { page in
            (key: TextFolding.fold(page.metadata.title), page: page)
        }.sorted { ($0.key, $0.page.metadata.title, $0.page.url) < ($1.key, $1.page.metadata.title, $1.page.url) }
        var letters: [(letter: String, ids: [String])] = []
        for (key, page) in pages {
            let first = key.unicodeScalars.first { !$0.properties.isWhitespace }
            let letter = first.map { ("a"..."z").contains(Character($0)) ? String($0).uppercased() : "#" } ?? "#"
            if letters.last?.letter == letter {
                letters[letters.count - 1].ids.append(page.id)
            } else {
                letters.append((letter, [page.id]))
            }
        }
        let context = TemplateObject(
            Contexts.pageIndex,
            [
                "title": "Alle pagina’s van A tot Z", "count": .number(pages.count),
                "search_url": .text(href(SiteRoutes.search, from: base)),
                "letters": .objects(
                    letters.map { group in
                        TemplateObject(
                            Contexts.indexLetter,
                            [
                                "letter": .text(group.letter),
                                "id": .text("_letter-" + (group.letter == "#" ? "overig" : group.letter.lowercased())),
                                "pages": .objects(group.ids.compactMap { pageSummary($0, from: base) }),
                            ])
                    }),
            ])
        return layout(
            base: base, title: "Alle pagina’s van A tot Z",
            description: "Alle pagina’s en tools van de gidsen, op alfabet.", template: .pageIndex, body: context,
            breadcrumbs: [("Home", ""), ("A tot Z", nil)])
    }

    func search() -> [UInt8] {
        let base = SiteRoutes.search
        let context = TemplateObject(
            Contexts.search,
            [
                "title": "Zoeken",
                "index_url": .text(href(SitePath.searchIndex, from: base)),
                "page_suffix": .text(graph.site.directoryURLs ? "" : "index.html"),
                "examples": .text(graph.site.texts.searchExamples),
                "guides": .objects(graph.guides.map { link($0.config.title, to: $0.url, from: base) }),
            ])
        return layout(
            base: base, title: "Zoeken", description: "Zoek in alle gidsen.", template: .search, body: context,
            breadcrumbs: [("Home", ""), ("Zoeken", nil)], section: .search, scripts: ["assets/search.js"])
    }

    /// The 404 page. Servers show it at the URL that was not found, at any depth, so its links
    /// are absolute under the site file's `base_url` when there is one (relative otherwise).
    func notFound() -> [UInt8] {
        if absolutePrefix == nil, let basePath = graph.site.basePath {
            var absolute = self
            absolute.absolutePrefix = basePath
            return absolute.notFound()
        }
        let base = ""
        let context = TemplateObject(
            Contexts.notFound,
            [
                "title": "Pagina niet gevonden", "root": .text(href("", from: base)),
                "guides": .objects(graph.guides.map { link($0.config.title, to: $0.url, from: base) }),
            ])
        return layout(
            base: base, title: "Pagina niet gevonden", description: nil, template: .notFound, kind: "not-found",
            body: context, breadcrumbs: [])
    }
}

extension TemplateValue {
    /// Absent, or an empty list: a field the page's own fields left for the tool card.
    var isAbsentOrEmptyList: Bool {
        switch self {
        case .absent: return true
        case .list(let items): return items.isEmpty
        default: return false
        }
    }
}

/// The type label of a downloadable file, or nil for files a browser shows as a page or image.
func fileTypeLabel(_ path: String) -> String? {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "bestand" }
    let ext = path[path.index(after: dot)...].lowercased()
    let shown: Set<String> = ["html", "htm", "png", "jpg", "jpeg", "gif", "svg", "webp", "avif"]
    return shown.contains(ext) ? nil : ext
}

/// A file size the Dutch way, in SI units: `850 bytes`, `12 kB`, `1,2 MB`.
func dutchSize(_ bytes: Int) -> String {
    if bytes < 1000 { return "\(bytes) bytes" }
    if bytes < 1_000_000 { return "\(Int((Double(bytes) / 1000).rounded())) kB" }
    let megabytes = Double(bytes) / 1_000_000
    let text = megabytes < 10 ? String(format: "%.1f", megabytes) : String(Int(megabytes.rounded()))
    return text.replacingOccurrences(of: ".", with: ",") + " MB"
}

/// `1 pagina` or `N pagina's`.
/// `1 pagina` or `N pagina’s`: the one wording of a page count.
func pagesLabel(_ count: Int) -> String { Renderer.FilterNoun.page.label(count) }

/// Characters left as they are in a path segment of an href (RFC 3986 pchar without `;`).
private let pathAllowed: CharacterSet = {
    var set = CharacterSet.alphanumerics.intersection(
        CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
    set.insert(charactersIn: "-._~!$&'()*+,=:@")
    return set
}()

/// Per byte: a letter, digit, `-`, `.`, `_`, `~` (RFC 3986 unreserved) or `/`.
private let unreservedOrSlash: [Bool] = (0...255).map { byte in
    (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
        || [0x2D, 0x2E, 0x5F, 0x7E, 0x2F].contains(byte)
}

/// Lists of template objects made once per build and read by many pages on many threads:
/// the first page to need one makes it (two may, and then make the same list).
final class SharedFragments: Sendable {
    private let lists = Mutex<[String: [TemplateObject]]>([:])

    /// The list under `key`, made by `make` when there is none yet.
    func list(_ key: String, make: () -> [TemplateObject]) -> [TemplateObject] {
        if let known = lists.withLock({ $0[key] }) { return known }
        let made = make()
        lists.withLock { $0[key] = made }
        return made
    }
}
