import Foundation
import GidsCore
import GidsGraph
import GidsTemplates

/// The overview map of a phased guide, drawn from the navigation graph: phases as columns, the
/// guide's pages as nodes in their phase, and lines from each page to the beleidsdomeinen it
/// touches. Two drawings of the same graph: `wide` (columns, for screens from 40em) and `narrow`
/// (one column with the domains written under each page, readable at 320 px). The SVGs are
/// hidden from assistive technology and their links are not in the tab order: the template
/// shows the same content as a structured list, the text alternative (WCAG 1.1.1).
extension Renderer {
    func overviewMap(_ guide: GuideNode, from base: String) -> TemplateObject? {
        guard !guide.phases.isEmpty else { return nil }
        let phases = guide.phases.map { phase -> (title: String, pages: [PageNode]) in
            ("\(phase.number). \(phase.definition.title)", phase.pages.compactMap { graph.pages[$0] })
        }
        let touched = graph.domains.filter { domain in
            phases.contains { $0.pages.contains { $0.metadata.domains.contains { $0.value == domain.definition.id } } }
        }
        let list = phases.map { phase in
            TemplateObject(
                Contexts.mapPhase,
                [
                    "title": .text(phase.title),
                    "pages": .objects(
                        phase.pages.map { page in
                            let links = domainLinks(page, from: base)
                            let domains = links.enumerated().map { index, link in
                                TemplateObject(
                                    Contexts.domainLink,
                                    [
                                        "title": link["title"], "url": link["url"],
                                        "last": .flag(index == links.count - 1),
                                    ])
                            }
                            return TemplateObject(
                                Contexts.mapPage,
                                [
                                    "title": .text(page.metadata.title), "url": .text(href(page.url, from: base)),
                                    "domains": .objects(domains), "has_domains": .flag(!domains.isEmpty),
                                ])
                        }),
                ])
        }
        return TemplateObject(
            Contexts.overviewMap,
            [
                "wide": .html(wideMap(guide, phases: phases, domains: touched, from: base)),
                "narrow": .html(narrowMap(guide, phases: phases, from: base)),
                "phases": .objects(list), "page_count": .number(guide.readingOrder.count),
                "domain_count": .number(touched.count), "has_domains": .flag(!touched.isEmpty),
            ])
    }

    private func wideMap(
        _ guide: GuideNode, phases: [(title: String, pages: [PageNode])], domains: [DomainNode], from base: String
    ) -> String {
        // Each column has a gutter on its right where its pages' lines run down, one lane per
        // page, so a line never crosses a box and each page's lines can be told apart.
        let column = 200.0, gutter = 28.0, margin = 8.0, nodeHeight = 46.0, nodeGap = 10.0, top = 40.0
        let width = margin * 2 + Double(phases.count) * (column + gutter)
        let tallest = top + Double(phases.map(\.pages.count).max() ?? 0) * (nodeHeight + nodeGap)
        let domainTop = tallest + 60
        let chipGap = 8.0
        let chip = (width - 2 * margin - Double(max(0, domains.count - 1)) * chipGap) / Double(max(1, domains.count))
        var domainAnchors: [String: Double] = [:]  // domain id → centre x of its chip
        var domainNodes = ""
        for (index, domain) in domains.enumerated() {
            let x = margin + Double(index) * (chip + chipGap)
            domainNodes += node(
                domain.definition.title, url: href(domain.url, from: base), x: x, y: domainTop, width: chip, height: 44,
                kind: "map-domain")
            domainAnchors[domain.definition.id] = x + chip / 2
        }
        var nodes = ""
        for (index, phase) in phases.enumerated() {
            let x = margin + Double(index) * (column + gutter)
            nodes += "<text class=\"map-phase\" x=\"\(fmt(x))\" y=\"24\">\(xmlEscape(phase.title))</text>\n"
            for (row, page) in phase.pages.enumerated() {
                let y = top + Double(row) * (nodeHeight + nodeGap)
                let lane = x + column + gutter * Double(row + 1) / Double(phase.pages.count + 1)
                var lines = ""
                for domain in page.metadata.domains {
                    guard let target = domainAnchors[domain.value] else { continue }
                    let bend = domainTop - 14
                    lines +=
                        "<path class=\"map-line\" d=\"M\(fmt(x + column)) \(fmt(y + nodeHeight / 2)) H\(fmt(lane)) "
                        + "V\(fmt(bend - 16)) C\(fmt(lane)) \(fmt(bend)) \(fmt(target)) \(fmt(bend - 10)) \(fmt(target)) "
                        + "\(fmt(domainTop))\"/>"
                }
                nodes += node(
                    page.metadata.title, url: href(page.url, from: base), x: x, y: y, width: column, height: nodeHeight,
                    kind: "map-page", before: lines)
            }
        }
        return svg(width: width, height: domainTop + 44 + margin, body: nodes + domainNodes, className: "map-wide")
    }

    private func narrowMap(_ guide: GuideNode, phases: [(title: String, pages: [PageNode])], from base: String)
        -> String
    {
        let width = 300.0, margin = 4.0, nodeGap = 8.0
        var y = 4.0
        var body = ""
        for phase in phases {
            y += 20
            body += "<text class=\"map-phase\" x=\"\(fmt(margin))\" y=\"\(fmt(y))\">\(xmlEscape(phase.title))</text>\n"
            y += 8
            for page in phase.pages {
                let domains = page.metadata.domains.compactMap { id in
                    graph.domains.first { $0.definition.id == id.value }?.definition.title
                }
                let titleLines = wrap(page.metadata.title, width: lineLength(width - 2 * margin), maxLines: 2).count
                let noteLines =
                    domains.isEmpty
                    ? 0
                    : wrap(
                        domains.joined(separator: " · "), width: lineLength(width - 2 * margin, note: true), maxLines: 3
                    ).count
                let height = 14 + Double(titleLines) * 16 + Double(noteLines) * 14
                body += node(
                    page.metadata.title, url: href(page.url, from: base), x: margin, y: y, width: width - 2 * margin,
                    height: height, kind: "map-page", note: domains.isEmpty ? nil : domains.joined(separator: " · "))
                y += height + nodeGap
            }
        }
        return svg(width: width, height: y + margin, body: body, className: "map-narrow")
    }

    /// Characters that fit on a line of a box `width` wide (12 px text, 11 px for notes).
    private func lineLength(_ width: Double, note: Bool = false) -> Int {
        max(8, Int((width - 16) / (note ? 6.0 : 6.9)))
    }

    /// A linked box with up to two lines of title (and up to three note lines), out of the tab
    /// order; `before` is drawn first inside the link (its lines, highlighted on hover).
    private func node(
        _ title: String, url: String, x: Double, y: Double, width: Double, height: Double, kind: String,
        note: String? = nil, before: String = ""
    ) -> String {
        let lines = wrap(title, width: lineLength(width), maxLines: 2)
        var text = ""
        for (index, line) in lines.enumerated() {
            text += "<text x=\"\(fmt(x + 8))\" y=\"\(fmt(y + 18 + Double(index) * 16))\">\(xmlEscape(line))</text>"
        }
        if let note {
            let top = y + 18 + Double(lines.count) * 16
            for (index, line) in wrap(note, width: lineLength(width, note: true), maxLines: 3).enumerated() {
                text +=
                    "<text class=\"map-note\" x=\"\(fmt(x + 8))\" y=\"\(fmt(top + Double(index) * 14))\">"
                    + "\(xmlEscape(line))</text>"
            }
        }
        return "<a class=\"\(kind)\" href=\"\(xmlEscape(url))\" tabindex=\"-1\">\(before)<rect x=\"\(fmt(x))\" "
            + "y=\"\(fmt(y))\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" rx=\"6\"/>\(text)</a>\n"
    }

    private func svg(width: Double, height: Double, body: String, className: String) -> String {
        "<svg class=\"overview-map \(className)\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(fmt(width)) "
            + "\(fmt(height))\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" aria-hidden=\"true\" focusable=\"false\">\n"
            + body + "</svg>"
    }
}

/// Words of `text` in lines of at most `width` characters; the last line ends in `…` when cut.
func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    // Lengths in characters, kept as the line grows: `count` walks the whole string.
    var currentLength = 0
    var longest = 0
    for word in text.split(separator: " ") {
        let length = word.count
        if current.isEmpty {
            (current, currentLength) = (String(word), length)
        } else if currentLength + 1 + length <= width {
            current += " " + word
            currentLength += 1 + length
        } else {
            lines.append(current)
            (current, currentLength) = (String(word), length)
        }
        longest = max(longest, currentLength)
    }
    if !current.isEmpty { lines.append(current) }
    if lines.count <= maxLines && longest <= width { return lines }
    if lines.count > maxLines {
        lines = Array(lines.prefix(maxLines))
        var last = lines[maxLines - 1]
        while last.count > width - 1, !last.isEmpty { last.removeLast() }
        lines[maxLines - 1] = last + "…"
    }
    return lines.map { $0.count > width ? String($0.prefix(width - 1)) + "…" : $0 }
}

/// A coordinate with at most one decimal, without a trailing `.0`: stable text for the SVG.
private func fmt(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}
