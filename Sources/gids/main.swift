import ArgumentParser
import Foundation
import GidsBuild
import GidsCore

/// The `gids` command line: thin wrappers around ``runBuild(_:)``.
/// Exit codes: 0 success, 1 errors in the content, 2 usage errors (unknown option or command).
@main
struct Gids: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Builds municipal knowledge guides from Markdown into a static, searchable website.",
        version: "0.1.0", subcommands: [Build.self, Check.self], defaultSubcommand: Build.self)

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
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
    let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
    let external = result.externalLinks.count
    let summary =
        "gids \(verb): \(pages) pages, \(external) external link\(external == 1 ? "" : "s") (not fetched), "
        + "\(printer.summary(result.diagnostics)), \(seconds) s"
    FileHandle.standardError.write(Data((summary + "\n").utf8))
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the content and write the site (only when there are no errors).")
    @OptionGroup var paths: Paths
    @Option(help: "Output folder; replaced as a whole when the build succeeds.")
    var output = "site"

    func run() throws {
        let started = Date()
        let result = runBuild(
            BuildOptions(
                contentDirectory: paths.content, templatesDirectory: paths.templates, outputDirectory: output,
                write: true))
        report(result, verb: "build", started: started)
        if result.wrote {
            FileHandle.standardError.write(
                Data("gids build: \(result.filesWritten) files written to '\(output)'\n".utf8))
        }
        if !result.succeeded {
            FileHandle.standardError.write(Data("gids build: nothing written; '\(output)' is unchanged\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate everything that 'build' validates, and write nothing.")
    @OptionGroup var paths: Paths

    func run() throws {
        let started = Date()
        let result = runBuild(
            BuildOptions(contentDirectory: paths.content, templatesDirectory: paths.templates, write: false))
        report(result, verb: "check", started: started)
        if !result.succeeded { throw ExitCode(1) }
    }
}
