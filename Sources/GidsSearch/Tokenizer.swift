import GidsCore

/// Splits text into search terms: folded (lowercase, no diacritics, see ``TextFolding``),
/// split at every character that is not a letter or digit. The same rule is in `search.js`.
public enum Tokenizer {
    /// The folded words of `text`, in order, stop words included.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        forEachWord(in: text) { bytes, _ in words.append(String(decoding: bytes, as: UTF8.self)) }
        return words
    }

    /// Calls `body` with the UTF-8 bytes of each folded word of `text`, in order, stop words
    /// included: ``words(_:)`` without a string per word (the index numbers words by their
    /// bytes). The bytes are valid only during the call. The second argument is the word as
    /// written (lowercased) when that differs from the folded word (`financiële`), else nil.
    public static func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>, String?) -> Void) {
        // ASCII characters other than letters and digits separate words before and after
        // folding, so the text is cut there first; a chunk of ASCII letters and digits is
        // lowercased as it is, and only a chunk with other characters goes through the fold.
        var text = text
        text.withUTF8 { bytes in
            var lowered = [UInt8](repeating: 0, count: bytes.count)
            lowered.withUnsafeMutableBufferPointer { scratch in
                var start = 0
                var ascii = true
                func flush(_ end: Int) {
                    guard end > start else { return }
                    if ascii {
                        for index in start..<end {
                            let byte = bytes[index]
                            scratch[index] = (0x41...0x5A).contains(byte) ? byte + 32 : byte
                        }
                        body(UnsafeBufferPointer(rebasing: scratch[start..<end]), nil)
                    } else {
                        let chunk = String(decoding: bytes[start..<end], as: UTF8.self)
                        let folded = foldedWords(chunk)
                        // The same split without the fold; where folding changed the words'
                        // count (a ligature, a combining mark), no spelling is given. Only a
                        // chunk with a Latin letter beyond ASCII (lead bytes C3–C9: U+00C0–
                        // U+027F) can be spelled otherwise: not one with only curly quotes.
                        let accented = bytes[start..<end].contains { (0xC3...0xC9).contains($0) }
                        let written = accented ? splitWords(chunk.lowercased()) : []
                        let paired = written.count == folded.count
                        for (index, word) in folded.enumerated() {
                            var word = word
                            let spelling = paired && written[index] != word ? written[index] : nil
                            word.withUTF8 { body($0, spelling) }
                        }
                    }
                }
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    if byte < 0x80 && !isWordByte(byte) {
                        flush(index)
                        start = index + 1
                        ascii = true
                    } else if byte >= 0x80 {
                        ascii = false
                    }
                }
                flush(bytes.count)
            }
        }
    }

    /// An ASCII letter or digit.
    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
    }

    /// The words of a chunk with non-ASCII characters: folded, then split at every character
    /// that is not a letter or digit.
    private static func foldedWords(_ text: String) -> [String] { splitWords(TextFolding.fold(text)) }

    /// `text` split at every character that is not a letter or digit.
    private static func splitWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// `text` as the index reads and keeps it: soft hyphens (U+00AD) and zero-width characters
    /// (U+200B–U+200D, U+2060, U+FEFF) removed, as they sit inside words (`schuld­hulp­verlening`
    /// is one word to a reader), and in Unicode Normalization Form C (UAX #15), so that a word
    /// typed with a combining accent is the word written with a precomposed one.
    public static func normalized(_ text: String) -> String {
        // Most text is ASCII: nothing to remove, nothing to compose.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        // Scalars below U+0300 (Latin with its accents, as Dutch writes them) and general
        // punctuation are already composed (UAX #15 quick check): only text with others goes
        // through Foundation's normalisation.
        var removes = false
        var composes = false
        for scalar in text.unicodeScalars where scalar.value >= 0x80 {
            switch scalar.value {
            case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: removes = true
            case 0x0080..<0x0300, 0x2010...0x205F, 0x20A0...0x20C0: continue
            default: composes = true
            }
        }
        guard removes || composes else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: continue
            default: scalars.append(scalar)
            }
        }
        return composes ? String(scalars).precomposedStringWithCanonicalMapping : String(scalars)
    }

    /// Shorter words are left out of the index and of queries: they are the `s` of `LHBTI's`,
    /// the `n` of `zo'n` and the `e` of `e-participatie`, and match far too much.
    public static let minimumWordLength = 2

    /// True for a word that goes into the index: long enough and not a stop word.
    public static func isIndexed(_ word: String) -> Bool {
        // Two scalars take at least 2 bytes and at most 8; only between is there counting to do.
        let bytes = word.utf8.count
        guard bytes >= minimumWordLength else { return false }
        if bytes < 4 * minimumWordLength && word.unicodeScalars.count < minimumWordLength { return false }
        return !stopWords.contains(word)
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
