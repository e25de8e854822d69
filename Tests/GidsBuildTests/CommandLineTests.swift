import Foundation
import GidsCore
import Testing

/// The `gids` executable as CI runs it: exit codes and output. `swift build --build-tests`
/// (what `make test` runs) builds it into `.build/debug/gids`.
@Suite struct CommandLineTests {
    struct Run {
        let status: Int32
        let standardError: String
    }

    func gids(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repo.root + "/.build/debug/gids")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, standardError: String(decoding: data, as: UTF8.self))
    }

    func fixture(_ overlayCase: String?) throws -> String {
        let root = temporaryDirectory()
        try overlay(Repo.fixtures + "/base", onto: root)
        if let overlayCase { try overlay(Repo.fixtures + "/invalid/" + overlayCase, onto: root) }
        return root
    }

    @Test func cleanBuildExitsZeroAndSaysSo() throws {
        let root = try fixture(nil)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = try gids([
            "build", "--content", root + "/content", "--templates", Repo.templates, "--output", root + "/site",
        ])
        #expect(run.status == 0)
        #expect(run.standardError.contains("gids build: 2 pages"))
        #expect(FileManager.default.fileExists(atPath: root + "/site/index.html"))
    }

    @Test func contentErrorsExitOneWithCompilerStyleLines() throws {
        let root = try fixture("broken-link")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = try gids(
            ["check", "--content", root + "/content", "--templates", Repo.templates], environment: ["NO_COLOR": "1"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("/content/gids/twee.md:8:24: error: linked page 'drie.md' not found"))
        #expect(!run.standardError.contains("\u{1B}["))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try gids(["--verbose"]).status == 2)
        #expect(try gids(["check", "--output", "x"]).status == 2)
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() {
        #expect(DiagnosticPrinter.wantsColor(isTerminal: true, environment: [:]))
        #expect(!DiagnosticPrinter.wantsColor(isTerminal: false, environment: [:]))
        #expect(!DiagnosticPrinter.wantsColor(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(DiagnosticPrinter.wantsColor(isTerminal: true, environment: ["NO_COLOR": ""]))
        #expect(!DiagnosticPrinter.wantsColor(isTerminal: true, environment: ["TERM": "dumb"]))
        let diagnostic = Diagnostic.error(SourceLocation(path: "a.md", line: 1, column: 2), "kapot", code: "x")
        #expect(!DiagnosticPrinter(useColor: false).report([diagnostic]).contains("\u{1B}["))
        #expect(DiagnosticPrinter(useColor: true).report([diagnostic]).contains("\u{1B}["))
    }

    @Test func refusesToReplaceAFolderThatIsNotAGidsSite() throws {
        let root = try fixture(nil)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/docs", withIntermediateDirectories: true)
        try Data("notities".utf8).write(to: URL(fileURLWithPath: root + "/docs/notes.md"))
        let run = try gids([
            "build", "--content", root + "/content", "--templates", Repo.templates, "--output", root + "/docs",
        ])
        #expect(run.status == 1)
        #expect(run.standardError.contains("is not a site built by gids"))
        #expect(FileManager.default.fileExists(atPath: root + "/docs/notes.md"))
        let inside = try gids([
            "build", "--content", root + "/content", "--templates", Repo.templates, "--output",
            root + "/content/site",
        ])
        #expect(inside.status == 1)
        #expect(inside.standardError.contains("may not lie inside"))
    }

    @Test func aSecondBuildReplacesTheFirst() throws {
        let root = try fixture(nil)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let arguments = [
            "build", "--content", root + "/content", "--templates", Repo.templates, "--output", root + "/site",
        ]
        #expect(try gids(arguments).status == 0)
        try Data("oud".utf8).write(to: URL(fileURLWithPath: root + "/site/verouderd.html"))
        #expect(try gids(arguments).status == 0)
        #expect(!FileManager.default.fileExists(atPath: root + "/site/verouderd.html"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix(".site.") }
        #expect(leftovers.isEmpty)
    }
}
