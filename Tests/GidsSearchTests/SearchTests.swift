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
