import Foundation
import GidsCore
import GidsTemplates

/// The templates gids renders, each with the context shape it is checked against and filled
/// with (``Contexts``). A site's `templates/` must have every one of them; other `.mustache`
/// files there are partials.
public enum PageTemplate: String, CaseIterable, Sendable {
    case layout, home, guide, chooser, phase, page, tool, domain, domains, search
    case notFound = "404"
    case accessibility, print, facet, compare, taxonomy, term
    case pageIndex = "a-tot-z"

    /// Templates a site may leave out: the page kind is then not made (a warning). Kinds added
    /// after a site's templates were copied are optional, so those templates keep working.
    public var isOptional: Bool {
        switch self {
        case .pageIndex: true
        default: false
        }
    }

    /// The context this template is rendered with.
    public var shape: Shape {
        switch self {
        case .layout: Contexts.layout
        case .home: Contexts.home
        case .guide: Contexts.guide
        case .chooser: Contexts.chooser
        case .phase: Contexts.phase
        case .page: Contexts.page
        case .tool: Contexts.tool
        case .domain: Contexts.domain
        case .domains: Contexts.domains
        case .search: Contexts.search
        case .notFound: Contexts.notFound
        case .accessibility: Contexts.accessibility
        case .print: Contexts.printEdition
        case .facet: Contexts.facet
        case .compare: Contexts.compare
        case .taxonomy: Contexts.taxonomy
        case .term: Contexts.term
        case .pageIndex: Contexts.pageIndex
        }
    }

    /// The page an optional template makes, for the warning when it is missing.
    var pageName: String {
        switch self {
        case .pageIndex: "the A–Z page (/a-tot-z/)"
        default: "the page '\(rawValue)'"
        }
    }

    /// What the README says the template renders.
    public var purpose: String {
        switch self {
        case .layout: "elke pagina behalve de printversie, om het template van de soort pagina heen"
        case .home: "de homepage, `/`"
        case .guide: "de startpagina van een gids zonder kenmerken"
        case .chooser: "de startpagina van een gids met kenmerken (een keuzewijzer)"
        case .phase: "een beleidsfase, `/<gids>/<fase>/`"
        case .page: "een pagina"
        case .tool: "een tool (een pagina met `type: tool`)"
        case .domain: "een beleidsdomein, `/domeinen/<id>/`"
        case .domains: "alle beleidsdomeinen, `/domeinen/`"
        case .search: "de zoekpagina, `/zoeken/`"
        case .notFound: "`/404.html`"
        case .accessibility: "de toegankelijkheidsverklaring, `/toegankelijkheid/`"
        case .print: "de printversie van een gids, `/<gids>/print/` (een heel document, zonder `layout`)"
        case .facet: "een waarde van een kenmerk, `/<gids>/<kenmerk>/<waarde>/`"
        case .compare: "de vergelijking van alle tools, `/<gids>/vergelijk/`"
        case .taxonomy: "een indeling, `/<gids>/<indeling>/`"
        case .term: "een waarde van een indeling, `/<gids>/<indeling>/<waarde>/`"
        case .pageIndex: "alle pagina's en tools van A tot Z, `/a-tot-z/` (mag ontbreken: dan is er geen A–Z-pagina)"
        }
    }
}

/// The Mustache templates of a site (`templates/*.mustache`, parsed and checked by
/// GidsTemplates) and its static theme files (`templates/assets/*`, copied to `site/assets/`).
public struct TemplateSet: Sendable {
    let library: TemplateLibrary
    /// Theme files: site path (`assets/style.css`) → contents.
    public let assets: [String: Data]

    /// Template names every site needs; a missing one is an error.
    public static let required = PageTemplate.allCases.filter { !$0.isOptional }.map(\.rawValue)

    /// Whether the site's templates have `template` (an optional one may be missing).
    public func has(_ template: PageTemplate) -> Bool { library.templates[template.rawValue] != nil }

    /// Loads and checks `directory`. Errors: a missing folder or template, a syntax error, a
    /// missing partial (with did-you-mean), and every name or type that does not fit the
    /// context the template is rendered with (``checkTemplate(_:in:context:)``), each at its
    /// `templates/x.mustache:line:column`. With an error, no set is returned.
    public static func load(directory: String) -> (TemplateSet?, [Diagnostic]) {
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
        var diagnostics: [Diagnostic] = []
        var assets: [String: Data] = [:]
        var sources: [String: String] = [:]
        var paths: [String: String] = [:]
        for path in enumerator.compactMap({ $0 as? String }).sorted() {
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
            sources[name] = text
            paths[name] = display + "/" + path
        }
        let library = LibraryTime.measure(.mustache, detail: "(parse)") { TemplateLibrary(sources: sources) }
        for name in sources.keys.sorted() {
            let path = paths[name] ?? name
            for error in library.syntaxErrors[name] ?? [] {
                diagnostics.append(
                    .error(
                        SourceLocation(path: path, line: error.line, column: error.column),
                        "template syntax error: " + error.message, code: "template.syntax", hint: error.hint))
            }
            // Mustache renders a missing partial as nothing; here it is an error at the reference.
            for reference in library.partialReferences[name] ?? [] where sources[reference.text] == nil {
                diagnostics.append(
                    .error(
                        SourceLocation(path: path, line: reference.line, column: reference.column),
                        "partial '\(reference.text)' not found", code: "template.missing-partial",
                        hint: Suggestion.closest(to: reference.text, among: sources.keys.sorted()).map {
                            "did you mean '\($0)'?"
                        }))
            }
        }
        for template in PageTemplate.allCases where sources[template.rawValue] == nil {
            let location = SourceLocation(path: display + "/" + template.rawValue + ".mustache")
            diagnostics.append(
                template.isOptional
                    ? .warning(
                        location, "template missing: \(template.pageName) is not made",
                        code: "template.missing-optional",
                        hint:
                            "copy \(template.rawValue).mustache from the templates folder of gids's repository to add it"
                    )
                    : .error(location, "template missing", code: "template.missing"))
        }
        // Names and types, once the syntax is right: each template against its own context.
        if !diagnostics.hasErrors {
            var seen: [TemplateFinding] = []
            for template in PageTemplate.allCases where sources[template.rawValue] != nil {
                for finding in checkTemplate(template.rawValue, in: library, context: template.shape)
                where !seen.contains(finding) {
                    seen.append(finding)
                    let location = SourceLocation(
                        path: paths[finding.template] ?? finding.template, line: finding.line, column: finding.column)
                    diagnostics.append(
                        finding.isError
                            ? .error(location, finding.message, code: finding.kind.rawValue, hint: finding.hint)
                            : .warning(location, finding.message, code: finding.kind.rawValue, hint: finding.hint))
                }
            }
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (TemplateSet(library: library, assets: assets), diagnostics)
    }

    /// Renders `template` with `context`, an object of the template's own shape (checked in
    /// debug builds).
    func render(_ template: PageTemplate, _ context: TemplateObject) -> [UInt8] {
        assert(context.shape === template.shape, "\(template.rawValue) rendered with '\(context.shape.name)'")
        assert(TemplateValue.object(context).conforms(to: .object(template.shape)), "\(template.rawValue): context")
        return LibraryTime.measure(.mustache, detail: template.rawValue) {
            library.renderBytes(template.rawValue, .object(context))
        }
    }
}
