import Foundation
import GidsCore

/// One key of a site file, guide file or front matter: the single list that both the decoder
/// (which keys are known) and `gids schema` (JSON Schema, draft 2020-12) are made from.
public struct KeySpec: Sendable {
    public enum Shape: Sendable {
        case text
        case whole
        case boolean
        case date
        case textList
        /// Text from a fixed list (e.g. `level`); the schema lists the values.
        case choice([String])
        /// A nested object or list of objects, described by its own JSON Schema fragment.
        case object(JSON)
    }
    public let name: String
    public let shape: Shape
    public let required: Bool
    /// Dutch, for the editor's tooltip.
    public let description: String

    init(_ name: String, _ shape: Shape, required: Bool = false, _ description: String) {
        self.name = name
        self.shape = shape
        self.required = required
        self.description = description
    }
}

/// The keys gids reads, per kind of file.
public enum Keys {
    static let idPattern: JSON = "^[a-z0-9]+(-[a-z0-9]+)*$"

    /// The values of a facet or taxonomy, as the decoder reads them (`id`, `title`, `summary`).
    static let valuesSchema: JSON = [
        "type": "array",
        "items": [
            "type": "object", "required": ["id", "title"], "additionalProperties": false,
            "properties": [
                "id": ["type": "string", "pattern": idPattern], "title": ["type": "string"],
                "summary": ["type": "string"],
                "introduction": [
                    "type": "string",
                    "description": "Pagina (pad in de gids) die deze waarde inleidt, bovenaan haar overzicht.",
                ],
            ],
        ],
    ]

    public static let site: [KeySpec] = [
        KeySpec("title", .text, required: true, "Titel van de site, boven elke pagina en in de <title>."),
        KeySpec("language", .text, required: true, "Taal van de site als taalcode, bijvoorbeeld nl."),
        KeySpec(
            "texts", .object(objectSchema(siteTexts)),
            "Eigen teksten op de pagina's die gids maakt, waar die over het onderwerp van de site gaan."),
        KeySpec("description", .text, "Introductie op de homepage en beschrijving voor zoekmachines."),
        KeySpec("raw_html", .boolean, "true: HTML in Markdown wordt getoond. Standaard false."),
        KeySpec(
            "allow_scripts", .boolean,
            "true: scripts, event-handlers en iframes in HTML in Markdown zijn toegestaan. Standaard false."),
        KeySpec(
            "allow_external_images", .boolean,
            "true: afbeeldingen mogen van andere websites komen (de site werkt dan niet meer offline). Standaard false."
        ),
        KeySpec(
            "domains",
            .object([
                "type": "array",
                "items": [
                    "type": "object", "required": ["id", "title"], "additionalProperties": false,
                    "properties": [
                        "id": ["type": "string", "pattern": idPattern, "description": "Korte id, bijvoorbeeld wmo."],
                        "title": ["type": "string", "description": "Naam van het beleidsdomein."],
                        "summary": ["type": "string", "description": "Korte uitleg over het domein."],
                    ],
                ],
            ]), required: true, "De beleidsdomeinen van de site, in deze volgorde."),
        KeySpec(
            "base_url", .text,
            "Adres van de site, bijvoorbeeld https://www.gemeente.nl/gidsen/. Geeft sitemap, robots.txt en canonieke links."
        ),
        KeySpec("directory_urls", .boolean, "false: links eindigen op index.html, zodat de site ook van schijf werkt."),
        KeySpec(
            "accessibility", .object(objectSchema(accessibility)),
            "De toegankelijkheidsverklaring, getoond op toegankelijkheid/."),
        KeySpec(
            "link_check",
            .object([
                "type": "object", "additionalProperties": false,
                "properties": [
                    "ignore": [
                        "type": "array", "items": ["type": "string"],
                        "description": "Reguliere expressies voor externe adressen die gids check niet opvraagt.",
                    ]
                ],
            ]), "Instellingen van de linkcontrole."),
    ]

    public static let siteTexts: [KeySpec] = [
        KeySpec("domains_intro", .text, "Zin boven de beleidsdomeinen op de homepage."),
        KeySpec("search_examples", .text, "Zin onder het zoekveld, bijvoorbeeld met voorbeelden van zoekwoorden."),
    ]

    public static let guideTexts: [KeySpec] = [
        KeySpec("phase_question", .text, "Kop boven de keuze van een fase op de startpagina van de gids."),
        KeySpec("phase_hint", .text, "Zin onder die kop."),
    ]

    public static let accessibility: [KeySpec] = [
        KeySpec("organisation", .text, required: true, "De organisatie die verantwoordelijk is voor de site."),
        KeySpec(
            "status", .choice(AccessibilityStatement.Status.allCases.map(\.rawValue)), required: true,
            "Nalevingsstatus zoals in de modelverklaring."),
        KeySpec("date", .date, required: true, "Datum van de verklaring, als JJJJ-MM-DD."),
        KeySpec("contact", .text, "E-mailadres of webadres waar bezoekers problemen melden."),
        KeySpec("measures", .text, "Wat er is gedaan en wat nog niet werkt, in eigen woorden."),
    ]

    public static let guide: [KeySpec] = [
        KeySpec("title", .text, required: true, "Titel van de gids."),
        KeySpec("summary", .text, required: true, "Korte beschrijving van de gids, op de homepage."),
        KeySpec("order", .whole, "Plaats op de homepage; gidsen zonder volgorde komen achteraan."),
        KeySpec(
            "texts", .object(objectSchema(guideTexts)),
            "Eigen teksten op de pagina's die gids voor deze gids maakt."),
        KeySpec(
            "phases",
            .object([
                "type": "array",
                "items": [
                    "type": "object", "required": ["id", "title", "summary"], "additionalProperties": false,
                    "properties": [
                        "id": ["type": "string", "pattern": idPattern, "description": "Korte id van de fase."],
                        "title": ["type": "string", "description": "Naam van de beleidsfase."],
                        "summary": ["type": "string", "description": "Wat er in deze fase gebeurt."],
                        "introduction": [
                            "type": "string",
                            "description": "Pagina (pad in de gids) die de fase inleidt, bovenaan de fasepagina.",
                        ],
                    ],
                ],
            ]), "De beleidsfasen van de gids, in volgorde."),
        KeySpec(
            "facets",
            .object([
                "type": "array",
                "items": [
                    "type": "object", "required": ["id", "title"], "additionalProperties": false,
                    "properties": [
                        "id": ["type": "string", "description": "Sleutel in de front matter van de tools."],
                        "title": ["type": "string", "description": "Naam van het kenmerk."],
                        "type": ["enum": ["list", "boolean"], "description": "list (standaard) of boolean (ja/nee)."],
                        "multiple": ["type": "boolean", "description": "true: een tool mag meer waarden hebben."],
                        "values": valuesSchema,
                    ],
                ],
            ]), "Kenmerken om tools op te filteren (alleen in een keuzewijzer)."),
        KeySpec(
            "taxonomies",
            .object([
                "type": "array",
                "items": [
                    "type": "object", "required": ["id", "title", "values"], "additionalProperties": false,
                    "properties": [
                        "id": [
                            "type": "string", "description": "Id van de indeling; ook het URL-deel van de overzichten.",
                        ],
                        "title": ["type": "string", "description": "Naam van de indeling."],
                        "key": ["type": "string", "description": "Sleutel in de front matter (standaard de id)."],
                        "type": ["enum": ["list", "boolean"], "description": "list (standaard) of boolean (ja/nee)."],
                        "multiple": ["type": "boolean", "description": "true (standaard): meer waarden per pagina."],
                        "required": ["type": "boolean", "description": "true: elke pagina moet een waarde hebben."],
                        "facet": ["type": "boolean", "description": "true: filter in de keuzewijzer (tools)."],
                        "old_path": [
                            "type": "string",
                            "description":
                                "Het oude adres van de indeling (themas/): daar en per waarde een doorverwijzing.",
                        ],
                        "values": valuesSchema,
                    ],
                ],
            ]), "Eigen indelingen (taxonomieën) van de pagina's, elk met een overzichtspagina per waarde."),
        KeySpec("phase_axis", .text, "Id van de indeling waarvan de waarden de fasen van de gids zijn."),
        KeySpec("phase_numbering", .whole, "Nummer van de eerste fase: 1 (standaard) of 0."),
        KeySpec(
            "urls", .choice(["gids", "preserve"]),
            "preserve: de pagina's houden de adressen van de bron (met de stijl en hoofdletters van 'redirects:'); gids (standaard): adressen onder de gids."
        ),
        KeySpec(
            "reading_order", .textList,
            "Paden van pagina's in de volgorde van de navigatie van de bron; niet genoemde pagina's komen erna."),
        KeySpec(
            "redirects",
            .object([
                "type": "object", "additionalProperties": false, "required": ["style"],
                "properties": [
                    "style": [
                        "enum": ["directory", "file"],
                        "description": "Hoe de oude site pagina's adresseerde: a/b/ (directory) of a/b.html (file).",
                    ],
                    "lowercase": [
                        "type": "boolean", "description": "true: de oude adressen waren in kleine letters (Hugo).",
                    ],
                ],
            ]),
            "Oude adressen van de bron: elke pagina krijgt een doorverwijzing vanaf haar oude adres."),
        KeySpec(
            "filters", .textList,
            "Ids van indelingen (ook de fasen: phase) die op de overzichtspagina's van de gids als filter staan. Een keuzewijzer filtert standaard op zijn kenmerken."
        ),
        KeySpec(
            "group_by", .text,
            "Id van een indeling, of folder: op de overzichtspagina's staan de pagina's dan in groepen met aantallen."),
        KeySpec(
            "front_matter",
            .object([
                "type": "object", "additionalProperties": false,
                "properties": [
                    "ignore": [
                        "type": "array", "items": ["type": "string"],
                        "description": "Sleutels van een ander systeem die gids stil overslaat.",
                    ],
                    "aliases": [
                        "type": "object", "additionalProperties": ["type": "string"],
                        "description": "Andere sleutel → sleutel van gids, bijvoorbeeld weight: order.",
                    ],
                    "required": [
                        "type": "array", "items": ["enum": ["title", "summary"]],
                        "description": "Verplichte sleutels (standaard title en summary).",
                    ],
                ],
            ]), "Hoe gids front matter van een bestaande kennisbank leest."),
        KeySpec("source", .text, "Map buiten content/ met de pagina's van deze gids (relatief aan dit bestand)."),
        KeySpec(
            "exclude", .textList,
            "Namen van bestanden en mappen in de bronmap die gids overslaat, als patroon (_*, Gemfile)."),
        KeySpec(
            "strict", .boolean,
            "false: fouten in de pagina's van deze gids (links, Markdown, toegankelijkheid, front matter) zijn waarschuwingen, en een pagina met onleesbare front matter wordt toch gebouwd (voor een overgenomen kennisbank)."
        ),
        KeySpec(
            "base_path", .text, "Pad waaronder de bestaande site stond (/gemma-zaken); absolute links beginnen ermee."),
    ]

    public static let page: [KeySpec] = [
        KeySpec("title", .text, required: true, "Titel van de pagina."),
        KeySpec(
            "summary", .text, required: true, "Eén of twee zinnen: in lijsten, zoekresultaten en voor zoekmachines."),
        KeySpec("type", .choice(["page", "tool"]), "page (standaard) of tool (in een keuzewijzer)."),
        KeySpec("phase", .textList, "De beleidsfase(n) van de pagina (ids uit guide.yml)."),
        KeySpec("order", .whole, "Volgorde binnen de fase; lager komt eerst."),
        KeySpec("domains", .textList, "Beleidsdomeinen van de pagina (ids uit site.yml)."),
        KeySpec("level", .choice(PageLevel.allCases.map(\.rawValue)), "basis of verdieping."),
        KeySpec("related", .textList, "Verwante pagina's, als pad naar het .md-bestand."),
        KeySpec("updated", .date, "Datum van de laatste inhoudelijke wijziging, als JJJJ-MM-DD."),
        KeySpec("slug", .text, "Eigen laatste deel van de URL; standaard de bestandsnaam."),
        KeySpec(
            "aliases", .textList,
            "Eerdere adressen van de pagina (zoals /oud/adres/); elk verwijst door naar de pagina."),
    ]

    public static let tool: [KeySpec] = [
        KeySpec("yields", .text, "Wat de tool oplevert, in het kort."),
        KeySpec("why", .text, "Waarom een gemeente deze tool zou kiezen."),
        KeySpec("inclusie", .text, "Wat de tool doet voor mensen die minder makkelijk meedoen."),
        KeySpec("tips", .textList, "Tips voor gebruik, elk als een zin."),
        KeySpec(
            "used_by",
            .object([
                "type": "array",
                "items": [
                    "type": "object", "required": ["gemeente"], "additionalProperties": false,
                    "properties": [
                        "gemeente": ["type": "string", "description": "Naam van de gemeente."],
                        "url": [
                            "type": "string", "pattern": "^https?://", "description": "Webadres van het voorbeeld.",
                        ],
                    ],
                ],
            ]), "Gemeenten die de tool gebruiken, met een link naar het voorbeeld."),
    ]

    public static func names(_ specs: [KeySpec]) -> Set<String> { Set(specs.map(\.name)) }

    /// A nested mapping's schema from its key list.
    static func objectSchema(_ specs: [KeySpec]) -> JSON {
        schema(title: "", specs: specs, overrides: [:], nested: true)
    }
}

/// JSON Schemas (draft 2020-12) for the files of a content folder, with the allowed values of
/// that folder: domain ids, each guide's phase ids, each chooser's facet values. Keys and their
/// Dutch descriptions come from ``Keys``, the same list the decoder checks against.
///
/// Returns file name → JSON text: `site.schema.json`, `guide.schema.json`, `page.schema.json`
/// (the home page), and per guide `<guide>.page.schema.json` (pages, and for a chooser also
/// its tools).
public func jsonSchemas(for model: ContentModel) -> [String: String] {
    let domainIDs = model.site?.domains.map(\.id) ?? []
    var out: [String: String] = [:]
    out["site.schema.json"] = encode(schema(title: "site.yml", specs: Keys.site, overrides: [:]))
    out["guide.schema.json"] = encode(schema(title: "guide.yml", specs: Keys.guide, overrides: [:]))
    out["synonyms.schema.json"] = encode([
        "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "synoniemen.yml",
        "description": "Groepen woorden of woordgroepen die bij het zoeken hetzelfde betekenen.",
        "type": "array",
        "items": ["type": "array", "minItems": 2, "items": ["type": "string", "minLength": 1]],
    ])
    // The home page (content/index.md) and any page outside a guide.
    out["page.schema.json"] = encode(schema(title: "front matter", specs: Keys.page, overrides: [:]))
    for guide in model.guides {
        // A list key also takes a single value (`domains: wmo`), as the decoder does.
        var overrides: [String: JSON] = [
            "domains": [
                "oneOf": [
                    ["enum": JSON(domainIDs)],
                    ["type": "array", "uniqueItems": true, "items": ["enum": JSON(domainIDs)]],
                ]
            ]
        ]
        var specs = Keys.page
        if !guide.facets.isEmpty { specs += Keys.tool }
        for taxonomy in guide.taxonomies {
            let ids = taxonomy.values.map(\.id)
            var property: JSON
            switch taxonomy.kind {
            case .boolean: property = ["type": "boolean"]
            case .list(let multiple):
                property =
                    multiple
                    ? [
                        "oneOf": [
                            ["enum": JSON(ids)],
                            ["type": "array", "uniqueItems": true, "items": ["enum": JSON(ids)]],
                        ]
                    ] : ["enum": JSON(ids)]
            }
            let description =
                taxonomy.id == guide.phaseAxis
                ? "De beleidsfase(n) van de pagina."
                : taxonomy.facet
                    ? "\(taxonomy.title) (kenmerk van de keuzewijzer)." : "\(taxonomy.title)."
            property["description"] = .string(description)
            overrides[taxonomy.key] = property
            if !specs.contains(where: { $0.name == taxonomy.key }) {
                specs.append(KeySpec(taxonomy.key, .text, taxonomy.title))
            }
        }
        // Keys of another generator that the guide reads (aliases) or skips (ignore).
        for (foreign, key) in guide.frontMatter.aliases.sorted(by: { $0.key < $1.key }) {
            if let spec = specs.first(where: { $0.name == key }) {
                specs.append(KeySpec(foreign, spec.shape, "Zelfde als '\(key)': \(spec.description)"))
                if let override = overrides[key] { overrides[foreign] = override }
            }
        }
        for key in guide.frontMatter.ignore.sorted() where !specs.contains(where: { $0.name == key }) {
            specs.append(KeySpec(key, .object([:]), "Wordt door gids overgeslagen."))
        }
        var schemaValue = schema(title: "front matter in \(guide.folder)/", specs: specs, overrides: overrides)
        // What the build requires: title and summary unless the guide relaxes them, and every
        // required taxonomy (a phased guide's phase).
        let required =
            (guide.frontMatter.titleRequired ? ["title"] : []) + (guide.frontMatter.summaryRequired ? ["summary"] : [])
            + guide.taxonomies.filter(\.required).map(\.key)
        schemaValue["required"] = JSON(required)
        out["\(guide.slug).page.schema.json"] = encode(schemaValue)
    }
    return out
}

private func schema(title: String, specs: [KeySpec], overrides: [String: JSON], nested: Bool = false) -> JSON {
    var properties: [String: JSON] = [:]
    for spec in specs {
        var property: JSON
        switch spec.shape {
        case .text: property = ["type": "string", "minLength": 1]
        case .whole: property = ["type": "integer"]
        case .boolean: property = ["type": "boolean"]
        // YAML 1.2 reads an unquoted date as text; editors' YAML servers may report it as a string.
        case .date: property = ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"]
        case .textList:
            property = [
                "oneOf": [
                    ["type": "string"],
                    ["type": "array", "items": ["type": "string"]],
                ]
            ]
        case .choice(let values): property = ["enum": JSON(values)]
        case .object(let fragment): property = fragment
        }
        if let override = overrides[spec.name] { property = override }
        if property["description"] == nil { property["description"] = .string(spec.description) }
        properties[spec.name] = property
    }
    if nested {
        return [
            "type": "object", "additionalProperties": false, "required": JSON(specs.filter(\.required).map(\.name)),
            "properties": .object(properties),
        ]
    }
    return [
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": .string(title),
        "type": "object",
        "additionalProperties": false,
        "required": JSON(specs.filter(\.required).map(\.name)),
        "properties": .object(properties),
    ]
}

private func encode(_ value: JSON) -> String { value.text(indent: "") + "\n" }

/// A JSON value, written with sorted keys and two-space indentation (deterministic output).
public indirect enum JSON: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case string(String)
    case number(Int)
    case bool(Bool)
    case null
    case array([JSON])
    case object([String: JSON])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
    init(_ strings: [String]) { self = .array(strings.map { .string($0) }) }

    subscript(key: String) -> JSON? {
        get {
            if case .object(let members) = self { return members[key] }
            return nil
        }
        set {
            guard case .object(var members) = self else { return }
            members[key] = newValue
            self = .object(members)
        }
    }

    func text(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .string(let text): return quoted(text)
        case .number(let number): return String(number)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n"
                + members.keys.sorted().map { inner + quoted($0) + ": " + members[$0]!.text(indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    private func quoted(_ text: String) -> String { JSONText.string(text) }
}
