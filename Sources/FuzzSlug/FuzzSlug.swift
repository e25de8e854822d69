import Foundation
import FuzzSupport
import GidsCore

/// libFuzzer target: the slug function (every URL and heading id comes from it) and its
/// helpers. Checks its promises: a slug is never empty, has only lowercase letters, digits and
/// single inner hyphens, and is stable (the slug of a slug is itself); `unique` never repeats.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSlug(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: Data(bytes: bytes, count: count), as: UTF8.self)
    let slug = Slug.make(text)
    precondition(!slug.isEmpty && !slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--"))
    precondition(!slug.contains("/") && !slug.contains("."))
    precondition(Slug.make(slug) == slug, "slug is not stable: \(slug)")
    var used = Set<String>()
    var seen = Set<String>()
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(50) {
        precondition(seen.insert(Slug.unique(String(line), used: &used)).inserted)
    }
    let words = text.split(separator: " ").prefix(2).map(String.init)
    if words.count == 2 {
        let distance = Suggestion.distance(words[0], words[1])
        precondition(distance == Suggestion.distance(words[1], words[0]))
    }
    _ = TextFolding.fold(text)
    return 0
}

#if FUZZING
    @_cdecl("FuzzSlug_main")
    func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
        runLibFuzzer(argc, argv) { fuzzSlug($0, $1) }
    }
#else
    @main struct Replay {
        static func main() { replay(CommandLine.arguments.dropFirst(), through: fuzzSlug) }
    }
#endif
