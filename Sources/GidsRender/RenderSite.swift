import Foundation
import GidsCore
import GidsFrontMatter
import GidsGraph
import GidsMarkdown

/// The render stage: turns the graph into HTML pages with the templates. Every URL in the
/// output is relative to the page that holds it, so the site works under any sub-path and
/// from disk. Pages render in parallel; the result does not depend on thread scheduling.
///
/// Pages written: `index.html` (home), `<guide>/` (guide home or chooser), `<guide>/<phase>/`,
/// every page and tool, `domeinen/` and `domeinen/<id>/`, `zoeken/`, `404.html`; plus theme
/// assets and every content asset.
public func renderSite(_ graph: NavigationGraph, templates: TemplateSet) -> RenderedSite {
    let renderer = Renderer(graph: graph, templates: templates, assetNames: fingerprintedNames(templates))
    var jobs: [Job] = []
    jobs.append(Job { ("index.html", renderer.home()) })
    jobs.append(Job { ("zoeken/index.html", renderer.search()) })
    jobs.append(Job { ("404.html", renderer.notFound()) })
    jobs.append(Job { ("domeinen/index.html", renderer.domainsOverview()) })
    if let statement = graph.site.accessibility {
        jobs.append(Job { ("toegankelijkheid/index.html", renderer.accessibility(statement)) })
    }
    for domain in graph.domains { jobs.append(Job { (domain.url + "index.html", renderer.domain(domain)) }) }
    for guide in graph.guides {
        jobs.append(Job { (guide.url + "index.html", renderer.guideHome(guide)) })
        jobs.append(Job { (guide.url + "print/index.html", renderer.printEdition(guide)) })
        if !guide.config.facets.isEmpty {
            jobs.append(Job { (guide.url + "vergelijk/index.html", renderer.comparePage(guide)) })
            for facet in guide.config.facets {
                for value in facet.values where !renderer.tools(of: guide, with: facet, value).isEmpty {
                    jobs.append(
                        Job {
                            (
                                renderer.facetValueURL(guide, facet, value) + "index.html",
                                renderer.facetPage(guide, facet, value)
                            )
                        })
                }
            }
        }
        for phase in guide.phases { jobs.append(Job { (phase.url + "index.html", renderer.phase(phase, in: guide)) }) }
        for taxonomy in guide.taxonomies {
            jobs.append(Job { (taxonomy.url + "index.html", renderer.taxonomy(taxonomy, in: guide)) })
            for term in taxonomy.terms {
                jobs.append(Job { (term.url + "index.html", renderer.term(term, of: taxonomy, in: guide)) })
            }
        }
        for id in guide.readingOrder {
            guard let page = graph.pages[id] else { continue }
            jobs.append(Job { (page.url + "index.html", renderer.page(page, in: guide)) })
        }
    }
    // Bytes made in the job: the HTML string is freed at once, not held beside its copy.
    let results = jobs.concurrentMap { job -> (String, Data) in
        let (path, html) = job.run()
        return (path, Data(html.utf8))
    }
    var site = RenderedSite()
    site.files.reserveCapacity(results.count + 16)
    for (path, data) in results { site.files[path] = data }
    for (path, data) in templates.assets { site.files[renderer.assetNames[path] ?? path] = data }
    for guide in graph.guides {
        site.files[guide.url + "feed.xml"] = Data(renderer.feed(guide).utf8)
        if !guide.config.facets.isEmpty { site.files[guide.url + "tools.json"] = renderer.chooserData(guide) }
    }
    if let baseURL = graph.site.baseURL {
        site.files["sitemap.xml"] = Data(
            sitemap(graph, pages: results.map(\.0), baseURL: baseURL, renderer: renderer).utf8)
        site.files["robots.txt"] = Data("User-agent: *\nAllow: /\n\nSitemap: \(baseURL)sitemap.xml\n".utf8)
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

/// The HTML of the pages and tools `ids` only, by site path (`<page url>index.html`), exactly
/// as ``renderSite(_:templates:)`` writes them: what `gids serve` renders first after an edit.
public func renderPages(_ ids: [String], graph: NavigationGraph, templates: TemplateSet) -> [String: Data] {
    let renderer = Renderer(graph: graph, templates: templates, assetNames: fingerprintedNames(templates))
    var out: [String: Data] = [:]
    for id in ids {
        guard let page = graph.pages[id], let slug = page.guide, let guide = graph.guide(slug) else { continue }
        out[page.url + "index.html"] = Data(renderer.page(page, in: guide).utf8)
    }
    return out
}

/// One output page to render: its site path and the work that makes its HTML.
private struct Job: Sendable {
    let run: @Sendable () -> (String, String)
    init(_ run: @escaping @Sendable () -> (String, String)) { self.run = run }
}

/// Builds template contexts. Context keys are documented in `templates/README.md`.
struct Renderer: @unchecked Sendable {
    let graph: NavigationGraph
    let templates: TemplateSet
    /// Theme asset path → its fingerprinted name in the output.
    var assetNames: [String: String] = [:]
    /// When set (`/gidsen/`), hrefs are absolute paths under it instead of relative: used for
    /// the 404 page, which servers show at any depth.
    var absolutePrefix: String?

    /// What the site lets raw HTML in Markdown do: decided once, from `raw_html` and `allow_scripts`.
    var rawHTMLPolicy: RawHTMLPolicy {
        RawHTMLPolicy(rawHTML: graph.site.rawHTML, allowScripts: graph.site.allowScripts)
    }

    // MARK: Shared pieces

    func link(_ title: String, to target: String, from base: String, current: String? = nil) -> [String: Any] {
        ["title": title, "url": href(target, from: base), "aria_current": current ?? false]
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
        // Slug paths need no encoding: letters, digits and `-._~/` only.
        if path.utf8.allSatisfy({ byte in
            (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E || byte == 0x2F
        }) {
            return path
        }
        return path.split(separator: "/", omittingEmptySubsequences: false).map {
            $0 == ".." || $0 == "."
                ? String($0) : String($0).addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? String($0)
        }.joined(separator: "/")
    }

    func layout(
        base: String, title: String, description: String?, kind: String, body: String,
        breadcrumbs: [(String, String?)], guide: String? = nil, section: String? = nil, scripts: [String] = [],
        feed: (title: String, url: String)? = nil
    ) -> String {
        var crumbs: [[String: Any]] = []
        for (index, crumb) in breadcrumbs.enumerated() {
            crumbs.append([
                "title": crumb.0, "url": crumb.1.map { href($0, from: base) } ?? false,
                "aria_current": index == breadcrumbs.count - 1 ? "page" : false,
            ])
        }
        let nav: [[String: Any]] =
            graph.guides.map { g in
                link(
                    g.config.title, to: g.url, from: base,
                    current: g.slug == guide ? (base == g.url ? "page" : "true") : nil)
            }
            + (graph.domains.isEmpty
                ? []
                : [
                    link(
                        "Beleidsdomeinen", to: "domeinen/", from: base,
                        current: section == "domeinen" ? (base == "domeinen/" ? "page" : "true") : nil)
                ])
        let fullTitle = title == graph.site.title ? title : "\(title) – \(graph.site.title)"
        let context: [String: Any] = [
            "site": ["title": graph.site.title, "language": graph.site.language],
            "root": href("", from: base),
            "home_url": href("", from: base),
            "search_url": href("zoeken/", from: base),
            "stylesheet": href(assetNames["assets/style.css"] ?? "assets/style.css", from: base),
            "scripts": scripts.map { href(assetNames[$0] ?? $0, from: base) },
            "canonical": kind == "not-found" ? false : graph.site.baseURL.map { $0 + encodedPath(base) } ?? false,
            "og": [
                "title": title, "description": description ?? graph.site.description ?? "",
                "type": ["page", "tool"].contains(kind) ? "article" : "website", "site_name": graph.site.title,
                "locale": graph.site.language == "nl" ? "nl_NL" : graph.site.language,
            ],
            "feed": feed.map { ["title": $0.title, "url": href($0.url, from: base)] } ?? false,
            "accessibility_url": graph.site.accessibility == nil ? false : href("toegankelijkheid/", from: base),
            "document_title": fullTitle,
            "description": description ?? graph.site.description ?? "",
            "kind": kind,
            "nav": nav,
            "breadcrumbs": crumbs,
            "has_breadcrumbs": crumbs.count > 1,
            "search_current": section == "zoeken" ? "page" : false,
            "home_current": base.isEmpty && kind == "home",
            "body": body,
        ]
        return templates.render("layout", context)
    }

    /// What "Zie ook" and "Verwijst hierheen" show of a page: `{title, url, guide}` (guide
    /// false outside a guide), lighter than ``pageSummary(_:from:)``.
    func pageLink(_ id: String, from base: String) -> [String: Any]? {
        guard let page = graph.pages[id] else { return nil }
        return [
            "title": page.metadata.title, "url": href(page.url, from: base),
            "guide": page.guide.flatMap { graph.guide($0)?.config.title } ?? false,
        ]
    }

    func pageSummary(_ id: String, from base: String) -> [String: Any]? {
        guard let page = graph.pages[id] else { return nil }
        // Optional keys are false when absent: Mustache would otherwise take the same key from an
        // enclosing context (the page's own phase or level) and show that.
        var item: [String: Any] = [
            "title": page.metadata.title, "url": href(page.url, from: base), "summary": page.metadata.summary,
            "level": page.metadata.level?.label ?? false, "guide": false, "phase": false,
        ]
        let domains = domainLinks(page, from: base)
        item["domains"] = domains
        item["has_domains"] = !domains.isEmpty
        item["has_meta"] = !domains.isEmpty || page.metadata.level != nil
        if let slug = page.guide, let guide = graph.guide(slug) {
            item["guide"] = guide.config.title
            if let phase = page.phase, let node = guide.phases.first(where: { $0.definition.id == phase }) {
                item["phase"] = node.definition.title
            }
        }
        return item
    }

    /// The page's values of each listed taxonomy: `[{title, id, values: [{title, url}]}]`.
    func termLinks(_ page: PageNode, in guide: GuideNode, from base: String) -> [[String: Any]] {
        guide.taxonomies.compactMap { taxonomy -> [String: Any]? in
            let values = taxonomy.terms.filter { term in
                page.metadata.terms[taxonomy.definition.id]?.contains { $0.value == term.value.id } ?? false
            }
            guard !values.isEmpty else { return nil }
            return [
                "title": taxonomy.definition.title, "id": "_t-" + Slug.make(taxonomy.definition.id),
                "url": href(taxonomy.url, from: base),
                "values": values.map { link($0.value.title, to: $0.url, from: base) },
            ]
        }
    }

    func domainLinks(_ page: PageNode, from base: String) -> [[String: Any]] {
        page.metadata.domains.compactMap { domain in
            graph.domains.first { $0.definition.id == domain.value }.map {
                link($0.definition.title, to: $0.url, from: base)
            }
        }
    }

    func stepper(_ guide: GuideNode, current: String?, isPhasePage: Bool, from base: String) -> [[String: Any]] {
        guide.phases.map { phase in
            var item = link(
                phase.definition.title, to: phase.url, from: base,
                current: phase.definition.id == current ? (isPhasePage ? "page" : "step") : nil)
            item["number"] = phase.number
            return item
        }
    }

    /// Body HTML of a page, with every resolved link rewritten to its output URL.
    func bodyHTML(_ page: PageNode) -> String {
        let base = page.url
        let targets = Dictionary(uniqueKeysWithValues: page.links.map { ($0.link.index, $0.target) })
        return page.document.render(
            rawHTML: rawHTMLPolicy,
            rewrite: { link in
                guard let target = targets[link.index] else { return nil }
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
                guard case .asset(let path, _)? = targets[link.index], let asset = graph.assets[path],
                    let type = fileTypeLabel(path)
                else { return nil }
                return " (\(type), \(dutchSize(asset.size)))"
            }, dropLeadingTitle: page.dropsLeadingTitle)
    }

    // MARK: Page kinds

    func home() -> String {
        let base = ""
        var context: [String: Any] = [
            "title": graph.home?.metadata.title ?? graph.site.title,
            "summary": graph.home?.metadata.summary ?? graph.site.description ?? "",
            "guides": graph.guides.map { guide -> [String: Any] in
                [
                    "title": guide.config.title, "summary": guide.config.summary, "url": href(guide.url, from: base),
                    "count": guide.readingOrder.count, "count_label": pagesLabel(guide.readingOrder.count),
                ]
            },
            "domains": graph.domains.map { domain -> [String: Any] in
                var item = link(domain.definition.title, to: domain.url, from: base)
                item["count"] = domain.pages.count
                return item
            },
        ]
        if let home = graph.home { context["html"] = bodyHTML(home) }
        let body = templates.render("home", context)
        return layout(
            base: base, title: graph.site.title, description: graph.home?.metadata.summary, kind: "home", body: body,
            breadcrumbs: [])
    }

    func guideHome(_ guide: GuideNode) -> String {
        let base = guide.url
        var context: [String: Any] = ["title": guide.config.title, "summary": guide.config.summary]
        let template: String
        if guide.config.facets.isEmpty {
            template = "guide"
            context["print_url"] = href(guide.url + "print/", from: base)
            if let map = overviewMap(guide, from: base) { context["map"] = map }
            context["phases"] = guide.phases.map { phase -> [String: Any] in
                var item = link(phase.definition.title, to: phase.url, from: base)
                item["id"] = phase.definition.id
                item["number"] = phase.number
                item["summary"] = phase.definition.summary
                item["pages"] = phase.pages.compactMap { pageSummary($0, from: base) }
                return item
            }
            context["has_phases"] = !guide.phases.isEmpty
            context["sections"] = sections(of: guide, from: base)
        } else {
            template = "chooser"
            context["pages"] = guide.pages.compactMap { pageSummary($0, from: base) }
            context["has_pages"] = !guide.pages.isEmpty
            context["tools"] = guide.tools.compactMap { toolCard($0, from: base) }
            context["tool_count"] = guide.tools.count
            context["facets"] = guide.config.facets.map { facet -> [String: Any] in
                var used: [[String: Any]] = []
                var unused: [String] = []
                for value in facet.values {
                    let tools = guide.tools.filter { id in
                        graph.pages[id]?.metadata.terms[facet.id]?.contains { $0.value == value.id } ?? false
                    }
                    guard !tools.isEmpty else {
                        unused.append(value.title)
                        continue
                    }
                    used.append([
                        "id": value.id, "title": value.title, "count": tools.count,
                        "tools": tools.compactMap { id in
                            graph.pages[id].map { link($0.metadata.title, to: $0.url, from: base) }
                        },
                    ])
                }
                return [
                    "id": facet.id, "title": facet.title, "used_values": used, "has_used_values": !used.isEmpty,
                    "unused": unused.isEmpty ? false : unused.joined(separator: ", "),
                    "values": facetValues(facet, in: guide, from: base),
                ]
            }
            context["data_url"] = href(guide.url + "tools.json", from: base)
            context["compare_url"] = href(guide.url + "vergelijk/", from: base)
            context["print_url"] = href(guide.url + "print/", from: base)
        }
        if let id = guide.introduction, let page = graph.pages[id] { context["introduction"] = bodyHTML(page) }
        context["taxonomies"] = guide.taxonomies.map { link($0.definition.title, to: $0.url, from: base) }
        context["has_taxonomies"] = !guide.taxonomies.isEmpty
        let body = templates.render(template, context)
        return layout(
            base: base, title: guide.config.title, description: guide.config.summary, kind: template, body: body,
            breadcrumbs: [("Home", ""), (guide.config.title, nil)], guide: guide.slug,
            scripts: guide.config.facets.isEmpty ? ["assets/guide.js"] : ["assets/chooser.js"],
            feed: ("Nieuw en bijgewerkt: \(guide.config.title)", guide.url + "feed.xml"))
    }

    /// A guide without phases lists its pages per folder, as the knowledge base was arranged:
    /// `[{title, pages}]`, the pages at the top first (a section without a title).
    func sections(of guide: GuideNode, from base: String) -> [[String: Any]] {
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
            // Absent keys are false, or Mustache would take the guide's own title and show it.
            var item: [String: Any] = [
                "pages": (members[folder] ?? []).compactMap { pageSummary($0, from: base) }, "title": false,
                "id": false,
            ]
            if !folder.isEmpty {
                let readable = folder.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
                item["title"] = index?.metadata.title ?? (readable.prefix(1).uppercased() + readable.dropFirst())
                item["id"] = "_s-" + Slug.make(folder)
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

    func taxonomy(_ taxonomy: TaxonomyNode, in guide: GuideNode) -> String {
        let base = taxonomy.url
        let context: [String: Any] = [
            "title": taxonomy.definition.title, "guide": link(guide.config.title, to: guide.url, from: base),
            "values": taxonomy.terms.map { term -> [String: Any] in
                var item = link(term.value.title, to: term.url, from: base)
                item["summary"] = term.value.summary ?? false
                item["count"] = term.pages.count == 1 ? "1 pagina" : "\(term.pages.count) pagina’s"
                return item
            },
        ]
        return layout(
            base: base, title: "\(taxonomy.definition.title) – \(guide.config.title)",
            description: "De pagina’s van \(guide.config.title) per \(taxonomy.definition.title.lowercased()).",
            kind: "taxonomy", body: templates.render("taxonomy", context),
            breadcrumbs: [("Home", ""), (guide.config.title, guide.url), (taxonomy.definition.title, nil)],
            guide: guide.slug)
    }

    func term(_ term: TermNode, of taxonomy: TaxonomyNode, in guide: GuideNode) -> String {
        let base = term.url
        let pages = term.pages.compactMap { pageSummary($0, from: base) }
        let context: [String: Any] = [
            "title": term.value.title, "summary": term.value.summary ?? false,
            "taxonomy": link(taxonomy.definition.title, to: taxonomy.url, from: base),
            "guide": link(guide.config.title, to: guide.url, from: base), "pages": pages, "has_pages": !pages.isEmpty,
            "others": taxonomy.terms.filter { $0.url != term.url }.map { link($0.value.title, to: $0.url, from: base) },
        ]
        return layout(
            base: base, title: "\(term.value.title) – \(guide.config.title)",
            description: term.value.summary ?? "Pagina’s over \(term.value.title) in \(guide.config.title).",
            kind: "term", body: templates.render("term", context),
            breadcrumbs: [
                ("Home", ""), (guide.config.title, guide.url), (taxonomy.definition.title, taxonomy.url),
                (term.value.title, nil),
            ], guide: guide.slug)
    }

    func phase(_ phase: PhaseNode, in guide: GuideNode) -> String {
        let base = phase.url
        let index = phase.number - 1
        var context: [String: Any] = [
            "title": phase.definition.title, "summary": phase.definition.summary, "number": phase.number,
            "phase_count": guide.phases.count,
            "guide": link(guide.config.title, to: guide.url, from: base),
            "stepper": stepper(guide, current: phase.definition.id, isPhasePage: true, from: base),
            "has_stepper": true,
            "pages": phase.pages.compactMap { pageSummary($0, from: base) },
            "has_pages": !phase.pages.isEmpty,
        ]
        if index > 0 {
            context["previous"] = link(
                guide.phases[index - 1].definition.title, to: guide.phases[index - 1].url, from: base)
        }
        if index + 1 < guide.phases.count {
            context["next"] = link(
                guide.phases[index + 1].definition.title, to: guide.phases[index + 1].url, from: base)
        }
        context["has_pager"] = guide.phases.count > 1
        let body = templates.render("phase", context)
        return layout(
            base: base, title: "\(phase.definition.title) – \(guide.config.title)",
            description: phase.definition.summary,
            kind: "phase", body: body,
            breadcrumbs: [("Home", ""), (guide.config.title, guide.url), (phase.definition.title, nil)],
            guide: guide.slug)
    }

    func page(_ page: PageNode, in guide: GuideNode) -> String {
        let base = page.url
        let metadata = page.metadata
        var context: [String: Any] = [
            "title": metadata.title, "summary": metadata.summary, "html": bodyHTML(page),
            "guide": link(guide.config.title, to: guide.url, from: base),
        ]
        var crumbs: [(String, String?)] = [("Home", ""), (guide.config.title, guide.url)]
        if let phaseID = page.phase, let phase = guide.phases.first(where: { $0.definition.id == phaseID }) {
            var item = link(phase.definition.title, to: phase.url, from: base)
            item["number"] = phase.number
            context["phase"] = item
            context["phase_count"] = guide.phases.count
            context["stepper"] = stepper(guide, current: phaseID, isPhasePage: false, from: base)
            context["has_stepper"] = true
            crumbs.append((phase.definition.title, phase.url))
        }
        crumbs.append((metadata.title, nil))
        let otherPhases = guide.phases.filter { page.phases.dropFirst().contains($0.definition.id) }.map { phase in
            link(phase.definition.title, to: phase.url, from: base)
        }
        context["other_phases"] = otherPhases
        context["has_other_phases"] = !otherPhases.isEmpty
        context["terms"] = termLinks(page, in: guide, from: base)
        let (previous, next) = graph.neighbours(of: page.id)
        if let previous, let node = graph.pages[previous] {
            context["previous"] = link(node.metadata.title, to: node.url, from: base)
        }
        if let next, let node = graph.pages[next] {
            context["next"] = link(node.metadata.title, to: node.url, from: base)
        }
        context["has_pager"] = previous != nil || next != nil
        let backlinks = (graph.backlinks[page.id] ?? []).compactMap { pageLink($0, from: base) }
        context["backlinks"] = backlinks
        context["has_backlinks"] = !backlinks.isEmpty
        let related = page.related.compactMap { pageLink($0, from: base) }
        context["related"] = related
        context["has_related"] = !related.isEmpty
        let domains = domainLinks(page, from: base)
        context["domains"] = domains
        context["has_domains"] = !domains.isEmpty
        if let level = metadata.level { context["level"] = level.label }
        if let updated = page.lastUpdated { context["updated"] = ["iso": updated.iso, "text": updated.dutch] }
        // The leading `# Title` shown as the page title is not in the body, so not in the list.
        let shown = page.document.headings.filter { !(page.dropsLeadingTitle && $0 == page.document.leadingTitle) }
        let toc = shown.filter { $0.level <= 2 }.map { ["text": $0.text, "id": $0.id] }
        context["toc"] = toc
        context["has_toc"] = toc.count >= 3
        var template = "page"
        if metadata.kind == .tool {
            template = "tool"
            for (key, value) in toolCard(page.id, from: base) ?? [:] where context[key] == nil { context[key] = value }
        }
        let body = templates.render(template, context)
        return layout(
            base: base, title: metadata.title, description: metadata.summary, kind: template, body: body,
            breadcrumbs: crumbs, guide: guide.slug,
            feed: ("Nieuw en bijgewerkt: \(guide.config.title)", guide.url + "feed.xml"))
    }

    func toolCard(_ id: String, from base: String) -> [String: Any]? {
        guard let page = graph.pages[id], let slug = page.guide, let guide = graph.guide(slug) else { return nil }
        let metadata = page.metadata
        var card: [String: Any] = [
            "title": metadata.title, "url": href(page.url, from: base), "summary": metadata.summary,
            "tips": metadata.tips, "has_tips": !metadata.tips.isEmpty,
            "tips_heading": metadata.tips.count == 1 ? "1 tip" : "\(metadata.tips.count) tips",
        ]
        // Optional keys are false when absent, so a card never shows an enclosing context's value.
        card["yields"] = metadata.yields ?? false
        card["why"] = metadata.why ?? false
        card["inclusion"] = metadata.inclusion ?? false
        card["slug"] = String(page.url.dropLast().split(separator: "/").last ?? "")
        card["used_by"] = metadata.usedBy.map { use -> [String: Any] in
            var item: [String: Any] = ["gemeente": use.gemeente]
            item["url"] = use.url?.value ?? ""
            item["has_url"] = use.url != nil
            return item
        }
        card["has_used_by"] = !metadata.usedBy.isEmpty
        let facets = guide.config.facets.compactMap { facet -> [String: Any]? in
            guard let chosen = metadata.terms[facet.id], !chosen.isEmpty else { return nil }
            let titles = chosen.compactMap { value in facet.values.first { $0.id == value.value }?.title }
            return [
                "title": facet.title, "values": titles.joined(separator: ", "), "id": facet.id,
                "ids": chosen.map(\.value).joined(separator: " "),
            ]
        }
        card["facets"] = facets
        card["has_facets"] = !facets.isEmpty
        // `facet:value` tokens for the chooser script's filters.
        card["tokens"] = guide.config.facets.flatMap { facet in
            (metadata.terms[facet.id] ?? []).map { "\(facet.id):\($0.value)" }
        }.joined(separator: " ")
        return card
    }

    func domain(_ domain: DomainNode) -> String {
        let base = domain.url
        let groups = graph.guides.compactMap { guide -> [String: Any]? in
            let pages = domain.pages.filter { graph.pages[$0]?.guide == guide.slug }
            guard !pages.isEmpty else { return nil }
            // Per guide, grouped by beleidsfase in the guide's order (a chooser: one group).
            var phases: [[String: Any]] = guide.phases.compactMap { phase in
                let members = phase.pages.filter(pages.contains)
                guard !members.isEmpty else { return nil }
                var group = link(phase.definition.title, to: phase.url, from: base)
                group["pages"] = members.compactMap { pageSummary($0, from: base) }
                group["has_title"] = true
                return group
            }
            if guide.phases.isEmpty {
                phases = [
                    ["title": false, "has_title": false, "pages": pages.compactMap { pageSummary($0, from: base) }]
                ]
            }
            return [
                "title": guide.config.title, "url": href(guide.url, from: base), "phases": phases,
                "pages": pages.compactMap { pageSummary($0, from: base) },
            ]
        }
        let context: [String: Any] = [
            "title": domain.definition.title, "summary": domain.definition.summary ?? "",
            "guides": groups, "has_pages": !groups.isEmpty, "count": domain.pages.count,
            "count_sentence": domain.pages.count == 1
                ? "Eén pagina uit de gidsen hoort bij dit domein."
                : "\(domain.pages.count) pagina's uit de gidsen horen bij dit domein.",
            "others": graph.domains.filter { $0.url != domain.url }.map {
                link($0.definition.title, to: $0.url, from: base)
            },
        ]
        let body = templates.render("domain", context)
        return layout(
            base: base, title: domain.definition.title, description: domain.definition.summary, kind: "domain",
            body: body, breadcrumbs: [("Home", ""), ("Beleidsdomeinen", "domeinen/"), (domain.definition.title, nil)],
            section: "domeinen")
    }

    /// The accessibility statement (`toegankelijkheid/`), from `accessibility:` in the site file.
    func accessibility(_ statement: AccessibilityStatement) -> String {
        let base = "toegankelijkheid/"
        var context: [String: Any] = [
            "title": "Toegankelijkheidsverklaring", "organisation": statement.organisation,
            "status": statement.status.sentence,
            "date": ["iso": statement.date.iso, "text": statement.date.dutch],
            "measures": statement.measures ?? false, "contact": statement.contact ?? false,
        ]
        if let contact = statement.contact {
            context["contact_url"] = contact.contains("@") && !contact.contains("://") ? "mailto:" + contact : contact
        }
        let body = templates.render("accessibility", context)
        return layout(
            base: base, title: "Toegankelijkheidsverklaring",
            description: "Hoe toegankelijk deze site is, en hoe u een probleem meldt.", kind: "accessibility",
            body: body,
            breadcrumbs: [("Home", ""), ("Toegankelijkheid", nil)])
    }

    func domainsOverview() -> String {
        let base = "domeinen/"
        let context: [String: Any] = [
            "title": "Beleidsdomeinen",
            "domains": graph.domains.map { domain -> [String: Any] in
                var item = link(domain.definition.title, to: domain.url, from: base)
                item["summary"] = domain.definition.summary ?? ""
                item["count"] = domain.pages.count
                item["count_label"] = pagesLabel(domain.pages.count)
                return item
            },
        ]
        let body = templates.render("domains", context)
        return layout(
            base: base, title: "Beleidsdomeinen", description: "Alle pagina's per beleidsdomein, over de gidsen heen.",
            kind: "domains", body: body, breadcrumbs: [("Home", ""), ("Beleidsdomeinen", nil)], section: "domeinen")
    }

    func search() -> String {
        let base = "zoeken/"
        let context: [String: Any] = [
            "title": "Zoeken",
            "index_url": href(SitePath.searchIndex, from: base),
            "page_suffix": graph.site.directoryURLs ? "" : "index.html",
            "guides": graph.guides.map { link($0.config.title, to: $0.url, from: base) },
        ]
        let body = templates.render("search", context)
        return layout(
            base: base, title: "Zoeken", description: "Zoek in alle gidsen.", kind: "search", body: body,
            breadcrumbs: [("Home", ""), ("Zoeken", nil)], section: "zoeken", scripts: ["assets/search.js"])
    }

    /// The 404 page. Servers show it at the URL that was not found, at any depth, so its links
    /// are absolute under the site file's `base_url` when there is one (relative otherwise).
    func notFound() -> String {
        if absolutePrefix == nil, let basePath = graph.site.basePath {
            var absolute = self
            absolute.absolutePrefix = basePath
            return absolute.notFound()
        }
        let base = ""
        let context: [String: Any] = [
            "title": "Pagina niet gevonden", "root": href("", from: base),
            "guides": graph.guides.map { link($0.config.title, to: $0.url, from: base) },
        ]
        let body = templates.render("404", context)
        return layout(
            base: base, title: "Pagina niet gevonden", description: nil, kind: "not-found", body: body,
            breadcrumbs: [])
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
func pagesLabel(_ count: Int) -> String { count == 1 ? "1 pagina" : "\(count) pagina's" }

/// Characters left as they are in a path segment of an href (RFC 3986 pchar without `;`).
private let pathAllowed: CharacterSet = {
    var set = CharacterSet.alphanumerics.intersection(
        CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
    set.insert(charactersIn: "-._~!$&'()*+,=:@")
    return set
}()
