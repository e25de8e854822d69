import Foundation

/// Case and diacritic folding shared by slugs and the search index.
/// Source: Unicode Standard Annex #15 (NFKD) with combining marks (general category M) removed.
public enum TextFolding {
    /// Lowercase `text` with diacritics removed: `Financiële` → `financiele`, `ﬁ` → `fi`.
    public static func fold(_ text: String) -> String {
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
