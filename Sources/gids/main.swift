import ArgumentParser
import Foundation
import GidsBuild
import GidsCore
import GidsExternalCheck
import GidsServe

/// The `gids` command line: thin wrappers around ``runBuild(_:)``.
/// Exit codes: 0 success, 1 errors in the content (or broken links), 2 usage or configuration errors.
@main
struct Gids: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Builds municipal knowledge guides from Markdown into a static, searchable website.",
        version: "0.1.0", subcommands: [Build.self, Check.self, Serve.self, New.self, Schema.self, Init.self],
        defaultSubcommand: Build.self)

    static let commands = ["build", "check", "serve", "new", "schema", "init", "help"]

    static func main() async {
        // `build` is the default command, so ArgumentParser would read a mistyped command as an
        // argument of `build`; say what it is instead.
        if let first = CommandLine.arguments.dropFirst().first, !first.hasPrefix("-"), !commands.contains(first) {
            let hint = Suggestion.closest(to: first, among: commands).map { " (did you mean '\($0)'?)" } ?? ""
            FileHandle.standardError.write(
                Data(
                    "gids: error: unknown command '\(first)'\(hint); commands: \(commands.joined(separator: ", "))\n"
                        .utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            // ArgumentParser uses 64 (EX_USAGE) for usage errors; CI scripts expect 2, as grep and diff use.
            guard code == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

struct Paths: ParsableArguments {
    @Option(help: "Folder with site.yml, guide folders and Markdown pages.")
    var content = "content"
    @Option(help: "Folder with the Mustache templates and theme assets.")
    var templates = "templates"
}

/// Prints diagnostics to standard error, with colour only on a terminal without NO_COLOR.
func report(_ result: BuildResult, verb: String, started: Date) {
    let useColor = DiagnosticPrinter.wantsColor(
        isTerminal: isatty(STDERR_FILENO) == 1, environment: ProcessInfo.processInfo.environment)
    let printer = DiagnosticPrinter(useColor: useColor)
    FileHandle.standardError.write(Data(printer.report(result.diagnostics).utf8))
    let pages = result.pagesPerGuide.reduce(0) { $0 + $1.pages }
    // Pages built although they have findings (a guide with `strict: false`): the clean-up list.
    let warned = Set(
        result.diagnostics.filter { $0.severity == .warning && $0.location.path.hasSuffix(".md") }.map(\.location.path)
    ).count
    let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
    let external = result.externalLinks.count
    let summary =
        "gids \(verb): \(pages) pages\(warned > 0 ? " (\(warned) with warnings)" : ""), \(external) external link\(external == 1 ? "" : "s") (not fetched), "
        + "\(printer.summary(result.diagnostics)), \(seconds) s"
    FileHandle.standardError.write(Data((summary + "\n").utf8))
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the content and write the site (only when there are no errors).")
    @OptionGroup var paths: Paths
    @Option(help: "Output folder; replaced as a whole when the build succeeds.")
    var output = "site"
    @Flag(
        help: "Print the wall time of each pipeline stage, the CPU time inside each library, and per template.")
    var timings = false

    func run() throws {
        let started = Date()
        if timings { LibraryTime.enable(true) }
        let bar = ProgressBar()
        var progress: (@Sendable (String, Int, Int) -> Void)?
        if let bar { progress = { bar.show($0, $1, $2) } }
        let result = runBuild(
            BuildOptions(
                contentDirectory: paths.content, templatesDirectory: paths.templates, outputDirectory: output,
                write: true, endsProcess: true), progress: progress)
        bar?.clear()
        report(result, verb: "build", started: started)
        if timings {
            let lines = result.timings.map {
                "  " + $0.stage.padding(toLength: 13, withPad: " ", startingAt: 0)
                    + String(format: "%8.3f s", $0.seconds)
            }
            let libraries = LibraryTime.Library.allCases.map {
                "  " + $0.name.padding(toLength: 15, withPad: " ", startingAt: 0)
                    + String(format: "%8.3f s", LibraryTime.seconds($0))
            }
            FileHandle.standardError.write(
                Data(
                    ("gids build: stages (wall time)\n" + lines.joined(separator: "\n")
                        + "\ngids build: inside the required libraries (CPU time, all threads)\n"
                        + libraries.joined(separator: "\n") + "\n").utf8))
            let templates = LibraryTime.details(.mustache).map {
                "  " + $0.detail.padding(toLength: 15, withPad: " ", startingAt: 0)
                    + String(
                        format: "%8.3f s %7d %@ %9.1f µs/call", $0.seconds, $0.calls, $0.calls == 1 ? "call " : "calls",
                        1e6 * $0.seconds / Double($0.calls))
            }
            FileHandle.standardError.write(
                Data(
                    ("gids build: templates (CPU time, partials counted in their template)\n"
                        + templates.joined(separator: "\n") + "\n").utf8))
        }
        if result.wrote {
            FileHandle.standardError.write(
                Data("gids build: \(result.filesWritten) files written to '\(output)'\n".utf8))
        }
        if !result.succeeded {
            FileHandle.standardError.write(Data("gids build: nothing written; '\(output)' is unchanged\n".utf8))
            throw ExitCode(result.diagnostics.contains { $0.code == "load.no-content" } ? 2 : 1)
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check links: in the sources (what 'build' validates), in a built site, and outside.",
        discussion: """
            Without --site, checks the sources. With --site DIR, checks the HTML of DIR (built by gids \
            or any other generator); add --content to check the sources in the same run. \
            Exit codes: 0 clean, 1 problems found, 2 usage or configuration error.
            """)

    @Option(help: "Folder with site.yml, guide folders and Markdown pages (default: content, unless --site is given).")
    var content: String?
    @Option(help: "Folder with the Mustache templates and theme assets.")
    var templates = "templates"
    @Option(help: "A built site to check: every href, src, srcset and <link> in its HTML files.")
    var site: String?
    @Option(help: "URL path the site is served under, for links starting with '/' (default: from base_url).")
    var basePath: String?
    @Option(help: "The site's public address; links starting with it are checked as files of the site.")
    var baseURL: String?
    @Option(help: "Report format: text (compiler-style), json, junit or github.")
    var format: ReportFormat = .text
    @Option(help: "Write the report to this file instead of standard output (json, junit, github).")
    var report: String?
    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(help: "Fetch external http(s) links (HEAD, falling back to GET).")
    var external = false
    @Option(help: "Seconds before an external request counts as unanswered.")
    var timeout: Double = 10
    @Option(help: "Retries after a 429, a 5xx or no answer.")
    var retries = 2
    @Option(help: "External requests in flight at once.")
    var concurrency = 32
    @Option(help: "External requests in flight at once to one host.")
    var hostConcurrency = 2
    @Option(help: "Seconds between two requests to one host.")
    var hostInterval: Double = 0.1
    @Option(help: "Regular expression of external URLs not to fetch (repeatable); adds to link_check.ignore.")
    var ignore: [String] = []
    @Option(help: "Cache of external results, so that re-runs are cheap.")
    var cache = ".gids-cache/external-links.json"
    @Flag(help: "Neither read nor write the cache.")
    var noCache = false
    @Option(help: "How long a cached result stays valid: seconds, or with s, m, h or d (e.g. 12h).")
    var cacheMaxAge = "1d"

    func validate() throws {
        guard Self.seconds(cacheMaxAge) != nil else {
            throw ValidationError("--cache-max-age: '\(cacheMaxAge)' is not a duration (e.g. 3600, 30m, 12h, 1d)")
        }
        guard timeout > 0, retries >= 0, concurrency > 0, hostConcurrency > 0, hostInterval >= 0 else {
            throw ValidationError("--timeout, --concurrency and --host-concurrency must be positive")
        }
    }

    /// `90`, `90s`, `30m`, `12h`, `1d` in seconds.
    static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        if let unit = text.last, let factor = units[unit] { return Double(text.dropLast()).map { $0 * factor } }
        return Double(text)
    }

    func run() async throws {
        let started = Date()
        var settings: ExternalCheckOptions?
        if external {
            var options = ExternalCheckOptions()
            options.timeout = timeout
            options.retries = retries
            options.concurrency = concurrency
            options.hostConcurrency = hostConcurrency
            options.hostInterval = hostInterval
            options.ignore = ignore
            options.cachePath = noCache ? nil : cache
            options.cacheMaximumAge = Self.seconds(cacheMaxAge) ?? 86_400
            settings = options
        }
        let options = CheckOptions(
            contentDirectory: content ?? (site == nil ? "content" : nil), templatesDirectory: templates,
            siteDirectory: site, basePath: basePath, baseURL: baseURL, external: settings)
        var result: Report
        do {
            result = try await runCheck(options)
        } catch let error as CheckConfigurationError {
            FileHandle.standardError.write(Data("gids check: error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        if strict { result = result.strict() }
        let useColor =
            format == .text && report == nil
            && DiagnosticPrinter.wantsColor(
                isTerminal: isatty(STDERR_FILENO) == 1, environment: ProcessInfo.processInfo.environment)
        let text = result.rendered(as: format, useColor: useColor)
        if let report {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: report), options: .atomic)
            } catch {
                FileHandle.standardError.write(Data("gids check: error: cannot write '\(report)': \(error)\n".utf8))
                throw ExitCode(2)
            }
        } else if format == .text {
            FileHandle.standardError.write(Data(text.utf8))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        let stats = result.statistics
        var parts: [String] = []
        if let sources = stats["sources"] { parts.append("\(sources) source files") }
        if let pages = stats["pages"] { parts.append("\(pages) HTML files, \(stats["links"] ?? 0) links") }
        let externalCount = stats["external"] ?? 0
        if let fetched = stats["fetched"] {
            parts.append(
                "\(externalCount) external (\(fetched) fetched, \(stats["cached"] ?? 0) cached, \(stats["ignored"] ?? 0) ignored)"
            )
        } else {
            parts.append("\(externalCount) external (not fetched; add --external)")
        }
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        let summary = DiagnosticPrinter(useColor: false).summary(result.diagnostics)
        FileHandle.standardError.write(
            Data("gids check: \(parts.joined(separator: ", ")); \(summary), \(seconds) s\n".utf8))
        if result.diagnostics.contains(where: { $0.code == "load.no-content" }) { throw ExitCode(2) }
        if result.diagnostics.hasErrors { throw ExitCode(1) }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a page or a tool with valid front matter (never overwrites).",
        subcommands: [NewPage.self, NewTool.self])
}

/// Prints a scaffold error and exits 2 (bad arguments) or 1.
func fail(_ error: ScaffoldError, command: String) -> ExitCode {
    FileHandle.standardError.write(Data("gids \(command): error: \(error.description)\n".utf8))
    return ExitCode(error.isUsageError ? 2 : 1)
}

struct NewPage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page",
        abstract: "Create content/<guide>/<slug>.md in a phase: gids new page <guide> <phase> \"<title>\"")
    @Option(help: "Folder with site.yml, guide folders and Markdown pages.")
    var content = "content"
    @Argument(help: "The guide's folder, e.g. woudlopersgids.") var guide: String
    @Argument(help: "The phase id, e.g. voorbereiden.") var phase: String
    @Argument(help: "The page title.") var title: String
    @Option(help: "The summary (otherwise a placeholder to replace).") var summary: String?

    func run() throws {
        do {
            let path = try scaffold(
                contentDirectory: content, guide: guide, phase: phase, title: title, summary: summary)
            print("gids new: created \(path)")
        } catch let error as ScaffoldError {
            throw fail(error, command: "new")
        }
    }
}

struct NewTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tool", abstract: "Create a tool in the chooser guide: gids new tool \"<name>\"")
    @Option(help: "Folder with site.yml, guide folders and Markdown pages.")
    var content = "content"
    @Option(help: "The chooser guide, when there is more than one.") var guide: String?
    @Argument(help: "The tool's name.") var name: String
    @Option(help: "The summary (otherwise a placeholder to replace).") var summary: String?

    func run() throws {
        do {
            let path = try scaffold(contentDirectory: content, guide: guide, phase: nil, title: name, summary: summary)
            print("gids new: created \(path)")
        } catch let error as ScaffoldError {
            throw fail(error, command: "new")
        }
    }
}

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write JSON Schemas (draft 2020-12) of site.yml, guide.yml and each guide's front matter.",
        discussion: """
            With --templates DIR, also write the template context fields (names, types, Dutch
            descriptions) into DIR/README.md, between its field markers.
            """)
    @Option(help: "Folder with site.yml, guide folders and Markdown pages.")
    var content = "content"
    @Option(help: "Where to write the schemas (default: <content>/.schemas).")
    var output: String?
    @Option(help: "A templates folder whose README.md gets the context fields of every template.")
    var templates: String?

    func run() throws {
        do {
            let paths = try writeSchemas(contentDirectory: content, outputDirectory: output ?? content + "/.schemas")
            for path in paths { print("gids schema: wrote \(path)") }
            if let templates {
                let path = templates + "/README.md"
                try writeFieldReference(readme: path)
                print("gids schema: wrote the template fields into \(path)")
            }
        } catch let error as ScaffoldError {
            throw fail(error, command: "schema")
        }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a guide for an existing folder of Markdown: gids init --from DIR",
        discussion: """
            Lists the front-matter keys the folder's pages use, with counts and examples, and writes \
            <content>/<name>/guide.yml (and site.yml when there is none) that reads the folder as it is: \
            aliases for keys gids knows by another name, a taxonomy per list of values, the rest ignored. \
            Edit the guide file, then run 'gids build'.
            """)
    @Option(help: "The folder with the existing Markdown (a Jekyll, MkDocs or Hugo knowledge base).")
    var from: String
    @Option(help: "Folder with site.yml and guide folders, where the guide file is written.")
    var content = "content"
    @Option(
        help: "The guide folder's name (default: the source folder's name, or its parent's for a folder named docs).")
    var name: String?

    func run() throws {
        do {
            let result = try initGuide(from: from, contentDirectory: content, name: name)
            print(result.report, terminator: "")
            for path in result.written { print("gids init: wrote \(path)") }
        } catch let error as ScaffoldError {
            throw fail(error, command: "init")
        }
    }
}

/// A one-line progress bar on standard error, redrawn in place, only when standard error is a
/// terminal (CI logs get the summary line alone).
final class ProgressBar: Sendable {
    let started = Date()

    init?() {
        guard isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
    }

    func show(_ stage: String, _ number: Int, _ total: Int) {
        let width = 24
        let filled = width * (number - 1) / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let elapsed = String(format: "%.1f", Date().timeIntervalSince(started))
        FileHandle.standardError.write(
            Data("\r\u{1B}[2Kgids build: [\(bar)] \(number)/\(total) \(stage)… \(elapsed) s".utf8))
    }

    func clear() { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site on http://127.0.0.1:PORT/, rebuilding after every change.",
        discussion: """
            Builds the site into memory and serves it on 127.0.0.1 only. Watches the content and \
            templates folders: an edited page is rendered first (in milliseconds), then the whole \
            site is built again; open pages reload by themselves. A change with errors shows them \
            here and over the page, and the last good site stays served. Stop with Ctrl-C.
            """)
    @OptionGroup var paths: Paths
    @Option(help: "Port on 127.0.0.1.")
    var port: UInt16 = 1313

    func run() async throws {
        let server = PreviewServer(
            options: BuildOptions(
                contentDirectory: paths.content, templatesDirectory: paths.templates, outputDirectory: "", write: false),
            port: port)
        server.printer = DiagnosticPrinter(
            useColor: DiagnosticPrinter.wantsColor(
                isTerminal: isatty(STDERR_FILENO) == 1, environment: ProcessInfo.processInfo.environment))
        guard portIsFree(port) else {
            FileHandle.standardError.write(
                Data("gids serve: error: port \(port) on 127.0.0.1 is in use; choose another with --port\n".utf8))
            throw ExitCode(2)
        }
        if !FileManager.default.fileExists(atPath: paths.content) {
            FileHandle.standardError.write(
                Data("\(paths.content): error: content folder not found [load.no-content]\n".utf8))
            throw ExitCode(2)
        }
        server.buildFirst()
        FileHandle.standardError.write(Data("gids serve: http://127.0.0.1:\(port)/ (Ctrl-C stops)\n".utf8))
        do {
            try await server.run()
        } catch {
            FileHandle.standardError.write(Data("gids serve: error: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

/// True when a TCP socket can bind 127.0.0.1:`port` now.
func portIsFree(_ port: UInt16) -> Bool {
    let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketDescriptor >= 0 else { return false }
    defer { close(socketDescriptor) }
    // As the server binds: a port left in TIME_WAIT by an earlier run counts as free.
    var reuse: Int32 = 1
    setsockopt(socketDescriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    return bound == 0
}
