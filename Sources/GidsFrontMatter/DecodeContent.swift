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
public func decodeContent(_ tree: SourceTree, cache: DecodeCache? = nil) -> (ContentModel, [Diagnostic]) {
    var precomputed: [String: DecodeCache.Entry] = [:]
    /// A page decoded before with the same text and the same guide file is taken from `cache`;
    /// the others were decoded in parallel into `precomputed`.
    func decodePage(_ file: SourceFile, guide: GuideConfig?, diagnostics: inout [Diagnostic]) -> PageSource? {
        let guideText = guide?.file.text ?? ""
        if let entry = cache?.entries[file.path] ?? precomputed[file.path], entry.text == file.text,
            entry.guideText == guideText
        {
            diagnostics += entry.diagnostics
            cache?.entries[file.path] = entry
            return entry.page
        }
        var own: [Diagnostic] = []
        let page = GidsFrontMatter.decodePage(file, guide: guide, diagnostics: &own)
        cache?.entries[file.path] = .init(text: file.text, guideText: guideText, page: page, diagnostics: own)
        diagnostics += own
        return page
    }
    var diagnostics: [Diagnostic] = []
    var site: SiteConfig?
    if let file = tree.siteFile {
        site = decodeSite(file, diagnostics: &diagnostics)
    } else if !tree.isMissing {
        diagnostics.append(
            .error(
                SourceLocation(path: tree.displayPath(of: "site.yml")), "site file not found",
                code: "site.missing",
                hint: "create \(tree.displayPath(of: "site.yml")) with title, language and domains"))
    }
    let guides = tree.guideFiles.compactMap { decodeGuide($0, diagnostics: &diagnostics) }
    let guideFolders = Set(guides.map(\.folder))
    let declaredFolders = Set(tree.guideFiles.map { String($0.path.split(separator: "/")[0]) })
    // YAML decoding is most of this stage, and each page is independent: all cores.
    let guideOf = Dictionary(guides.map { ($0.folder, $0) }, uniquingKeysWith: { first, _ in first })
    let work = tree.markdownFiles.compactMap { file -> (SourceFile, GuideConfig?)? in
        let folder = file.path.split(separator: "/").count == 1 ? nil : String(file.path.split(separator: "/")[0])
        let guide = folder.flatMap { guideOf[$0] }
        if folder != nil && guide == nil { return nil }
        if let entry = cache?.entries[file.path], entry.text == file.text, entry.guideText == (guide?.file.text ?? "") {
            return nil
        }
        return (file, guide)
    }
    for entry in work.concurrentMap({ file, guide -> (String, DecodeCache.Entry) in
        var own: [Diagnostic] = []
        let page = GidsFrontMatter.decodePage(file, guide: guide, diagnostics: &own)
        return (file.path, .init(text: file.text, guideText: guide?.file.text ?? "", page: page, diagnostics: own))
    }) {
        precomputed[entry.0] = entry.1
    }
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
    // Byte by byte, in the string's own storage: every page goes through here, and only the
    // delimiter lines matter.
    var text = text
    guard let (yamlEnd, bodyStart, bodyLineOffset) = text.withUTF8({ frontMatterEnd(in: $0) }) else {
        return (nil, text, 0, true)
    }
    // Cut at line ends of valid text: the parts are copied, not decoded again.
    let utf8 = text.utf8
    let yaml = String(text[utf8.index(utf8.startIndex, offsetBy: 4)..<utf8.index(utf8.startIndex, offsetBy: yamlEnd)])
    let body = String(text[utf8.index(utf8.startIndex, offsetBy: bodyStart)...])
    return (yaml, body, bodyLineOffset, false)
}

/// Where the front matter of a text that starts with `---` ends (byte offset of the YAML's
/// end), where the body starts (byte offset) and the body's line offset; nil when the front
/// matter is not closed.
private func frontMatterEnd(in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
    var lineStart = min(4, bytes.count)
    var index = 0
    while lineStart < bytes.count || (lineStart == bytes.count && bytes.count > 3 && bytes.last == 0x0A) {
        let lineEnd =
            memchr(bytes.baseAddress! + lineStart, 0x0A, bytes.count - lineStart).map {
                bytes.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self))
            } ?? bytes.count
        if isDelimiter(bytes[lineStart..<lineEnd]) {
            return (max(4, lineStart - 1), min(lineEnd + 1, bytes.count), index + 2)
        }
        if lineEnd == bytes.count { break }
        lineStart = lineEnd + 1
        index += 1
    }
    return nil
}

/// A line that closes front matter: `---` or `...`, with white space around it.
private func isDelimiter(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 }), first == 0x2D || first == 0x2E || first >= 0x80
    else { return false }
    let trimmed = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    return trimmed == "---" || trimmed == "..."
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
    let allowExternalImages = reader.bool("allow_external_images")
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
    var config = SiteConfig(
        title: title.value, language: language.value, description: description?.value,
        rawHTML: raw?.value ?? false, allowScripts: allowScripts?.value ?? false, domains: domains, basePath: basePath,
        baseURL: absoluteBaseURL,
        directoryURLs: directoryURLs?.value ?? true, accessibility: accessibility, linkCheckIgnore: ignore, file: file)
    config.allowExternalImages = allowExternalImages?.value ?? false
    if let node = reader.node("texts"),
        var entry = MappingReader(node, file: file, lineOffset: 0, what: "'texts'", diagnostics: &diagnostics)
    {
        if let text = entry.string("domains_intro") { config.texts.domainsIntro = text.value }
        if let text = entry.string("search_examples") { config.texts.searchExamples = text.value }
        entry.warnUnknownKeys(known: Keys.names(Keys.siteTexts), what: "'texts'")
        diagnostics += entry.diagnostics
    }
    return config
}

/// Ids are what URLs and front matter refer to: they must already be slugs.
/// The id itself when it is a slug; otherwise an error, and the id's slug to carry on with, so
/// that pages using the intended id do not each get a follow-on error.
func checkedID(_ id: Located<String>, what: String, diagnostics: inout [Diagnostic]) -> Located<String> {
    let slug = Slug.make(id.value)
    if slug == id.value { return id }
    diagnostics.append(
        .error(
            id.location, "\(what) '\(id.value)' may contain only lowercase letters, digits and '-'",
            code: "frontmatter.bad-id", hint: "write '\(slug)'"))
    return Located(slug, at: id.location)
}

let pageKeys: Set<String> = Keys.names(Keys.page)

///
/// In a guide with `strict: false` (an imported knowledge base being cleaned up) every problem
/// of the page's front matter is a warning, and the page is built with what could be read: a
/// page whose YAML cannot be read at all gets its title and summary from its text.
func decodePage(_ file: SourceFile, guide: GuideConfig?, diagnostics: inout [Diagnostic]) -> PageSource? {
    guard let guide, !guide.strict else { return decodePageStrictly(file, guide: guide, diagnostics: &diagnostics) }
    var own: [Diagnostic] = []
    let page = decodePageStrictly(file, guide: guide, diagnostics: &own)
    diagnostics += own.map { diagnostic in
        var softened = diagnostic
        if softened.severity == .error { softened.severity = .warning }
        return softened
    }
    if let page { return page }
    let split = splitFrontMatter(file.text)
    return PageSource(
        file: file, metadata: PageMetadata(kind: .page, title: "", summary: "", hasTitle: false, phaseAxis: nil),
        body: split.unclosed ? file.text : split.body, bodyLineOffset: split.unclosed ? 0 : split.bodyLineOffset)
}

/// ``decodePage(_:guide:diagnostics:)`` with every problem as it is: nil when the page cannot
/// be used.
private func decodePageStrictly(_ file: SourceFile, guide: GuideConfig?, diagnostics: inout [Diagnostic])
    -> PageSource?
{
    let rules = guide?.frontMatter ?? FrontMatterRules()
    let split = splitFrontMatter(file.text)
    if split.unclosed {
        diagnostics.append(
            .error(
                file.location(line: 1, column: 1), "front matter is not closed", code: "frontmatter.unclosed",
                hint: "end the front matter with a line '---'"))
        return nil
    }
    // A guide that does not require a title reads pages without front matter (an imported
    // knowledge base): the graph stage takes the title from the first heading and says so.
    let tolerant = !rules.titleRequired && !rules.summaryRequired
    let empty = PageSource(
        file: file, metadata: PageMetadata(kind: .page, title: "", summary: "", hasTitle: false, phaseAxis: nil),
        body: split.body, bodyLineOffset: split.bodyLineOffset)
    guard let yaml = split.yaml else {
        if tolerant && guide?.phaseTaxonomy?.required != true { return empty }
        diagnostics.append(
            .error(
                file.location(line: 1, column: 1), "page has no front matter", code: "frontmatter.missing",
                hint: "start the file with '---', then 'title:' and 'summary:', then '---'"))
        return nil
    }
    guard let node = composeYAML(yaml, file: file, lineOffset: 1, diagnostics: &diagnostics) else {
        if !diagnostics.hasErrors {
            if tolerant && guide?.phaseTaxonomy?.required != true { return empty }
            diagnostics.append(
                .error(
                    file.location(line: 1, column: 1), "front matter is empty", code: "frontmatter.empty",
                    hint: "add at least 'title:' and 'summary:'"))
        }
        return nil
    }
    guard var reader = MappingReader(node, file: file, lineOffset: 1, what: "front matter", diagnostics: &diagnostics)
    else { return nil }
    reader.applyAliases(rules.aliases)
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
    let title = reader.string("title", required: rules.titleRequired)
    let summary = reader.string("summary", required: rules.summaryRequired)
    if let warning = Placeholder.warning("summary", summary) { diagnostics.append(warning) }
    for (key, value) in [("title", title), ("summary", summary)] {
        if let warning = Placeholder.entityWarning(key, value) { diagnostics.append(warning) }
    }
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
    let aliases = reader.stringList("aliases")
    var known = pageKeys.union(rules.ignore)
    var terms: [String: [Located<String>]] = [:]
    if let guide {
        if guide.phaseAxisRejected {
            known.insert("phase")
        } else if guide.phaseAxis == nil, reader.node("phase") != nil, let phase = reader.string("phase") {
            diagnostics.append(
                .warning(
                    phase.location, "guide '\(guide.title)' has no phases; 'phase' is ignored",
                    code: "page.phase-ignored"))
        }
        for taxonomy in guide.taxonomies where !taxonomy.facet || kind == .tool {
            known.insert(taxonomy.key)
            let values = readTerms(taxonomy, guide: guide, reader: &reader, file: file, diagnostics: &diagnostics)
            if !values.isEmpty { terms[taxonomy.id] = values }
        }
    }
    var usedBy: [ToolUse] = []
    var tips: [String] = []
    var yields: String?, why: String?, inclusion: String?
    if kind == .tool, guide != nil {
        known.formUnion(toolKeys)
        let yieldsText = reader.string("yields"), whyText = reader.string("why")
        for (key, value) in [("yields", yieldsText), ("why", whyText)] {
            if let warning = Placeholder.warning(key, value) { diagnostics.append(warning) }
        }
        (yields, why) = (yieldsText?.value, whyText?.value)
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
    if rules.titleRequired && title == nil { return nil }
    if rules.summaryRequired && summary == nil { return nil }
    var metadata = PageMetadata(
        kind: kind, title: title?.value ?? "", summary: summary?.value ?? "", hasTitle: title != nil,
        phaseAxis: guide?.phaseAxis, order: order, domains: domains, level: level, related: related,
        updated: updated, slug: slug, terms: terms, usedBy: usedBy, yields: yields, why: why, tips: tips,
        inclusion: inclusion)
    metadata.aliases = aliases
    return PageSource(file: file, metadata: metadata, body: split.body, bodyLineOffset: split.bodyLineOffset)
}

/// The declared values of `taxonomy` on one page, checked: unknown values are errors with a
/// did-you-mean, a second value of a single-valued taxonomy is an error, and a required
/// taxonomy without a value is an error at the top of the file.
private func readTerms(
    _ taxonomy: TaxonomyDefinition, guide: GuideConfig, reader: inout MappingReader, file: SourceFile,
    diagnostics: inout [Diagnostic]
) -> [Located<String>] {
    let isPhase = taxonomy.id == guide.phaseAxis
    var values: [Located<String>]
    switch taxonomy.kind {
    case .boolean:
        values = reader.bool(taxonomy.key).map { [Located($0.value ? "ja" : "nee", at: $0.location)] } ?? []
    case .list(let multiple):
        values = reader.stringList(taxonomy.key)
        if !multiple && values.count > 1 {
            diagnostics.append(
                .error(
                    values[1].location, "\(taxonomy.facet ? "facet" : "taxonomy") '\(taxonomy.key)' takes one value",
                    code: taxonomy.facet ? "tool.facet-multiple" : "page.term-multiple"))
        }
    }
    let ids = taxonomy.values.map(\.id)
    // A value written as its title (`Zaakgericht werken` for `zaakgericht-werken`) is that value.
    values = values.map { value in
        ids.contains(value.value) || !ids.contains(Slug.make(value.value))
            ? value : Located(Slug.make(value.value), at: value.location)
    }
    let written = values
    values = values.filter { value in
        if ids.contains(value.value) { return true }
        // `uitvoeren, evalueren` is one text in YAML: a list needs brackets.
        let parts = value.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let listHint =
            parts.count > 1 && parts.allSatisfy({ ids.contains($0) || ids.contains(Slug.make($0)) })
            ? "write a list: \(taxonomy.key): [\(parts.joined(separator: ", "))]" : nil
        let hint = listHint ?? Suggestion.closest(to: value.value, among: ids).map { "did you mean '\($0)'?" }
        let expected = "(expected one of: \(ids.joined(separator: ", ")))"
        if isPhase {
            diagnostics.append(
                .error(
                    value.location, "unknown phase '\(value.value)' \(expected)", code: "page.unknown-phase", hint: hint
                )
            )
        } else if taxonomy.facet {
            diagnostics.append(
                .error(
                    value.location, "unknown value '\(value.value)' for facet '\(taxonomy.id)' \(expected)",
                    code: "tool.facet-value", hint: hint))
        } else {
            diagnostics.append(
                .error(
                    value.location, "unknown value '\(value.value)' for '\(taxonomy.key)' \(expected)",
                    code: "page.unknown-term", hint: hint))
        }
        return false
    }
    if taxonomy.required && written.isEmpty {
        // Absent, empty or an empty list: the page has no value.
        let at = reader.keyLocation(taxonomy.key) ?? file.location(line: 1, column: 1)
        diagnostics.append(
            .error(
                at,
                reader.keyLocation(taxonomy.key) == nil
                    ? "missing required key '\(taxonomy.key)'" : "'\(taxonomy.key)' has no value",
                code: "frontmatter.missing-key", hint: "one of: \(ids.joined(separator: ", "))"))
    }
    return values
}

/// Decoded pages kept between builds of one session (`gids serve`): an entry is used again
/// while the file's text and its guide file's text are unchanged. Not thread-safe; one build
/// at a time.
public final class DecodeCache: @unchecked Sendable {
    struct Entry: Sendable {
        let text: String
        let guideText: String
        let page: PageSource?
        let diagnostics: [Diagnostic]
    }
    var entries: [String: Entry] = [:]

    public init() {}

    /// True when the page at `path` was decoded with a `summary:` of its own (not one to take
    /// from its first paragraph).
    public func hasWrittenSummary(_ path: String) -> Bool {
        entries[path]?.page.map { !$0.metadata.summary.isEmpty } ?? false
    }
}
