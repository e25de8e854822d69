/// Writes diagnostics for people: sorted, one per line (plus hints), and a summary line
/// such as `2 fouten, 1 waarschuwing`. Colour only when asked for (a terminal without `NO_COLOR`).
public struct DiagnosticPrinter: Sendable {
    public var useColor: Bool

    public init(useColor: Bool) { self.useColor = useColor }

    /// Colour only on a terminal, never when `NO_COLOR` is set to a non-empty value
    /// (no-color.org) or `TERM` is `dumb`.
    public static func wantsColor(isTerminal: Bool, environment: [String: String]) -> Bool {
        guard isTerminal else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// The full report text for `diagnostics`, ending with a newline; empty when there are none.
    public func report(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics.sortedForOutput() {
            out += line(for: diagnostic) + "\n"
        }
        return out
    }

    /// The summary line, e.g. `gids: 2 errors, 1 warning`.
    public func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning"))"
    }

    private func line(for diagnostic: Diagnostic) -> String {
        guard useColor else { return diagnostic.formatted }
        let color: String
        switch diagnostic.severity {
        case .error: color = "\u{1B}[1;31m"
        case .warning: color = "\u{1B}[1;33m"
        case .note: color = "\u{1B}[1;36m"
        }
        let reset = "\u{1B}[0m"
        var text =
            "\u{1B}[1m\(diagnostic.location.description):\(reset) \(color)\(diagnostic.severity.rawValue):\(reset) "
            + "\(diagnostic.message) [\(diagnostic.code)]"
        if let hint = diagnostic.hint { text += "\n  \u{1B}[1;36mhint:\(reset) \(hint)" }
        return text
    }
}
