import Foundation
import GidsCore
import GidsLoad
import Yams

/// Decodes `<guide>/guide.yml`. Its structure is taxonomies as data: `taxonomies:` declares
/// each classification (id, front-matter key, values, single or multiple, required, facet), and
/// `phase_axis:` names the one whose values are the beleidsfasen. `phases:` and `facets:` are
/// shorthands for the two built-in kinds: `phases:` is the taxonomy `phase` (key `phase`, any
/// number of values, required, the phase axis); each item of `facets:` is a taxonomy with
/// `facet: true` read from tools.
func decodeGuide(_ file: SourceFile, diagnostics: inout [Diagnostic]) -> GuideConfig? {
    let folder = String(file.path.split(separator: "/")[0])
    guard let node = composeYAML(file.text, file: file, lineOffset: 0, diagnostics: &diagnostics) else {
        if !file.text.contains(where: { !$0.isWhitespace }) {
            diagnostics.append(.error(file.location(), "the guide file is empty", code: "guide.empty"))
        }
        return nil
    }
    guard var reader = MappingReader(node, file: file, lineOffset: 0, what: "the guide file", diagnostics: &diagnostics)
    else { return nil }
    let title = reader.string("title", required: true)
    let summary = reader.string("summary", required: true)
    if let warning = Placeholder.warning("summary", summary) { diagnostics.append(warning) }
    let order = reader.int("order")
    var taxonomies: [TaxonomyDefinition] = []
    func add(_ taxonomy: TaxonomyDefinition) {
        if taxonomies.contains(where: { $0.id == taxonomy.id }) {
            let what = taxonomy.facet ? "facet" : "taxonomy"
            diagnostics.append(
                .error(
                    taxonomy.location, "\(what) '\(taxonomy.id)' is declared twice",
                    code: taxonomy.facet ? "guide.duplicate-facet" : "guide.duplicate-taxonomy"))
        } else if let other = taxonomies.first(where: { $0.key == taxonomy.key }) {
            diagnostics.append(
                .error(
                    taxonomy.location, "'\(taxonomy.key)' is already the key of taxonomy '\(other.id)'",
                    code: "guide.duplicate-taxonomy"))
        } else {
            taxonomies.append(taxonomy)
        }
    }

    var phaseAxis: String?
    var phaseAxisRejected = false
    var phases: [PhaseDefinition] = []
    if reader.node("phases") != nil {
        var values: [TaxonomyValue] = []
        for item in reader.mappings("phases") {
            guard var entry = MappingReader(item, file: file, lineOffset: 0, what: "a phase", diagnostics: &diagnostics)
            else { continue }
            let declaredID = entry.string("id", required: true)
            let phaseTitle = entry.string("title", required: true)
            let phaseSummary = entry.string("summary", required: true)
            let introduction = entry.string("introduction")
            entry.warnUnknownKeys(known: ["id", "title", "summary", "introduction"], what: "a phase")
            diagnostics += entry.diagnostics
            guard let declared = declaredID, let phaseTitle, let phaseSummary else { continue }
            let id = checkedID(declared, what: "phase id", diagnostics: &diagnostics)
            guard !values.contains(where: { $0.id == id.value }) else {
                diagnostics.append(
                    .error(id.location, "phase id '\(id.value)' is declared twice", code: "guide.duplicate-phase"))
                continue
            }
            let path = introduction.map { Located(folder + "/" + $0.value, at: $0.location) }
            values.append(
                TaxonomyValue(id: id.value, title: phaseTitle.value, summary: phaseSummary.value, introduction: path))
            phases.append(
                PhaseDefinition(
                    id: id.value, title: phaseTitle.value, summary: phaseSummary.value, location: id.location,
                    introduction: path))
        }
        let location = reader.node("phases").map(reader.locate) ?? reader.location
        add(
            TaxonomyDefinition(
                id: "phase", title: "Beleidsfase", key: "phase", kind: .list(multiple: true), values: values,
                required: true, facet: false, location: location))
        phaseAxis = "phase"
    }
    // Every id the guide declares, also of a taxonomy rejected below (a reserved key, a bad
    // id): what names it (`phase_axis`, `filters`, `group_by`) is then not a second error.
    let declaredIDs = Set(
        (reader.mappings("facets") + reader.mappings("taxonomies")).compactMap { $0.mapping?["id"]?.string })
    for item in reader.mappings("facets") {
        if let facet = decodeTaxonomy(item, file: file, folder: folder, facet: true, diagnostics: &diagnostics) {
            add(facet)
        }
    }
    for item in reader.mappings("taxonomies") {
        if let taxonomy = decodeTaxonomy(item, file: file, folder: folder, facet: false, diagnostics: &diagnostics) {
            add(taxonomy)
        }
    }
    if let axis = reader.string("phase_axis") {
        if phaseAxis != nil {
            diagnostics.append(
                .error(
                    axis.location, "'phase_axis' and 'phases' both name the phases; keep one",
                    code: "guide.phase-axis",
                    hint: "'phases:' declares the phases itself; 'phase_axis:' names a taxonomy from 'taxonomies:'"))
        } else if !taxonomies.contains(where: { $0.id == axis.value }) && declaredIDs.contains(axis.value) {
            // The taxonomy has its own error; its pages' `phase` is not reported again.
            phaseAxisRejected = true
        } else if let taxonomy = taxonomies.first(where: { $0.id == axis.value }), !taxonomy.facet {
            phaseAxis = taxonomy.id
            phases = taxonomy.values.map {
                PhaseDefinition(
                    id: $0.id, title: $0.title, summary: $0.summary ?? "", location: taxonomy.location,
                    introduction: $0.introduction)
            }
        } else {
            let ids = taxonomies.filter { !$0.facet }.map(\.id)
            diagnostics.append(
                .error(
                    axis.location, "'phase_axis' must name a taxonomy of this guide, not '\(axis.value)'",
                    code: "guide.phase-axis",
                    hint: Suggestion.closest(to: axis.value, among: ids).map { "did you mean '\($0)'?" }))
        }
    }
    if phaseAxis != nil && taxonomies.contains(where: \.facet) {
        diagnostics.append(
            .error(
                reader.location, "a guide has either phases or facets, not both", code: "guide.phases-and-facets"))
    }
    if reader.node("phases") == nil && reader.node("facets") == nil && reader.node("taxonomies") == nil
        && reader.node("source") == nil
    {
        diagnostics.append(
            .error(
                reader.location, "the guide declares neither phases nor facets", code: "guide.no-structure",
                hint: "add 'phases:' (a list of id, title, summary) or 'facets:' for a chooser"))
    }

    var rules = FrontMatterRules()
    if let node = reader.node("front_matter"),
        var entry = MappingReader(node, file: file, lineOffset: 0, what: "'front_matter'", diagnostics: &diagnostics)
    {
        rules.ignore = Set(entry.stringList("ignore").map(\.value))
        if let aliases = entry.node("aliases"),
            let mapping = MappingReader(
                aliases, file: file, lineOffset: 0, what: "'aliases'", diagnostics: &diagnostics)
        {
            let known = Keys.names(Keys.page + Keys.tool)
            for pair in mapping.pairs {
                guard case .scalar(let target) = pair.value else {
                    diagnostics.append(
                        .error(mapping.locate(pair.value), "an alias names one gids key", code: "frontmatter.type"))
                    continue
                }
                let name = target.string
                let isTaxonomyKey = taxonomies.contains { $0.key == name }
                guard known.contains(name) || isTaxonomyKey else {
                    diagnostics.append(
                        .error(
                            mapping.locate(pair.value), "'\(name)' is not a front-matter key of gids",
                            code: "guide.alias",
                            hint: Suggestion.closest(to: name, among: known.sorted()).map { "did you mean '\($0)'?" }))
                    continue
                }
                rules.aliases[pair.key] = name
            }
        }
        for required in entry.stringList("required") where !["title", "summary"].contains(required.value) {
            entry.diagnostics.append(
                .error(
                    required.location, "'required' lists 'title' and 'summary' only", code: "guide.required-keys"))
        }
        if entry.node("required") != nil {
            let required = Set(entry.stringList("required").map(\.value))
            rules.summaryRequired = required.contains("summary")
            rules.titleRequired = required.contains("title")
        }
        entry.warnUnknownKeys(known: ["ignore", "aliases", "required"], what: "'front_matter'")
        diagnostics += entry.diagnostics
    }
    let source = reader.string("source")
    var basePath = reader.string("base_path")?.value
    if var path = basePath {
        if !path.hasPrefix("/") { path = "/" + path }
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path.isEmpty ? nil : path
    }
    let strict = reader.bool("strict")?.value ?? true
    var texts = GuideTexts()
    if let node = reader.node("texts"),
        var entry = MappingReader(node, file: file, lineOffset: 0, what: "'texts'", diagnostics: &diagnostics)
    {
        if let text = entry.string("phase_question") { texts.phaseQuestion = text.value }
        if let text = entry.string("phase_hint") { texts.phaseHint = text.value }
        entry.warnUnknownKeys(known: Keys.names(Keys.guideTexts), what: "'texts'")
        diagnostics += entry.diagnostics
    }
    var phaseNumbering = 1
    var groupBy: String?
    var redirects: OldAddresses?
    let readingOrderPaths = reader.stringList("reading_order").map { folder + "/" + $0.value }
    var preservesURLs = false
    if let urls = reader.string("urls") {
        switch urls.value {
        case "preserve": preservesURLs = true
        case "gids": break
        default:
            diagnostics.append(
                .error(
                    urls.location, "'urls' is 'preserve' (the source's own addresses) or 'gids'", code: "guide.urls"))
        }
    }
    if let node = reader.node("redirects"),
        var entry = MappingReader(node, file: file, lineOffset: 0, what: "'redirects'", diagnostics: &diagnostics)
    {
        if let style = entry.string("style", required: true) {
            if let known = OldAddresses.Style(rawValue: style.value) {
                redirects = OldAddresses(style: known, lowercase: entry.bool("lowercase")?.value ?? false)
            } else {
                entry.diagnostics.append(
                    .error(
                        style.location, "unknown style '\(style.value)' (expected directory or file)",
                        code: "guide.redirects"))
            }
        }
        entry.warnUnknownKeys(known: ["style", "lowercase"], what: "'redirects'")
        diagnostics += entry.diagnostics
    }
    if let numbering = reader.int("phase_numbering") {
        if numbering == 0 || numbering == 1 {
            phaseNumbering = numbering
        } else {
            diagnostics.append(
                .error(
                    reader.node("phase_numbering").map(reader.locate) ?? reader.location,
                    "'phase_numbering' is 0 or 1 (the number of the first phase)", code: "guide.phase-numbering"))
        }
    }
    if let groupByKey = reader.string("group_by") {
        let ids = taxonomies.filter { !$0.facet && $0.id != phaseAxis }.map(\.id)
        if groupByKey.value == "folder" || ids.contains(groupByKey.value) {
            groupBy = groupByKey.value
        } else if !declaredIDs.contains(groupByKey.value) || taxonomies.contains(where: { $0.id == groupByKey.value }) {
            diagnostics.append(
                .error(
                    groupByKey.location, "'group_by' names a taxonomy of this guide, or 'folder'",
                    code: "guide.group-by",
                    hint: Suggestion.closest(to: groupByKey.value, among: ids + ["folder"]).map {
                        "did you mean '\($0)'?"
                    }))
        }
    }
    var filters = taxonomies.filter(\.facet).map { Located($0.id, at: $0.location) }
    if reader.node("filters") != nil {
        filters = []
        for id in reader.stringList("filters") {
            if filters.contains(where: { $0.value == id.value }) {
                diagnostics.append(
                    .warning(id.location, "filter '\(id.value)' is listed twice", code: "guide.filters"))
            } else if taxonomies.contains(where: { $0.id == id.value }) {
                filters.append(id)
            } else if !declaredIDs.contains(id.value) {
                let ids = taxonomies.map(\.id)
                diagnostics.append(
                    .error(
                        id.location,
                        ids.isEmpty
                            ? "'filters' names taxonomies, and this guide declares none"
                            : "unknown taxonomy '\(id.value)' in 'filters'",
                        code: "guide.filters",
                        hint: Suggestion.closest(to: id.value, among: ids).map { "did you mean '\($0)'?" }
                            ?? (ids.isEmpty ? nil : "the guide's taxonomies: " + ids.joined(separator: ", "))))
            }
        }
    }
    reader.warnUnknownKeys(known: Keys.names(Keys.guide), what: "the guide file")
    diagnostics += reader.diagnostics
    // A guide file with a missing title or summary still has its pages checked in the same
    // run (its own error stops the build), so one problem does not hide the others.
    var config = GuideConfig(
        slug: Slug.make(folder), folder: folder, title: title?.value ?? folder, summary: summary?.value ?? "",
        order: order,
        phases: phases, taxonomies: taxonomies, phaseAxis: phaseAxis, frontMatter: rules, source: source,
        basePath: basePath, file: file)
    config.strict = strict
    config.texts = texts
    config.phaseNumbering = phaseNumbering
    config.groupBy = groupBy
    config.filters = filters
    config.declaresFilters = reader.node("filters") != nil
    config.phaseAxisRejected = phaseAxisRejected
    config.redirects = redirects
    config.readingOrderPaths = readingOrderPaths
    config.preservesURLs = preservesURLs
    return config
}

/// Front-matter keys of gids itself; a taxonomy or facet may not use them.
let toolKeys: Set<String> = Keys.names(Keys.page + Keys.tool)

/// One item of `taxonomies:` or `facets:`.
private func decodeTaxonomy(
    _ node: Node, file: SourceFile, folder: String, facet isFacet: Bool, diagnostics: inout [Diagnostic]
)
    -> TaxonomyDefinition?
{
    let what = isFacet ? "a facet" : "a taxonomy"
    guard var entry = MappingReader(node, file: file, lineOffset: 0, what: what, diagnostics: &diagnostics)
    else { return nil }
    let id = entry.string("id", required: true)
    let title = entry.string("title", required: true)
    let type = entry.string("type")
    let multiple = entry.bool("multiple")?.value ?? true
    let declaredKey = isFacet ? nil : entry.string("key")
    let required = isFacet ? false : (entry.bool("required")?.value ?? false)
    let facet = isFacet || (entry.bool("facet")?.value ?? false)
    let oldPath = isFacet ? nil : entry.string("old_path")
    var values: [TaxonomyValue] = []
    for item in entry.mappings("values") {
        guard
            var valueReader = MappingReader(
                item, file: file, lineOffset: 0, what: isFacet ? "a facet value" : "a taxonomy value",
                diagnostics: &diagnostics)
        else { continue }
        let valueID = valueReader.string("id", required: true)
        let valueTitle = valueReader.string("title", required: true)
        let valueSummary = valueReader.string("summary")
        let introduction = isFacet ? nil : valueReader.string("introduction")
        valueReader.warnUnknownKeys(
            known: isFacet ? ["id", "title", "summary"] : ["id", "title", "summary", "introduction"],
            what: isFacet ? "a facet value" : "a taxonomy value")
        diagnostics += valueReader.diagnostics
        if let valueID, let valueTitle {
            let id = checkedID(
                valueID, what: isFacet ? "facet value id" : "taxonomy value id", diagnostics: &diagnostics)
            if values.contains(where: { $0.id == id.value }) {
                diagnostics.append(
                    .error(id.location, "value '\(id.value)' is declared twice", code: "guide.duplicate-value"))
                continue
            }
            values.append(
                TaxonomyValue(
                    id: id.value, title: valueTitle.value, summary: valueSummary?.value,
                    introduction: introduction.map { Located(folder + "/" + $0.value, at: $0.location) }))
        }
    }
    entry.warnUnknownKeys(
        known: isFacet
            ? ["id", "title", "type", "multiple", "values"]
            : ["id", "title", "key", "type", "multiple", "required", "facet", "values", "old_path"], what: what)
    diagnostics += entry.diagnostics
    guard let id, let title else { return nil }
    // Ids are front-matter keys by default, so '_' is allowed (open_source).
    if id.value.contains(where: { !($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") }) {
        diagnostics.append(
            .error(
                id.location,
                "\(isFacet ? "facet" : "taxonomy") id '\(id.value)' may contain only lowercase letters, digits, '-' and '_'",
                code: "frontmatter.bad-id"))
        return nil
    }
    let key = declaredKey?.value ?? id.value
    if toolKeys.contains(key) {
        diagnostics.append(
            .error(
                declaredKey?.location ?? id.location,
                isFacet ? "facet id '\(key)' is already a tool key" : "'\(key)' is already a front-matter key of gids",
                code: isFacet ? "guide.reserved-facet" : "guide.reserved-key",
                hint: isFacet ? nil : "give the taxonomy another key, e.g. key: \(key)-indeling"))
        return nil
    }
    let kind: TaxonomyDefinition.Kind
    switch type?.value {
    case nil, "list": kind = .list(multiple: multiple)
    case "boolean":
        kind = .boolean
        values = [TaxonomyValue(id: "ja", title: "Ja"), TaxonomyValue(id: "nee", title: "Nee")]
    case let other?:
        diagnostics.append(
            .error(
                type!.location, "unknown \(isFacet ? "facet" : "taxonomy") type '\(other)' (expected list or boolean)",
                code: isFacet ? "guide.facet-type" : "guide.taxonomy-type"))
        return nil
    }
    guard !values.isEmpty else {
        diagnostics.append(
            .error(
                id.location, "\(isFacet ? "facet" : "taxonomy") '\(id.value)' has no values",
                code: isFacet ? "guide.facet-values" : "guide.taxonomy-values",
                hint: "add 'values:', a list of {id: …, title: …}, or 'type: boolean'"))
        return nil
    }
    var taxonomy = TaxonomyDefinition(
        id: id.value, title: title.value, key: key, kind: kind, values: values, required: required, facet: facet,
        location: id.location)
    taxonomy.oldPath = oldPath.map { $0.value.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/" }
    return taxonomy
}

/// A guide whose pages are kept outside `content/`: `source:` and `exclude:` from its guide file.
public struct GuideSource: Sendable {
    /// The guide folder under `content/`.
    public let folder: String
    /// `source:` as written, relative to the guide folder (or absolute).
    public let source: Located<String>
    /// `exclude:` shell patterns for file and folder names to leave out.
    public let exclude: [String]
}

/// The `source:` of every guide file that has one, read before the rest of the content is
/// decoded, so the load stage can mount those folders. Problems with the key itself are
/// reported when the guide is decoded.
public func declaredSources(in tree: SourceTree) -> [GuideSource] {
    tree.guideFiles.compactMap { file in
        var ignored: [Diagnostic] = []
        guard let node = composeYAML(file.text, file: file, lineOffset: 0, diagnostics: &ignored),
            var reader = MappingReader(node, file: file, lineOffset: 0, what: "", diagnostics: &ignored),
            let source = reader.string("source")
        else { return nil }
        return GuideSource(
            folder: String(file.path.split(separator: "/")[0]), source: source,
            exclude: reader.stringList("exclude").map(\.value))
    }
}
