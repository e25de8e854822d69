import Foundation
import GidsCore
import GidsLoad
import Yams

/// The front-matter stage: decodes `site.yml`, every `guide.yml` and the front matter of every
/// Markdown file into typed values. Types, required keys and value formats are checked here;
/// references between files (phase and domain ids, related pages) are checked by the graph.
///
/// Every problem is a diagnostic with `path:line:column`; a file with errors is left out of
/// the model, and decoding carries on with the next file so that one run reports everything.
public func decodeContent(_ tree: SourceTree) -> (ContentModel, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var site: SiteConfig?
    if let file = tree.siteFile {
        site = decodeSite(file, diagnostics: &diagnostics)
    } else if !tree.isMissing {
        diagnostics.append(
            .error(
                SourceLocation(path: tree.displayPath(of: "site.yml")), "site file not found",
                code: "site.missing", hint: "create content/site.yml with title, language and domains"))
    }
    let guides = tree.guideFiles.compactMap { decodeGuide($0, diagnostics: &diagnostics) }
    let guideFolders = Set(guides.map(\.folder))
    let declaredFolders = Set(tree.guideFiles.map { String($0.path.split(separator: "/")[0]) })
    var pages: [PageSource] = []
    var home: PageSource?
    for file in tree.markdownFiles {
        let segments = file.path.split(separator: "/")
        if segments.count == 1 {
            guard file.path == "index.md" else {
                diagnostics.append(
                    .error(
                        file.location(), "page is not in a guide folder", code: "page.outside-guide",
                        hint: "move it into a folder that has a guide.yml"))
                continue
            }
            home = decodePage(file, guide: nil, diagnostics: &diagnostics)
            continue
        }
        let folder = String(segments[0])
        guard declaredFolders.contains(folder) else {
            diagnostics.append(
                .error(
                    file.location(), "folder '\(folder)' has no guide.yml", code: "page.no-guide",
                    hint: "add \(tree.displayPath(of: folder))/guide.yml with title, summary and phases or facets"))
            continue
        }
        guard guideFolders.contains(folder), let guide = guides.first(where: { $0.folder == folder }) else { continue }
        if let page = decodePage(file, guide: guide, diagnostics: &diagnostics) { pages.append(page) }
    }
    var model = ContentModel(site: site, guides: guides, pages: pages, home: home)
    if let file = tree.synonymsFile { model.synonyms = decodeSynonyms(file, diagnostics: &diagnostics) }
    return (model, diagnostics)
}

/// `synoniemen.yml`: a list of groups, each a list of at least two words or phrases.
private func decodeSynonyms(_ file: SourceFile, diagnostics: inout [Diagnostic]) -> [[String]] {
    guard let node = composeYAML(file.text, file: file, lineOffset: 0, diagnostics: &diagnostics) else { return [] }
    func at(_ node: Node) -> SourceLocation {
        file.location(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }
    guard case .sequence(let groups) = node else {
        diagnostics.append(
            .error(
                at(node), "the synonyms file must be a list of groups", code: "synonyms.type",
                hint: "for example:\n- [lhbti, lgbti, lhbtiq+]\n- [wmo, wet maatschappelijke ondersteuning]"))
        return []
    }
    var result: [[String]] = []
    var groupOf: [String: Int] = [:]  // lowercased member → the group it was first in
    for group in groups {
        guard case .sequence(let items) = group else {
            diagnostics.append(
                .error(
                    at(group), "each group must be a list, e.g. [wmo, wet maatschappelijke ondersteuning]",
                    code: "synonyms.type"))
            continue
        }
        var words: [String] = []
        var wellFormed = true
        for item in items {
            guard case .scalar(let scalar) = item, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
                diagnostics.append(.error(at(item), "each synonym must be text", code: "synonyms.type"))
                wellFormed = false
                continue
            }
            let word = scalar.string.trimmingCharacters(in: .whitespaces)
            let key = word.lowercased()
            if words.contains(where: { $0.lowercased() == key }) {
                diagnostics.append(.warning(at(item), "'\(word)' is twice in this group", code: "synonyms.duplicate"))
                continue
            }
            if let other = groupOf[key], other != result.count {
                diagnostics.append(
                    .warning(
                        at(item), "'\(word)' is also in group \(other + 1); a query uses the first group it matches",
                        code: "synonyms.duplicate", hint: "merge the two groups"))
            }
            groupOf[key] = groupOf[key] ?? result.count
            words.append(word)
        }
        if words.count < 2 {
            if wellFormed {
                diagnostics.append(
                    .warning(at(group), "a group needs at least two words", code: "synonyms.short-group"))
            }
            continue
        }
        result.append(words)
    }
    return result
}

/// Splits a Markdown file into YAML front matter and body.
/// Front matter is a block that starts with a line `---` at the very top and ends with a
/// line `---` or `...`. Returns nil YAML when the file has no front matter.
public func splitFrontMatter(_ text: String) -> (yaml: String?, body: String, bodyLineOffset: Int, unclosed: Bool) {
    guard text.hasPrefix("---\n") || text == "---" else { return (nil, text, 0, false) }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    lines.removeFirst()
    for (index, line) in lines.enumerated() {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed == "---" || trimmed == "..." {
            let yaml = lines[..<index].joined(separator: "\n")
            let body = lines[(index + 1)...].joined(separator: "\n")
            return (yaml, body, index + 2, false)
        }
    }
    return (nil, text, 0, true)
}

private func decodeSite(_ file: SourceFile, diagnostics: inout [Diagnostic]) -> SiteConfig? {
    guard let node = composeYAML(file.text, file: file, lineOffset: 0, diagnostics: &diagnostics),
        var reader = MappingReader(node, file: file, lineOffset: 0, what: "the site file", diagnostics: &diagnostics)
    else {
        if !diagnostics.hasErrors {
            diagnostics.append(.error(file.location(), "the site file is empty", code: "site.empty"))
        }
        return nil
    }
    let title = reader.string("title", required: true)
    let language = reader.string("language", required: true)
    let description = reader.string("description")
    let raw = reader.bool("raw_html")
    let allowScripts = reader.bool("allow_scripts")
    let directoryURLs = reader.bool("directory_urls")
    var basePath: String?
    var absoluteBaseURL: String?
    let baseURL = reader.string("base_url")
    if let baseURL {
        let text = baseURL.value
        if text.hasPrefix("/") {
            basePath = text
        } else if let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil {
            basePath = url.path.isEmpty ? "/" : url.path
            absoluteBaseURL = text.hasSuffix("/") ? text : text + "/"
        } else {
            diagnostics.append(
                .error(
                    baseURL.location, "'base_url' must be a web address or a path starting with '/'",
                    code: "site.base-url", hint: "for example 'https://www.gemeente.nl/gidsen/' or '/gidsen/'"))
        }
        if let path = basePath, !path.hasSuffix("/") { basePath = path + "/" }
    }
    var domains: [DomainDefinition] = []
    var seen = Set<String>()
    for item in reader.mappings("domains", required: true) {
        guard var entry = MappingReader(item, file: file, lineOffset: 0, what: "a domain", diagnostics: &diagnostics)
        else { continue }
        let declaredID = entry.string("id", required: true)
        let domainTitle = entry.string("title", required: true)
        let summary = entry.string("summary")
        entry.warnUnknownKeys(known: ["id", "title", "summary"], what: "a domain")
        diagnostics += entry.diagnostics
        guard let declared = declaredID, let domainTitle else { continue }
        let id = checkedID(declared, what: "domain id", diagnostics: &diagnostics)
        guard seen.insert(id.value).inserted else {
            diagnostics.append(
                .error(id.location, "domain id '\(id.value)' is declared twice", code: "site.duplicate-domain"))
            continue
        }
        domains.append(
            DomainDefinition(id: id.value, title: domainTitle.value, summary: summary?.value, location: id.location))
    }
    var accessibility: AccessibilityStatement?
    if let node = reader.node("accessibility"),
        var entry = MappingReader(
            node, file: file, lineOffset: 0, what: "'accessibility'", diagnostics: &diagnostics)
    {
        let organisation = entry.string("organisation", required: true)
        let statusText = entry.string("status", required: true)
        let date = entry.date("date")
        let contact = entry.string("contact")
        let measures = entry.string("measures")
        if date == nil && !entry.diagnostics.hasErrors {
            entry.diagnostics.append(
                .error(
                    entry.location, "missing required key 'date'", code: "frontmatter.missing-key",
                    hint: "the date of the statement, e.g. date: 2026-11-30"))
        }
        var status: AccessibilityStatement.Status?
        if let statusText {
            status = AccessibilityStatement.Status(rawValue: statusText.value)
            if status == nil {
                let values = AccessibilityStatement.Status.allCases.map(\.rawValue)
                entry.diagnostics.append(
                    .error(
                        statusText.location,
                        "unknown status '\(statusText.value)' (expected one of: \(values.joined(separator: ", ")))",
                        code: "site.accessibility-status",
                        hint: Suggestion.closest(to: statusText.value, among: values).map { "did you mean '\($0)'?" }))
            }
        }
        entry.warnUnknownKeys(known: Keys.names(Keys.accessibility), what: "'accessibility'")
        diagnostics += entry.diagnostics
        if let organisation, let status, let date {
            accessibility = AccessibilityStatement(
                organisation: organisation.value, status: status, date: date, contact: contact?.value,
                measures: measures?.value)
        }
    }
    var ignore: [String] = []
    if let node = reader.node("link_check"),
        var check = MappingReader(node, file: file, lineOffset: 0, what: "'link_check'", diagnostics: &diagnostics)
    {
        for pattern in check.stringList("ignore") {
            guard (try? NSRegularExpression(pattern: pattern.value)) != nil else {
                diagnostics.append(
                    .error(
                        pattern.location, "'\(pattern.value)' is not a regular expression",
                        code: "site.link-check-ignore",
                        hint: "escape special characters with a backslash, e.g. 'https://example\\.org/'"))
                continue
            }
            ignore.append(pattern.value)
        }
        check.warnUnknownKeys(known: ["ignore"], what: "'link_check'")
        diagnostics += check.diagnostics
    }
    reader.warnUnknownKeys(
        known: Keys.names(Keys.site), what: "the site file")
    diagnostics += reader.diagnostics
    // Decoding goes on past errors in other keys, so that later stages can still report
    // their problems in the same run; the build writes nothing while any error exists.
    guard let title, let language else { return nil }
    return SiteConfig(
        title: title.value, language: language.value, description: description?.value,
        rawHTML: raw?.value ?? false, allowScripts: allowScripts?.value ?? false, domains: domains, basePath: basePath,
        baseURL: absoluteBaseURL,
        directoryURLs: directoryURLs?.value ?? true, accessibility: accessibility, linkCheckIgnore: ignore, file: file)
}

/// Ids are what URLs and front matter refer to: they must already be slugs.
/// The id itself when it is a slug; otherwise an error, and the id's slug to carry on with, so
/// that pages using the intended id do not each get a follow-on error.
private func checkedID(_ id: Located<String>, what: String, diagnostics: inout [Diagnostic]) -> Located<String> {
    let slug = Slug.make(id.value)
    if slug == id.value { return id }
    diagnostics.append(
        .error(
            id.location, "\(what) '\(id.value)' may contain only lowercase letters, digits and '-'",
            code: "frontmatter.bad-id", hint: "write '\(slug)'"))
    return Located(slug, at: id.location)
}

private func decodeGuide(_ file: SourceFile, diagnostics: inout [Diagnostic]) -> GuideConfig? {
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
    let order = reader.int("order")
    var phases: [PhaseDefinition] = []
    var ids = Set<String>()
    for item in reader.mappings("phases") {
        guard var entry = MappingReader(item, file: file, lineOffset: 0, what: "a phase", diagnostics: &diagnostics)
        else { continue }
        let declaredID = entry.string("id", required: true)
        let phaseTitle = entry.string("title", required: true)
        let phaseSummary = entry.string("summary", required: true)
        entry.warnUnknownKeys(known: ["id", "title", "summary"], what: "a phase")
        diagnostics += entry.diagnostics
        guard let declared = declaredID, let phaseTitle, let phaseSummary else { continue }
        let id = checkedID(declared, what: "phase id", diagnostics: &diagnostics)
        guard ids.insert(id.value).inserted else {
            diagnostics.append(
                .error(id.location, "phase id '\(id.value)' is declared twice", code: "guide.duplicate-phase"))
            continue
        }
        phases.append(
            PhaseDefinition(id: id.value, title: phaseTitle.value, summary: phaseSummary.value, location: id.location))
    }
    var facets: [FacetDefinition] = []
    for item in reader.mappings("facets") {
        if let facet = decodeFacet(item, file: file, diagnostics: &diagnostics) {
            if facets.contains(where: { $0.id == facet.id }) {
                diagnostics.append(
                    .error(facet.location, "facet '\(facet.id)' is declared twice", code: "guide.duplicate-facet"))
            } else {
                facets.append(facet)
            }
        }
    }
    if !phases.isEmpty && !facets.isEmpty {
        diagnostics.append(
            .error(
                reader.location, "a guide has either phases or facets, not both", code: "guide.phases-and-facets"))
    }
    if reader.node("phases") == nil && reader.node("facets") == nil {
        diagnostics.append(
            .error(
                reader.location, "the guide declares neither phases nor facets", code: "guide.no-structure",
                hint: "add 'phases:' (a list of id, title, summary) or 'facets:' for a chooser"))
    }
    reader.warnUnknownKeys(known: Keys.names(Keys.guide), what: "the guide file")
    diagnostics += reader.diagnostics
    guard let title, let summary else { return nil }
    return GuideConfig(
        slug: Slug.make(folder), folder: folder, title: title.value, summary: summary.value, order: order,
        phases: phases, facets: facets, file: file)
}

/// Facet keys that a tool's own fields already use; a facet may not take them.
let toolKeys: Set<String> = Keys.names(Keys.page + Keys.tool)

private func decodeFacet(_ node: Node, file: SourceFile, diagnostics: inout [Diagnostic]) -> FacetDefinition? {
    guard var entry = MappingReader(node, file: file, lineOffset: 0, what: "a facet", diagnostics: &diagnostics)
    else { return nil }
    let id = entry.string("id", required: true)
    let title = entry.string("title", required: true)
    let type = entry.string("type")
    let multiple = entry.bool("multiple")?.value ?? true
    var values: [FacetValue] = []
    for item in entry.mappings("values") {
        guard
            var valueReader = MappingReader(
                item, file: file, lineOffset: 0, what: "a facet value", diagnostics: &diagnostics)
        else { continue }
        let valueID = valueReader.string("id", required: true)
        let valueTitle = valueReader.string("title", required: true)
        valueReader.warnUnknownKeys(known: ["id", "title"], what: "a facet value")
        diagnostics += valueReader.diagnostics
        if let valueID, let valueTitle {
            let id = checkedID(valueID, what: "facet value id", diagnostics: &diagnostics)
            values.append(FacetValue(id: id.value, title: valueTitle.value))
        }
    }
    entry.warnUnknownKeys(known: ["id", "title", "type", "multiple", "values"], what: "a facet")
    diagnostics += entry.diagnostics
    guard let id, let title else { return nil }
    // Facet ids are front-matter keys, so '_' is allowed (open_source).
    if id.value.contains(where: { !($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") }) {
        diagnostics.append(
            .error(
                id.location, "facet id '\(id.value)' may contain only lowercase letters, digits, '-' and '_'",
                code: "frontmatter.bad-id"))
        return nil
    }
    if toolKeys.contains(id.value) {
        diagnostics.append(
            .error(id.location, "facet id '\(id.value)' is already a tool key", code: "guide.reserved-facet"))
        return nil
    }
    let kind: FacetDefinition.Kind
    switch type?.value {
    case nil, "list": kind = .list(multiple: multiple)
    case "boolean":
        kind = .boolean
        values = [FacetValue(id: "ja", title: "Ja"), FacetValue(id: "nee", title: "Nee")]
    case let other?:
        diagnostics.append(
            .error(type!.location, "unknown facet type '\(other)' (expected list or boolean)", code: "guide.facet-type")
        )
        return nil
    }
    guard !values.isEmpty else {
        diagnostics.append(.error(id.location, "facet '\(id.value)' has no values", code: "guide.facet-values"))
        return nil
    }
    return FacetDefinition(id: id.value, title: title.value, kind: kind, values: values, location: id.location)
}

let pageKeys: Set<String> = Keys.names(Keys.page)

private func decodePage(_ file: SourceFile, guide: GuideConfig?, diagnostics: inout [Diagnostic]) -> PageSource? {
    let split = splitFrontMatter(file.text)
    if split.unclosed {
        diagnostics.append(
            .error(
                file.location(line: 1, column: 1), "front matter is not closed", code: "frontmatter.unclosed",
                hint: "end the front matter with a line '---'"))
        return nil
    }
    guard let yaml = split.yaml else {
        diagnostics.append(
            .error(
                file.location(line: 1, column: 1), "page has no front matter", code: "frontmatter.missing",
                hint: "start the file with '---', then 'title:' and 'summary:', then '---'"))
        return nil
    }
    guard let node = composeYAML(yaml, file: file, lineOffset: 1, diagnostics: &diagnostics) else {
        if !diagnostics.hasErrors {
            diagnostics.append(
                .error(
                    file.location(line: 1, column: 1), "front matter is empty", code: "frontmatter.empty",
                    hint: "add at least 'title:' and 'summary:'"))
        }
        return nil
    }
    guard var reader = MappingReader(node, file: file, lineOffset: 1, what: "front matter", diagnostics: &diagnostics)
    else { return nil }
    let type = reader.string("type")
    var kind = PageMetadata.Kind.page
    if let type {
        switch type.value {
        case "page": kind = .page
        case "tool": kind = .tool
        default:
            diagnostics.append(
                .error(type.location, "unknown type '\(type.value)' (expected page or tool)", code: "frontmatter.type"))
        }
    }
    if kind == .tool, let guide, guide.facets.isEmpty {
        diagnostics.append(
            .error(
                type!.location, "a tool must be in a chooser guide (a guide with facets)", code: "tool.not-in-chooser"))
    }
    let title = reader.string("title", required: true)
    let summary = reader.string("summary", required: true)
    let phase = reader.string("phase")
    let order = reader.int("order")
    let domains = reader.stringList("domains")
    var level: PageLevel?
    if let raw = reader.string("level") {
        level = PageLevel(rawValue: raw.value)
        if level == nil {
            diagnostics.append(
                .error(
                    raw.location, "unknown level '\(raw.value)' (expected one of: basis, verdieping)",
                    code: "page.level",
                    hint: Suggestion.closest(to: raw.value, among: PageLevel.allCases.map(\.rawValue))
                        .map { "did you mean '\($0)'?" }))
        }
    }
    let related = reader.stringList("related")
    let updated = reader.date("updated")
    let slug = reader.string("slug").map { checkedID($0, what: "slug", diagnostics: &diagnostics) }
    var known = pageKeys
    var facetValues: [String: [Located<String>]] = [:]
    var usedBy: [ToolUse] = []
    var tips: [String] = []
    var yields: String?, why: String?, inclusion: String?
    if kind == .tool, let guide {
        known.formUnion(toolKeys)
        for facet in guide.facets {
            known.insert(facet.id)
            switch facet.kind {
            case .boolean:
                if let value = reader.bool(facet.id) {
                    facetValues[facet.id] = [Located(value.value ? "ja" : "nee", at: value.location)]
                }
            case .list(let multiple):
                let values = reader.stringList(facet.id)
                if !multiple && values.count > 1 {
                    diagnostics.append(
                        .error(values[1].location, "facet '\(facet.id)' takes one value", code: "tool.facet-multiple"))
                }
                for value in values where !facet.values.contains(where: { $0.id == value.value }) {
                    let ids = facet.values.map(\.id)
                    diagnostics.append(
                        .error(
                            value.location,
                            "unknown value '\(value.value)' for facet '\(facet.id)' (expected one of: \(ids.joined(separator: ", ")))",
                            code: "tool.facet-value",
                            hint: Suggestion.closest(to: value.value, among: ids).map { "did you mean '\($0)'?" }))
                }
                if !values.isEmpty { facetValues[facet.id] = values }
            }
        }
        yields = reader.string("yields")?.value
        why = reader.string("why")?.value
        inclusion = reader.string("inclusie")?.value
        tips = reader.stringList("tips").map(\.value)
        for item in reader.mappings("used_by") {
            guard var use = MappingReader(item, file: file, lineOffset: 1, what: "used_by", diagnostics: &diagnostics)
            else { continue }
            let gemeente = use.string("gemeente", required: true)
            let url = use.string("url")
            use.warnUnknownKeys(known: ["gemeente", "url"], what: "used_by")
            diagnostics += use.diagnostics
            if let gemeente { usedBy.append(ToolUse(gemeente: gemeente.value, url: url)) }
        }
    }
    reader.warnUnknownKeys(known: known, what: kind == .tool ? "a tool's front matter" : "front matter")
    diagnostics += reader.diagnostics
    guard let title, let summary else { return nil }
    let metadata = PageMetadata(
        kind: kind, title: title.value, summary: summary.value, phase: phase, order: order, domains: domains,
        level: level, related: related, updated: updated, slug: slug, facetValues: facetValues, usedBy: usedBy,
        yields: yields, why: why, tips: tips, inclusion: inclusion)
    return PageSource(file: file, metadata: metadata, body: split.body, bodyLineOffset: split.bodyLineOffset)
}
