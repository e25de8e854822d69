import GidsCore

/// The example values `gids new` and `gids init` write into front matter and guide files for the
/// editor to replace. Decoding warns (`frontmatter.placeholder`) when one is still there, so it
/// is not published unnoticed.
public enum Placeholder {
    /// `summary:` of a new page.
    public static let pageSummary = "Vat in één of twee zinnen samen waar deze pagina over gaat."
    /// `summary:` of a new tool.
    public static let toolSummary = "Vat in één of twee zinnen samen wat deze tool doet."
    /// `yields:` of a new tool.
    public static let yields = "Wat de tool oplevert, in het kort."
    /// `why:` of a new tool.
    public static let why = "Waarom een gemeente deze tool kiest."
    /// `summary:` of the guide file `gids init --from` writes.
    public static let guideSummary = "Beschrijf hier in één of twee zinnen waar deze gids over gaat."

    /// Key → example value, for the warning.
    static let byKey: [String: Set<String>] = [
        "summary": [pageSummary, toolSummary, guideSummary], "yields": [yields], "why": [why],
    ]

    /// A warning when `value` of `key` is still the example `gids new` wrote; nil otherwise.
    static func warning(_ key: String, _ value: Located<String>?) -> Diagnostic? {
        guard let value, byKey[key]?.contains(value.value) == true else { return nil }
        return .warning(
            value.location, "'\(key)' still holds the example text that gids wrote",
            code: "frontmatter.placeholder", hint: "replace it with the page's own text")
    }
}
