import GidsCore

/// An `http(s)` URL found by a check, and where it is written. The external check fetches each
/// distinct URL once and reports at every location.
public struct ExternalReference: Sendable, Hashable, Comparable {
    public var url: String
    public var location: SourceLocation

    public init(url: String, location: SourceLocation) {
        self.url = url
        self.location = location
    }

    public static func < (lhs: ExternalReference, rhs: ExternalReference) -> Bool {
        lhs.location != rhs.location ? lhs.location < rhs.location : lhs.url < rhs.url
    }
}
