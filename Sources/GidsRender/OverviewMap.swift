import Foundation
import GidsCore
import GidsGraph

/// The overview map of a phased guide, drawn from the navigation graph: phases as columns, the
/// guide's pages as nodes in their phase, and lines from each page to the beleidsdomeinen it
/// touches. Two drawings of the same graph: `wide` (columns, for screens from 40em) and `narrow`
/// (one column with the domains written under each page, readable at 320 px). The SVGs are
/// hidden from assistive technology and their links are not in the tab order: the template
/// shows the same content as a structured list, the text alternative (WCAG 1.1.1).
extension Renderer {
    func overviewMap(_ guide: GuideNode, from base: String) -> [String: Any]? {
        guard !guide.phases.isEmpty else { return nil }
        let phases = guide.phases.map { phase -> (title: String, pages: [PageNode]) in
            ("\(phase.number). \(phase.definition.title)", phase.pages.compactMap { graph.pages[$0] })
        }
        let touched = graph.domains.filter { domain in
            phases.contains { $0.pages.contains { $0.metadata.domains.contains { $0.value == domain.definition.id } } }
        }
        let list: [[String: Any]] = phases.map { phase in
            [
                "title": phase.title,
                "pages": phase.pages.map { page -> [String: Any] in
                    var domains = domainLinks(page, from: base)
                    for index in domains.indices { domains[index]["last"] = index == domains.count - 1 }
                    return [
                        "title": page.metadata.title, "url": href(page.url, from: base), "domains": domains,
                        "has_domains": !domains.isEmpty,
                    ]
                },
            ]
        }
        return [
            "wide": wideMap(guide, phases: phases, domains: touched, from: base),
            "narrow": narrowMap(guide, phases: phases, from: base),
            "phases": list, "page_count": guide.readingOrder.count, "domain_count": touched.count,
        ]
    }

    private func wideMap(
        _ guide: GuideNode, phases: [(title: String, pages: [PageNode])], domains: [DomainNode], from base: String
    ) -> String {
        let column = 200.0, gap = 16.0, margin = 8.0, nodeHeight = 46.0, nodeGap = 10.0, top = 40.0
        let width = margin * 2 + Double(phases.count) * column + Double(max(0, phases.count - 1)) * gap
        var nodes = ""
        var anchors: [String: (x: Double, y: Double)] = [:]  // page id → bottom centre
        var tallest = top
        for (index, phase) in phases.enumerated() {
            let x = margin + Double(index) * (column + gap)
            nodes += "<text class=\"map-phase\" x=\"\(fmt(x))\" y=\"24\">\(xmlEscape(phase.title))</text>\n"
            for (row, page) in phase.pages.enumerated() {
                let y = top + Double(row) * (nodeHeight + nodeGap)
                nodes += node(
                    page.metadata.title, url: href(page.url, from: base), x: x, y: y, width: column, height: nodeHeight,
                    kind: "map-page")
                anchors[page.id] = (x + column / 2, y + nodeHeight)
                tallest = max(tallest, y + nodeHeight)
            }
        }
        // Domains in rows under the columns.
        let perRow = max(1, Int((width - 2 * margin + gap) / (150 + gap)))
        let chip = (width - 2 * margin - Double(perRow - 1) * gap) / Double(perRow)
        let domainTop = tallest + 70
        var domainAnchors: [String: (x: Double, y: Double)] = [:]
        var domainNodes = ""
        for (index, domain) in domains.enumerated() {
            let x = margin + Double(index % perRow) * (chip + gap)
            let y = domainTop + Double(index / perRow) * (40 + nodeGap)
            domainNodes += node(
                domain.definition.title, url: href(domain.url, from: base), x: x, y: y, width: chip, height: 40,
                kind: "map-domain")
            domainAnchors[domain.definition.id] = (x + chip / 2, y)
        }
        var lines = ""
        for phase in phases {
            for page in phase.pages {
                guard let from = anchors[page.id] else { continue }
                for domain in page.metadata.domains {
                    guard let to = domainAnchors[domain.value] else { continue }
                    let middle = (from.y + to.y) / 2
                    lines +=
                        "<path class=\"map-line\" d=\"M\(fmt(from.x)) \(fmt(from.y)) C\(fmt(from.x)) \(fmt(middle)) "
                        + "\(fmt(to.x)) \(fmt(middle)) \(fmt(to.x)) \(fmt(to.y))\"/>\n"
                }
            }
        }
        let rows = (domains.count + perRow - 1) / perRow
        let height = domainTop + Double(rows) * (40 + nodeGap) + margin
        return svg(width: width, height: height, body: lines + nodes + domainNodes, className: "map-wide")
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
                let height = domains.isEmpty ? 46.0 : 64.0
                body += node(
                    page.metadata.title, url: href(page.url, from: base), x: margin, y: y, width: width - 2 * margin,
                    height: height, kind: "map-page", note: domains.isEmpty ? nil : domains.joined(separator: " · "))
                y += height + nodeGap
            }
        }
        return svg(width: width, height: y + margin, body: body, className: "map-narrow")
    }

    /// A linked box with up to two lines of title (and a note line), out of the tab order.
    private func node(
        _ title: String, url: String, x: Double, y: Double, width: Double, height: Double, kind: String,
        note: String? = nil
    ) -> String {
        let perLine = max(8, Int((width - 12) / 7.6))
        let lines = wrap(title, width: perLine, maxLines: 2)
        var text = ""
        for (index, line) in lines.enumerated() {
            text +=
                "<text x=\"\(fmt(x + 8))\" y=\"\(fmt(y + 18 + Double(index) * 16))\">\(xmlEscape(line))</text>"
        }
        if let note {
            let noteLine = wrap(note, width: Int(width / 6.2), maxLines: 1).first ?? ""
            text +=
                "<text class=\"map-note\" x=\"\(fmt(x + 8))\" y=\"\(fmt(y + height - 9))\">\(xmlEscape(noteLine))</text>"
        }
        return "<a class=\"\(kind)\" href=\"\(xmlEscape(url))\" tabindex=\"-1\"><rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" "
            + "width=\"\(fmt(width))\" height=\"\(fmt(height))\" rx=\"6\"/>\(text)</a>\n"
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
    for word in text.split(separator: " ") {
        if current.isEmpty {
            current = String(word)
        } else if current.count + 1 + word.count <= width {
            current += " " + word
        } else {
            lines.append(current)
            current = String(word)
        }
    }
    if !current.isEmpty { lines.append(current) }
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
