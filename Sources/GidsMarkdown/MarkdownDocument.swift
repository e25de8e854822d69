import CCmarkGFM
import Foundation
import GidsCore
import GidsHTML
import GidsLinks

/// A heading of a Markdown body with the id (fragment) the renderer gives it.
public struct Heading: Sendable, Hashable {
    /// 1…6 as written (`##` is 2).
    public let level: Int
    /// Plain text of the heading.
    public let text: String
    /// The fragment id, made by ``Slug/unique(_:used:)`` in document order.
    public let id: String
    /// Line in the source file (front-matter offset included).
    public let line: Int
    /// True when the id was written in the source (`## Kop {#eigen-id}`), not made from the text.
    public var isExplicit = false
    /// False for a heading marked `data-search-exclude`: neither it nor its section is indexed.
    public var isSearchable = true
    /// The ids other generators give this heading, so that a fragment written for them finds
    /// it: GitHub's (also Hugo's and kramdown's GFM parser: Unicode letters kept, each space a
    /// `-`) and kramdown's default (ASCII letters and digits only, leading non-letters dropped),
    /// each numbered `-1`, `-2` for repeats as those generators do. Without ``id`` itself.
    public var aliases: [String] = []

    public init(level: Int, text: String, id: String, line: Int, aliases: [String] = []) {
        self.level = level
        self.text = text
        self.id = id
        self.line = line
        self.aliases = aliases
    }
}

/// Heading ids as other generators make them (see ``Heading/aliases``).
public enum ForeignHeadingID {
    /// github-slugger: lowercased, characters other than letters, digits, marks, `-`, `_`
    /// and spaces removed, each space a `-` (runs are not collapsed).
    public static func github(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            let value = scalar.value
            let keep =
                scalar.isASCII
                ? (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
                    || scalar == "-" || scalar == "_"
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    || scalar.properties.generalCategory == .nonspacingMark
            if keep {
                out.unicodeScalars.append(scalar)
            } else if scalar == " " {
                out.append("-")
            }
        }
        return out
    }

    /// True for ASCII letters and digits in words with single spaces between them, starting
    /// with a letter: text for which ``github(_:)``, ``kramdown(_:)`` and `Slug.make` agree.
    public static func isPlainWords(_ text: String) -> Bool {
        var previous: UInt8 = 0x20
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case 0x61...0x7A, 0x41...0x5A: break
            case 0x30...0x39 where offset > 0: break
            case 0x20 where previous != 0x20: break
            default: return false
            }
            previous = byte
        }
        return previous != 0x20
    }

    /// kramdown's `auto_ids`: leading characters up to the first ASCII letter dropped, then
    /// everything but ASCII letters, digits, spaces and `-` removed, spaces to `-`, lowercased;
    /// empty becomes `section`.
    public static func kramdown(_ text: String) -> String {
        let trimmed = text.unicodeScalars.drop { !(("a"..."z").contains($0) || ("A"..."Z").contains($0)) }
        var out = ""
        for scalar in trimmed {
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-"
            {
                out.unicodeScalars.append(scalar)
            } else if scalar == " " {
                out.append("-")
            }
        }
        return out.isEmpty ? "section" : out.lowercased()
    }
}

/// A link or image destination found in a Markdown body (GFM 0.29, §6.6 and §6.7).
/// Links inside code spans and code blocks are text, never links, so they are never here.
/// A class: every stage passes links around, and a copy is then one reference, not four.
public final class MarkdownLink: Sendable, Hashable {
    /// `[text](dest)` or `![alt](dest)`.
    public enum Kind: Sendable, Hashable { case link, image }
    public let kind: Kind
    /// The destination as written, percent-encoding normalised by cmark (e.g. `sport.md#aanpak`).
    public let destination: String
    /// Position of the destination in the source file: 1-based line and column. Found when
    /// first asked for (``LinkLocations``): only links that are reported need it.
    public var line: Int { locations[index].line }
    public var column: Int { locations[index].column }
    /// Index in document order, used by the renderer to find the node again.
    public let index: Int
    /// The link text, or an image's alternative text, as plain text.
    public let text: String
    /// The title (`[x](y "title")`), empty when there is none.
    public let title: String
    private let locations: LinkLocations

    init(kind: Kind, destination: String, index: Int, text: String, title: String, locations: LinkLocations) {
        (self.kind, self.destination, self.index, self.text, self.title) = (kind, destination, index, text, title)
        self.locations = locations
    }

    public static func == (lhs: MarkdownLink, rhs: MarkdownLink) -> Bool {
        (lhs.kind, lhs.destination, lhs.index, lhs.text, lhs.title) == (
            rhs.kind, rhs.destination, rhs.index, rhs.text, rhs.title
        )
            && (lhs.line, lhs.column) == (rhs.line, rhs.column)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(destination)
        hasher.combine(index)
        hasher.combine(text)
        hasher.combine(title)
    }

    /// The title that marks an image as decorative: `![](rand.svg "decoratief")` renders with an
    /// empty `alt` and no title, so screen readers skip it (WCAG 2.1, technique H67).
    public static let decorativeTitle = "decoratief"
    /// True for an image marked decorative.
    public var isDecorative: Bool { kind == .image && title.lowercased() == Self.decorativeTitle }
}

/// What a page may do with raw HTML from its Markdown (CommonMark §4.6, §6.6), from the site
/// file's `raw_html` and `allow_scripts`.
public enum RawHTMLPolicy: Sendable, Hashable {
    /// Left out (`raw_html: false`, the default); the library also drops `javascript:`,
    /// `vbscript:`, `file:` and non-image `data:` link URLs.
    case omit
    /// Written without scripts, event handlers, `javascript:` URLs and embedded documents
    /// (``RawHTMLRewriter``), and links with such URLs become text (`raw_html: true`).
    case sanitize
    /// Written as it stands (`raw_html: true` and `allow_scripts: true`).
    case trust

    /// The policy of a site file with these `raw_html` and `allow_scripts` values.
    public init(rawHTML: Bool, allowScripts: Bool) {
        self = rawHTML ? (allowScripts ? .trust : .sanitize) : .omit
    }
}

/// A parsed Markdown body: GitHub Flavored Markdown (libcmark-gfm 0.29.0.gfm.6 with tables,
/// strikethrough, task lists and footnotes) plus the syntax other generators' knowledge bases
/// use: callouts (GitHub alerts, MkDocs admonitions), content tabs, attribute lists,
/// abbreviations, definition lists, `markdown` inside HTML blocks, icon shortcodes and
/// `mermaid` fences (`TreeShaper`). Never a parser of its own: extension syntax is rewritten
/// so that the library reads each body as Markdown where it stands (`PreparedSource`).
///
/// The facts are read once, at `init`; ``render(rawHTML:rewrite:annotate:unlink:headingOffset:idPrefix:dropLeadingTitle:print:)``
/// parses the prepared text again, so a document is never changed and can be kept between
/// builds (`gids serve`) and read from any thread.
public final class MarkdownDocument: @unchecked Sendable {
    public let headings: [Heading]
    public let links: [MarkdownLink]
    /// Text of paragraphs, list items, quotes, tables, callouts and footnotes (not headings, not
    /// code blocks, not blocks marked `data-search-exclude`), for the search index.
    public let bodyText: String
    /// Positions (file line, column) of raw HTML blocks and inlines (CommonMark §4.6, §6.6), for
    /// the "raw HTML is off" warning; one per line.
    public let rawHTML: [(line: Int, column: Int)]
    /// The raw HTML of the body (blocks and inlines, comments left out) joined in document
    /// order, so a later stage can read its ids as fragment targets.
    public let rawHTMLText: String
    /// Each raw HTML block or inline with the file position of its first character.
    public let rawHTMLNodes: [(literal: String, line: Int, column: Int)]
    /// Lines of level-1 headings in the body: the page title is the only `h1`.
    public let levelOneHeadingLines: [Int]
    /// Positions of text that reads `](` (outside code): link syntax that the library did not
    /// take as a link, mostly a destination with a space (§6.6 allows none), which would show
    /// as raw Markdown on the page.
    public let unparsedLinks: [(line: Int, column: Int)]
    /// The body's first block when it is a level-1 heading: the title of a page written for a
    /// generator that takes the title from the text (MkDocs, Jekyll without `title:`).
    public let leadingTitle: Heading?
    /// Plain text of the first paragraph (top level, not in a list or quote), for a summary
    /// when front matter has none; empty when there is no paragraph.
    public let firstParagraph: String
    /// Ids the body gives elements other than headings (attribute lists, footnotes, callout
    /// titles), with file positions, in document order. Raw HTML's ids are not among them.
    public let anchors: [MarkdownAnchor]
    /// The `id`s and `<a name>`s of the body's raw HTML (decoded), with file positions: targets
    /// of fragments when the site renders raw HTML.
    public let rawHTMLAnchors: [MarkdownAnchor]
    /// What the editor should know about extension syntax in the body.
    public let notices: [MarkdownNotice]
    /// The text the library parses (extension markers rewritten).
    private let prepared: PreparedSource
    /// Ids of headings and anchors, and of raw HTML, for ``hasFragmentTarget(_:rawHTML:)``.
    private let ownTargets: Set<String>
    private let rawTargets: Set<String>

    /// Parses `markdown`, whose first line is line `lineOffset + 1` of its file.
    public init(markdown: String, lineOffset: Int) {
        let bytes = Array(markdown.utf8)
        let (prepared, root) = PreparedSource.prepare(bytes)
        self.prepared = prepared
        let parking = NodeParking()
        defer {
            cmark_node_free(root)
            parking.freeAll()
        }
        let positions = Positions(source: bytes)
        let shaper = TreeShaper(
            root: root, source: prepared, positions: positions, context: ShapeContext(findings: true), parking: parking)
        shaper.run()
        var facts = Facts(positions: positions, shaper: shaper, lineOffset: lineOffset, source: bytes)
        facts.read(root)
        headings = facts.headings
        links = facts.links
        bodyText = facts.text
        rawHTML = facts.raw
        rawHTMLText = facts.rawText
        rawHTMLNodes = facts.rawNodes
        rawHTMLAnchors = facts.rawAnchors
        levelOneHeadingLines = facts.levelOne
        unparsedLinks = facts.unparsed
        var leading: Heading?
        if let first = cmark_node_first_child(root), type(first) == CMARK_NODE_HEADING,
            cmark_node_get_heading_level(first) == 1
        {
            leading = facts.headingNodes.first { $0.0 == first }?.1
        }
        leadingTitle = leading
        firstParagraph = children(root).first { type($0) == CMARK_NODE_PARAGRAPH }.map { plainText(of: $0) } ?? ""
        anchors = shaper.anchors.map {
            MarkdownAnchor(id: $0.id, origin: $0.origin, line: $0.line + lineOffset, column: $0.column)
        }
        ownTargets = Set(headings.map(\.id) + anchors.map(\.id))
        rawTargets = Set(rawHTMLAnchors.map(\.id))
        notices = shaper.notices.map {
            MarkdownNotice(
                $0.severity, $0.code, $0.message, hint: $0.hint, line: $0.line + lineOffset, column: $0.column)
        }
    }

    /// Every id the body gives an element: headings, attribute lists, footnotes, callouts, and
    /// with `rawHTML` (the site renders it) the ids in raw HTML. The one list of what a fragment
    /// may name in this body.
    public func fragmentTargets(rawHTML: Bool) -> [String] {
        headings.map(\.id) + anchors.map(\.id) + (rawHTML ? rawHTMLAnchors.map(\.id) : [])
    }

    /// True when `id` is one of ``fragmentTargets(rawHTML:)``, by set look-up (the print edition
    /// asks for every link with a fragment).
    public func hasFragmentTarget(_ id: String, rawHTML: Bool) -> Bool {
        ownTargets.contains(id) || (rawHTML && rawTargets.contains(id))
    }

    /// The link, image and heading nodes of a shaped tree, in the document order of ``links``
    /// and ``headings``.
    private static func nodes(of root: Node) -> (links: [Node], headings: [Node]) {
        var links: [Node] = []
        var headings: [Node] = []
        for node in descendants(root) {
            switch type(node) {
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: links.append(node)
            default: break
            }
        }
        return (links, headings)
    }

    /// Renders HTML. `rewrite` gives each link's new destination (nil keeps it as written);
    /// headings get their ids and never an `h1` (the page title is the `h1`); `rawHTML` says
    /// what happens to raw HTML.
    ///
    /// `annotate` gives text to add at the end of a link's text (e.g. ` (pdf, 1,2 MB)`), so that
    /// it is part of the link's accessible name.
    ///
    /// `unlink` turns a link into plain text followed by the text it returns (the print edition
    /// does this for links that would leave the document). `headingOffset` moves every heading
    /// down that many levels (at most `h6`) and `idPrefix` goes before every id the body has
    /// (headings, footnotes, callouts, attribute lists and raw HTML), so several documents can
    /// share one HTML page. `dropLeadingTitle` leaves out ``leadingTitle``, which the page shows
    /// as its title. `print` opens foldable callouts.
    public func render(
        rawHTML policy: RawHTMLPolicy, rewrite: (MarkdownLink) -> String?,
        annotate: (MarkdownLink) -> String? = { _ in nil }, unlink: (MarkdownLink) -> String? = { _ in nil },
        headingOffset: Int = 0, idPrefix: String = "", dropLeadingTitle: Bool = false, print: Bool = false
    ) -> String {
        String(
            decoding: renderBytes(
                rawHTML: policy, rewrite: rewrite, annotate: annotate, unlink: unlink, headingOffset: headingOffset,
                idPrefix: idPrefix, dropLeadingTitle: dropLeadingTitle, print: print),
            as: UTF8.self)
    }

    /// ``render(rawHTML:rewrite:annotate:unlink:headingOffset:idPrefix:dropLeadingTitle:print:)``
    /// as UTF-8 bytes, for a template to copy as they are (no string to make and check).
    public func renderBytes(
        rawHTML policy: RawHTMLPolicy, rewrite: (MarkdownLink) -> String?,
        annotate: (MarkdownLink) -> String? = { _ in nil }, unlink: (MarkdownLink) -> String? = { _ in nil },
        headingOffset: Int = 0, idPrefix: String = "", dropLeadingTitle: Bool = false, print: Bool = false
    ) -> [UInt8] {
        let root = Cmark.parse(prepared.text, tables: prepared.readsTables)
        let parking = NodeParking()
        defer {
            cmark_node_free(root)
            parking.freeAll()
        }
        let context = ShapeContext(idPrefix: idPrefix, headingOffset: headingOffset, print: print)
        TreeShaper(
            root: root, source: prepared, positions: Positions(source: prepared.text), context: context,
            parking: parking
        ).run()
        let (linkNodes, headingList) = Self.nodes(of: root)
        var headingNodes = Array(zip(headingList, headings))
        if dropLeadingTitle, leadingTitle != nil, let first = cmark_node_first_child(root) {
            // Unlinked, not freed: link nodes inside it are still in `linkNodes`.
            headingNodes.removeAll { $0.0 == first }
            parking.park(first)
        }
        for (link, node) in zip(links, linkNodes) {
            if link.kind == .link, let suffix = unlink(link) {
                unwrap(node, adding: suffix, parking: parking)
                continue
            }
            if let destination = rewrite(link) { cmark_node_set_url(node, destination) }
            if policy == .sanitize, let url = cmark_node_get_url(node).map({ String(cString: $0) }),
                case .unsafe = LinkRules.classify(url, allowsData: link.kind == .image)
            {
                // With raw HTML on, the library writes every URL: code in a link never reaches the page.
                unwrap(node, adding: "", parking: parking)
                continue
            }
            if link.isDecorative {
                cmark_node_set_title(node, "")
                while let child = cmark_node_first_child(node) { cmark_node_free(child) }
            }
            if link.kind == .link, let suffix = annotate(link) {
                cmark_node_append_child(node, textNode(suffix))
            }
        }
        for (node, heading) in headingNodes {
            let level = min(6, max(2, heading.level) + headingOffset)
            let block = customBlock("<h\(level) id=\"\(escapeHTML(idPrefix + heading.id))\">", "</h\(level)>")
            moveChildren(of: node, to: block)
            parking.replace(node, with: block)
        }
        if policy != .omit {
            for node in descendants(root) {
                let kind = type(node)
                guard kind == CMARK_NODE_HTML_BLOCK || kind == CMARK_NODE_HTML_INLINE, let html = literal(node) else {
                    continue
                }
                let cleaned = RawHTMLRewriter.rewrite(
                    html, removingActiveContent: policy == .sanitize, idPrefix: idPrefix)
                if cleaned.html != html { cmark_node_set_literal(node, cString(cleaned.html)) }
            }
        }
        return Cmark.renderHTML(root, unsafe: policy != .omit)
    }
}

/// Replaces a link by its children followed by `suffix` (an image by its alternative text).
private func unwrap(_ node: Node, adding suffix: String, parking: NodeParking) {
    while let child = cmark_node_first_child(node) {
        cmark_node_unlink(child)
        cmark_node_insert_before(node, child)
    }
    if !suffix.isEmpty { cmark_node_insert_before(node, textNode(suffix)) }
    parking.park(node)
}

/// The facts of a shaped tree, read in one walk.
private struct Facts {
    let positions: Positions
    let shaper: TreeShaper
    let lineOffset: Int
    let locations: LinkLocations
    var headings: [Heading] = []
    var headingNodes: [(Node, Heading)] = []
    var links: [MarkdownLink] = []
    var text = ""
    var raw: [(line: Int, column: Int)] = []
    var rawText = ""
    var rawNodes: [(literal: String, line: Int, column: Int)] = []
    var rawAnchors: [MarkdownAnchor] = []
    var levelOne: [Int] = []
    var unparsed: [(line: Int, column: Int)] = []

    init(positions: Positions, shaper: TreeShaper, lineOffset: Int, source: [UInt8]) {
        self.positions = positions
        self.shaper = shaper
        self.lineOffset = lineOffset
        locations = LinkLocations(source: source, lineOffset: lineOffset)
    }

    mutating func read(_ root: Node) {
        var rawCursor: [Int: Int] = [:]
        var unparsedCursor: [Int: Int] = [:]
        // Ids written by the editor and ids in raw HTML come first: headings' ids avoid them.
        var used = Set(shaper.anchors.filter { $0.origin == .attribute }.map(\.id))
        var rawFacts: [Node: HTMLFacts] = [:]
        for node in descendants(root) {
            let kind = type(node)
            guard kind == CMARK_NODE_HTML_BLOCK || kind == CMARK_NODE_HTML_INLINE,
                let pointer = cmark_node_get_literal(node),
                strstr(pointer, "id=") != nil || strstr(pointer, "name=") != nil
            else { continue }
            let html = String(cString: pointer)
            let facts = HTMLScanner.scan(html)
            rawFacts[node] = facts
            used.formUnion((facts.ids + facts.names).map { LinkRules.decode($0.name) })
        }
        var nextSuffix: [String: Int] = [:]
        var headingIDs = Set<String>()
        var usedGitHub: [String: Int] = [:]
        var usedKramdown: [String: Int] = [:]
        func numbered(_ id: String, _ used: inout [String: Int]) -> String {
            let count = used[id, default: 0]
            used[id] = count + 1
            return count == 0 ? id : "\(id)-\(count)"
        }
        var insideHeading = 0
        // Text kept out of the index: a node marked `data-search-exclude` (until its exit), a
        // section after a marked heading (until a heading of its level or higher).
        var quietUntilExit: Node?
        var quietSectionLevel: Int?
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let kind = type(node)
            let entering = event == CMARK_EVENT_ENTER
            if entering && node == shaper.footnoteSection { quietSectionLevel = nil }
            if let quiet = quietUntilExit {
                if node == quiet && !entering { quietUntilExit = nil }
            } else if entering && (shaper.searchExcluded.contains(node) || shaper.silent.contains(node)) {
                quietUntilExit = node
            }
            let indexed = quietUntilExit == nil && quietSectionLevel == nil
            switch kind {
            case CMARK_NODE_HEADING:
                guard entering else {
                    insideHeading -= 1
                    break
                }
                insideHeading += 1
                let level = Int(cmark_node_get_heading_level(node))
                if let quietLevel = quietSectionLevel, level <= quietLevel { quietSectionLevel = nil }
                let title = plainText(of: node)
                let line = positions.line(of: node) + lineOffset
                if level == 1 { levelOne.append(line) }
                let attributes = shaper.headingAttributes[node]
                var heading: Heading
                if let explicit = attributes?.id {
                    // A repeated id (reported by validation) gets a suffix, so the HTML stays valid.
                    var id = explicit
                    var suffix = 0
                    while headingIDs.contains(id) || shaper.appliedIDs.contains(id) {
                        suffix += 1
                        id = "\(explicit)-\(suffix)"
                    }
                    used.insert(id)
                    heading = Heading(level: level, text: title, id: id, line: line)
                    heading.isExplicit = true
                } else {
                    let id = Slug.unique(title, used: &used, next: &nextSuffix)
                    var aliases: [String] = []
                    // Words of ASCII letters and digits with single spaces, starting with a
                    // letter, get the same id from all three rules: made once (most headings).
                    let plain = ForeignHeadingID.isPlainWords(title) ? Slug.make(title) : nil
                    for alias in [
                        numbered(plain ?? ForeignHeadingID.github(title), &usedGitHub),
                        numbered(plain ?? ForeignHeadingID.kramdown(title), &usedKramdown),
                    ] where alias != id && !aliases.contains(alias) {
                        aliases.append(alias)
                    }
                    heading = Heading(level: level, text: title, id: id, line: line, aliases: aliases)
                }
                if attributes?.excludesFromSearch == true {
                    heading.isSearchable = false
                    quietSectionLevel = level
                }
                headings.append(heading)
                headingIDs.insert(heading.id)
                headingNodes.append((node, heading))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                guard entering else { break }
                let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                locations.add(positions.pendingDestination(destination, of: node))
                links.append(
                    MarkdownLink(
                        kind: kind == CMARK_NODE_IMAGE ? .image : .link, destination: destination,
                        index: links.count, text: plainText(of: node),
                        title: cmark_node_get_title(node).map { String(cString: $0) } ?? "", locations: locations))
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                guard entering else { break }
                let literal = literal(node) ?? ""
                // Comments are notes for editors.
                if literal.hasPrefix("<!--") { break }
                rawText += literal
                let firstLine = literal.split(separator: "\n").first.map(String.init) ?? ""
                let (line, column) = positions.locate([firstLine], of: node, cursor: &rawCursor)
                if raw.last?.line != line + lineOffset { raw.append((line + lineOffset, column)) }
                rawNodes.append((literal, line + lineOffset, column))
                let named =
                    (rawFacts[node]?.ids ?? []).map { ($0, MarkdownAnchor.Origin.rawHTML) }
                    + (rawFacts[node]?.names ?? []).map { ($0, MarkdownAnchor.Origin.rawHTMLName) }
                for (id, origin) in named.sorted(by: {
                    ($0.0.position.line, $0.0.position.column) < ($1.0.position.line, $1.0.position.column)
                }) {
                    // Positions inside the node, counted from its first character in the file.
                    let position = id.position
                    rawAnchors.append(
                        MarkdownAnchor(
                            id: LinkRules.decode(id.name), origin: origin, line: line + lineOffset + position.line - 1,
                            column: position.line == 1 ? column + position.column - 1 : position.column))
                }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                guard let literal = cmark_node_get_literal(node) else { break }
                let string = String(cString: literal)
                if insideHeading == 0 && indexed { text += string }
                if kind == CMARK_NODE_TEXT, let bracket = firstBracketParen(in: string) {
                    // Search for `](` with the text after it: a bare `](` would also match the
                    // valid links earlier in the paragraph.
                    let tail = [String(string[bracket...].prefix { $0 != "\n" }.prefix(40))]
                    let lines = positions.lines
                    if let (line, column) = positions.find(
                        tail, of: node, cursor: &unparsedCursor,
                        context: { !lines.closesEscapedBracket(line: $0, at: $1) })
                    {
                        unparsed.append((line + lineOffset, column))
                    } else if positions.find(tail, of: node, cursor: &unparsedCursor) == nil {
                        let (line, column) = positions.locate(["]("], of: node, cursor: &unparsedCursor)
                        unparsed.append((line + lineOffset, column))
                    }  // else only after an escaped bracket: written as text on purpose
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                if insideHeading == 0 && indexed { text += " " }
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_CUSTOM_BLOCK:
                if !entering && indexed && !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            case CMARK_NODE_CUSTOM_INLINE:
                if !entering && indexed && insideHeading == 0 && !text.isEmpty && !text.hasSuffix(" ")
                    && !text.hasSuffix("\n")
                {
                    text += " "
                }
            default: break
            }
        }
    }
}

/// Where `](` first occurs in `text`, by bytes (Foundation's `range(of:)` was a tenth of parsing).
private func firstBracketParen(in text: String) -> String.Index? {
    // Over the string's bytes in place: every text node of every page is scanned.
    var text = text
    let offset = text.withUTF8 { bytes -> Int? in
        guard bytes.count > 1 else { return nil }
        for index in 0..<(bytes.count - 1) where bytes[index] == 0x5D && bytes[index + 1] == 0x28 { return index }
        return nil
    }
    return offset.map { text.utf8.index(text.utf8.startIndex, offsetBy: $0) }
}
