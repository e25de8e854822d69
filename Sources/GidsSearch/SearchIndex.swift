import Foundation
import GidsCore
import GidsGraph

/// The precomputed search index written to `site/search-index.json` (schema in README.md,
/// "Search index"). Terms are Snowball Dutch stems of folded words; `forms` maps every folded
/// word of the site to its stem, so that the browser can stem a query without a stemmer of its
/// own and can match prefixes while the user types.
public struct SearchIndex: Codable, Sendable, Equatable {
    /// One searchable page of the site: a page or tool, or a page gids makes (a guide's home,
    /// a phase, a beleidsdomein, a taxonomy or facet value).
    public struct Document: Codable, Sendable, Equatable {
        /// What the page is; the search results name it.
        public enum Kind: String, Codable, Sendable {
            case page, tool, guide, phase, domain, value
        }
        /// Site-root-relative URL (`woudlopersgids/respijtzorg/`).
        public let url: String
        public let title: String
        /// Guide title (empty for a beleidsdomein).
        public let guide: String
        /// Phase title, when the guide has phases.
        public let phase: String?
        public let kind: Kind
        /// Where the page sits, for the results: `Woudlopersgids Informele Zorg › Doelgroep`;
        /// empty for a guide's home.
        public let location: String
        public let summary: String
        /// Plain text of the body (of a listing page: the titles it lists), for snippets.
        public let text: String
        /// Weighted length in terms (Σ field weight × terms in field), for BM25 length normalisation.
        public let length: Int
    }

    public let version: Int
    /// The version of the text pipeline (folding, word splitting, stop words, stems, compound
    /// parts): the search script splits and folds queries the same way, and refuses an index
    /// made with another one. Raise it whenever a query would be read differently.
    public static let textPipeline = 3
    /// The version of the index files' format (``files()``).
    public static let formatVersion = 4
    /// Field weights used for term frequencies: title 10, headings 5, summary 4, domains 3, body
    /// 1, and the titles a listing page lists 1.
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

    /// Folded word → its spellings with diacritics → the documents that have that spelling
    /// (`financiele` → `financiële` → [3, 7]), so that a query typed with the accent ranks those
    /// documents above the ones with another spelling.
    public let spellings: [String: [String: [Int]]]

    /// Field weights, in one place for the builder and the documentation.
    public static let fieldWeights: [String: Int] = [
        "title": 10, "headings": 5, "summary": 4, "domains": 3, "body": 1, "listed": 1,
    ]
}

/// One document before indexing: what the results show of it and its fields' texts.
struct DocumentSource: Sendable {
    let url: String
    let title: String
    let guide: String
    let phase: String?
    let kind: SearchIndex.Document.Kind
    let location: String
    let summary: String
    /// (field name, normalised text), the body last (also the snippet text).
    let texts: [(String, String)]
}

/// The index stage: builds the ``SearchIndex`` for every page and tool of `graph`, in guide
/// and reading order, then the pages gids makes (``listingDocuments(_:)``).
public func buildSearchIndex(_ graph: NavigationGraph) -> SearchIndex {
    let domainTitles = Dictionary(uniqueKeysWithValues: graph.site.domains.map { ($0.id, $0.title) })
    // First pass: each page's words with their summed field weights (term frequency) and
    // summed part weights (a compound's parts count at half its field weight, at least 1, per
    // occurrence), the weighted length, and occurrence counts for the vocabulary the
    // decompounder splits against.
    let ordered = graph.guides.flatMap { guide in guide.readingOrder.compactMap { graph.pages[$0] }.map { (guide, $0) }
    }
    let listings = listingDocuments(graph)
    let total = ordered.count + listings.count
    // Pages in chunks of consecutive pages, each chunk on one core with its own vocabulary:
    // a word is hashed once per occurrence (to its number in the chunk), and the chunks'
    // vocabularies, not every page's words, are merged into the index's.
    let chunkCount = max(1, min(total, parallelJobs * 4))
    let chunkBounds = (0...chunkCount).map { $0 * total / chunkCount }
    let chunks = Array(0..<chunkCount).concurrentMap { chunk -> ChunkWords in
        var words = ChunkWords()
        for index in chunkBounds[chunk]..<chunkBounds[chunk + 1] {
            if index < ordered.count {
                let (guide, page) = ordered[index]
                words.add(pageDocument(page, in: guide, domainTitles: domainTitles))
            } else {
                words.add(listings[index - ordered.count])
            }
        }
        return words
    }
    var frequencies: [String: Int] = [:]
    for chunk in chunks {
        for (number, word) in chunk.vocabulary.enumerated() where chunk.indexed[number] {
            frequencies[word, default: 0] += Int(chunk.occurrences[number])
        }
    }
    let decompounder = Decompounder(frequencies: frequencies)
    // Per distinct word, on all cores (one stemmer per chunk: a libstemmer stemmer is not
    // thread-safe): its stem and the stems of its indexed parts.
    let vocabulary = frequencies.keys.sorted()
    let chunkSize = max(256, vocabulary.count / (parallelJobs * 8) + 1)
    let vocabularyChunks = stride(from: 0, to: vocabulary.count, by: chunkSize).map {
        Array(vocabulary[$0..<min($0 + chunkSize, vocabulary.count)])
    }
    let siteWords = frequencies
    let analysed = vocabularyChunks.concurrentMap { chunk -> [(String, WordAnalysis)] in
        let stemmer = DutchStemmer()
        return chunk.map { word in
            let parts = decompounder.split(word).filter(Tokenizer.isIndexed)
            // A plural or diminutive whose base word the site also has takes the base's stem:
            // Snowball leaves `torens` (toren) and `biertje` (bier) apart.
            let base = Inflection.base(of: word) { siteWords[$0] != nil }
            return (
                word,
                WordAnalysis(
                    stem: stemmer.stem(base ?? word), parts: parts, partStems: parts.map(stemmer.stem))
            )
        }
    }
    // Words and stems by number from here on: the second pass adds numbers, not strings.
    var wordNumber: [String: Int32] = [:]
    wordNumber.reserveCapacity(vocabulary.count)
    var stemNumber: [String: Int32] = [:]
    var stems: [String] = []
    func number(ofStem stem: String) -> Int32 {
        if let known = stemNumber[stem] { return known }
        let next = Int32(stems.count)
        stemNumber[stem] = next
        stems.append(stem)
        return next
    }
    // Per word number: its stem's number, and its parts' stems other than its own.
    var stemOfWord: [Int32] = []
    var partStemsOfWord: [[Int32]] = []
    stemOfWord.reserveCapacity(vocabulary.count)
    partStemsOfWord.reserveCapacity(vocabulary.count)
    var forms: [String: String] = [:]
    forms.reserveCapacity(vocabulary.count)
    for chunk in analysed {
        for (word, info) in chunk {
            wordNumber[word] = Int32(stemOfWord.count)
            let stem = number(ofStem: info.stem)
            stemOfWord.append(stem)
            partStemsOfWord.append(info.partStems.map(number(ofStem:)).filter { $0 != stem })
            forms[word] = info.stem
        }
    }
    for chunk in analysed {
        for (_, info) in chunk {
            for (part, partStem) in zip(info.parts, info.partStems) where forms[part] == nil { forms[part] = partStem }
        }
    }
    // Second pass, per page on all cores: each page's stems with their weighted frequencies,
    // by stem number (sorted, so equal stems sit together).
    // Each chunk's word numbers in the index's numbering: one lookup per word of a chunk.
    let numbering = wordNumber
    let globalNumbers = chunks.concurrentMap { chunk in chunk.vocabulary.map { numbering[$0] ?? -1 } }
    let pages = zip(chunks, globalNumbers).flatMap { chunk, numbers in chunk.pages.map { ($0, numbers) } }
    let (stemsOfWords, partStemsOfWords) = (stemOfWord, partStemsOfWord)
    let termFrequencies = pages.concurrentMap { page, numbers -> [(stem: Int32, frequency: Int)] in
        // Stem number in the high half, weight in the low half: sorted as plain integers (the
        // order of equal stems does not matter, their weights are summed).
        var weighted: [UInt64] = []
        weighted.reserveCapacity(page.words.count + page.words.count / 2)
        func entry(_ stem: Int32, _ weight: Int32) -> UInt64 {
            UInt64(UInt32(stem)) << 32 | UInt64(UInt32(weight))
        }
        for (word, weights) in page.words {
            let number = numbers[Int(word)]
            guard number >= 0 else { continue }
            let index = Int(number)
            weighted.append(entry(stemsOfWords[index], weights.weight))
            for partStem in partStemsOfWords[index] { weighted.append(entry(partStem, weights.partWeight)) }
        }
        weighted.sort()
        var merged: [(stem: Int32, frequency: Int)] = []
        merged.reserveCapacity(weighted.count)
        for packed in weighted {
            let (stem, frequency) = (Int32(truncatingIfNeeded: packed >> 32), Int(packed & 0xFFFF_FFFF))
            if let last = merged.last, last.stem == stem {
                merged[merged.count - 1].frequency += frequency
            } else {
                merged.append((stem, frequency))
            }
        }
        return merged
    }
    // Posting lists in document order: the pages walked in order, each stem's list appended to.
    var postingsByStem = [[SearchIndex.Posting]](repeating: [], count: stems.count)
    for (document, frequencies) in termFrequencies.enumerated() {
        for (stem, frequency) in frequencies {
            postingsByStem[Int(stem)].append(SearchIndex.Posting(document: document, frequency: frequency))
        }
    }
    var postings: [String: [SearchIndex.Posting]] = [:]
    postings.reserveCapacity(stems.count)
    for (stem, list) in zip(stems, postingsByStem) where !list.isEmpty { postings[stem] = list }
    var documents: [SearchIndex.Document] = []
    documents.reserveCapacity(pages.count)
    var spellings: [String: [String: [Int]]] = [:]
    // A listing page is short, and BM25 favours short documents: for its length it counts at
    // least as long as the mean page, so it wins on its own title and summary, not on being
    // short (its listed titles would otherwise outrank the pages they name).
    let contentLengths = pages.prefix(ordered.count).map(\.0.length)
    let meanLength = contentLengths.isEmpty ? 0 : contentLengths.reduce(0, +) / contentLengths.count
    for (number, (page, numbers)) in pages.enumerated() {
        let source = page.source
        let length: Int
        switch source.kind {
        case .page, .tool: length = page.length
        case .guide, .phase, .domain, .value: length = max(page.length, meanLength)
        }
        documents.append(
            SearchIndex.Document(
                url: source.url, title: source.title, guide: source.guide, phase: source.phase, kind: source.kind,
                location: source.location, summary: source.summary, text: page.text, length: length))
        for (word, spelling) in page.spellings {
            let number32 = numbers[Int(word)]
            guard number32 >= 0 else { continue }
            spellings[vocabulary[Int(number32)], default: [:]][spelling, default: []].append(number)
        }
    }
    // Synonym members as indexed words; a member that is left with no word (only stop words
    // or one-letter words) is dropped, and so is a group left with fewer than two members.
    let synonymGroups = graph.synonyms.map { group in
        group.map { Tokenizer.words($0).filter(Tokenizer.isIndexed) }.filter { !$0.isEmpty }
    }.filter { $0.count >= 2 }
    let stemmer = DutchStemmer()
    return SearchIndex(
        version: SearchIndex.formatVersion, weights: SearchIndex.fieldWeights, k1: 1.2, b: 0.75, documents: documents,
        terms: postings,
        forms: forms, stopWords: Tokenizer.stopWords.sorted(), minimumWordLength: Tokenizer.minimumWordLength,
        synonyms: synonymGroups.map { group in group.map { $0.joined(separator: " ") } },
        synonymStems: synonymGroups.map { group in group.map { $0.map(stemmer.stem).joined(separator: " ") } },
        spellings: spellings)
}

/// One word's share of a page: occurrences, summed field weights, summed part weights.
private struct WordWeights: Sendable {
    // 32-bit: a word's weights in one page stay far below 2^31, and the index holds one of
    // these per distinct word of every page.
    var occurrences: Int32 = 0
    var weight: Int32 = 0
    var partWeight: Int32 = 0

    mutating func add(weight: Int) {
        occurrences += 1
        self.weight += Int32(weight)
        partWeight += Int32(max(1, weight / 2))
    }
}

/// A page's indexed words (by number in its chunk's vocabulary), its snippet text and
/// weighted length.
private struct PageWords: Sendable {
    let source: DocumentSource
    let text: String
    let words: [(Int32, WordWeights)]
    /// The page's words (by number in the chunk) that it spells with diacritics, with that
    /// spelling (lowercased, NFC), each pair once.
    let spellings: [(Int32, String)]
    let length: Int
}

/// The words of consecutive pages, numbered in the order first seen: the pages' words by
/// number, and each word's occurrences in all of them.
private struct ChunkWords: Sendable {
    private(set) var vocabulary: [String] = []
    /// Per word number: whether the index keeps the word (``Tokenizer/isIndexed(_:)``).
    private(set) var indexed: [Bool] = []
    private(set) var occurrences: [Int32] = []
    private(set) var pages: [PageWords] = []
    private var numbers = WordTable()
    /// Per word number: where the page being read keeps it in its list, or -1.
    private var slots: [Int32] = []

    /// Adds a document, whose fields are its `texts` (field name, normalised text; the body
    /// last, which is also the snippet text).
    mutating func add(_ source: DocumentSource) {
        var words: [(Int32, WordWeights)] = []
        words.reserveCapacity(256)
        var spellings: [(Int32, String)] = []
        var seenSpellings = Set<String>()
        var length = 0
        for (field, text) in source.texts {
            let weight = SearchIndex.fieldWeights[field] ?? 1
            Tokenizer.forEachWord(in: text) { bytes, spelling in
                // Words left out of the index are numbered too, so a word is hashed once.
                let (number, isNew) = numbers.number(of: bytes)
                if isNew {
                    let word = String(decoding: bytes, as: UTF8.self)
                    vocabulary.append(word)
                    indexed.append(Tokenizer.isIndexed(word))
                    occurrences.append(0)
                    slots.append(-1)
                }
                guard indexed[Int(number)] else { return }
                if let spelling, seenSpellings.insert(spelling).inserted { spellings.append((number, spelling)) }
                var slot = slots[Int(number)]
                if slot < 0 {
                    slot = Int32(words.count)
                    slots[Int(number)] = slot
                    words.append((number, WordWeights()))
                }
                words[Int(slot)].1.add(weight: weight)
                length += weight
            }
        }
        for (number, weights) in words {
            slots[Int(number)] = -1
            occurrences[Int(number)] += weights.occurrences
        }
        pages.append(
            PageWords(
                source: source, text: collapsingWhitespace(source.texts.last?.1 ?? ""), words: words,
                spellings: spellings, length: length))
    }
}

/// A page or tool as a document. Its fields, normalised, the body last: title, headings,
/// summary, domains, body (with the page's `yields`, `why`, `inclusion` and `tips`).
private func pageDocument(_ page: PageNode, in guide: GuideNode, domainTitles: [String: String]) -> DocumentSource {
    let metadata = page.metadata
    var body = page.document.bodyText
    for extra in [metadata.yields, metadata.why, metadata.inclusion].compactMap({ $0 }) { body += "\n" + extra }
    for tip in metadata.tips { body += "\n" + tip }
    let phaseTitle = page.phase.flatMap { phase in guide.phases.first { $0.definition.id == phase }?.definition.title }
    let texts: [(String, String)] = [
        ("title", Tokenizer.normalized(metadata.title)),
        (
            "headings",
            Tokenizer.normalized(page.document.headings.filter(\.isSearchable).map(\.text).joined(separator: "\n"))
        ),
        ("summary", Tokenizer.normalized(metadata.summary)),
        ("domains", metadata.domains.compactMap { domainTitles[$0.value] }.joined(separator: " ")),
        ("body", Tokenizer.normalized(body)),
    ]
    return DocumentSource(
        url: page.url, title: Tokenizer.normalized(metadata.title), guide: guide.config.title, phase: phaseTitle,
        kind: metadata.kind == .tool ? .tool : .page,
        location: [guide.config.title, phaseTitle].compactMap { $0 }.joined(separator: " › "),
        summary: Tokenizer.normalized(metadata.summary), texts: texts)
}

/// A word's stem, and its compound parts (indexed ones only) with their stems.
private struct WordAnalysis: Sendable {
    let stem: String
    let parts: [String]
    let partStems: [String]
}

/// `text` with every run of white space (Unicode White_Space) as one space, trimmed: the
/// document text the browser shows in snippets. Scalar by scalar, ASCII without a lookup.
func collapsingWhitespace(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes in
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var written = 0
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // White_Space (Unicode): ASCII tab to carriage return and space; U+0085, U+00A0
                // (C2 …); U+1680 (E1 9A 80); U+2000–U+200A, U+2028, U+2029, U+202F (E2 80 …);
                // U+205F (E2 81 9F); U+3000 (E3 80 80). Read by bytes, as the text is valid UTF-8.
                var width = 0
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    width = 1
                } else if byte >= 0xC2, index + 1 < bytes.count {
                    let second = bytes[index + 1]
                    let third = index + 2 < bytes.count ? bytes[index + 2] : 0
                    switch (byte, second) {
                    case (0xC2, 0x85), (0xC2, 0xA0): width = 2
                    case (0xE1, 0x9A) where third == 0x80: width = 3
                    case (0xE2, 0x80)
                    where (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF:
                        width = 3
                    case (0xE2, 0x81) where third == 0x9F: width = 3
                    case (0xE3, 0x80) where third == 0x80: width = 3
                    default: break
                    }
                }
                if width > 0 {
                    pendingSpace = written > 0
                    index += width
                    continue
                }
                if pendingSpace {
                    out[written] = 0x20
                    written += 1
                    pendingSpace = false
                }
                out[written] = byte
                written += 1
                index += 1
            }
            return written
        }
    }
}
