import Foundation

extension String {
    /// The string without leading and trailing white space as Foundation's
    /// `CharacterSet.whitespaces` defines it (Unicode General Category Zs and U+0009 TAB), the
    /// same result as `trimmingCharacters(in: .whitespaces)`; the string itself, uncopied, when
    /// there is nothing to trim. Foundation's version bridges every string and was a third of
    /// the Markdown stage.
    public func trimmingSpaces() -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? (scalar == " " || scalar == "\t") : scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !isSpace(first) && !isSpace(last) { return self }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[start...end])
    }
}

extension String {
    /// `trimmingCharacters(in: set)` by asking `set` about the scalars at either end only;
    /// the string itself, uncopied, when neither end is in the set.
    public func trimmingScalars(in set: CharacterSet) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !set.contains(first) && !set.contains(last) { return self }
        guard let start = scalars.firstIndex(where: { !set.contains($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !set.contains($0) })!
        return String(scalars[start...end])
    }
}
