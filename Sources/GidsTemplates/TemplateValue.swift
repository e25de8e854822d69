/// A value a template sees: typed, so rendering needs no dynamic casts and a template can be
/// checked against the ``Shape`` of its context before anything is rendered.
///
/// Mustache spec 1.3 terms: `.absent` and `.flag(false)` are falsey, as is an empty `.list`;
/// every other value is truthy (also the empty string, as in swift-mustache, which gids used
/// before). `.html` is markup that gids made; `{{x}}` escapes it like text, `{{{x}}}` does not.
public enum TemplateValue: Sendable {
    /// Plain text: `{{x}}` escapes `&`, `<`, `>`, `"`, `'`.
    case text(String)
    /// Markup that gids made (a page body, an SVG): meant for `{{{x}}}`.
    case html(String)
    /// Markup already rendered as UTF-8 bytes (a page kind's template inside the layout): an
    /// ``html(_:)`` value that is not decoded and checked again.
    case markup([UInt8])
    /// A whole number, shown in decimal.
    case number(Int)
    /// A condition: `{{#x}}` shows its block when true, `{{^x}}` when false.
    case flag(Bool)
    /// `{{#x}}` repeats its block once per item, with the item on top of the context stack.
    case list([TemplateValue])
    /// Named fields, looked up by `{{name}}` and `{{a.b}}`.
    case object(TemplateObject)
    /// No value: falsey, shown as nothing. Optional fields are absent rather than missing, so
    /// a lookup never falls through to an enclosing context's field of the same name.
    case absent

    /// Text when `value` is non-nil, ``absent`` otherwise.
    public static func text(_ value: String?) -> TemplateValue { value.map(TemplateValue.text) ?? .absent }

    /// HTML when `value` is non-nil, ``absent`` otherwise.
    public static func html(_ value: String?) -> TemplateValue { value.map(TemplateValue.html) ?? .absent }

    /// ``markup(_:)``, or absent for nil.
    public static func markup(_ value: [UInt8]?) -> TemplateValue { value.map(TemplateValue.markup) ?? .absent }

    /// Text when `value` is non-nil and not empty, ``absent`` otherwise.
    public static func nonEmpty(_ value: String?) -> TemplateValue {
        guard let value, !value.isEmpty else { return .absent }
        return .text(value)
    }

    /// An object when `value` is non-nil, ``absent`` otherwise.
    public static func object(_ value: TemplateObject?) -> TemplateValue { value.map(TemplateValue.object) ?? .absent }

    /// A list of objects.
    public static func objects(_ values: [TemplateObject]) -> TemplateValue { .list(values.map(TemplateValue.object)) }

    /// A list of texts.
    public static func texts(_ values: [String]) -> TemplateValue { .list(values.map(TemplateValue.text)) }

    /// Whether `{{#x}}` shows its block (Mustache spec 1.3, "Sections": falsey values).
    public var isTruthy: Bool {
        switch self {
        case .absent: return false
        case .flag(let value): return value
        case .list(let items): return !items.isEmpty
        case .text, .html, .markup, .number, .object: return true
        }
    }
}

/// An object of a known ``Shape``: one value per field, in the shape's order. Fields not set
/// are ``TemplateValue/absent``.
public struct TemplateObject: Sendable {
    /// The fields this object may hold.
    public let shape: Shape
    /// One value per field of ``shape``, by slot.
    public private(set) var values: [TemplateValue]

    /// An object of `shape` with every field absent.
    public init(_ shape: Shape) {
        self.shape = shape
        values = Array(repeating: .absent, count: shape.fields.count)
    }

    /// The field `name`. Setting a name the shape does not declare is a programming error (it
    /// would never be seen by a template, nor documented), and stops the program.
    public subscript(name: String) -> TemplateValue {
        get { shape.slot(of: name).map { values[$0] } ?? .absent }
        set {
            guard let slot = shape.slot(of: name) else {
                preconditionFailure("'\(name)' is not a field of the template context '\(shape.name)'")
            }
            values[slot] = newValue
        }
    }

    /// The value of the name with ``FieldNames`` id `id`, or nil when the shape has no such
    /// field (so a lookup goes on to the enclosing context).
    @inline(__always)
    func lookup(id: Int) -> TemplateValue? {
        guard let slot = shape.slot(ofID: id) else { return nil }
        return values[slot]
    }
}

extension TemplateObject {
    /// An object of `shape` with `fields` set, in order (the rest absent).
    public init(_ shape: Shape, _ fields: KeyValuePairs<String, TemplateValue>) {
        self.init(shape)
        // Callers mostly write the fields in the shape's order: the next field is tried by a
        // string comparison before the name is hashed.
        var next = 0
        for (name, value) in fields {
            let slot: Int
            if next < shape.fields.count && shape.fields[next].name == name {
                slot = next
            } else if let found = shape.slot(of: name) {
                slot = found
            } else {
                preconditionFailure("'\(name)' is not a field of the template context '\(shape.name)'")
            }
            values[slot] = value
            next = slot + 1
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
}
