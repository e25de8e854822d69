import GidsTemplates

/// The field tables of `templates/README.md`, made from ``Contexts``: per page template its
/// context, then every object those contexts hold, each once. Markdown; the part of the README
/// between ``FieldReference/startMarker`` and ``FieldReference/endMarker``.
public enum FieldReference {
    public static let startMarker = "<!-- velden: gemaakt door `gids schema --templates`; niet met de hand wijzigen -->"
    public static let endMarker = "<!-- einde velden -->"

    /// The tables, between the two markers (markers included), ending in a line end.
    public static func markdown() -> String {
        var out = startMarker + "\n\n## Velden per template\n"
        var shared: [Shape] = []
        func collect(_ type: FieldType) {
            switch type {
            case .optional(let inner), .list(let inner): collect(inner)
            case .object(let shape):
                guard !shared.contains(where: { $0 === shape }) else { return }
                shared.append(shape)
                shape.fields.forEach { collect($0.type) }
            default: break
            }
        }
        for template in PageTemplate.allCases {
            out += "\n### `\(template.rawValue)`: \(template.purpose)\n\n" + table(template.shape)
            template.shape.fields.forEach { collect($0.type) }
        }
        out += "\n## Objecten in de velden\n"
        for shape in shared where !PageTemplate.allCases.contains(where: { $0.shape === shape }) {
            out += "\n### `\(shape.name)`\n\n" + table(shape)
        }
        return out + "\n" + endMarker + "\n"
    }

    private static func table(_ shape: Shape) -> String {
        var out = "| veld | soort | betekenis |\n| --- | --- | --- |\n"
        for field in shape.fields {
            out += "| `\(field.name)` | \(field.type.dutchDescription) | \(field.description) |\n"
        }
        return out
    }

    /// `readme` with its field tables replaced by ``markdown()`` (appended when it has none).
    public static func updating(_ readme: String) -> String {
        guard let start = readme.range(of: startMarker), let end = readme.range(of: endMarker),
            start.lowerBound < end.lowerBound
        else {
            return readme + (readme.hasSuffix("\n") ? "\n" : "\n\n") + markdown()
        }
        var rest = readme[end.upperBound...]
        if rest.hasPrefix("\n") { rest = rest.dropFirst() }
        return String(readme[..<start.lowerBound]) + markdown() + rest
    }
}
