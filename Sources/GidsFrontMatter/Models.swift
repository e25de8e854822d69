import GidsCore
import GidsLoad

/// A beleidsdomein (policy domain) declared in `site.yml`: `{id: wmo, title: Wmo 2015, summary: …}`.
public struct DomainDefinition: Sendable, Hashable {
    public let id: String
    public let title: String
    public let summary: String?
    public let location: SourceLocation
}

/// The accessibility statement (toegankelijkheidsverklaring) a gemeente publishes with the
/// site, from `accessibility:` in `site.yml` (Besluit digitale toegankelijkheid overheid).
public struct AccessibilityStatement: Sendable {
    /// Compliance status, as in the Dutch model statement.
    public enum Status: String, Sendable, CaseIterable {
        case voldoet, voldoetGedeeltelijk = "voldoet-gedeeltelijk", eersteMaatregelen = "eerste-maatregelen"
        case voldoetNiet = "voldoet-niet"

        /// The sentence the statement shows.
        public var sentence: String {
            switch self {
            case .voldoet: "Deze website voldoet volledig aan de eisen (WCAG 2.1, niveau AA)."
            case .voldoetGedeeltelijk: "Deze website voldoet gedeeltelijk aan de eisen (WCAG 2.1, niveau AA)."
            case .eersteMaatregelen:
                "De eerste maatregelen zijn genomen om aan de eisen (WCAG 2.1, niveau AA) te voldoen."
            case .voldoetNiet: "Deze website voldoet (nog) niet aan de eisen (WCAG 2.1, niveau AA)."
            }
        }
    }
    /// The organisation responsible for the site.
    public let organisation: String
    public let status: Status
    /// When the statement was drawn up.
    public let date: CalendarDate
    /// Where visitors report problems (an e-mail address or a web address); nil when none.
    public let contact: String?
    /// What has been done and what is known not to work yet, in the organisation's words.
    public let measures: String?
}

/// The site file `content/site.yml`.
public struct SiteConfig: Sendable {
    /// Site title, shown in every page header and `<title>`.
    public let title: String
    /// BCP 47 language tag for `<html lang>`; `nl` for the guides.
    public let language: String
    /// Introduction on the home page and its meta description.
    public let description: String?
    /// Render raw HTML in Markdown (CommonMark 0.30 §4.6, §6.6). Off by default: editors'
    /// pages are Markdown, and raw HTML is where unsafe markup gets in.
    public let rawHTML: Bool
    /// `allow_scripts`: with `raw_html`, let `<script>`, event-handler attributes, `javascript:`
    /// URLs and `<iframe>`/`<object>`/`<embed>` in raw HTML through. Off by default.
    public let allowScripts: Bool
    /// `allow_external_images`: images may load from other sites (`https://…` badges). Off by
    /// default: the site must work offline and on an intranet.
    public var allowExternalImages = false
    /// The beleidsdomeinen, in the order of the file.
    public let domains: [DomainDefinition]
    /// The path part of `base_url` (where the site is hosted: `https://gemeente.nl/gidsen/` or
    /// `/gidsen/`), starting and ending with `/`; nil without `base_url`, when every URL is
    /// relative and the site works under any path.
    public let basePath: String?
    /// `base_url` when it is a full web address, ending in `/` (`https://www.gemeente.nl/gidsen/`):
    /// then the site gets `sitemap.xml`, `robots.txt`, canonical links and absolute feed links.
    public let baseURL: String?
    /// Links to pages end in `/` (true, the default) or in `/index.html` (false), which also
    /// works when the site is opened from disk.
    public let directoryURLs: Bool
    /// `accessibility:`, the statement page `toegankelijkheid/`; nil: no statement page.
    public let accessibility: AccessibilityStatement?
    /// `link_check.ignore`: regular expressions (ICU syntax, unanchored) for external URLs that
    /// `gids check --external` does not fetch, e.g. `^https://intranet\.gemeente\.nl/`.
    public let linkCheckIgnore: [String]
    public let file: SourceFile
    /// `texts:`, the site's own wording where the templates speak about its subject.
    public var texts = SiteTexts()
}

/// Text on generated pages that is about the site's subject, not about gids: from `texts:` in
/// `site.yml`, with neutral Dutch defaults, so that a site never shows another site's wording.
public struct SiteTexts: Sendable {
    /// `domains_intro`: above the beleidsdomeinen on the home page.
    public var domainsIntro = "Per beleidsdomein zie je welke pagina’s uit de gidsen erbij horen."
    /// `search_examples`: under the search field, e.g. "Bijvoorbeeld: mantelzorger, respijtzorg.".
    public var searchExamples = "Typ een of meer woorden; de zoekfunctie zoekt in alle pagina’s."

    public init() {}
}

/// How another generator addressed the pages of a knowledge base (`redirects:` in `guide.yml`):
/// the path of `a/b.md` in the source was `a/b/` (directory) or `a/b.html` (file), in lower case
/// when `lowercase` (Hugo); `index.md`, `README.md` and `_index.md` were their folder's address.
public struct OldAddresses: Sendable, Equatable {
    public enum Style: String, Sendable, CaseIterable { case directory, file }
    public let style: Style
    public let lowercase: Bool

    public init(style: Style, lowercase: Bool) {
        self.style = style
        self.lowercase = lowercase
    }

    /// The old site path (no leading `/`) of the page at `path` inside the source.
    public func path(of path: String) -> String {
        var segments = path.split(separator: "/").map(String.init)
        let file = segments.removeLast()
        let stem = file.hasSuffix(".md") ? String(file.dropLast(3)) : file
        var result: String
        if ["index", "readme", "_index"].contains(stem.lowercased()) {
            result = segments.isEmpty ? "" : segments.joined(separator: "/") + "/"
        } else {
            let joined = (segments + [stem]).joined(separator: "/")
            result = style == .directory ? joined + "/" : joined + ".html"
        }
        if lowercase { result = result.lowercased() }
        return result
    }
}

/// Text on a guide's pages that is about the guide's subject: from `texts:` in `guide.yml`.
public struct GuideTexts: Sendable {
    /// `phase_question`: the heading above the phase choices on the guide's home.
    public var phaseQuestion = "Kies een fase"
    /// `phase_hint`: the sentence under it.
    public var phaseHint = "Kies de fase om de pagina’s te zien die daarbij horen."

    public init() {}
}

/// A beleidsfase (policy phase) of a phased guide.
public struct PhaseDefinition: Sendable, Hashable {
    public let id: String
    public let title: String
    public let summary: String
    public let location: SourceLocation
    /// `introduction:`, the content path of a page that introduces the phase: shown at the top
    /// of the phase's page instead of as a page of its own (an imported knowledge base's own
    /// explaining page per phase).
    public var introduction: Located<String>?
}

/// One allowed value of a taxonomy: `{id: ideeen, title: Ideeën en voorstellen}`.
public struct TaxonomyValue: Sendable, Hashable {
    public let id: String
    public let title: String
    /// What the value means, on its listing page; nil when not given.
    public let summary: String?
    /// `introduction:`, the content path of a page that introduces the value (see
    /// ``PhaseDefinition/introduction``).
    public var introduction: Located<String>?

    public init(id: String, title: String, summary: String? = nil, introduction: Located<String>? = nil) {
        self.id = id
        self.title = title
        self.summary = summary
        self.introduction = introduction
    }
}

/// A taxonomy a guide declares (`taxonomies:` in `guide.yml`): a named classification of its
/// pages by one front-matter key, with its allowed values. The beleidsfasen (`phases:`) and the
/// chooser's facets (`facets:`) are taxonomies too; ``GuideConfig`` says which one is the phase
/// axis. A value is an id from ``values``; a boolean taxonomy has the values `ja` and `nee`.
public struct TaxonomyDefinition: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Values from ``TaxonomyDefinition/values``; `multiple` allows a list.
        case list(multiple: Bool)
        /// `true`/`false` in front matter, with values `ja` and `nee`.
        case boolean
    }
    /// The taxonomy's id: the URL segment of its listing pages and the key of ``PageMetadata/terms``.
    public let id: String
    public let title: String
    /// The front-matter key that carries the value(s); by default the id.
    public let key: String
    public let kind: Kind
    public let values: [TaxonomyValue]
    /// A page without a value is an error (the phase axis of a phased guide is required).
    public let required: Bool
    /// Offered as a filter in the chooser (a guide's tools); facets are read from tools only.
    public let facet: Bool
    public let location: SourceLocation
    /// `old_path:`, the site path the source's generator gave the taxonomy (Hugo's `themas/`):
    /// its overview and each value's page there redirect to gids's.
    public var oldPath: String?

    public init(
        id: String, title: String, key: String, kind: Kind, values: [TaxonomyValue], required: Bool, facet: Bool,
        location: SourceLocation
    ) {
        self.id = id
        self.title = title
        self.key = key
        self.kind = kind
        self.values = values
        self.required = required
        self.facet = facet
        self.location = location
    }

    /// True when a page may have more than one value.
    public var multiple: Bool {
        if case .list(let multiple) = kind { return multiple }
        return false
    }
}

/// A facet of a chooser guide: a taxonomy with `facet: true`.
public typealias FacetDefinition = TaxonomyDefinition
/// One value of a facet.
public typealias FacetValue = TaxonomyValue

/// How a guide reads front matter written for another generator (`front_matter:` in
/// `guide.yml`), so that an existing knowledge base builds without editing its pages.
public struct FrontMatterRules: Sendable {
    /// Keys that pass silently (`layout`, `permalink`, …): used by the other generator, not by gids.
    public var ignore: Set<String> = []
    /// Foreign key → gids key (`weight` → `order`, `description` → `summary`).
    public var aliases: [String: String] = [:]
    /// False: a page without `summary:` takes its first paragraph, without a warning.
    public var summaryRequired = true
    /// False: a page without `title:` (or without front matter) takes its first heading, with
    /// a warning; true (the default): `title:` is required.
    public var titleRequired = true

    public init() {}
}
/// A guide file `content/<guide>/guide.yml`. A guide has phases (a phased guide) or facets
/// (a chooser), not both; any guide may declare further taxonomies.
public struct GuideConfig: Sendable {
    /// The guide folder's name, slugified: the first segment of its URLs.
    public let slug: String
    /// The guide folder relative to the content root (`woudlopersgids`).
    public let folder: String
    public let title: String
    public let summary: String
    /// Position on the home page; guides without order come last, by title.
    public let order: Int?
    /// The phase axis's values, in order (empty in a guide without phases).
    public let phases: [PhaseDefinition]
    /// Every taxonomy of the guide, the phase axis and the facets included, in declared order.
    public let taxonomies: [TaxonomyDefinition]
    /// The id of the taxonomy whose values are the guide's beleidsfasen; nil: no phases.
    public let phaseAxis: String?
    public let frontMatter: FrontMatterRules
    /// `source:`, a folder outside `content/` whose Markdown and files are this guide's pages
    /// (an existing knowledge base used as it is), as written, relative to the guide file.
    public let source: Located<String>?
    /// `base_path:`, the path the other generator served the pages under (`/gemma-zaken`):
    /// absolute links that start with it are read without it. Starts with `/`, no trailing `/`.
    public let basePath: String?
    /// `strict:` (default true). False: findings about this guide's pages (links, Markdown,
    /// accessibility, front matter and YAML) are warnings, and a page whose front matter cannot
    /// be read is built from its text, so an imported knowledge base builds while they are fixed.
    public var strict = true
    /// `texts:`, the guide's own wording on its generated pages.
    public var texts = GuideTexts()
    /// `phase_numbering:`, the number of the first phase (1, or 0 for a source that counts
    /// its phases from 0).
    public var phaseNumbering = 1
    /// `reading_order:`, the content paths of pages in the order the source's navigation lists
    /// them (MkDocs `nav:`); pages with `order:` come first, pages not listed after.
    public var readingOrderPaths: [String] = []
    /// `urls: preserve`: the pages keep the addresses the source's generator gave them
    /// (``redirects``' style and case, at the site root) instead of gids's own.
    public var preservesURLs = false
    /// `redirects:`, how the guide's source addressed its pages before: every page then gets a
    /// redirect from its old address. Nil: no redirects.
    public var redirects: OldAddresses?
    /// `group_by:`, what tells kinds of pages apart on the listing pages: a taxonomy's id, or
    /// `folder`; nil: one list.
    public var groupBy: String?
    /// `filters:`, the ids of the taxonomies (the phase axis included) its listing pages filter
    /// on (the guide home, phase pages, value pages), in order, where written; without the key,
    /// a chooser's facets (at their own declarations). OR within a taxonomy, AND across.
    public var filters: [Located<String>] = []
    /// True when `filters:` was written (not the facets by default).
    public var declaresFilters = false
    /// True when `phase_axis:` names a taxonomy that has an error of its own: the pages'
    /// phases are then not reported again.
    public var phaseAxisRejected = false
    public let file: SourceFile

    /// The taxonomies with `facet: true`, in declared order.
    public var facets: [FacetDefinition] { taxonomies.filter(\.facet) }
    /// The taxonomies of ``filters``, in that order.
    public var filterTaxonomies: [TaxonomyDefinition] {
        filters.compactMap { id in taxonomies.first { $0.id == id.value } }
    }
    /// The phase-axis taxonomy, if any.
    public var phaseTaxonomy: TaxonomyDefinition? { taxonomies.first { $0.id == phaseAxis } }
    /// Taxonomies that get listing pages of their own: not the phase axis (phases have pages), not facets.
    public var listedTaxonomies: [TaxonomyDefinition] { taxonomies.filter { !$0.facet && $0.id != phaseAxis } }
}

/// `basis` or `verdieping`: how deep a page goes.
public enum PageLevel: String, Sendable, Hashable, CaseIterable {
    case basis
    case verdieping

    /// Dutch label for the site.
    public var label: String { self == .basis ? "Basis" : "Verdieping" }
}

/// Where a tool is used: `{gemeente: Amsterdam, url: https://…}`.
public struct ToolUse: Sendable, Hashable {
    public let gemeente: String
    public let url: Located<String>?
}

/// Front matter of a page or a tool. Keys are documented in README.md ("Front matter").
public struct PageMetadata: Sendable {
    /// `type:` in front matter: an ordinary page, or a tool of a chooser guide.
    public enum Kind: String, Sendable { case page, tool }
    public let kind: Kind
    /// The title; empty until the graph stage takes it from the first heading when front matter has none.
    public var title: String
    /// The summary; empty until the graph stage takes the first paragraph when front matter has none.
    public var summary: String
    /// True when `title:` was written (not taken from a heading or the file name).
    public let hasTitle: Bool
    /// The phase-axis values (one or more), as written.
    public var phases: [Located<String>] { phaseAxis.flatMap { terms[$0] } ?? [] }
    /// The id of the guide's phase axis when the page was decoded.
    public let phaseAxis: String?
    public let order: Int?
    public let domains: [Located<String>]
    public let level: PageLevel?
    public let related: [Located<String>]
    public let updated: CalendarDate?
    public let slug: Located<String>?
    /// Taxonomy id → the declared values the page has (boolean taxonomies give `ja` or `nee`);
    /// the phase axis and, for tools, the facets included. Unknown values are left out.
    public let terms: [String: [Located<String>]]
    // Tools (Keuzewijzer):
    public let usedBy: [ToolUse]
    public let yields: String?
    public let why: String?
    public let tips: [String]
    public let inclusion: String?
    /// `aliases:`, earlier addresses of the page (site paths such as `/oud/adres/`), each of
    /// which gets a redirect to it (Hugo's `aliases`; Jekyll's `redirect_from` as an alias).
    public var aliases: [Located<String>] = []

    public init(
        kind: Kind, title: String, summary: String, hasTitle: Bool, phaseAxis: String?, order: Int? = nil,
        domains: [Located<String>] = [], level: PageLevel? = nil, related: [Located<String>] = [],
        updated: CalendarDate? = nil, slug: Located<String>? = nil, terms: [String: [Located<String>]] = [:],
        usedBy: [ToolUse] = [], yields: String? = nil, why: String? = nil, tips: [String] = [],
        inclusion: String? = nil
    ) {
        self.kind = kind
        self.title = title
        self.summary = summary
        self.hasTitle = hasTitle
        self.phaseAxis = phaseAxis
        self.order = order
        self.domains = domains
        self.level = level
        self.related = related
        self.updated = updated
        self.slug = slug
        self.terms = terms
        self.usedBy = usedBy
        self.yields = yields
        self.why = why
        self.tips = tips
        self.inclusion = inclusion
    }
}

/// A Markdown file split into its front matter and body.
public struct PageSource: Sendable {
    public let file: SourceFile
    public var metadata: PageMetadata
    /// The Markdown after the front matter.
    public let body: String
    /// Lines before the body (front matter and its delimiters): add to body line numbers.
    public let bodyLineOffset: Int

    public init(file: SourceFile, metadata: PageMetadata, body: String, bodyLineOffset: Int) {
        self.file = file
        self.metadata = metadata
        self.body = body
        self.bodyLineOffset = bodyLineOffset
    }
}

/// The front-matter stage's result: every decoded file; files with errors are left out
/// (their diagnostics say why).
public struct ContentModel: Sendable {
    public let site: SiteConfig?
    public let guides: [GuideConfig]
    /// Pages and tools, each with the slug of the guide folder it is in (nil at the root).
    public var pages: [PageSource]
    /// `content/index.md`, the home page introduction.
    public var home: PageSource?
    /// Synonym groups from `content/synoniemen.yml`, each a list of words or phrases that mean
    /// the same to a searcher (`[lhbti, lgbti, lhbtiq+]`); applied at query time.
    public var synonyms: [[String]] = []
}
