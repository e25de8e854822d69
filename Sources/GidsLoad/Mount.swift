import Foundation
import GidsCore

/// Adds the files of `directory`, a knowledge base kept outside `content/` (a guide's
/// `source:`), to `tree` as if they were in the guide folder `folder`: `intro.md` in the
/// directory becomes `<folder>/intro.md`. Diagnostics name the files where they are on disk
/// (`displayDirectory/intro.md`).
///
/// Every Markdown file is a page (a `README.md` too, unlike in `content/`: another
/// generator may publish it); every other file, YAML included, is an asset. Names matching one of
/// `exclude` (shell patterns, `fnmatch(3)`, against each file or folder name: `_*`, `Gemfile`)
/// are left out, as are hidden files. The limits of ``loadSources(root:)`` apply.
///
/// Errors (returned, never thrown): a missing directory; the file errors of ``loadSources(root:)``.
public func mount(
    _ directory: String, displayDirectory: String, at folder: String, exclude: [String], into tree: inout SourceTree
) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
        return [
            .error(
                SourceLocation(path: displayDirectory), "source folder not found", code: "load.no-source",
                hint: "'source:' in the guide file is relative to the guide file's folder")
        ]
    }
    var files: [(path: String, disk: String, size: Int)] = []
    var visited = Set<String>()
    walk(
        directory: directory, relative: "", files: &files, visited: &visited, display: displayDirectory,
        diagnostics: &diagnostics, exclude: exclude)
    files.sort { $0.path < $1.path }
    var markdown = tree.markdownFiles
    var assets = tree.assets
    for file in files {
        let displayPath = displayDirectory + "/" + file.path
        let path = folder + "/" + file.path
        guard file.path.lowercased().hasSuffix(".md") else {
            assets.append(AssetFile(path: path, diskPath: file.disk, size: file.size))
            continue
        }
        if let source = readText(file: file, displayPath: displayPath, path: path, diagnostics: &diagnostics) {
            markdown.append(source)
        }
    }
    markdown.sort { $0.path < $1.path }
    assets.sort { $0.path < $1.path }
    var mounted = SourceTree(
        rootDisplayPath: tree.rootDisplayPath, siteFile: tree.siteFile, guideFiles: tree.guideFiles,
        markdownFiles: markdown, assets: assets)
    mounted.isMissing = tree.isMissing
    mounted.synonymsFile = tree.synonymsFile
    mounted.commitDates = tree.commitDates
    for (path, date) in lastCommitDates(root: directory) { mounted.commitDates[folder + "/" + path] = date }
    mounted.mounts = tree.mounts
    mounted.mounts[folder] = displayDirectory
    tree = mounted
    return diagnostics
}
