import Foundation
import GidsCore
import GidsFrontMatter
import GidsGraph
import GidsPlan
import GidsTemplates

/// The Keuzewijzer's chooser machinery, for every guide that declares facets: the data file
/// the filter script reads, a static page per facet value (the chooser without JavaScript),
/// and the comparison table.
extension Renderer {
    /// Every value of `facet` with its count and the URL of its static page (absent when no
    /// tool has it: no page is written for it).
    func facetValues(_ facet: FacetDefinition, in guide: GuideNode, from base: String) -> [TemplateObject] {
        facet.values.map { value in
            let count = guide.tools(with: facet, value, in: graph).count
            return TemplateObject(
                Contexts.facetValue,
                [
                    "id": .text(value.id), "title": .text(value.title), "count": .number(count),
                    "facet": .text(facet.id),
                    "url": count == 0
                        ? .absent
                        : .text(
                            href(SiteRoutes.facetValue(of: guide.url, facet: facet.id, value: value.id), from: base)),
                ])
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
    func facetPage(_ guide: GuideNode, _ facet: FacetDefinition, _ value: FacetValue, listing: Listing?) -> [UInt8] {
        let base = SiteRoutes.facetValue(of: guide.url, facet: facet.id, value: value.id)
        let matching = guide.tools(with: facet, value, in: graph)
        let filters = filterForm(
            guide, listing, items: matching.map { ($0, filterTokens($0, in: guide)) }, noun: .tool)
        let context = TemplateObject(
            Contexts.facet,
            [
                "title": .text("\(facet.title): \(value.title)"), "facet": .text(facet.title),
                "value": .text(value.title), "facet_lower": .text(facet.title.lowercased()),
                "tools": .objects(matching.compactMap { toolCard($0, from: base) }), "count": .number(matching.count),
                "count_label": .text(matching.count == 1 ? "1 tool" : "\(matching.count) tools"),
                "guide": .object(link(guide.config.title, to: guide.url, from: base)),
                "others": .objects(
                    facetValues(facet, in: guide, from: base).filter {
                        if case .text(value.id) = $0["id"] { return false }
                        return true
                    }),
                "compare_url": .text(href(SiteRoutes.compare(of: guide.url), from: base)),
                "filters": .object(filters),
            ])
        return layout(
            base: base, title: "\(facet.title): \(value.title) – \(guide.config.title)",
            description:
                "Tools in de \(guide.config.title) met \(facet.title.lowercased()) \(value.title.lowercased()).",
            template: .facet, body: context,
            breadcrumbs: [("Home", ""), (guide.config.title, guide.url), ("\(facet.title): \(value.title)", nil)],
            guide: guide.slug, scripts: filterScripts(filters))
    }

    /// `<guide>/vergelijk/`: every tool side by side on every field. With JavaScript,
    /// `?tools=a,b` shows only those columns.
    func comparePage(_ guide: GuideNode) -> [UInt8] {
        let base = SiteRoutes.compare(of: guide.url)
        let tools = guide.tools.compactMap { graph.pages[$0] }
        func row(_ title: String, _ cell: (PageMetadata) -> String) -> TemplateObject {
            TemplateObject(
                Contexts.compareRow,
                [
                    "title": .text(title),
                    "cells": .objects(
                        tools.map { page in
                            TemplateObject(
                                Contexts.compareCell,
                                [
                                    "slug": .text(String(page.url.dropLast().split(separator: "/").last ?? "")),
                                    "text": .text(cell(page.metadata)),
                                ])
                        }),
                ])
        }
        var rows = [row("In het kort") { $0.summary }]
        for facet in guide.config.facets {
            rows.append(
                row(facet.title) { metadata in
                    guard let chosen = metadata.terms[facet.id], !chosen.isEmpty else { return "–" }
                    return chosen.compactMap { value in facet.values.first { $0.id == value.value }?.title }
                        .joined(separator: ", ")
                })
        }
        rows.append(row("Wat levert het op?") { $0.yields ?? "–" })
        rows.append(row("Waarom deze tool?") { $0.why ?? "–" })
        rows.append(row("Inclusie") { $0.inclusion ?? "–" })
        rows.append(
            row("Waar gebruikt?") { metadata in
                metadata.usedBy.isEmpty ? "–" : metadata.usedBy.map(\.gemeente).joined(separator: "; ")
            })
        rows.append(row("Tips") { "\($0.tips.count)" })
        let context = TemplateObject(
            Contexts.compare,
            [
                "title": "Tools vergelijken", "guide": .object(link(guide.config.title, to: guide.url, from: base)),
                "tools": .objects(guide.tools.compactMap { toolCard($0, from: base) }), "rows": .objects(rows),
                "count": .number(tools.count),
            ])
        return layout(
            base: base, title: "Tools vergelijken – \(guide.config.title)",
            description: "Alle tools van de \(guide.config.title) naast elkaar.", template: .compare, body: context,
            breadcrumbs: [("Home", ""), (guide.config.title, guide.url), ("Vergelijken", nil)], guide: guide.slug,
            scripts: ["assets/chooser.js"])
    }
}
