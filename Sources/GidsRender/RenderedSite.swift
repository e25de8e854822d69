import Foundation

/// What the render stage produces: every output file by site path, in memory, ready for the
/// write stage. Nothing is on disk yet.
public struct RenderedSite: Sendable {
    /// Site path (`woudlopersgids/respijtzorg/index.html`) → bytes.
    public var files: [String: Data]
    /// Site path → path on disk of a file to copy as is (content assets).
    public var copies: [String: String]

    public init(files: [String: Data] = [:], copies: [String: String] = [:]) {
        self.files = files
        self.copies = copies
    }
}
