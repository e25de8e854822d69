import CYaml
import Foundation
import GidsCore
import GidsLoad
import Yams

/// Scalars are composed untyped (Yams' `Resolver.basic`): ``MappingReader`` reads each key as
/// the type it needs, by the YAML 1.2 core schema (booleans only `true`/`false`, nulls only
/// ``isNull(_:)``). Yams' default resolver follows YAML 1.1, where `no`, `yes`, `on` and `N`
/// are booleans too; editors write those as text ("Open source: no" is not what they mean by
/// a Dutch `nee`). Its rules are regular expressions, run on every key and value, which cost
/// more than the rest of reading front matter.
let untypedResolver: Resolver = .basic

/// YAML 1.2 core schema null: a plain `~`, `null`, `Null`, `NULL` or nothing.
func isNull(_ scalar: Node.Scalar) -> Bool {
    guard scalar.style == .plain else { return false }
    switch scalar.string {
    case "", "~", "null", "Null", "NULL": return true
    default: return false
    }
}

/// Parses `yaml` (which starts at line `lineOffset + 1` of `file`) to a Yams node tree.
/// Syntax errors, duplicate keys and aliases become diagnostics at the right line and column.
func composeYAML(_ yaml: String, file: SourceFile, lineOffset: Int, diagnostics: inout [Diagnostic]) -> Node? {
    // Anchors and aliases are refused before parsing: front matter never needs them, and an
    // alias bomb ("billion laughs") would otherwise be expanded when keys are compared.
    if let position = aliasPosition(in: yaml) {
        diagnostics.append(
            .error(
                file.location(line: position.line + lineOffset, column: position.column),
                "YAML anchors and aliases (& and *) are not supported in front matter",
                code: "yaml.alias", hint: "write the value out in full"))
        return nil
    }
    // Text pasted from Word brings no-break spaces (U+00A0, U+2007, U+202F); YAML takes them for
    // text, so `phase:<NBSP>uitvoeren` would not be a key. One scalar each: columns stay right.
    let noBreakSpaces: Set<Unicode.Scalar> = ["\u{00A0}", "\u{2007}", "\u{202F}"]
    // Their UTF-8 forms start with 0xC2 or 0xE2; most front matter has neither, and is kept as is.
    let yaml =
        yaml.utf8.contains { $0 == 0xC2 || $0 == 0xE2 }
        ? String(String.UnicodeScalarView(yaml.unicodeScalars.map { noBreakSpaces.contains($0) ? " " : $0 })) : yaml
    do {
        // The encoding is named: Yams's default reads the whole environment on every call.
        return try LibraryTime.measure(.yams) { try Yams.compose(yaml: yaml, untypedResolver, .default, .utf8) }
    } catch let error as YamlError {
        diagnostics.append(yamlDiagnostic(error, yaml: yaml, file: file, lineOffset: lineOffset))
        return nil
    } catch {
        diagnostics.append(.error(file.location(line: lineOffset + 1), "invalid YAML: \(error)", code: "yaml.syntax"))
        return nil
    }
}

private func yamlDiagnostic(_ error: YamlError, yaml: String, file: SourceFile, lineOffset: Int) -> Diagnostic {
    func at(_ mark: Mark) -> SourceLocation { file.location(line: mark.line + lineOffset, column: mark.column) }
    let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
    switch error {
    case .parser(let context?, let problem, _, _)
    where problem.contains("expected ',' or ']'") || problem.contains("expected ',' or '}'"):
        // libyaml notices at the next token, often on the next line; the news is the open bracket.
        let bracket = problem.contains("]") ? "]" : "}"
        return .error(
            at(context.mark), "invalid YAML: the \(bracket == "]" ? "list" : "mapping") opened here is not closed",
            code: "yaml.syntax",
            hint: bracket == "]"
                ? "end it with ] on the same line ([a, b]), or write one item per line starting with '- '"
                : "end it with } on the same line")
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
        .composer(_, let problem, let mark, _):
        var hint: String?
        let line = mark.line >= 1 && mark.line <= lines.count ? lines[mark.line - 1] : ""
        if problem.contains("tab") || line.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
            hint = "indent YAML with spaces, not tabs"
        } else if line.contains(where: { "“”‘’„".contains($0) }) {
            hint = "YAML quotes text with straight quotes (\" or '); curly quotes such as “ ” are part of the text"
        } else if problem.contains("mapping values are not allowed") {
            hint = "put text that contains ': ' between quotes"
        }
        return .error(at(mark), "invalid YAML: \(problem)", code: "yaml.syntax", hint: hint)
    case .duplicatedKeysInMapping(let keys, let context):
        // Yams points at the first occurrence; the mistake is the repeated one, so find the
        // second line that starts (at the same indentation) with the key.
        var repeated = context.mark.line
        if let key = keys.first, repeated >= 1, repeated <= lines.count {
            let indentation = lines[repeated - 1].prefix(while: { $0 == " " })
            for index in repeated..<lines.count {
                let line = lines[index]
                guard line.hasPrefix(indentation), line.dropFirst(indentation.count).first != " " else { continue }
                let rest = line.dropFirst(indentation.count).drop(while: { $0 == "-" || $0 == " " })
                if rest.hasPrefix(key) && rest.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") {
                    repeated = index + 1
                    break
                }
            }
        }
        return .error(
            file.location(line: repeated + lineOffset, column: context.mark.column),
            "duplicate key '\(keys.joined(separator: "', '"))'", code: "yaml.duplicate-key",
            hint: "each key may appear once; remove or merge the repeated one")
    default:
        return .error(file.location(line: lineOffset + 1), "invalid YAML: \(error)", code: "yaml.syntax")
    }
}

/// Position (1-based line, column) of the first anchor (`&a`) or alias (`*a`), as libyaml's own
/// parser reads the text (YAML 1.2 §6.9.2, §7.1: both only at the start of a node), so that
/// `a && b`, `5 * 3` or `C*` in a plain scalar are text. Nil when there is none, or when the
/// text is not valid YAML (composing it then reports the syntax error).
private func aliasPosition(in yaml: String) -> (line: Int, column: Int)? {
    // Nearly all front matter has neither character: no second parse.
    guard yaml.utf8.contains(where: { $0 == 0x26 || $0 == 0x2A }) else { return nil }
    // libyaml keeps a pointer to the parser inside it (its read handler's data): the parser
    // needs an address of its own for its whole life, not a Swift variable's.
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    parser.initialize(to: yaml_parser_t())
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) == 1 else { return nil }
    defer { yaml_parser_delete(parser) }
    let bytes = Array(yaml.utf8)
    return bytes.withUnsafeBufferPointer { buffer -> (Int, Int)? in
        yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            let anchored: Bool
            switch event.type {
            case YAML_ALIAS_EVENT: anchored = true
            case YAML_SCALAR_EVENT: anchored = event.data.scalar.anchor != nil
            case YAML_SEQUENCE_START_EVENT: anchored = event.data.sequence_start.anchor != nil
            case YAML_MAPPING_START_EVENT: anchored = event.data.mapping_start.anchor != nil
            case YAML_STREAM_END_EVENT: return nil
            default: anchored = false
            }
            if anchored {
                // libyaml counts lines and columns from 0, columns in characters; the event
                // starts at the `&` or `*`, or for a node with a tag at its tag.
                let mark = event.start_mark
                let line = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)[Int(mark.line)]
                let text = String(decoding: line, as: UTF8.self)
                var column = Int(mark.column) + 1
                let scalars = Array(text.unicodeScalars)
                while column <= scalars.count, scalars[column - 1] != "&" && scalars[column - 1] != "*" { column += 1 }
                return (Int(mark.line) + 1, column)
            }
        }
    }
}

/// Reads typed values from one YAML mapping and records diagnostics at the values' positions.
struct MappingReader {
    let file: SourceFile
    let lineOffset: Int
    private(set) var pairs: [(key: String, keyNode: Node, value: Node)]
    let location: SourceLocation
    var diagnostics: [Diagnostic] = []

    init?(_ node: Node, file: SourceFile, lineOffset: Int, what: String, diagnostics: inout [Diagnostic]) {
        self.file = file
        self.lineOffset = lineOffset
        let location = file.location(
            line: (node.mark?.line ?? 1) + lineOffset, column: node.mark?.column ?? 1)
        self.location = location
        guard case .mapping(let mapping) = node else {
            diagnostics.append(.error(location, "\(what) must be a mapping of keys to values", code: "yaml.type"))
            return nil
        }
        pairs = mapping.map { (key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    /// Reads each foreign key of `aliases` (foreign → gids key) as its gids key, unless the
    /// gids key is written too.
    mutating func applyAliases(_ aliases: [String: String]) {
        guard !aliases.isEmpty else { return }
        let written = Set(pairs.map(\.key))
        for index in pairs.indices {
            if let target = aliases[pairs[index].key], !written.contains(target) { pairs[index].key = target }
        }
    }

    /// Where `key` is written, if it is.
    func keyLocation(_ key: String) -> SourceLocation? {
        pairs.first { $0.key == key }.map { locate($0.keyNode) }
    }

    func locate(_ node: Node) -> SourceLocation {
        file.location(line: (node.mark?.line ?? 1) + lineOffset, column: node.mark?.column ?? 1)
    }

    func node(_ key: String) -> Node? {
        guard let value = pairs.first(where: { $0.key == key })?.value else { return nil }
        if case .scalar(let scalar) = value, isNull(scalar) {
            return nil
        }
        return value
    }

    /// Text: any scalar is read as its literal text (`no` stays `no`, `2018` stays `2018`).
    mutating func string(_ key: String, required: Bool = false) -> Located<String>? {
        guard let value = node(key) else {
            if required, let pair = pairs.first(where: { $0.key == key }) {
                diagnostics.append(
                    .error(
                        locate(pair.keyNode), "'\(key)' is empty", code: "frontmatter.empty",
                        hint: "write the value after '\(key):' on the same line"))
            } else if required {
                diagnostics.append(
                    .error(
                        location, "missing required key '\(key)'", code: "frontmatter.missing-key",
                        hint:
                            "add a line '\(key): …'\(key == "summary" ? " with one or two sentences about the page" : "")"
                    ))
            }
            return nil
        }
        guard case .scalar(let scalar) = value else {
            diagnostics.append(.error(locate(value), "'\(key)' must be text", code: "frontmatter.type"))
            return nil
        }
        let text = trimmedText(scalar.string)
        if text.isEmpty {
            // An optional title or summary left empty is the same as one not written.
            if !required && (key == "title" || key == "summary") { return nil }
            diagnostics.append(
                .error(
                    locate(value), "'\(key)' is empty", code: "frontmatter.empty",
                    hint: "write the value after '\(key):' on the same line"))
            return nil
        }
        return Located(text, at: locate(value))
    }

    mutating func int(_ key: String) -> Int? {
        guard let value = node(key) else { return nil }
        guard case .scalar(let scalar) = value, let number = Int(scalar.string) else {
            diagnostics.append(
                .error(locate(value), "'\(key)' must be a whole number", code: "frontmatter.type"))
            return nil
        }
        return number
    }

    mutating func bool(_ key: String) -> Located<Bool>? {
        guard let value = node(key) else { return nil }
        if case .scalar(let scalar) = value, scalar.style == .plain {
            switch scalar.string.lowercased() {
            case "true": return Located(true, at: locate(value))
            case "false": return Located(false, at: locate(value))
            default: break
            }
        }
        diagnostics.append(
            .error(
                locate(value), "'\(key)' must be true or false", code: "frontmatter.type",
                hint: "YAML 1.2: only true and false are booleans; yes, no, ja and nee are text"))
        return nil
    }

    /// A list of text; a single scalar is taken as a one-item list.
    mutating func stringList(_ key: String) -> [Located<String>] {
        guard let value = node(key) else { return [] }
        switch value {
        case .scalar(let scalar):
            return [Located(scalar.string, at: locate(value))]
        case .sequence(let sequence):
            var out: [Located<String>] = []
            for item in sequence {
                if case .scalar(let scalar) = item, !scalar.string.isEmpty {
                    if out.contains(where: { $0.value == scalar.string }) {
                        diagnostics.append(
                            .warning(
                                locate(item), "'\(scalar.string)' is listed twice in '\(key)'",
                                code: "frontmatter.duplicate-item"))
                        continue
                    }
                    out.append(Located(scalar.string, at: locate(item)))
                } else {
                    diagnostics.append(
                        .error(locate(item), "each item of '\(key)' must be text", code: "frontmatter.type"))
                }
            }
            return out
        default:
            diagnostics.append(.error(locate(value), "'\(key)' must be a list", code: "frontmatter.type"))
            return []
        }
    }

    mutating func date(_ key: String) -> CalendarDate? {
        guard let value = node(key) else { return nil }
        guard case .scalar(let scalar) = value, let date = CalendarDate(iso: scalar.string) else {
            if case .scalar(let scalar) = value, scalar.string.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil {
                diagnostics.append(
                    .error(locate(value), "'\(scalar.string)' is not a date in the calendar", code: "frontmatter.date"))
                return nil
            }
            diagnostics.append(
                .error(
                    locate(value), "'\(key)' must be a date written as YYYY-MM-DD", code: "frontmatter.date",
                    hint: "for example: \(key): 2018-09-01"))
            return nil
        }
        return date
    }

    /// The items of a list of mappings.
    mutating func mappings(_ key: String, required: Bool = false) -> [Node] {
        guard let value = node(key) else {
            if required {
                diagnostics.append(
                    .error(location, "missing required key '\(key)'", code: "frontmatter.missing-key"))
            }
            return []
        }
        guard case .sequence(let sequence) = value else {
            diagnostics.append(.error(locate(value), "'\(key)' must be a list", code: "frontmatter.type"))
            return []
        }
        return Array(sequence)
    }

    /// Warns once per key not in `known`, with a did-you-mean.
    mutating func warnUnknownKeys(known: Set<String>, what: String) {
        for pair in pairs where !known.contains(pair.key) {
            let hint = Suggestion.closest(to: pair.key, among: known.sorted()).map { "did you mean '\($0)'?" }
            diagnostics.append(
                .warning(
                    locate(pair.keyNode), "unknown key '\(pair.key)' in \(what)", code: "frontmatter.unknown-key",
                    hint: hint))
        }
    }
}

/// `text` without white space and line ends around it. Text that starts and ends with a
/// visible ASCII character (most values) is returned as it is, without Foundation's scan.
func trimmedText(_ text: String) -> String {
    if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first),
        (0x21...0x7E).contains(last)
    {
        return text
    }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
}
