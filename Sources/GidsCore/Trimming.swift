import Foundation

extension String {
    /// `trimmingCharacters(in: set)` by asking `set` about the scalars at either end only;
    /// the string itself, uncopied, when neither end is in the set. Foundation's version bridges
    /// every string: it was a third of the Markdown stage (heading texts) and half of validation
    /// (link texts).
    public func trimmingScalars(in set: CharacterSet) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !set.contains(first) && !set.contains(last) { return self }
        guard let start = scalars.firstIndex(where: { !set.contains($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !set.contains($0) })!
        return String(scalars[start...end])
    }
}
