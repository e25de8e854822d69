import CLibXML2
import Foundation

/// A 1-based position in an HTML text: `line`, and `column` in Unicode scalars.
public struct HTMLPosition: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// One URL-valued attribute: `<a href>`, `<img src>`, one candidate of a `srcset`, ….
public struct HTMLReference: Sendable, Hashable {
    /// Lowercased element name, e.g. `a`, `img`, `link`.
    public var element: String
    /// Lowercased attribute name: `href`, `src`, `srcset`, `poster` or `data`.
    public var attribute: String
    /// The attribute value with character references decoded (for `srcset`, one candidate URL).
    public var value: String
    /// Where the element's start tag begins.
    public var position: HTMLPosition

    /// True for attributes that load an image, where `data:` URLs are inline images.
    public var isImage: Bool {
        attribute == "srcset" || attribute == "poster" || (element == "img" && attribute == "src")
            || (element == "input" && attribute == "src")
    }
}

/// An `id` (or legacy `<a name>`) in a document, where it is declared.
public struct HTMLAnchor: Sendable, Hashable {
    public var name: String
    public var position: HTMLPosition
}

/// What the link checks need from one HTML document.
public struct HTMLFacts: Sendable {
    /// Every `id` attribute, in document order (duplicates kept, so they can be reported).
    public var ids: [HTMLAnchor] = []
    /// Every `name` attribute of an `<a>` element (legacy fragment targets, HTML 4.01 §12.2.3).
    public var names: [HTMLAnchor] = []
    /// Every URL-valued attribute, in document order; `<link rel=preconnect|dns-prefetch>` left out
    /// (they name origins, not resources).
    public var references: [HTMLReference] = []
    /// The first `<base href>`, which relative references resolve against (HTML Living Standard §4.2.3).
    public var base: String?
    /// Markup that runs code or styles inline: what a Content-Security-Policy without
    /// `'unsafe-inline'` blocks, and what raw HTML from an editor must not bring in.
    public var activeContent: [HTMLActiveContent] = []
}

/// One piece of active content, e.g. `<script>` or `onclick=`.
public struct HTMLActiveContent: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// `<script>` with a `src` (a file of the site or elsewhere).
        case scriptFile = "script element"
        /// `<script>` without `src`: code in the page.
        case inlineScript = "inline script"
        /// An `on…` attribute, such as `onclick` or `onerror`.
        case eventHandler = "event handler attribute"
        /// A `style` attribute or `<style>` element.
        case inlineStyle = "inline style"
        /// `<iframe>`, `<object>`, `<embed>`: another document or plug-in inside the page.
        case embedded = "embedded content"
        /// `<base>` or `<meta http-equiv>`: every link of the page, or the reader, sent elsewhere.
        case redirect = "base or http-equiv element"
    }
    public var kind: Kind
    /// The element or attribute name, e.g. `script` or `onerror`.
    public var name: String
    public var position: HTMLPosition
}

/// Reads HTML with libxml2's HTML parser (SAX mode: no tree is built) and collects ids and
/// URL-valued attributes. Errors in the markup are recovered from the way libxml2 does;
/// the parser never touches the network (`HTML_PARSE_NONET`).
public enum HTMLScanner {
    /// Attributes that hold a URL, per element (HTML Living Standard, "URL" attribute index).
    static let urlAttributes: [String: [String]] = [
        "a": ["href"], "area": ["href"], "link": ["href"], "base": ["href"],
        "img": ["src", "srcset"], "source": ["src", "srcset"], "script": ["src"], "iframe": ["src"],
        "video": ["src", "poster"], "audio": ["src"], "track": ["src"], "embed": ["src"],
        "object": ["data"], "input": ["src"],
    ]

    /// The facts of the HTML in `data`, read as UTF-8.
    public static func scan(_ data: Data) -> HTMLFacts {
        let collector = Collector(data: data)
        var handler = htmlSAXHandler()
        handler.startElement = { context, name, attributes in
            guard let context, let name else { return }
            Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue().start(name, attributes)
        }
        let options = Int32(
            HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
                | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        let userData = Unmanaged.passUnretained(collector).toOpaque()
        withExtendedLifetime(collector) {
            guard let context = htmlCreatePushParserCtxt(&handler, userData, nil, 0, nil, XML_CHAR_ENCODING_UTF8)
            else { return }
            defer { htmlFreeParserCtxt(context) }
            _ = htmlCtxtUseOptions(context, options)
            collector.context = context
            data.withUnsafeBytes { buffer in
                let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                _ = htmlParseChunk(context, base, Int32(buffer.count), 1)
            }
        }
        return collector.facts
    }

    /// The facts of `text` (an HTML fragment, e.g. raw HTML in Markdown).
    public static func scan(_ text: String) -> HTMLFacts { scan(Data(text.utf8)) }

    /// The URLs of a `srcset` value (HTML Living Standard, "parse a srcset attribute"):
    /// candidates are separated by commas; each is a URL followed by optional descriptors.
    public static func srcsetURLs(_ value: String) -> [String] {
        var urls: [String] = []
        var rest = Substring(value)
        while true {
            rest = rest.drop { $0.isWhitespace || $0 == "," }
            if rest.isEmpty { break }
            var url = rest.prefix { !$0.isWhitespace }
            rest = rest.dropFirst(url.count)
            if url.hasSuffix(",") {
                while url.hasSuffix(",") { url = url.dropLast() }
            } else {
                rest = rest.drop { $0 != "," }  // descriptors, e.g. `2x` or `480w`
            }
            if !url.isEmpty { urls.append(String(url)) }
        }
        return urls
    }
}

/// Receives SAX events; one per document, used on one thread.
private final class Collector {
    let data: Data
    var facts = HTMLFacts()
    var context: htmlParserCtxtPtr?
    /// The last position handed out, to count lines and columns forward from it: start tags
    /// arrive in document order, so the whole document is counted once (linear even for
    /// minified HTML on one line).
    private var cursor = (offset: 0, line: 1, column: 1)

    init(data: Data) { self.data = data }

    func start(_ rawName: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let name = String(cString: rawName)  // element names are short: no allocation
        switch name {
        case "script":
            let hasSource = attributes.map { hasAttribute($0, "src") } ?? false
            facts.activeContent.append(
                HTMLActiveContent(kind: hasSource ? .scriptFile : .inlineScript, name: name, position: here()))
        case "style":
            facts.activeContent.append(HTMLActiveContent(kind: .inlineStyle, name: name, position: here()))
        case "iframe", "object", "embed", "frame", "frameset", "applet":
            facts.activeContent.append(HTMLActiveContent(kind: .embedded, name: name, position: here()))
        case "base":
            facts.activeContent.append(HTMLActiveContent(kind: .redirect, name: name, position: here()))
        case "meta" where attributes.map({ hasAttribute($0, "http-equiv") }) ?? false:
            facts.activeContent.append(HTMLActiveContent(kind: .redirect, name: name, position: here()))
        default: break
        }
        guard let attributes, attributes[0] != nil else { return }
        let wanted = HTMLScanner.urlAttributes[name]
        var position: HTMLPosition?
        var rel: String?
        var pending: [(String, String)] = []
        var index = 0
        while let key = attributes[index] {
            let value = attributes[index + 1]
            index += 2
            // Compare in C first: most attributes (class, alt, …) are never turned into Strings.
            if equals(key, "id") || (name == "a" && equals(key, "name")) {
                position = position ?? here()
                let anchor = HTMLAnchor(name: value.map { String(cString: $0) } ?? "", position: position!)
                if equals(key, "id") { facts.ids.append(anchor) } else { facts.names.append(anchor) }
            } else if (key[0] | 0x20) == UInt8(ascii: "o") && (key[1] | 0x20) == UInt8(ascii: "n") && key[2] != 0 {
                position = position ?? here()
                facts.activeContent.append(
                    HTMLActiveContent(kind: .eventHandler, name: String(cString: key).lowercased(), position: position!)
                )
            } else if equals(key, "style") {
                position = position ?? here()
                facts.activeContent.append(HTMLActiveContent(kind: .inlineStyle, name: "style", position: position!))
            } else if let wanted {
                if equals(key, "rel") {
                    rel = value.map { String(cString: $0).lowercased() }
                } else {
                    let attribute = String(cString: key)
                    if wanted.contains(attribute) {
                        pending.append((attribute, value.map { String(cString: $0) } ?? ""))
                    }
                }
            }
        }
        guard !pending.isEmpty else { return }
        if name == "link", let rel, rel.contains("preconnect") || rel.contains("dns-prefetch") { return }
        if name == "base" {
            if facts.base == nil { facts.base = pending.first?.1 }
            return
        }
        position = position ?? here()
        for (attribute, value) in pending {
            let values = attribute == "srcset" ? HTMLScanner.srcsetURLs(value) : [value]
            for value in values {
                facts.references.append(
                    HTMLReference(element: name, attribute: attribute, value: value, position: position!))
            }
        }
    }

    private func hasAttribute(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>, _ literal: StaticString)
        -> Bool
    {
        var index = 0
        while let key = attributes[index] {
            if equals(key, literal) { return true }
            index += 2
        }
        return false
    }

    private func equals(_ pointer: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        strcmp(
            UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self),
            UnsafeRawPointer(literal.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    /// Where the current start tag begins: libxml2 reports the parser's position just after the
    /// tag's attributes, so step back to its `<`.
    private func here() -> HTMLPosition {
        guard let input = context?.pointee.input?.pointee, let cur = input.cur, let base = input.base else {
            return HTMLPosition(line: Int(context?.pointee.input?.pointee.line ?? 1), column: 1)
        }
        let offset = min(max(0, Int(input.consumed) + (cur - base)), data.count)
        return data.withUnsafeBytes { buffer -> HTMLPosition in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var start = offset > 0 ? offset - 1 : 0
            while start > cursor.offset && bytes[start] != UInt8(ascii: "<") { start -= 1 }
            var (line, column) = (cursor.line, cursor.column)
            var i = cursor.offset
            while i < start {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1  // columns count Unicode scalars: skip UTF-8 continuation bytes
                }
                i += 1
            }
            cursor = (max(start, cursor.offset), line, column)
            return HTMLPosition(line: line, column: column)
        }
    }
}
