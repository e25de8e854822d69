import Foundation
import GidsCore

/// A link destination (Markdown) or URL attribute (HTML) as the link rules see it.
///
/// Made by ``LinkRules/classify(_:allowsData:)``: the one place that decides what a written
/// reference means, for the source-level check (Markdown, positions from cmark) and for the
/// output-level check (any built HTML site).
public enum LinkReference: Sendable, Hashable {
    /// `http:`, `https:` or a scheme-relative `//host/…` URL: checked only with `--external`.
    case web(String)
    /// `mailto:` with what follows the colon; its syntax is checked, it is never sent.
    case mail(String)
    /// `tel:` with what follows the colon; its syntax is checked, it is never dialled.
    case phone(String)
    /// `javascript:`, `vbscript:` and `data:` (the last allowed for images only).
    case unsafe(scheme: String)
    /// Any other scheme (`ftp:`, `sms:`, …): left alone.
    case otherScheme(String)
    /// A path in this site. Empty `path` means the document itself.
    case local(LocalReference)
    /// An empty or blank reference, which points nowhere useful.
    case empty
}

/// A reference inside the site: `path` percent-decoded with the `?query` dropped (a static
/// server ignores it), `fragment` percent-decoded; nil when there is no `#`.
public struct LocalReference: Sendable, Hashable {
    public var path: String
    public var fragment: String?
    /// True for a path that starts with `/` (site-root-relative).
    public var isAbsolute: Bool { path.hasPrefix("/") }

    public init(path: String, fragment: String?) {
        self.path = path
        self.fragment = fragment
    }
}

/// What ``LinkRules/mailtoProblem(_:)`` found: a message, and whether the link is broken
/// (an error) or only doubtful (a warning).
public struct MailtoProblem: Sendable, Hashable {
    public var message: String
    public var isError = true
}

/// The URL and fragment rules shared by every link check of gids.
///
/// - Schemes per RFC 3986 §3.1, compared lowercased.
/// - Leading and trailing spaces and C0 controls are stripped (WHATWG URL, "basic URL parser").
/// - Paths and fragments are percent-decoded (RFC 3986 §2.1) before comparison; ids are
///   decoded too, and then the comparison is exact: case-sensitive, no slugging, no folding
///   (HTML Living Standard, "find a potential indicated element": ids match exactly).
/// - An empty fragment (`#`) and `#top` (ASCII case-insensitive) mean the top of the document
///   when no element has that id (HTML Living Standard, "scroll to the fragment").
public enum LinkRules {
    /// Classifies `text`. `allowsData` is true for image sources, where a `data:` URL is an
    /// inline image rather than an unsafe link.
    public static func classify(_ text: String, allowsData: Bool = false) -> LinkReference {
        let trimmed = trimmedURL(text)
        if trimmed.isEmpty { return .empty }
        if trimmed.utf8.starts(with: "//".utf8) { return .web(String(trimmed)) }
        if let (scheme, rest) = splitScheme(trimmed) {
            switch scheme {
            case "http", "https": return .web(String(trimmed))
            case "mailto": return .mail(String(rest))
            case "tel": return .phone(String(rest))
            case "data" where allowsData: return .otherScheme(scheme)
            case "javascript", "vbscript", "data": return .unsafe(scheme: scheme)
            default: return .otherScheme(scheme)
            }
        }
        var path = trimmed
        var fragment: String?
        if let hash = path.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = decode(String(path[path.utf8.index(after: hash)...]))
            path = path[..<hash]
        }
        if let question = path.utf8.firstIndex(of: UInt8(ascii: "?")) { path = path[..<question] }
        return .local(LocalReference(path: decode(String(path)), fragment: fragment))
    }

    /// `text` without leading and trailing C0 controls and spaces (WHATWG URL: "C0 control or space").
    static func trimmedURL(_ text: String) -> Substring {
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { $0 > 0x20 }) else { return "" }
        let last = bytes.lastIndex(where: { $0 > 0x20 })!
        return text[first...last]
    }

    /// The lowercased scheme and the rest after the colon; nil when `text` has no scheme.
    private static func splitScheme(_ text: Substring) -> (String, Substring)? {
        let bytes = text.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let candidate = bytes[..<colon]
        guard candidate.count > 1, let first = candidate.first, isASCIILetter(first),
            candidate.allSatisfy({
                isASCIILetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E
            })
        else { return nil }
        return (String(text[..<colon]).lowercased(), text[bytes.index(after: colon)...])
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// The lowercased URL scheme (RFC 3986 §3.1) of `text`, if it has one. A Windows drive
    /// letter (`C:\…`) is not a scheme.
    public static func scheme(of text: String) -> String? { splitScheme(Substring(text))?.0 }

    /// `text` with percent-escapes decoded; unchanged when they are not valid UTF-8.
    public static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        return text.removingPercentEncoding ?? text
    }

    /// True when `fragment` (already decoded) names the top of the document: empty or `top`.
    public static func isTopOfDocument(_ fragment: String) -> Bool {
        // Only a three-byte fragment can be `top` in some case: no lowercased copy of the others.
        fragment.isEmpty || (fragment.utf8.count == 3 && fragment.lowercased() == "top")
    }

    /// True when `fragment` (decoded) is one of `ids` (each decoded), or means the top of the
    /// document and no id claims it.
    public static func fragment(_ fragment: String, matchesAnyOf ids: Set<String>) -> Bool {
        ids.contains(fragment) || isTopOfDocument(fragment)
    }

    /// A hint for a fragment that matched nothing: the id that differs only in case, the id the
    /// slug rule makes of it, a near id by edit distance, or the first ids of the target.
    public static func fragmentHint(_ fragment: String, ids: [String]) -> String? {
        if let sameButCase = ids.first(where: { $0.lowercased() == fragment.lowercased() }) {
            return "fragments are case-sensitive: did you mean '#\(sameButCase)'?"
        }
        if ids.contains(Slug.make(fragment)) {
            return "did you mean '#\(Slug.make(fragment))'? (ids follow the slug rule: no accents, lowercase)"
        }
        if let near = Suggestion.closest(to: fragment, among: ids) { return "did you mean '#\(near)'?" }
        guard !ids.isEmpty else { return "the target has no ids" }
        let shown = ids.prefix(8).map { "#" + $0 }.joined(separator: ", ")
        return "ids in the target: \(shown)\(ids.count > 8 ? ", …" : "")"
    }

    /// What is wrong with the part after `mailto:` (RFC 6068), or nil when it is well-formed:
    /// one or more comma-separated `local@domain` addresses (percent-decoded), optionally
    /// followed by `?headers`. Without an address it is well-formed when headers follow
    /// (`mailto:?subject=…`, §2: the reader chooses the recipient); a bare `mailto:` is a
    /// warning, as it opens an empty message. A malformed address is an error.
    public static func mailtoProblem(_ rest: String) -> MailtoProblem? {
        let addresses = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if addresses.isEmpty {
            let headers = rest.dropFirst()
            return headers.isEmpty
                ? MailtoProblem(
                    message: "'mailto:' without an address or a subject opens an empty message", isError: false) : nil
        }
        for raw in addresses.split(separator: ",", omittingEmptySubsequences: false) {
            let address = decode(String(raw)).trimmingCharacters(in: .whitespaces)
            let parts = address.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                return MailtoProblem(message: "'\(address)' is not an e-mail address (expected name@domain)")
            }
            let domain = parts[1]
            let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
            guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
                domain.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }),
                !address.contains(where: { $0.isWhitespace })
            else {
                return MailtoProblem(message: "'\(address)' has no valid domain after '@'")
            }
        }
        return nil
    }

    /// Why the part after `tel:` is malformed (RFC 3966), or nil: an optional `+`, then digits
    /// with visual separators `-`, `.`, `(`, `)` and spaces (written `%20`), at least 3 digits,
    /// optionally followed by `;parameters`.
    public static func telProblem(_ rest: String) -> String? {
        let number = decode(
            String(rest.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""))
        let body = number.hasPrefix("+") ? number.dropFirst() : Substring(number)
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || "-.() ".contains($0)) }) else {
            return "'\(number)' is not a telephone number (digits, '+', '-', '.', '(' and ')' only)"
        }
        guard body.filter(\.isNumber).count >= 3 else { return "'\(number)' has too few digits for a telephone number" }
        return nil
    }
}
