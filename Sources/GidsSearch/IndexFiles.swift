import Foundation
import GidsCore

/// The search index as the browser loads it: a small file first, then only what a query needs.
///
/// - `search-index.json`: parameters and how the rest is split (``Meta``).
/// - `search/vocab/<key>.json`: folded word → stem, for the words starting with `<key>` (the
///   first letter or digit; `_` for anything else). A query word loads its letter's shard, which
///   also holds the words it is a prefix of and its one- or two-letter typos.
/// - `search/terms/<n>.json`: stem → posting list `[[document, weighted term frequency, document
///   length]]`, for the stems whose 32-bit FNV-1a hash modulo `termShards` is `n`.
/// - `search/spellings/<key>.json`: folded word → spelling with diacritics → documents with
///   that spelling (``SearchIndex/spellings``), for the words starting with `<key>`.
/// - `search/doc/<i>.json`: one document (url, title, kind, location, guide, phase, summary,
///   text), loaded for the results on screen only.
///
/// So a one-word query fetches the meta file, one vocabulary shard, one or a few term shards and
/// the documents it shows, whatever the size of the site.
extension SearchIndex {
    /// The first file the browser loads.
    public struct Meta: Codable, Sendable, Equatable {
        /// ``SearchIndex/formatVersion``.
        public let version: Int
        /// ``SearchIndex/textPipeline``.
        public let textPipeline: Int
        public let weights: [String: Int]
        public let k1: Double
        public let b: Double
        public let stopWords: [String]
        public let minimumWordLength: Int
        public let synonyms: [[String]]
        public let synonymStems: [[String]]
        public let documentCount: Int
        /// Mean weighted document length, for BM25.
        public let averageLength: Double
        /// The vocabulary shard keys that exist.
        public let vocabulary: [String]
        /// How many term shards there are.
        public let termShards: Int
        /// The spelling shard keys that exist.
        public let spellings: [String]
    }

    /// The vocabulary shard a folded word belongs to: its first letter or digit (ASCII), else `_`.
    public static func vocabularyKey(_ word: String) -> String {
        guard let first = word.unicodeScalars.first, first.isASCII,
            CharacterSet.alphanumerics.contains(first)
        else { return "_" }
        return String(first)
    }

    /// 32-bit FNV-1a of `text`'s UTF-8 bytes, as the search script computes it.
    public static func termHash(_ text: String) -> UInt32 {
        var hash: UInt32 = 0x811c_9dc5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }

    /// Term shards for `documents` documents: about one per 16 documents, a power of two,
    /// between 1 and 4096, so shards stay small on large sites and few on small ones.
    public static func termShardCount(documents: Int) -> Int {
        var count = 1
        while count < documents / 16 && count < 4096 { count *= 2 }
        return count
    }

    /// Every file of the index by site path, as JSON that is safe in any HTML context.
    public func files() throws -> [String: Data] {
        var out: [String: Data] = [:]
        let shards = Self.termShardCount(documents: documents.count)
        var vocabulary: [String: [String: String]] = [:]
        for (form, stem) in forms { vocabulary[Self.vocabularyKey(form), default: [:]][form] = stem }
        for (key, shard) in vocabulary {
            out["\(SitePath.searchFolder)vocab/\(key).json"] = jsonObject(shard) {
                JSONText.append($0, htmlSafe: true, to: &$1)
            }
        }
        var termFiles: [Int: [String: [Posting]]] = [:]
        for (stem, postings) in terms {
            termFiles[Int(Self.termHash(stem) % UInt32(shards)), default: [:]][stem] = postings
        }
        // Each posting is `[document,frequency,length]`: a document's number and length are
        // written as text once (`[12,` and `,340]`), not once per posting.
        let opening = documents.indices.map { number -> [UInt8] in
            var text: [UInt8] = [0x5B]
            appendDecimal(number, to: &text)
            text.append(0x2C)
            return text
        }
        let closing = documents.map { document -> [UInt8] in
            var text: [UInt8] = [0x2C]
            appendDecimal(document.length, to: &text)
            text.append(0x5D)
            return text
        }
        // Encoding is most of the cost and each file is independent: all cores.
        let frozenTerms = termFiles
        let termData = Array(0..<shards).concurrentMap { shard in
            jsonObject(frozenTerms[shard] ?? [:]) { postings, out in
                out.append(0x5B)
                for (index, posting) in postings.enumerated() {
                    if index > 0 { out.append(0x2C) }
                    out.append(contentsOf: opening[posting.document])
                    appendDecimal(posting.frequency, to: &out)
                    out.append(contentsOf: closing[posting.document])
                }
                out.append(0x5D)
            }
        }
        for (shard, data) in termData.enumerated() { out["\(SitePath.searchFolder)terms/\(shard).json"] = data }
        var spellingShards: [String: [String: [String: [Int]]]] = [:]
        for (word, byVariant) in spellings { spellingShards[Self.vocabularyKey(word), default: [:]][word] = byVariant }
        for (key, shard) in spellingShards {
            out["\(SitePath.searchFolder)spellings/\(key).json"] = jsonObject(shard) { byVariant, out in
                out.append(
                    contentsOf: jsonObject(byVariant) { numbers, out in
                        out.append(0x5B)
                        for (index, number) in numbers.enumerated() {
                            if index > 0 { out.append(0x2C) }
                            appendDecimal(number, to: &out)
                        }
                        out.append(0x5D)
                    })
            }
        }
        let documentData = documents.concurrentMap(documentJSON)
        for (number, data) in documentData.enumerated() { out["\(SitePath.searchFolder)doc/\(number).json"] = data }
        let total = documents.reduce(0) { $0 + $1.length }
        let meta = Meta(
            version: Self.formatVersion, textPipeline: Self.textPipeline, weights: weights, k1: k1, b: b,
            stopWords: stopWords, minimumWordLength: minimumWordLength,
            synonyms: synonyms, synonymStems: synonymStems, documentCount: documents.count,
            averageLength: documents.isEmpty ? 0 : Double(total) / Double(documents.count),
            vocabulary: vocabulary.keys.sorted(), termShards: shards, spellings: spellingShards.keys.sorted())
        out[SitePath.searchIndex] = try escapedJSON(meta)
        return out
    }
}

/// A JSON object with keys in code-point order (as `JSONEncoder`'s `.sortedKeys`), each value
/// appended by `value`: for the vocabulary and term shards, which are most of the index and
/// which `JSONEncoder` writes slowly.
func jsonObject<Value>(_ object: [String: Value], value: (Value, inout [UInt8]) -> Void) -> Data {
    var out: [UInt8] = [0x7B]
    for (index, key) in object.keys.sorted().enumerated() {
        if index > 0 { out.append(0x2C) }
        JSONText.append(key, htmlSafe: true, to: &out)
        out.append(0x3A)
        value(object[key]!, &out)
    }
    out.append(0x7D)
    return Data(out)
}

/// The decimal digits of `number` (a JSON number), without a String in between.
func appendDecimal(_ number: Int, to out: inout [UInt8]) {
    if number < 0 {
        out.append(0x2D)
        out += Array(String(number.magnitude).utf8)
        return
    }
    var divisor = 1
    while divisor <= number / 10 { divisor *= 10 }
    var rest = number
    repeat {
        out.append(0x30 + UInt8(rest / divisor))
        rest %= divisor
        divisor /= 10
    } while divisor > 0
}

/// `document` as ``escapedJSON(_:)`` writes it (keys sorted, `phase` left out when nil), by hand:
/// `JSONEncoder` took a tenth of the index stage.
func documentJSON(_ document: SearchIndex.Document) -> Data {
    var out: [UInt8] = [0x7B]
    out.reserveCapacity(document.text.utf8.count + document.summary.utf8.count + 256)
    func key(_ name: String, first: Bool = false) {
        if !first { out.append(0x2C) }
        out += Array("\"\(name)\":".utf8)
    }
    key("guide", first: true)
    JSONText.append(document.guide, htmlSafe: true, to: &out)
    key("kind")
    JSONText.append(document.kind.rawValue, htmlSafe: true, to: &out)
    key("length")
    appendDecimal(document.length, to: &out)
    key("location")
    JSONText.append(document.location, htmlSafe: true, to: &out)
    if let phase = document.phase {
        key("phase")
        JSONText.append(phase, htmlSafe: true, to: &out)
    }
    key("summary")
    JSONText.append(document.summary, htmlSafe: true, to: &out)
    key("text")
    JSONText.append(document.text, htmlSafe: true, to: &out)
    key("title")
    JSONText.append(document.title, htmlSafe: true, to: &out)
    key("url")
    JSONText.append(document.url, htmlSafe: true, to: &out)
    out.append(0x7D)
    return Data(out)
}

/// JSON with sorted keys; `<`, `>`, `&`, U+2028 and U+2029 written as `\u` escapes, so the text
/// can never close a `<script>` element or break a JavaScript string if someone inlines it.
func escapedJSON(_ value: some Encodable) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let json = try encoder.encode(value)
    // Byte-level: `<`, `>`, `&` are ASCII, U+2028/U+2029 are E2 80 A8/A9 in UTF-8.
    var out: [UInt8] = []
    out.reserveCapacity(json.count + 16)
    var index = json.startIndex
    while index < json.endIndex {
        let byte = json[index]
        switch byte {
        case 0x3C: out += Array("\\u003c".utf8)
        case 0x3E: out += Array("\\u003e".utf8)
        case 0x26: out += Array("\\u0026".utf8)
        case 0xE2
        where index + 2 < json.endIndex && json[index + 1] == 0x80
            && (json[index + 2] == 0xA8 || json[index + 2] == 0xA9):
            out += Array((json[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
            index += 2
        default: out.append(byte)
        }
        index += 1
    }
    return Data(out)
}
