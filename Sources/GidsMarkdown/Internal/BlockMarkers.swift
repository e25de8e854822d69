import CCmarkGFM
import Foundation
import GidsCore
import GidsHTML

/// A line of extension syntax that opens a block whose body is Markdown: an admonition
/// (Python-Markdown `!!!`, pymdownx.details `???`), a content tab (pymdownx.tabbed `===`), a
/// definition (PHP Markdown Extra `:`), or an HTML start tag with a `markdown` attribute
/// (Python-Markdown md_in_html).
struct BlockMarker: Sendable {
    enum Kind: Sendable {
        /// `!!! type "Titel"`, `??? type`, `???+ type`: the type as written (lowercased), the
        /// title (nil: none written; empty: `""`, no title), and for `???` whether it starts open.
        case admonition(type: String, title: String?, foldable: Bool, open: Bool)
        /// `=== "Titel"`; `===!` starts a new group of tabs.
        case tab(title: String, startsGroup: Bool)
        /// `:   definitie` after the term.
        case definition
        /// The start tag with the `markdown` attribute taken out.
        case htmlStartTag(String)
    }
    let kind: Kind
    /// 1-based line and column of the marker in the source.
    let line: Int
    let column: Int
}

/// An abbreviation definition `*[AVG]: Algemene verordening gegevensbescherming`
/// (Python-Markdown abbr, PHP Markdown Extra).
struct Abbreviation: Sendable {
    let term: String
    let title: String
}

/// The text the library parses: the source with each extension marker line rewritten so that
/// the library itself reads the marker's body as Markdown, every line staying where it was.
///
/// - An admonition or tab line becomes a list item whose first line is an HTML comment
///   (`+   <!-- gids -->`): the body, indented four spaces, is the item's content.
/// - A definition's `:` becomes `+`, so the definition is a list item after its term.
/// - An md_in_html start tag becomes the comment, so the lines after it are Markdown.
/// - An abbreviation definition line becomes blank.
///
/// Markers are found in a parse of the text (never inside code or raw HTML), and the text is
/// parsed again until no new marker turns up: a marker in an admonition's body is code in the
/// first parse and a paragraph in the second.
struct PreparedSource: Sendable {
    let text: [UInt8]
    /// By 1-based line.
    let markers: [Int: BlockMarker]
    let abbreviations: [Abbreviation]
    /// The first line with more `|` than ``Cmark/maximumTableColumns``: then the page is read
    /// without tables (nil: tables are read).
    let tooWideTableLine: Int?
    var readsTables: Bool { tooWideTableLine == nil }

    static let placeholder = "<!-- gids -->"

    /// Prepares `source` and returns the final tree as well (the caller frees it).
    static func prepare(_ original: [UInt8]) -> (PreparedSource, Node) {
        // CommonMark §2.3: U+0000 is replaced by U+FFFD. Done first, so that no text gids takes
        // from a marker line (a title, an abbreviation) can end a C string early.
        let source = indexOfByte(0, in: original) != nil ? replacingNUL(original) : original
        let tooWide = tooWideTableLine(source)
        var root = Cmark.parse(source, tables: tooWide == nil)
        guard mayHoldMarkers(source) else {
            return (PreparedSource(text: source, markers: [:], abbreviations: [], tooWideTableLine: tooWide), root)
        }
        var scan = Scan(text: source)
        for _ in 0..<16 {
            scan.rewrites = [:]
            scan.find(in: root)
            if scan.rewrites.isEmpty { break }
            scan.apply()
            cmark_node_free(root)
            root = Cmark.parse(scan.text, tables: tooWide == nil)
        }
        let prepared = PreparedSource(
            text: scan.text, markers: scan.markers, abbreviations: scan.abbreviations, tooWideTableLine: tooWide)
        return (prepared, root)
    }

    /// The first line (1-based) with more than ``Cmark/maximumTableColumns`` `|` characters.
    static func tooWideTableLine(_ bytes: [UInt8]) -> Int? {
        guard indexOfByte(0x7C, in: bytes) != nil else { return nil }
        var line = 1
        var pipes = 0
        for byte in bytes {
            if byte == 0x7C {
                pipes += 1
                if pipes > Cmark.maximumTableColumns { return line }
            } else if byte == 0x0A {
                line += 1
                pipes = 0
            }
        }
        return nil
    }

    private static func replacingNUL(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        for byte in bytes {
            if byte == 0 { out.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { out.append(byte) }
        }
        return out
    }

    /// False when no line can start a marker: most pages, which then take one parse.
    static func mayHoldMarkers(_ bytes: [UInt8]) -> Bool {
        var index = 0
        let count = bytes.count
        var sawMarkdownWord = false
        while index < count {
            // The start of a line: skip indentation and block-quote markers.
            var cursor = index
            while cursor < count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 || bytes[cursor] == 0x3E {
                cursor += 1
            }
            if cursor + 2 < count {
                let (a, b, c) = (bytes[cursor], bytes[cursor + 1], bytes[cursor + 2])
                if (a == 0x21 || a == 0x3F || a == 0x3D) && a == b && b == c { return true }  // !!! ??? ===
                if a == 0x2A && b == 0x5B { return true }  // *[
                if a == 0x3A && (b == 0x20 || b == 0x09) { return true }  // :
            }
            if cursor < count, bytes[cursor] == 0x3C {
                sawMarkdownWord = sawMarkdownWord || lineHasMarkdownWord(bytes, from: cursor)
            }
            guard let newline = indexOfByte(0x0A, in: bytes, from: cursor) else { break }
            index = newline + 1
        }
        return sawMarkdownWord
    }

    private static func lineHasMarkdownWord(_ bytes: [UInt8], from start: Int) -> Bool {
        let word = Array("markdown".utf8)
        var cursor = start
        while cursor + word.count <= bytes.count, bytes[cursor] != 0x0A {
            if bytes[cursor] == 0x6D, bytes[cursor..<cursor + word.count].elementsEqual(word) { return true }
            cursor += 1
        }
        return false
    }
}

/// The scan of one parse: which lines are markers, and their rewritten text.
private struct Scan {
    var text: [UInt8]
    var markers: [Int: BlockMarker] = [:]
    var abbreviations: [Abbreviation] = []
    /// 1-based line → its new content (the whole line, without the newline).
    var rewrites: [Int: [UInt8]] = [:]
    private var lineStarts: [Int] = []

    init(text: [UInt8]) {
        self.text = text
        indexLines()
    }

    private mutating func indexLines() {
        lineStarts = [0]
        for (index, byte) in text.enumerated() where byte == 0x0A { lineStarts.append(index + 1) }
    }

    private func line(_ number: Int) -> ArraySlice<UInt8> {
        guard number >= 1, number <= lineStarts.count else { return [] }
        let start = lineStarts[number - 1]
        let end = number < lineStarts.count ? lineStarts[number] - 1 : text.count
        return text[start..<max(start, end)]
    }

    mutating func find(in root: Node) {
        for node in descendants(root) {
            let kind = type(node)
            if kind == CMARK_NODE_PARAGRAPH {
                scanParagraph(node)
            } else if kind == CMARK_NODE_HTML_BLOCK {
                scanHTMLBlock(node)
            }
        }
    }

    /// Replaces each rewritten line; the line count never changes.
    mutating func apply() {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + 64)
        for number in 1...lineStarts.count {
            out.append(contentsOf: rewrites[number] ?? Array(line(number)))
            if number < lineStarts.count { out.append(0x0A) }
        }
        text = out
        indexLines()
    }

    /// The content of a paragraph's line after its container prefix (block-quote markers,
    /// list indentation), which the first line shows: `prefixLength` bytes. Nil when a later
    /// line does not share the prefix (a lazy continuation line).
    private func content(ofLine number: Int, prefixLength: Int, firstPrefix: ArraySlice<UInt8>) -> (
        prefix: ArraySlice<UInt8>, content: ArraySlice<UInt8>
    )? {
        let bytes = line(number)
        guard bytes.count > prefixLength else { return nil }
        let prefix = bytes.prefix(prefixLength)
        guard prefix.elementsEqual(firstPrefix) || prefix.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return nil }
        return (prefix, bytes.dropFirst(prefixLength))
    }

    private mutating func scanParagraph(_ node: Node) {
        let first = startLine(node)
        let last = max(first, endLine(node))
        let prefixLength = max(0, startColumn(node) - 1)
        guard first >= 1 else { return }
        let firstPrefix = line(first).prefix(prefixLength)
        for number in first...last where markers[number] == nil && rewrites[number] == nil {
            guard let (prefix, content) = content(ofLine: number, prefixLength: prefixLength, firstPrefix: firstPrefix)
            else { continue }
            let column = prefixLength + 1
            if let kind = admonition(content) ?? tab(content) {
                markers[number] = BlockMarker(kind: kind, line: number, column: column)
                rewrites[number] = Array(prefix) + Array("+   \(PreparedSource.placeholder)".utf8)
            } else if isDefinition(content), number > first || followsTermParagraph(node) {
                markers[number] = BlockMarker(kind: .definition, line: number, column: column)
                rewrites[number] = Array(prefix) + [0x2B] + Array(content.dropFirst())
            } else if let abbreviation = abbreviation(content) {
                abbreviations.append(abbreviation)
                rewrites[number] = Array(prefix)
            }
        }
    }

    /// `<div class="x" markdown>` alone on the first line of an HTML block.
    private mutating func scanHTMLBlock(_ node: Node) {
        let number = startLine(node)
        guard number >= 1, markers[number] == nil, rewrites[number] == nil else { return }
        let prefixLength = max(0, startColumn(node) - 1)
        let bytes = line(number)
        guard bytes.count > prefixLength else { return }
        var content = bytes.dropFirst(prefixLength)
        while let last = content.last, last == 0x20 || last == 0x09 || last == 0x0D { content = content.dropLast() }
        let tag = String(decoding: content, as: UTF8.self)
        guard tag.contains("markdown"), let kept = RawHTMLRewriter.startTag(tag, removingAttribute: "markdown") else {
            return
        }
        markers[number] = BlockMarker(kind: .htmlStartTag(kept), line: number, column: prefixLength + 1)
        rewrites[number] = Array(bytes.prefix(prefixLength)) + Array(PreparedSource.placeholder.utf8)
    }

    /// A paragraph that starts with `:` right after a paragraph and one blank line: the term
    /// and its definition written apart.
    private func followsTermParagraph(_ node: Node) -> Bool {
        guard let previous = cmark_node_previous(node), type(previous) == CMARK_NODE_PARAGRAPH else { return false }
        return endLine(previous) == startLine(node) - 2
    }

    /// `:` followed by one to four spaces or a tab, and text.
    private func isDefinition(_ content: ArraySlice<UInt8>) -> Bool {
        guard content.first == 0x3A else { return false }
        let rest = content.dropFirst()
        let spaces = rest.prefix { $0 == 0x20 || $0 == 0x09 }
        guard !spaces.isEmpty, spaces.count <= 4 else { return false }
        return rest.count > spaces.count
    }

    /// Python-Markdown's admonition line: `!!!` or `???`/`???+`, an optional space, the type and
    /// other class words (`[\w-]+` each), then an optional title in double quotes.
    private func admonition(_ content: ArraySlice<UInt8>) -> BlockMarker.Kind? {
        var rest = Substring(String(decoding: content, as: UTF8.self))
        let foldable: Bool
        var open = false
        if rest.hasPrefix("!!!") {
            foldable = false
            rest = rest.dropFirst(3)
        } else if rest.hasPrefix("???") {
            foldable = true
            rest = rest.dropFirst(3)
            if rest.hasPrefix("+") {
                open = true
                rest = rest.dropFirst()
            }
        } else {
            return nil
        }
        if rest.hasPrefix(" ") { rest = rest.dropFirst() }
        var title: String?
        if let quote = rest.firstIndex(of: "\"") {
            let afterTitle = rest[rest.index(after: quote)...]
            guard let closing = afterTitle.lastIndex(of: "\""),
                afterTitle[afterTitle.index(after: closing)...].allSatisfy({ $0 == " " || $0 == "\r" })
            else { return nil }
            title = String(afterTitle[..<closing])
            rest = rest[..<quote]
        }
        let words = rest.split(separator: " ")
        guard let first = words.first,
            words.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } })
        else { return nil }
        return .admonition(type: first.lowercased(), title: title, foldable: foldable, open: open)
    }

    /// pymdownx.tabbed's line: `===`, optional `!` and `+`, a space, and the title in quotes.
    private func tab(_ content: ArraySlice<UInt8>) -> BlockMarker.Kind? {
        var rest = Substring(String(decoding: content, as: UTF8.self))
        guard rest.hasPrefix("===") else { return nil }
        rest = rest.dropFirst(3)
        let flags = rest.prefix { $0 == "!" || $0 == "+" }
        rest = rest.dropFirst(flags.count)
        guard rest.hasPrefix(" ") else { return nil }
        rest = rest.drop { $0 == " " }
        guard rest.hasPrefix("\""), let closing = rest.dropFirst().lastIndex(of: "\""),
            rest[rest.index(after: closing)...].allSatisfy({ $0 == " " || $0 == "\r" })
        else { return nil }
        let title = rest[rest.index(after: rest.startIndex)..<closing]
        return .tab(title: String(title), startsGroup: flags.contains("!"))
    }

    /// `*[TERM]: title`.
    private func abbreviation(_ content: ArraySlice<UInt8>) -> Abbreviation? {
        let text = String(decoding: content, as: UTF8.self)
        guard text.hasPrefix("*["), let close = text.range(of: "]:") else { return nil }
        let term = text[text.index(text.startIndex, offsetBy: 2)..<close.lowerBound]
        guard !term.isEmpty, !term.contains("]") else { return nil }
        let title = text[close.upperBound...].trimmingCharacters(in: .whitespaces)
        return Abbreviation(term: String(term), title: title)
    }
}
