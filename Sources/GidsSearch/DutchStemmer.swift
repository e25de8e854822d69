import CStemmer
import GidsCore

/// The Snowball Dutch stemmer through libstemmer (Debian `libstemmer-dev`, algorithm "dutch",
/// UTF-8). `mantelzorgers` and `mantelzorger` both stem to `mantelzorger`.
/// One instance is not thread-safe (libstemmer keeps state per stemmer); make one per task.
public final class DutchStemmer {
    private let stemmer: OpaquePointer

    /// Opens libstemmer's Dutch stemmer; a missing algorithm is a broken install and traps.
    public init() {
        guard let stemmer = sb_stemmer_new("dutch", "UTF_8") else {
            fatalError("libstemmer has no Dutch stemmer")  // a broken libstemmer install, not bad input
        }
        self.stemmer = stemmer
    }

    deinit { sb_stemmer_delete(stemmer) }

    /// The stem of `word`, which should already be lowercased.
    public func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        guard !bytes.isEmpty else { return word }
        let result = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: sb_symbol.self) { symbols in
                LibraryTime.measure(.stemmer) { sb_stemmer_stem(stemmer, symbols.baseAddress, Int32(symbols.count)) }
            }
        }
        guard let result else { return word }
        let length = Int(sb_stemmer_length(stemmer))
        return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
    }
}
