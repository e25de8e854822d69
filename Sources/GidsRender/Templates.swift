import Foundation
import GidsCore
import Mustache

/// The Mustache templates of a site (`templates/*.mustache`, Mustache spec 1.3 via
/// swift-mustache) and its static theme files (`templates/assets/*`, copied to `site/assets/`).
public struct TemplateSet: Sendable {
    let library: MustacheLibrary
    /// Theme files: site path (`assets/style.css`) → contents.
    public let assets: [String: Data]

    /// Template names every site needs; a missing one is an error.
    public static let required = [
        "layout", "home", "guide", "chooser", "phase", "page", "tool", "domain", "domains", "search", "404",
        "accessibility", "print", "facet", "compare", "taxonomy", "term",
    ]

    /// Loads `directory`. Errors: a missing folder, template or parse error (with line and column).
    public static func load(directory: String) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let display = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
            let enumerator = FileManager.default.enumerator(atPath: directory)
        else {
            return (
                nil,
                [
                    .error(
                        SourceLocation(path: display), "templates folder not found", code: "template.no-folder",
                        hint: "pass --templates DIR")
                ]
            )
        }
        var library = MustacheLibrary()
        var assets: [String: Data] = [:]
        var names = Set<String>()
        var broken = Set<String>()
        var sources: [(name: String, path: String, text: String)] = []
        let paths = enumerator.compactMap { $0 as? String }.sorted()
        for path in paths {
            let disk = directory + "/" + path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: disk, isDirectory: &isDirectory), !isDirectory.boolValue,
                !path.split(separator: "/").contains(where: { $0.hasPrefix(".") })
            else { continue }
            if path.hasPrefix("assets/") {
                assets[path] = FileManager.default.contents(atPath: disk)
                continue
            }
            guard path.hasSuffix(".mustache") else { continue }
            let name = String(path.dropLast(".mustache".count))
            guard let data = FileManager.default.contents(atPath: disk), let text = String(data: data, encoding: .utf8)
            else {
                diagnostics.append(
                    .error(
                        SourceLocation(path: display + "/" + path), "cannot read template as UTF-8",
                        code: "template.unreadable"))
                continue
            }
            // Partial references are read from the text, so a template with a syntax error still
            // has its missing partials reported in the same run.
            sources.append((name, display + "/" + path, text))
            do {
                try library.register(htmlPragma + text, named: name)
                names.insert(name)
            } catch let error as MustacheTemplate.ParserError {
                broken.insert(name)
                var line = error.context.lineNumber - 1  // the pragma line
                var column = error.context.columnNumber + 1
                var message = "template syntax error: \(error.error)"
                var hint: String?
                switch error.error as? MustacheTemplate.Error {
                case .expectedSectionEnd?:
                    // The parser notices at the end of the file; the section that is open is the news.
                    if let open = unclosedSection(in: text) {
                        (line, column) = (open.line, open.column)
                        message = "section '{{\(open.tag)}}' is not closed"
                        hint = "end it with {{/\(open.name)}}"
                    } else {
                        message = "a section is not closed"
                    }
                case .sectionCloseNameIncorrect?:
                    message = "this {{/…}} closes a section that is not the one open here"
                    hint = "close sections in the reverse order of opening them"
                    // The parser stops after the name; the news is where the tag starts.
                    if let start = tagStart(in: text, before: (line, column), opening: "{{/") {
                        (line, column) = start
                    }
                case .unfinishedName?:
                    message = "a tag is not finished"
                    // The parser notices after the tag, often on the next line.
                    if let start = tagStart(in: text, before: (line, column), opening: "{{") { (line, column) = start }
                    hint = "write tags as {{name}}, {{#name}}…{{/name}} or {{> partial}}"
                    // `{{ /toc }}`: Mustache takes the sigil only right after the braces.
                    if let spaced = spacedSigil(in: text, line: line, column: column) {
                        message = "a tag is not finished: no space may come between '{{' and '\(spaced.sigil)'"
                        hint = "write {{\(spaced.sigil)\(spaced.name)}}"
                    }
                default: break
                }
                diagnostics.append(
                    .error(
                        SourceLocation(path: display + "/" + path, line: line, column: column), message,
                        code: "template.syntax", hint: hint))
            } catch {
                broken.insert(name)
                diagnostics.append(
                    .error(
                        SourceLocation(path: display + "/" + path), "template error: \(error)", code: "template.syntax")
                )
            }
        }
        // Mustache renders a missing partial as nothing; here it is an error at the reference.
        for source in sources {
            for reference in partialReferences(in: source.text) where !names.contains(reference.name) {
                guard !broken.contains(reference.name) else { continue }
                diagnostics.append(
                    .error(
                        SourceLocation(path: source.path, line: reference.line, column: reference.column),
                        "partial '\(reference.name)' not found", code: "template.missing-partial",
                        hint: Suggestion.closest(to: reference.name, among: names.sorted()).map {
                            "did you mean '\($0)'?"
                        }
                    ))
            }
        }
        for name in required where !names.contains(name) && !broken.contains(name) {
            diagnostics.append(
                .error(
                    SourceLocation(path: display + "/" + name + ".mustache"), "template missing",
                    code: "template.missing"))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (TemplateSet(library: library, assets: assets), diagnostics)
    }

    func render(_ name: String, _ context: [String: Any]) -> String {
        LibraryTime.measure(.mustache, detail: name) { library.render(context, withTemplate: name) } ?? ""
    }
}

/// Put before every template: a standalone pragma line (removed from the output, Mustache spec
/// "Standalone Lines") that makes `{{x}}` escape with ``FastHTMLContentType``. Parse errors count
/// lines without it.
let htmlPragma: String = {
    MustacheContentTypes.register(FastHTMLContentType(), named: FastHTMLContentType.name)
    return "{{% CONTENT_TYPE: \(FastHTMLContentType.name)}}\n"
}()

/// HTML escaping for `{{x}}`: the same five characters as swift-mustache's own `HTML` type
/// (`&`, `<`, `>`, `"`, `'`), but byte by byte, and the string itself when none occurs (most titles
/// and URLs). swift-mustache looks each Character up in a dictionary, which was the largest single
/// cost of a build (about 9 % of the CPU time at 10,000 pages). It also escapes a `"` that a
/// combining mark follows, which the Character-based original lets through.
struct FastHTMLContentType: MustacheContentType {
    static let name = "GIDS_HTML"

    func escapeText(_ text: String) -> String { escapeHTML(text) }
}

/// Partial tags `{{> name}}` in a template, with 1-based line and column of the tag.
/// (The Mustache spec, "Partials"; set-delimiter tags are not used in gids templates.)
func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
    var found: [(String, Int, Int)] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        var rest = line[...]
        while let open = rest.range(of: "{{") {
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else { break }
            let tag = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if tag.hasPrefix(">") {
                let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                found.append((name, index + 1, column))
            }
            rest = afterOpen[close.upperBound...]
        }
    }
    return found
}

/// The 1-based line and column (in Unicode scalars) of the last `opening` (`{{` or `{{/`) that
/// starts before `position` (the parser's 1-based line and column, in characters): where the tag
/// that the parser could not finish begins. Nil when there is none.
func tagStart(in text: String, before position: (line: Int, column: Int), opening: String) -> (Int, Int)? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var number = min(position.line, lines.count)
    while number >= 1 {
        let line = lines[number - 1]
        // On the parser's own line only what comes before its position counts.
        let searched = number == position.line ? line.prefix(max(0, position.column - 1)) : line[...]
        if let found = searched.range(of: opening, options: .backwards) {
            return (number, line[..<found.lowerBound].unicodeScalars.count + 1)
        }
        number -= 1
    }
    return nil
}

/// The sigil and name of a tag written with spaces before its sigil (`{{ /toc }}`, `{{ #x}}`)
/// that starts at the 1-based `line` and `column` (in Unicode scalars) of `text`; nil for any
/// other tag. Mustache spec 1.3: the sigil follows the opening delimiter directly.
func spacedSigil(in text: String, line: Int, column: Int) -> (sigil: Character, name: String)? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard line >= 1, line <= lines.count else { return nil }
    let scalars = lines[line - 1].unicodeScalars.dropFirst(column - 1)
    guard scalars.starts(with: "{{".unicodeScalars) else { return nil }
    let afterBraces = scalars.dropFirst(2)
    let inner = afterBraces.drop { $0 == " " || $0 == "\t" }
    guard inner.count < afterBraces.count, let sigil = inner.first, "#^/>!&".unicodeScalars.contains(sigil)
    else { return nil }
    let rest = inner.dropFirst()
    let name = String(String.UnicodeScalarView(rest.prefix { $0 != "}" })).trimmingCharacters(in: .whitespaces)
    return (Character(sigil), name)
}

/// The first `{{#name}}` or `{{^name}}` that no `{{/name}}` closes, with its 1-based line and
/// column (columns in Unicode scalars): only to place the "not closed" error, after
/// swift-mustache has found that one exists.
func unclosedSection(in text: String) -> (tag: String, name: String, line: Int, column: Int)? {
    var open: [(tag: String, name: String, line: Int, column: Int)] = []
    for (number, lineText) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        var rest = lineText[...]
        while let start = rest.range(of: "{{"), let end = rest[start.upperBound...].range(of: "}}") {
            let inner = rest[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            let column = lineText[..<start.lowerBound].unicodeScalars.count
            if let first = inner.first, first == "#" || first == "^" {
                let name = inner.dropFirst().trimmingCharacters(in: .whitespaces)
                open.append((inner, name, number + 1, column + 1))
            } else if inner.first == "/" {
                let name = inner.dropFirst().trimmingCharacters(in: .whitespaces)
                if let index = open.lastIndex(where: { $0.name == name }) { open.remove(at: index) }
            }
            rest = rest[end.upperBound...]
        }
    }
    return open.first
}
