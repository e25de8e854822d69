import Synchronization

/// The type of one field of a template context: what ``TemplateChecker`` checks tags against
/// and what `templates/README.md` documents.
public indirect enum FieldType: Sendable {
    /// Plain text (``TemplateValue/text(_:)``).
    case text
    /// Markup that gids made (``TemplateValue/html(_:)``).
    case html
    /// A whole number.
    case number
    /// True or false.
    case flag
    /// The type, or ``TemplateValue/absent`` (false).
    case optional(FieldType)
    /// A list whose items have this type.
    case list(FieldType)
    /// An object of this shape.
    case object(Shape)
    /// Not checked: data from outside gids's own contexts (the Mustache spec tests).
    case any

    /// The type without ``optional(_:)`` around it.
    public var unwrapped: FieldType {
        if case .optional(let inner) = self { return inner.unwrapped }
        return self
    }

    /// Dutch, for the field tables in `templates/README.md`: "tekst", "lijst van `link`", ….
    public var dutchDescription: String {
        switch self {
        case .text: return "tekst"
        case .html: return "HTML"
        case .number: return "getal"
        case .flag: return "waar/onwaar"
        case .optional(let inner): return inner.dutchDescription + " of `false`"
        case .list(let item): return "lijst van " + item.dutchDescription
        case .object(let shape): return "`\(shape.name)`"
        case .any: return "alles"
        }
    }
}

/// Every name a shape or a template uses, numbered once per process: a tag and a shape agree
/// on a name by its number.
enum FieldNames {
    private static let table = Mutex<[String: Int]>([:])

    /// The number of `name`, given on first use.
    static func id(of name: String) -> Int {
        table.withLock { names in
            if let id = names[name] { return id }
            let id = names.count
            names[name] = id
            return id
        }
    }
}

/// One field of a ``Shape``: its name in templates, its type and a Dutch description.
public struct Field: Sendable {
    /// The name templates use: `title`, `has_pages`.
    public let name: String
    /// What the field holds.
    public let type: FieldType
    /// One Dutch sentence for site owners (templates/README.md).
    public let description: String

    public init(_ name: String, _ type: FieldType, _ description: String) {
        self.name = name
        self.type = type
        self.description = description
    }
}

/// The fields of one kind of template context, in order: the one owner of the names a template
/// may use there. Made once (static), shared by every object of the kind.
public final class Shape: Sendable {
    /// A short name, used in diagnostics and the README (`page`, `link`).
    public let name: String
    /// The fields, in the order the README lists them.
    public let fields: [Field]
    private let slots: [String: Int]
    /// Slot by ``FieldNames`` id (-1: not a field), so rendering looks a name up without hashing it.
    private let slotsByID: [Int32]

    /// A shape with `fields`; a repeated name is a programming error.
    public init(_ name: String, _ fields: [Field]) {
        self.name = name
        self.fields = fields
        var slots: [String: Int] = [:]
        for (index, field) in fields.enumerated() {
            precondition(slots.updateValue(index, forKey: field.name) == nil, "\(name): '\(field.name)' twice")
        }
        self.slots = slots
        let ids = fields.map { FieldNames.id(of: $0.name) }
        var byID = [Int32](repeating: -1, count: (ids.max() ?? -1) + 1)
        for (slot, id) in ids.enumerated() { byID[id] = Int32(slot) }
        slotsByID = byID
    }

    /// A shape with the fields of `base` and then `extra` (a tool page: the page's fields and
    /// the tool card's).
    public convenience init(_ name: String, extending base: Shape, with extra: [Field]) {
        let own = Set(extra.map(\.name))
        self.init(name, base.fields.filter { !own.contains($0.name) } + extra)
    }

    /// The slot of `name`, or nil.
    @inline(__always)
    public func slot(of name: String) -> Int? { slots[name] }

    /// The slot of the name with ``FieldNames`` id `id`, or nil.
    @inline(__always)
    func slot(ofID id: Int) -> Int? {
        guard id < slotsByID.count else { return nil }
        let slot = slotsByID[id]
        return slot < 0 ? nil : Int(slot)
    }

    /// The field `name`, or nil.
    public func field(_ name: String) -> Field? { slots[name].map { fields[$0] } }
}

extension TemplateValue {
    /// Whether this value has `type`: used in debug builds to keep the contexts gids makes
    /// equal to the shapes that templates are checked against.
    public func conforms(to type: FieldType) -> Bool {
        switch (type, self) {
        case (.any, _): return true
        case (.optional, .absent): return true
        case (.optional(let inner), _): return conforms(to: inner)
        case (.text, .text), (.html, .html), (.html, .markup), (.number, .number), (.flag, .flag): return true
        case (.list(let item), .list(let items)): return items.allSatisfy { $0.conforms(to: item) }
        case (.object(let shape), .object(let object)):
            guard object.shape === shape else { return false }
            return zip(shape.fields, object.values).allSatisfy { $1.conforms(to: $0.type) }
        default: return false
        }
    }
}
