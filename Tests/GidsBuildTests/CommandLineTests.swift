import Foundation
import GidsCore
import Testing

/// The `gids` executable as CI runs it: exit codes and output. `swift build --build-tests`
/// (what `make test` runs) builds it into `.build/debug/gids`.
@Suite struct CommandLineTests {
    struct Run {
        let status: Int32
        let standardError: String
        var standardOutput = ""
    }

    func gids(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repo.root + "/.build/debug/gids")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        process.standardError = errors
        let outputFile = temporaryDirectory() + "/stdout"
        _ = FileManager.default.createFile(atPath: outputFile, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: outputFile)
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = FileManager.default.contents(atPath: outputFile) ?? Data()
        return Run(
            status: process.terminationStatus, standardError: String(decoding: data, as: UTF8.self),
            standardOutput: String(decoding: output, as: UTF8.self))
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
        // A file in the way is named as a file (a trial was told to "empty" it), and kept.
        try Data("notities".utf8).write(to: URL(fileURLWithPath: root + "/uitvoer"))
        let file = try gids([
            "build", "--content", root + "/content", "--templates", Repo.templates, "--output", root + "/uitvoer",
        ])
        #expect(file.status == 1)
        #expect(file.standardError.contains("it is a file, not a folder"))
        #expect(FileManager.default.contents(atPath: root + "/uitvoer") == Data("notities".utf8))
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

    /// `gids check --site` on a built site: clean is 0; a broken link is 1, in every format;
    /// a warning is 1 only with --strict; a missing folder or bad pattern is 2.
    @Test func checkSiteExitCodesAndFormats() throws {
        let root = try fixture(nil)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let site = root + "/site"
        _ = try gids(["build", "--content", root + "/content", "--templates", Repo.templates, "--output", site])
        let clean = try gids(["check", "--site", site])
        #expect(clean.status == 0, "\(clean.standardError)")
        #expect(clean.standardError.contains("0 errors, 0 warnings"))

        let page = site + "/gids/twee/index.html"
        var html = try String(contentsOfFile: page, encoding: .utf8)
        html = html.replacingOccurrences(of: "#eerste-sectie", with: "#Eerste-sectie")
        try html.write(toFile: page, atomically: true, encoding: .utf8)
        let text = try gids(["check", "--site", site], environment: ["NO_COLOR": "1"])
        #expect(text.status == 1)
        #expect(text.standardError.contains("gids/twee/index.html:"))
        #expect(text.standardError.contains("error: fragment '#Eerste-sectie' not found"))
        let github = try gids(["check", "--site", site, "--format", "github"])
        #expect(github.status == 1)
        #expect(github.standardOutput.hasPrefix("::error file=\(site)/gids/twee/index.html,line="))
        let json = try gids(["check", "--site", site, "--format", "json", "--report", root + "/report.json"])
        #expect(json.status == 1)
        let object = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: root + "/report.json")))
        #expect(((object as? [String: Any])?["summary"] as? [String: Int])?["errors"] == 1)
        let junit = try gids(["check", "--site", site, "--format", "junit"])
        #expect(junit.standardOutput.contains("failures=\"1\""))

        // A link without .html to a file that has it: a warning, an error under --strict.
        try html.replacingOccurrences(of: "#Eerste-sectie", with: "#eerste-sectie").write(
            toFile: page, atomically: true, encoding: .utf8)
        try "<!doctype html><title>x</title><a href=\"los\">los</a>".write(
            toFile: site + "/a.html", atomically: true, encoding: .utf8)
        try "<!doctype html><title>x</title>".write(toFile: site + "/los.html", atomically: true, encoding: .utf8)
        #expect(try gids(["check", "--site", site]).status == 0)
        #expect(try gids(["check", "--site", site, "--strict"]).status == 1)

        #expect(try gids(["check", "--site", root + "/nergens"]).status == 2)
        #expect(try gids(["check", "--site", site, "--external", "--ignore", "(", "--no-cache"]).status == 2)
    }
}
