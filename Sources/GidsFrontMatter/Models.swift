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
}

/// A beleidsfase (policy phase) of a phased guide.
public struct PhaseDefinition: Sendable, Hashable {
    public let id: String
    public let title: String
    public let summary: String
    public let location: SourceLocation
}

/// One allowed value of a facet: `{id: ideeen, title: Ideeën en voorstellen}`.
public struct FacetValue: Sendable, Hashable {
    public let id: String
    public let title: String
}

/// A facet of a chooser guide (Keuzewijzer). Its `id` is the front-matter key tools use.
public struct FacetDefinition: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Values from ``FacetDefinition/values``; `multiple` allows a list.
        case list(multiple: Bool)
        /// `true`/`false` in front matter, with values `ja` and `nee`.
        case boolean
    }
    public let id: String
    public let title: String
    public let kind: Kind
    public let values: [FacetValue]
    public let location: SourceLocation
}

/// A guide file `content/<guide>/guide.yml`. A guide has phases (a phased guide) or facets
/// (a chooser), not both.
public struct GuideConfig: Sendable {
    /// The guide folder's name, slugified: the first segment of its URLs.
    public let slug: String
    /// The guide folder relative to the content root (`woudlopersgids`).
    public let folder: String
    public let title: String
    public let summary: String
    /// Position on the home page; guides without order come last, by title.
    public let order: Int?
    public let phases: [PhaseDefinition]
    public let facets: [FacetDefinition]
    public let file: SourceFile
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
    public let title: String
    public let summary: String
    public let phase: Located<String>?
    public let order: Int?
    public let domains: [Located<String>]
    public let level: PageLevel?
    public let related: [Located<String>]
    public let updated: CalendarDate?
    public let slug: Located<String>?
    // Tools (Keuzewijzer):
    /// Facet id → chosen values (boolean facets give `ja` or `nee`).
    public let facetValues: [String: [Located<String>]]
    public let usedBy: [ToolUse]
    public let yields: String?
    public let why: String?
    public let tips: [String]
    public let inclusion: String?
}

/// A Markdown file split into its front matter and body.
public struct PageSource: Sendable {
    public let file: SourceFile
    public let metadata: PageMetadata
    /// The Markdown after the front matter.
    public let body: String
    /// Lines before the body (front matter and its delimiters): add to body line numbers.
    public let bodyLineOffset: Int
}

/// The front-matter stage's result: every decoded file; files with errors are left out
/// (their diagnostics say why).
public struct ContentModel: Sendable {
    public let site: SiteConfig?
    public let guides: [GuideConfig]
    /// Pages and tools, each with the slug of the guide folder it is in (nil at the root).
    public let pages: [PageSource]
    /// `content/index.md`, the home page introduction.
    public let home: PageSource?
    /// Synonym groups from `content/synoniemen.yml`, each a list of words or phrases that mean
    /// the same to a searcher (`[lhbti, lgbti, lhbtiq+]`); applied at query time.
    public var synonyms: [[String]] = []
}
