import Foundation

/// Splits Dutch compounds into known words, so that `mantelzorgbeleid` is also found by
/// `mantelzorg` and by `beleid`, and `respijtzorg` by `respijt`.
///
/// Method: after Koehn & Knight (2003), "Empirical Methods for Compound Splitting" (EACL),
/// driven by the index's own vocabulary: a word of at least 8 letters splits into a modifier and
/// a head, each at least 4 letters, optionally joined by a Dutch linking morpheme (`s`, `e`,
/// `en`: `gemeente-s-beleid`, `boek-en-kast`). The head must be a word of the vocabulary (Dutch
/// compounds are right-headed); the modifier may be a vocabulary word itself or be split again
/// (`mantel-zorg-beleid`), or, when the head occurs at least `headFrequency` times, an unknown
/// word (`respijt` in `respijtzorg`). Of the possible splits, the one whose parts have the
/// highest geometric mean of frequencies wins, as in Koehn & Knight.
///
/// Limits: it only knows words that occur in the site, so a compound whose head the site never
/// uses alone stays whole (`sportverenigingen` while the site has no `verenigingen`); a word that
/// merely ends in a frequent word can be cut wrongly when its first part is unknown (a false
/// split only adds a weak extra term, at half weight); parts shorter than four letters are never
/// split off; a word is split at most twice (three parts).
public struct Decompounder: Sendable {
    /// Folded word → how often it occurs in the site.
    public let frequencies: [String: Int]
    public let minimumPart = 4
    public let minimumWord = 8
    public let headFrequency = 5
    static let linkingMorphemes = ["", "s", "en", "e"]

    public init(frequencies: [String: Int]) { self.frequencies = frequencies }

    /// The parts of `word` (folded), or `[]` when it is not a compound by the rule above.
    public func split(_ word: String) -> [String] {
        // Parts are cut from the word's own text at scalar boundaries: no scalar arrays, no
        // string built scalar by scalar (a site's vocabulary is 100,000s of words).
        var bounds: [String.Index] = []
        bounds.reserveCapacity(word.utf8.count + 1)
        var index = word.unicodeScalars.startIndex
        while index != word.unicodeScalars.endIndex {
            bounds.append(index)
            word.unicodeScalars.formIndex(after: &index)
        }
        bounds.append(word.endIndex)
        return split(word, bounds: bounds, scalars: bounds.count - 1, depth: 0)
    }

    /// `split` of the first `scalars` scalars of `word`, whose scalar boundaries are `bounds`.
    private func split(_ word: String, bounds: [String.Index], scalars: Int, depth: Int) -> [String] {
        guard scalars >= minimumWord, depth < 2 else { return [] }
        var best: (parts: [String], score: Double)?
        for cut in minimumPart...(scalars - minimumPart) {
            let head = String(word[bounds[cut]..<bounds[scalars]])
            guard let headCount = frequencies[head], headCount > 0 else { continue }
            for link in Self.linkingMorphemes {
                // The morphemes are ASCII: one scalar per byte.
                let modifierEnd = cut - link.utf8.count
                guard modifierEnd >= minimumPart, word[bounds[modifierEnd]..<bounds[cut]] == link else { continue }
                let modifier = String(word[bounds[0]..<bounds[modifierEnd]])
                var parts: [String]
                var counts: [Int]
                if let count = frequencies[modifier], count > 0 {
                    parts = [modifier, head]
                    counts = [count, headCount]
                } else {
                    let inner = split(word, bounds: bounds, scalars: modifierEnd, depth: depth + 1)
                    if !inner.isEmpty {
                        parts = inner + [head]
                        counts = inner.map { frequencies[$0] ?? 1 } + [headCount]
                    } else if headCount >= headFrequency {
                        parts = [modifier, head]
                        counts = [1, headCount]
                    } else {
                        continue
                    }
                }
                let product = counts.reduce(1.0) { $0 * Double($1) }
                let score = pow(product, 1.0 / Double(counts.count))
                if best == nil || score > best!.score { best = (parts, score) }
            }
        }
        return best?.parts ?? []
    }
}
