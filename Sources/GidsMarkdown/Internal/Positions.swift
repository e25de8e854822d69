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
        accepts: (Unicode.Scalar) -> Bool = { _ in true }
    ) -> (Int, Int)? {
        func search(_ range: ClosedRange<Int>) -> (Int, Int)? {
            for lineNumber in range where lineNumber <= lines.count {
                let (scalars, code) = lines.scalars(lineNumber)
                for spelling in spellings {
                    let needle = Array(spelling.unicodeScalars)
                    guard !needle.isEmpty else { continue }
                    var index = cursor[lineNumber] ?? 0
                    let first = needle[0]
                    while index + needle.count <= scalars.count {
                        // The first scalar decides at most positions: the slice compare is for those it does not.
                        if scalars[index] == first && !code[index]
                            && scalars[index..<index + needle.count].elementsEqual(needle)
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
        return search(lineRange(of: node)) ?? search(1...max(1, lines.count))
    }

    /// ``find(_:of:cursor:offset:accepts:)``, falling back to the start of `node`'s block.
    func locate(
        _ spellings: [String], of node: Node, cursor: inout [Int: Int], offset: Int = 0,
        accepts: (Unicode.Scalar) -> Bool = { _ in true }
    ) -> (Int, Int) {
        if let found = find(spellings, of: node, cursor: &cursor, offset: offset, accepts: accepts) { return found }
        let block = enclosingBlock(node)
        let column = startLine(block) > 0 ? max(1, startColumn(block)) : 1
        return (line(of: node), column)
    }

    /// The position of a link's destination: after `(`, `<`, a space or `:` (reference
    /// definitions). An empty destination has no text, so `]()` is found and the column points
    /// inside the parentheses.
    func locateDestination(_ destination: String, of node: Node, cursor: inout [Int: Int]) -> (Int, Int) {
        if destination.isEmpty {
            return locate(["()"], of: node, cursor: &cursor, offset: 1) { $0 == "]" }
        }
        return locate(Self.destinationSpellings(destination), of: node, cursor: &cursor) {
            $0 == "(" || $0 == "<" || $0 == " " || $0 == ":"
        }
    }

    /// How a destination may be written in the source: as the library returns it, with its
    /// percent-encoding undone (the library encodes spaces and non-ASCII letters), and an
    /// e-mail autolink (`<naam@gemeente.nl>`) without the `mailto:` it gains.
    static func destinationSpellings(_ destination: String) -> [String] {
        var spellings = [destination]
        if destination.utf8.contains(0x25), let decoded = destination.removingPercentEncoding, decoded != destination {
            spellings.append(decoded)
        }
        if destination.hasPrefix("mailto:") { spellings.append(String(destination.dropFirst("mailto:".count))) }
        return spellings
    }
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

/// Marks the scalars of a line that lie inside code spans (CommonMark 0.29, §6.1: a backtick
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
