import CLibXML2
import Foundation
import GidsBuild
import GidsCore

/// Paths and helpers shared by the end-to-end tests.
enum Repo {
    /// The repository root (this file is Tests/GidsBuildTests/Support.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let fixtures = root + "/Tests/GidsBuildTests/Fixtures"
    static let templates = root + "/templates"
}

/// A fresh temporary folder, removed by the caller.
func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "gids-test-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Copies `source` into `destination`, merging folders and replacing files.
func overlay(_ source: String, onto destination: String) throws {
    let fm = FileManager.default
    guard let items = fm.enumerator(atPath: source) else { return }
    for case let item as String in items {
        var isDirectory: ObjCBool = false
        _ = fm.fileExists(atPath: source + "/" + item, isDirectory: &isDirectory)
        let target = destination + "/" + item
        if isDirectory.boolValue {
            try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
        } else {
            if fm.fileExists(atPath: target) { try fm.removeItem(atPath: target) }
            try fm.copyItem(atPath: source + "/" + item, toPath: target)
        }
    }
}

/// Every file below `root` by relative path, with its bytes.
func snapshot(_ root: String) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let items = FileManager.default.enumerator(atPath: root) else { return files }
    for case let item as String in items {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: root + "/" + item, isDirectory: &isDirectory)
        if !isDirectory.boolValue { files[item] = FileManager.default.contents(atPath: root + "/" + item) }
    }
    return files
}

/// Diagnostics as compiler-style lines without hints, with `prefix` removed from paths.
func lines(_ diagnostics: [Diagnostic], removing prefix: String) -> [String] {
    diagnostics.sortedForOutput().map { diagnostic in
        var copy = diagnostic
        copy.hint = nil
        return copy.formatted.replacingOccurrences(of: prefix, with: "")
    }
}

/// What one HTML file holds, read with libxml2's HTML parser.
struct HTMLFacts {
    var ids: [String] = []
    /// (attribute, value) of every href and src.
    var references: [(String, String)] = []
}

func readHTML(_ data: Data) -> HTMLFacts {
    var facts = HTMLFacts()
    let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
    let document = data.withUnsafeBytes { buffer in
        htmlReadMemory(
            buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil, "UTF-8", options)
    }
    guard let document else { return facts }
    defer { xmlFreeDoc(document) }
    func visit(_ node: xmlNodePtr?) {
        var current = node
        while let element = current {
            if element.pointee.type == XML_ELEMENT_NODE {
                var attribute = element.pointee.properties
                while let attr = attribute {
                    let name = String(cString: attr.pointee.name)
                    if let raw = xmlNodeGetContent(UnsafeMutableRawPointer(attr).assumingMemoryBound(to: xmlNode.self))
                    {
                        let value = String(cString: raw)
                        free(raw)
                        if name == "id" { facts.ids.append(value) }
                        if name == "href" || name == "src" { facts.references.append((name, value)) }
                    }
                    attribute = attr.pointee.next
                }
            }
            visit(element.pointee.children)
            current = element.pointee.next
        }
    }
    visit(xmlDocGetRootElement(document))
    return facts
}

/// Every href and src in the built site that does not resolve to a file, or whose fragment
/// matches no id in its target. Empty means the site's internal links are all intact.
/// Absolute paths are broken unless they start with `basePath` (the site's `base_url` path).
func brokenReferences(in site: String, basePath: String? = nil) -> [String] {
    let files = snapshot(site)
    var facts: [String: HTMLFacts] = [:]
    for (path, data) in files where path.hasSuffix(".html") { facts[path] = readHTML(data) }
    var broken: [String] = []
    for (path, fact) in facts.sorted(by: { $0.key < $1.key }) {
        for (_, value) in fact.references {
            if value.isEmpty { broken.append("\(path): empty reference"); continue }
            if value.contains(":") && !value.hasPrefix("./") && !value.hasPrefix("../") { continue }  // external
            var reference = value
            var fragment: String?
            if let hash = reference.firstIndex(of: "#") {
                fragment = String(reference[reference.index(after: hash)...]).removingPercentEncoding
                reference = String(reference[..<hash])
            }
            if let query = reference.firstIndex(of: "?") { reference = String(reference[..<query]) }
            var decoded = reference.removingPercentEncoding ?? reference
            var from = SitePath.directory(of: path)
            if decoded.hasPrefix("/") {
                guard let basePath, decoded.hasPrefix(basePath) else {
                    broken.append("\(path): \(value) is absolute")
                    continue
                }
                decoded = String(decoded.dropFirst(basePath.count))
                from = ""
                if decoded.isEmpty { decoded = "./" }
            }
            var target: String
            if decoded.isEmpty {
                target = path
            } else if let resolved = SitePath.resolve(decoded, against: from) {
                target = resolved.isEmpty || resolved.hasSuffix("/") ? resolved + "index.html" : resolved
            } else {
                broken.append("\(path): \(value) leaves the site")
                continue
            }
            guard files[target] != nil else {
                broken.append("\(path): \(value) → \(target) missing")
                continue
            }
            if let fragment, !fragment.isEmpty, !(facts[target]?.ids.contains(fragment) ?? false) {
                broken.append("\(path): \(value) → #\(fragment) not in \(target)")
            }
        }
    }
    return broken
}

/// Runs the site's search script under Node against a built index; returns ranked URLs.
func searchWithSiteScript(site: String, query: String, snippet: Bool = false) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
        [
            "node", Repo.fixtures + "/search-query.js", Repo.templates + "/assets/search.js",
            site + "/search-index.json",
            query,
        ] + (snippet ? ["--snippet"] : [])
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
}
