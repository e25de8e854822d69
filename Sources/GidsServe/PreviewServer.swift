import FlyingFox
import Foundation
import GidsBuild
import GidsCore

/// `gids serve`: builds the site into memory, serves it on 127.0.0.1, watches `content/` and
/// `templates/`, and after each change renders the edited pages first
/// (``BuildSession/quickUpdate(_:)``), then runs the full build. Open pages reload when a file
/// they show changes (`/_gids/live.js`, polling `/_gids/status`); a change with errors shows its
/// diagnostics in the terminal and over the page, and the last good site stays served.
public final class PreviewServer: @unchecked Sendable {
    public let options: BuildOptions
    public let port: UInt16
    private let session: BuildSession
    private let lock = NSLock()
    private var site = SiteFiles()
    /// Version → site paths that changed in it (the last 200 versions).
    private var history: [(version: Int, paths: Set<String>)] = []
    private var problems: String?
    private var pending = Set<String>()
    /// Counts quick updates; the number of the last one per site path.
    private var sequence = 0
    private var quickSequence: [String: Int] = [:]
    private let buildQueue = DispatchQueue(label: "gids-build")
    private let quickQueue = DispatchQueue(label: "gids-quick")
    /// Where progress and diagnostics go (standard error by default).
    public var log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    /// Colour in diagnostics printed to the terminal.
    public var printer = DiagnosticPrinter(useColor: false)

    public init(options: BuildOptions, port: UInt16) {
        self.options = options
        self.port = port
        session = BuildSession(options: options)
    }

    /// The site as served now.
    public var current: SiteFiles { lock.withLock { site } }

    /// The first build; returns its result (the site is served even when it has errors: then
    /// every page shows them until they are fixed).
    @discardableResult
    public func buildFirst() -> BuildResult {
        let started = ContinuousClock.now
        let result = session.build()
        publish(result, since: started, full: true)
        return result
    }

    /// Handles changed paths: the quick update when it applies (on a queue of its own, so it
    /// does not wait for a full build that is running), then the full build. Changes that
    /// arrive during a full build are taken together in the next one.
    public func filesChanged(_ paths: [String]) {
        lock.withLock { pending.formUnion(paths) }
        quickQueue.async { [self] in _ = quick(paths) }
        buildQueue.async { [self] in
            let batch: [String] = lock.withLock {
                defer { pending = [] }
                return pending.sorted()
            }
            guard !batch.isEmpty else { return }
            full(batch)
        }
    }

    /// The quick update and then the full build, one after the other; for tests and the benchmark.
    public func rebuild(_ paths: [String]) {
        _ = quick(paths)
        full(paths)
    }

    /// Renders edited pages against the last good build and serves them at once.
    private func quick(_ paths: [String]) -> Bool {
        let started = ContinuousClock.now
        let pages = paths.filter { $0.lowercased().hasSuffix(".md") }
        guard pages.count == paths.count, let quick = session.quickUpdate(pages) else { return false }
        if quick.diagnostics.hasErrors {
            show(quick.diagnostics)
            return false
        }
        guard !quick.files.isEmpty else { return false }
        lock.withLock {
            sequence += 1
            for path in quick.files.keys { quickSequence[path] = sequence }
        }
        update(quick.files.mapValues { Optional($0) }, copies: nil)
        let ms = Int((seconds(since: started) * 1000).rounded())
        log("gids serve: \(quick.files.keys.sorted().joined(separator: ", ")) updated in \(ms) ms")
        return true
    }

    private func full(_ paths: [String]) {
        let started = ContinuousClock.now
        let startSequence = lock.withLock { sequence }
        session.invalidate(paths)
        let result = session.build()
        // Pages a quick update served after this build began are newer than what it read.
        let newer = lock.withLock { Set(quickSequence.filter { $0.value > startSequence }.keys) }
        if !result.succeeded, let good = session.output {
            // Back to the last good pages where a quick update showed a change that fails.
            let quickOnes = lock.withLock { Set(quickSequence.keys) }.subtracting(newer)
            update(Dictionary(uniqueKeysWithValues: quickOnes.map { ($0, good.files[$0]) }), copies: nil)
        }
        lock.withLock { quickSequence = quickSequence.filter { newer.contains($0.key) } }
        publish(result, since: started, full: false, keeping: newer)
    }

    private func publish(
        _ result: BuildResult, since started: ContinuousClock.Instant, full: Bool, keeping newer: Set<String> = []
    ) {
        let ms = Int((seconds(since: started) * 1000).rounded())
        if !result.diagnostics.isEmpty { log(printer.report(result.diagnostics), terminator: "") }
        if result.succeeded, let output = session.output {
            // Only files whose bytes differ count as changed, so open pages reload only when theirs did.
            let old = lock.withLock { site }
            var changes: [String: Data?] = [:]
            for (path, data) in output.files where old.files[path] != data && !newer.contains(path) {
                changes[path] = data
            }
            for path in old.files.keys where output.files[path] == nil { changes[path] = .some(nil) }
            update(changes, copies: output.copies)
            let pages = result.pagesPerGuide.reduce(0) { $0 + $1.pages }
            log(
                "gids serve: \(full ? "built" : "rebuilt") \(pages) pages, \(printer.summary(result.diagnostics)), "
                    + "\(changes.count) file\(changes.count == 1 ? "" : "s") changed, \(ms) ms")
        } else {
            show(result.diagnostics)
            log(
                "gids serve: \(printer.summary(result.diagnostics)); "
                    + (session.output == nil
                        ? "no site to show yet: the pages show these errors until they are fixed"
                        : "still serving the last good site"))
        }
    }

    private func log(_ text: String, terminator: String) { log(text.hasSuffix("\n") ? String(text.dropLast()) : text) }

    private func show(_ diagnostics: [GidsCore.Diagnostic]) {
        let text = DiagnosticPrinter(useColor: false).report(diagnostics)
        lock.withLock {
            problems = text
            site.version += 1
            history.append((site.version, []))
        }
    }

    private func update(_ changes: [String: Data?], copies: [String: String]?) {
        lock.withLock {
            for (path, data) in changes { site.files[path] = data ?? nil }
            var changed = Set(changes.keys)
            if let copies {
                for (path, disk) in copies where site.copies[path] != disk { changed.insert(path) }
                site.copies = copies
            }
            problems = nil
            site.version += 1
            history.append((site.version, changed))
            if history.count > 200 { history.removeFirst(history.count - 200) }
        }
    }

    /// Watches `content/`, `templates/` and every guide's `source:` folder, and serves until the
    /// task is cancelled. Errors: the port is taken, inotify is unavailable.
    public func run() async throws {
        let watcher = try FileWatcher(
            folders: [options.contentDirectory, options.templatesDirectory] + session.sourceFolders)
        watcher.start { [self] paths in filesChanged(paths) }
        let server = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: port), logger: .disabled, handler: Handler(server: self))
        try await server.run()
    }

    // MARK: HTTP

    struct Handler: HTTPHandler {
        let server: PreviewServer
        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            // The raw (percent-encoded) path: `request.path` drops a trailing `/`.
            server.respond(
                to: request.method.rawValue, path: request.target.path(percentEncoded: true),
                query: Dictionary(request.query.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    /// The answer to one request (status, headers, body), without a network: for tests.
    public func respond(to method: String, path: String, query: [String: String]) -> HTTPResponse {
        guard method == "GET" || method == "HEAD" else { return HTTPResponse(statusCode: .methodNotAllowed) }
        let noStore: HTTPHeaders = [.cacheControl: "no-store"]
        if path == "/_gids/live.js" {
            var headers = noStore
            headers[.contentType] = "text/javascript; charset=utf-8"
            return HTTPResponse(statusCode: .ok, headers: headers, body: Data(liveScript.utf8))
        }
        if path == "/_gids/status" { return status(since: Int(query["since"] ?? "") ?? 0) }
        guard let key = SiteFiles.sitePath(forRequestPath: path) else {
            return HTTPResponse(statusCode: .badRequest, headers: noStore, body: Data("bad path\n".utf8))
        }
        let snapshot = current
        if snapshot.files.isEmpty {
            // No good build yet: a page that shows the errors (live.js) and reloads once they are fixed.
            var headers = noStore
            headers[.contentType] = "text/html; charset=utf-8"
            let page = """
                <!doctype html><html lang="nl"><head><meta charset="utf-8"><title>gids serve</title></head>
                <body><h1>Nog geen site</h1><p>De eerste build heeft fouten; zie de terminal.</p></body></html>
                """
            return HTTPResponse(statusCode: .serviceUnavailable, headers: headers, body: injected(Data(page.utf8)))
        }
        if let data = snapshot.contents(of: key) {
            var headers = noStore
            headers[.contentType] = contentType(of: key)
            return HTTPResponse(statusCode: .ok, headers: headers, body: key.hasSuffix(".html") ? injected(data) : data)
        }
        if snapshot.contains(key + "/index.html") {
            var headers = noStore
            headers[.location] = path + "/"
            return HTTPResponse(statusCode: .movedPermanently, headers: headers)
        }
        var headers = noStore
        headers[.contentType] = "text/html; charset=utf-8"
        // The site's 404 page has links relative to the root; here it answers at any depth.
        let page =
            snapshot.files["404.html"].map { injected(withBase($0)) } ?? Data("<h1>Niet gevonden</h1>\n".utf8)
        return HTTPResponse(statusCode: .notFound, headers: headers, body: page)
    }

    private func status(since: Int) -> HTTPResponse {
        let (version, changed, problems, known) = lock.withLock {
            // A page's first poll (since 0) only learns the version.
            let newer = since == 0 ? [] : history.filter { $0.version > since }
            let known = since == 0 || history.first.map { $0.version <= since + 1 } ?? true
            return (site.version, newer.reduce(into: Set<String>()) { $0.formUnion($1.paths) }, self.problems, known)
        }
        let body: [String: Any] = [
            "version": version, "changed": changed.sorted(), "all": !known, "problems": problems ?? NSNull(),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data("{}".utf8)
        return HTTPResponse(
            statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: data)
    }

    /// The page with `<base href="/">` after `<head>`, so its root-relative links work anywhere.
    private func withBase(_ data: Data) -> Data {
        guard let range = data.range(of: Data("<head>".utf8)) else { return data }
        var out = data
        out.insert(contentsOf: Data(#"<base href="/">"#.utf8), at: range.upperBound)
        return out
    }

    /// The page with the live-reload script before `</body>` (an external script, so the
    /// site's Content-Security-Policy allows it).
    private func injected(_ data: Data) -> Data {
        let tag = Data(#"<script src="/_gids/live.js"></script>"#.utf8)
        guard let range = data.range(of: Data("</body>".utf8), options: .backwards) else { return data + tag }
        var out = data
        out.insert(contentsOf: tag, at: range.lowerBound)
        return out
    }
}

/// Polls `/_gids/status`; reloads when this page (or the stylesheet or a script) changed, and
/// shows the diagnostics of a broken change over the page. Styles are set through the CSSOM,
/// which the site's Content-Security-Policy allows.
let liveScript = #"""
    (function () {
      "use strict";
      var version = 0;
      var overlay = null;
      function own() {
        var path = decodeURIComponent(location.pathname).replace(/^\//, "");
        return path === "" || path.slice(-1) === "/" ? path + "index.html" : path;
      }
      function show(text) {
        if (!overlay) {
          overlay = document.createElement("div");
          overlay.setAttribute("role", "alert");
          var s = overlay.style;
          s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
          s.background = "rgba(20, 20, 20, 0.94)"; s.color = "#fff"; s.padding = "2rem";
          s.font = "14px/1.5 monospace"; s.whiteSpace = "pre-wrap";
          document.body.appendChild(overlay);
        }
        overlay.textContent = "gids: de laatste wijziging heeft fouten; de vorige versie blijft zichtbaar.\n\n" + text;
      }
      function hide() { if (overlay) { overlay.remove(); overlay = null; } }
      function poll() {
        fetch("/_gids/status?since=" + version, { cache: "no-store" }).then(function (r) { return r.json(); })
          .then(function (state) {
            var first = version === 0;
            if (state.problems) { show(state.problems); } else { hide(); }
            if (!first && state.version > version && !state.problems) {
              var mine = own();
              var reload = state.all || state.changed.some(function (p) {
                return p === mine || /\.(css|js)$/.test(p);
              });
              if (reload) { location.reload(); return; }
            }
            version = state.version;
            setTimeout(poll, 200);
          }).catch(function () { setTimeout(poll, 1000); });
      }
      poll();
    })();
    """#
