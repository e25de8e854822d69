import Foundation
import GidsBuild
import GidsFrontMatter
import Testing

/// What editors get: JSON Schemas for their editor, and `gids new` for pages and tools.
@Suite struct EditorTests {
    /// Runs `Fixtures/schema/validate.py` (PyPI jsonschema) over `files` of `content`.
    func validate(schemas: String, content: String, files: [String]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repo.fixtures + "/schema/validate.py", schemas, content] + files
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Every site, guide and page file (the home page too), relative to `content`.
    func contentFiles(_ content: String) -> [String] {
        FileManager.default.enumerator(atPath: content)!.compactMap { $0 as? String }
            .filter { ($0.hasSuffix(".yml") || $0.hasSuffix(".md")) && !$0.hasPrefix(".") }.sorted()
    }

    @Test func theSchemasAcceptEveryFileOfTheRealContent() throws {
        let schemas = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: schemas) }
        let content = Repo.root + "/content"
        let written = try writeSchemas(contentDirectory: content, outputDirectory: schemas)
        #expect(written.count == 7)
        let files = contentFiles(content)
        #expect(files.count > 25)
        let results = try validate(schemas: schemas, content: content, files: files)
        #expect(results.count == files.count)
        #expect(results.filter { !$0.hasPrefix("ok ") } == [])
        let page = try String(contentsOfFile: schemas + "/woudlopersgids.page.schema.json", encoding: .utf8)
        #expect(page.contains("\"evalueren\"") && page.contains("\"werk-en-inkomen\""))
        #expect(page.contains("Beleidsdomeinen van de pagina"))
    }

    @Test func theSchemasRejectFixturesWithKnownErrors() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try overlay(Repo.fixtures + "/base", onto: root)
        let content = root + "/content"
        try writeSchemas(contentDirectory: content, outputDirectory: root + "/schemas").forEach { _ in }
        #expect(
            try validate(schemas: root + "/schemas", content: content, files: contentFiles(content)).allSatisfy {
                $0.hasPrefix("ok ")
            })
        try overlay(Repo.fixtures + "/invalid/unknown-phase", onto: root)
        let cases: [(String, String)] = [
            ("gids/drie.md", "---\ntitle: Drie\nsummary: S.\nphase: voorbereiden\nordre: 2\n---\n"),
            ("gids/vier.md", "---\ntitle: Vier\nsummary: S.\nphase: voorbereiden\ndomains: [wmo, sprot]\n---\n"),
            ("gids/vijf.md", "---\ntitle: Vijf\nsummary: S.\nphase: voorbereiden\nlevel: diep\n---\n"),
            ("gids/zes.md", "---\ntitle: Zes\nphase: voorbereiden\n---\n"),
            ("gids/zeven.md", "---\ntitle: Zeven\nsummary: S.\nphase: voorbereiden\norder: twee\n---\n"),
        ]
        for (path, text) in cases { try text.write(toFile: content + "/" + path, atomically: true, encoding: .utf8) }
        let results = try validate(
            schemas: root + "/schemas", content: content, files: ["gids/twee.md"] + cases.map(\.0))
        #expect(results.count == cases.count + 1)
        for line in results { #expect(line.hasPrefix("invalid "), "\(line)") }
        // `phase` takes one id or a list of ids (a page may sit in several phases).
        #expect(results[0].contains("'evalueeren' is not valid under any of the given schemas"))
    }

    /// New pages and tools build; until their example text is replaced each example is a warning
    /// (a trial found `gids new`'s placeholder summary published without notice).
    @Test func newPagesAndToolsBuildAndWarnUntilTheirExampleTextIsReplaced() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.copyItem(atPath: Repo.root + "/content", toPath: root + "/content")
        let content = root + "/content"
        let page = try scaffold(
            contentDirectory: content, guide: "woudlopersgids", phase: "evalueren", title: "Wat werkt: meten & weten")
        #expect(page == content + "/woudlopersgids/wat-werkt-meten-weten.md")
        let tool = try scaffold(contentDirectory: content, guide: nil, phase: nil, title: "Buurtbudget Online")
        #expect(tool == content + "/keuzewijzer-e-tools/buurtbudget-online.md")
        let result = runBuild(
            BuildOptions(contentDirectory: content, templatesDirectory: Repo.templates, outputDirectory: root + "/site")
        )
        #expect(
            lines(result.diagnostics, removing: root + "/") == [
                "content/keuzewijzer-e-tools/buurtbudget-online.md:4:10: warning: 'summary' still holds the example text that gids wrote [frontmatter.placeholder]",
                "content/keuzewijzer-e-tools/buurtbudget-online.md:5:9: warning: 'yields' still holds the example text that gids wrote [frontmatter.placeholder]",
                "content/keuzewijzer-e-tools/buurtbudget-online.md:6:6: warning: 'why' still holds the example text that gids wrote [frontmatter.placeholder]",
                "content/woudlopersgids/wat-werkt-meten-weten.md:3:10: warning: 'summary' still holds the example text that gids wrote [frontmatter.placeholder]",
            ])
        #expect(FileManager.default.fileExists(atPath: root + "/site/woudlopersgids/wat-werkt-meten-weten/index.html"))
        for (path, example) in [
            (page, Placeholder.pageSummary), (tool, Placeholder.toolSummary), (tool, Placeholder.yields),
            (tool, Placeholder.why),
        ] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: example, with: "Eigen tekst.").write(
                toFile: path, atomically: true, encoding: .utf8)
        }
        let edited = runBuild(
            BuildOptions(contentDirectory: content, templatesDirectory: Repo.templates, outputDirectory: root + "/site")
        )
        #expect(edited.diagnostics.isEmpty, "\(lines(edited.diagnostics, removing: root + "/"))")
        // Never overwrites; an unknown phase gets a did-you-mean.
        #expect(throws: ScaffoldError.self) {
            try scaffold(
                contentDirectory: content, guide: "woudlopersgids", phase: "evalueren",
                title: "Wat werkt: meten & weten")
        }
        do {
            _ = try scaffold(contentDirectory: content, guide: "woudlopersgids", phase: "evalueeren", title: "X")
            Issue.record("an unknown phase must fail")
        } catch let error as ScaffoldError {
            #expect(error.isUsageError && error.description.contains("did you mean 'evalueren'?"))
        }
    }
}
