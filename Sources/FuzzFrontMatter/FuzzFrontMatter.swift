import Foundation
import FuzzSupport
import GidsFrontMatter
import GidsLoad

/// libFuzzer target: the front-matter stage (splitting, YAML 1.2 through Yams, decoding) on
/// arbitrary bytes as a page, a guide file or the site file (chosen by the first byte).
/// `make fuzz` builds it with `-sanitize=fuzzer`; a normal build replays the files named on
/// the command line, which is how the regression tests run the corpus.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    guard let selector = data.first else { return 0 }
    let text = String(decoding: data.dropFirst(), as: UTF8.self)
    let site = SourceFile(
        path: "site.yml", displayPath: "c/site.yml",
        text: selector % 3 == 2 ? text : "title: T\nlanguage: nl\ndomains:\n  - id: wmo\n    title: Wmo\n")
    let guide = SourceFile(
        path: "gids/guide.yml", displayPath: "c/gids/guide.yml",
        text: selector % 3 == 1 ? text : "title: G\nsummary: S\nphases:\n  - id: a\n    title: A\n    summary: S\n")
    let page = SourceFile(
        path: "gids/x.md", displayPath: "c/gids/x.md",
        text: selector % 3 == 0 ? text : "---\ntitle: X\nsummary: S\nphase: a\n---\nTekst\n")
    let tree = SourceTree(
        rootDisplayPath: "c", siteFile: site, guideFiles: [guide], markdownFiles: [page], assets: [])
    _ = decodeContent(tree)
    return 0
}

#if FUZZING
    @_cdecl("FuzzFrontMatter_main")
    func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
        runLibFuzzer(argc, argv) { fuzzFrontMatter($0, $1) }
    }
#else
    @main struct Replay {
        static func main() { replay(CommandLine.arguments.dropFirst(), through: fuzzFrontMatter) }
    }
#endif
