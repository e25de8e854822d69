import Foundation

/// The one slug function of gids, used for page URLs, heading ids (fragments) and by the link
/// checker, so that what the renderer writes is what the checker looks for.
///
/// Rule (examples in `Tests/GidsCoreTests/SlugTests.swift`):
/// 1. Unicode compatibility decomposition (NFKD), then every combining mark is dropped:
///    `Financiële` → `Financiele`, `café` → `cafe`.
/// 2. Lowercased.
/// 3. Letters and digits are kept; spaces, `-` and `_` become `-`; everything else
///    (punctuation, parentheses, quotes, symbols) is dropped: `Wet (Wmo)` → `wet-wmo`.
/// 4. Runs of `-` collapse to one; leading and trailing `-` are trimmed.
/// 5. An empty result becomes `sectie`.
public enum Slug {
    /// The slug of `text` by the rule above.
    public static func make(_ text: String) -> String {
        if let ascii = makeASCII(text) { return ascii }
        var out = ""
        var pendingHyphen = false
        for scalar in TextFolding.fold(text).unicodeScalars {
            let isWord: Bool
            if scalar.isASCII {
                let value = scalar.value
                isWord = (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
            } else {
                isWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
            if isWord {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else if scalar == " " || scalar == "-" || scalar == "_" || scalar == "\t" {
                pendingHyphen = true
            }
        }
        return out.isEmpty ? "sectie" : out
    }

    /// ``make(_:)`` for ASCII text, byte by byte (most headings and file names); nil for
    /// anything else. ASCII has nothing to decompose, so the rule is the same.
    private static func makeASCII(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingHyphen = false
            for byte in bytes {
                switch byte {
                case 0x80...: return nil
                case 0x61...0x7A, 0x30...0x39, 0x41...0x5A:
                    if pendingHyphen && !out.isEmpty { out.append(0x2D) }
                    pendingHyphen = false
                    out.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
                case 0x20, 0x2D, 0x5F, 0x09: pendingHyphen = true
                default: break
                }
            }
            return out.isEmpty ? "sectie" : String(decoding: out, as: UTF8.self)
        }
    }

    /// A slug of `text` not yet in `used`, which it then joins: the first heading `Overzicht`
    /// gets `overzicht`, the next ones `overzicht-1`, `overzicht-2`, … skipping any suffix
    /// already taken (also by a heading literally titled `Overzicht 1`).
    public static func unique(_ text: String, used: inout Set<String>) -> String {
        var next: [String: Int] = [:]
        return unique(text, used: &used, next: &next)
    }

    /// ``unique(_:used:)`` with `next` keeping, per slug, the suffix to try first: the same
    /// result, but a document with thousands of equal headings costs no more than one with
    /// different ones (each suffix is tried once, not once per heading).
    public static func unique(_ text: String, used: inout Set<String>, next: inout [String: Int]) -> String {
        let base = make(text)
        var candidate = base
        var counter = next[base] ?? 0
        if counter > 0 { candidate = "\(base)-\(counter)" }
        while used.contains(candidate) {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        next[base] = counter + 1
        used.insert(candidate)
        return candidate
    }
}
