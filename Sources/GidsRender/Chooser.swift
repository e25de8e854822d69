import Foundation
import GidsCore
import GidsFrontMatter
import GidsGraph

/// The Keuzewijzer's chooser machinery, for every guide that declares facets: the data file
/// the filter script reads, a static page per facet value (the chooser without JavaScript),
/// and the comparison table.
extension Renderer {
    /// Site path of the page of one facet value: `<guide>/<facet>/<value>/`.
    func facetValueURL(_ guide: GuideNode, _ facet: FacetDefinition, _ value: FacetValue) -> String {
        "\(guide.url)\(Slug.make(facet.id))/\(value.id)/"
    }

    /// The tools of `guide` that have `value` for `facet`, in the guide's order.
    func tools(of guide: GuideNode, with facet: FacetDefinition, _ value: FacetValue) -> [String] {
        guide.tools.filter { id in
            graph.pages[id]?.metadata.terms[facet.id]?.contains { $0.value == value.id } ?? false
        }
    }

    /// Every value of `facet` with its count and the URL of its static page (or false when no
    /// tool has it: no page is written for it).
    func facetValues(_ facet: FacetDefinition, in guide: GuideNode, from base: String) -> [[String: Any]] {
        facet.values.map { value in
            let count = tools(of: guide, with: facet, value).count
            return [
                "id": value.id, "title": value.title, "count": count, "facet": facet.id,
                "url": count == 0 ? false : href(facetValueURL(guide, facet, value), from: base),
            ]
        }
    }

    /// `<guide>/tools.json`: `{"facets": [{id, title, values: [{id, title}]}], "tools": [{id,
    /// title, url (from the guide home), values: {facet: [value ids]}}]}`, keys sorted.
    func chooserData(_ guide: GuideNode) -> Data {
        let facets: [[String: Any]] = guide.config.facets.map { facet in
            ["id": facet.id, "title": facet.title, "values": facet.values.map { ["id": $0.id, "title": $0.title] }]
        }
        let tools: [[String: Any]] = guide.tools.compactMap { id in
            guard let page = graph.pages[id] else { return nil }
            var values: [String: [String]] = [:]
            for facet in guide.config.facets {
                values[facet.id] = (page.metadata.terms[facet.id] ?? []).map(\.value)
            }
            return [
                "id": String(page.url.dropLast().split(separator: "/").last ?? ""), "title": page.metadata.title,
                "url": href(page.url, from: guide.url), "values": values,
            ]
        }
        let object: [String: Any] = ["facets": facets, "tools": tools]
        return
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
    }

    /// The static page of one facet value: the tools that have it, and the other values.
    func facetPage(_ guide: GuideNode, _ facet: FacetDefinition, _ value: FacetValue) -> String {
        let base = facetValueURL(guide, facet, value)
        let matching = tools(of: guide, with: facet, value)
        let context: [String: Any] = [
            "title": "\(facet.title): \(value.title)", "facet": facet.title, "value": value.title,
            "facet_lower": facet.title.lowercased(),
            "tools": matching.compactMap { toolCard($0, from: base) }, "count": matching.count,
            "count_label": matching.count == 1 ? "1 tool" : "\(matching.count) tools",
            "guide": link(guide.config.title, to: guide.url, from: base),
            "others": facetValues(facet, in: guide, from: base).filter { ($0["id"] as? String) != value.id },
            "compare_url": href(guide.url + "vergelijk/", from: base),
        ]
        return layout(
            base: base, title: "\(facet.title): \(value.title) – \(guide.config.title)",
            description:
                "Tools in de \(guide.config.title) met \(facet.title.lowercased()) \(value.title.lowercased()).",
            kind: "facet", body: templates.render("facet", context),
            breadcrumbs: [("Home", ""), (guide.config.title, guide.url), ("\(facet.title): \(value.title)", nil)],
            guide: guide.slug)
    }

    /// `<guide>/vergelijk/`: every tool side by side on every field. With JavaScript,
    /// `?tools=a,b` shows only those columns.
    func comparePage(_ guide: GuideNode) -> String {
        let base = guide.url + "vergelijk/"
        let cards = guide.tools.compactMap { toolCard($0, from: base) }
        func row(_ title: String, _ cell: ([String: Any]) -> String) -> [String: Any] {
            [
                "title": title,
                "cells": cards.map { ["slug": $0["slug"] ?? "", "text": cell($0)] },
            ]
        }
        var rows: [[String: Any]] = [row("In het kort") { $0["summary"] as? String ?? "" }]
        for facet in guide.config.facets {
            rows.append(
                row(facet.title) { card in
                    ((card["facets"] as? [[String: Any]]) ?? []).first { ($0["id"] as? String) == facet.id }?["values"]
                        as? String ?? "–"
                })
        }
        rows.append(row("Wat levert het op?") { $0["yields"] as? String ?? "–" })
        rows.append(row("Waarom deze tool?") { $0["why"] as? String ?? "–" })
        rows.append(row("Inclusie") { $0["inclusion"] as? String ?? "–" })
        rows.append(
            row("Waar gebruikt?") { card in
                let uses = (card["used_by"] as? [[String: Any]]) ?? []
                return uses.isEmpty ? "–" : uses.compactMap { $0["gemeente"] as? String }.joined(separator: "; ")
            })
        rows.append(row("Tips") { card in "\(((card["tips"] as? [String]) ?? []).count)" })
        let context: [String: Any] = [
            "title": "Tools vergelijken", "guide": link(guide.config.title, to: guide.url, from: base),
            "tools": cards, "rows": rows, "count": cards.count,
        ]
        return layout(
            base: base, title: "Tools vergelijken – \(guide.config.title)",
            description: "Alle tools van de \(guide.config.title) naast elkaar.", kind: "compare",
            body: templates.render("compare", context),
            breadcrumbs: [("Home", ""), (guide.config.title, guide.url), ("Vergelijken", nil)], guide: guide.slug,
            scripts: ["assets/chooser.js"])
    }
}
