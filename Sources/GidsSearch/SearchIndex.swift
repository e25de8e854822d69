import Foundation
import GidsCore
import GidsGraph

/// The precomputed search index written to `site/search-index.json` (schema in README.md,
/// "Search index"). Terms are Snowball Dutch stems of folded words; `forms` maps every folded
/// word of the site to its stem, so that the browser can stem a query without a stemmer of its
/// own and can match prefixes while the user types.
public struct SearchIndex: Codable, Sendable, Equatable {
    /// One searchable page or tool.
    public struct Document: Codable, Sendable, Equatable {
        /// Site-root-relative URL (`woudlopersgids/respijtzorg/`).
        public let url: String
        public let title: String
        /// Guide title.
        public let guide: String
        /// Phase title, when the guide has phases.
        public let phase: String?
        public let summary: String
        /// Plain text of the body, for snippets.
        public let text: String
        /// Weighted length in terms (Σ field weight × terms in field), for BM25 length normalisation.
        public let length: Int
    }

    public let version: Int
    /// Field weights used for term frequencies: title 10, headings 5, summary 4, domains 3, body 1.
    public let weights: [String: Int]
    /// BM25 parameters (Robertson & Zaragoza 2009): k1 = 1.2, b = 0.75, the usual defaults.
    public let k1: Double
    public let b: Double
    public let documents: [Document]
    /// Inverted index: stem → posting list of `[document index, weighted term frequency]`,
    /// sorted by document index.
    public let terms: [String: [[Int]]]
    /// Folded surface form → stem, for every word in the index.
    public let forms: [String: String]
    /// The stop words left out at index time, so the browser leaves them out of queries too.
    public let stopWords: [String]
    /// Words shorter than this (in Unicode scalars) are not indexed, nor searched for.
    public let minimumWordLength: Int

    /// Field weights, in one place for the builder and the documentation.
    public static let fieldWeights: [String: Int] = ["title": 10, "headings": 5, "summary": 4, "domains": 3, "body": 1]

    /// The index as JSON with sorted keys: byte-identical for the same site.
    /// The index as JSON with sorted keys. `<`, `>`, `&`, U+2028 and U+2029 are written as
    /// `\u` escapes, so the text can never close a `<script>` element or break a JavaScript
    /// string if someone inlines it (the same JSON value, byte-safe in any HTML context).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(self), as: UTF8.self)
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return Data(out.utf8)
    }
}

/// The index stage: builds the ``SearchIndex`` for every page and tool of `graph`, in guide
/// and reading order.
public func buildSearchIndex(_ graph: NavigationGraph) -> SearchIndex {
    let stemmer = DutchStemmer()
    var documents: [SearchIndex.Document] = []
    var postings: [String: [[Int]]] = [:]
    var forms: [String: String] = [:]
    var stemCache: [String: String] = [:]
    let domainTitles = Dictionary(uniqueKeysWithValues: graph.site.domains.map { ($0.id, $0.title) })
    for guide in graph.guides {
        for id in guide.readingOrder {
            guard let page = graph.pages[id] else { continue }
            let metadata = page.metadata
            var body = page.document.bodyText
            for extra in [metadata.yields, metadata.why, metadata.inclusion].compactMap({ $0 }) { body += "\n" + extra }
            for tip in metadata.tips { body += "\n" + tip }
            let fields: [(String, String)] = [
                ("title", metadata.title),
                ("headings", page.document.headings.map(\.text).joined(separator: "\n")),
                ("summary", metadata.summary),
                ("domains", metadata.domains.compactMap { domainTitles[$0.value] }.joined(separator: " ")),
                ("body", body),
            ]
            var frequencies: [String: Int] = [:]
            var length = 0
            for (field, text) in fields {
                let weight = SearchIndex.fieldWeights[field] ?? 1
                for word in Tokenizer.words(text) where Tokenizer.isIndexed(word) {
                    let stem: String
                    if let cached = stemCache[word] {
                        stem = cached
                    } else {
                        stem = stemmer.stem(word)
                        stemCache[word] = stem
                    }
                    forms[word] = stem
                    frequencies[stem, default: 0] += weight
                    length += weight
                }
            }
            let index = documents.count
            for (stem, frequency) in frequencies { postings[stem, default: []].append([index, frequency]) }
            let phaseTitle = page.phase.flatMap { phase in
                guide.phases.first { $0.definition.id == phase }?.definition.title
            }
            documents.append(
                SearchIndex.Document(
                    url: page.url, title: metadata.title, guide: guide.config.title, phase: phaseTitle,
                    summary: metadata.summary,
                    text: body.split(whereSeparator: \.isWhitespace).joined(separator: " "), length: length))
        }
    }
    return SearchIndex(
        version: 1, weights: SearchIndex.fieldWeights, k1: 1.2, b: 0.75, documents: documents, terms: postings,
        forms: forms, stopWords: Tokenizer.stopWords.sorted(), minimumWordLength: Tokenizer.minimumWordLength)
}
