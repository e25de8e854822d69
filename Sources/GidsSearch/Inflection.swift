/// Dutch plural and diminutive endings (Algemene Nederlandse Spraakkunst, §3.2 and §3.3: `-en`,
/// `-s`, `-(e)tje(s)`, `-pje(s)`, `-je(s)`), for the pairs Snowball's Dutch stemmer leaves apart
/// (`toren`/`torens`, `bier`/`biertje`). A word is read as an inflected form only when its base
/// is a word the site (or, in the browser, the index) has: without a dictionary, that is the
/// evidence. The same list is in `search.js`, for query words the site does not have.
enum Inflection {
    /// Longest first, so `biertjes` is `bier`, not `biertje` + `s`.
    static let endings = ["etjes", "tjes", "pjes", "jes", "etje", "tje", "pje", "je", "en", "s"]
    /// A base shorter than this is not trusted (`s` after `de` is not a plural).
    static let minimumBase = 3
    /// Function words that end like a plural of another word but are none (`volgens` is not
    /// `volgen` + `s`, `alleen` not `alle` + `en`).
    static let notInflected: Set<String> = [
        "alleen", "alles", "anders", "iedereen", "namens", "volgens", "wegens", "tijdens", "ergens", "nergens",
        "overigens", "soms", "steeds", "straks", "eens", "samen", "boven", "beneden", "binnen", "buiten", "tussen",
        "tegen", "zonder", "open",
    ]

    /// The base of `word` (folded) when it ends in a plural or diminutive ending and `isWord`
    /// says the rest is a word; nil otherwise.
    static func base(of word: String, isWord: (String) -> Bool) -> String? {
        if notInflected.contains(word) { return nil }
        for ending in endings where word.hasSuffix(ending) {
            let base = String(word.dropLast(ending.count))
            if base.count >= minimumBase, isWord(base) { return base }
        }
        return nil
    }
}
