import Foundation
import GidsCore
import GidsGraph
import GidsHTML
import GidsLinks
import GidsMarkdown

/// The validation stage: link integrity and structure checks over a finished graph.
///
/// Errors: every broken link, image or asset (from the graph's resolution) and every fragment
/// that matches no heading id of its target page (exact, case-sensitive comparison after
/// percent-decoding, with a hint naming a near match). Warnings: raw HTML while the site file
/// has `raw_html: false`, a level-1 heading in a body, and orphan pages (pages that no
/// navigation or link reaches from the home page).
///
/// `only` limits the checks to those pages (their links and rules; no orphan check): what
/// `gids serve` checks first after an edit, before the full build.
public func validate(_ graph: NavigationGraph, only: Set<String>? = nil) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    // Reachability walks the whole graph on one core: beside the per-page checks, not after.
    let orphanCheck = only == nil ? BackgroundWork { orphans(graph) } : nil
    var allPages: [PageNode]
    if let only {
        // Only the pages checked and the pages they link to (for their anchors).
        let checked = only.compactMap { graph.pages[$0] ?? (graph.home?.id == $0 ? graph.home : nil) }
        let targets = Set(checked.flatMap { $0.links.compactMap(\.target.pageID) }).subtracting(only)
        allPages = (checked + targets.compactMap { graph.pages[$0] ?? (graph.home?.id == $0 ? graph.home : nil) })
            .sorted { $0.id < $1.id }
    } else {
        allPages = graph.pages.values.sorted { $0.id < $1.id }
        if let home = graph.home { allPages.append(home) }
    }
    // Anchors of the pages that are checked and of the pages they link to. Raw HTML is rendered
    // only when the site allows it; then its ids (and `<a name>`s) are targets too.
    let pageAnchors = allPages.concurrentMap { page -> ([String], Set<String>) in
        let ids = page.document.fragmentTargets(rawHTML: graph.site.rawHTML)
        return (ids, Set(ids))
    }
    var anchorsByPage: [String: [String]] = [:]
    var anchorSetsByPage: [String: Set<String>] = [:]
    anchorsByPage.reserveCapacity(allPages.count)
    anchorSetsByPage.reserveCapacity(allPages.count)
    for (page, (ids, set)) in zip(allPages, pageAnchors) {
        anchorsByPage[page.id] = ids
        anchorSetsByPage[page.id] = set
    }
    let anchors = anchorsByPage
    let anchorSets = anchorSetsByPage
    // Each page's checks are independent: all cores, diagnostics in page order.
    let checked = allPages.filter { only?.contains($0.id) ?? true }
    diagnostics += checked.concurrentMap { page -> [Diagnostic] in
        var diagnostics: [Diagnostic] = []
        let file = page.source.file
        // The link's location is made only for a diagnostic: most fragments are fine.
        func checkFragment(_ fragment: String, in target: PageNode, at location: @autoclosure () -> SourceLocation) {
            guard !LinkRules.fragment(fragment, matchesAnyOf: anchorSets[target.id] ?? []) else { return }
            let ids = anchors[target.id] ?? []
            diagnostics.append(
                .error(
                    location(),
                    "fragment '#\(fragment)' not found in '\(target.source.file.displayPath)'",
                    code: "link.missing-fragment", hint: LinkRules.fragmentHint(fragment, ids: ids)))
        }
        for resolved in page.links {
            let link = resolved.link
            switch resolved.target {
            case .broken(let diagnostic):
                diagnostics.append(diagnostic)
            case .page(let id, let fragment?):
                if let target = graph.pages[id] {
                    checkFragment(fragment, in: target, at: file.location(line: link.line, column: link.column))
                }
            case .home(let fragment?):
                if let home = graph.home {
                    checkFragment(fragment, in: home, at: file.location(line: link.line, column: link.column))
                }
            case .samePage(let fragment):
                checkFragment(fragment, in: page, at: file.location(line: link.line, column: link.column))
            default:
                break
            }
        }
        if graph.site.rawHTML && !graph.site.allowScripts {
            diagnostics += unsafeRawHTML(page)
        }
        // In-page links written in raw HTML (`<a href="#x">`, tables of contents) are rendered
        // as written, so their fragments must exist too. Other raw-HTML URLs are left to
        // `gids check --site`, which reads the built HTML.
        for node in graph.site.rawHTML ? page.document.rawHTMLNodes : [] where node.literal.contains("href=") {
            for reference in HTMLScanner.scan(node.literal).references
            where reference.attribute == "href" && reference.value.hasPrefix("#") {
                let line = node.line + reference.position.line - 1
                let column =
                    reference.position.line == 1
                    ? node.column + reference.position.column - 1 : reference.position.column
                checkFragment(
                    LinkRules.decode(String(reference.value.dropFirst())), in: page,
                    at: file.location(line: line, column: column))
            }
        }
        for raw in graph.site.rawHTML ? [] : page.document.rawHTML {
            diagnostics.append(
                .warning(
                    file.location(line: raw.line, column: raw.column), "raw HTML is not rendered",
                    code: "markdown.raw-html",
                    hint: "write it in Markdown, or set 'raw_html: true' in site.yml"))
        }
        for position in page.document.unparsedLinks {
            diagnostics.append(
                .error(
                    file.location(line: position.line, column: position.column),
                    "this is not a link: the page would show the Markdown as text", code: "markdown.not-a-link",
                    hint:
                        "a link target cannot contain spaces: write %20 for a space, or put the target between < and >")
            )
        }
        diagnostics += markdownNotices(page)
        diagnostics += duplicateIDs(page, rawHTML: graph.site.rawHTML)
        diagnostics += accessibility(page)
        let shownAsTitle = page.dropsLeadingTitle ? page.document.leadingTitle?.line : nil
        for line in page.document.levelOneHeadingLines where line != shownAsTitle {
            diagnostics.append(
                .warning(
                    file.location(line: line, column: 1),
                    "level-1 heading in the body; it is shown as a level-2 heading",
                    code: "markdown.h1", hint: "the page title is the only level-1 heading: start sections with '##'"))
        }
        return diagnostics
    }.flatMap { $0 }
    diagnostics += orphanCheck?.wait() ?? []
    if only == nil { diagnostics += unusedFilters(graph) }
    return diagnostics
}

/// What the Markdown stage noticed about extension syntax (callout types, attribute lists,
/// icons, bare web addresses, footnotes without a definition), at its position.
private func markdownNotices(_ page: PageNode) -> [Diagnostic] {
    let file = page.source.file
    return page.document.notices.map { notice in
        let location = file.location(line: notice.line, column: notice.column)
        switch notice.severity {
        case .warning: return .warning(location, notice.message, code: notice.code, hint: notice.hint)
        case .error: return .error(location, notice.message, code: notice.code, hint: notice.hint)
        }
    }
}

/// An id written twice in one page (attribute lists, and raw HTML when the site renders it):
/// an error at each repeat, naming the first. Ids gids makes never repeat one.
private func duplicateIDs(_ page: PageNode, rawHTML: Bool) -> [Diagnostic] {
    let document = page.document
    let file = page.source.file
    let written =
        (document.anchors.filter { $0.origin == .attribute }
        + (rawHTML ? document.rawHTMLAnchors.filter { $0.origin == .rawHTML } : []))
        .sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    var first: [String: Int] = [:]  // id → line
    for heading in document.headings where !heading.isExplicit { first[heading.id] = heading.line }
    for anchor in document.anchors where anchor.origin != .attribute && first[anchor.id] == nil {
        first[anchor.id] = anchor.line
    }
    var diagnostics: [Diagnostic] = []
    for anchor in written {
        if let earlier = first[anchor.id] {
            diagnostics.append(
                .error(
                    file.location(line: anchor.line, column: anchor.column),
                    "the id '\(anchor.id)' is already used on this page (line \(earlier))",
                    code: "markdown.duplicate-id", hint: "ids name one element each: choose another"))
        } else {
            first[anchor.id] = anchor.line
        }
    }
    return diagnostics
}

/// Link texts that say nothing out of context (WCAG 2.4.4), compared lowercased without
/// surrounding punctuation.
let vagueLinkTexts: Set<String> = [
    "klik hier", "hier", "lees meer", "meer", "lees verder", "verder", "deze link", "link", "klik", "deze pagina",
    "download", "meer informatie", "more", "click here", "read more",
]

/// What is trimmed from a link text before comparing it with ``vagueLinkTexts``.
private let linkTextTrimmed = CharacterSet.whitespacesAndNewlines.union(.punctuationCharacters)

/// WCAG 2.1 rules that can be checked on the source: every image has alternative text (or is
/// marked decorative), heading levels do not skip (1.3.1), link texts say where they go (2.4.4).
private func accessibility(_ page: PageNode) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let file = page.source.file
    for link in page.document.links {
        // Only a reported link needs its position (found on first request, per document).
        func location() -> SourceLocation { file.location(line: link.line, column: link.column) }
        let text = link.text.trimmingScalars(in: linkTextTrimmed)
        if link.kind == .image && text.isEmpty && !link.isDecorative {
            diagnostics.append(
                .error(
                    location(), "image without alternative text", code: "a11y.missing-alt",
                    hint:
                        "describe what the image shows between the brackets: ![Schema van de vier beleidsfasen](\(link.destination)); "
                        + "for a purely decorative image write ![](\(link.destination) \"decoratief\")"))
        }
        if link.kind == .link && vagueLinkTexts.contains(text.lowercased()) {
            diagnostics.append(
                .warning(
                    location(), "link text '\(link.text)' does not say where the link goes", code: "a11y.link-text",
                    hint: "use the name of the page or document as the link text, e.g. [respijtzorg](respijtzorg.md)"))
        }
    }
    var previous = 1  // the page title is the h1
    for heading in page.document.headings {
        let level = max(2, heading.level)
        if level > previous + 1 {
            diagnostics.append(
                .error(
                    file.location(line: heading.line, column: 1),
                    "heading level \(level) follows level \(previous): levels may not be skipped",
                    code: "a11y.heading-skip",
                    hint:
                        "write '\(String(repeating: "#", count: previous + 1)) \(heading.text)', or add the missing level above it"
                ))
        }
        previous = level
    }
    return diagnostics
}

/// Scripts, event handlers, `javascript:` URLs, embedded documents and redirects in a page's
/// raw HTML: errors while the site file does not set `allow_scripts: true`. Found by the same
/// rewriter that removes them when a page is rendered (``RawHTMLRewriter``), so every removal is
/// reported at its place and nothing is reported that stays.
private func unsafeRawHTML(_ page: PageNode) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let file = page.source.file
    let hint = "pages may not run code; remove it, or set 'allow_scripts: true' in site.yml if you trust every editor"
    for node in page.document.rawHTMLNodes {
        for removal in RawHTMLRewriter.rewrite(node.literal, removingActiveContent: true).removed {
            // Positions inside the node, counted from its first character in the file.
            let position = removal.position
            let location = file.location(
                line: node.line + position.line - 1,
                column: position.line == 1 ? node.column + position.column - 1 : position.column)
            switch removal.kind {
            case .element:
                diagnostics.append(
                    .error(
                        location, "raw HTML brings in active content: the element <\(removal.name)>",
                        code: "markdown.unsafe-html", hint: hint))
            case .eventHandler:
                diagnostics.append(
                    .error(
                        location, "raw HTML brings in active content: event handler attribute '\(removal.name)'",
                        code: "markdown.unsafe-html", hint: hint))
            case .unsafeURL(let scheme):
                diagnostics.append(
                    .error(
                        location, "raw HTML has a '\(scheme):' URL in \(removal.name)", code: "markdown.unsafe-html",
                        hint: "link to a page or to an http(s) address"))
            case .unreadable:
                diagnostics.append(
                    .error(
                        location, "raw HTML has a tag that is not closed or not an element name: '<\(removal.name)'",
                        code: "markdown.unsafe-html", hint: "close the tag with '>', or write the text in Markdown"))
            case .fragment:
                diagnostics.append(
                    .error(
                        location, "raw HTML is left out: it would still bring in active content",
                        code: "markdown.unsafe-html",
                        hint: hint))
            }
        }
    }
    return diagnostics
}

/// Pages not reachable from the site node over contains, link and related edges.
/// A taxonomy that `filters:` names but no page (or, for a facet, no tool) of the guide has a
/// value of: its filter would never show, so the editor hears why (`guide.filters`, a warning
/// at the item). Only for a written `filters:`; a chooser's facets list their unused values.
func unusedFilters(_ graph: NavigationGraph) -> [Diagnostic] {
    graph.guides.flatMap { guide -> [Diagnostic] in
        guard guide.config.declaresFilters else { return [] }
        return guide.config.filters.compactMap { id -> Diagnostic? in
            guard let taxonomy = guide.config.taxonomies.first(where: { $0.id == id.value }) else { return nil }
            let items = taxonomy.facet ? guide.tools : guide.pages
            let used = items.contains { graph.pages[$0]?.metadata.terms[taxonomy.id]?.isEmpty == false }
            guard !used else { return nil }
            return .warning(
                id.location,
                "no \(taxonomy.facet ? "tool" : "page") of this guide has a value for '\(taxonomy.id)'; its filter is left out",
                code: "guide.filters",
                hint: "give pages a '\(taxonomy.key):' value, or take '\(taxonomy.id)' out of 'filters'")
        }
    }
}

private func orphans(_ graph: NavigationGraph) -> [Diagnostic] {
    var adjacency: [NodeID: [NodeID]] = [:]
    for edge in graph.edges where edge.kind != .next && edge.kind != .domain {
        adjacency[edge.from, default: []].append(edge.to)
    }
    if let home = graph.home {
        for link in home.links {
            if case .page(let id, _) = link.target { adjacency[.site, default: []].append(.page(id)) }
        }
    }
    var seen: Set<NodeID> = [.site]
    var queue: [NodeID] = [.site]
    while let node = queue.popLast() {
        for next in adjacency[node] ?? [] where seen.insert(next).inserted { queue.append(next) }
    }
    // A page of a phased guide without a valid phase already has an error that says so.
    let phaseless = Set(
        graph.pages.values.filter { page in
            page.phase == nil && page.guide.flatMap { graph.guide($0) }.map { !$0.phases.isEmpty } == true
        }.map(\.id))
    // An introduction is shown on its phase's or value's page.
    let introductions = Set(graph.guides.flatMap(\.introductions))
    return graph.pages.values.filter {
        !seen.contains(.page($0.id)) && !phaseless.contains($0.id) && !introductions.contains($0.id)
    }.map {
        .warning(
            $0.source.file.location(), "page is not reachable from any navigation", code: "graph.orphan",
            hint: "give it a phase of its guide, or link to it")
    }
}
