import Foundation
import FuzzSupport
import GidsCore
import GidsGraph
import GidsHTML
import GidsLinks

/// libFuzzer target: the link rules and resolver (any destination from any page) and the
/// HTML scanner (libxml2 SAX, positions) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLinks(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    let text = String(decoding: data, as: UTF8.self)
    for allowsData in [false, true] {
        switch LinkRules.classify(text, allowsData: allowsData) {
        case .mail(let rest): _ = LinkRules.mailtoProblem(rest)
        case .phone(let rest): _ = LinkRules.telProblem(rest)
        case .local(let reference):
            _ = SitePath.resolve(reference.path, against: "a/b/")
            if let fragment = reference.fragment {
                _ = LinkRules.fragmentHint(fragment, ids: ["aanpak", "overzicht-1"])
            }
        default: break
        }
    }
    let resolver = LinkResolver(
        pageIDs: ["gids/een.md", "gids/sub/twee.md", "index.md"], assetPaths: ["gids/img/a.svg"], hasHome: true,
        rootDisplayPath: "content")
    for from in ["gids/een.md", "gids/sub/twee.md", "index.md"] {
        for isImage in [false, true] {
            _ = resolver.resolve(text, from: from, at: SourceLocation(path: from, line: 1, column: 1), isImage: isImage)
        }
    }
    let facts = HTMLScanner.scan(data)
    for reference in facts.references { precondition(reference.position.line >= 1 && reference.position.column >= 1) }
    _ = SitePath.relative(from: "a/b/", to: text)
    return 0
}

#if FUZZING
    @_cdecl("FuzzLinks_main")
    func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
        runLibFuzzer(argc, argv) { fuzzLinks($0, $1) }
    }
#else
    @main struct Replay {
        static func main() { replay(CommandLine.arguments.dropFirst(), through: fuzzLinks) }
    }
#endif
