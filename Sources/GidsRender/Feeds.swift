import Foundation
import GidsCore
import GidsGraph
import GidsPlan

extension Renderer {
    /// The Atom feed (RFC 4287) of a guide, `<guide>/feed.xml`: its pages and tools with a
    /// "laatst bijgewerkt" date, newest first (ties by title). With an absolute `base_url` every
    /// link and id is absolute; without, links are relative to the feed (RFC 4287 §2, xml:base
    /// rules) and ids are `urn:uuid:` values derived from the page's path, so they stay stable.
    func feed(_ guide: GuideNode) -> String {
        let base = guide.url
        let dated = guide.readingOrder.compactMap { graph.pages[$0] }.filter { $0.lastUpdated != nil }
            .sorted { ($0.lastUpdated!, $1.metadata.title) > ($1.lastUpdated!, $0.metadata.title) }
        func link(_ path: String) -> String {
            graph.site.baseURL.map { $0 + encodedPath(path) } ?? href(path, from: base)
        }
        func id(_ path: String) -> String { graph.site.baseURL.map { $0 + encodedPath(path) } ?? stableUUID(path) }
        let newest = dated.first?.lastUpdated.map(atomDate) ?? "2018-01-01T00:00:00Z"
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(xmlEscape(graph.site.language))">
            <title>\(xmlEscape(guide.config.title))</title>
            <subtitle>\(xmlEscape(guide.config.summary))</subtitle>
            <id>\(xmlEscape(id(base)))</id>
            <link rel="alternate" type="text/html" href="\(xmlEscape(link(base)))"/>
            <link rel="self" type="application/atom+xml" href="\(xmlEscape(link(SiteRoutes.feed(of: base))))"/>
            <updated>\(newest)</updated>
            <author><name>\(xmlEscape(graph.site.title))</name></author>

            """
        for page in dated {
            xml += """
                <entry>
                <title>\(xmlEscape(page.metadata.title))</title>
                <id>\(xmlEscape(id(page.url)))</id>
                <link rel="alternate" type="text/html" href="\(xmlEscape(link(page.url)))"/>
                <updated>\(atomDate(page.lastUpdated!))</updated>
                <summary>\(xmlEscape(page.metadata.summary))</summary>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }
}

/// The sitemap (sitemaps.org protocol 0.9) of every HTML page but the 404 page, with absolute
/// URLs under `baseURL`, sorted, and `lastmod` where a page has a date.
func sitemap(_ plan: SitePlan, baseURL: String, renderer: Renderer) -> String {
    let graph = renderer.graph
    var dates: [String: CalendarDate] = [:]
    for page in graph.pages.values { if let date = page.lastUpdated { dates[page.url] = date } }
    if let home = graph.home, let date = home.lastUpdated { dates[""] = date }
    var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
    let pages = plan.routes.filter { $0.route.isPage && $0.route != .notFound }.map(\.path)
    for file in pages.sorted() where file.hasSuffix(".html") {
        let directory = SitePath.directory(of: file)
        var path = file.hasSuffix("index.html") ? directory : file
        if !graph.site.directoryURLs { path = file }
        xml += "<url><loc>\(xmlEscape(baseURL + renderer.encodedPath(path)))</loc>"
        if let date = dates[directory] { xml += "<lastmod>\(date.iso)</lastmod>" }
        xml += "</url>\n"
    }
    return xml + "</urlset>\n"
}

private func atomDate(_ date: CalendarDate) -> String { date.iso + "T00:00:00Z" }

/// A name-based UUID string from `text` (two FNV-1a hashes; version and variant bits set as in
/// RFC 4122 §4.3), for Atom ids when the site has no absolute address.
func stableUUID(_ text: String) -> String {
    let first = ContentHash.hex(Data(text.utf8))
    let second = ContentHash.hex(Data(("gids:" + text).utf8))
    var hex = Array(first + second)
    hex[12] = "5"
    hex[16] = ["8", "9", "a", "b"][Int(String(hex[16]), radix: 16)! % 4]
    let s = String(hex)
    func part(_ from: Int, _ length: Int) -> Substring {
        s[s.index(s.startIndex, offsetBy: from)..<s.index(s.startIndex, offsetBy: from + length)]
    }
    return "urn:uuid:\(part(0, 8))-\(part(8, 4))-\(part(12, 4))-\(part(16, 4))-\(part(20, 12))"
}
