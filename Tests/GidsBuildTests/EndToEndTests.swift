import Foundation
import GidsBuild
import GidsSearch
import Testing

/// Builds the real `content/` with the real `templates/` and checks the output.
@Suite struct RealContentTests {
    static let built: (site: String, result: BuildResult) = {
        let site = temporaryDirectory() + "/site"
        let result = runBuild(
            BuildOptions(
                contentDirectory: Repo.root + "/content", templatesDirectory: Repo.templates, outputDirectory: site))
        return (site, result)
    }()

    @Test func buildsWithoutErrorsOrWarnings() {
        let result = Self.built.result
        #expect(result.diagnostics.isEmpty, "\(lines(result.diagnostics, removing: Repo.root + "/"))")
        #expect(result.wrote)
    }

    @Test func everyGuideHasItsPages() {
        let counts = Dictionary(uniqueKeysWithValues: Self.built.result.pagesPerGuide.map { ($0.guide, $0.pages) })
        #expect((counts["Woudlopersgids Informele Zorg"] ?? 0) >= 10)
        #expect((counts["Regenbooggids voor gemeenten"] ?? 0) >= 8)
        #expect((counts["Keuzewijzer e-tools"] ?? 0) >= 1)
    }

    @Test func everySourcePageHasAnOutputPage() throws {
        let documents = try searchDocuments(site: Self.built.site).filter { $0.kind == .page || $0.kind == .tool }
        let files = snapshot(Self.built.site)
        let sources = FileManager.default.enumerator(atPath: Repo.root + "/content")!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".md") && $0 != "index.md" }
        #expect(documents.count == sources.count)
        for document in documents { #expect(files[document.url + "index.html"] != nil, "\(document.url)") }
        #expect(files.keys.contains { $0.hasPrefix("assets/style.") && $0.hasSuffix(".css") })
        for required in ["index.html", "404.html", "zoeken/index.html", "domeinen/index.html"] {
            #expect(files[required] != nil, "\(required)")
        }
        #expect(files["woudlopersgids/afbeeldingen/beleidsfasen.svg"] != nil)
    }

    @Test func everyInternalReferenceResolves() {
        #expect(brokenReferences(in: Self.built.site) == [])
    }

    @Test func searchForMantelzorgerFindsTheMantelzorgPagesFirst() throws {
        let urls = try searchWithSiteScript(site: Self.built.site, query: "mantelzorger")
        #expect(urls.first == "woudlopersgids/mantelzorgers-bereiken/")
        // The plural form, and the top results all about mantelzorg.
        let plural = try searchWithSiteScript(site: Self.built.site, query: "mantelzorgers")
        #expect(plural.first == urls.first)
        for url in urls.prefix(2) { #expect(url.contains("mantelzorg"), "\(url)") }
    }

    @Test func snippetsMarkEveryFormOfTheStem() throws {
        // The singular query marks the plural in the text: highlighting goes by stem.
        let html = try searchWithSiteScript(site: Self.built.site, query: "mantelzorger ", snippet: true).joined()
        #expect(html.contains("<mark>mantelzorgers</mark>"))
        #expect(!html.contains("<mark>de</mark>"))
    }

    @Test func apostropheSAndPrefixesDoNotWidenTheResults() throws {
        #expect(
            try searchWithSiteScript(site: Self.built.site, query: "LHBTI's")
                == searchWithSiteScript(site: Self.built.site, query: "lhbti"))
        let urls = try searchWithSiteScript(site: Self.built.site, query: "regenboogbeleid gemeente")
        for url in urls.prefix(2) { #expect(url.hasPrefix("regenbooggids/"), "\(url)") }
    }

    @Test func diacriticsFoldBothWays() throws {
        let accented = try searchWithSiteScript(site: Self.built.site, query: "ideeën")
        let plain = try searchWithSiteScript(site: Self.built.site, query: "ideeen")
        #expect(!accented.isEmpty)
        // The same pages either way; typed with the accent, the pages that write it come first.
        #expect(Set(accented) == Set(plain))
        #expect(accented.first == "keuzewijzer-e-tools/functies/ideeen/")
    }

    @Test func pagesHaveLandmarksAndOneH1() throws {
        let html = try String(
            contentsOfFile: Self.built.site + "/woudlopersgids/respijtzorg/index.html", encoding: .utf8)
        #expect(html.contains("<html lang=\"nl\">"))
        for landmark in ["<header", "<main", "<footer", "<nav class=\"breadcrumbs"] { #expect(html.contains(landmark)) }
        #expect(html.components(separatedBy: "<h1").count == 2)
        #expect(html.contains("aria-current=\"page\""))
        #expect(!html.contains("http://") || html.contains("href=\"http"))  // no external resources loaded
        #expect(!html.contains("<script src=\"http"))
    }
}

/// Small fixture sites: a valid base, and broken variants with their exact diagnostics.
@Suite struct FixtureTests {
    /// Builds the base fixture with `overlayCase` applied; returns the temp folder and result.
    func build(_ overlayCase: String?, output: String? = nil, write: Bool = true) throws -> (String, BuildResult) {
        let root = temporaryDirectory()
        try overlay(Repo.fixtures + "/base", onto: root)
        if let overlayCase { try overlay(Repo.fixtures + "/invalid/" + overlayCase, onto: root) }
        let result = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates,
                outputDirectory: output ?? root + "/site", write: write))
        return (root, result)
    }

    @Test func baseFixtureIsClean() throws {
        let (root, result) = try build(nil)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(result.diagnostics.isEmpty, "\(lines(result.diagnostics, removing: root + "/"))")
        #expect(brokenReferences(in: root + "/site") == [])
        let page = try String(contentsOfFile: root + "/site/gids/twee/index.html", encoding: .utf8)
        #expect(page.contains("href=\"../een/#financiele-tekorten\""))
        #expect(page.contains("src=\"../img/plaatje.svg\""))
        #expect(page.contains("Verwijst hierheen") == false || page.contains("Eerste pagina"))
        let first = try String(contentsOfFile: root + "/site/gids/een/index.html", encoding: .utf8)
        #expect(first.contains("<h2 id=\"financiele-tekorten\">"))
        #expect(first.contains("Verwijst hierheen"))  // twee links here
    }

    @Test(arguments: [
        "broken-link", "broken-fragment", "missing-image", "unknown-phase", "bad-yaml", "unsafe-tool-url", "link-rules",
    ])
    func invalidFixtureGivesExactDiagnosticsAndLeavesOutputAlone(name: String) throws {
        let output = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let (goodRoot, good) = try build(nil, output: output + "/site")
        defer { try? FileManager.default.removeItem(atPath: goodRoot) }
        #expect(good.succeeded)
        let before = snapshot(output)

        let (root, result) = try build(name, output: output + "/site")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let expected = try String(contentsOfFile: Repo.fixtures + "/invalid/\(name)/diagnostics.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(lines(result.diagnostics, removing: root + "/") == expected)
        #expect(!result.succeeded)
        #expect(!result.wrote)
        #expect(snapshot(output) == before, "the previous output must stay byte-identical")
    }

    @Test func fileURLsAndAnAbsolute404() throws {
        let (root, _) = try build(nil, write: false)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let site = try String(contentsOfFile: root + "/content/site.yml", encoding: .utf8)
        try Data((site + "directory_urls: false\nbase_url: https://www.gemeente.nl/gidsen\n").utf8)
            .write(to: URL(fileURLWithPath: root + "/content/site.yml"))
        let result = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates, outputDirectory: root + "/site"
            ))
        #expect(result.diagnostics.isEmpty, "\(lines(result.diagnostics, removing: root + "/"))")
        #expect(brokenReferences(in: root + "/site", basePath: "/gidsen/") == [])
        let page = try String(contentsOfFile: root + "/site/gids/twee/index.html", encoding: .utf8)
        #expect(page.contains("href=\"../een/index.html#financiele-tekorten\""))
        #expect(page.contains("href=\"../../index.html\""))
        #expect(!page.contains("href=\"../\""))
        let notFound = try String(contentsOfFile: root + "/site/404.html", encoding: .utf8)
        #expect(notFound.contains("href=\"/gidsen/assets/style."))
        #expect(notFound.contains("href=\"/gidsen/gids/index.html\""))
    }

    @Test func chooserToolCardsAndAnEmptyGuide() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try overlay(Repo.fixtures + "/base", onto: root)
        try overlay(Repo.fixtures + "/chooser", onto: root)
        let result = runBuild(
            BuildOptions(
                contentDirectory: root + "/content", templatesDirectory: Repo.templates, outputDirectory: root + "/site"
            ))
        #expect(
            lines(result.diagnostics, removing: root + "/") == [
                "content/leeg/guide.yml: warning: guide 'Lege gids' has no pages yet [guide.empty]"
            ])
        #expect(brokenReferences(in: root + "/site") == [])
        let tool = try String(contentsOfFile: root + "/site/keuze/tool/index.html", encoding: .utf8)
        #expect(tool.contains("<li>Someren</li>"))  // no url: plain text, not a link to the page itself
        #expect(tool.contains(">1 tip</h2>"))
        #expect(tool.contains("<dt>Open source</dt><dd>Ja</dd>"))
        let chooser = try String(contentsOfFile: root + "/site/keuze/index.html", encoding: .utf8)
        // Values without tools are listed with a zero count and no link (no page is written).
        #expect(chooser.contains("<span class=\"meta\">Enquête (0)</span>"))
        #expect(chooser.contains("<span class=\"meta\">Nee (0)</span>"))
        #expect(FileManager.default.fileExists(atPath: root + "/site/.htaccess"))
    }

    /// The base fixture with a copy of the site's templates in `root`, `page.mustache` edited
    /// by `edit`; `build()` builds it into `root/site`.
    struct TemplateCase {
        let root = temporaryDirectory()

        init(editingPage edit: (String) -> String = { $0 }) throws {
            try overlay(Repo.fixtures + "/base", onto: root)
            try FileManager.default.createDirectory(atPath: root + "/templates", withIntermediateDirectories: true)
            try overlay(Repo.templates, onto: root + "/templates")
            let page = try String(contentsOfFile: root + "/templates/page.mustache", encoding: .utf8)
            try Data(edit(page).utf8).write(to: URL(fileURLWithPath: root + "/templates/page.mustache"))
        }

        func build() -> BuildResult {
            try? FileManager.default.removeItem(atPath: root + "/site")
            return runBuild(
                BuildOptions(
                    contentDirectory: root + "/content", templatesDirectory: root + "/templates",
                    outputDirectory: root + "/site"))
        }
    }

    @Test func missingPartialIsAnErrorAtItsReference() throws {
        let site = try TemplateCase { $0.replacingOccurrences(of: "{{> page-footer}}", with: "{{> page-fooder}}") }
        defer { try? FileManager.default.removeItem(atPath: site.root) }
        let result = site.build()
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == ["template.missing-partial"])
        #expect(errors.first?.location.path.hasSuffix("templates/page.mustache") == true)
        #expect(errors.first?.hint == "did you mean 'page-footer'?")
        #expect(!result.wrote)
    }

    @Test func aMisspelledNameInATemplateStopsTheBuildBeforeAnythingIsWritten() throws {
        let site = try TemplateCase { $0.replacingOccurrences(of: "<h1>{{title}}</h1>", with: "<h1>{{titel}}</h1>") }
        defer { try? FileManager.default.removeItem(atPath: site.root) }
        let result = site.build()
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == ["template.unknown-name"])
        #expect(errors.first?.location.path.hasSuffix("templates/page.mustache") == true)
        #expect(errors.first?.hint == "did you mean 'title'?")
        #expect(!result.wrote)
        #expect(!FileManager.default.fileExists(atPath: site.root + "/site"))
    }

    /// The worked example of a route kind added later: the A–Z page, made when the templates
    /// have it and left out (a warning, no link to it) when a site's own templates predate it.
    @Test func theAToZPageListsEveryPageOnceAndIsOptional() throws {
        let site = try TemplateCase()
        let root = site.root
        defer { try? FileManager.default.removeItem(atPath: root) }
        let build = site.build
        let with = build()
        #expect(with.succeeded)
        let html = try String(contentsOfFile: root + "/site/a-tot-z/index.html", encoding: .utf8)
        let lists = html.components(separatedBy: "<ul class=\"link-list\">").dropFirst().map {
            $0.components(separatedBy: "</ul>")[0]
        }.joined()
        let titles = lists.components(separatedBy: "<li><a href=\"../").dropFirst().compactMap {
            $0.split(separator: ">", maxSplits: 1).last?.split(separator: "<").first.map(String.init)
        }
        #expect(!titles.isEmpty)
        #expect(titles == titles.sorted { $0.lowercased() < $1.lowercased() })
        let home = try String(contentsOfFile: root + "/site/index.html", encoding: .utf8)
        #expect(home.contains("<a href=\"a-tot-z/\">A tot Z</a>"))

        try FileManager.default.removeItem(atPath: root + "/templates/a-tot-z.mustache")
        let without = build()
        #expect(without.succeeded)
        #expect(without.diagnostics.map(\.code) == ["template.missing-optional"])
        #expect(!FileManager.default.fileExists(atPath: root + "/site/a-tot-z"))
        let plainHome = try String(contentsOfFile: root + "/site/index.html", encoding: .utf8)
        #expect(!plainHome.contains("a-tot-z"))
    }

    /// Text about a site's subject comes from its own files: a site without `texts:` gets
    /// neutral wording, never that of our guides, and a section with nothing in it is left out.
    @Test func siteTextComesFromTheSiteAndEmptySectionsAreLeftOut() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try overlay(Repo.fixtures + "/base", onto: root)
        func build() throws -> (home: String, guide: String, search: String) {
            try? FileManager.default.removeItem(atPath: root + "/site")
            let result = runBuild(
                BuildOptions(
                    contentDirectory: root + "/content", templatesDirectory: Repo.templates,
                    outputDirectory: root + "/site"))
            #expect(result.succeeded)
            func read(_ path: String) throws -> String {
                try String(contentsOfFile: root + "/site/" + path, encoding: .utf8)
            }
            return (try read("index.html"), try read("gids/index.html"), try read("zoeken/index.html"))
        }
        let plain = try build()
        #expect(plain.home.contains("<p>Per beleidsdomein zie je welke pagina’s uit de gidsen erbij horen.</p>"))
        #expect(plain.guide.contains("<h2 id=\"_welke-fase\">Kies een fase</h2>"))
        for text in [
            "In welke fase zit jouw gemeente", "Informele zorg, regenboogbeleid", "Bijvoorbeeld: mantelzorger",
        ] {
            #expect(!(plain.home + plain.guide + plain.search).contains(text))
        }
        let site = try String(contentsOfFile: root + "/content/site.yml", encoding: .utf8)
        let withoutDomains = site.replacingOccurrences(
            of: "domains:\n  - id: wmo\n    title: Wmo 2015\n  - id: onderwijs\n    title: Onderwijs\n",
            with: "domains: []\ntexts:\n  search_examples: \"Bijvoorbeeld: parkeren.\"\n")
        #expect(withoutDomains != site)
        try withoutDomains.write(toFile: root + "/content/site.yml", atomically: true, encoding: .utf8)
        for page in try FileManager.default.contentsOfDirectory(atPath: root + "/content/gids")
        where page.hasSuffix(".md") {
            let path = root + "/content/gids/" + page
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: #"(?m)^domains:.*\n"#, with: "", options: .regularExpression)
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        let bare = try build()
        #expect(!bare.home.contains("_domeinen"))
        #expect(bare.search.contains("Bijvoorbeeld: parkeren."))
    }

    @Test func checkWritesNothing() throws {
        let (root, result) = try build(nil, write: false)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(result.succeeded)
        #expect(!FileManager.default.fileExists(atPath: root + "/site"))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let (rootA, a) = try build(nil)
        defer { try? FileManager.default.removeItem(atPath: rootA) }
        let second = rootA + "/site-2"
        let b = runBuild(
            BuildOptions(
                contentDirectory: rootA + "/content", templatesDirectory: Repo.templates, outputDirectory: second))
        #expect(a.succeeded && b.succeeded)
        let first = snapshot(rootA + "/site")
        #expect(!first.isEmpty)
        #expect(first == snapshot(second))
    }

    @Test func realContentBuildsByteIdenticallyTwice() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for name in ["a", "b"] {
            let result = runBuild(
                BuildOptions(
                    contentDirectory: Repo.root + "/content", templatesDirectory: Repo.templates,
                    outputDirectory: root + "/" + name))
            #expect(result.succeeded)
        }
        #expect(snapshot(root + "/a") == snapshot(root + "/b"))
    }

    @Test func outputMayNotReplaceTheContentFolder() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try overlay(Repo.fixtures + "/base", onto: root)
        let before = snapshot(root + "/content")
        let result = runBuild(
            BuildOptions(contentDirectory: root + "/content", templatesDirectory: Repo.templates, outputDirectory: root)
        )
        #expect(result.diagnostics.contains { $0.code == "output.write" })
        #expect(snapshot(root + "/content") == before)
    }
}
