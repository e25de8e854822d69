import Foundation
import GidsCore
import GidsGraph
import GidsLinks
import GidsMarkdown
import GidsTemplates

/// The printable edition of a guide, `<guide>/print/`: one document with every page in reading
/// order under its phase, a table of contents, and links that stay inside the document: links
/// to pages of the guide become in-document links, links elsewhere in the site become text with
/// a reference, and external links print their URL after the link text.
extension Renderer {
    /// The in-document anchor of a page: `p-<slug>`, and of a heading in it: `p-<slug>--<id>`.
    func printAnchor(_ pageID: String, fragment: String? = nil) -> String {
        // The page's path inside its guide, folders joined by `__` (slugs never contain `_`), so
        // that `a/specification.md` and `b/specification.md` get different anchors.
        let slug =
            graph.pages[pageID].map { page -> String in
                let url = page.url
                guard let slash = url.utf8.firstIndex(of: 0x2F) else { return "" }
                let rest = url[url.index(after: slash)...]
                // Most pages sit directly in their guide: `guide/slug/` gives `slug` without splitting.
                if let next = rest.utf8.firstIndex(of: 0x2F), rest.index(after: next) == rest.endIndex {
                    return String(rest[..<next])
                }
                return rest.split(separator: "/").joined(separator: "__")
            } ?? "pagina"
        // `#` and `#top` mean the top of the page: the page's own anchor.
        var anchor = "p-"
        anchor.reserveCapacity(2 + slug.utf8.count + 2 + (fragment?.utf8.count ?? 0))
        anchor += slug
        if let fragment, !LinkRules.isTopOfDocument(fragment) {
            anchor += "--"
            anchor += fragment
        }
        return anchor
    }

    /// `fragment` when it names an element of the page (every id of a body gets the page's
    /// prefix in print: headings, footnotes, callouts, attribute lists, raw HTML); otherwise nil,
    /// the page's own anchor.
    func headingFragment(_ fragment: String?, in id: String) -> String? {
        guard let fragment, let page = graph.pages[id] else { return nil }
        return page.document.hasFragmentTarget(fragment, rawHTML: graph.site.rawHTML) ? fragment : nil
    }

    func printEdition(_ guide: GuideNode) -> [UInt8] {
        let base = SiteRoutes.printEdition(of: guide.url)
        let members = Set(guide.readingOrder)
        @Sendable func makeSection(_ id: String) -> TemplateObject? {
            guard let page = graph.pages[id] else { return nil }
            var item = TemplateObject(
                Contexts.printEntry,
                [
                    "anchor": .text(printAnchor(id)), "title": .text(page.metadata.title),
                    "summary": .text(page.metadata.summary),
                    "html": .markup(printBody(page, members: members, base: base)), "reference": false,
                ])
            // A tool's own fields, as on its page; URLs written out, as on paper.
            if page.metadata.kind == .tool { item["tool"] = .object(toolCard(id, from: base)) }
            return item
        }
        // Every body is rendered again for print (in-document anchors): all cores, in order.
        let printed = guide.readingOrder.concurrentMap { id in makeSection(id) }
        let sections = Dictionary(uniqueKeysWithValues: zip(guide.readingOrder, printed))
        func section(_ id: String) -> TemplateObject? { sections[id] ?? nil }
        func group(_ title: String, _ anchor: String, _ summary: String?, _ pages: [TemplateObject]) -> TemplateObject {
            TemplateObject(
                Contexts.printGroup,
                ["title": .text(title), "anchor": .text(anchor), "summary": .text(summary), "pages": .objects(pages)])
        }
        var groups: [TemplateObject] = []
        if guide.phases.isEmpty {
            let pages = guide.pages.compactMap(section)
            if !pages.isEmpty { groups.append(group("Uitleg", "g-uitleg", nil, pages)) }
            let tools = guide.tools.compactMap(section)
            if !tools.isEmpty { groups.append(group("De tools", "g-tools", nil, tools)) }
        } else {
            for phase in guide.phases {
                // A page in several phases is printed once, in its first phase; the others refer to it.
                let pages = phase.pages.compactMap { id -> TemplateObject? in
                    guard let page = graph.pages[id] else { return nil }
                    if page.phase == phase.definition.id { return section(id) }
                    let first = guide.phases.first { $0.definition.id == page.phase }
                    return TemplateObject(
                        Contexts.printEntry,
                        [
                            "reference": true, "target": .text(printAnchor(id)), "title": .text(page.metadata.title),
                            "first_phase": .text(first.map { "\($0.number). \($0.definition.title)" } ?? ""),
                        ])
                }
                groups.append(
                    group(
                        "\(phase.number). \(phase.definition.title)", "g-" + phase.definition.id,
                        phase.definition.summary, pages))
            }
            // Pages without a phase (a phase axis that is not required) come last, as on the guide page.
            let unphased = guide.readingOrder.filter { graph.pages[$0]?.phases.isEmpty == true }.compactMap(section)
            if !unphased.isEmpty { groups.append(group("Overige pagina’s", "g-overige", nil, unphased)) }
        }
        let context = TemplateObject(
            Contexts.printEdition,
            [
                "site": .object(
                    TemplateObject(
                        Contexts.site, ["title": .text(graph.site.title), "language": .text(graph.site.language)])),
                "title": .text(guide.config.title), "summary": .text(guide.config.summary), "groups": .objects(groups),
                "stylesheet": .text(href(assetNames["assets/style.css"] ?? "assets/style.css", from: base)),
                "page_count": .number(guide.readingOrder.count),
            ])
        return templates.render(.print, context)
    }

    /// A page body for the print edition: headings two levels down (under the phase and the
    /// page title) with ids prefixed by the page's anchor.
    private func printBody(_ page: PageNode, members: Set<String>, base: String) -> [UInt8] {
        let document = page.document
        return document.renderBytes(
            rawHTML: rawHTMLPolicy,
            rewrite: { link in
                switch page.target(of: link) {
                case .page(let id, let fragment)? where members.contains(id):
                    return "#" + printAnchor(id, fragment: headingFragment(fragment, in: id))
                case .samePage(let fragment)?:
                    return "#" + printAnchor(page.id, fragment: headingFragment(fragment, in: page.id))
                case .asset(let path, _)?:
                    return href(path, from: base)  // images
                case .generated(let path, let fragment)?:
                    return href(path, from: base) + (fragment.map { "#" + $0 } ?? "")
                default:
                    return nil
                }
            },
            annotate: { link in
                guard case .external(let url)? = page.target(of: link), LinkResolver.isWebAddress(url) else {
                    return nil
                }
                return " (\(url))"
            },
            unlink: { link in
                switch page.target(of: link) {
                case .page(let id, _)? where !members.contains(id):
                    guard let other = graph.pages[id] else { return nil }
                    let guideTitle =
                        other.guide.flatMap { graph.guideIndex($0) }.map { graph.guides[$0].config.title }
                        ?? graph.site.title
                    return " (in de \(guideTitle))"
                case .home?:
                    return " (op de homepage van \(graph.site.title))"
                case .asset(let path, _)?:
                    let name = String(path.split(separator: "/").last ?? "")
                    let size = graph.assets[path].map { ", " + dutchSize($0.size) } ?? ""
                    return " (\(fileTypeLabel(path) ?? "bestand")\(size): \(name))"
                default:
                    return nil
                }
            },
            headingOffset: 2, idPrefix: printAnchor(page.id) + "--", dropLeadingTitle: page.dropsLeadingTitle,
            print: true)
    }
}
