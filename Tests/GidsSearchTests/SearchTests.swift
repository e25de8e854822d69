import Foundation
import Testing

@testable import GidsSearch

@Suite struct SearchTests {
    @Test func snowballDutchStemsPluralsTogether() {
        let stemmer = DutchStemmer()
        #expect(stemmer.stem("mantelzorgers") == stemmer.stem("mantelzorger"))
        #expect(stemmer.stem("gemeenten") == stemmer.stem("gemeente"))
        #expect(stemmer.stem("mantelzorgers") != stemmer.stem("gemeenten"))
    }

    @Test func tokenizerFoldsCaseAndDiacritics() {
        #expect(Tokenizer.words("Financiële tekorten, Wmo-2015!") == ["financiele", "tekorten", "wmo", "2015"])
        // The spelling as written comes with a folded word only where the two differ.
        var spelled: [String: String] = [:]
        Tokenizer.forEachWord(in: "Financiële tekorten, CAFÉ en ideeën") { bytes, spelling in
            if let spelling { spelled[String(decoding: bytes, as: UTF8.self)] = spelling }
        }
        #expect(spelled == ["financiele": "financiële", "cafe": "café", "ideeen": "ideeën"])
    }

    @Test func stopWordsKeepMeaningfulShortWords() {
        for word in ["wet", "zorg", "wmo", "raad", "lhbti", "jeugd"] { #expect(!Tokenizer.stopWords.contains(word)) }
        #expect(Tokenizer.stopWords.contains("de"))
        #expect(!Tokenizer.isIndexed("s"))  // LHBTI's
        #expect(Tokenizer.isIndexed("lhbti"))
    }
}

@Suite struct DecompounderTests {
    let decompounder = Decompounder(frequencies: [
        "mantelzorg": 40, "beleid": 30, "zorg": 60, "gemeente": 50, "mantel": 2, "sport": 12, "vereniging": 3,
        "wijk": 4, "raad": 8,
    ])

    @Test func splitsIntoKnownWordsWithLinkingMorphemes() {
        #expect(decompounder.split("mantelzorgbeleid") == ["mantelzorg", "beleid"])
        #expect(decompounder.split("gemeentebeleid") == ["gemeente", "beleid"])
        #expect(decompounder.split("sportverenigingen") == [])  // the head 'verenigingen' is not in the vocabulary
        #expect(decompounder.split("sportvereniging") == ["sport", "vereniging"])
    }

    @Test func anUnknownModifierNeedsAFrequentHead() {
        // 'respijt' never occurs alone, 'zorg' often: split.
        #expect(decompounder.split("respijtzorg") == ["respijt", "zorg"])
        // Eight letters, two parts of four, both known.
        #expect(decompounder.split("wijkraad") == ["wijk", "raad"])
        // A rare head with an unknown modifier stays whole.
        #expect(Decompounder(frequencies: ["raad": 1]).split("wijkraad") == [])
    }

    @Test func shortWordsAndUnknownHeadsStayWhole() {
        #expect(decompounder.split("zorgen") == [])
        #expect(decompounder.split("onderwijsbeleid") == ["onderwijs", "beleid"])
        #expect(decompounder.split("samenwerking") == [])
    }
}

@Suite struct IndexFilesTests {
    @Test func hashAndKeysAreTheOnesTheScriptComputes() {
        // FNV-1a 32-bit reference values (draft-eastlake-fnv): "" and "a".
        #expect(SearchIndex.termHash("") == 0x811c_9dc5)
        #expect(SearchIndex.termHash("a") == 0xe40c_292c)
        #expect(SearchIndex.vocabularyKey("mantelzorg") == "m")
        #expect(SearchIndex.vocabularyKey("2015") == "2")
        #expect(SearchIndex.vocabularyKey("ßtraat") == "_")
        #expect(SearchIndex.termShardCount(documents: 29) == 1)
        #expect(SearchIndex.termShardCount(documents: 10_000) == 1024)
        #expect(SearchIndex.termShardCount(documents: 1_000_000) == 4096)
    }

    @Test func everyTermIsInItsShardWithItsLengthAndEveryFormInItsVocabulary() throws {
        let index = SearchIndex(
            version: 2, weights: SearchIndex.fieldWeights, k1: 1.2, b: 0.75,
            documents: (0..<40).map {
                SearchIndex.Document(
                    url: "g/p\($0)/", title: "P\($0)", guide: "G", phase: nil, kind: .page, location: "G", summary: "S",
                    text: "T", length: 10 + $0)
            },
            terms: [
                "zorg": [.init(document: 0, frequency: 3), .init(document: 5, frequency: 1)],
                "beleid": [.init(document: 39, frequency: 2)],
            ], forms: ["zorg": "zorg", "beleid": "beleid"],
            stopWords: [], minimumWordLength: 2, synonyms: [], synonymStems: [],
            spellings: ["financiele": ["financiële": [3, 7]]])
        let files = try index.files()
        let meta = try JSONDecoder().decode(SearchIndex.Meta.self, from: files["search-index.json"]!)
        #expect(meta.termShards == 2 && meta.documentCount == 40 && meta.vocabulary == ["b", "z"])
        for (stem, postings) in index.terms {
            let shard = try JSONDecoder().decode(
                [String: [[Int]]].self, from: files["search/terms/\(SearchIndex.termHash(stem) % 2).json"]!)
            #expect(shard[stem] == postings.map { [$0.document, $0.frequency, 10 + $0.document] })
        }
        let vocabulary = try JSONDecoder().decode([String: String].self, from: files["search/vocab/z.json"]!)
        #expect(vocabulary == ["zorg": "zorg"])
        #expect(files.keys.filter { $0.hasPrefix("search/doc/") }.count == 40)
        #expect(meta.spellings == ["f"] && meta.textPipeline == SearchIndex.textPipeline)
        let spellings = try JSONDecoder().decode(
            [String: [String: [Int]]].self, from: files["search/spellings/f.json"]!)
        #expect(spellings == ["financiele": ["financiële": [3, 7]]])
    }
}

/// Plurals and diminutives Snowball leaves apart, read against the site's own words.
@Suite struct InflectionTests {
    @Test func aPluralOrDiminutiveTakesItsBaseWhenTheSiteHasIt() {
        let site: Set<String> = ["toren", "bier", "actie", "dorp", "volgen", "alle"]
        func base(_ word: String) -> String? { Inflection.base(of: word) { site.contains($0) } }
        #expect(base("torens") == "toren")
        #expect(base("biertje") == "bier" && base("biertjes") == "bier")
        #expect(base("acties") == "actie" && base("dorpen") == "dorp")
        // Not without the base, not for a function word, not for a base under three letters.
        #expect(base("kranten") == nil)
        #expect(base("volgens") == nil && base("alleen") == nil)
        #expect(Inflection.base(of: "des") { $0 == "de" } == nil)
    }

    @Test func theSearchScriptReadsQueriesWithTheSameEndings() throws {
        let script = try String(
            contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().path + "/templates/assets/search.js", encoding: .utf8)
        // The browser reads query words with the same endings.
        let list = Inflection.endings.map { "\"\($0)\"" }.joined(separator: ", ")
        #expect(script.contains("var INFLECTIONS = [\(list)];"))
    }
}

/// The hand-written parts of the index files against what they replaced.
@Suite struct IndexEncodingTests {
    @Test(arguments: [nil, "Visie & beleid"])
    func documentJSONIsWhatJSONEncoderWrites(phase: String?) throws {
        var text = "Zorg <script>\u{2028} \"citaat\" \\ "
        for value in [0x08, 0x0C, 0x01, 0x1F] { text.unicodeScalars.append(Unicode.Scalar(value)!) }
        let document = SearchIndex.Document(
            url: "gids/respijtzorg/", title: "Respijt & rust", guide: "Woudlopersgids", phase: phase, kind: .phase,
            location: "Woudlopersgids › Uitvoeren <1>", summary: "Even 'vrij' — ook voor jonge mantelzorgers",
            text: text, length: 42)
        #expect(documentJSON(document) == (try escapedJSON(document)))
    }

    @Test func whiteSpaceRunsBecomeOneSpace() {
        #expect(collapsingWhitespace("  Eén\t\ttwee\n\u{00A0}drie\u{2003} \u{000B}vier  ") == "Eén twee drie vier")
        #expect(collapsingWhitespace("\n \t") == "")
        #expect(collapsingWhitespace("café🙂 zorg") == "café🙂 zorg")
    }

    @Test func wordsShorterThanTwoScalarsAreNotIndexed() {
        #expect(!Tokenizer.isIndexed("a"))
        #expect(!Tokenizer.isIndexed("é"))  // two bytes, one scalar
        #expect(!Tokenizer.isIndexed("🙂"))  // four bytes, one scalar
        #expect(Tokenizer.isIndexed("éé"))
        #expect(Tokenizer.isIndexed("wmo"))
        #expect(!Tokenizer.isIndexed("de"))  // a stop word
    }
}

extension IndexEncodingTests {
    @Test(arguments: [0, 7, 9, 10, 11, 99, 100, 12_345, 1_000_000, Int.max, -1, -305])
    func decimalsAreWhatStringWrites(_ number: Int) {
        var out: [UInt8] = [0x5B]
        appendDecimal(number, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "[" + String(number))
    }
}

/// The index's word numbering: first seen, first numbered; the same bytes, the same number.
@Suite struct WordTableTests {
    @Test func wordsAreNumberedInTheOrderFirstSeen() {
        var table = WordTable()
        var numbers: [String: Int32] = [:]
        // Enough words to grow the table several times, with repeats and shared prefixes.
        let words = (0..<5000).map { "woord\($0 % 3000)" } + ["", "é", "financiële", "woord1"]
        for word in words {
            var text = word
            let (number, isNew) = text.withUTF8 { table.number(of: $0) }
            if let known = numbers[word] {
                #expect(number == known && !isNew)
            } else {
                #expect(isNew && Int(number) == numbers.count)
                numbers[word] = number
            }
        }
        #expect(table.count == numbers.count)
        #expect(table.count == 3003)
    }
}
