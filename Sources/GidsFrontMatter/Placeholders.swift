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

    /// A warning when `value` of `key` holds an HTML character reference (`&shy;`, `&#173;`):
    /// front matter is text, not HTML or Markdown, so the site would show it as written
    /// (`frontmatter.entity`). Nil otherwise.
    static func entityWarning(_ key: String, _ value: Located<String>?) -> Diagnostic? {
        // Most text has no `&`: a byte scan first, as a Swift regex costs tens of microseconds
        // per call (1.4 s at 10,000 pages in the front-matter stage without this check).
        guard let value, value.value.utf8.contains(0x26),
            let match = value.value.firstMatch(
                of: /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/)
        else { return nil }
        let reference = String(value.value[match.range])
        let soft = reference == "&shy;" || reference == "&#173;" || reference.lowercased() == "&#xad;"
        return .warning(
            value.location,
            "'\(key)' holds '\(reference)', which the site shows as written: front matter is text, not HTML",
            code: "frontmatter.entity",
            hint: soft
                ? "leave the soft hyphen out (the browser breaks long words itself), or type the character U+00AD"
                : "type the character itself")
    }

    /// A warning when `value` of `key` is still the example `gids new` wrote; nil otherwise.
    static func warning(_ key: String, _ value: Located<String>?) -> Diagnostic? {
        guard let value, byKey[key]?.contains(value.value) == true else { return nil }
        return .warning(
            value.location, "'\(key)' still holds the example text that gids wrote",
            code: "frontmatter.placeholder", hint: "replace it with the page's own text")
    }
}
