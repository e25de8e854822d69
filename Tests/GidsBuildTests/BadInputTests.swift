import Foundation
import GidsBuild
import GidsHTML
import GidsSearch
import Testing

/// Every kind of bad input an editor, Word or Windows can produce: a clear diagnostic at the
/// right place, and the previous site left exactly as it was.
@Suite struct BadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        /// Writes the bad input into the content folder.
        let setUp: @Sendable (String) throws -> Void
        /// The first line of the expected diagnostic, paths relative to the fixture root.
        let expected: String
        var description: String { name }
    }

    static func page(_ text: String) -> @Sendable (String) throws -> Void {
        { content in try Data(text.utf8).write(to: URL(fileURLWithPath: content + "/gids/drie.md")) }
    }

    static let cases: [Case] = [
        Case(
            name: "invalid UTF-8",
            setUp: { content in
                try Data("---\ntitle: Dr".utf8 + [0xE9] + "ie\n".utf8).write(
                    to: URL(fileURLWithPath: content + "/gids/drie.md"))
            }, expected: "content/gids/drie.md:2:10: error: invalid UTF-8 [load.invalid-utf8]"),
        Case(
            name: "a front matter that never closes", setUp: page("---\ntitle: Drie\nsummary: S.\n\nTekst.\n"),
            expected: "content/gids/drie.md:1:1: error: front matter is not closed [frontmatter.unclosed]"),
        Case(
            name: "a file that is only ---", setUp: page("---\n"),
            expected: "content/gids/drie.md:1:1: error: front matter is not closed [frontmatter.unclosed]"),
        Case(
            name: "an empty file", setUp: page(""),
            expected: "content/gids/drie.md:1:1: error: page has no front matter [frontmatter.missing]"),
        Case(
            name: "tabs in YAML indentation",
            setUp: page("---\ntitle: Drie\nsummary: S.\nphase: voorbereiden\nrelated:\n\t- een.md\n---\n"),
            expected: "content/gids/drie.md:6:1: error: "),
        Case(
            name: "duplicate keys",
            setUp: page("---\ntitle: Drie\nsummary: S.\ntitle: Vier\nphase: voorbereiden\n---\n"),
            expected: "content/gids/drie.md:4:1: error: "),
        Case(
            name: "a billion-laughs alias bomb",
            setUp: page(
                "---\ntitle: Drie\nsummary: S.\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                    + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n"),
            expected:
                "content/gids/drie.md:4:4: error: YAML anchors and aliases (& and *) are not supported in front matter [yaml.alias]"
        ),
        Case(
            name: "a binary file with a .md name",
            setUp: { content in
                try Data([0x2D, 0x2D, 0x2D, 0x0A, 0x00, 0x01, 0x02, 0xFF & 0x7F]).write(
                    to: URL(fileURLWithPath: content + "/gids/drie.md"))
            },
            expected:
                "content/gids/drie.md:2:1: error: this is a binary file, not text (it contains NUL bytes) [load.binary]"
        ),
        Case(
            name: "a 50 MB file",
            setUp: { content in
                FileManager.default.createFile(atPath: content + "/gids/drie.md", contents: nil)
                let handle = FileHandle(forWritingAtPath: content + "/gids/drie.md")!
                try handle.truncate(atOffset: 50 * 1024 * 1024)  // sparse: no 50 MB written to disk
                try handle.close()
            },
            expected:
                "content/gids/drie.md: error: file is 52428800 bytes; text files may be at most 10485760 bytes [load.too-large]"
        ),
        Case(
            name: "two pages whose URLs differ only in case",
            setUp: { content in
                try Data("---\ntitle: Drie\nsummary: S.\nphase: voorbereiden\n---\n".utf8).write(
                    to: URL(fileURLWithPath: content + "/gids/Een.md"))
            }, expected: "content/gids/een.md: error: 'content/gids/een.md' would get the URL '/gids/een/'"),
        Case(
            name: "the same slug twice",
            setUp: page("---\ntitle: Drie\nsummary: S.\nphase: voorbereiden\nslug: een\n---\n"),
            expected: "content/gids/drie.md:5:7: error: 'content/gids/drie.md' would get the URL '/gids/een/'"),
        Case(
            name: "a slug that climbs out of the site",
            setUp: page("---\ntitle: Drie\nsummary: S.\nphase: voorbereiden\nslug: ../../etc\n---\n"),
            expected:
                "content/gids/drie.md:5:7: error: slug '../../etc' may contain only lowercase letters, digits and '-' [frontmatter.bad-id]"
        ),
        Case(
            name: "folders nested too deep",
            setUp: { content in
                let deep = content + "/gids" + String(repeating: "/d", count: 34)
                try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
                try Data("---\ntitle: Diep\n---\n".utf8).write(to: URL(fileURLWithPath: deep + "/diep.md"))
            },
            expected: "content/gids" + String(repeating: "/d", count: 32)
                + ": error: folders are nested more than 32 deep; this folder is not read [load.too-deep]"),
        Case(
            name: "an absolute slug",
            setUp: page("---\ntitle: Drie\nsummary: S.\nphase: voorbereiden\nslug: /etc/passwd\n---\n"),
            expected:
                "content/gids/drie.md:5:7: error: slug '/etc/passwd' may contain only lowercase letters, digits and '-' [frontmatter.bad-id]"
        ),
        Case(
            name: "a percent-encoded climbing slug",
            setUp: page("---\ntitle: Drie\nsummary: S.\nphase: voorbereiden\nslug: '%2e%2e'\n---\n"),
            expected:
                "content/gids/drie.md:5:7: error: slug '%2e%2e' may contain only lowercase letters, digits and '-' [frontmatter.bad-id]"
        ),
    ]

    @Test(arguments: cases) func badInputIsReportedAndNothingIsLost(_ badCase: Case) throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try overlay(Repo.fixtures + "/base", onto: root)
        let first = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates, outputDirectory: root + "/site"
            ))
        #expect(first.succeeded)
        let before = snapshot(root + "/site")
        try badCase.setUp(root + "/content")
        let result = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates, outputDirectory: root + "/site"
            ))
        let found = lines(result.diagnostics, removing: root + "/")
        #expect(found.contains { $0.hasPrefix(badCase.expected) }, "\(found)")
        #expect(!result.wrote)
        #expect(snapshot(root + "/site") == before)
    }

    @Test func crlfLoneCRAndAByteOrderMarkAreReadAsText() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try overlay(Repo.fixtures + "/base", onto: root)
        let text =
            "---\r\ntitle: Drie\r\nsummary: S.\rphase: voorbereiden\r\n---\r\n## Kop\r\n\r\nTekst met [eerste sectie](een.md#eerste-sectie).\r\n"
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: URL(fileURLWithPath: root + "/content/gids/drie.md"))
        let result = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates, outputDirectory: root + "/site"
            ))
        #expect(result.diagnostics.isEmpty, "\(lines(result.diagnostics, removing: root + "/"))")
        let html = try String(contentsOfFile: root + "/site/gids/drie/index.html", encoding: .utf8)
        #expect(html.contains("<h1>Drie</h1>") && !html.contains("\r"))
    }

    @Test func aThematicBreakInTheBodyIsNotFrontMatter() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try overlay(Repo.fixtures + "/base", onto: root)
        try "---\ntitle: Drie\nsummary: S.\nphase: voorbereiden\n---\nTekst.\n\n---\n\ntitle: geen sleutel\n".write(
            toFile: root + "/content/gids/drie.md", atomically: true, encoding: .utf8)
        let result = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates, outputDirectory: root + "/site"
            ))
        #expect(result.diagnostics.isEmpty, "\(lines(result.diagnostics, removing: root + "/"))")
        let html = try String(contentsOfFile: root + "/site/gids/drie/index.html", encoding: .utf8)
        #expect(html.contains("<hr />") && html.contains("title: geen sleutel"))
    }

    @Test func aSymbolicLinkLoopIsReportedNotFollowed() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try overlay(Repo.fixtures + "/base", onto: root)
        try FileManager.default.createSymbolicLink(atPath: root + "/content/gids/lus", withDestinationPath: "..")
        let result = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates, outputDirectory: root + "/site"
            ))
        #expect(result.diagnostics.map(\.code).contains("load.symlink-loop"))
        #expect(result.succeeded)
    }
}

/// Nothing unsafe gets into the output: escaping in every context, refused URL schemes, raw
/// HTML without scripts, a search index that cannot break out of a script element, and pages
/// that need no inline script or style (so a strict Content-Security-Policy works).
@Suite struct SafeOutputTests {
    static let payloads = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)"]

    /// Active content anywhere in the built site other than the site's own script file.
    func activeContent(in site: String) -> [String] {
        var found: [String] = []
        for (path, data) in snapshot(site) where path.hasSuffix(".html") {
            let facts = HTMLScanner.scan(data)
            for active in facts.activeContent where active.kind != .scriptFile {
                found.append("\(path):\(active.position.line): \(active.kind.rawValue) \(active.name)")
            }
            for reference in facts.references {
                let value = reference.value.lowercased().trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("javascript:") || value.hasPrefix("vbscript:") {
                    found.append("\(path): \(reference.attribute)=\(reference.value)")
                }
                if reference.element == "script"
                    && (reference.value.contains(":") || !reference.value.contains("assets/"))
                {
                    found.append("\(path): foreign script \(reference.value)")
                }
            }
        }
        return found
    }

    @Test func xssPayloadsInEveryFrontMatterFieldAndInMarkdownStayText() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try overlay(Repo.fixtures + "/base", onto: root)
        let content = root + "/content"
        for (index, payload) in Self.payloads.enumerated() {
            let quoted = "'" + payload.replacingOccurrences(of: "'", with: "''") + "'"
            try """
            ---
            title: \(quoted)
            summary: \(quoted)
            phase: voorbereiden
            domains: [wmo]
            ---
            ## \(payload)

            Tekst \(payload) en `\(payload)` en *\(payload)*.

            > \(payload)
            """.write(toFile: content + "/gids/xss\(index).md", atomically: true, encoding: .utf8)
        }
        // The site and guide files too.
        let site = try String(contentsOfFile: content + "/site.yml", encoding: .utf8)
            .replacingOccurrences(of: "title: Testgidsen", with: "title: '\(Self.payloads[1])'")
            .replacingOccurrences(
                of: "description: Een kleine site voor de tests.", with: "description: '\(Self.payloads[0])'")
        try site.write(toFile: content + "/site.yml", atomically: true, encoding: .utf8)
        let guide = try String(contentsOfFile: content + "/gids/guide.yml", encoding: .utf8)
            .replacingOccurrences(of: "summary: Een gids met twee fasen.", with: "summary: '\(Self.payloads[1])'")
        try guide.write(toFile: content + "/gids/guide.yml", atomically: true, encoding: .utf8)
        let result = runBuild(
            BuildOptions(contentDirectory: content, templatesDirectory: Repo.templates, outputDirectory: root + "/site")
        )
        #expect(result.succeeded, "\(lines(result.diagnostics, removing: root + "/"))")
        #expect(activeContent(in: root + "/site") == [])
        let page = try String(contentsOfFile: root + "/site/gids/xss1/index.html", encoding: .utf8)
        #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        // The search index: no `<` in any of its files, so `</script>` cannot occur even if inlined.
        let indexFiles = snapshot(root + "/site").filter { $0.key.hasPrefix("search") && $0.key.hasSuffix(".json") }
        #expect(indexFiles.count > 3)
        for (path, data) in indexFiles { #expect(!data.contains(UInt8(ascii: "<")), "\(path)") }
        #expect(indexFiles.values.contains { String(decoding: $0, as: UTF8.self).contains("\\u003cscript\\u003e") })
    }

    @Test func unsafeLinkSchemesAreRefused() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try overlay(Repo.fixtures + "/base", onto: root)
        try
            "---\ntitle: Drie\nsummary: S.\nphase: voorbereiden\n---\n[a](javascript:alert(1)) [b](vbscript:x) [c](data:text/html,x) ![d](data:image/png;base64,AAAA)\n"
            .write(toFile: root + "/content/gids/drie.md", atomically: true, encoding: .utf8)
        let result = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates, outputDirectory: root + "/site"
            ))
        #expect(result.diagnostics.map(\.code) == ["link.unsafe-scheme", "link.unsafe-scheme", "link.unsafe-scheme"])
    }

    @Test func rawHTMLMayNotBringScriptsUnlessAllowed() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try overlay(Repo.fixtures + "/base", onto: root)
        let content = root + "/content"
        let site = try String(contentsOfFile: content + "/site.yml", encoding: .utf8)
        try (site + "raw_html: true\n").write(toFile: content + "/site.yml", atomically: true, encoding: .utf8)
        try """
        ---
        title: Drie
        summary: S.
        phase: voorbereiden
        ---
        <p id="contact" class="x">Mag wel.</p>

        <script>alert(1)</script>

        Tekst <img src="img/x.svg" onerror="alert(1)" alt=""> en <a href="javascript:alert(1)">x</a>.

        <iframe src="https://example.org/"></iframe>
        """.write(toFile: content + "/gids/drie.md", atomically: true, encoding: .utf8)
        let refused = runBuild(
            BuildOptions(contentDirectory: content, templatesDirectory: Repo.templates, outputDirectory: root + "/site")
        )
        let found: [String] = refused.diagnostics.sortedForOutput().map { diagnostic in
            "\(diagnostic.location.line ?? 0):\(diagnostic.location.column ?? 0) \(diagnostic.code)"
        }
        #expect(
            found == [
                "8:1 markdown.unsafe-html", "10:7 markdown.unsafe-html", "10:58 markdown.unsafe-html",
                "12:1 markdown.unsafe-html",
            ])
        try (site + "raw_html: true\nallow_scripts: true\n").write(
            toFile: content + "/site.yml", atomically: true, encoding: .utf8)
        let allowed = runBuild(
            BuildOptions(contentDirectory: content, templatesDirectory: Repo.templates, outputDirectory: root + "/site")
        )
        #expect(!allowed.diagnostics.map(\.code).contains("markdown.unsafe-html"))
    }

    /// `strict: false` softens link, Markdown and accessibility errors, never safety: scripts,
    /// handlers, `javascript:` URLs and embedded documents are removed (with a warning at their
    /// position) from the page, the print edition, the search documents and the feed.
    @Test func strictFalseNeverLetsActiveContentThrough() throws {
        let (root, result) = try buildBase(
            page: """
                ---
                title: Drie
                summary: "<script>alert(1)</script>"
                phase: voorbereiden
                updated: 2024-05-01
                ---
                <div onclick="steel()" class="kaart"><a href="javascript:alert(1)">klik</a></div>

                <script>alert(2)</script>

                Tekst <img src="img/plaatje.svg" onerror="alert(3)" alt="x"> en [de regeling](javascript:alert(4)).

                <iframe src="https://example.org/"></iframe>
                """, siteYAML: "raw_html: true\n", guideYAML: "strict: false\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(result.succeeded, "\(lines(result.diagnostics, removing: root + "/"))")
        let warnings = result.diagnostics.filter { $0.location.path.hasSuffix("drie.md") }.sortedForOutput().map {
            "\($0.severity.rawValue) \($0.location.line ?? 0):\($0.location.column ?? 0) \($0.code)"
        }
        #expect(
            warnings == [
                "warning 7:1 markdown.unsafe-html", "warning 7:38 markdown.unsafe-html",
                "warning 9:1 markdown.unsafe-html", "warning 11:7 markdown.unsafe-html",
                "warning 11:79 link.unsafe-scheme", "warning 13:1 markdown.unsafe-html",
            ])
        // Page and print edition: no active content at all.
        #expect(activeContent(in: root + "/site") == [])
        let page = try String(contentsOfFile: root + "/site/gids/drie/index.html", encoding: .utf8)
        #expect(page.contains(#"<div class="kaart"><a>klik</a></div>"#))
        #expect(page.contains("en de regeling."))
        let print = try String(contentsOfFile: root + "/site/gids/print/index.html", encoding: .utf8)
        #expect(print.contains("<a>klik</a>"))
        for code in ["alert(2)", "alert(3)", "alert(4)", "onclick", "<iframe"] {
            #expect(!print.contains(code), "\(code)")
        }
        // Search documents and feed: text only, nothing that could become markup.
        for (path, data) in snapshot(root + "/site") where path.hasPrefix("search") || path.hasSuffix("feed.xml") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script") && !text.contains("javascript:") && !text.contains("onclick"), "\(path)")
        }
        let feed = try String(contentsOfFile: root + "/site/gids/feed.xml", encoding: .utf8)
        #expect(feed.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    /// The site's own pages work under `script-src 'self'; style-src 'self'`: no inline script,
    /// no inline style, no event handlers, on every page of the real content.
    @Test func theRealSiteNeedsNoUnsafeInline() throws {
        let site = temporaryDirectory() + "/site"
        let result = runBuild(
            BuildOptions(
                contentDirectory: Repo.root + "/content", templatesDirectory: Repo.templates, outputDirectory: site))
        #expect(result.succeeded)
        #expect(activeContent(in: site) == [])
    }
}

/// Same input, same bytes: across thread counts, time zones and locales, and after a build
/// that was killed halfway.
@Suite struct DeterminismTests {
    func gids(_ arguments: [String], environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repo.root + "/.build/debug/gids")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func oneThreadOrManyAndAnyTimeZoneGiveTheSameBytes() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var sites: [[String: Data]] = []
        for (index, environment) in [
            ["GIDS_JOBS": "1", "TZ": "UTC", "LANG": "C"],
            ["GIDS_JOBS": "8", "TZ": "Pacific/Kiritimati", "LANG": "nl_NL.UTF-8"],
            ["TZ": "America/Los_Angeles", "LC_ALL": "tr_TR.UTF-8"],
        ].enumerated() {
            let output = root + "/site\(index)"
            let process = try gids(
                ["build", "--content", Repo.root + "/content", "--templates", Repo.templates, "--output", output],
                environment: environment)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            sites.append(snapshot(output))
        }
        #expect(sites[0].count > 40)
        #expect(sites[0] == sites[1] && sites[1] == sites[2])
    }

    /// SIGKILL in the middle of a build leaves the previous site byte-identical, and the next
    /// build removes the temporary folder the killed one left.
    @Test func aKilledBuildLosesNothingAndLeavesNothing() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try overlay(Repo.fixtures + "/base", onto: root)
        // Enough pages that the build takes a while.
        for index in 0..<1500 {
            try
                "---\ntitle: Pagina \(index)\nsummary: S.\nphase: voorbereiden\n---\n## Kop\n\n\(String(repeating: "Tekst over mantelzorg en beleid. ", count: 80))\n"
                .write(toFile: root + "/content/gids/p\(index).md", atomically: false, encoding: .utf8)
        }
        let arguments = [
            "build", "--content", root + "/content", "--templates", Repo.templates, "--output", root + "/site",
        ]
        let first = try gids(arguments, environment: [:])
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let before = snapshot(root + "/site")
        try "---\ntitle: Nieuw\nsummary: S.\nphase: voorbereiden\n---\n".write(
            toFile: root + "/content/gids/nieuw.md", atomically: true, encoding: .utf8)
        // Kill the build the moment it starts writing its temporary folder.
        let killed = try gids(arguments, environment: [:])
        var leftovers: [String] = []
        while killed.isRunning && leftovers.isEmpty {
            leftovers = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix(".site.tmp-") }
            if leftovers.isEmpty { usleep(500) }
        }
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        #expect(killed.terminationReason == .uncaughtSignal, "the build finished before it could be killed")
        #expect(!leftovers.isEmpty)
        #expect(snapshot(root + "/site") == before)
        let last = try gids(arguments, environment: [:])
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix(".site.tmp-") } == [])
        #expect(snapshot(root + "/site")["gids/nieuw/index.html"] != nil)
    }
}

/// The fuzz targets' corpora (seeds and every input that ever crashed, in `Tests/Fuzz/Corpus`)
/// replayed through the normal build of each target: none may crash.
@Suite struct FuzzCorpusTests {
    @Test(arguments: ["FuzzFrontMatter", "FuzzLinks", "FuzzSlug", "FuzzMarkdown"]) func theCorpusReplaysWithoutCrashing(
        _ target: String
    ) throws {
        let corpus = Repo.root + "/Tests/Fuzz/Corpus/" + target
        let inputs = try FileManager.default.contentsOfDirectory(atPath: corpus).count
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repo.root + "/.build/debug/" + target)
        process.arguments = [corpus]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text == "replayed \(inputs) inputs\n")
    }
}
