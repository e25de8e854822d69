import CCmarkGFM
import Foundation

/// Finds where text of a node stands in the source file. The library keeps positions for
/// blocks; text inside a block is looked up in the block's source lines, outside code spans and
/// after whatever was already found on a line, so that repeated text gets its own column.
/// Blocks that gids builds (callouts, table rows, …) have no position of their own: they get
/// the lines of what they replace.
final class Positions {
    let lines: SourceLines
    /// Lines of the blocks gids built, by node.
    private var ranges: [Node: ClosedRange<Int>] = [:]

    init(source: [UInt8]) {
        lines = SourceLines(source)
    }

    /// Gives `node` (a block gids built) the source lines `range`.
    func assign(_ node: Node, _ range: ClosedRange<Int>) {
        ranges[node] = range
    }

    /// Gives `node` the lines of `original`.
    func assign(_ node: Node, linesOf original: Node) {
        let range = lineRange(of: original)
        ranges[node] = range
    }

    /// The source lines of the nearest block that holds `node` and has a position.
    func lineRange(of node: Node) -> ClosedRange<Int> {
        var current: Node? = node
        while let block = current {
            if let range = ranges[block] { return range }
            let start = startLine(block)
            if !isInline(block) && start > 0 { return start...max(start, endLine(block)) }
            current = cmark_node_parent(block)
        }
        return 1...max(1, lines.count)
    }

    /// The first line of `node`'s block.
    func line(of node: Node) -> Int { lineRange(of: node).lowerBound }

    /// Where one of `spellings` stands in the lines of `node`'s block (then anywhere in the
    /// document, for reference definitions), as 1-based line and scalar column plus `offset`.
    /// `accepts` sees the scalar before a match. Nil when not found.
    func find(
        _ spellings: [String], of node: Node, cursor: inout [Int: Int], offset: Int = 0,
        accepts: (Unicode.Scalar) -> Bool = { _ in true }, context: (Int, Int) -> Bool = { _, _ in true }
    ) -> (Int, Int)? {
        lines.find(
            spellings, near: lineRange(of: node), cursor: &cursor, offset: offset, accepts: accepts, context: context)
    }

    /// Where search for `node` falls back to when its text is not found: the start of its block.
    func fallback(of node: Node) -> (Int, Int) {
        let block = enclosingBlock(node)
        let column = startLine(block) > 0 ? max(1, startColumn(block)) : 1
        return (line(of: node), column)
    }

    /// ``find(_:of:cursor:offset:accepts:)``, falling back to the start of `node`'s block.
    func locate(
        _ spellings: [String], of node: Node, cursor: inout [Int: Int], offset: Int = 0,
        accepts: (Unicode.Scalar) -> Bool = { _ in true }
    ) -> (Int, Int) {
        find(spellings, of: node, cursor: &cursor, offset: offset, accepts: accepts) ?? fallback(of: node)
    }

    /// What ``LinkLocations`` needs to find the destination of link `node` later, without the tree.
    func pendingDestination(_ destination: String, of node: Node) -> LinkLocations.Pending {
        LinkLocations.Pending(destination: destination, lines: lineRange(of: node), fallback: fallback(of: node))
    }
}

/// The source lines of a document as UTF-8 bytes; each line's code-span mask is made only
/// when a search first needs it, then kept: a paragraph's lines are searched once per link.
final class SourceLines {
    private let bytes: [UInt8]
    /// Byte offset where each line starts; lines end at the next `\n` (or the end). Found on
    /// first use: most renderings never look a line up.
    private lazy var starts: [Int] = {
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        return starts
    }()
    private var masks: [Int: [Bool]] = [:]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var count: Int { starts.count }

    /// Line `number` (1-based) as bytes, without its `\n`.
    func bytes(_ number: Int) -> ArraySlice<UInt8> {
        let start = starts[number - 1]
        let end = number < starts.count ? starts[number] - 1 : bytes.count
        return bytes[start..<end]
    }

    /// Line `number` as text.
    func text(_ number: Int) -> String { String(decoding: bytes(number), as: UTF8.self) }

    /// Which bytes of line `number` lie inside code spans; empty for a line without backticks.
    func codeMask(_ number: Int) -> [Bool] {
        if let cached = masks[number] { return cached }
        let line = bytes(number)
        let mask = line.contains(UInt8(ascii: "`")) ? codeSpanMask(line) : []
        masks[number] = mask
        return mask
    }

    /// Where one of `spellings` stands in the lines `range` (then anywhere), after what
    /// `cursor` says was found on each line already, outside code spans; 1-based line and
    /// scalar column plus `offset`. `accepts` sees the scalar before a match, `context` the
    /// line number and the match's byte index in that line. With `rereadsBlock`, the lines
    /// `range` are searched again from their start before the rest of the document (an image
    /// inside a link is found after the link's destination). Nil when not found.
    func find(
        _ spellings: [String], near range: ClosedRange<Int>, cursor: inout [Int: Int], offset: Int = 0,
        rereadsBlock: Bool = false, accepts: (Unicode.Scalar) -> Bool = { _ in true },
        context: (Int, Int) -> Bool = { _, _ in true }
    ) -> (Int, Int)? {
        // Searched byte by byte (UTF-8 matches where the scalars match), then counted in scalars.
        let needles = spellings.map { Array($0.utf8) }.filter { !$0.isEmpty }
        func search(_ range: ClosedRange<Int>, fromStart: Bool = false) -> (Int, Int)? {
            for lineNumber in range where lineNumber <= count {
                let (bytes, code) = (bytes(lineNumber), codeMask(lineNumber))
                let lineStart = bytes.startIndex
                for needle in needles {
                    var index = fromStart ? 0 : cursor[lineNumber] ?? 0
                    while let at = Self.firstOccurrence(of: needle, in: bytes, from: index) {
                        // An empty mask: the line has no code span.
                        if (code.isEmpty || !code[at]) && accepts(Self.scalar(before: lineStart + at, in: bytes))
                            && context(lineNumber, at)
                        {
                            cursor[lineNumber] = max(cursor[lineNumber] ?? 0, at + needle.count)
                            let column = bytes[lineStart..<(lineStart + at)].count { $0 & 0xC0 != 0x80 }
                            return (lineNumber, column + 1 + offset)
                        }
                        index = at + 1
                    }
                }
            }
            return nil
        }
        return search(range) ?? (rereadsBlock ? search(range, fromStart: true) : nil) ?? search(1...max(1, count))
    }

    /// The position of a link's destination, where link syntax puts it: after `](` or `]:`
    /// (a reference definition), perhaps with spaces or `<` between, or after `<` (an
    /// autolink); a destination that starts a line follows such an opening at the end of the
    /// line above. Text that merely reads like the destination is passed over. An empty
    /// destination has no text, so `]()` is found and the column points inside the
    /// parentheses. Nil when not found.
    func findDestination(_ destination: String, near range: ClosedRange<Int>, cursor: inout [Int: Int]) -> (Int, Int)? {
        if destination.isEmpty {
            return find(["()"], near: range, cursor: &cursor, offset: 1, rereadsBlock: true) { $0 == "]" }
        }
        return find(
            Self.destinationSpellings(destination), near: range, cursor: &cursor, rereadsBlock: true,
            context: opensDestination)
    }

    /// How a destination may be written in the source: as the library returns it, with its
    /// percent-encoding undone (the library encodes spaces and non-ASCII letters), and an
    /// e-mail autolink (`<naam@gemeente.nl>`) without the `mailto:` it gains.
    private static func destinationSpellings(_ destination: String) -> [String] {
        var spellings = [destination]
        if destination.utf8.contains(0x25), let decoded = destination.removingPercentEncoding, decoded != destination {
            spellings.append(decoded)
        }
        if destination.hasPrefix("mailto:") { spellings.append(String(destination.dropFirst("mailto:".count))) }
        return spellings
    }

    /// True when the bytes before index `at` of line `number` open a link destination (see
    /// ``findDestination(_:near:cursor:)``).
    private func opensDestination(line number: Int, at: Int) -> Bool {
        let line = bytes(number)
        var index = line.startIndex + at
        while index > line.startIndex, line[index - 1] == 0x20 || line[index - 1] == 0x09 { index -= 1 }
        guard index > line.startIndex else {
            // At the start of the line: the opening ends the line above.
            guard number > 1 else { return false }
            let above = bytes(number - 1)
            var end = above.endIndex
            while end > above.startIndex, above[end - 1] == 0x20 || above[end - 1] == 0x09 { end -= 1 }
            return Self.isOpening(above[above.startIndex..<end])
        }
        return Self.isOpening(line[line.startIndex..<index])
    }

    /// True when the `](` at byte `at` of line `number` closes an escaped bracket (`\\[x](y)` or
    /// `[x\\](y)`): text the editor wrote on purpose, not a link that failed.
    func closesEscapedBracket(line number: Int, at: Int) -> Bool {
        let line = bytes(number)
        let close = line.startIndex + at
        let backslash = UInt8(ascii: "\\")
        if close > line.startIndex && line[close - 1] == backslash { return true }
        guard let open = line[line.startIndex..<close].lastIndex(of: UInt8(ascii: "[")) else { return false }
        return open > line.startIndex && line[open - 1] == backslash
    }

    /// True when `text` ends with `<`, `](` or `]:`.
    private static func isOpening(_ text: ArraySlice<UInt8>) -> Bool {
        guard let last = text.last else { return false }
        switch last {
        case UInt8(ascii: "<"): return true
        case UInt8(ascii: "("), UInt8(ascii: ":"):
            return text.count >= 2 && text[text.endIndex - 2] == UInt8(ascii: "]")
        default: return false
        }
    }

    /// The offset in `line` of the first `needle` at or after offset `start` (memchr for its
    /// first byte, memcmp for the rest); nil when there is none.
    private static func firstOccurrence(of needle: [UInt8], in line: ArraySlice<UInt8>, from start: Int) -> Int? {
        line.withUnsafeBufferPointer { bytes -> Int? in
            needle.withUnsafeBufferPointer { wanted -> Int? in
                guard let base = bytes.baseAddress, let first = wanted.first else { return nil }
                var index = start
                while index + wanted.count <= bytes.count {
                    guard let hit = memchr(base + index, Int32(first), bytes.count - wanted.count - index + 1) else {
                        return nil
                    }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, wanted.baseAddress!, wanted.count) == 0 { return at }
                    index = at + 1
                }
                return nil
            }
        }
    }

    /// The scalar that ends just before byte `index` of `line` (a space at the line's start).
    static func scalar(before index: Int, in line: ArraySlice<UInt8>) -> Unicode.Scalar {
        guard index > line.startIndex else { return " " }
        var start = index - 1
        while start > line.startIndex && line[start] & 0xC0 == 0x80 { start -= 1 }
        return String(decoding: line[start..<index], as: UTF8.self).unicodeScalars.first ?? " "
    }
}

/// Marks the bytes of a line that lie inside code spans (CommonMark 0.29, §6.1: a backtick
/// run up to the next run of the same length), where a link destination is only text.
private func codeSpanMask(_ line: ArraySlice<UInt8>) -> [Bool] {
    let bytes = Array(line)
    let backtick = UInt8(ascii: "`")
    var mask = [Bool](repeating: false, count: bytes.count)
    var index = 0
    func run(at start: Int) -> Int {
        var end = start
        while end < bytes.count && bytes[end] == backtick { end += 1 }
        return end - start
    }
    while index < bytes.count {
        guard bytes[index] == backtick else {
            index += 1
            continue
        }
        let length = run(at: index)
        var search = index + length
        var closing: Int?
        while search < bytes.count {
            if bytes[search] == backtick {
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

/// The file positions of a document's link destinations, found the first time one is asked
/// for: only a link that is reported needs one, and the search was a tenth of the Markdown
/// stage. Found all at once, in document order, as the search of each continues after the
/// ones before it on the same line (repeated destinations get their own columns).
final class LinkLocations: @unchecked Sendable {
    /// One link's destination with the source lines of its block and the block's start.
    struct Pending {
        let destination: String
        let lines: ClosedRange<Int>
        let fallback: (Int, Int)
    }

    private let lock = NSLock()
    private var source: [UInt8]
    private var pending: [Pending] = []
    private let lineOffset: Int
    private var found: [(line: Int, column: Int)] = []

    /// `source` is the text the lines count in; `lineOffset` is added to every line.
    init(source: [UInt8], lineOffset: Int) {
        self.source = source
        self.lineOffset = lineOffset
    }

    /// Adds the next link; only while the document is read, before any position is asked for.
    func add(_ link: Pending) {
        pending.append(link)
    }

    /// The file line and column of link `index`'s destination.
    subscript(index: Int) -> (line: Int, column: Int) {
        lock.withLock {
            if found.isEmpty && !pending.isEmpty { findAll() }
            return found[index]
        }
    }

    private func findAll() {
        let lines = SourceLines(source)
        var cursor: [Int: Int] = [:]
        found = pending.map { link in
            let (line, column) =
                lines.findDestination(link.destination, near: link.lines, cursor: &cursor) ?? link.fallback
            return (line + lineOffset, column)
        }
        // Nothing else is asked of them.
        (source, pending) = ([], [])
    }
}
