/// "Did you mean" suggestions by optimal string alignment distance (Damerau–Levenshtein without
/// repeated edits of one substring): insertions, deletions, substitutions and swaps of two
/// neighbouring letters (`sprot` → `sport` is one edit).
public enum Suggestion {
    /// The edit distance between `a` and `b`, counted in Unicode scalars.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }

    /// The closest candidate to `word`, if it is within a third of the word's length
    /// (at least 1, at most 3 edits); ties go to the alphabetically first. Failing that, the one
    /// candidate that starts with `word` (at least 3 letters), for abbreviations like `idee`.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let limit = min(3, max(1, word.count / 3))
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(word.lowercased(), candidate.lowercased())
            guard d <= limit else { continue }
            if let current = best, current.1 < d || (current.1 == d && current.0 <= candidate) {
                continue
            }
            best = (candidate, d)
        }
        if let best { return best.0 }
        guard word.count >= 3 else { return nil }
        let extensions = candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) }
        return extensions.count == 1 ? extensions.first : nil
    }
}
