import Foundation
import GidsBuild
import Testing

/// Real knowledge bases built as `gids init --from` takes them: no page may show Markdown or
/// extension syntax as text, and every table, callout, footnote and tab of the sources is an
/// element of the site (issue "Markdown as real knowledge bases write it").
@Suite struct LeakCounterTests {
    /// `../shared/corpora/<name>` next to the repository (or `GIDS_CORPORA`); never copied into the project.
    static func corpus(_ name: String) -> String? {
        let candidates = [
            ProcessInfo.processInfo.environment["GIDS_CORPORA"].map { $0 + "/" + name },
            Repo.root + "/../shared/corpora/" + name, "/work/shared/corpora/" + name,
        ].compactMap { $0 }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/docs") }
    }

    /// Syntax that must never be visible text, by name.
    static var leaks: [(String, Regex<AnyRegexOutput>)] {
        [
            ("table row", try! Regex(#"(?m)^\s*\|.*\|\s*$"#)),
            ("admonition", try! Regex(#"(?m)^\s*(!!!|\?\?\?)"#)),
            ("tab", try! Regex(#"(?m)^\s*===[!+]*\s*""#)),
            ("attribute list", try! Regex(#"\{:?\s*([#.][\w-]+|[\w-]+=|data-[\w-]+)[^{}\n]*\}"#)),
            ("footnote", try! Regex(#"\[\^[^\]\s]+\]"#)),
            ("abbreviation", try! Regex(#"\*\[[^\]]+\]:"#)),
            ("icon", try! Regex(#":(material|fontawesome|octicons|simple)-[a-z0-9-]+:"#)),
            ("alert", try! Regex(#"(?i)\[!(note|tip|important|warning|caution)\]"#)),
            ("definition", try! Regex(#"(?m)^:\s{1,4}\S"#)),
        ]
    }

    /// The text a reader sees: no tags, no script or style, no code (what is code in the
    /// source is code on the page), character references decoded.
    static func visibleText(_ html: String) -> String {
        var text = html
        for element in ["script", "style", "pre", "code"] {
            text = text.replacing(try! Regex("(?s)<\(element)\\b.*?</\(element)>"), with: " ")
        }
        text = text.replacing(try! Regex("(?s)<!--.*?-->"), with: " ")
        text = text.replacing(try! Regex("<(p|li|td|th|div|h[1-6]|dt|dd|tr|br|summary)\\b[^>]*>"), with: "\n")
        text = text.replacing(try! Regex("<[^>]+>"), with: "")
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    /// Links that look like `[x](y)` inside code on the page but were not code in the source:
    /// an indented admonition body read as a code block.
    static var linkInCode: Regex<AnyRegexOutput> { try! Regex(#"(?s)<pre><code>[^<]*\[[^\]\n]+\]\([^)\s]+\)"#) }

    /// How many tables, callouts, footnotes and tabs the Markdown sources hold (outside fenced
    /// code), counted from their marker lines.
    static func sourceCounts(_ files: [String]) -> [String: Int] {
        var counts = ["tables": 0, "callouts": 0, "footnotes": 0, "tabs": 0]
        let delimiterRow = try! Regex(#"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$"#)
        let callout = try! Regex(#"^\s*((!!!|\?\?\?\+?)\s*[\w-]|>\s*\[![A-Za-z]+\])"#)
        let footnote = try! Regex(#"^\[\^[^\]]+\]:"#)
        let tab = try! Regex(#"^\s*===[!+]*\s+""#)
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            var fence: String?
            var previous = ""
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if let open = fence {
                    if trimmed.hasPrefix(open) { fence = nil }
                    continue
                }
                if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                    fence = String(trimmed.prefix(3))
                    continue
                }
                if line.wholeMatch(of: delimiterRow) != nil && previous.contains("|") { counts["tables"]! += 1 }
                if line.prefixMatch(of: callout) != nil { counts["callouts"]! += 1 }
                if line.prefixMatch(of: footnote) != nil { counts["footnotes"]! += 1 }
                if line.prefixMatch(of: tab) != nil { counts["tabs"]! += 1 }
                previous = line
            }
        }
        return counts
    }

    /// The same counts in the built pages of a guide (the print edition, which repeats them, left out).
    static func siteCounts(_ pages: [String: String]) -> [String: Int] {
        var counts = ["tables": 0, "callouts": 0, "footnotes": 0, "tabs": 0]
        for html in pages.values {
            // GFM tables (raw HTML tables are the editor's own markup).
            counts["tables"]! += html.components(separatedBy: "<div class=\"table-wrap\"").count - 1
            counts["callouts"]! += html.components(separatedBy: "class=\"callout callout-").count - 1
            counts["footnotes"]! += html.components(separatedBy: "<li id=\"fn:").count - 1
            counts["tabs"]! += html.components(separatedBy: "<section class=\"tab\">").count - 1
        }
        return counts
    }

    /// Every page of the guide in `site/<guide>/` but the print edition, by path.
    static func pages(in folder: String) -> [String: String] {
        snapshot(folder).filter { $0.key.hasSuffix(".html") && !$0.key.hasPrefix("print/") }.mapValues {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// The pages that show syntax, each with what it shows.
    static func leakingPages(_ pages: [String: String]) -> [String] {
        var found: [String] = []
        for (path, html) in pages.sorted(by: { $0.key < $1.key }) {
            let text = visibleText(html)
            var shown = leaks.compactMap { name, pattern in
                text.firstMatch(of: pattern).map { "\(name) '\(text[$0.range])'" }
            }
            if html.firstMatch(of: linkInCode) != nil { shown.append("link inside code") }
            if !shown.isEmpty { found.append("\(path): \(shown.joined(separator: ", "))") }
        }
        return found
    }

    /// `gids init --from <corpus>/docs`, then `gids build`, as a web team would.
    func importAndBuild(_ name: String) throws -> (root: String, result: BuildResult, sources: [String]) {
        let corpus = try #require(Self.corpus(name))
        let root = temporaryDirectory()
        let docs = URL(fileURLWithPath: corpus + "/docs").standardizedFileURL.path
        _ = try initGuide(from: docs, contentDirectory: root + "/content", name: name)
        let result = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates, outputDirectory: root + "/site"
            ))
        let sources = result.sourceFiles.filter {
            $0.hasSuffix(".md") && $0.hasPrefix(docs) && !$0.lowercased().hasSuffix("/readme.md")
        }
        return (root, result, sources)
    }

    @Test(
        .enabled(
            if: corpus("nerds") != nil && corpus("gemma-zaken") != nil,
            "the practice corpora are not next to the repository (../shared/corpora); set GIDS_CORPORA"),
        arguments: ["nerds", "gemma-zaken"])
    func noPageOfAnImportedKnowledgeBaseShowsSyntax(name: String) throws {
        let (root, result, sources) = try importAndBuild(name)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(result.succeeded, "\(result.diagnostics.filter { $0.severity == .error }.map(\.formatted))")
        let pages = Self.pages(in: root + "/site/" + name)
        #expect(pages.count > 20)
        #expect(Self.leakingPages(pages) == [])
        let expected = Self.sourceCounts(sources)
        #expect(Self.siteCounts(pages) == expected)
        // The knowledge bases do use these constructs: the counts are not all zero.
        #expect(expected.values.reduce(0, +) > 0)
    }

    @Test func theFixtureShowsNoSyntaxAndHasEveryElement() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = runBuild(
            BuildOptions(
                contentDirectory: Repo.fixtures + "/markdown/content", templatesDirectory: Repo.templates,
                outputDirectory: root + "/site"))
        #expect(result.succeeded)
        let pages = Self.pages(in: root + "/site/kennis")
        #expect(Self.leakingPages(pages) == [])
        let sources = [Repo.fixtures + "/markdown/content/kennis/constructies.md"]
        #expect(Self.sourceCounts(sources) == ["tables": 1, "callouts": 5, "footnotes": 1, "tabs": 2])
        #expect(Self.siteCounts(pages) == Self.sourceCounts(sources))
    }

    @Test func theLeakCounterFindsRawSyntax() {
        // The counter itself: a page that shows syntax is found.
        let page =
            "<p>| a | b |</p><p>!!! tip</p><p>Zie [^1] en {: .rood } en :material-home:</p><pre><code>[x](y.md)</code></pre>"
        let found = Self.leakingPages(["p.html": page])
        #expect(found.count == 1)
        #expect(
            found.first?.contains("table row") == true && found.first?.contains("admonition") == true
                && found.first?.contains("footnote") == true && found.first?.contains("attribute list") == true
                && found.first?.contains("icon") == true && found.first?.contains("link inside code") == true)
    }
}
