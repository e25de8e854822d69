import Foundation

/// Case and diacritic folding shared by slugs and the search index.
/// Source: Unicode Standard Annex #15 (NFKD) with combining marks (general category M) removed.
public enum TextFolding {
    /// Lowercase `text` with diacritics removed: `Financiële` → `financiele`, `ﬁ` → `fi`.
    public static func fold(_ text: String) -> String {
        // ASCII has no decompositions and no marks: lowercasing is all (most text, byte by byte).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
        }
        if let folded = foldLatin(text) { return folded }
        return foldAny(text)
    }

    /// ``fold(_:)`` by the rule itself (Foundation's NFKD).
    static func foldAny(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: out.append(scalar)
            }
        }
        return String(out).lowercased()
    }

    /// The first scalar after the Latin blocks the table below covers.
    static let latinEnd: UInt32 = 0x250
    /// General Punctuation, Super- and Subscripts and Currency Symbols (dashes, curly quotes,
    /// `…`, `€`), which Dutch text has too.
    static let punctuation: Range<UInt32> = 0x2000..<0x20D0

    /// The fold of each scalar from U+0080 to U+024F (Latin-1 Supplement, Latin Extended-A
    /// and -B), then of each in ``punctuation``, made once by the rule. Decomposition, dropping
    /// marks and lowercasing work scalar by scalar, so a text of these and ASCII folds scalar
    /// by scalar.
    private static let tableFolds: [String] = ((0x80..<latinEnd).map { $0 } + punctuation.map { $0 }).map { value in
        Unicode.Scalar(value).map { foldAny(String($0)) } ?? ""
    }

    /// ``fold(_:)`` of a text whose scalars are all below U+0250 or in ``punctuation`` (Dutch
    /// text, with its accents); nil for any other text.
    private static func foldLatin(_ text: String) -> String? {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                out.unicodeScalars.append((0x41...0x5A).contains(value) ? Unicode.Scalar(value + 32)! : scalar)
            } else if value < latinEnd {
                out += tableFolds[Int(value) - 0x80]
            } else if punctuation.contains(value) {
                out += tableFolds[Int(latinEnd) - 0x80 + Int(value - punctuation.lowerBound)]
            } else {
                return nil
            }
        }
        return out
    }
}
