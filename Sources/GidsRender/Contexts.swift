import GidsTemplates

/// The template contexts of every route kind: the one owner of the names and types a template
/// may use. ``TemplateSet`` checks each template against these shapes before anything is
/// rendered, the renderer fills objects of these shapes (a name it does not declare stops the
/// program), and `gids schema` writes them into `templates/README.md`.
public enum Contexts {
    // MARK: Pieces that many pages share

    /// A link: `{title, url, aria_current}`.
    public static let link = Shape(
        "link",
        [
            Field("title", .text, "De tekst van de link."),
            Field("url", .text, "Het adres, relatief aan de pagina."),
            Field(
                "aria_current", .optional(.text),
                "`page` als de link naar deze pagina gaat, `true` of `step` als deze pagina eronder valt."),
        ])

    /// A breadcrumb: like a link, but the last one has no URL.
    public static let crumb = Shape(
        "crumb",
        [
            Field("title", .text, "De naam van de stap in het kruimelpad."),
            Field("url", .optional(.text), "Het adres; `false` bij de laatste stap (deze pagina)."),
            Field("aria_current", .optional(.text), "`page` bij de laatste stap."),
        ])

    /// A phase as a step: a link with its number.
    public static let step = Shape(
        "step", extending: link, with: [Field("number", .number, "Het nummer van de beleidsfase (vanaf 1).")])

    /// The site: `{title, language}`.
    public static let site = Shape(
        "site",
        [
            Field("title", .text, "De naam van de site (`title` in `site.yml`)."),
            Field("language", .text, "De taal van de site, zoals `nl`."),
        ])

    /// A date: `{iso, text}`.
    public static let date = Shape(
        "date",
        [
            Field("iso", .text, "De datum als `2024-03-01`, voor `datetime`."),
            Field("text", .text, "De datum in het Nederlands: `1 maart 2024`."),
        ])

    /// A domain link on a card: a link with `last`, for commas.
    public static let domainLink = Shape(
        "domain-link", extending: link, with: [Field("last", .flag, "Waar bij het laatste domein van de lijst.")])

    /// A page on a card in a list.
    public static let pageSummary = Shape(
        "page-summary",
        [
            Field("title", .text, "De titel van de pagina."),
            Field("url", .text, "Het adres van de pagina."),
            Field("summary", .text, "De samenvatting van de pagina."),
            Field("heading", .text, "Het element van de titel van de kaart: `h3`, of `h4` in een groep."),
            Field("level", .optional(.text), "Het niveau (`level:`), of `false`."),
            Field("guide", .optional(.text), "De titel van de gids van de pagina."),
            Field("phase", .optional(.text), "De titel van de eerste beleidsfase van de pagina, of `false`."),
            Field("domains", .list(.object(link)), "De beleidsdomeinen van de pagina."),
            Field("has_domains", .flag, "Waar als de pagina beleidsdomeinen heeft."),
            Field("has_meta", .flag, "Waar als er een niveau of beleidsdomein te tonen is."),
            Field(
                "item", .text, "Een sleutel van de pagina die op de hele site uniek is (haar adres vanaf de hoofdmap)."),
            Field(
                "values", .optional(.text),
                "Op een lijst met filters: de waarden van de pagina als `indeling:waarde`, met spaties ertussen; anders `false`."
            ),
        ])

    /// One value in a listing's filters.
    public static let filterValue = Shape(
        "filter-value",
        [
            Field("id", .text, "De id van de waarde."),
            Field("title", .text, "De naam van de waarde."),
            Field("taxonomy", .text, "De id van de indeling: de naam van het vinkje."),
            Field("count", .number, "Hoeveel pagina's of tools van de lijst deze waarde hebben."),
        ])

    /// One taxonomy in a listing's filters.
    public static let filterTaxonomy = Shape(
        "filter-taxonomy",
        [
            Field("id", .text, "De id van de indeling."),
            Field("title", .text, "De naam van de indeling."),
            Field("values", .list(.object(filterValue)), "De waarden die op de lijst voorkomen."),
        ])

    /// The filters of a listing (`filters:` in `guide.yml`; a chooser's facets).
    public static let filters = Shape(
        "filters",
        [
            Field("taxonomies", .list(.object(filterTaxonomy)), "De indelingen om op te filteren."),
            Field("count", .number, "Het aantal pagina's of tools op de lijst."),
            Field("count_label", .text, "`1 pagina`, `N pagina’s`, `1 tool` of `N tools`."),
            Field("noun_one", .text, "`pagina` of `tool`."),
            Field("noun_many", .text, "`pagina’s` of `tools`."),
        ])

    /// A page in "Zie ook" and "Verwijst hierheen".
    public static let pageLink = Shape(
        "page-link",
        [
            Field("title", .text, "De titel van de pagina."),
            Field("url", .text, "Het adres van de pagina."),
            Field("guide", .optional(.text), "De titel van de gids waar de pagina in staat, of `false`."),
        ])

    /// Where a tool is used.
    public static let use = Shape(
        "use",
        [
            Field("gemeente", .text, "De naam van de gemeente."),
            Field("url", .optional(.text), "Een adres waar het gebruik te zien is, of `false`."),
            Field("has_url", .flag, "Waar als er een adres is."),
        ])

    /// A facet of a tool: `{title, values, id, ids}`.
    public static let toolFacet = Shape(
        "tool-facet",
        [
            Field("title", .text, "De naam van het kenmerk."),
            Field("values", .text, "De waarden van de tool, met komma's."),
            Field("id", .text, "De id van het kenmerk."),
            Field("ids", .text, "De ids van de waarden, met spaties."),
        ])

    static let toolFields: [Field] = [
        Field("title", .text, "De naam van de tool."),
        Field("url", .text, "Het adres van de pagina van de tool."),
        Field("summary", .text, "Wat de tool in het kort doet."),
        Field("slug", .text, "De slug van de tool (voor het filterscript)."),
        Field("tokens", .text, "`kenmerk:waarde` per gekozen waarde, met spaties (voor het filterscript)."),
        Field("yields", .optional(.text), "Wat de tool oplevert, of `false`."),
        Field("why", .optional(.text), "Waarom deze tool, of `false`."),
        Field("inclusion", .optional(.text), "Wat de tool doet voor inclusie, of `false`."),
        Field("used_by", .list(.object(use)), "Gemeenten die de tool gebruiken."),
        Field("has_used_by", .flag, "Waar als `used_by` niet leeg is."),
        Field("tips", .list(.text), "Tips bij het gebruik."),
        Field("has_tips", .flag, "Waar als er tips zijn."),
        Field("tips_heading", .text, "`1 tip` of `N tips`."),
        Field("facets", .list(.object(toolFacet)), "De kenmerken van de tool."),
        Field("has_facets", .flag, "Waar als de tool kenmerken heeft."),
    ]

    /// A tool card (partial `tool-card`).
    public static let toolCard = Shape("tool-card", toolFields)

    /// A value of a facet in the chooser, with its count.
    public static let facetValue = Shape(
        "facet-value",
        [
            Field("id", .text, "De id van de waarde."),
            Field("title", .text, "De naam van de waarde."),
            Field("count", .number, "Het aantal tools met deze waarde."),
            Field("facet", .text, "De id van het kenmerk."),
            Field("url", .optional(.text), "De pagina van de waarde, of `false` als geen tool haar heeft."),
        ])

    // MARK: The layout

    /// Open Graph fields.
    public static let openGraph = Shape(
        "og",
        [
            Field("title", .text, "De titel van de pagina."),
            Field("description", .text, "De beschrijving."),
            Field("type", .text, "`article` of `website`."),
            Field("site_name", .text, "De naam van de site."),
            Field("locale", .text, "De taal, zoals `nl_NL`."),
        ])

    /// A feed link: `{title, url}`.
    public static let feed = Shape(
        "feed",
        [
            Field("title", .text, "De naam van de feed."),
            Field("url", .text, "Het adres van de feed."),
        ])

    /// `layout`: every page but the print edition, around the page kind's own template.
    public static let layout = Shape(
        "layout",
        [
            Field("site", .object(site), "De site."),
            Field("root", .text, "Het adres van de homepage."),
            Field("home_url", .text, "Het adres van de homepage."),
            Field("search_url", .text, "Het adres van de zoekpagina."),
            Field("stylesheet", .text, "Het adres van het stijlblad (met hash in de naam)."),
            Field("scripts", .list(.text), "De adressen van de scripts van deze pagina."),
            Field("canonical", .optional(.text), "Het volledige adres van de pagina, of `false` zonder `base_url`."),
            Field("og", .object(openGraph), "Open Graph-gegevens."),
            Field("feed", .optional(.object(feed)), "De Atom-feed van de gids, of `false`."),
            Field("accessibility_url", .optional(.text), "Het adres van de toegankelijkheidsverklaring, of `false`."),
            Field("index_url", .optional(.text), "Het adres van de pagina ‘A tot Z’, of `false` als die er niet is."),
            Field("document_title", .text, "De titel voor `<title>`."),
            Field("description", .text, "De beschrijving voor `<meta name=description>`."),
            Field("kind", .text, "De soort pagina: `home`, `guide`, `page`, …"),
            Field("nav", .list(.object(link)), "Het hoofdmenu: de gidsen en de beleidsdomeinen."),
            Field("breadcrumbs", .list(.object(crumb)), "Het kruimelpad."),
            Field("has_breadcrumbs", .flag, "Waar als het kruimelpad meer dan één stap heeft."),
            Field("search_current", .optional(.text), "`page` op de zoekpagina."),
            Field("home_current", .flag, "Waar op de homepage."),
            Field("body", .html, "De pagina zelf, gemaakt met het template van de soort pagina."),
        ])

    // MARK: Page kinds

    /// A guide on the home page.
    public static let guideCard = Shape(
        "guide-card",
        [
            Field("title", .text, "De titel van de gids."),
            Field("summary", .text, "De samenvatting van de gids."),
            Field("url", .text, "Het adres van de gids."),
            Field("count", .number, "Het aantal pagina's."),
            Field("count_label", .text, "`1 pagina` of `N pagina's`."),
        ])

    /// A domain with its count.
    public static let domainCount = Shape(
        "domain-count", extending: link,
        with: [
            Field("summary", .optional(.text), "De beschrijving van het domein, of `false`."),
            Field("count", .number, "Het aantal pagina's in het domein."),
            Field("count_label", .text, "`1 pagina` of `N pagina's`."),
        ])

    /// `home`: `/`.
    public static let home = Shape(
        "home",
        [
            Field("title", .text, "De titel van de site of van `content/index.md`."),
            Field("summary", .optional(.text), "De samenvatting, of `false`."),
            Field("html", .optional(.html), "De tekst van `content/index.md`, of `false`."),
            Field("guides", .list(.object(guideCard)), "De gidsen."),
            Field("domains", .list(.object(domainCount)), "De beleidsdomeinen."),
            Field("has_domains", .flag, "Waar als de site beleidsdomeinen heeft."),
            Field("domains_intro", .text, "De zin boven de beleidsdomeinen (`texts.domains_intro` in `site.yml`)."),
        ])

    /// The overview map of a phased guide.
    public static let mapPage = Shape(
        "map-page",
        [
            Field("title", .text, "De titel van de pagina."),
            Field("url", .text, "Het adres van de pagina."),
            Field("domains", .list(.object(domainLink)), "De beleidsdomeinen van de pagina."),
            Field("has_domains", .flag, "Waar als er beleidsdomeinen zijn."),
        ])
    public static let mapPhase = Shape(
        "map-phase",
        [
            Field("title", .text, "Nummer en titel van de fase."),
            Field("pages", .list(.object(mapPage)), "De pagina's van de fase."),
        ])
    public static let overviewMap = Shape(
        "map",
        [
            Field("wide", .html, "De kaart als SVG voor brede schermen."),
            Field("narrow", .html, "De kaart als SVG voor smalle schermen."),
            Field("phases", .list(.object(mapPhase)), "De inhoud van de kaart als lijst."),
            Field("page_count", .number, "Het aantal pagina's."),
            Field("domain_count", .number, "Het aantal beleidsdomeinen op de kaart."),
            Field("has_domains", .flag, "Waar als de kaart beleidsdomeinen toont."),
        ])

    /// A phase on its guide's home.
    public static let guidePhase = Shape(
        "guide-phase", extending: step,
        with: [
            Field("id", .text, "De id van de fase."),
            Field("summary", .text, "De samenvatting van de fase."),
            Field("pages", .list(.object(pageSummary)), "De pagina's in de fase."),
        ])

    /// A group of pages by folder on a guide's home.
    public static let guideSection = Shape(
        "guide-section",
        [
            Field("title", .optional(.text), "De naam van de groep."),
            Field("id", .optional(.text), "Het id van de kop van de groep."),
            Field("pages", .list(.object(pageSummary)), "De pagina's in de groep."),
        ])

    static let guideFields: [Field] = [
        Field("title", .text, "De titel van de gids."),
        Field("summary", .text, "De samenvatting van de gids."),
        Field("introduction", .optional(.html), "De tekst van de `index.md` van de gids, of `false`."),
        Field("print_url", .text, "Het adres van de printversie."),
        Field("taxonomies", .list(.object(link)), "De indelingen van de gids."),
        Field("has_taxonomies", .flag, "Waar als de gids indelingen heeft."),
    ]

    /// `guide`: the home of a guide without facets.
    public static let guide = Shape(
        "guide",
        guideFields + [
            Field("map", .optional(.object(overviewMap)), "Het overzicht van een gids met fasen, of `false`."),
            Field("phases", .list(.object(guidePhase)), "De beleidsfasen."),
            Field("has_phases", .flag, "Waar als de gids fasen heeft."),
            Field(
                "phase_filter", .optional(.text),
                "De id van de fasen als die bij de filters staan (dan is de keuze van een fase dat filter), anders `false`."
            ),
            Field(
                "phase_question", .text, "De kop boven de keuze van een fase (`texts.phase_question` in `guide.yml`)."),
            Field("phase_hint", .text, "De zin onder die kop (`texts.phase_hint`)."),
            Field("sections", .list(.object(guideSection)), "De pagina's zonder fase, per map."),
            Field(
                "groups", .list(.object(pageGroup)),
                "De pagina's van een gids zonder fasen in groepen (met `group_by:`), anders leeg."),
            Field("has_groups", .flag, "Waar als de pagina's in groepen staan (dan zijn `sections` leeg)."),
            Field(
                "filters", .optional(.object(filters)),
                "De filters van de lijst (`filters:` in `guide.yml`), of `false`."),
        ])

    /// A facet in the chooser.
    public static let chooserFacet = Shape(
        "chooser-facet",
        [
            Field("id", .text, "De id van het kenmerk."),
            Field("title", .text, "De naam van het kenmerk."),
            Field("values", .list(.object(facetValue)), "Alle waarden."),
            Field("has_used_values", .flag, "Waar als een tool een van de waarden heeft."),
            Field("unused", .optional(.text), "De waarden zonder tool, met komma's, of `false`."),
        ])

    /// `chooser`: the home of a guide with facets.
    public static let chooser = Shape(
        "chooser",
        guideFields + [
            Field("pages", .list(.object(pageSummary)), "De uitlegpagina's."),
            Field("has_pages", .flag, "Waar als er uitlegpagina's zijn."),
            Field("tools", .list(.object(toolCard)), "De tools."),
            Field("tool_count", .number, "Het aantal tools."),
            Field("facets", .list(.object(chooserFacet)), "De kenmerken om op te filteren."),
            Field("data_url", .text, "Het adres van `tools.json`."),
            Field("compare_url", .text, "Het adres van de vergelijking."),
            Field(
                "filters", .optional(.object(filters)),
                "De filters van de lijst (`filters:` in `guide.yml`), of `false`."),
        ])

    /// `facet`: one value of a facet.
    public static let facet = Shape(
        "facet",
        [
            Field("title", .text, "Kenmerk en waarde: `Doel: Informeren`."),
            Field("facet", .text, "De naam van het kenmerk."),
            Field("facet_lower", .text, "De naam van het kenmerk in kleine letters."),
            Field("value", .text, "De naam van de waarde."),
            Field("tools", .list(.object(toolCard)), "De tools met deze waarde."),
            Field("count", .number, "Het aantal tools."),
            Field("count_label", .text, "`1 tool` of `N tools`."),
            Field("guide", .object(link), "De gids."),
            Field("others", .list(.object(facetValue)), "De andere waarden van het kenmerk."),
            Field("compare_url", .text, "Het adres van de vergelijking."),
            Field(
                "filters", .optional(.object(filters)),
                "De filters van de lijst (`filters:` in `guide.yml`), of `false`."),
        ])

    /// A cell of the comparison table.
    public static let compareCell = Shape(
        "compare-cell",
        [
            Field("slug", .text, "De slug van de tool."),
            Field("text", .text, "De inhoud van de cel."),
        ])
    public static let compareRow = Shape(
        "compare-row",
        [
            Field("title", .text, "Het kenmerk van de rij."),
            Field("cells", .list(.object(compareCell)), "Een cel per tool."),
        ])

    /// `compare`: every tool side by side.
    public static let compare = Shape(
        "compare",
        [
            Field("title", .text, "De titel van de pagina."),
            Field("guide", .object(link), "De gids."),
            Field("tools", .list(.object(toolCard)), "De tools."),
            Field("rows", .list(.object(compareRow)), "De rijen van de tabel."),
            Field("count", .number, "Het aantal tools."),
        ])

    /// A labelled group of pages on a listing page (`group_by:` in `guide.yml`).
    public static let pageGroup = Shape(
        "page-group",
        [
            Field("title", .text, "De naam van de groep: een waarde van de indeling, of een map."),
            Field("id", .text, "Het id van de kop van de groep."),
            Field("count", .number, "Het aantal pagina's in de groep."),
            Field("count_label", .text, "`1 pagina` of `N pagina's`."),
            Field("pages", .list(.object(pageSummary)), "De pagina's."),
        ])

    /// `phase`: a beleidsfase.
    public static let phase = Shape(
        "phase",
        [
            Field("title", .text, "De titel van de fase."),
            Field("summary", .text, "De samenvatting van de fase."),
            Field("number", .number, "Het nummer van de fase."),
            Field("phase_count", .number, "Het aantal fasen van de gids."),
            Field("guide", .object(link), "De gids."),
            Field("stepper", .list(.object(step)), "Alle fasen, deze als huidige."),
            Field("has_stepper", .flag, "Waar."),
            Field("introduction", .optional(.html), "De tekst van de pagina die de fase inleidt, of `false`."),
            Field("pages", .list(.object(pageSummary)), "De pagina's in de fase."),
            Field("has_pages", .flag, "Waar als de fase pagina's heeft."),
            Field("groups", .list(.object(pageGroup)), "Dezelfde pagina's in groepen (met `group_by:`), anders leeg."),
            Field("has_groups", .flag, "Waar als de pagina's in groepen staan."),
            Field("previous", .optional(.object(link)), "De vorige fase, of `false`."),
            Field("next", .optional(.object(link)), "De volgende fase, of `false`."),
            Field("has_pager", .flag, "Waar als de gids meer dan één fase heeft."),
            Field(
                "filters", .optional(.object(filters)),
                "De filters van de lijst (`filters:` in `guide.yml`), of `false`."),
        ])

    /// The values of one taxonomy on a page.
    public static let pageTerms = Shape(
        "page-terms",
        [
            Field("title", .text, "De naam van de indeling."),
            Field("id", .text, "Het id van de kop."),
            Field("url", .text, "Het adres van de indeling."),
            Field("values", .list(.object(link)), "De waarden van de pagina."),
        ])

    /// A heading in "Op deze pagina".
    public static let tocEntry = Shape(
        "toc-entry",
        [
            Field("text", .text, "De tekst van de kop."),
            Field("id", .text, "Het id van de kop."),
        ])

    /// `page`: a page of a guide.
    public static let page = Shape(
        "page",
        [
            Field("title", .text, "De titel van de pagina."),
            Field("summary", .text, "De samenvatting van de pagina."),
            Field("html", .html, "De tekst van de pagina."),
            Field("guide", .object(link), "De gids."),
            Field("phase", .optional(.object(step)), "De eerste fase van de pagina, of `false`."),
            Field("phase_count", .optional(.number), "Het aantal fasen van de gids, of `false`."),
            Field("stepper", .list(.object(step)), "De fasen van de gids."),
            Field("has_stepper", .flag, "Waar als de pagina in een fase staat."),
            Field("other_phases", .list(.object(link)), "De andere fasen van de pagina."),
            Field("has_other_phases", .flag, "Waar als de pagina in meer fasen staat."),
            Field("terms", .list(.object(pageTerms)), "De waarden van de pagina per indeling."),
            Field("previous", .optional(.object(link)), "De vorige pagina in de leesvolgorde, of `false`."),
            Field("next", .optional(.object(link)), "De volgende pagina in de leesvolgorde, of `false`."),
            Field("has_pager", .flag, "Waar als er een vorige of volgende pagina is."),
            Field("backlinks", .list(.object(pageLink)), "De pagina's die hierheen linken."),
            Field("has_backlinks", .flag, "Waar als er zulke pagina's zijn."),
            Field("related", .list(.object(pageLink)), "De pagina's uit `related:`."),
            Field("has_related", .flag, "Waar als er zulke pagina's zijn."),
            Field("domains", .list(.object(link)), "De beleidsdomeinen van de pagina."),
            Field("has_domains", .flag, "Waar als de pagina beleidsdomeinen heeft."),
            Field("level", .optional(.text), "Het niveau (`level:`), of `false`."),
            Field("updated", .optional(.object(date)), "Wanneer de pagina het laatst is bijgewerkt, of `false`."),
            Field("toc", .list(.object(tocEntry)), "De koppen van niveau 2."),
            Field("has_toc", .flag, "Waar bij drie of meer koppen."),
        ])

    /// `tool`: a tool's page: the page's fields and the tool card's.
    public static let tool = Shape("tool", extending: page, with: toolFields)

    /// A guide's pages for one domain, by phase.
    public static let domainPhase = Shape(
        "domain-phase",
        [
            Field("title", .optional(.text), "De titel van de fase, of `false` in een gids zonder fasen."),
            Field("url", .optional(.text), "Het adres van de fase, of `false`."),
            Field("has_title", .flag, "Waar in een gids met fasen."),
            Field("pages", .list(.object(pageSummary)), "De pagina's."),
        ])
    public static let domainGuide = Shape(
        "domain-guide",
        [
            Field("title", .text, "De titel van de gids."),
            Field("url", .text, "Het adres van de gids."),
            Field("phases", .list(.object(domainPhase)), "De pagina's per fase."),
            Field("pages", .list(.object(pageSummary)), "Alle pagina's van de gids in dit domein."),
        ])

    /// `domain`: one beleidsdomein.
    public static let domain = Shape(
        "domain",
        [
            Field("title", .text, "De naam van het domein."),
            Field("summary", .optional(.text), "De beschrijving, of `false`."),
            Field("guides", .list(.object(domainGuide)), "De gidsen met pagina's in dit domein."),
            Field("has_pages", .flag, "Waar als het domein pagina's heeft."),
            Field("count", .number, "Het aantal pagina's."),
            Field("count_sentence", .text, "Een zin met het aantal pagina's."),
            Field("others", .list(.object(link)), "De andere domeinen."),
        ])

    /// `domains`: every beleidsdomein.
    public static let domains = Shape(
        "domains",
        [
            Field("title", .text, "De titel van de pagina."),
            Field("domains", .list(.object(domainCount)), "De beleidsdomeinen."),
        ])

    /// `search`: the search page.
    public static let search = Shape(
        "search",
        [
            Field("title", .text, "De titel van de pagina."),
            Field("index_url", .text, "Het adres van de zoekindex."),
            Field("page_suffix", .text, "`index.html` als `directory_urls: false`, anders leeg."),
            Field("examples", .text, "De zin onder het zoekveld (`texts.search_examples` in `site.yml`)."),
            Field("guides", .list(.object(link)), "De gidsen."),
        ])

    /// A letter of the A–Z page.
    public static let indexLetter = Shape(
        "index-letter",
        [
            Field("letter", .text, "De letter (`#` voor titels die met een cijfer of teken beginnen)."),
            Field("id", .text, "Het id van de kop van de letter."),
            Field("pages", .list(.object(pageSummary)), "De pagina's en tools met die letter, op titel."),
        ])

    /// `a-tot-z`: every page and tool from A to Z.
    public static let pageIndex = Shape(
        "a-tot-z",
        [
            Field("title", .text, "De titel van de pagina."),
            Field("letters", .list(.object(indexLetter)), "De letters die titels hebben, in volgorde."),
            Field("count", .number, "Het aantal pagina's en tools."),
            Field("search_url", .text, "Het adres van de zoekpagina."),
        ])

    /// `404`: the page for addresses that do not exist.
    public static let notFound = Shape(
        "404",
        [
            Field("title", .text, "De titel van de pagina."),
            Field("root", .text, "Het adres van de homepage."),
            Field("guides", .list(.object(link)), "De gidsen."),
        ])

    /// `accessibility`: the accessibility statement.
    public static let accessibility = Shape(
        "accessibility",
        [
            Field("title", .text, "De titel van de pagina."),
            Field("organisation", .text, "De organisatie die de verklaring afgeeft."),
            Field("status", .text, "De zin over de nalevingsstatus."),
            Field("date", .object(date), "De datum van de verklaring."),
            Field("measures", .optional(.text), "Wat er is gedaan en wat nog niet werkt, of `false`."),
            Field("contact", .optional(.text), "Het meldadres, of `false`."),
            Field("contact_url", .optional(.text), "Het meldadres als link (`mailto:` bij een e-mailadres)."),
        ])

    /// `taxonomy`: the values of one taxonomy.
    public static let taxonomyValue = Shape(
        "taxonomy-value", extending: link,
        with: [
            Field("summary", .optional(.text), "De beschrijving van de waarde, of `false`."),
            Field("count", .text, "`1 pagina` of `N pagina’s`."),
        ])
    public static let taxonomy = Shape(
        "taxonomy",
        [
            Field("title", .text, "De naam van de indeling."),
            Field("guide", .object(link), "De gids."),
            Field("values", .list(.object(taxonomyValue)), "De waarden."),
        ])

    /// `term`: the pages with one taxonomy value.
    public static let term = Shape(
        "term",
        [
            Field("title", .text, "De naam van de waarde."),
            Field("summary", .optional(.text), "De beschrijving, of `false`."),
            Field("introduction", .optional(.html), "De tekst van de pagina die de waarde inleidt, of `false`."),
            Field("taxonomy", .object(link), "De indeling."),
            Field("guide", .object(link), "De gids."),
            Field("pages", .list(.object(pageSummary)), "De pagina's met deze waarde."),
            Field("has_pages", .flag, "Waar als er pagina's zijn."),
            Field("groups", .list(.object(pageGroup)), "Dezelfde pagina's in groepen (met `group_by:`), anders leeg."),
            Field("has_groups", .flag, "Waar als de pagina's in groepen staan."),
            Field("others", .list(.object(link)), "De andere waarden."),
            Field(
                "filters", .optional(.object(filters)),
                "De filters van de lijst (`filters:` in `guide.yml`), of `false`."),
        ])

    /// A page or a reference in the print edition.
    public static let printEntry = Shape(
        "print-entry",
        [
            Field("anchor", .optional(.text), "Het anker van de pagina in het document."),
            Field("title", .text, "De titel van de pagina."),
            Field("summary", .optional(.text), "De samenvatting."),
            Field("html", .optional(.html), "De tekst, met koppen twee niveaus lager."),
            Field("tool", .optional(.object(toolCard)), "De velden van een tool, of `false`."),
            Field("reference", .flag, "Waar als de pagina bij een eerdere fase is afgedrukt."),
            Field("target", .optional(.text), "Het anker waar de pagina staat (bij een verwijzing)."),
            Field("first_phase", .optional(.text), "De fase waar de pagina staat (bij een verwijzing)."),
        ])
    public static let printGroup = Shape(
        "print-group",
        [
            Field("title", .text, "De naam van de groep (een fase)."),
            Field("anchor", .text, "Het anker van de groep."),
            Field("summary", .optional(.text), "De samenvatting van de fase, of `false`."),
            Field("pages", .list(.object(printEntry)), "De pagina's."),
        ])

    /// `print`: a guide as one document (no layout).
    public static let printEdition = Shape(
        "print",
        [
            Field("site", .object(site), "De site."),
            Field("title", .text, "De titel van de gids."),
            Field("summary", .text, "De samenvatting van de gids."),
            Field("groups", .list(.object(printGroup)), "De fasen met hun pagina's."),
            Field("stylesheet", .text, "Het adres van het stijlblad."),
            Field("page_count", .number, "Het aantal pagina's."),
        ])
}
