import Foundation
import GidsCore
import GidsFrontMatter
import GidsGraph
import GidsLinks
import GidsLoad
import GidsMarkdown
import GidsPlan
import GidsRender
import GidsSearch
import GidsValidation

/// One build folder kept in memory between builds (`gids build` once, `gids serve` for as long
/// as it runs): the source tree, decoded front matter and parsed Markdown are kept and only
/// what changed is read, decoded and parsed again; the graph, validation, rendering and the
/// search index are made anew on every ``build()``, so its output is byte-identical to a
/// fresh build of the same files.
///
/// After an edit that changes only the text of pages, ``quickUpdate(_:)`` renders just those
/// pages against the last good build (milliseconds, before the full build brings lists,
/// backlinks, the print edition and the search index up to date). ``build()`` and
/// ``invalidate(_:)`` are one call at a time; ``quickUpdate(_:)`` reads an immutable snapshot
/// of the last good build and may run while a ``build()`` does.
public final class BuildSession: @unchecked Sendable {
    /// The stages ``build()`` reports to ``progress``, in order (then `write`, by ``runBuild(_:progress:)``).
    public static let stages = ["load", "front matter", "markdown", "graph", "validate", "render", "index", "write"]

    public let options: BuildOptions
    /// Told each stage as it starts: name, 1-based number, number of stages.
    public var progress: (@Sendable (String, Int, Int) -> Void)?

    private var tree: SourceTree?
    private var loadDiagnostics: [Diagnostic] = []
    /// Content-relative Markdown paths to read again before the next build.
    private var changedMarkdown = Set<String>()
    private var needsFullLoad = true
    private let decodeCache = DecodeCache()
    private var documentCache: [String: (body: String, offset: Int, document: MarkdownDocument)] = [:]
    /// The site of the last build without errors: every file by site path, and files to copy.
    public var output: RenderedSite? { lock.withLock { snapshot?.output } }

    /// What the quick path needs of the last good build; replaced as a whole under `lock`.
    private struct Snapshot: @unchecked Sendable {
        let output: RenderedSite
        let graph: NavigationGraph
        let plan: SitePlan
        let templates: TemplateSet
        let model: ContentModel
        let tree: SourceTree
        let documents: [String: MarkdownDocument]
        /// Pages whose front matter has a summary of its own.
        let writtenSummaries: Set<String>
    }
    private var snapshot: Snapshot?
    private let lock = NSLock()

    public init(options: BuildOptions) {
        self.options = options
    }

    /// The folders of guides kept outside `content/` (`source:`), as paths on disk, for
    /// `gids serve` to watch; empty before the first build.
    public var sourceFolders: [String] { lock.withLock { mountedFolders } }
    private var mountedFolders: [String] = []

    /// The content root as an absolute, standardised path.
    private var contentRoot: String {
        URL(fileURLWithPath: options.contentDirectory).standardizedFileURL.path
    }

    /// Tells the session that files changed on disk (absolute or working-directory-relative
    /// paths). Markdown pages of `content/` are read again on their own; anything else (site
    /// and guide files, synonyms, assets, folders, a guide's `source:` folder) reloads the tree.
    /// Template changes need nothing: templates are read on every build.
    public func invalidate(_ paths: [String]) {
        let root = contentRoot + "/"
        for path in paths {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            guard absolute.hasPrefix(root) else {
                if !absolute.hasPrefix(URL(fileURLWithPath: options.templatesDirectory).standardizedFileURL.path) {
                    needsFullLoad = true  // a mounted source folder
                }
                continue
            }
            let relative = String(absolute.dropFirst(root.count))
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            let isPage =
                relative.lowercased().hasSuffix(".md") && name.lowercased() != "readme.md"
                && !name.hasPrefix(".") && !relative.contains("/.")
            if isPage { changedMarkdown.insert(relative) } else { needsFullLoad = true }
        }
    }

    /// Loads (or patches) the tree and runs every stage; ``output`` is replaced only when
    /// there is no error.
    public func build() -> BuildResult {
        var result = BuildResult()
        var clock = ContinuousClock.now
        var stage = 0
        func begin(_ name: String) {
            if stage > 0 { result.timings.append((Self.stages[stage - 1], seconds(since: clock))) }
            clock = ContinuousClock.now
            stage += 1
            progress?(name, stage, Self.stages.count)
        }
        begin("load")
        loadOrPatch()
        guard let tree else { return result }
        result.diagnostics += loadDiagnostics
        result.sourceFiles = ((tree.siteFile.map { [$0] } ?? []) + tree.guideFiles + tree.markdownFiles).map(
            \.displayPath
        ).sorted()

        begin("front matter")
        let (model, modelDiagnostics) = decodeContent(tree, cache: decodeCache)
        result.diagnostics += modelDiagnostics

        begin("markdown")
        let sources = model.pages + (model.home.map { [$0] } ?? [])
        let cache = documentCache
        let parsed = sources.concurrentMap { source -> (String, String, Int, MarkdownDocument) in
            let path = source.file.path
            if let cached = cache[path], cached.body == source.body, cached.offset == source.bodyLineOffset {
                return (path, source.body, source.bodyLineOffset, cached.document)
            }
            let document = MarkdownDocument(markdown: source.body, lineOffset: source.bodyLineOffset)
            return (path, source.body, source.bodyLineOffset, document)
        }
        documentCache = Dictionary(
            uniqueKeysWithValues: parsed.map { ($0.0, (body: $0.1, offset: $0.2, document: $0.3)) })
        let documents = documentCache.mapValues(\.document)

        let (templates, templateDiagnostics) = TemplateSet.load(directory: options.templatesDirectory)
        result.diagnostics += templateDiagnostics

        begin("graph")
        let (graphOrNil, graphDiagnostics) = buildGraph(model: model, documents: documents, tree: tree)
        guard let graph = graphOrNil else {
            result.diagnostics += graphDiagnostics
            return result
        }
        begin("validate")
        result.diagnostics += relaxed(graphDiagnostics + validate(graph), in: model, tree: tree)
        let (plan, planDiagnostics) = planSite(graph, pageIndex: templates?.has(.pageIndex) ?? true)
        result.diagnostics += planDiagnostics
        // Introductions of phases and values are pages of the source too, shown on those pages.
        result.pagesPerGuide = graph.guides.map {
            ($0.config.title, $0.readingOrder.count + $0.introductions.count - ($0.introduction == nil ? 0 : 1))
        }
        result.externalLinks = externalURLs(graph)
        if options.locatesExternalLinks { result.externalReferences = externalReferences(graph) }
        result.linkCheckIgnore = graph.site.linkCheckIgnore
        result.basePath = graph.site.basePath

        guard !result.diagnostics.hasErrors, let templates else { return result }
        begin("render")
        // The index reads the same graph: it is built beside the rendering, and "index" times
        // only what is left of it once the pages are rendered.
        let indexFiles = BackgroundWork { Result { try buildSearchIndex(graph).files() } }
        var rendered = renderSite(graph, plan: plan, templates: templates)
        begin("index")
        do {
            for (path, data) in try indexFiles.wait().get() { rendered.files[path] = data }
        } catch {
            result.diagnostics.append(
                .error(
                    SourceLocation(path: options.outputDirectory), "cannot encode the search index: \(error)",
                    code: "index.encode"))
            return result
        }
        result.timings.append((Self.stages[stage - 1], seconds(since: clock)))
        let next = Snapshot(
            output: rendered, graph: graph, plan: plan, templates: templates, model: model, tree: tree,
            documents: documents,
            writtenSummaries: Set(model.pages.map(\.file.path).filter { decodeCache.hasWrittenSummary($0) }))
        lock.withLock { snapshot = next }
        return result
    }

    private func loadOrPatch() {
        if needsFullLoad || tree == nil {
            var (tree, diagnostics) = loadSources(root: options.contentDirectory)
            var folders: [String] = []
            // Guides kept elsewhere (`source:`): their folders join the tree under the guide folder.
            for declared in declaredSources(in: tree) {
                let written = declared.source.value
                let relative =
                    written.hasPrefix("/") ? written : options.contentDirectory + "/" + declared.folder + "/" + written
                let display = (written.hasPrefix("/") ? written : tree.displayPath(of: declared.folder) + "/" + written)
                diagnostics += mount(
                    normalizedPath(relative), displayDirectory: normalizedPath(display),
                    at: declared.folder, exclude: declared.exclude, into: &tree)
                folders.append(normalizedPath(relative))
            }
            let mounted = folders
            lock.withLock { mountedFolders = mounted }
            self.tree = tree
            loadDiagnostics = diagnostics
            needsFullLoad = false
            changedMarkdown = []
            return
        }
        guard var tree else { return }
        for path in changedMarkdown.sorted() {
            let display = tree.displayPath(of: path)
            let (file, diagnostics) = readSourceFile(
                diskPath: options.contentDirectory + "/" + path, path: path, displayPath: display)
            loadDiagnostics.removeAll { $0.location.path == display }
            loadDiagnostics += diagnostics
            tree.replaceMarkdown(at: path, with: file)
        }
        changedMarkdown = []
        self.tree = tree
    }

    /// What ``quickUpdate(_:)`` made: the pages' new HTML by site path, or the diagnostics
    /// that stop it (then `files` is empty and the last good site stays).
    public struct QuickUpdate: Sendable {
        public let files: [String: Data]
        public let diagnostics: [Diagnostic]
    }

    /// Renders the edited pages `paths` (files on disk) against the last graph, when the edit
    /// changed only their text: same front matter, a page of the last successful build, a title
    /// and summary of their own. Nil when another kind of change needs the full ``build()``.
    /// The result of the full build that follows is what counts; this is the first answer.
    public func quickUpdate(_ paths: [String]) -> QuickUpdate? {
        guard let last = lock.withLock({ snapshot }) else { return nil }
        let templates = last.templates, model = last.model, tree = last.tree
        let root = contentRoot + "/"
        var patched = last.graph
        var documents = last.documents
        var ids: [String] = []
        for path in paths {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            guard absolute.hasPrefix(root) else { return nil }
            let id = String(absolute.dropFirst(root.count))
            guard let old = patched.pages[id], last.writtenSummaries.contains(id) else { return nil }
            let (file, problems) = readSourceFile(
                diskPath: absolute, path: id, displayPath: old.source.file.displayPath)
            guard let file, problems.isEmpty else { return nil }
            let split = splitFrontMatter(file.text)
            let before = splitFrontMatter(old.source.file.text)
            guard !split.unclosed, split.yaml == before.yaml, split.bodyLineOffset == before.bodyLineOffset else {
                return nil
            }
            let document = MarkdownDocument(markdown: split.body, lineOffset: split.bodyLineOffset)
            // Other pages' fragments point at its ids (headings, footnotes, attribute lists, raw
            // HTML): when those change,
            // the full build decides.
            guard document.fragmentTargets(rawHTML: true) == old.document.fragmentTargets(rawHTML: true),
                document.rawHTMLText == old.document.rawHTMLText
            else { return nil }
            documents[id] = document
            let source = PageSource(
                file: file, metadata: old.source.metadata, body: split.body, bodyLineOffset: split.bodyLineOffset)
            guard let next = patched.replacingBody(of: id, with: source, documents: documents) else { return nil }
            patched = next
            ids.append(id)
        }
        let diagnostics = relaxed(validate(patched, only: Set(ids)), in: model, tree: tree)
        if diagnostics.hasErrors { return QuickUpdate(files: [:], diagnostics: diagnostics) }
        return QuickUpdate(
            files: renderPages(ids, graph: patched, plan: last.plan, templates: templates), diagnostics: diagnostics)
    }
}
