/// Something the Markdown stage found in a body that the editor should know: extension syntax
/// it could not use, or used differently than written. The validation stage turns each into a
/// diagnostic at its position (`path:line:column`).
public struct MarkdownNotice: Sendable, Hashable {
    /// What the validation stage makes of it (a guide with `strict: false` softens errors).
    public enum Severity: Sendable, Hashable { case warning, error }
    public let severity: Severity
    /// A stable code, e.g. `markdown.callout-type`.
    public let code: String
    public let message: String
    public let hint: String?
    /// 1-based line in the file (front-matter offset included) and column in Unicode scalars.
    public let line: Int
    public let column: Int

    public init(_ severity: Severity, _ code: String, _ message: String, hint: String? = nil, line: Int, column: Int) {
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
        self.line = line
        self.column = column
    }
}

/// An id a body gives an element, where it is written.
public struct MarkdownAnchor: Sendable, Hashable {
    /// Where the id comes from.
    public enum Origin: Sendable, Hashable {
        /// An attribute list (`{#id}`) on a heading, paragraph, link or image: chosen by the editor.
        case attribute
        /// A footnote or its reference (`fn:1`, `fnref:1`, `fnref:1:2`).
        case footnote
        /// The title of a callout box or another element gids labels (`callout:1`).
        case generated
        /// An `id` in the body's raw HTML.
        case rawHTML
        /// A legacy `<a name>` in the body's raw HTML: a fragment target, not an id, so two of
        /// them are not reported as a duplicate.
        case rawHTMLName
    }
    public let id: String
    public let origin: Origin
    public let line: Int
    public let column: Int
}
