/// A Mustache tag's name and where it stands: `title`, `guide.url`, or `.` (the current value).
public struct TagName: Sendable {
    /// As written, trimmed: `guide.url`.
    public var text: String { storage.text }
    /// The dotted parts; empty for `.` (Mustache spec 1.3, "Implicit Iterator").
    public var parts: [String] { storage.parts }
    /// 1-based line and column (in Unicode scalars) of the tag's opening delimiter.
    public let line: Int
    public let column: Int
    /// ``FieldNames`` ids of ``parts``.
    var partIDs: [Int] { storage.partIDs }
    /// The id of the first part, or -1 for `.`: most names have one part.
    let firstID: Int
    /// One reference for the text, parts and ids: a tag name is copied each time a template
    /// is rendered, and three references cost three atomic counts each way.
    private let storage: Storage

    private final class Storage: Sendable {
        let text: String
        let parts: [String]
        let partIDs: [Int]

        init(text: String, parts: [String]) {
            self.text = text
            self.parts = parts
            partIDs = parts.map(FieldNames.id(of:))
        }
    }

    init(text: String, parts: [String], line: Int, column: Int) {
        storage = Storage(text: text, parts: parts)
        self.line = line
        self.column = column
        firstID = storage.partIDs.first ?? -1
    }
}

/// A parsed template: a tree of nodes (Mustache spec 1.3 without the optional modules).
public indirect enum TemplateNode: Sendable {
    /// Text copied as it is (standalone tag lines already removed).
    case text(String)
    /// `{{x}}` (escaped) or `{{{x}}}`/`{{&x}}` (not escaped).
    case variable(TagName, escaped: Bool)
    /// `{{#x}}…{{/x}}` or, inverted, `{{^x}}…{{/x}}`.
    case section(TagName, [TemplateNode], inverted: Bool)
    /// `{{> name}}`; `indent` is the whitespace before a standalone partial tag, put before
    /// each line of the partial (spec "Standalone Indentation").
    case partial(TagName, indent: String)
}

/// A template syntax error: 1-based line and column (Unicode scalars) of the tag at fault.
public struct TemplateSyntaxError: Error, Sendable, Equatable {
    public let line: Int
    public let column: Int
    public let message: String
    public let hint: String?
}

/// Parses Mustache source into nodes. Mustache spec 1.3: interpolation, sections, inverted
/// sections, comments, partials and set delimiters, with standalone lines removed and
/// standalone partials indented. Lambdas, dynamic names and inheritance (optional modules) are
/// not supported: their sigils (`$`, `<`, `*`) read as part of a name.
///
/// Returns the nodes and every error found; after an error the parser goes on where it can,
/// so that all partial references are still seen (`partials`).
public func parseTemplate(_ source: String) -> (
    nodes: [TemplateNode], partials: [TagName], errors: [TemplateSyntaxError]
) {
    var parser = TemplateParser(source: Array(source.utf8))
    parser.tokenize()
    let nodes = parser.buildTree()
    return (nodes, parser.partials, parser.errors)
}

private enum TagKind {
    case variable, unescaped, sectionOpen, invertedOpen, close, partial, comment, delimiters

    /// Tags that may stand alone on a line, which then vanishes (spec "Standalone Lines").
    var mayStandAlone: Bool {
        switch self {
        case .variable, .unescaped: return false
        case .sectionOpen, .invertedOpen, .close, .partial, .comment, .delimiters: return true
        }
    }
}

private enum RawToken {
    case text([UInt8])
    case tag(TagKind, TagName)
    /// A standalone partial's indentation, set after its line is read.
    case indentedPartial(TagName, String)
    case removed
}

private struct TemplateParser {
    let source: [UInt8]
    var position = 0
    var line = 1
    var lineStart = 0
    var open: [UInt8] = Array("{{".utf8)
    var close: [UInt8] = Array("}}".utf8)
    var tokens: [RawToken] = []
    var partials: [TagName] = []
    var errors: [TemplateSyntaxError] = []
    /// Index in `tokens` of the first token on the current line.
    var lineFirstToken = 0

    init(source: [UInt8]) { self.source = source }

    func column(at offset: Int) -> Int {
        // Unicode scalars: every byte that does not continue a UTF-8 sequence.
        var count = 1
        var index = lineStart
        while index < offset {
            if source[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    func matches(_ delimiter: [UInt8], at offset: Int) -> Bool {
        guard offset + delimiter.count <= source.count else { return false }
        for (index, byte) in delimiter.enumerated() where source[offset + index] != byte { return false }
        return true
    }

    func find(_ delimiter: [UInt8], from offset: Int) -> Int? {
        var index = offset
        while index + delimiter.count <= source.count {
            if matches(delimiter, at: index) { return index }
            index += 1
        }
        return nil
    }

    mutating func tokenize() {
        var textStart = position
        while position < source.count {
            if source[position] == 0x0A {
                position += 1
                tokens.append(.text(Array(source[textStart..<position])))
                endLine()
                line += 1
                lineStart = position
                textStart = position
                continue
            }
            guard matches(open, at: position) else {
                position += 1
                continue
            }
            if textStart < position { tokens.append(.text(Array(source[textStart..<position]))) }
            guard readTag() else { return }
            textStart = position
        }
        if textStart < position { tokens.append(.text(Array(source[textStart..<position]))) }
        endLine()
    }

    /// Reads the tag at `position`; false when it is not finished (nothing after it is read).
    mutating func readTag() -> Bool {
        let tagLine = line
        let tagColumn = column(at: position)
        let start = position + open.count
        var kind = TagKind.variable
        var contentStart = start
        var closing = close
        if start < source.count {
            switch source[start] {
            case UInt8(ascii: "#"): kind = .sectionOpen
            case UInt8(ascii: "^"): kind = .invertedOpen
            case UInt8(ascii: "/"): kind = .close
            case UInt8(ascii: ">"): kind = .partial
            case UInt8(ascii: "!"): kind = .comment
            case UInt8(ascii: "&"): kind = .unescaped
            case UInt8(ascii: "{"):
                kind = .unescaped
                closing = Array("}".utf8) + close
            case UInt8(ascii: "="):
                kind = .delimiters
                closing = Array("=".utf8) + close
            default: break
            }
            if kind != .variable { contentStart += 1 }
        }
        guard let end = find(closing, from: contentStart) else {
            errors.append(
                TemplateSyntaxError(
                    line: tagLine, column: tagColumn, message: "a tag is not finished",
                    hint: "write tags as {{name}}, {{#name}}…{{/name}} or {{> partial}}"))
            return false
        }
        let content = String(decoding: source[contentStart..<end], as: UTF8.self)
        // A comment may span lines: count them.
        for index in position..<end where source[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        position = end + closing.count
        var trimmed = content.trimmingWhitespace()
        switch kind {
        case .comment:
            tokens.append(.tag(.comment, TagName(text: "", parts: [], line: tagLine, column: tagColumn)))
            return true
        case .delimiters:
            let parts = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if parts.count == 2, !parts[0].contains("="), !parts[1].contains("=") {
                open = Array(parts[0].utf8)
                close = Array(parts[1].utf8)
            } else {
                errors.append(
                    TemplateSyntaxError(
                        line: tagLine, column: tagColumn, message: "a delimiter tag needs two delimiters",
                        hint: "write {{=<% %>=}}"))
            }
            tokens.append(.tag(.delimiters, TagName(text: "", parts: [], line: tagLine, column: tagColumn)))
            return true
        default: break
        }
        // `{{ /toc }}`: the sigil must follow the delimiter directly (spec 1.3). Reported, then
        // read as meant, so that one slip gives one error.
        if kind == .variable, let first = trimmed.unicodeScalars.first, "#^/>&".unicodeScalars.contains(first),
            trimmed.count < content.count
        {
            trimmed = String(trimmed.unicodeScalars.dropFirst()).trimmingWhitespace()
            errors.append(
                TemplateSyntaxError(
                    line: tagLine, column: tagColumn,
                    message:
                        "a tag is not finished: no space may come between '\(String(decoding: open, as: UTF8.self))' and '\(first)'",
                    hint: "write {{\(first)\(trimmed)}}"))
            switch first {
            case "#": kind = .sectionOpen
            case "^": kind = .invertedOpen
            case "/": kind = .close
            case ">": kind = .partial
            default: kind = .unescaped
            }
        }
        guard !trimmed.isEmpty, !trimmed.unicodeScalars.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" })
        else {
            errors.append(
                TemplateSyntaxError(
                    line: tagLine, column: tagColumn, message: "a tag is not finished",
                    hint: "write tags as {{name}}, {{#name}}…{{/name}} or {{> partial}}"))
            return true
        }
        let parts =
            trimmed == "." ? [] : trimmed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let name = TagName(text: trimmed, parts: parts, line: tagLine, column: tagColumn)
        if kind == .partial { partials.append(name) }
        tokens.append(.tag(kind, name))
        return true
    }

    /// Spec "Standalone Lines": a line with only whitespace and tags that may stand alone loses
    /// its whitespace and line end; a standalone partial keeps the whitespace as its indentation.
    mutating func endLine() {
        defer { lineFirstToken = tokens.count }
        var tagCount = 0
        for token in tokens[lineFirstToken...] {
            switch token {
            case .text(let bytes):
                guard bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) else { return }
            case .tag(let kind, _):
                guard kind.mayStandAlone else { return }
                tagCount += 1
            case .indentedPartial, .removed: return
            }
        }
        guard tagCount > 0 else { return }
        var indent: [UInt8] = []
        var seenTag = false
        for index in lineFirstToken..<tokens.count {
            switch tokens[index] {
            case .text(let bytes):
                if !seenTag { indent += bytes.filter { $0 != 0x0A && $0 != 0x0D } }
                tokens[index] = .removed
            case .tag(.partial, let name) where !seenTag:
                tokens[index] = .indentedPartial(name, String(decoding: indent, as: UTF8.self))
                seenTag = true
            default:
                seenTag = true
            }
        }
    }

    /// Nests the tokens; a close without its open, or an open without its close, is an error.
    mutating func buildTree() -> [TemplateNode] {
        var stack: [(name: TagName, inverted: Bool, nodes: [TemplateNode])] = []
        var nodes: [TemplateNode] = []
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty {
                nodes.append(.text(String(decoding: text, as: UTF8.self)))
                text.removeAll()
            }
        }
        for token in tokens {
            switch token {
            case .removed: continue
            case .text(let bytes): text += bytes
            case .indentedPartial(let name, let indent):
                flush()
                nodes.append(.partial(name, indent: indent))
            case .tag(let kind, let name):
                switch kind {
                case .comment, .delimiters: continue
                case .variable, .unescaped:
                    flush()
                    nodes.append(.variable(name, escaped: kind == .variable))
                case .partial:
                    flush()
                    nodes.append(.partial(name, indent: ""))
                case .sectionOpen, .invertedOpen:
                    flush()
                    stack.append((name, kind == .invertedOpen, nodes))
                    nodes = []
                case .close:
                    flush()
                    guard let top = stack.last, top.name.text == name.text else {
                        if let top = stack.last {
                            errors.append(
                                TemplateSyntaxError(
                                    line: name.line, column: name.column,
                                    message:
                                        "this {{/\(name.text)}} closes a section that is not the one open here ({{\(top.inverted ? "^" : "#")\(top.name.text)}}, line \(top.name.line))",
                                    hint: "close sections in the reverse order of opening them"))
                            // Read as closing the innermost open section: one slip, one error.
                            stack.removeLast()
                            let section = TemplateNode.section(top.name, nodes, inverted: top.inverted)
                            nodes = top.nodes
                            nodes.append(section)
                        } else {
                            errors.append(
                                TemplateSyntaxError(
                                    line: name.line, column: name.column,
                                    message: "this {{/\(name.text)}} closes a section that is not open",
                                    hint: "remove it, or open the section with {{#\(name.text)}}"))
                        }
                        continue
                    }
                    stack.removeLast()
                    let section = TemplateNode.section(top.name, nodes, inverted: top.inverted)
                    nodes = top.nodes
                    nodes.append(section)
                }
            }
        }
        flush()
        for open in stack.reversed() {
            errors.append(
                TemplateSyntaxError(
                    line: open.name.line, column: open.name.column,
                    message: "section '{{\(open.inverted ? "^" : "#")\(open.name.text)}}' is not closed",
                    hint: "end it with {{/\(open.name.text)}}"))
            let section = TemplateNode.section(open.name, nodes, inverted: open.inverted)
            nodes = open.nodes
            nodes.append(section)
        }
        errors.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        return nodes
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line ends (no Foundation).
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
