import Foundation
import FuzzSupport
import GidsHTML
import GidsMarkdown

/// libFuzzer target: the Markdown stage on arbitrary bytes, with every extension libcmark-gfm
/// has on (tables, strikethrough, task lists, footnotes) and gids's own (marker lines for
/// callouts, tabs and definitions, attribute lists, abbreviations, md_in_html), rendered under
/// each raw-HTML policy and as the print edition renders it; and the raw-HTML rewriter alone.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    let document = MarkdownDocument(markdown: text, lineOffset: 3)
    for link in document.links { precondition(link.line >= 4 && link.column >= 1) }
    for notice in document.notices { precondition(notice.line >= 4 && notice.column >= 1) }
    for policy in [RawHTMLPolicy.omit, .sanitize, .trust] {
        _ = document.render(rawHTML: policy) { $0.index % 2 == 0 ? "../x/" : nil }
    }
    let printed = document.render(
        rawHTML: .sanitize, rewrite: { _ in nil }, unlink: { $0.index % 3 == 0 ? " (elders)" : nil },
        headingOffset: 2, idPrefix: "p-x--", dropLeadingTitle: true, print: true)
    // What the sanitizer leaves is never active content, as libxml2 reads it.
    let facts = HTMLScanner.scan(printed)
    precondition(!facts.activeContent.contains { $0.kind != .inlineStyle })
    _ = RawHTMLRewriter.rewrite(text, removingActiveContent: true, idPrefix: "p--")
    return 0
}

#if FUZZING
    @_cdecl("FuzzMarkdown_main")
    func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
        runLibFuzzer(argc, argv) { fuzzMarkdown($0, $1) }
    }
#else
    @main struct Replay {
        static func main() { replay(CommandLine.arguments.dropFirst(), through: fuzzMarkdown) }
    }
#endif
