import CCmarkGFM
import Foundation
import GidsCore

/// What changes the HTML gids writes into the tree, never its shape: the same source always
/// gives the same nodes in the same order, so the facts read from one shaping hold for the
/// next.
struct ShapeContext {
    /// Goes before every id the body gets (the print edition joins many bodies in one page).
    var idPrefix = ""
    /// Levels added to every heading (at most `h6`).
    var headingOffset = 0
    /// Paper: foldable callouts are open.
    var print = false
    /// Notices and anchors are collected (the facts pass); a rendering needs neither.
    var findings = false
}

/// Turns the library's tree into the tree gids renders: extension syntax becomes the HTML it
/// stands for (callouts, tabs, definition lists, tables with `scope` and alignment classes,
/// labelled task lists, footnotes with Dutch labels, abbreviations, diagrams as code), and
/// attribute lists are applied or dropped. Findings go to ``notices``.
///
/// Every step collects the nodes it works on before it changes anything, and the steps run
/// one after another on fresh lists. Nothing is freed while shaping: what a step takes out is
/// parked (``NodeParking``), as text nodes point into their first block's buffer.
final class TreeShaper {
    let root: Node
    let source: PreparedSource
    let positions: Positions
    let context: ShapeContext
    /// Everything the shaping took out, freed with the tree.
    let parking: NodeParking

    private(set) var notices: [MarkdownNotice] = []
    /// Ids the body gives elements other than headings, in document order.
    private(set) var anchors: [MarkdownAnchor] = []
    /// Attribute lists written after headings (`## Kop {#eigen-id}`), by heading node.
    private(set) var headingAttributes: [Node: AttributeList] = [:]
    /// Blocks and inlines kept out of the search index (`data-search-exclude`).
    private(set) var searchExcluded: Set<Node> = []
    /// Nodes whose text is not part of the body's text (footnote numbers, back-links).
    private(set) var silent: Set<Node> = []

    /// Callouts labelled by their title, numbered in document order once every step has run.
    private var labelledCallouts: [Node: (title: Node, style: String, position: (Int, Int))] = [:]
    private var definitionLists: Set<Node> = []
    /// Ids given to paragraphs, links and images from attribute lists, as written in the HTML: a
    /// repeated one gets `-1`, `-2`, … (it is still reported as a duplicate), so the page stays
    /// valid under `strict: false`.
    private(set) var appliedIDs: Set<String> = []
    /// The "Voetnoten" section: after a section kept out of search, the footnotes are searched again.
    private(set) var footnoteSection: Node?
    private var textCursor: [Int: Int] = [:]
    /// The page's abbreviations: whole words by text, and terms with other characters (longest first).
    private lazy var abbreviationIndex: (words: [String: Abbreviation], spanning: [Abbreviation]) = {
        var words: [String: Abbreviation] = [:]
        var spanning: [Abbreviation] = []
        for abbreviation in source.abbreviations {
            if abbreviation.term.allSatisfy({ $0.isLetter || $0.isNumber }) {
                words[abbreviation.term] = abbreviation
            } else {
                spanning.removeAll { $0.term == abbreviation.term }
                spanning.append(abbreviation)
            }
        }
        return (words, spanning.sorted { $0.term.count > $1.term.count })
    }()

    init(root: Node, source: PreparedSource, positions: Positions, context: ShapeContext, parking: NodeParking) {
        self.root = root
        self.parking = parking
        self.source = source
        self.positions = positions
        self.context = context
    }

    func run() {
        if let line = source.tooWideTableLine {
            notice(
                .warning, "markdown.table-too-wide",
                "a table row with more than \(Cmark.maximumTableColumns) columns: tables on this page are shown as text",
                hint: "split the table; very wide tables make the Markdown library slow", at: (line, 1))
        }
        shapeMarkedBlocks()
        let blocks = descendants(root)
        let startTags = blocks.filter { type($0) == CMARK_NODE_HTML_BLOCK }
        let quotes = blocks.filter { type($0) == CMARK_NODE_BLOCK_QUOTE }
        let tables = blocks.filter { type($0) == Cmark.table }
        let lists = blocks.filter { type($0) == CMARK_NODE_LIST }
        let code = blocks.filter { type($0) == CMARK_NODE_CODE_BLOCK }
        for node in startTags { shapeStartTag(node) }
        for node in quotes { shapeAlert(node) }
        for node in tables { shapeTable(node) }
        for node in lists { shapeTaskList(node) }
        for node in code { shapeDiagram(node) }
        shapeFootnotes()
        for node in descendants(root) where type(node) == CMARK_NODE_TEXT { shapeText(node) }
        numberCallouts()
        if context.findings {
            for node in descendants(root) {
                switch type(node) {
                case CMARK_NODE_PARAGRAPH: checkLeftoverSyntax(node)
                case CMARK_NODE_CODE_BLOCK: checkHTMLShownAsCode(node)
                default: break
                }
            }
        }
        collapseRepeats()
    }

    /// Extension syntax the library kept as text because it is slightly off: an error, as the
    /// page would show it raw (a footnote marker without a definition is one too, see ``report``).
    private func checkLeftoverSyntax(_ paragraph: Node) {
        // Only a paragraph whose text starts with `===` or `[!`, or holds a `|`, can be one:
        // the C string of its first text is looked at before any line is decoded.
        guard let text = cmark_node_first_child(paragraph), type(text) == CMARK_NODE_TEXT,
            let pointer = cmark_node_get_literal(text),
            strncmp(pointer, "===", 3) == 0 || strncmp(pointer, "[!", 2) == 0 || strchr(pointer, 0x7C) != nil
        else { return }
        let first = startLine(paragraph)
        guard first >= 1, first <= positions.lines.count else { return }
        let line = positions.lines.text(first)
        let content = line.drop { $0 == " " || $0 == ">" }
        if content.hasPrefix("===") && !content.contains("\"") {
            let title = content.drop { $0 == "=" || $0 == "!" || $0 == "+" }.trimmingCharacters(in: .whitespaces)
            notice(
                .error, "markdown.tab-syntax", "this looks like a tab, but its title is not in double quotes",
                hint: "write === \"\(title.isEmpty ? "Titel" : title)\"", at: (first, line.count - content.count + 1))
        }
        if content.hasPrefix("[!"), hasAncestor(paragraph, ofType: CMARK_NODE_BLOCK_QUOTE),
            cmark_node_previous(paragraph) == nil
        {
            notice(
                .error, "markdown.alert-syntax", "this looks like a callout, but the marker is not one",
                hint: "write the type between '[!' and ']' on the first line, e.g. > [!TIP]",
                at: (first, line.count - content.count + 1))
        }
        // A table whose row under the header has another number of cells than the header.
        guard source.readsTables, first + 1 <= positions.lines.count, line.contains("|") else { return }
        let second = positions.lines.text(first + 1)
        let delimiter = second.trimmingCharacters(in: .whitespaces)
        guard delimiter.contains("-"), delimiter.allSatisfy({ "|-: ".contains($0) }) else { return }
        func cells(_ row: String) -> Int {
            var trimmed = row.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("|") { trimmed.removeFirst() }
            if trimmed.hasSuffix("|") { trimmed.removeLast() }
            return trimmed.split(separator: "|", omittingEmptySubsequences: false).count
        }
        let (header, divider) = (cells(line), cells(second))
        notice(
            .error, "markdown.not-a-table",
            "this looks like a table, but the header has \(header) cell\(header == 1 ? "" : "s") and the row under it \(divider)",
            hint:
                "put a --- under each column: | \(Array(repeating: "---", count: max(1, header)).joined(separator: " | ")) |",
            at: (first + 1, 1))
    }

    /// An indented block of HTML after a blank line inside an HTML block: CommonMark ends the
    /// HTML block at the blank line, so the rest shows as code (MkDocs keeps it HTML).
    private func checkHTMLShownAsCode(_ code: Node) {
        var (length, offset, character): (Int32, Int32, CChar) = (0, 0, 0)
        guard cmark_node_get_fenced(code, &length, &offset, &character) == 0, let previous = cmark_node_previous(code),
            type(previous) == CMARK_NODE_HTML_BLOCK, let text = literal(code),
            text.drop(while: { $0 == " " }).first == "<"
        else { return }
        notice(
            .warning, "markdown.html-as-code",
            "this indented HTML is shown as code: a blank line ended the HTML block above",
            hint: "remove the blank lines inside the HTML block, or its indentation", at: (positions.line(of: code), 1))
    }

    /// A page that leaves out the same attribute, or many icons, gets one warning with the count
    /// instead of one per use: the editor changes them all at once.
    private func collapseRepeats() {
        var firstIndex: [String: Int] = [:]
        var repeats: [Int: Int] = [:]
        var kept: [MarkdownNotice] = []
        for notice in notices {
            let key: String? =
                notice.code == "markdown.icon"
                ? notice.code : notice.code == "markdown.attribute-dropped" ? notice.message : nil
            if let key, let index = firstIndex[key] {
                repeats[index, default: 0] += 1
                continue
            }
            if let key { firstIndex[key] = kept.count }
            kept.append(notice)
        }
        notices = kept.enumerated().map { index, notice in
            guard let count = repeats[index] else { return notice }
            let what = notice.code == "markdown.icon" ? "icon" : "time"
            return MarkdownNotice(
                notice.severity, notice.code,
                notice.message + " (and \(count) more \(what)\(count == 1 ? "" : "s") on this page)",
                hint: notice.hint, line: notice.line, column: notice.column)
        }
    }

    /// `callout:1`, `callout:2`, … in document order, for `aria-labelledby`.
    private func numberCallouts() {
        guard !labelledCallouts.isEmpty else { return }
        var number = 0
        for node in descendants(root) {
            guard let callout = labelledCallouts[node] else { continue }
            number += 1
            let id = escaped(context.idPrefix + "callout:\(number)")
            cmark_node_set_on_enter(
                node, cString("<aside class=\"callout callout-\(callout.style)\" aria-labelledby=\"\(id)\">"))
            cmark_node_set_on_enter(callout.title, cString("<p class=\"callout-title\" id=\"\(id)\">"))
            anchor("callout:\(number)", .generated, at: callout.position)
        }
    }

    /// Records a notice; its position is only looked up in the facts pass.
    private func notice(
        _ severity: MarkdownNotice.Severity, _ code: String, _ message: @autoclosure () -> String,
        hint: @autoclosure () -> String? = nil, at position: @autoclosure () -> (Int, Int)
    ) {
        guard context.findings else { return }
        let (line, column) = position()
        notices.append(MarkdownNotice(severity, code, message(), hint: hint(), line: line, column: column))
    }

    private func anchor(_ id: String, _ origin: MarkdownAnchor.Origin, at position: @autoclosure () -> (Int, Int)) {
        guard context.findings else { return }
        let (line, column) = position()
        anchors.append(MarkdownAnchor(id: id, origin: origin, line: line, column: column))
    }

    /// Escaped for an attribute value or text in the HTML gids writes itself.
    private func escaped(_ text: String) -> String { escapeHTML(text) }

    // MARK: Admonitions, tabs and definitions (list items made from marker lines)

    private func shapeMarkedBlocks() {
        guard !source.markers.isEmpty else { return }
        // Inner lists first (a callout in a tab), lists of one depth in document order (a
        // definition list continues the one before it).
        var lists: [(depth: Int, order: Int, node: Node)] = []
        var tabLevels: [Int: Int] = [:]
        var lastHeadingLevel = 1
        for (order, node) in descendants(root).enumerated() {
            let kind = type(node)
            if kind == CMARK_NODE_HEADING {
                lastHeadingLevel = Int(cmark_node_get_heading_level(node))
            } else if kind == CMARK_NODE_LIST {
                var depth = 0
                var parent = cmark_node_parent(node)
                while let current = parent {
                    depth += 1
                    parent = cmark_node_parent(current)
                }
                lists.append((depth, order, node))
            } else if kind == CMARK_NODE_ITEM, let marker = source.markers[startLine(node)], case .tab = marker.kind {
                // Tabs of one group share a level, whatever headings their bodies hold.
                if let previous = cmark_node_previous(node), let before = self.marker(of: previous),
                    case .tab(_, let startsGroup) = marker.kind, !startsGroup, case .tab = before.kind,
                    let level = tabLevels[before.line]
                {
                    tabLevels[marker.line] = level
                    continue
                }
                var nesting = 0
                var parent = cmark_node_parent(node)
                while let current = parent {
                    if type(current) == CMARK_NODE_ITEM, let outer = source.markers[startLine(current)],
                        case .tab = outer.kind
                    {
                        nesting += 1
                    }
                    parent = cmark_node_parent(current)
                }
                tabLevels[marker.line] = min(6, max(2, lastHeadingLevel + 1 + nesting))
            }
        }
        lists.sort { $0.depth != $1.depth ? $0.depth > $1.depth : $0.order < $1.order }
        for entry in lists { shapeMarkedList(entry.node, tabLevels: tabLevels) }
    }

    private func marker(of item: Node) -> BlockMarker? {
        guard type(item) == CMARK_NODE_ITEM else { return nil }
        return source.markers[startLine(item)]
    }

    private func shapeMarkedList(_ list: Node, tabLevels: [Int: Int]) {
        let items = children(list)
        guard items.contains(where: { marker(of: $0) != nil }) else { return }
        let tight = cmark_node_get_list_tight(list) != 0
        var output: [Node] = []
        var plain: [Node] = []
        var tabs: Node?
        var definitions: Node?
        func flushPlain() {
            guard !plain.isEmpty else { return }
            let copy = cmark_node_new(CMARK_NODE_LIST)!
            cmark_node_set_list_type(copy, cmark_node_get_list_type(list))
            cmark_node_set_list_delim(copy, cmark_node_get_list_delim(list))
            cmark_node_set_list_start(copy, cmark_node_get_list_start(list))
            cmark_node_set_list_tight(copy, tight ? 1 : 0)
            for item in plain {
                cmark_node_unlink(item)
                cmark_node_append_child(copy, item)
            }
            positions.assign(copy, linesOf: plain[0])
            output.append(copy)
            plain = []
        }
        for item in items {
            guard let marker = marker(of: item) else {
                (tabs, definitions) = (nil, nil)
                plain.append(item)
                continue
            }
            flushPlain()
            removePlaceholder(in: item)
            if cmark_node_first_child(item) == nil, !isBlank(line: marker.line + 1) {
                let what = if case .tab = marker.kind { "tab" } else { "callout" }
                notice(
                    .warning, "markdown.empty-body", "this \(what) has no text: the line under it is not indented",
                    hint: "indent the \(what)'s text four spaces under this line", at: (marker.line, marker.column))
            }
            switch marker.kind {
            case .admonition(let name, let title, let foldable, let open):
                (tabs, definitions) = (nil, nil)
                let block = callout(
                    named: name, title: title.map { parseInline($0, line: marker.line) }, emptyTitle: title == "",
                    foldable: foldable, open: open, at: (marker.line, marker.column))
                positions.assign(block.outer, linesOf: item)
                moveChildren(of: item, to: block.body)
                output.append(block.outer)
            case .tab(let title, let startsGroup):
                definitions = nil
                if tabs == nil || startsGroup {
                    let group = customBlock("<div class=\"tabs\">", "</div>")
                    positions.assign(group, linesOf: item)
                    output.append(group)
                    tabs = group
                }
                let section = customBlock("<section class=\"tab\">", "</section>")
                positions.assign(section, linesOf: item)
                let heading = cmark_node_new(CMARK_NODE_HEADING)!
                cmark_node_set_heading_level(heading, Int32(tabLevels[marker.line] ?? 2))
                for node in parseInline(title, line: marker.line) { cmark_node_append_child(heading, node) }
                positions.assign(heading, marker.line...marker.line)
                cmark_node_append_child(section, heading)
                moveChildren(of: item, to: section)
                cmark_node_append_child(tabs!, section)
            case .definition:
                tabs = nil
                if definitions == nil, let (list, isNew) = definitionList(before: list, first: item) {
                    definitions = list
                    if isNew { output.append(list) }
                }
                if let definitions {
                    let dd = customBlock("<dd>", "</dd>")
                    positions.assign(dd, linesOf: item)
                    moveChildren(of: item, to: dd)
                    if tight { unwrapParagraphs(in: dd) }
                    cmark_node_append_child(definitions, dd)
                } else {
                    // A definition without a term: its text, as paragraphs.
                    for child in children(item) {
                        cmark_node_unlink(child)
                        output.append(child)
                    }
                }
            case .htmlStartTag:
                plain.append(item)
                continue
            }
        }
        flushPlain()
        for node in output { cmark_node_insert_before(list, node) }
        parking.park(list)
    }

    /// True when source line `number` holds nothing but white space (or is past the end).
    private func isBlank(line number: Int) -> Bool {
        guard number <= positions.lines.count else { return true }
        return positions.lines.bytes(number).allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x3E }
    }

    private func removePlaceholder(in item: Node) {
        guard let first = cmark_node_first_child(item), type(first) == CMARK_NODE_HTML_BLOCK,
            literal(first)?.hasPrefix(PreparedSource.placeholder) == true
        else { return }
        parking.park(first)
    }

    /// The `<dl>` for the definitions in `list`: the paragraph before it holds the terms, one a
    /// line; a `<dl>` right before that paragraph is continued. Nil without a term.
    private func definitionList(before list: Node, first item: Node) -> (Node, Bool)? {
        guard let terms = cmark_node_previous(list), type(terms) == CMARK_NODE_PARAGRAPH else { return nil }
        let dl: Node
        let isNew: Bool
        if let previous = cmark_node_previous(terms), definitionLists.contains(previous) {
            (dl, isNew) = (previous, false)
        } else {
            dl = customBlock("<dl>", "</dl>")
            definitionLists.insert(dl)
            positions.assign(dl, linesOf: terms)
            isNew = true
        }
        var term = customBlock("<dt>", "</dt>")
        positions.assign(term, linesOf: terms)
        for child in children(terms) {
            let kind = type(child)
            if kind == CMARK_NODE_SOFTBREAK || kind == CMARK_NODE_LINEBREAK {
                if cmark_node_first_child(term) != nil {
                    cmark_node_append_child(dl, term)
                    term = customBlock("<dt>", "</dt>")
                    positions.assign(term, linesOf: terms)
                }
                parking.park(child)
                continue
            }
            cmark_node_unlink(child)
            cmark_node_append_child(term, child)
        }
        if cmark_node_first_child(term) != nil { cmark_node_append_child(dl, term) } else { cmark_node_free(term) }
        parking.park(terms)
        return (dl, isNew)
    }

    /// Moves the inline content of every paragraph child of `node` up into `node` (a tight
    /// list's items show no `<p>`).
    private func unwrapParagraphs(in node: Node) {
        for child in children(node) where type(child) == CMARK_NODE_PARAGRAPH {
            while let inline = cmark_node_first_child(child) {
                cmark_node_unlink(inline)
                cmark_node_insert_before(child, inline)
            }
            parking.park(child)
        }
    }

    /// `text` parsed by the library as the inline content of one paragraph (a title on line
    /// `line`): its nodes, unlinked. Plain text when it is not one paragraph. The block the
    /// nodes go into is given the line (``Positions/assign(_:_:)``), so they are found there.
    private func parseInline(_ text: String, line: Int) -> [Node] {
        let document = Cmark.parse(Array(text.utf8))
        defer { parking.park(document) }
        guard let paragraph = cmark_node_first_child(document), type(paragraph) == CMARK_NODE_PARAGRAPH,
            cmark_node_next(paragraph) == nil
        else { return text.isEmpty ? [] : [textNode(text)] }
        var nodes: [Node] = []
        while let child = cmark_node_first_child(paragraph) {
            cmark_node_unlink(child)
            nodes.append(child)
        }
        return nodes
    }

    // MARK: Callouts

    /// A callout box: `<aside>` labelled by its title, or `<details>` with the title as
    /// `<summary>` when foldable. `title` nil: the kind's Dutch title.
    private func callout(
        named name: String, title: [Node]?, emptyTitle: Bool, foldable: Bool, open: Bool, at position: (Int, Int)
    ) -> (outer: Node, body: Node) {
        let kind = CalloutKind(named: name)
        if kind == nil {
            let suggestion = Suggestion.closest(to: name, among: CalloutKind.allNames)
            notice(
                .warning, "markdown.callout-type", "unknown callout type '\(name)'; it is shown as a note",
                hint: suggestion.map { "did you mean '\($0)'?" }
                    ?? "known types: note, tip, important, warning, caution, and MkDocs' \(CalloutKind.allNames.filter { !["note", "tip", "important", "warning", "caution"].contains($0) }.joined(separator: ", "))",
                at: position)
        }
        let style = (kind ?? .note).rawValue
        // An unknown type is shown as a note: with the note's title, not the misspelt name.
        let defaultTitle = (kind ?? .note).dutchTitle
        /// A title of its own still says the type to assistive technology (colour and icon do
        /// not): "Waarschuwing: Let op de termijn".
        func fill(_ holder: Node) {
            if let title, !title.isEmpty {
                let type = customInline("<span class=\"visually-hidden\">\(escaped(defaultTitle)): </span>", "")
                cmark_node_append_child(holder, type)
                silent.insert(type)
                for node in title { cmark_node_append_child(holder, node) }
            } else {
                cmark_node_append_child(holder, textNode(defaultTitle))
            }
        }
        if foldable {
            let block = customBlock(
                "<details class=\"callout callout-\(style)\"\(open || context.print ? " open" : "")>", "</details>")
            let summary = customBlock("<summary class=\"callout-title\">", "</summary>")
            fill(summary)
            positions.assign(summary, position.0...position.0)
            cmark_node_append_child(block, summary)
            return (block, block)
        }
        if emptyTitle {
            // `!!! note ""`: no title bar; the box is still named for assistive technology.
            let block = customBlock(
                "<aside class=\"callout callout-\(style)\" aria-label=\"\(escaped(defaultTitle))\">", "</aside>")
            return (block, block)
        }
        let block = customBlock("<aside class=\"callout callout-\(style)\">", "</aside>")
        let heading = customBlock("<p class=\"callout-title\">", "</p>")
        labelledCallouts[block] = (heading, style, position)
        fill(heading)
        positions.assign(heading, position.0...position.0)
        cmark_node_append_child(block, heading)
        return (block, block)
    }

    /// GitHub's alert (`> [!TIP]`), with Hugo's title after the marker and `+`/`-` for a
    /// foldable one (open or closed).
    private func shapeAlert(_ quote: Node) {
        guard let paragraph = cmark_node_first_child(quote), type(paragraph) == CMARK_NODE_PARAGRAPH,
            let first = cmark_node_first_child(paragraph), type(first) == CMARK_NODE_TEXT, let text = literal(first),
            text.hasPrefix("[!"), let close = text.firstIndex(of: "]")
        else { return }
        let name = text[text.index(text.startIndex, offsetBy: 2)..<close]
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter }) else { return }
        var rest = text[text.index(after: close)...]
        var foldable = false
        var open = false
        if rest.hasPrefix("+") || rest.hasPrefix("-") {
            foldable = true
            open = rest.hasPrefix("+")
            rest = rest.dropFirst()
        }
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return }
        let titleText = rest.drop { $0 == " " || $0 == "\t" }
        var cursor: [Int: Int] = [:]
        let position = positions.locate(["[!" + name], of: paragraph, cursor: &cursor)
        var titleNodes: [Node] = []
        var next = cmark_node_next(first)
        if titleText.isEmpty {
            parking.park(first)
        } else {
            cmark_node_set_literal(first, cString(String(titleText)))
            cmark_node_unlink(first)
            titleNodes.append(first)
        }
        while let current = next, type(current) != CMARK_NODE_SOFTBREAK, type(current) != CMARK_NODE_LINEBREAK {
            next = cmark_node_next(current)
            cmark_node_unlink(current)
            titleNodes.append(current)
        }
        if let lineBreak = next { parking.park(lineBreak) }
        if cmark_node_first_child(paragraph) == nil { parking.park(paragraph) }
        let block = callout(
            named: String(name).lowercased(), title: titleNodes.isEmpty ? nil : titleNodes, emptyTitle: false,
            foldable: foldable, open: open, at: (position.0, position.1 + 2))
        positions.assign(block.outer, linesOf: quote)
        moveChildren(of: quote, to: block.body)
        parking.replace(quote, with: block.outer)
    }

    // MARK: md_in_html

    private func shapeStartTag(_ node: Node) {
        guard let marker = source.markers[startLine(node)], case .htmlStartTag(let tag) = marker.kind,
            literal(node)?.hasPrefix(PreparedSource.placeholder) == true
        else { return }
        cmark_node_set_literal(node, cString(tag + "\n"))
    }

    // MARK: Tables (GFM 0.29, §4.10)

    private func shapeTable(_ table: Node) {
        let columns = Int(cmark_gfm_extensions_get_table_columns(table))
        let alignments = cmark_gfm_extensions_get_table_alignments(table)
        func alignment(_ index: Int) -> String {
            guard let alignments, index < columns else { return "" }
            switch alignments[index] {
            case UInt8(ascii: "l"): return " class=\"align-left\""
            case UInt8(ascii: "c"): return " class=\"align-center\""
            case UInt8(ascii: "r"): return " class=\"align-right\""
            default: return ""
            }
        }
        let rows = children(table)
        let headerRows = rows.filter { cmark_gfm_extensions_get_table_row_is_header($0) != 0 }
        let bodyRows = rows.filter { cmark_gfm_extensions_get_table_row_is_header($0) == 0 }
        let headers = headerRows.first.map { children($0).map { plainText(of: $0) } } ?? []
        var label = "Tabel: " + headers.filter { !$0.isEmpty }.joined(separator: ", ")
        if label.count > 120 { label = String(label.prefix(119)) + "…" }
        let wrap = customBlock(
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"\(escaped(label))\">\n<table>",
            "</table>\n</div>")
        positions.assign(wrap, linesOf: table)
        func section(_ rows: [Node], tag: String, header: Bool) {
            guard !rows.isEmpty else { return }
            let group = customBlock("<\(tag)>", "</\(tag)>")
            positions.assign(group, linesOf: rows[0])
            for row in rows {
                let tr = customBlock("<tr>", "</tr>")
                positions.assign(tr, linesOf: row)
                for (index, cell) in children(row).enumerated() {
                    let node =
                        header
                        ? customInline("<th scope=\"col\"\(alignment(index))>", "</th>")
                        : customInline("<td\(alignment(index))>", "</td>")
                    moveChildren(of: cell, to: node)
                    cmark_node_append_child(tr, node)
                }
                cmark_node_append_child(group, tr)
            }
            cmark_node_append_child(wrap, group)
        }
        section(headerRows, tag: "thead", header: true)
        section(bodyRows, tag: "tbody", header: false)
        parking.replace(table, with: wrap)
    }

    // MARK: Task lists

    /// A list with task items (`- [ ] …`): each checkbox is disabled and labelled by the item's
    /// first line of text.
    private func shapeTaskList(_ list: Node) {
        let items = children(list)
        guard items.contains(where: { gids_node_is_task_item($0) != 0 }) else { return }
        let tight = cmark_node_get_list_tight(list) != 0
        let ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST
        let start = cmark_node_get_list_start(list)
        let block =
            ordered
            ? customBlock("<ol class=\"task-list\"\(start != 1 ? " start=\"\(start)\"" : "")>", "</ol>")
            : customBlock("<ul class=\"task-list\">", "</ul>")
        positions.assign(block, linesOf: list)
        for item in items {
            let task = gids_node_is_task_item(item) != 0
            let li = customBlock(task ? "<li class=\"task\">" : "<li>", "</li>")
            positions.assign(li, linesOf: item)
            let checked = task && cmark_gfm_extensions_get_tasklist_item_checked(item)
            moveChildren(of: item, to: li)
            if tight { unwrapParagraphs(in: li) }
            if task {
                let label = customInline(
                    "<label><input type=\"checkbox\" disabled\(checked ? " checked" : "")> ", "</label>")
                let holder: Node
                if let first = cmark_node_first_child(li), type(first) == CMARK_NODE_PARAGRAPH {
                    holder = first
                } else {
                    holder = li
                }
                var inlines: [Node] = []
                var child = cmark_node_first_child(holder)
                while let current = child, isInline(current) {
                    inlines.append(current)
                    child = cmark_node_next(current)
                }
                if let firstInline = inlines.first {
                    cmark_node_insert_before(firstInline, label)
                } else if let firstChild = cmark_node_first_child(holder) {
                    cmark_node_insert_before(firstChild, label)
                } else {
                    cmark_node_append_child(holder, label)
                }
                for node in inlines {
                    cmark_node_unlink(node)
                    cmark_node_append_child(label, node)
                }
            }
            cmark_node_append_child(block, li)
        }
        parking.replace(list, with: block)
    }

    // MARK: Diagrams

    /// A `mermaid` fence stays code, in a figure that says what it is: the diagram itself
    /// would need a script from elsewhere.
    private func shapeDiagram(_ code: Node) {
        let info = cmark_node_get_fence_info(code).map { String(cString: $0) } ?? ""
        guard info.split(separator: " ").first?.lowercased() == "mermaid" else { return }
        let figure = customBlock(
            "<figure class=\"diagram\">",
            "<figcaption>Diagram in Mermaid-code. Deze site tekent het niet, zodat ze zonder scripts van elders werkt.</figcaption>\n</figure>"
        )
        positions.assign(figure, linesOf: code)
        cmark_node_insert_before(code, figure)
        cmark_node_unlink(code)
        cmark_node_append_child(figure, code)
    }

    // MARK: Footnotes (GFM)

    /// References become `<sup><a>` with Dutch labels; definitions a numbered list at the end
    /// with back-links. Ids `fn:1`, `fnref:1`, `fnref:1:2` (as Python-Markdown writes them): a
    /// slug never holds `:`, so they never meet a heading id.
    private func shapeFootnotes() {
        let definitions = children(root).filter { type($0) == CMARK_NODE_FOOTNOTE_DEFINITION }
        let references = descendants(root).filter { type($0) == CMARK_NODE_FOOTNOTE_REFERENCE }
        guard !definitions.isEmpty || !references.isEmpty else { return }
        let prefix = escaped(context.idPrefix)
        var uses: [Int: Int] = [:]
        for reference in references {
            let number = Int(literal(reference) ?? "") ?? 0
            uses[number, default: 0] += 1
            let use = uses[number]!
            let id = "fnref:\(number)" + (use > 1 ? ":\(use)" : "")
            anchor(id, .footnote, at: (startLine(reference), max(1, startColumn(reference))))
            let node = customInline(
                "<sup class=\"footnote-ref\"><a href=\"#\(prefix)fn:\(number)\" id=\"\(prefix)\(id)\" aria-label=\"Voetnoot \(number)\">",
                "</a></sup>")
            cmark_node_append_child(node, textNode("\(number)"))
            silent.insert(node)
            parking.replace(reference, with: node)
        }
        guard !definitions.isEmpty else { return }
        let level = min(6, 2 + context.headingOffset)
        let section = customBlock(
            "<section class=\"footnotes\" aria-labelledby=\"\(prefix)fn:kop\">\n<h\(level) class=\"footnotes-title\" id=\"\(prefix)fn:kop\">Voetnoten</h\(level)>\n<ol>",
            "</ol>\n</section>")
        footnoteSection = section
        positions.assign(section, linesOf: definitions[0])
        anchor("fn:kop", .footnote, at: (positions.line(of: definitions[0]), 1))
        for (index, definition) in definitions.enumerated() {
            let number = index + 1
            anchor("fn:\(number)", .footnote, at: (positions.line(of: definition), 1))
            let item = customBlock("<li id=\"\(prefix)fn:\(number)\">", "</li>")
            positions.assign(item, linesOf: definition)
            moveChildren(of: definition, to: item)
            var holder = cmark_node_last_child(item)
            if holder == nil || type(holder!) != CMARK_NODE_PARAGRAPH {
                let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
                cmark_node_append_child(item, paragraph)
                holder = paragraph
            }
            for use in 1...max(1, uses[number] ?? 1) {
                let suffix = use > 1 ? ":\(use)" : ""
                let which = use > 1 ? " (verwijzing \(use))" : ""
                let link = customInline(
                    " <a href=\"#\(prefix)fnref:\(number)\(suffix)\" class=\"footnote-backref\" aria-label=\"Terug naar de tekst bij voetnoot \(number)\(which)\">",
                    "</a>")
                cmark_node_append_child(link, textNode("↩\u{FE0E}"))
                silent.insert(link)
                cmark_node_append_child(holder!, link)
            }
            cmark_node_append_child(section, item)
            parking.park(definition)
        }
        cmark_node_append_child(root, section)
    }

    // MARK: Text: icons, attribute lists, abbreviations, leftovers

    private func shapeText(_ node: Node) {
        // Most text nodes hold none of this: the C string is searched before a String is made.
        guard let pointer = cmark_node_get_literal(node) else { return }
        let mayHoldIcon =
            strchr(pointer, 0x3A) != nil
            && (strstr(pointer, ":material-") != nil || strstr(pointer, ":fontawesome-") != nil
                || strstr(pointer, ":octicons-") != nil || strstr(pointer, ":simple-") != nil)
        let mayHoldList = strchr(pointer, 0x7B) != nil
        let mayBeReported =
            context.findings
            && (strstr(pointer, "[^") != nil || strstr(pointer, "www.") != nil || strstr(pointer, "://") != nil)
        guard mayHoldIcon || mayHoldList || mayBeReported || !source.abbreviations.isEmpty else { return }
        var text = String(cString: pointer)
        let original = text
        if mayHoldIcon { text = removingIcons(text, node: node) }
        if mayHoldList {
            guard let kept = applyingAttributeLists(text, node: node) else { return }
            text = kept
        }
        if text != original {
            if text.isEmpty {
                parking.park(node)
                return
            }
            cmark_node_set_literal(node, cString(text))
        }
        if mayBeReported { report(text, node: node) }
        if !source.abbreviations.isEmpty { applyAbbreviations(text, node: node) }
    }

    /// Icon shortcodes of MkDocs Material (`:material-arrow-right:`, `:fontawesome-solid-house:`,
    /// `:octicons-…:`, `:simple-…:`) and an attribute list right after one: removed, with a
    /// warning, as gids has no icon set and loads nothing from elsewhere.
    private func removingIcons(_ text: String, node: Node) -> String {
        let sets = ["material-", "fontawesome-", "octicons-", "simple-"]
        var out = ""
        var rest = Substring(text)
        while let colon = rest.firstIndex(of: ":") {
            let after = rest[rest.index(after: colon)...]
            guard sets.contains(where: { after.hasPrefix($0) }) else {
                out += rest[...colon]
                rest = after
                continue
            }
            let name = after.prefix { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
            let afterName = after.dropFirst(name.count)
            guard afterName.first == ":" else {
                out += rest[...colon]
                rest = after
                continue
            }
            out += rest[..<colon]
            let shortcode = ":" + name + ":"
            notice(
                .warning, "markdown.icon", "icon '\(shortcode)' is left out: gids has no icon set",
                hint: "remove it, or describe it in words",
                at: positions.locate([String(shortcode)], of: node, cursor: &textCursor))
            rest = afterName.dropFirst()
            if rest.hasPrefix("{"), let close = rest.firstIndex(of: "}"),
                AttributeList.parse(rest[...close]) != nil
            {
                rest = rest[rest.index(after: close)...]
            }
        }
        // An icon that opened a block leaves no space in front of the text.
        if out.isEmpty && rest.count < text.count && cmark_node_previous(node) == nil {
            return String(rest.drop { $0 == " " })
        }
        return out + rest
    }

    /// `text` without its attribute lists, each applied to what it follows; nil when the node
    /// went with its paragraph (a paragraph that held only a list).
    private func applyingAttributeLists(_ text: String, node: Node) -> String? {
        var out = ""
        var rest = Substring(text)
        var removedAny = false
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}"), let list = AttributeList.parse(rest[open...close])
            else {
                out += rest[...open]
                rest = rest[rest.index(after: open)...]
                continue
            }
            let written = String(rest[open...close])
            let position = positions.locate([written], of: node, cursor: &textCursor)
            let before = out + rest[..<open]
            let after = rest[rest.index(after: close)...]
            let atStart = before.isEmpty && !removedAny
            let atEnd = after.allSatisfy { $0 == " " || $0 == "\t" }
            let parent = cmark_node_parent(node)
            let previous = cmark_node_previous(node)
            let next = cmark_node_next(node)
            if atStart, let previous, isInline(previous), type(previous) != CMARK_NODE_SOFTBREAK,
                type(previous) != CMARK_NODE_LINEBREAK, type(previous) != CMARK_NODE_TEXT
            {
                apply(list, toInline: previous, at: position)
            } else if let parent, type(parent) == CMARK_NODE_HEADING, atEnd, next == nil {
                headingAttributes[parent] = list
                reportDropped(list, at: position)
                if let id = list.id { anchor(id, .attribute, at: position) }
            } else if let parent, type(parent) == CMARK_NODE_PARAGRAPH, atEnd, next == nil,
                before.allSatisfy({ $0 == " " || $0 == "\t" }),
                previous == nil || type(previous!) == CMARK_NODE_SOFTBREAK
            {
                // The last line of a paragraph: the paragraph's own attributes (a line of its own:
                // the block before, as kramdown reads it).
                if let previous {
                    parking.park(previous)
                    apply(list, toBlock: parent, at: position)
                } else if let block = cmark_node_previous(parent) {
                    apply(list, toBlock: block, at: position)
                } else {
                    reportUnattached(list, at: position)
                }
            } else {
                reportUnattached(list, at: position)
            }
            out = atEnd ? String(before.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) : before
            rest = after
            // `Tekst { .rood } meer`: one space stays between the words.
            if out.last == " " && rest.first == " " { rest = rest.dropFirst() }
            removedAny = true
        }
        out += rest
        if removedAny, out.isEmpty, let parent = cmark_node_parent(node), type(parent) == CMARK_NODE_PARAGRAPH,
            cmark_node_first_child(parent) == node, cmark_node_next(node) == nil
        {
            // A paragraph that held only the list is gone with it.
            parking.park(parent)
            return nil
        }
        return out
    }

    /// `id`, or with the first free suffix when the page already gave it to an element.
    private func emitted(_ id: String) -> String {
        var candidate = id
        var suffix = 0
        while appliedIDs.contains(candidate) {
            suffix += 1
            candidate = "\(id)-\(suffix)"
        }
        appliedIDs.insert(candidate)
        return candidate
    }

    private func reportDropped(_ list: AttributeList, at position: (Int, Int)) {
        let dropped = list.dropped
        guard !dropped.isEmpty else { return }
        let keys = list.pairs.map(\.key)
        let hint: String
        if let near = keys.first(where: {
            $0 != AttributeList.searchExclude && Suggestion.distance($0, AttributeList.searchExclude) <= 3
        }) {
            hint = "did you mean '\(AttributeList.searchExclude)' instead of '\(near)'?"
        } else if let id = list.id, let word = list.pairs.first(where: { $0.value == nil })?.key {
            hint = "an id has no spaces: write {#\(Slug.make(id + " " + word))}"
        } else {
            hint = "gids keeps '#id' and 'data-search-exclude'; styling and link targets come from the site's templates"
        }
        notice(
            .warning, "markdown.attribute-dropped",
            "attribute\(dropped.count == 1 ? "" : "s") \(dropped.map { "'\($0)'" }.joined(separator: ", ")) left out",
            hint: hint, at: position)
    }

    private func reportUnattached(_ list: AttributeList, at position: (Int, Int)) {
        notice(
            .warning, "markdown.attribute-unattached", "attribute list is not attached to an element and is left out",
            hint: "write it right after a heading, link or image, or on the last line of a paragraph", at: position)
    }

    private func apply(_ list: AttributeList, toInline element: Node, at position: (Int, Int)) {
        reportDropped(list, at: position)
        var target = element
        if let id = list.id {
            let span = customInline("<span id=\"\(escaped(context.idPrefix + emitted(id)))\">", "</span>")
            cmark_node_insert_before(element, span)
            cmark_node_unlink(element)
            cmark_node_append_child(span, element)
            target = span
            anchor(id, .attribute, at: position)
        }
        if list.excludesFromSearch { searchExcluded.insert(target) }
    }

    private func apply(_ list: AttributeList, toBlock block: Node, at position: (Int, Int)) {
        reportDropped(list, at: position)
        var target = block
        if let id = list.id {
            if type(block) == CMARK_NODE_HEADING {
                headingAttributes[block] = list
            } else if type(block) == CMARK_NODE_PARAGRAPH {
                let paragraph = customBlock("<p id=\"\(escaped(context.idPrefix + emitted(id)))\">", "</p>")
                positions.assign(paragraph, linesOf: block)
                moveChildren(of: block, to: paragraph)
                parking.replace(block, with: paragraph)
                target = paragraph
            } else {
                notice(
                    .warning, "markdown.attribute-dropped",
                    "the id '\(id)' is left out: only headings, paragraphs, links and images take one",
                    at: position)
                if list.excludesFromSearch { searchExcluded.insert(block) }
                return
            }
            anchor(id, .attribute, at: position)
        }
        if list.excludesFromSearch {
            if type(target) == CMARK_NODE_HEADING {
                headingAttributes[target, default: AttributeList()].pairs.append((AttributeList.searchExclude, nil))
            } else {
                searchExcluded.insert(target)
            }
        }
    }

    /// Warnings for text that still shows syntax: a bare web address, a footnote marker
    /// without its definition.
    private func report(_ text: String, node: Node) {
        if text.contains("[^"), let start = text.range(of: "[^"),
            let close = text[start.upperBound...].firstIndex(of: "]")
        {
            let label = text[start.upperBound..<close]
            if !label.isEmpty, !label.contains(" ") {
                let written = "[^\(label)]"
                notice(
                    .error, "markdown.footnote-missing", "footnote '\(written)' has no definition",
                    hint: "add a line '\(written): …' to the page",
                    at: positions.locate([written], of: node, cursor: &textCursor))
            }
        }
        guard text.contains("www.") || text.contains("http://") || text.contains("https://"),
            !hasAncestor(node, ofType: CMARK_NODE_LINK), !hasAncestor(node, ofType: CMARK_NODE_IMAGE)
        else { return }
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "(" || $0 == "\"" }) {
            guard word.hasPrefix("www.") || word.hasPrefix("http://") || word.hasPrefix("https://") else { continue }
            var address = String(word)
            while let last = address.last, ".,;:!?)".contains(last) { address.removeLast() }
            let url = address.hasPrefix("www.") ? "https://" + address : address
            notice(
                .warning, "markdown.bare-url", "web address '\(address)' is not a link",
                hint: "write <\(url)> or [a description](\(url))",
                at: positions.locate([address], of: node, cursor: &textCursor))
        }
    }

    /// Wraps each whole-word use of an abbreviation in `<abbr title>`. Words are looked up, not
    /// every term tried at every character, so a page with many abbreviations stays linear;
    /// only a term with other characters than letters and digits (`Wmo 2015`) is tried at each
    /// word start. The last definition of a term counts.
    private func applyAbbreviations(_ text: String, node: Node) {
        var pieces: [(text: String, abbreviation: Abbreviation?)] = []
        func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }
        var plain = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            let atWordStart = isWordCharacter(rest.first!) && !(plain.last.map(isWordCharacter) ?? false)
            if atWordStart {
                let word = rest.prefix(while: isWordCharacter)
                let spanning = abbreviationIndex.spanning.first { term in
                    rest.hasPrefix(term.term) && !(rest.dropFirst(term.term.count).first.map(isWordCharacter) ?? false)
                }
                if let abbreviation = spanning ?? abbreviationIndex.words[String(word)] {
                    if !plain.isEmpty { pieces.append((plain, nil)) }
                    plain = ""
                    pieces.append((abbreviation.term, abbreviation))
                    rest = rest.dropFirst(abbreviation.term.count)
                    continue
                }
                plain += word
                rest = rest.dropFirst(word.count)
                continue
            }
            plain.append(rest.removeFirst())
        }
        guard pieces.contains(where: { $0.abbreviation != nil }) else { return }
        if !plain.isEmpty { pieces.append((plain, nil)) }
        for piece in pieces {
            if let abbreviation = piece.abbreviation {
                let abbr = customInline("<abbr title=\"\(escaped(abbreviation.title))\">", "</abbr>")
                cmark_node_append_child(abbr, textNode(piece.text))
                cmark_node_insert_before(node, abbr)
            } else {
                cmark_node_insert_before(node, textNode(piece.text))
            }
        }
        parking.park(node)
    }
}
