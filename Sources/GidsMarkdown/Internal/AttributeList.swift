import Foundation

/// An attribute list as Python-Markdown's attr_list, kramdown, Hugo and Zola write it:
/// `{ #id .class key=value data-flag }`, optionally `{: … }`.
struct AttributeList: Equatable {
    var id: String?
    var classes: [String] = []
    /// `key=value` pairs and bare keys (value nil), in source order.
    var pairs: [(key: String, value: String?)] = []

    static func == (a: AttributeList, b: AttributeList) -> Bool {
        a.id == b.id && a.classes == b.classes && a.pairs.map(\.key) == b.pairs.map(\.key)
            && a.pairs.map(\.value) == b.pairs.map(\.value)
    }

    /// The attribute that keeps a block or section out of the search index (MkDocs Material).
    static let searchExclude = "data-search-exclude"

    var excludesFromSearch: Bool { pairs.contains { $0.key == Self.searchExclude } }

    /// What gids does not keep, as written: `.lg`, `target="_blank"`.
    var dropped: [String] {
        classes.map { "." + $0 }
            + pairs.filter { $0.key != Self.searchExclude }.map { pair in
                pair.value.map { "\(pair.key)=\"\($0)\"" } ?? pair.key
            }
    }

    /// Reads `text`, which must be one whole list from `{` to `}`; nil when it is not one (then
    /// it is ordinary text: `{x}` or `{ }`).
    static func parse(_ text: Substring) -> AttributeList? {
        guard text.hasPrefix("{"), text.hasSuffix("}"), text.count >= 3 else { return nil }
        var body = text.dropFirst().dropLast()
        if body.hasPrefix(":") { body = body.dropFirst() }
        guard !body.contains("{"), !body.contains("}"), !body.contains("\n") else { return nil }
        var list = AttributeList()
        var rest = body[...]
        var tokens = 0
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard let first = rest.first else { break }
            tokens += 1
            if first == "#" || first == "." {
                let name = rest.dropFirst().prefix { !$0.isWhitespace }
                guard isName(name) else { return nil }
                if first == "#" { list.id = String(name) } else { list.classes.append(String(name)) }
                rest = rest.dropFirst(name.count + 1)
                continue
            }
            let key = rest.prefix { !$0.isWhitespace && $0 != "=" }
            guard isName(key), key.first?.isLetter == true else { return nil }
            rest = rest.dropFirst(key.count)
            guard rest.first == "=" else {
                list.pairs.append((String(key), nil))
                continue
            }
            rest = rest.dropFirst()
            var value: Substring
            if let quote = rest.first, quote == "\"" || quote == "'" {
                let inner = rest.dropFirst()
                guard let close = inner.firstIndex(of: quote) else { return nil }
                value = inner[..<close]
                rest = inner[inner.index(after: close)...]
            } else {
                value = rest.prefix { !$0.isWhitespace }
                rest = rest.dropFirst(value.count)
            }
            list.pairs.append((String(key), String(value)))
        }
        guard tokens > 0 else { return nil }
        // A bare word alone (`{x}`) is text, not an attribute list: only ids, classes, pairs and
        // `data-` flags make one.
        if list.id == nil && list.classes.isEmpty
            && list.pairs.allSatisfy({ $0.value == nil && !$0.key.hasPrefix("data-") })
        {
            return nil
        }
        return list
    }

    private static func isName(_ text: Substring) -> Bool {
        !text.isEmpty
            && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "." }
    }
}
