/// How serious a ``Diagnostic`` is. Errors fail the build; warnings do not, unless made strict.
public enum Severity: String, Sendable, Comparable, Codable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A position in a source file: `path` relative to the working directory as the user
/// typed it, `line` and `column` 1-based (column counts Unicode scalars, as cmark and libyaml do).
/// A location without a line points at the whole file.
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
    public var path: String
    public var line: Int?
    public var column: Int?

    public init(path: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:column`, `path:line` or `path`, the form compilers and editors understand.
    public var description: String {
        var text = path
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if (lhs.line ?? 0) != (rhs.line ?? 0) { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        return (lhs.column ?? 0) < (rhs.column ?? 0)
    }
}

/// One problem found in the input, printed compiler-style as
/// `path:line:column: error: message [code]` followed by an optional `hint:` line.
/// `code` is a stable identifier such as `link.missing-fragment`, for filtering and for tests.
public struct Diagnostic: Sendable, Hashable, Codable {
    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var code: String
    public var hint: String?

    public init(
        _ severity: Severity, _ location: SourceLocation, _ message: String, code: String,
        hint: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.code = code
        self.hint = hint
    }

    /// An error: the build fails and writes nothing.
    public static func error(
        _ location: SourceLocation, _ message: String, code: String, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, location, message, code: code, hint: hint)
    }

    /// A warning: reported, the build still succeeds.
    public static func warning(
        _ location: SourceLocation, _ message: String, code: String, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, location, message, code: code, hint: hint)
    }

    /// The compiler-style text: one line, plus a `hint:` line when there is a hint.
    public var formatted: String {
        var text = "\(location.description): \(severity.rawValue): \(message) [\(code)]"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

extension Array where Element == Diagnostic {
    /// True when any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column, then severity and message, so output never depends
    /// on the order in which stages or threads found the problems. Exact duplicates are dropped.
    public func sortedForOutput() -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return self.filter { seen.insert($0).inserted }.sorted {
            if $0.location != $1.location { return $0.location < $1.location }
            if $0.severity != $1.severity { return $0.severity < $1.severity }
            return $0.message < $1.message
        }
    }
}
