import Foundation
import GidsCore
import GidsLinks

/// What ``RawHTMLRewriter/rewrite(_:removingActiveContent:idPrefix:)`` took out of a fragment.
public struct RawHTMLRemoval: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// An element that runs code, loads another document or sends the reader elsewhere
        /// (`script`, `iframe`, `base`, `meta http-equiv`, …).
        case element
        /// An `on…` attribute.
        case eventHandler
        /// An attribute whose value is a URL with this scheme (`javascript`, `vbscript`, `data`).
        case unsafeURL(scheme: String)
        /// A tag left open at the end, or one whose name is not plain ASCII: nothing of it is kept.
        case unreadable
        /// The whole fragment: libxml2 still read active content in what was left.
        case fragment
    }
    public var kind: Kind
    /// The lowercased element or attribute name: `script`, `onclick`, `href`, ….
    public var name: String
    /// Where the tag that held it begins in the fragment.
    public var position: HTMLPosition
}

/// Rewrites raw HTML that an editor wrote in Markdown (a CommonMark HTML block or inline, §4.6
/// and §6.6) before it reaches a page: removes active content, and prefixes ids so that several
/// documents can share one HTML page (the print edition).
///
/// The tags are read as the HTML Living Standard's tokenizer reads them (§13.2.5: tag open,
/// attribute name and value states, `/` between attributes, raw text of `script`, `iframe`,
/// `style`, `textarea`, `title`, `xmp`, `noembed`, `noframes`, `noscript`), so that what a browser
/// would take for an attribute is what is checked. A tag left open at the end of the fragment is
/// removed: a browser would read the page's own markup after it as part of the tag.
///
/// Removed while `removingActiveContent` is true:
/// - `script`, `iframe`, `object`, `embed`, `frame`, `frameset`, `applet` elements (the content of
///   `script` and `iframe` with them), `base` and `meta` with `http-equiv` (they send every link,
///   or the reader, elsewhere);
/// - every `on…` attribute;
/// - every attribute whose value, after character references are decoded, is a `javascript:`,
///   `vbscript:` or `data:` URL (`data:` kept on image sources), as ``LinkRules`` classifies it.
///
/// The text of `style`, `textarea`, `title`, `xmp`, `noembed`, `noframes` and `noscript` ends at
/// their first end tag, as a browser reads it in HTML, and is cleaned as markup as well, as a
/// browser reads it inside `svg` or `math`: neither reading finds anything active.
///
/// Tags that need no change are copied byte for byte. As a last guard the result is read again
/// with libxml2's parser (``HTMLScanner``): if it still finds active content, the whole fragment
/// is dropped.
public enum RawHTMLRewriter {
    /// Elements that bring in code or another document.
    static let activeElements: Set<String> = ["script", "iframe", "object", "embed", "frame", "frameset", "applet"]
    /// Elements whose content is text up to their end tag (HTML Living Standard §13.2.5.2–3).
    static let rawTextElements: Set<String> = [
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
    ]
    /// Attributes that hold one or more ids (IDREF or IDREFS).
    static let idReferenceAttributes: Set<String> = [
        "for", "headers", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-details",
        "aria-errormessage", "aria-flowto", "aria-activedescendant", "list", "form",
    ]

    /// `html` rewritten, with what was removed (positions in `html`).
    public static func rewrite(_ html: String, removingActiveContent: Bool, idPrefix: String = "") -> (
        html: String, removed: [RawHTMLRemoval]
    ) {
        // Most fragments have nothing to do: no id to prefix, no attribute or element that could run.
        let bytes = Array(html.utf8)
        if !needsWork(bytes, removingActiveContent: removingActiveContent, prefixing: !idPrefix.isEmpty) {
            return (html, [])
        }
        var lexer = Lexer(bytes: bytes, removing: removingActiveContent, idPrefix: idPrefix)
        lexer.run()
        let result = String(decoding: lexer.out, as: UTF8.self)
        if removingActiveContent {
            let facts = HTMLScanner.scan(result)
            let active = facts.activeContent.contains { $0.kind != .inlineStyle }
            let unsafe = facts.references.contains {
                if case .unsafe = LinkRules.classify($0.value, allowsData: $0.isImage) { return true }
                return false
            }
            if active || unsafe {
                let whole = RawHTMLRemoval(kind: .fragment, name: "html", position: HTMLPosition(line: 1, column: 1))
                return ("", lexer.removed + [whole])
            }
        }
        return (result, lexer.removed)
    }

    /// The scheme when `value` (an attribute value as written, character references not yet
    /// decoded) is a URL that runs code: `javascript:`, `vbscript:`, or `data:` where no image is
    /// meant; nil otherwise.
    static func unsafeScheme(_ value: [UInt8], allowsData: Bool) -> String? {
        let decoded = decodeReferences(value)
        // The URL parser drops tabs and newlines anywhere and C0 controls and spaces at the ends.
        let cleaned = decoded.filter { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        guard let colon = cleaned.firstIndex(of: 0x3A), colon < 16 else { return nil }
        if case .unsafe(let scheme) = LinkRules.classify(
            String(decoding: cleaned, as: UTF8.self), allowsData: allowsData)
        {
            return scheme
        }
        return nil
    }

    /// Decodes numeric character references and the named references that stand for ASCII
    /// (the only ones that can spell a URL scheme); others stay as written.
    static func decodeReferences(_ value: [UInt8]) -> [UInt8] {
        guard value.contains(0x26) else { return value }
        var out: [UInt8] = []
        var index = 0
        while index < value.count {
            guard value[index] == 0x26 else {
                out.append(value[index])
                index += 1
                continue
            }
            var end = index + 1
            if end < value.count && value[end] == 0x23 {  // &#…
                end += 1
                let hex = end < value.count && (value[end] | 0x20) == 0x78
                if hex { end += 1 }
                let digitsStart = end
                while end < value.count, isDigit(value[end], hex: hex) { end += 1 }
                if end > digitsStart,
                    let code = UInt32(String(decoding: value[digitsStart..<end], as: UTF8.self), radix: hex ? 16 : 10)
                {
                    if end < value.count && value[end] == 0x3B { end += 1 }
                    if let scalar = Unicode.Scalar(code), code != 0 {
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    } else {
                        out.append(contentsOf: Array("\u{FFFD}".utf8))
                    }
                    index = end
                    continue
                }
            } else {
                while end < value.count, isAlphanumeric(value[end]) { end += 1 }
                let name = String(decoding: value[(index + 1)..<end], as: UTF8.self)
                if let replacement = asciiEntities[name] {
                    if end < value.count && value[end] == 0x3B { end += 1 }
                    out.append(replacement)
                    index = end
                    continue
                }
            }
            out.append(value[index])
            index += 1
        }
        return out
    }

    /// Named character references that stand for ASCII characters (HTML Living Standard §13.5).
    static let asciiEntities: [String: UInt8] = [
        "Tab": 0x09, "NewLine": 0x0A, "excl": 0x21, "quot": 0x22, "QUOT": 0x22, "num": 0x23, "dollar": 0x24,
        "percnt": 0x25, "amp": 0x26, "AMP": 0x26, "apos": 0x27, "lpar": 0x28, "rpar": 0x29, "ast": 0x2A,
        "midast": 0x2A, "plus": 0x2B, "comma": 0x2C, "period": 0x2E, "sol": 0x2F, "colon": 0x3A, "semi": 0x3B,
        "lt": 0x3C, "LT": 0x3C, "equals": 0x3D, "gt": 0x3E, "GT": 0x3E, "quest": 0x3F, "commat": 0x40,
        "lsqb": 0x5B, "lbrack": 0x5B, "bsol": 0x5C, "rsqb": 0x5D, "rbrack": 0x5D, "Hat": 0x5E, "lowbar": 0x5F,
        "UnderBar": 0x5F, "grave": 0x60, "DiacriticalGrave": 0x60, "lcub": 0x7B, "lbrace": 0x7B, "verbar": 0x7C,
        "vert": 0x7C, "VerticalLine": 0x7C, "rcub": 0x7D, "rbrace": 0x7D,
    ]

    private static func needsWork(_ bytes: [UInt8], removingActiveContent: Bool, prefixing: Bool) -> Bool {
        (removingActiveContent || prefixing) && bytes.contains(0x3C)
    }

    private static func isDigit(_ byte: UInt8, hex: Bool) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (hex && ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66))
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }

    /// An element name of ASCII letters, digits and `-` (custom elements included).
    static func isPlainName(_ name: String) -> Bool {
        name.utf8.allSatisfy { isAlphanumeric($0) || $0 == 0x2D }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }
}

/// One pass over a fragment: text and comments are copied, tags are read and copied or rewritten.
private struct Lexer {
    let bytes: [UInt8]
    let removing: Bool
    let idPrefix: [UInt8]
    var out: [UInt8] = []
    var removed: [RawHTMLRemoval] = []
    var index = 0

    init(bytes: [UInt8], removing: Bool, idPrefix: String) {
        self.bytes = bytes
        self.removing = removing
        self.idPrefix = Array(idPrefix.utf8)
        out.reserveCapacity(bytes.count)
    }

    /// One attribute of a start tag: byte ranges in `bytes`.
    struct Attribute {
        var name: String
        var whole: Range<Int>
        var value: Range<Int>?
    }

    mutating func run() {
        while index < bytes.count {
            guard bytes[index] == 0x3C, index + 1 < bytes.count else {
                out.append(bytes[index])
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == 0x21 {
                copyMarkupDeclaration()
            } else if next == 0x3F {
                copy(through: 0x3E)
            } else if next == 0x2F, index + 2 < bytes.count, isLetter(bytes[index + 2]) {
                endTag()
            } else if next == 0x2F, removing {
                // `</>` and `</` before a non-letter: ignored or a bogus comment to the next `>`.
                copy(through: 0x3E)
            } else if isLetter(next) {
                startTag()
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
    }

    private func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// Where a tag starting at `offset` stands: line and column in scalars.
    private func position(of offset: Int) -> HTMLPosition {
        var line = 1
        var column = 1
        for byte in bytes[..<offset] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return HTMLPosition(line: line, column: column)
    }

    /// `<!-- … -->`, `<!DOCTYPE …>`, `<![CDATA[ … ]]>`: copied as they are, or left out while
    /// removing (a browser shows none of them).
    private mutating func copyMarkupDeclaration() {
        if bytes[index...].starts(with: "<!--".utf8) {
            // `<!-->` and `<!--->` end at once; `--!>` ends a comment too (§13.2.5.43–52).
            let rest = bytes[(index + 4)...]
            let abrupt =
                rest.starts(with: ">".utf8) ? index + 5 : rest.starts(with: "->".utf8) ? index + 6 : nil
            let end =
                abrupt
                ?? [firstRange(of: Array("-->".utf8), in: rest), firstRange(of: Array("--!>".utf8), in: rest)]
                .compactMap { $0?.upperBound }.min()
            let stop = end ?? bytes.count
            if !removing { out.append(contentsOf: bytes[index..<stop]) }
            index = stop
            return
        }
        copy(through: 0x3E)
    }

    /// Copies up to and including `terminator`. While removing, what it copies is a comment or
    /// a declaration a browser does not show, and it is left out instead: libxml2 reads a
    /// `<?…>` or `<!…>` further than a browser does (to `?>`), and would find markup in it.
    private mutating func copy(through terminator: UInt8) {
        let end = bytes[index...].firstIndex(of: terminator).map { $0 + 1 } ?? bytes.count
        if !removing { out.append(contentsOf: bytes[index..<end]) }
        index = end
    }

    private func firstRange(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        var start = haystack.startIndex
        while start + needle.count <= haystack.endIndex {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return start..<start + needle.count }
            start += 1
        }
        return nil
    }

    /// The lowercased tag name starting at `offset`, and where it ends.
    private func tagName(at offset: Int) -> (String, Int) {
        var end = offset
        while end < bytes.count, !RawHTMLRewriter.isSpace(bytes[end]), bytes[end] != 0x2F, bytes[end] != 0x3E {
            end += 1
        }
        return (String(decoding: bytes[offset..<end], as: UTF8.self).lowercased(), end)
    }

    private mutating func endTag() {
        let start = index
        let (name, afterName) = tagName(at: index + 2)
        guard let close = bytes[afterName...].firstIndex(of: 0x3E) else {
            // An end tag left open would swallow the page's own markup.
            index = bytes.count
            return
        }
        index = close + 1
        if removing && (RawHTMLRewriter.activeElements.contains(name) || !RawHTMLRewriter.isPlainName(name)) { return }
        out.append(contentsOf: bytes[start...close])
    }

    /// A start tag read from `index` (at its `<`): name, attributes, where the name ends, where
    /// the tag ends (after `>`, or the end of the text when it is left open).
    struct StartTag {
        var name: String
        var attributes: [Attribute]
        var afterName: Int
        var end: Int
        var closed: Bool
        /// `/>`: the slash stood on its own, not at the end of a value.
        var selfClosing = false
    }

    func readStartTag() -> StartTag? {
        guard index + 1 < bytes.count, bytes[index] == 0x3C, isLetter(bytes[index + 1]) else { return nil }
        let (name, afterName) = tagName(at: index + 1)
        var cursor = afterName
        var attributes: [Attribute] = []
        var closed = false
        var selfClosing = false
        // HTML Living Standard §13.2.5.32–42: before/after attribute name and value states.
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if RawHTMLRewriter.isSpace(byte) || byte == 0x2F {
                selfClosing = byte == 0x2F && cursor + 1 < bytes.count && bytes[cursor + 1] == 0x3E
                cursor += 1
                continue
            }
            if byte == 0x3E {
                closed = true
                cursor += 1
                break
            }
            let nameStart = cursor
            cursor += 1  // a name may start with `=` (unexpected-equals-sign-before-attribute-name)
            while cursor < bytes.count, !RawHTMLRewriter.isSpace(bytes[cursor]), bytes[cursor] != 0x2F,
                bytes[cursor] != 0x3E, bytes[cursor] != 0x3D
            {
                cursor += 1
            }
            let attributeName = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
            var lookahead = cursor
            while lookahead < bytes.count, RawHTMLRewriter.isSpace(bytes[lookahead]) { lookahead += 1 }
            var value: Range<Int>?
            if lookahead < bytes.count, bytes[lookahead] == 0x3D {
                cursor = lookahead + 1
                while cursor < bytes.count, RawHTMLRewriter.isSpace(bytes[cursor]) { cursor += 1 }
                if cursor < bytes.count, bytes[cursor] == 0x22 || bytes[cursor] == 0x27 {
                    let quote = bytes[cursor]
                    let valueStart = cursor + 1
                    guard let end = bytes[valueStart...].firstIndex(of: quote) else {
                        cursor = bytes.count
                        break
                    }
                    value = valueStart..<end
                    cursor = end + 1
                } else {
                    let valueStart = cursor
                    while cursor < bytes.count, !RawHTMLRewriter.isSpace(bytes[cursor]), bytes[cursor] != 0x3E {
                        cursor += 1
                    }
                    value = valueStart..<cursor
                }
            }
            attributes.append(Attribute(name: attributeName, whole: nameStart..<cursor, value: value))
        }
        return StartTag(
            name: name, attributes: attributes, afterName: afterName, end: cursor, closed: closed,
            selfClosing: selfClosing)
    }

    private mutating func startTag() {
        let start = index
        guard let tag = readStartTag() else {
            out.append(bytes[index])
            index += 1
            return
        }
        let (name, afterName, cursor, attributes, closed) = (
            tag.name, tag.afterName, tag.end, tag.attributes, tag.closed
        )
        guard closed else {
            // A start tag left open at the end: a browser would read the page's markup after it
            // as attributes. Nothing of it is kept.
            if removing { removed.append(RawHTMLRemoval(kind: .unreadable, name: name, position: position(of: start))) }
            index = bytes.count
            return
        }
        index = cursor
        if removing && !RawHTMLRewriter.isPlainName(name) {
            // `<script\u{FFFD}x>` is no script to a browser, but libxml2 reads it as one: a name
            // that is not plain ASCII names no element worth keeping.
            removed.append(RawHTMLRemoval(kind: .unreadable, name: name, position: position(of: start)))
            return
        }
        let redirects =
            name == "base" || (name == "meta" && attributes.contains { $0.name == "http-equiv" })
        if removing && (RawHTMLRewriter.activeElements.contains(name) || redirects) {
            removed.append(RawHTMLRemoval(kind: .element, name: name, position: position(of: start)))
            if name == "script" || name == "iframe" { skipRawText(of: name) }
            return
        }
        var changed = false
        var kept: [(Attribute, [UInt8]?)] = []  // nil: copy as written
        for attribute in attributes {
            let value = attribute.value.map { Array(bytes[$0]) } ?? []
            if removing, let kind = removal(of: attribute, value: value, element: name) {
                removed.append(RawHTMLRemoval(kind: kind, name: attribute.name, position: position(of: start)))
                changed = true
                continue
            }
            if let prefixed = prefixedValue(attribute, value: value, element: name) {
                kept.append((attribute, prefixed))
                changed = true
            } else {
                kept.append((attribute, nil))
            }
        }
        if !changed {
            out.append(contentsOf: bytes[start..<cursor])
        } else {
            out.append(0x3C)
            out.append(contentsOf: bytes[(start + 1)..<afterName])
            for (attribute, replacement) in kept {
                out.append(0x20)
                if let replacement {
                    out.append(contentsOf: attribute.name.utf8)
                    out.append(contentsOf: "=\"".utf8)
                    out.append(contentsOf: Array(escapeHTML(String(decoding: replacement, as: UTF8.self)).utf8))
                    out.append(0x22)
                } else {
                    out.append(contentsOf: bytes[attribute.whole])
                }
            }
            if tag.selfClosing { out.append(contentsOf: " /".utf8) }
            out.append(0x3E)
        }
        guard RawHTMLRewriter.rawTextElements.contains(name) else { return }
        if !removing {
            copyRawText(of: name)
            return
        }
        // In HTML the text ends at the first `</name`, quotes or not; inside `svg` or `math` it
        // is markup. Ending it where HTML does and cleaning it as markup covers both readings.
        let end = rawTextEnd(of: name)
        let text = Array(bytes[index..<end])
        index = end
        guard text.contains(0x3C) else {
            out.append(contentsOf: text)
            return
        }
        var inner = Lexer(bytes: text, removing: true, idPrefix: String(decoding: idPrefix, as: UTF8.self))
        inner.run()
        out.append(contentsOf: inner.out)
        let here = position(of: start)
        removed += inner.removed.map { RawHTMLRemoval(kind: $0.kind, name: $0.name, position: here) }
    }

    /// Why `attribute` goes, or nil when it stays.
    private func removal(of attribute: Attribute, value: [UInt8], element: String) -> RawHTMLRemoval.Kind? {
        let name = attribute.name
        if name.count > 2, name.hasPrefix("on") { return .eventHandler }
        guard attribute.value != nil else { return nil }
        let allowsData =
            name == "srcset" || name == "poster"
            || ((element == "img" || element == "input" || element == "source") && name == "src")
        return RawHTMLRewriter.unsafeScheme(value, allowsData: allowsData).map { .unsafeURL(scheme: $0) }
    }

    /// The value with the id prefix applied, or nil when the attribute names no id. An `<a
    /// name>` is a fragment target as an id is (HTML 4's anchors, which older pages still use).
    private func prefixedValue(_ attribute: Attribute, value: [UInt8], element: String) -> [UInt8]? {
        guard !idPrefix.isEmpty, attribute.value != nil else { return nil }
        let decoded = RawHTMLRewriter.decodeReferences(value)
        switch attribute.name {
        case "id":
            return decoded.isEmpty ? nil : idPrefix + decoded
        case "name" where element == "a":
            return decoded.isEmpty ? nil : idPrefix + decoded
        case "href":
            guard decoded.first == 0x23 else { return nil }
            let fragment = decoded.dropFirst()
            let top = String(decoding: fragment, as: UTF8.self).lowercased()
            if fragment.isEmpty || top == "top" { return nil }
            return [0x23] + idPrefix + fragment
        case let name where RawHTMLRewriter.idReferenceAttributes.contains(name):
            let ids = decoded.split(whereSeparator: RawHTMLRewriter.isSpace)
            guard !ids.isEmpty else { return nil }
            return Array(ids.map { idPrefix + $0 }.joined(separator: [0x20]))
        default:
            return nil
        }
    }

    /// Copies the text of a raw-text element up to (not including) its end tag.
    private mutating func copyRawText(of name: String) {
        let end = rawTextEnd(of: name)
        out.append(contentsOf: bytes[index..<end])
        index = end
    }

    /// Skips a removed element's raw text and its end tag.
    private mutating func skipRawText(of name: String) {
        let end = rawTextEnd(of: name)
        index = end
        if index < bytes.count, let close = bytes[index...].firstIndex(of: 0x3E) {
            index = close + 1
        }
    }

    /// Where `</name` starts after `index` (ASCII case-insensitive), or the end.
    private func rawTextEnd(of name: String) -> Int {
        let needle = Array(("</" + name).utf8)
        var cursor = index
        while cursor + needle.count <= bytes.count {
            if bytes[cursor] == 0x3C {
                var match = true
                for offset in 0..<needle.count where (bytes[cursor + offset] | 0x20) != (needle[offset] | 0x20) {
                    match = false
                    break
                }
                if match {
                    let after = cursor + needle.count
                    if after >= bytes.count || RawHTMLRewriter.isSpace(bytes[after]) || bytes[after] == 0x3E
                        || bytes[after] == 0x2F
                    {
                        return cursor
                    }
                }
            }
            cursor += 1
        }
        return bytes.count
    }
}

extension RawHTMLRewriter {
    /// `tag` without the attribute `name`, when `tag` is one start tag (`<div class="x" markdown>`)
    /// that has it; nil otherwise. Other attributes are kept as written.
    public static func startTag(_ tag: String, removingAttribute name: String) -> String? {
        let bytes = Array(tag.utf8)
        guard bytes.count > 2, bytes[0] == 0x3C, (bytes[1] | 0x20) >= 0x61, (bytes[1] | 0x20) <= 0x7A else {
            return nil
        }
        let lexer = Lexer(bytes: bytes, removing: false, idPrefix: "")
        guard let parsed = lexer.readStartTag(), parsed.end == bytes.count,
            parsed.attributes.contains(where: { $0.name == name })
        else { return nil }
        var out = Array(bytes[0..<parsed.afterName])
        for attribute in parsed.attributes where attribute.name != name {
            out.append(0x20)
            out.append(contentsOf: bytes[attribute.whole])
        }
        if parsed.selfClosing { out.append(contentsOf: " /".utf8) }
        out.append(0x3E)
        return String(decoding: out, as: UTF8.self)
    }
}
