import GidsCore
import GidsFrontMatter

/// The URL rules of the pages gids makes itself: the one owner of these paths. The graph claims
/// them (and resolves Markdown links to them), the site plan writes them, the renderer links
/// to them. Directory paths end in `/`; file paths name the file. Page URLs are the graph's
/// (`pageURL`).
public enum SiteRoutes {
    /// The search page.
    public static let search = "zoeken/"
    /// The overview of every beleidsdomein.
    public static let domains = "domeinen/"
    /// The accessibility statement.
    public static let accessibility = "toegankelijkheid/"
    /// Every page and tool from A to Z.
    public static let pageIndex = "a-tot-z/"
    /// The page servers show for a missing address.
    public static let notFoundFile = "404.html"
    /// The theme's stylesheet and scripts.
    public static let assets = "assets/"
    /// The sitemap (with a full `base_url`).
    public static let sitemap = "sitemap.xml"
    /// robots.txt (with a full `base_url`).
    public static let robots = "robots.txt"
    /// Every redirect, for web servers that read `_redirects` (Netlify, Cloudflare Pages).
    public static let redirectList = "_redirects"
    /// Every redirect as the entries of an nginx `map`.
    public static let nginxRedirects = "redirects.nginx.conf"

    /// A guide's home: `<slug>/`.
    public static func guide(_ slug: String) -> String { slug + "/" }
    /// A beleidsfase: `<guide>/<phase>/`.
    public static func phase(of guideURL: String, phase: String) -> String { guideURL + phase + "/" }
    /// The pages with one value of a taxonomy: `<guide>/<taxonomy>/<value>/`.
    public static func term(of taxonomyURL: String, value: String) -> String { taxonomyURL + value + "/" }
    /// One beleidsdomein: `domeinen/<id>/`.
    public static func domain(_ id: String) -> String { domains + id + "/" }
    /// A guide's print edition: `<guide>/print/`.
    public static func printEdition(of guideURL: String) -> String { guideURL + "print/" }
    /// A chooser's comparison table: `<guide>/vergelijk/`.
    public static func compare(of guideURL: String) -> String { guideURL + "vergelijk/" }
    /// The folder of a facet's value pages: `<guide>/<facet>/`.
    public static func facet(of guideURL: String, facet: String) -> String { guideURL + Slug.make(facet) + "/" }
    /// The page of one facet value: `<guide>/<facet>/<value>/`.
    public static func facetValue(of guideURL: String, facet: String, value: String) -> String {
        Self.facet(of: guideURL, facet: facet) + value + "/"
    }
    /// A taxonomy's overview: `<guide>/<taxonomy>/`.
    public static func taxonomy(of guideURL: String, taxonomy: String) -> String {
        guideURL + Slug.make(taxonomy) + "/"
    }
    /// A guide's Atom feed.
    public static func feed(of guideURL: String) -> String { guideURL + "feed.xml" }
    /// A chooser's data for its filter script.
    public static func chooserData(of guideURL: String) -> String { guideURL + "tools.json" }

    /// Site paths the generator itself uses, with what uses them; no page may take them.
    public static let reserved: [String: String] = [
        search: "the search page", domains: "the policy domains overview", assets: "the stylesheet and scripts",
        accessibility: "the accessibility statement", SitePath.searchFolder: "the search index",
        pageIndex: "the A–Z page",
    ]
}

extension GuideNode {
    /// The tools of this guide that have `value` for `facet`, in the guide's order.
    public func tools(with facet: FacetDefinition, _ value: FacetValue, in graph: NavigationGraph) -> [String] {
        tools.filter { id in graph.pages[id]?.metadata.terms[facet.id]?.contains { $0.value == value.id } ?? false }
    }
}
