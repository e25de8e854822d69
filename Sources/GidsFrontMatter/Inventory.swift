import Foundation
import GidsCore
import GidsLoad
import Yams

/// How one front-matter key is used across a folder of Markdown (`gids init --from`).
public struct KeyUsage: Sendable {
    public enum Shape: String, Sendable { case text, number, list, mapping }
    public let key: String
    /// Pages that have the key.
    public var pages = 0
    /// The shape most values have.
    public var shape: Shape = .text
    /// True when at least one page gives a list (a taxonomy candidate, even if others give one value).
    public var hasLists = false
    /// Distinct values (items of lists counted one by one), in first-seen order; at most 50 kept.
    public var values: [String] = []
    /// True when more than 50 distinct values were seen.
    public var manyValues = false
    /// Pages whose value reads like a one- or two-sentence summary: text of 30 to 400
    /// characters, with spaces, ending in `.`, `!` or `?`.
    public var sentenceLike = 0
}

/// What `gids init --from` found in a folder of Markdown files.
public struct FolderInventory: Sendable {
    /// Markdown files read.
    public var pages = 0
    /// Pages without front matter (or with empty front matter).
    public var withoutFrontMatter = 0
    /// Pages whose text has Liquid (`{{ … }}` or `{% … %}`), which gids does not run.
    public var withLiquid = 0
    /// Keys by number of pages using them, most used first, then by name.
    public var keys: [KeyUsage] = []
    /// Every page's values of each key (a list's items; one for a single value), by key and
    /// content path.
    public var pageValues: [String: [String: [String]]] = [:]
}

/// Whether `text` reads like a one- or two-sentence summary (see ``KeyUsage/sentenceLike``).
func readsLikeASummary(_ text: String) -> Bool {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    let length = trimmed.count
    guard length >= 30, length <= 400, trimmed.contains(" "), let last = trimmed.last else { return false }
    return last == "." || last == "!" || last == "?"
}

/// Reads the front matter of every Markdown file of `tree` (YAML parsed with Yams; files
/// whose front matter does not parse count as without) and lists its keys with counts,
/// shapes and example values.
public func inventory(of tree: SourceTree) -> FolderInventory {
    var result = FolderInventory()
    var usage: [String: KeyUsage] = [:]
    var shapes: [String: [KeyUsage.Shape: Int]] = [:]
    for file in tree.markdownFiles {
        result.pages += 1
        if file.text.contains("{%") || file.text.contains("{{") { result.withLiquid += 1 }
        let split = splitFrontMatter(file.text)
        var ignored: [Diagnostic] = []
        guard let yaml = split.yaml, let node = composeYAML(yaml, file: file, lineOffset: 1, diagnostics: &ignored),
            case .mapping(let mapping) = node
        else {
            result.withoutFrontMatter += 1
            continue
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            var entry = usage[key] ?? KeyUsage(key: key)
            entry.pages += 1
            var seen: [String] = []
            switch value {
            case .scalar(let scalar):
                shapes[key, default: [:]][Int(scalar.string) != nil ? .number : .text, default: 0] += 1
                seen = [scalar.string]
                if readsLikeASummary(scalar.string) { entry.sentenceLike += 1 }
            case .sequence(let items):
                shapes[key, default: [:]][.list, default: 0] += 1
                entry.hasLists = true
                seen = items.compactMap(\.string)
            case .mapping:
                shapes[key, default: [:]][.mapping, default: 0] += 1
            case .alias:
                break
            }
            if !seen.isEmpty { result.pageValues[key, default: [:]][file.path] = seen }
            for value in seen where !value.isEmpty && !entry.values.contains(value) {
                if entry.values.count < 50 { entry.values.append(value) } else { entry.manyValues = true }
            }
            usage[key] = entry
        }
    }
    for (key, counts) in shapes {
        usage[key]?.shape = counts.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }?.key ?? .text
    }
    result.keys = usage.values.sorted { ($1.pages, $0.key) < ($0.pages, $1.key) }
    return result
}
