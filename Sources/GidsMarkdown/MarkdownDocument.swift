import CCmark
import Foundation
import GidsCore

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

/// A link or image destination found in a Markdown body (CommonMark 0.30, §6.3 and §6.4).
/// Links inside code spans and code blocks are text, never links, so they are never here.
public struct MarkdownLink: Sendable, Hashable {
    /// `[text](dest)` or `![alt](dest)`.
    public enum Kind: Sendable, Hashable { case link, image }
    public let kind: Kind
    /// The destination as written, percent-encoding normalised by cmark (e.g. `sport.md#aanpak`).
    public let destination: String
    /// Position of the destination in the source file: 1-based line and column.
    public let line: Int
    public let column: Int
    /// Index in document order, used by the renderer to find the node again.
    public let index: Int
    /// The link text, or an image's alternative text, as plain text.
    public let text: String
    /// The title (`[x](y "title")`), empty when there is none.
    public let title: String

    /// The title that marks an image as decorative: `![](rand.svg "decoratief")` renders with an
    /// empty `alt` and no title, so screen readers skip it (WCAG 2.1, technique H67).
    public static let decorativeTitle = "decoratief"
    /// True for an image marked decorative.
    public var isDecorative: Bool { kind == .image && title.lowercased() == Self.decorativeTitle }
}

/// A parsed Markdown body (libcmark, CommonMark 0.30). Owns the cmark node tree; ``render(html:)``
/// rewrites link destinations and renders HTML once. Not safe for concurrent use of one value:
/// each document is parsed, inspected and rendered by one task.
public final class MarkdownDocument: @unchecked Sendable {
    public let headings: [Heading]
    public let links: [MarkdownLink]
    /// Text of paragraphs, list items and quotes (not headings, not code blocks), for the search index.
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
    /// Positions of text that reads `](` (outside code): link syntax that CommonMark did not
    /// take as a link, mostly a destination with a space (§6.3 allows none), which would show
    /// as raw Markdown on the page.
    public let unparsedLinks: [(line: Int, column: Int)]
    /// The body's first block when it is a level-1 heading: the title of a page written for a
    /// generator that takes the title from the text (MkDocs, Jekyll without `title:`).
    public let leadingTitle: Heading?
    /// Plain text of the first paragraph (top level, not in a list or quote), for a summary
    /// when front matter has none; empty when there is no paragraph.
    public let firstParagraph: String
    /// The Markdown, parsed again for each rendering, so a document is never changed and can
    /// be kept between builds (`gids serve`) and read from any thread.
    private let markdown: [UInt8]

    /// Parses `markdown`, whose first line is line `lineOffset + 1` of its file.
    public init(markdown: String, lineOffset: Int) {
        let bytes = Array(markdown.utf8)
        self.markdown = bytes
        let root = Self.parse(bytes)
        defer { cmark_node_free(root) }
        let sourceLines = SourceLines(bytes)
        var headings: [Heading] = []
        var headingNodes: [(OpaquePointer, Heading)] = []
        var links: [MarkdownLink] = []
        var linkNodes: [OpaquePointer] = []
        var raw: [(line: Int, column: Int)] = []
        var rawText = ""
        var rawNodes: [(literal: String, line: Int, column: Int)] = []
        var levelOne: [Int] = []
        var unparsed: [(line: Int, column: Int)] = []
        var unparsedCursor: [Int: Int] = [:]
        var rawCursor: [Int: Int] = [:]
        var text = ""
        var used = Set<String>()
        var usedGitHub: [String: Int] = [:]
        var usedKramdown: [String: Int] = [:]
        func numbered(_ id: String, _ used: inout [String: Int]) -> String {
            let count = used[id, default: 0]
            used[id] = count + 1
            return count == 0 ? id : "\(id)-\(count)"
        }
        var searchCursor: [Int: Int] = [:]  // line → column after the last destination found there
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        var insideHeading = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER
            switch type {
            case CMARK_NODE_HEADING:
                if entering {
                    insideHeading += 1
                    let level = Int(cmark_node_get_heading_level(node))
                    let title = plainText(of: node)
                    let line = Int(cmark_node_get_start_line(node)) + lineOffset
                    if level == 1 { levelOne.append(line) }
                    let id = Slug.unique(title, used: &used)
                    var aliases: [String] = []
                    for alias in [
                        numbered(ForeignHeadingID.github(title), &usedGitHub),
                        numbered(ForeignHeadingID.kramdown(title), &usedKramdown),
                    ] where alias != id && !aliases.contains(alias) {
                        aliases.append(alias)
                    }
                    let heading = Heading(level: level, text: title, id: id, line: line, aliases: aliases)
                    headings.append(heading)
                    headingNodes.append((node, heading))
                } else {
                    insideHeading -= 1
                }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                guard entering else { break }
                let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let (line, column) = locateDestination(
                    destination, of: node, lines: sourceLines, cursor: &searchCursor)
                links.append(
                    MarkdownLink(
                        kind: type == CMARK_NODE_IMAGE ? .image : .link, destination: destination,
                        line: line + lineOffset, column: column, index: links.count, text: plainText(of: node),
                        title: cmark_node_get_title(node).map { String(cString: $0) } ?? ""))
                linkNodes.append(node)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                guard entering else { break }
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                // Comments are notes for editors; cmark leaves them out either way.
                if literal.hasPrefix("<!--") { break }
                rawText += literal
                let firstLine = literal.split(separator: "\n").first.map(String.init) ?? ""
                let (line, column) = locate([firstLine], of: node, lines: sourceLines, cursor: &rawCursor)
                if raw.last?.line != line + lineOffset { raw.append((line + lineOffset, column)) }
                rawNodes.append((literal, line + lineOffset, column))
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                guard let literal = cmark_node_get_literal(node) else { break }
                let string = String(cString: literal)
                if insideHeading == 0 { text += string }
                if type == CMARK_NODE_TEXT, let bracket = firstBracketParen(in: string) {
                    // Search for `](` with the text after it: a bare `](` would also match the
                    // valid links earlier in the paragraph.
                    let tail = string[bracket...].prefix { $0 != "\n" }.prefix(40)
                    let (line, column) =
                        find([String(tail)], of: node, lines: sourceLines, cursor: &unparsedCursor)
                        ?? locate(["]("], of: node, lines: sourceLines, cursor: &unparsedCursor)
                    unparsed.append((line + lineOffset, column))
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                if insideHeading == 0 { text += " " }
            case CMARK_NODE_PARAGRAPH:
                if !entering { text += "\n" }
            default: break
            }
        }
        self.headings = headings
        self.links = links
        self.rawHTML = raw
        self.rawHTMLText = rawText
        self.rawHTMLNodes = rawNodes
        self.levelOneHeadingLines = levelOne
        self.unparsedLinks = unparsed
        self.bodyText = text
        var leading: Heading?
        if let first = cmark_node_first_child(root), cmark_node_get_type(first) == CMARK_NODE_HEADING,
            cmark_node_get_heading_level(first) == 1
        {
            leading = headingNodes.first { $0.0 == first }?.1
        }
        self.leadingTitle = leading
        var paragraph = ""
        var child = cmark_node_first_child(root)
        while let node = child {
            if cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH {
                paragraph = plainText(of: node)
                break
            }
            child = cmark_node_next(node)
        }
        self.firstParagraph = paragraph
    }

    /// CommonMark 0.30 parse; NORMALIZE joins adjacent text nodes, so unparsed `[x](y z)` is one literal.
    private static func parse(_ bytes: [UInt8]) -> OpaquePointer {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                let (start, count) = ($0.baseAddress, $0.count)
                return LibraryTime.measure(.cmark) {
                    cmark_parse_document(
                        start, count, CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_NORMALIZE)
                }
            }
        }
    }

    /// The link, image and heading nodes of a fresh parse, in the document order of ``links``
    /// and ``headings``.
    private static func nodes(of root: OpaquePointer) -> (links: [OpaquePointer], headings: [OpaquePointer]) {
        var links: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: links.append(node)
            default: break
            }
        }
        return (links, headings)
    }

    /// Renders HTML. `rewrite` gives each link's new destination (nil keeps it as written);
    /// headings get their ids and never an `h1` (the page title is the `h1`); `unsafe` lets
    /// raw HTML through (CommonMark's `CMARK_OPT_UNSAFE`), otherwise cmark omits it and drops
    /// `javascript:`, `vbscript:`, `file:` and non-image `data:` URLs.
    ///
    /// `annotate` gives text to add at the end of a link's text (e.g. ` (pdf, 1,2 MB)`), so that
    /// it is part of the link's accessible name.
    ///
    /// `unlink` turns a link into plain text followed by the text it returns (the print edition
    /// does this for links that would leave the document). `headingOffset` moves every heading
    /// down that many levels (at most `h6`) and `idPrefix` goes before every heading id, so
    /// several documents can share one HTML page. `dropLeadingTitle` leaves out
    /// ``leadingTitle``, which the page shows as its title.
    public func render(
        unsafe: Bool, rewrite: (MarkdownLink) -> String?, annotate: (MarkdownLink) -> String? = { _ in nil },
        unlink: (MarkdownLink) -> String? = { _ in nil }, headingOffset: Int = 0, idPrefix: String = "",
        dropLeadingTitle: Bool = false
    ) -> String {
        let root = Self.parse(markdown)
        var detached: [OpaquePointer] = []
        defer {
            cmark_node_free(root)
            for node in detached { cmark_node_free(node) }
        }
        let (linkNodes, headingList) = Self.nodes(of: root)
        var headingNodes = Array(zip(headingList, headings))
        if dropLeadingTitle, leadingTitle != nil, let first = cmark_node_first_child(root) {
            // Unlinked, not freed: link nodes inside it are still in `linkNodes`.
            headingNodes.removeAll { $0.0 == first }
            cmark_node_unlink(first)
            detached.append(first)
        }
        for (link, node) in zip(links, linkNodes) {
            if link.kind == .link, let suffix = unlink(link) {
                // Move the link's children before it, add the suffix, and drop the link.
                while let child = cmark_node_first_child(node) {
                    cmark_node_unlink(child)
                    cmark_node_insert_before(node, child)
                }
                let text = cmark_node_new(CMARK_NODE_TEXT)
                cmark_node_set_literal(text, suffix)
                cmark_node_insert_before(node, text)
                cmark_node_unlink(node)
                cmark_node_free(node)
                continue
            }
            if let destination = rewrite(link) { cmark_node_set_url(node, destination) }
            if link.isDecorative {
                cmark_node_set_title(node, "")
                while let child = cmark_node_first_child(node) { cmark_node_free(child) }
            }
            if link.kind == .link, let suffix = annotate(link) {
                let text = cmark_node_new(CMARK_NODE_TEXT)
                cmark_node_set_literal(text, suffix)
                cmark_node_append_child(node, text)
            }
        }
        for (node, heading) in headingNodes {
            let level = min(6, max(2, heading.level) + headingOffset)
            let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)
            cmark_node_set_on_enter(block, "<h\(level) id=\"\(idPrefix)\(heading.id)\">")
            cmark_node_set_on_exit(block, "</h\(level)>")
            while let child = cmark_node_first_child(node) {
                cmark_node_unlink(child)
                cmark_node_append_child(block, child)
            }
            cmark_node_replace(node, block)
            cmark_node_free(node)
        }
        let options = CMARK_OPT_DEFAULT | (unsafe ? CMARK_OPT_UNSAFE : 0)
        guard let html = LibraryTime.measure(.cmark, { cmark_render_html(root, options) }) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }
}

private func plainText(of node: OpaquePointer) -> String {
    var text = ""
    let iterator = cmark_iter_new(node)
    defer { cmark_iter_free(iterator) }
    while true {
        let event = cmark_iter_next(iterator)
        if event == CMARK_EVENT_DONE { break }
        guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
        switch cmark_node_get_type(child) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE:
            if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
        default: break
        }
    }
    return text.trimmingScalars(in: .whitespaces)
}

private func enclosingBlock(_ node: OpaquePointer) -> OpaquePointer {
    var current = node
    while cmark_node_get_type(current).rawValue >= CMARK_NODE_FIRST_INLINE.rawValue,
        let parent = cmark_node_parent(current)
    {
        current = parent
    }
    return current
}

/// Where a piece of text of `node` stands in the source. cmark 0.30 keeps source positions for
/// blocks only, so the text is looked up in the lines of the node's block (then in the whole
/// document, for reference definitions), outside code spans and after whatever `cursor` says
/// was already found on a line, so that repeated text gets its own column. `accepts` sees the
/// scalar before a match; the column returned is the match's plus `offset`. Falls back to the
/// block's start.
private func locate(
    _ spellings: [String], of node: OpaquePointer, lines: SourceLines, cursor: inout [Int: Int], offset: Int = 0,
    accepts: (Unicode.Scalar) -> Bool = { _ in true }
) -> (Int, Int) {
    let block = enclosingBlock(node)
    return find(spellings, of: node, lines: lines, cursor: &cursor, offset: offset, accepts: accepts)
        ?? (max(1, Int(cmark_node_get_start_line(block))), max(1, Int(cmark_node_get_start_column(block))))
}

/// ``locate(_:of:lines:cursor:offset:accepts:)`` without the fallback: nil when not found.
private func find(
    _ spellings: [String], of node: OpaquePointer, lines: SourceLines, cursor: inout [Int: Int], offset: Int = 0,
    accepts: (Unicode.Scalar) -> Bool = { _ in true }
) -> (Int, Int)? {
    let block = enclosingBlock(node)
    let start = max(1, Int(cmark_node_get_start_line(block)))
    let end = max(start, Int(cmark_node_get_end_line(block)))
    func search(_ range: ClosedRange<Int>) -> (Int, Int)? {
        for lineNumber in range where lineNumber <= lines.count {
            let (scalars, code) = lines.scalars(lineNumber)
            for spelling in spellings {
                let needle = Array(spelling.unicodeScalars)
                guard !needle.isEmpty else { continue }
                var index = cursor[lineNumber] ?? 0
                while index + needle.count <= scalars.count {
                    if !code[index] && scalars[index..<index + needle.count].elementsEqual(needle)
                        && accepts(index > 0 ? scalars[index - 1] : " ")
                    {
                        cursor[lineNumber] = index + needle.count
                        return (lineNumber, index + 1 + offset)
                    }
                    index += 1
                }
            }
        }
        return nil
    }
    return search(start...end) ?? search(1...max(1, lines.count))
}

/// The source lines of a document, each decoded (scalars and code-span mask) only when a
/// search first needs it, then kept: a paragraph's lines are searched once per link in it.
final class SourceLines {
    private let bytes: [UInt8]
    /// Byte offset where each line starts; lines end at the next `\n` (or the end).
    private let starts: [Int]
    private var cache: [Int: ([Unicode.Scalar], [Bool])] = [:]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        self.starts = starts
    }

    var count: Int { starts.count }

    /// Line `number` (1-based) as scalars, and which of them lie inside code spans.
    func scalars(_ number: Int) -> ([Unicode.Scalar], [Bool]) {
        if let cached = cache[number] { return cached }
        let start = starts[number - 1]
        let end = number < starts.count ? starts[number] - 1 : bytes.count
        let scalars = Array(String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars)
        let entry = (scalars, codeSpanMask(scalars))
        cache[number] = entry
        return entry
    }
}

/// Where `](` first occurs in `text`, by bytes (Foundation's `range(of:)` was a tenth of parsing).
private func firstBracketParen(in text: String) -> String.Index? {
    let bytes = text.utf8
    var index = bytes.startIndex
    while index != bytes.endIndex {
        if bytes[index] == 0x5D {
            let next = bytes.index(after: index)
            if next != bytes.endIndex && bytes[next] == 0x28 { return index }
        }
        index = bytes.index(after: index)
    }
    return nil
}

/// The position of a link's destination: after `(`, `<`, a space or `:` (reference
/// definitions). An empty destination has no text, so `]()` is found and the column points
/// inside the parentheses.
private func locateDestination(
    _ destination: String, of node: OpaquePointer, lines: SourceLines, cursor: inout [Int: Int]
) -> (Int, Int) {
    if destination.isEmpty {
        return locate(["()"], of: node, lines: lines, cursor: &cursor, offset: 1) { $0 == "]" }
    }
    return locate(destinationSpellings(destination), of: node, lines: lines, cursor: &cursor) {
        $0 == "(" || $0 == "<" || $0 == " " || $0 == ":"
    }
}

/// How a destination may be written in the source: as cmark returns it, and with its
/// percent-encoding undone (cmark encodes spaces and non-ASCII letters).
private func destinationSpellings(_ destination: String) -> [String] {
    var spellings = [destination]
    if destination.utf8.contains(0x25), let decoded = destination.removingPercentEncoding, decoded != destination {
        spellings.append(decoded)
    }
    return spellings
}

/// Marks the scalars of a line that lie inside code spans (CommonMark 0.30, §6.1: a backtick
/// run up to the next run of the same length), where a link destination is only text.
private func codeSpanMask(_ scalars: [Unicode.Scalar]) -> [Bool] {
    var mask = [Bool](repeating: false, count: scalars.count)
    var index = 0
    func run(at start: Int) -> Int {
        var end = start
        while end < scalars.count && scalars[end] == "`" { end += 1 }
        return end - start
    }
    while index < scalars.count {
        guard scalars[index] == "`" else {
            index += 1
            continue
        }
        let length = run(at: index)
        var search = index + length
        var closing: Int?
        while search < scalars.count {
            if scalars[search] == "`" {
                let other = run(at: search)
                if other == length {
                    closing = search
                    break
                }
                search += other
            } else {
                search += 1
            }
        }
        guard let closing else {
            index += length
            continue
        }
        for masked in index..<(closing + length) { mask[masked] = true }
        index = closing + length
    }
    return mask
}
