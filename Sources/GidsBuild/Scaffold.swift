import Foundation
import GidsCore
import GidsFrontMatter
import GidsLoad
import GidsRender

/// Why `gids new` or `gids schema` could not do what was asked (exit code 2 for bad arguments,
/// 1 for a file that already exists or content that does not load).
public struct ScaffoldError: Error, CustomStringConvertible {
    public let description: String
    public let isUsageError: Bool
}

/// Loads the content model for `gids new` and `gids schema`; errors in the content stop them.
func loadModel(_ contentDirectory: String) throws -> ContentModel {
    let (tree, loadDiagnostics) = loadSources(root: contentDirectory)
    let (model, diagnostics) = decodeContent(tree)
    let errors = (loadDiagnostics + diagnostics).filter { $0.severity == .error }
    if !errors.isEmpty {
        throw ScaffoldError(
            description: errors.sortedForOutput().map(\.formatted).joined(separator: "\n")
                + "\nfix these first ('gids check' lists them)", isUsageError: false)
    }
    return model
}

/// Creates `content/<guide>/<slug>.md` for a new page in `phase`, or for a tool when `phase` is
/// nil (in the guide's chooser), with valid front matter and a short Dutch guide to writing it.
/// The slug comes from ``Slug/make(_:)``, the function that makes every URL. Never overwrites.
///
/// Returns the path written. Throws ``ScaffoldError`` for an unknown guide or phase (with a
/// did-you-mean), a guide of the wrong kind, or an existing file.
public func scaffold(
    contentDirectory: String, guide guideName: String?, phase: String?, title: String, summary: String? = nil,
    today: Date = Date()
) throws -> String {
    let model = try loadModel(contentDirectory)
    let isTool = phase == nil
    let candidates = model.guides.filter { isTool ? !$0.facets.isEmpty : !$0.phases.isEmpty }
    let guide: GuideConfig
    if let guideName {
        guard let found = model.guides.first(where: { $0.slug == guideName || $0.folder == guideName }) else {
            let hint = Suggestion.closest(to: guideName, among: model.guides.map(\.slug)).map {
                " (did you mean '\($0)'?)"
            }
            throw ScaffoldError(
                description:
                    "unknown guide '\(guideName)'\(hint ?? ""); guides: \(model.guides.map(\.slug).joined(separator: ", "))",
                isUsageError: true)
        }
        guide = found
    } else if candidates.count == 1 {
        guide = candidates[0]
    } else {
        throw ScaffoldError(
            description: "name the guide with --guide (one of: \(candidates.map(\.slug).joined(separator: ", ")))",
            isUsageError: true)
    }
    if isTool && guide.facets.isEmpty {
        throw ScaffoldError(
            description: "'\(guide.slug)' is not a chooser: tools belong in a guide with facets", isUsageError: true)
    }
    if let phase, !guide.phases.contains(where: { $0.id == phase }) {
        let ids = guide.phases.map(\.id)
        let hint = Suggestion.closest(to: phase, among: ids).map { "did you mean '\($0)'? " } ?? ""
        throw ScaffoldError(
            description: "unknown phase '\(phase)' in '\(guide.slug)'; \(hint)phases: \(ids.joined(separator: ", "))",
            isUsageError: true)
    }
    let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { throw ScaffoldError(description: "the title is empty", isUsageError: true) }
    let slug = Slug.make(trimmed)
    let path = contentDirectory + "/" + guide.folder + "/" + slug + ".md"
    guard !FileManager.default.fileExists(atPath: path) else {
        throw ScaffoldError(description: "\(path) already exists; choose another title", isUsageError: false)
    }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone.current
    let parts = calendar.dateComponents([.year, .month, .day], from: today)
    let date = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    var lines = ["---", "title: \(yamlText(trimmed))"]
    if isTool {
        lines += [
            "type: tool",
            "summary: \(summary.map(yamlText) ?? Placeholder.toolSummary)",
            "yields: \(Placeholder.yields)",
            "why: \(Placeholder.why)",
        ]
    } else {
        lines += [
            "summary: \(summary.map(yamlText) ?? Placeholder.pageSummary)",
            "phase: \(phase!)",
        ]
    }
    lines += ["updated: \(date)", "---", ""]
    lines += [
        "Schrijf hier de tekst. Begin elke paragraaf met een kop van twee hekjes, zoals hieronder.",
        "",
        "## Eerste onderwerp",
        "",
        "Link naar een andere pagina met de naam van het bestand, bijvoorbeeld",
        "`[tekst van de link](andere-pagina.md)`. Zie docs/redactiehandleiding.md.",
        "",
    ]
    try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
    return path
}

/// Writes the JSON Schemas for `contentDirectory` into `outputDirectory`; returns the paths.
public func writeSchemas(contentDirectory: String, outputDirectory: String) throws -> [String] {
    let model = try loadModel(contentDirectory)
    try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
    var written: [String] = []
    for (name, text) in jsonSchemas(for: model).sorted(by: { $0.key < $1.key }) {
        let path = outputDirectory + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        written.append(path)
    }
    return written
}

/// Writes the template context fields (``FieldReference``) into the README at `readme`,
/// between its markers (appended when it has none; the file is made when missing).
/// Errors: the file cannot be written.
public func writeFieldReference(readme: String) throws {
    let old = (try? String(contentsOfFile: readme, encoding: .utf8)) ?? "# Templates\n"
    try Data(FieldReference.updating(old).utf8).write(to: URL(fileURLWithPath: readme), options: .atomic)
}

/// A YAML plain scalar when safe, else double-quoted.
private func yamlText(_ text: String) -> String {
    let special = ":#'\"[]{},&*!|>%@`"
    let plain =
        !text.contains(where: { special.contains($0) }) && !text.hasPrefix("-") && !text.hasPrefix("?")
        && !["true", "false", "null", "~"].contains(text.lowercased()) && Double(text) == nil
    if plain { return text }
    return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}
