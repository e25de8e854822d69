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
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(
                    .error(
                        SourceLocation(
                            path: display + "/" + path, line: error.context.lineNumber,
                            column: error.context.columnNumber + 1),
                        "template syntax error: \(error.error)", code: "template.syntax"))
            } catch {
                diagnostics.append(
                    .error(
                        SourceLocation(path: display + "/" + path), "template error: \(error)", code: "template.syntax")
                )
            }
        }
        for name in required where !names.contains(name) {
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
