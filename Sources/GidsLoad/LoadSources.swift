import Foundation
import GidsCore

/// The load stage: walks `root` (sorted, hidden files skipped, symbolic links to directories
/// followed once), reads the site file, guide files and Markdown as text, and lists assets.
///
/// Errors (never thrown; returned as diagnostics): a missing or unreadable root, invalid
/// UTF-8 (with the line and column of the first bad byte), a file over ``maximumTextBytes``.
public func loadSources(root: String) -> (SourceTree, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    let display = root.hasSuffix("/") ? String(root.dropLast()) : root
    var files: [(path: String, disk: String, size: Int)] = []
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) || !isDirectory.boolValue {
        diagnostics.append(
            .error(
                SourceLocation(path: display), "content folder not found", code: "load.no-content",
                hint: "run gids in the project folder, or pass --content DIR"))
        var tree = SourceTree(rootDisplayPath: display, siteFile: nil, guideFiles: [], markdownFiles: [], assets: [])
        tree.isMissing = true
        return (tree, diagnostics)
    }
    var visited = Set<String>()
    walk(directory: root, relative: "", files: &files, visited: &visited, display: display, diagnostics: &diagnostics)
    files.sort { $0.path < $1.path }
    let pageCount = files.filter { $0.path.lowercased().hasSuffix(".md") }.count
    if pageCount > maximumPages {
        diagnostics.append(
            .error(
                SourceLocation(path: display), "\(pageCount) Markdown files; gids reads at most \(maximumPages)",
                code: "load.too-many-files", hint: "split the content into several sites"))
        var tree = SourceTree(rootDisplayPath: display, siteFile: nil, guideFiles: [], markdownFiles: [], assets: [])
        tree.isMissing = true
        return (tree, diagnostics)
    }
    // `--content content/mijngids`: every page would be "not in a guide folder"; say the cause once.
    if files.contains(where: { $0.path == "guide.yml" }) && !files.contains(where: { $0.path == "site.yml" }) {
        diagnostics.append(
            .error(
                SourceLocation(path: display + "/guide.yml"),
                "'\(display)' is a guide folder; gids builds the content folder that holds site.yml and the guides",
                code: "load.guide-folder",
                hint: "pass the folder above it: --content \(parentFolder(of: display))"))
        var tree = SourceTree(rootDisplayPath: display, siteFile: nil, guideFiles: [], markdownFiles: [], assets: [])
        tree.isMissing = true
        return (tree, diagnostics)
    }

    var site: SourceFile?
    var synonyms: SourceFile?
    var guides: [SourceFile] = []
    var markdown: [SourceFile] = []
    var assets: [AssetFile] = []
    enum Kind: Sendable { case site, synonyms, guide, markdown }
    var texts: [(file: (path: String, disk: String, size: Int), kind: Kind)] = []
    for file in files {
        let displayPath = display + "/" + file.path
        let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
        let depth = file.path.split(separator: "/").count
        let isSite = file.path == "site.yml"
        let isSynonyms = file.path == synonymsFileName
        let isGuide = depth == 2 && name == "guide.yml"
        // A README.md documents a folder for people browsing the repository; it is not a page.
        if name.lowercased() == "readme.md" { continue }
        let isMarkdown = name.lowercased().hasSuffix(".md")
        guard isSite || isGuide || isMarkdown || isSynonyms else {
            if name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
                diagnostics.append(
                    .warning(
                        SourceLocation(path: displayPath), "YAML file is not used", code: "load.unused-yaml",
                        hint:
                            "gids reads \(display)/site.yml, \(display)/synoniemen.yml and \(display)/<gids>/guide.yml only"
                    ))
            } else {
                assets.append(AssetFile(path: file.path, diskPath: file.disk, size: file.size))
            }
            continue
        }
        texts.append((file, isSite ? .site : isSynonyms ? .synonyms : isGuide ? .guide : .markdown))
    }
    // Reading and checking the text files is independent per file: all cores, results in order.
    let read = texts.concurrentMap { item -> (SourceFile?, [Diagnostic], Kind) in
        var own: [Diagnostic] = []
        let source = readText(
            file: item.file, displayPath: display + "/" + item.file.path, path: item.file.path, diagnostics: &own)
        return (source, own, item.kind)
    }
    for (source, problems, kind) in read {
        diagnostics += problems
        guard let source else { continue }
        switch kind {
        case .site: site = source
        case .synonyms: synonyms = source
        case .guide: guides.append(source)
        case .markdown: markdown.append(source)
        }
    }
    var tree = SourceTree(
        rootDisplayPath: display, siteFile: site, guideFiles: guides, markdownFiles: markdown, assets: assets)
    tree.commitDates = lastCommitDates(root: root)
    tree.synonymsFile = synonyms
    return (tree, diagnostics)
}

/// The folder above `path` as a user would type it: `content` for `content/gids`, `.` for
/// `gids`, `..` for `.`, `/` for `/gids`. (Foundation's `deletingLastPathComponent` traps on `.`.)
func parentFolder(of path: String) -> String {
    var parts = path.split(separator: "/", omittingEmptySubsequences: false)
    while parts.count > 1, parts.last == "" { parts.removeLast() }
    guard let last = parts.last, last != ".", last != ".." else {
        return parts == ["."] ? ".." : parts.joined(separator: "/") + "/.."
    }
    parts.removeLast()
    if parts.isEmpty { return "." }
    if parts == [""] { return "/" }
    return parts.joined(separator: "/")
}

/// Reads one Markdown file of the content folder again (`gids serve`): nil with no diagnostic
/// when it no longer exists; nil with a diagnostic when it cannot be used (see ``loadSources(root:)``).
public func readSourceFile(diskPath: String, path: String, displayPath: String) -> (SourceFile?, [Diagnostic]) {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: diskPath),
        (attributes[.type] as? FileAttributeType) == .typeRegular
    else { return (nil, []) }
    var diagnostics: [Diagnostic] = []
    let file = readText(
        file: (path, diskPath, (attributes[.size] as? Int) ?? 0), displayPath: displayPath, path: path,
        diagnostics: &diagnostics)
    return (file, diagnostics)
}

/// Reads one text file: size limit, NUL bytes, UTF-8, line ends. Nil (with a diagnostic) when it
/// cannot be used.
func readText(
    file: (path: String, disk: String, size: Int), displayPath: String, path: String, diagnostics: inout [Diagnostic]
) -> SourceFile? {
    if file.size > maximumTextBytes {
        diagnostics.append(
            .error(
                SourceLocation(path: displayPath),
                "file is \(file.size) bytes; text files may be at most \(maximumTextBytes) bytes",
                code: "load.too-large"))
        return nil
    }
    guard let data = FileManager.default.contents(atPath: file.disk) else {
        diagnostics.append(.error(SourceLocation(path: displayPath), "cannot read file", code: "load.unreadable"))
        return nil
    }
    let nulOffset = data.withUnsafeBytes { raw -> Int? in
        guard let base = raw.baseAddress, let hit = memchr(base, 0, raw.count) else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }
    if let nul = nulOffset.map({ data.startIndex + $0 }) {
        // Valid UTF-8 can hold NUL bytes; no text an editor writes does.
        let before = data[data.startIndex..<nul]
        let line = before.filter { $0 == 0x0A }.count + 1
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? data.startIndex
        let column = String(decoding: data[lineStart..<nul], as: UTF8.self).unicodeScalars.count + 1
        diagnostics.append(
            .error(
                SourceLocation(path: displayPath, line: line, column: column),
                "this is a binary file, not text (it contains NUL bytes)", code: "load.binary",
                hint: "a .md file must be text; rename or remove this file"))
        return nil
    }
    switch decodeText(data) {
    case .success(let text):
        return SourceFile(path: path, displayPath: displayPath, text: text)
    case .failure(let position):
        diagnostics.append(
            .error(
                SourceLocation(path: displayPath, line: position.line, column: position.column),
                "invalid UTF-8", code: "load.invalid-utf8",
                hint: "save the file as UTF-8 (in Word: Opslaan als, Codering: Unicode UTF-8)"))
        return nil
    }
}

/// Hidden files that are published all the same: server settings and well-known URIs (RFC 8615).
let publishedDotfiles: Set<String> = [".htaccess", ".well-known"]

/// The search synonyms file at the content root.
public let synonymsFileName = "synoniemen.yml"

/// Largest site, guide or Markdown file read, in bytes (10 MiB).
public let maximumTextBytes = 10 * 1024 * 1024
/// Most Markdown files in one content folder; more is an error rather than unbounded memory.
public let maximumPages = 200_000
/// Deepest folder nesting under `content/` that is read.
public let maximumFolderDepth = 32

func walk(
    directory: String, relative: String, files: inout [(path: String, disk: String, size: Int)],
    visited: inout Set<String>, display: String, diagnostics: inout [Diagnostic], exclude: [String] = []
) {
    let real = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
    guard visited.insert(real).inserted else {
        diagnostics.append(
            .warning(
                SourceLocation(path: display + "/" + relative), "folder visited twice (symbolic link loop); skipped",
                code: "load.symlink-loop"))
        return
    }
    if relative.split(separator: "/").count > maximumFolderDepth {
        diagnostics.append(
            .error(
                SourceLocation(path: display + "/" + relative),
                "folders are nested more than \(maximumFolderDepth) deep; this folder is not read",
                code: "load.too-deep"))
        return
    }
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    for name in names.sorted() where !name.hasPrefix(".") || publishedDotfiles.contains(name) {
        if exclude.contains(where: { fnmatch($0, name, 0) == 0 }) { continue }
        let disk = directory + "/" + name
        let rel = relative.isEmpty ? name : relative + "/" + name
        // One stat(2) per entry (following symbolic links, as reading the file does): what it
        // is and its size. FileManager's two calls per file were most of loading a large site.
        var status = stat()
        guard stat(disk, &status) == 0 else { continue }
        if status.st_mode & S_IFMT == S_IFDIR {
            walk(
                directory: disk, relative: rel, files: &files, visited: &visited, display: display,
                diagnostics: &diagnostics, exclude: exclude)
        } else {
            files.append((rel, disk, Int(status.st_size)))
        }
    }
}

/// A 1-based line and column of the first invalid byte.
struct TextPosition: Error, Equatable {
    let line: Int
    let column: Int
}

/// UTF-8 decoding with BOM removal and line-ending normalisation (CRLF and CR → LF).
func decodeText(_ data: Data) -> Result<String, TextPosition> {
    // Most files: no BOM, no CR; validated straight from the file's bytes, copied once.
    let hasBOM = data.starts(with: [0xEF, 0xBB, 0xBF])
    // memchr: a byte-by-byte `contains` over the text was a per cent of a whole build.
    let hasCR = data.withUnsafeBytes { raw in raw.baseAddress.map { memchr($0, 0x0D, raw.count) != nil } ?? false }
    if !hasBOM, !hasCR,
        let decoded = data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) })
    {
        return .success(decoded)
    }
    var bytes = [UInt8](data)
    if hasBOM { bytes.removeFirst(3) }
    guard let decoded = String(validating: bytes, as: UTF8.self) else {
        return .failure(firstInvalidPosition(bytes))
    }
    guard bytes.contains(0x0D) else { return .success(decoded) }
    // CR is never part of a multi-byte sequence, so bytes can be rewritten after validation.
    var normalized: [UInt8] = []
    normalized.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x0D {
            normalized.append(0x0A)
            if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
        } else {
            normalized.append(byte)
        }
        index += 1
    }
    return .success(String(decoding: normalized, as: UTF8.self))
}

private func firstInvalidPosition(_ bytes: [UInt8]) -> TextPosition {
    var line = 1
    var column = 1
    var index = 0
    while index < bytes.count {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: length = 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return TextPosition(line: line, column: column)
        }
        guard index + length <= bytes.count,
            String(validating: bytes[index..<index + length], as: UTF8.self) != nil
        else { return TextPosition(line: line, column: column) }
        if lead == 0x0A {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += length
    }
    return TextPosition(line: line, column: column)
}
