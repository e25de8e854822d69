// Renders one template (83 tags: a title, a summary and 20 backlinks of 4 tags each, like the
// "Verwijst hierheen" list of a page) 10,000 times from three kinds of context, and prints the
// time per page and per tag. The question it answers: can gids make swift-mustache much
// cheaper by handing it something other than dictionaries? (Answer on the machine of the
// closing note of issue 6: about 1.3, 1.2 and 1.1 µs a tag: no.)
import Foundation
import Mustache

/// A context object that answers look-ups itself instead of through a `Dictionary`.
final class Object: MustacheParent {
    let fields: [String: Any]
    init(_ fields: [String: Any]) { self.fields = fields }
    func child(named name: String) -> Any? { fields[name] }
}

/// A value that renders itself, skipping swift-mustache's `String(describing:)`.
struct Text: MustacheCustomRenderable {
    let renderText: String
    var isNull: Bool { false }
}

let template = """
    <h1>{{title}}</h1><p class="lead">{{summary}}</p>
    <ul>
    {{#backlinks}}
    <li><a href="{{url}}">{{title}}</a>{{#guide}} <span class="meta">({{.}})</span>{{/guide}}</li>
    {{/backlinks}}
    </ul>
    """
let tagsPerPage = 3 + 20 * 4
let library = try {
    var library = MustacheLibrary()
    try library.register(template, named: "page")
    return library
}()

let pages = 10_000
let dictionaries: [[String: Any]] = (0..<pages).map { i in
    [
        "title": "Pagina \(i)", "summary": "Een samenvatting van pagina \(i)",
        "backlinks": (0..<20).map { j -> [String: Any] in ["url": "../p\(j)/", "title": "Titel \(j)", "guide": "Gids"]
        },
    ]
}
let objects: [Object] = (0..<pages).map { i in
    Object([
        "title": "Pagina \(i)", "summary": "Een samenvatting van pagina \(i)",
        "backlinks": (0..<20).map { j in Object(["url": "../p\(j)/", "title": "Titel \(j)", "guide": "Gids"]) },
    ])
}
let texts: [Object] = (0..<pages).map { i in
    Object([
        "title": Text(renderText: "Pagina \(i)"), "summary": Text(renderText: "Een samenvatting van pagina \(i)"),
        "backlinks": (0..<20).map { j in
            Object([
                "url": Text(renderText: "../p\(j)/"), "title": Text(renderText: "Titel \(j)"),
                "guide": Text(renderText: "Gids"),
            ])
        },
    ])
}

@MainActor func measure(_ name: String, _ contexts: [Any]) {
    let start = Date()
    let bytes = contexts.reduce(0) { $0 + (library.render($1, withTemplate: "page")?.utf8.count ?? 0) }
    let seconds = Date().timeIntervalSince(start)
    print(
        name.padding(toLength: 40, withPad: " ", startingAt: 0)
            + String(
                format: "%6.1f µs a page, %5.2f µs a tag (%d bytes)", seconds * 1e6 / Double(pages),
                seconds * 1e6 / Double(pages * tagsPerPage), bytes))
}

for _ in 0..<2 {
    measure("dictionaries", dictionaries)
    measure("MustacheParent objects", objects)
    measure("objects and MustacheCustomRenderable", texts)
}
