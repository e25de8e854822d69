import GidsCore

/// A text file read from `content/`: UTF-8 checked, byte-order mark removed, line endings
/// normalised to `\n` (CRLF and lone CR count as one line break each, so line numbers match
/// what an editor shows).
public struct SourceFile: Sendable, Hashable {
    /// Path relative to the content root, with `/` separators: `woudlopersgids/respijtzorg.md`.
    public let path: String
    /// Path for diagnostics, as the user would type it: `content/woudlopersgids/respijtzorg.md`.
    public let displayPath: String
    public let text: String

    public init(path: String, displayPath: String, text: String) {
        self.path = path
        self.displayPath = displayPath
        self.text = text
    }

    /// A location in this file.
    public func location(line: Int? = nil, column: Int? = nil) -> SourceLocation {
        SourceLocation(path: displayPath, line: line, column: column)
    }
}

/// A file under `content/` that is copied to the site as it is (images, PDFs).
public struct AssetFile: Sendable, Hashable {
    /// Path relative to the content root: `woudlopersgids/afbeeldingen/fasen.svg`.
    public let path: String
    /// Path on disk, for copying.
    public let diskPath: String
    /// Size in bytes.
    public let size: Int

    public init(path: String, diskPath: String, size: Int) {
        self.path = path
        self.diskPath = diskPath
        self.size = size
    }
}

/// Everything the load stage found under the content root, each list sorted by path so that
/// later stages never depend on file-system order.
public struct SourceTree: Sendable {
    /// The content root as the user gave it (`content`).
    public let rootDisplayPath: String
    /// `site.yml` at the root.
    public let siteFile: SourceFile?
    /// `<guide>/guide.yml`, one per guide folder.
    public let guideFiles: [SourceFile]
    /// Every `.md` file.
    public internal(set) var markdownFiles: [SourceFile]
    /// Every other file, copied as is.
    public let assets: [AssetFile]
    /// True when the content root itself was not found (its diagnostic says so).
    public var isMissing = false
    /// `synoniemen.yml` at the root: synonym groups for search; nil when there is none.
    public var synonymsFile: SourceFile?
    /// Last commit date per content-relative path, when the content is in git (see
    /// ``lastCommitDates(root:)``); empty otherwise.
    public var commitDates: [String: CalendarDate] = [:]
    /// Guide folder → display path of the folder mounted there (``mount(_:displayDirectory:at:exclude:into:)``).
    public var mounts: [String: String] = [:]

    /// Replaces, adds (`file` with a new path) or removes (`file` nil) the Markdown file at
    /// `path`, keeping the list sorted: how `gids serve` takes in an edit without reading the
    /// whole folder again.
    public mutating func replaceMarkdown(at path: String, with file: SourceFile?) {
        markdownFiles.removeAll { $0.path == path }
        if let file {
            let index = markdownFiles.firstIndex { $0.path > path } ?? markdownFiles.endIndex
            markdownFiles.insert(file, at: index)
        }
    }

    /// The display path of a content-relative path, also inside a mounted folder.
    public func displayPathOfFile(_ path: String) -> String {
        let folder = path.split(separator: "/", maxSplits: 1).first.map(String.init) ?? path
        if let mounted = mounts[folder] { return mounted + String(path.dropFirst(folder.count)) }
        return displayPath(of: path)
    }

    public init(
        rootDisplayPath: String, siteFile: SourceFile?, guideFiles: [SourceFile],
        markdownFiles: [SourceFile], assets: [AssetFile]
    ) {
        self.rootDisplayPath = rootDisplayPath
        self.siteFile = siteFile
        self.guideFiles = guideFiles
        self.markdownFiles = markdownFiles
        self.assets = assets
    }

    /// The display path of a content-relative path: `content/` + `path`.
    public func displayPath(of path: String) -> String {
        rootDisplayPath.isEmpty ? path : rootDisplayPath + "/" + path
    }
}
