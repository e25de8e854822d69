import Foundation

/// Compiled Mustache templates by name, rendered with typed values (``TemplateValue``) into
/// one byte buffer per call: no dynamic casts, no intermediate strings per tag.
///
/// Made once per build; safe to render from many threads at once. A standalone partial with
/// indentation is a variant of its template with each line indented (Mustache spec 1.3,
/// "Standalone Indentation"), compiled on first use and kept.
public final class TemplateLibrary: @unchecked Sendable {
    /// Parsed nodes by template name.
    public let templates: [String: [TemplateNode]]
    private let sources: [String: String]
    private let lock = NSLock()
    private var indented: [String: [TemplateNode]] = [:]

    /// A library of `sources` (name → Mustache text). Templates with syntax errors are left
    /// out; the errors are returned by name, each sorted by position.
    public init(sources: [String: String]) {
        var templates: [String: [TemplateNode]] = [:]
        var errors: [String: [TemplateSyntaxError]] = [:]
        var partials: [String: [TagName]] = [:]
        for (name, text) in sources {
            let parsed = parseTemplate(text)
            partials[name] = parsed.partials
            if parsed.errors.isEmpty { templates[name] = parsed.nodes } else { errors[name] = parsed.errors }
        }
        self.templates = templates
        self.sources = sources
        self.syntaxErrors = errors
        self.partialReferences = partials
    }

    /// Syntax errors by template name (templates without errors are not listed).
    public let syntaxErrors: [String: [TemplateSyntaxError]]
    /// Every `{{> name}}` of each template, also of one with syntax errors.
    public let partialReferences: [String: [TagName]]

    /// Renders template `name` with `context` on the stack; nothing when there is no such
    /// template (the loader reports missing templates before anything is rendered).
    public func render(_ name: String, _ context: TemplateValue) -> String {
        String(decoding: renderBytes(name, context), as: UTF8.self)
    }

    /// ``render(_:_:)`` as UTF-8 bytes, without decoding them into a String.
    public func renderBytes(_ name: String, _ context: TemplateValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16384)
        var stack: [TemplateValue] = [context]
        if let nodes = templates[name] { render(nodes, stack: &stack, into: &out) }
        return out
    }

    func partial(_ name: String, indent: String) -> [TemplateNode]? {
        if indent.isEmpty { return templates[name] }
        let key = name + "\u{0}" + indent
        lock.lock()
        defer { lock.unlock() }
        if let known = indented[key] { return known }
        guard templates[name] != nil, let source = sources[name] else { return nil }
        // Every line that has text gets the indentation, before parsing, so that text a value
        // brings in is not indented (spec "Standalone Indentation").
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let shifted = lines.map { $0.isEmpty ? String($0) : indent + $0 }.joined(separator: "\n")
        let nodes = parseTemplate(shifted).nodes
        indented[key] = nodes
        return nodes
    }

    private func render(_ nodes: [TemplateNode], stack: inout [TemplateValue], into out: inout [UInt8]) {
        for node in nodes {
            switch node {
            case .text(let text):
                out.append(contentsOf: text.utf8)
            case .variable(let name, let escaped):
                switch resolve(name, in: stack) {
                case .text(var text), .html(var text):
                    if escaped {
                        text.withUTF8 { appendEscaped($0, to: &out) }
                    } else {
                        out.append(contentsOf: text.utf8)
                    }
                case .markup(let bytes):
                    if escaped {
                        bytes.withUnsafeBufferPointer { appendEscaped($0, to: &out) }
                    } else {
                        out.append(contentsOf: bytes)
                    }
                case .number(let number): out.append(contentsOf: String(number).utf8)
                case .flag(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
                case .list, .object, .absent: break
                }
            case .section(let name, let body, let inverted):
                let value = resolve(name, in: stack)
                if inverted {
                    if !value.isTruthy { render(body, stack: &stack, into: &out) }
                    continue
                }
                switch value {
                case .absent, .flag(false): break
                case .flag(true): render(body, stack: &stack, into: &out)
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(body, stack: &stack, into: &out)
                        stack.removeLast()
                    }
                case .text, .html, .markup, .number, .object:
                    stack.append(value)
                    render(body, stack: &stack, into: &out)
                    stack.removeLast()
                }
            case .partial(let name, let indent):
                guard let nodes = partial(name.text, indent: indent) else { continue }
                render(nodes, stack: &stack, into: &out)
            }
        }
    }

    /// Mustache spec 1.3 name resolution: the first part from the innermost context that has
    /// it, the other parts inside that value only.
    @inline(__always)
    private func resolve(_ name: TagName, in stack: [TemplateValue]) -> TemplateValue {
        let first = name.firstID
        guard first >= 0 else { return stack.last ?? .absent }
        var found: TemplateValue?
        var index = stack.count - 1
        while index >= 0 {
            if case .object(let object) = stack[index], let value = object.lookup(id: first) {
                found = value
                break
            }
            index -= 1
        }
        guard var current = found else { return .absent }
        let ids = name.partIDs
        guard ids.count > 1 else { return current }
        for id in ids.dropFirst() {
            guard case .object(let object) = current, let value = object.lookup(id: id) else { return .absent }
            current = value
        }
        return current
    }
}

/// Appends `text` with `&`, `<`, `>`, `"` and `'` escaped: the same five as `escapeHTML` in
/// GidsCore. Runs without any of them are copied whole, from contiguous bytes (a slice of a
/// string's UTF-8 view would be copied byte by byte).
@inline(__always)
func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    var runStart = text.startIndex
    var index = text.startIndex
    while index != text.endIndex {
        let replacement: StaticString
        switch text[index] {
        case UInt8(ascii: "&"): replacement = "&amp;"
        case UInt8(ascii: "<"): replacement = "&lt;"
        case UInt8(ascii: ">"): replacement = "&gt;"
        case UInt8(ascii: "\""): replacement = "&quot;"
        case UInt8(ascii: "'"): replacement = "&#39;"
        default:
            text.formIndex(after: &index)
            continue
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
        replacement.withUTF8Buffer { out.append(contentsOf: $0) }
        text.formIndex(after: &index)
        runStart = index
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<text.endIndex]))
}
