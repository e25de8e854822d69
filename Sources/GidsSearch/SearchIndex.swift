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
    /// Inverted index: stem → posting list, sorted by document index.
    public let terms: [String: [Posting]]

    /// One entry of a posting list: a document (its index in ``documents``) and the stem's
    /// weighted term frequency in it. Written to the term shards as `[document, frequency, length]`.
    public struct Posting: Codable, Sendable, Equatable {
        public let document: Int
        public let frequency: Int

        public init(document: Int, frequency: Int) {
            self.document = document
            self.frequency = frequency
        }
    }
    /// Folded surface form → stem, for every word in the index.
    public let forms: [String: String]
    /// The stop words left out at index time, so the browser leaves them out of queries too.
    public let stopWords: [String]
    /// Words shorter than this (in Unicode scalars) are not indexed, nor searched for.
    public let minimumWordLength: Int
    /// Synonym groups from `content/synoniemen.yml`: each member a phrase of indexed, folded
    /// words (`wet maatschappelijke ondersteuning`). The browser lets a query word or phrase
    /// match any member of its group.
    public let synonyms: [[String]]
    /// The same groups as stems (`wet maatschappelijk ondersteun`): a query matches a member
    /// when its words have the member's stems, so `gemeenteraden` matches `gemeenteraad`.
    public let synonymStems: [[String]]

    /// Field weights, in one place for the builder and the documentation.
    public static let fieldWeights: [String: Int] = ["title": 10, "headings": 5, "summary": 4, "domains": 3, "body": 1]
}

/// The index stage: builds the ``SearchIndex`` for every page and tool of `graph`, in guide
/// and reading order.
public func buildSearchIndex(_ graph: NavigationGraph) -> SearchIndex {
    let stemmer = DutchStemmer()
    var documents: [SearchIndex.Document] = []
    var postings: [String: [SearchIndex.Posting]] = [:]
    var forms: [String: String] = [:]
    var stemCache: [String: String] = [:]
    func stem(_ word: String) -> String {
        if let cached = stemCache[word] { return cached }
        let result = stemmer.stem(word)
        stemCache[word] = result
        return result
    }
    let domainTitles = Dictionary(uniqueKeysWithValues: graph.site.domains.map { ($0.id, $0.title) })
    // First pass: the words of every page's fields, and how often each occurs in the site
    // (the vocabulary the decompounder splits against).
    // Tokenizing is most of the work and each page is independent: all cores.
    let ordered = graph.guides.flatMap { guide in guide.readingOrder.compactMap { graph.pages[$0] }.map { (guide, $0) }
    }
    let pages = ordered.concurrentMap {
        (guide, page) -> (guide: GuideNode, page: PageNode, text: String, fields: [(weight: Int, words: [String])]) in
        let metadata = page.metadata
        var body = page.document.bodyText
        for extra in [metadata.yields, metadata.why, metadata.inclusion].compactMap({ $0 }) { body += "\n" + extra }
        for tip in metadata.tips { body += "\n" + tip }
        let texts: [(String, String)] = [
            ("title", metadata.title),
            ("headings", page.document.headings.map(\.text).joined(separator: "\n")),
            ("summary", metadata.summary),
            ("domains", metadata.domains.compactMap { domainTitles[$0.value] }.joined(separator: " ")),
            ("body", body),
        ]
        let fields = texts.map { field, text in
            (SearchIndex.fieldWeights[field] ?? 1, Tokenizer.words(text).filter(Tokenizer.isIndexed))
        }
        return (guide, page, collapsingWhitespace(body), fields)
    }
    var frequencies: [String: Int] = [:]
    for page in pages {
        for (_, words) in page.fields { for word in words { frequencies[word, default: 0] += 1 } }
    }
    let decompounder = Decompounder(frequencies: frequencies)
    // Synonym members as indexed words; a member that is left with no word (only stop words
    // or one-letter words) is dropped, and so is a group left with fewer than two members.
    let synonymGroups = graph.synonyms.map { group in
        group.map { Tokenizer.words($0).filter(Tokenizer.isIndexed) }.filter { !$0.isEmpty }
    }.filter { $0.count >= 2 }
    var partsCache: [String: [String]] = [:]
    // Second pass: postings. A compound also counts for its parts, at half its field weight.
    for (guide, page, text, fields) in pages {
        var termFrequencies: [String: Int] = [:]
        var length = 0
        for (weight, words) in fields {
            for word in words {
                let wordStem = stem(word)
                forms[word] = wordStem
                termFrequencies[wordStem, default: 0] += weight
                length += weight
                let parts = partsCache[word] ?? decompounder.split(word)
                partsCache[word] = parts
                for part in parts where Tokenizer.isIndexed(part) {
                    let partStem = stem(part)
                    if forms[part] == nil { forms[part] = partStem }
                    if partStem != wordStem { termFrequencies[partStem, default: 0] += max(1, weight / 2) }
                }
            }
        }
        let index = documents.count
        for (term, frequency) in termFrequencies {
            postings[term, default: []].append(SearchIndex.Posting(document: index, frequency: frequency))
        }
        let phaseTitle = page.phase.flatMap { phase in
            guide.phases.first { $0.definition.id == phase }?.definition.title
        }
        documents.append(
            SearchIndex.Document(
                url: page.url, title: page.metadata.title, guide: guide.config.title, phase: phaseTitle,
                summary: page.metadata.summary,
                text: text, length: length))
    }
    return SearchIndex(
        version: 2, weights: SearchIndex.fieldWeights, k1: 1.2, b: 0.75, documents: documents, terms: postings,
        forms: forms, stopWords: Tokenizer.stopWords.sorted(), minimumWordLength: Tokenizer.minimumWordLength,
        synonyms: synonymGroups.map { group in group.map { $0.joined(separator: " ") } },
        synonymStems: synonymGroups.map { group in group.map { $0.map(stem).joined(separator: " ") } })
}

/// `text` with every run of white space (Unicode White_Space) as one space, trimmed: the
/// document text the browser shows in snippets. Scalar by scalar, ASCII without a lookup.
func collapsingWhitespace(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.unicodeScalars {
        let isSpace =
            scalar.isASCII
            ? (scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0B}"
                || scalar == "\u{0C}")
            : scalar.properties.isWhitespace
        if isSpace {
            pendingSpace = !out.isEmpty
        } else {
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
    }
    return String(out)
}
