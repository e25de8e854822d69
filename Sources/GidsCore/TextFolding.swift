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
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: out.append(scalar)
            }
        }
        return String(out).lowercased()
    }
}
