import CCmarkGFM
import Foundation
import GidsCore

/// A node of a libcmark-gfm tree (`cmark_node *`).
typealias Node = OpaquePointer

/// The parser gids uses: libcmark-gfm 0.29.0.gfm.6 with the table, strikethrough and tasklist
/// extensions and footnotes. Autolink is off (Debian's build predates upstream's 2023 fixes to
/// it: an out-of-bounds read and inputs that take polynomial time); tagfilter is off because
/// gids's own raw-HTML rules decide what raw HTML may do.
enum Cmark {
    /// SOURCEPOS: positions on every node; NORMALIZE joins adjacent text nodes, so unparsed
    /// `[x](y z)` is one literal; FOOTNOTES: `[^1]` and `[^1]: …` (GFM). No VALIDATE_UTF8: the
    /// text is a Swift string, valid UTF-8 by construction (the load stage reports invalid
    /// files), and checking it again cost a twentieth of the library's time.
    static let parseOptions = CMARK_OPT_SOURCEPOS | CMARK_OPT_NORMALIZE | CMARK_OPT_FOOTNOTES
    static let extensionNames = ["table", "strikethrough", "tasklist"]

    /// The core extensions register once per process (a static flag in the library).
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// libcmark-gfm 0.29.0.gfm.6 keeps the inline parser's special characters in one global
    /// table: every parse adds its inline extensions' characters (only strikethrough's `~` among
    /// gids's extensions) before it reads inlines and removes them after, also around each table
    /// row (github/cmark-gfm#176). A parse that ended on one thread took `~` away from a parse
    /// still reading on another, and `~~text~~` stayed text on a few pages at random. A text
    /// with a `~` is therefore parsed alone (the write side of this lock); texts without one
    /// never read that entry of the table and are parsed side by side (the read side).
    nonisolated(unsafe) private static let tildeLock: UnsafeMutablePointer<pthread_rwlock_t> = {
        // Writers first: on many cores the parses without a `~` would otherwise keep the lock
        // taken for a whole stage, and a page with one would wait until it ends.
        var attributes = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributes)
        pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
        pthread_rwlock_init(lock, &attributes)
        pthread_rwlockattr_destroy(&attributes)
        return lock
    }()

    /// The most columns a table may have. The table extension of 0.29.0.gfm.6 slows down with
    /// the number of columns (a 1 MiB table of 5,000 columns took 8.3 s to parse and render,
    /// one of 100 columns 0.9 s); a page with a wider row is read without tables.
    static let maximumTableColumns = 128

    /// Parses `bytes` (UTF-8) into a new tree, which the caller frees with `cmark_node_free`;
    /// `tables: false` leaves the table extension off.
    static func parse(_ bytes: [UInt8], tables: Bool = true) -> Node {
        _ = registered
        if indexOfByte(UInt8(ascii: "~"), in: bytes) != nil {
            pthread_rwlock_wrlock(tildeLock)
        } else {
            pthread_rwlock_rdlock(tildeLock)
        }
        defer { pthread_rwlock_unlock(tildeLock) }
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                LibraryTime.measure(.cmark) {
                    let parser = cmark_parser_new(parseOptions)!
                    defer { cmark_parser_free(parser) }
                    for name in extensionNames where tables || name != "table" {
                        cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name))
                    }
                    if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
                    return cmark_parser_finish(parser)!
                }
            }
        }
    }

    /// HTML for `root`. Raw HTML is written as it stands in the tree when `unsafe` (the caller has
    /// already cleaned it); otherwise cmark leaves it out and drops `javascript:`, `vbscript:`,
    /// `file:` and non-image `data:` link URLs.
    static func renderHTML(_ root: Node, unsafe: Bool) -> [UInt8] {
        let options = CMARK_OPT_DEFAULT | (unsafe ? CMARK_OPT_UNSAFE : 0)
        guard let html = LibraryTime.measure(.cmark, { cmark_render_html(root, options, nil) }) else { return [] }
        defer { free(html) }
        // Copied as bytes: the library writes UTF-8 from UTF-8, so there is nothing to check.
        return html.withMemoryRebound(to: UInt8.self, capacity: strlen(html)) {
            Array(UnsafeBufferPointer(start: $0, count: strlen(html)))
        }
    }

    static let table = gids_node_table()
}

// MARK: Reading nodes

func type(_ node: Node) -> cmark_node_type { cmark_node_get_type(node) }

func isInline(_ node: Node) -> Bool { gids_node_is_inline(node) != 0 }

func literal(_ node: Node) -> String? { cmark_node_get_literal(node).map { String(cString: $0) } }

func startLine(_ node: Node) -> Int { Int(cmark_node_get_start_line(node)) }
func startColumn(_ node: Node) -> Int { Int(cmark_node_get_start_column(node)) }
func endLine(_ node: Node) -> Int { Int(cmark_node_get_end_line(node)) }

/// The children of `node`, first to last.
func children(_ node: Node) -> [Node] {
    var out: [Node] = []
    var child = cmark_node_first_child(node)
    while let current = child {
        out.append(current)
        child = cmark_node_next(current)
    }
    return out
}

/// Every node under `root` (itself included) in document order, each once, on entering.
func descendants(_ root: Node) -> [Node] {
    var out: [Node] = []
    let iterator = cmark_iter_new(root)
    defer { cmark_iter_free(iterator) }
    while true {
        let event = cmark_iter_next(iterator)
        if event == CMARK_EVENT_DONE { break }
        if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { out.append(node) }
    }
    return out
}

/// Plain text of `node`: text and code literals, a space for each line break.
func plainText(of node: Node) -> String {
    var text = ""
    for child in descendants(node) {
        switch type(child) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE:
            if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
        default: break
        }
    }
    return text.trimmingScalars(in: .whitespaces)
}

/// The block that holds `node` (the node itself when it is a block).
func enclosingBlock(_ node: Node) -> Node {
    var current = node
    while isInline(current), let parent = cmark_node_parent(current) { current = parent }
    return current
}

/// True when `node` lies inside a node of type `kind`.
func hasAncestor(_ node: Node, ofType kind: cmark_node_type) -> Bool {
    var current = cmark_node_parent(node)
    while let parent = current {
        if type(parent) == kind { return true }
        current = cmark_node_parent(parent)
    }
    return false
}

// MARK: Building nodes

/// `text` as a C string may hold it: a NUL would end the string early and cut an attribute
/// value short, so it becomes U+FFFD (as CommonMark §2.3 has it for input).
func cString(_ text: String) -> String {
    text.utf8.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
}

/// A block that renders `enter`, its children, then `exit` (raw HTML written by gids).
func customBlock(_ enter: String, _ exit: String) -> Node {
    let node = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
    cmark_node_set_on_enter(node, cString(enter))
    cmark_node_set_on_exit(node, cString(exit))
    return node
}

/// An inline node that renders `enter`, its children, then `exit`.
func customInline(_ enter: String, _ exit: String) -> Node {
    let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
    cmark_node_set_on_enter(node, cString(enter))
    cmark_node_set_on_exit(node, cString(exit))
    return node
}

/// A text node (escaped by the renderer).
func textNode(_ text: String) -> Node {
    let node = cmark_node_new(CMARK_NODE_TEXT)!
    cmark_node_set_literal(node, cString(text))
    return node
}

/// Moves every child of `source` to the end of `target`.
func moveChildren(of source: Node, to target: Node) {
    while let child = cmark_node_first_child(source) {
        cmark_node_unlink(child)
        cmark_node_append_child(target, child)
    }
}

/// Nodes taken out of a tree, freed together at the end. In libcmark-gfm 0.29 a text node's
/// literal points into the buffer of the block it was parsed in, so a block whose children
/// moved elsewhere must live as long as they do.
final class NodeParking {
    private var nodes: [Node] = []

    /// Unlinks `node` (with whatever is still under it) and keeps it until ``freeAll()``.
    func park(_ node: Node) {
        cmark_node_unlink(node)
        nodes.append(node)
    }

    /// Puts `replacement` where `node` is and parks `node`.
    func replace(_ node: Node, with replacement: Node) {
        cmark_node_insert_before(node, replacement)
        park(node)
    }

    func freeAll() {
        for node in nodes { cmark_node_free(node) }
        nodes = []
    }

    deinit { freeAll() }
}
