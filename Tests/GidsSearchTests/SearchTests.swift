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
