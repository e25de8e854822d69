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
            do {
                try library.register(text, named: name)
                names.insert(name)
                sources.append((name, display + "/" + path, text))
            } catch let error as MustacheTemplate.ParserError {
                broken.insert(name)
                diagnostics.append(
                    .error(
                        SourceLocation(
                            path: display + "/" + path, line: error.context.lineNumber,
                            column: error.context.columnNumber + 1),
                        "template syntax error: \(error.error)", code: "template.syntax"))
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
        library.render(context, withTemplate: name) ?? ""
    }
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
