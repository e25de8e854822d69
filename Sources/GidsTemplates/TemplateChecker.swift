import GidsCore

/// One problem a template has with the context it is rendered with.
public struct TemplateFinding: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A name that no context on the stack has (an error: it would render as nothing).
        case unknownName = "template.unknown-name"
        /// A section over text or a number, which is always shown (an error).
        case sectionOverValue = "template.section-type"
        /// `{{x}}` on a list or an object, which shows nothing (an error).
        case interpolatedContainer = "template.interpolation-type"
        /// `{{{x}}}` on plain text: not escaped (a warning).
        case unescapedText = "template.unescaped-text"
        /// `{{x}}` on HTML that gids made: shown as markup (a warning).
        case escapedHTML = "template.escaped-html"
    }
    public let kind: Kind
    /// The template the tag is in (a partial's own name when it is in a partial).
    public let template: String
    public let line: Int
    public let column: Int
    public let message: String
    public let hint: String?

    /// Whether nothing may be written while this finding stands.
    public var isError: Bool {
        switch kind {
        case .unknownName, .sectionOverValue, .interpolatedContainer: return true
        case .unescapedText, .escapedHTML: return false
        }
    }
}

/// Checks template `name` of `library` against the shape of the context it is rendered with,
/// following partials (each partial once per context type it sees). Findings are in template
/// order; a partial that is missing is not reported here (the loader reports it).
public func checkTemplate(_ name: String, in library: TemplateLibrary, context: Shape) -> [TemplateFinding] {
    var checker = TemplateChecker(library: library)
    if let nodes = library.templates[name] {
        checker.check(nodes, template: name, stack: [.object(context)])
    }
    return checker.findings
}

private struct TemplateChecker {
    let library: TemplateLibrary
    var findings: [TemplateFinding] = []
    var visited: Set<String> = []

    mutating func check(_ nodes: [TemplateNode], template: String, stack: [FieldType]) {
        for node in nodes {
            switch node {
            case .text: continue
            case .variable(let name, let escaped):
                guard let type = resolve(name, template: template, stack: stack) else { continue }
                switch type.unwrapped {
                case .list, .object:
                    report(
                        .interpolatedContainer, name, template,
                        "'\(name.text)' is \(type.described); {{\(name.text)}} would show nothing",
                        hint: "open it as a section: {{#\(name.text)}}…{{/\(name.text)}}")
                case .text where !escaped:
                    report(
                        .unescapedText, name, template,
                        "'\(name.text)' is plain text; {{{\(name.text)}}} would not escape it",
                        hint: "write {{\(name.text)}}")
                case .html where escaped:
                    report(
                        .escapedHTML, name, template,
                        "'\(name.text)' is HTML; {{\(name.text)}} would show its markup as text",
                        hint: "write {{{\(name.text)}}}")
                default: break
                }
            case .section(let name, let body, let inverted):
                guard let type = resolve(name, template: template, stack: stack) else {
                    check(body, template: template, stack: stack + [.any])
                    continue
                }
                var inner: FieldType
                switch type {
                case .optional(let wrapped): inner = wrapped.unwrapped
                case .text, .html, .number:
                    report(
                        .sectionOverValue, name, template,
                        "a section needs a list, an object or true/false, but '\(name.text)' is \(type.described), which is always there",
                        hint: "show it with {{\(name.text)}}, or test a field that can be false")
                    inner = type
                default: inner = type
                }
                if inverted {
                    check(body, template: template, stack: stack)
                    continue
                }
                switch inner {
                case .list(let item): check(body, template: template, stack: stack + [item])
                case .flag: check(body, template: template, stack: stack)
                default: check(body, template: template, stack: stack + [inner])
                }
            case .partial(let name, _):
                guard let nodes = library.templates[name.text] else { continue }
                let key = name.text + "\u{0}" + stack.map(\.identity).joined(separator: "/")
                guard visited.insert(key).inserted else { continue }
                check(nodes, template: name.text, stack: stack)
            }
        }
    }

    /// The type `name` has on `stack`, as ``TemplateLibrary`` resolves it; nil (and a finding)
    /// when no context has it.
    mutating func resolve(_ name: TagName, template: String, stack: [FieldType]) -> FieldType? {
        guard let first = name.parts.first else { return stack.last ?? .any }
        var found: FieldType?
        for frame in stack.reversed() {
            switch frame.unwrapped {
            case .any: return .any
            case .object(let shape):
                if let field = shape.field(first) { found = field.type }
            default: continue
            }
            if found != nil { break }
        }
        guard var current = found else {
            let visible = stack.reversed().flatMap { frame -> [String] in
                if case .object(let shape) = frame.unwrapped { return shape.fields.map(\.name) }
                return []
            }
            let here =
                stack.last.map { frame -> String in
                    if case .object(let shape) = frame.unwrapped { return " (in '\(shape.name)')" }
                    return ""
                } ?? ""
            report(
                .unknownName, name, template, "unknown name '\(first)'\(here)",
                hint: Suggestion.closest(to: first, among: visible).map { "did you mean '\($0)'?" })
            return nil
        }
        for part in name.parts.dropFirst() {
            switch current.unwrapped {
            case .any: return .any
            case .object(let shape):
                guard let field = shape.field(part) else {
                    report(
                        .unknownName, name, template, "unknown name '\(part)' in '\(name.text)' ('\(shape.name)')",
                        hint: Suggestion.closest(to: part, among: shape.fields.map(\.name)).map {
                            "did you mean '\($0)'?"
                        })
                    return nil
                }
                current = field.type
            default:
                report(
                    .unknownName, name, template, "'\(name.text)': \(current.described) has no field '\(part)'",
                    hint: nil)
                return nil
            }
        }
        return current
    }

    mutating func report(
        _ kind: TemplateFinding.Kind, _ name: TagName, _ template: String, _ message: String, hint: String?
    ) {
        let finding = TemplateFinding(
            kind: kind, template: template, line: name.line, column: name.column, message: message, hint: hint)
        if !findings.contains(finding) { findings.append(finding) }
    }
}

extension FieldType {
    /// "text", "a list", …: for messages.
    var described: String {
        switch unwrapped {
        case .text: return "text"
        case .html: return "HTML"
        case .number: return "a number"
        case .flag: return "true/false"
        case .list: return "a list"
        case .object(let shape): return "an object ('\(shape.name)')"
        case .any, .optional: return "a value"
        }
    }

    /// A key for "this partial was checked with this context".
    var identity: String {
        switch self {
        case .text: return "t"
        case .html: return "h"
        case .number: return "n"
        case .flag: return "f"
        case .optional(let inner): return inner.identity + "?"
        case .list(let item): return "[" + item.identity + "]"
        case .object(let shape):
            return "{" + shape.name + "@" + String(UInt(bitPattern: ObjectIdentifier(shape).hashValue)) + "}"
        case .any: return "*"
        }
    }
}
