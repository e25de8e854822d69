import GidsCore

/// A value read from YAML together with where it stands, so that a later stage (for example
/// the graph, checking a phase id) can point its diagnostic at the value itself.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public let value: Value
    public let location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
