import GidsCore

/// Splits text into search terms: folded (lowercase, no diacritics, see ``TextFolding``),
/// split at every character that is not a letter or digit. The same rule is in `search.js`.
public enum Tokenizer {
    /// The folded words of `text`, in order, stop words included.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in TextFolding.fold(text).unicodeScalars {
            // ASCII letters and digits without a property lookup; other ASCII is never part of a word.
            let isWordScalar =
                scalar.isASCII
                ? (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || ("A"..."Z").contains(scalar))
                : (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
            if isWordScalar {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// Shorter words are left out of the index and of queries: they are the `s` of `LHBTI's`,
    /// the `n` of `zo'n` and the `e` of `e-participatie`, and match far too much.
    public static let minimumWordLength = 2

    /// True for a word that goes into the index: long enough and not a stop word.
    public static func isIndexed(_ word: String) -> Bool {
        word.unicodeScalars.count >= minimumWordLength && !stopWords.contains(word)
    }

    /// Dutch function words left out of the index. Kept short on purpose: no word here carries
    /// meaning in policy texts (so `wet`, `zorg`, `raad`, `wmo` and `lhbti` are never stop words).
    public static let stopWords: Set<String> = [
        "de", "het", "een", "en", "of", "van", "in", "op", "te", "aan", "met", "voor", "door", "bij", "naar", "om",
        "tot", "uit", "over", "als", "dat", "die", "dit", "deze", "er", "is", "zijn", "was", "wordt", "worden",
        "ook", "maar", "dan", "nog", "al", "wel", "niet", "je", "jij", "u", "we", "wij", "ze", "zij", "hij", "het",
        "hun", "haar", "zo", "wat", "hoe", "kan", "kunnen", "heeft", "hebben", "had", "zal", "zou",
    ]
}
