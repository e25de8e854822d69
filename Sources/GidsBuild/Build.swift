import Foundation
import GidsCore
import GidsFrontMatter
import GidsGraph
import GidsLinks
import GidsLoad
import GidsMarkdown
import GidsOutput
import GidsRender
import GidsSearch
import GidsValidation

/// Where a build reads and writes.
public struct BuildOptions: Sendable {
    public var contentDirectory: String
    public var templatesDirectory: String
    public var outputDirectory: String
    /// False for `gids check`: run every stage up to rendering, write nothing.
    public var write: Bool
    /// True for `gids check --external`: ``BuildResult/externalReferences`` with the position of
    /// every `http(s)` link. Finding positions reads each page's source again, so a build that
    /// only counts its external links does without.
    public var locatesExternalLinks: Bool
    /// True for a command-line run that ends the process right after the build: its data
    /// (sources, documents, graph, rendered files) is left for the process's exit to release
    /// instead of being freed object by object on one core (about a third of a second at
    /// 10,000 pages, measured with `perf`). Never for a long-running process (`gids serve`).
    public var endsProcess: Bool

    public init(
        contentDirectory: String = "content", templatesDirectory: String = "templates",
        outputDirectory: String = "site", write: Bool = true, locatesExternalLinks: Bool = false,
        endsProcess: Bool = false
    ) {
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory
        self.write = write
        self.locatesExternalLinks = locatesExternalLinks
        self.endsProcess = endsProcess
    }
}

/// What a build did: its diagnostics (unsorted; print with ``DiagnosticPrinter``), and counts.
public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic] = []
    /// Pages and tools per guide title, in guide order; a page that introduces a phase or a
    /// taxonomy value counts too.
    public var pagesPerGuide: [(guide: String, pages: Int)] = []
    /// Files in the output (0 when nothing was written).
    public var filesWritten = 0
    /// Every `http(s)` link in the content (Markdown and `used_by`), where it is written;
    /// fetched only by `gids check --external`. Empty unless
    /// ``BuildOptions/locatesExternalLinks``.
    public var externalReferences: [ExternalReference] = []
    /// The distinct `http(s)` URLs of the content (Markdown and `used_by`), sorted.
    public var externalLinks: [String] = []
    /// Display paths of the Markdown and YAML files read.
    public var sourceFiles: [String] = []
    /// The site file's `link_check.ignore` patterns and `base_url` path, for `gids check`.
    public var linkCheckIgnore: [String] = []
    public var basePath: String?
    /// True when the output folder was replaced.
    public var wrote = false
    /// Wall time of each stage that ran, in seconds, in pipeline order (`gids build --timings`).
    public var timings: [(stage: String, seconds: Double)] = []

    /// True when no diagnostic is an error.
    public var succeeded: Bool { !diagnostics.hasErrors }

}

/// Runs the whole pipeline: load → front matter → markdown → graph → validate → render →
/// index → write. Diagnostics of every stage are gathered, and the stages that can go on after
/// errors do, so one run reports every problem. Nothing is written when any error was found;
/// the previous output then stays exactly as it was.
///
/// `progress` is told each stage as it starts (name, 1-based number, number of stages).
public func runBuild(_ options: BuildOptions, progress: (@Sendable (String, Int, Int) -> Void)? = nil) -> BuildResult {
    let session = BuildSession(options: options)
    // Kept for the process's exit to release (see ``BuildOptions/endsProcess``).
    if options.endsProcess { _ = Unmanaged.passRetained(session) }
    session.progress = progress
    var result = session.build()
    guard result.succeeded, options.write, let output = session.output else { return result }
    progress?("write", BuildSession.stages.count, BuildSession.stages.count)
    let started = ContinuousClock.now
    do {
        try writeSite(
            files: output.files, copies: output.copies, to: options.outputDirectory,
            protectedPaths: [options.contentDirectory, options.templatesDirectory])
        result.filesWritten = output.files.count + output.copies.count
        result.wrote = true
        result.timings.append(("write", seconds(since: started)))
    } catch let error as OutputError {
        result.diagnostics.append(.error(SourceLocation(path: error.path), error.message, code: "output.write"))
    } catch {
        result.diagnostics.append(
            .error(SourceLocation(path: options.outputDirectory), "\(error)", code: "output.write"))
    }
    return result
}

/// Seconds from `start` until now.
public func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// Every `http(s)` link of every page and tool (`used_by` urls included): its URL, and where it
/// is written, found only when asked for.
private func forEachExternalLink(_ graph: NavigationGraph, _ body: (String, () -> SourceLocation) -> Void) {
    for page in graph.pages.values.map({ $0 }) + (graph.home.map { [$0] } ?? []) {
        let file = page.source.file
        for resolved in page.links {
            guard case .external(let url) = resolved.target, case .web = LinkRules.classify(url) else { continue }
            body(url) { file.location(line: resolved.link.line, column: resolved.link.column) }
        }
        for use in page.metadata.usedBy {
            if let url = use.url { body(url.value) { url.location } }
        }
    }
}

/// The distinct `http(s)` URLs of every page and tool (`used_by` urls included), sorted.
func externalURLs(_ graph: NavigationGraph) -> [String] {
    var urls = Set<String>()
    forEachExternalLink(graph) { url, _ in urls.insert(url) }
    return urls.sorted()
}

/// The `http(s)` links of every page and tool (`used_by` urls included), with their positions.
func externalReferences(_ graph: NavigationGraph) -> [ExternalReference] {
    var references: [ExternalReference] = []
    forEachExternalLink(graph) { url, location in references.append(ExternalReference(url: url, location: location())) }
    return references.sorted()
}

/// `a/b/../c` → `a/c`; leading `..` kept (a relative path that starts above the working folder).
func normalizedPath(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
        if part == "..", let last = parts.last, last != ".." {
            parts.removeLast()
        } else {
            parts.append(part)
        }
    }
    let joined = parts.joined(separator: "/")
    return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
}

/// In a guide with `strict: false` (an imported knowledge base being cleaned up), findings
/// about its pages (links, Markdown, accessibility, front matter and YAML, values) are warnings,
/// so the site is built while they are fixed; every other error stays an error. Unsafe raw
/// HTML is removed either way.
func relaxed(_ diagnostics: [Diagnostic], in model: ContentModel, tree: SourceTree) -> [Diagnostic] {
    let folders = Set(model.guides.filter { !$0.strict }.map(\.folder))
    guard !folders.isEmpty else { return diagnostics }
    let files = Set(
        tree.markdownFiles.filter { folders.contains(String($0.path.split(separator: "/")[0])) }.map(\.displayPath))
    return diagnostics.map { diagnostic in
        var relaxed = diagnostic
        let code = diagnostic.code
        if diagnostic.severity == .error, files.contains(diagnostic.location.path),
            code.hasPrefix("link.") || code.hasPrefix("markdown.") || code.hasPrefix("a11y.") || code.hasPrefix("page.")
                || code.hasPrefix("frontmatter.") || code.hasPrefix("yaml.") || code.hasPrefix("tool.")
        {
            relaxed.severity = .warning
        }
        return relaxed
    }
}
