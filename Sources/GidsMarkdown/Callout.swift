/// The kind of a callout box: GitHub's alerts (`> [!NOTE]`, GFM since 2023) and the admonition
/// types of MkDocs Material (`!!! tip`), each with its Dutch default title. Aliases are the ones
/// MkDocs Material lists (`hint` is `tip`, `faq` is `question`, …).
public enum CalloutKind: String, CaseIterable, Sendable {
    case note, tip, important, warning, caution
    case abstract, info, success, question, failure, danger, bug, example, quote

    /// The title shown when the source gives none.
    public var dutchTitle: String {
        switch self {
        case .note: "Opmerking"
        case .tip: "Tip"
        case .important: "Belangrijk"
        case .warning: "Waarschuwing"
        case .caution: "Let op"
        case .abstract: "Samenvatting"
        case .info: "Informatie"
        case .success: "Gelukt"
        case .question: "Vraag"
        case .failure: "Mislukt"
        case .danger: "Gevaar"
        case .bug: "Fout"
        case .example: "Voorbeeld"
        case .quote: "Citaat"
        }
    }

    /// Other names of the kinds (MkDocs Material, "Supported types").
    static let aliases: [String: CalloutKind] = [
        "summary": .abstract, "tldr": .abstract, "todo": .info, "hint": .tip, "check": .success, "done": .success,
        "help": .question, "faq": .question, "attention": .warning, "fail": .failure, "missing": .failure,
        "error": .danger, "cite": .quote,
    ]

    /// The kind named `name` (any case), by its name or an alias.
    public init?(named name: String) {
        let lowered = name.lowercased()
        guard let kind = CalloutKind(rawValue: lowered) ?? Self.aliases[lowered] else { return nil }
        self = kind
    }

    /// Every name a source may use: kinds and aliases, sorted.
    public static var allNames: [String] { (allCases.map(\.rawValue) + aliases.keys).sorted() }
}
