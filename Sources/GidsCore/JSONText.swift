import Foundation

/// JSON text written by hand where `JSONEncoder` is too slow or its layout not wanted
/// (the search index shards, the JSON Schemas).
public enum JSONText {
    /// `text` as a JSON string (RFC 8259 §7): quotes, backslash and C0 controls escaped.
    /// `htmlSafe` also writes `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes, so the JSON
    /// can never close a `<script>` element or break a JavaScript string if someone inlines it.
    public static func string(_ text: String, htmlSafe: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        append(text, htmlSafe: htmlSafe, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``string(_:htmlSafe:)`` to `out`. The escapes are `JSONEncoder`'s (`\b`, `\f`,
    /// `\n`, `\r`, `\t`, else `\u00xx` for C0), so hand-written and encoded JSON agree byte for byte.
    public static func append(_ text: String, htmlSafe: Bool = false, to out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            // Runs without anything to escape are copied whole (most text is one run).
            var runStart = 0
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                let escape: StaticString?
                var width = 1
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x08: escape = "\\b"
                case 0x0C: escape = "\\f"
                case 0x3C where htmlSafe: escape = "\\u003c"
                case 0x3E where htmlSafe: escape = "\\u003e"
                case 0x26 where htmlSafe: escape = "\\u0026"
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                case 0xE2
                where htmlSafe && index + 2 < count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                case 0x00..<0x20: escape = nil
                default:
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                if let escape {
                    escape.withUTF8Buffer { out.append(contentsOf: $0) }
                } else {
                    let hex: StaticString = "0123456789abcdef"
                    hex.withUTF8Buffer { digits in
                        out += [0x5C, 0x75, 0x30, 0x30, digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
                    }
                }
                index += width
                runStart = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        }
        out.append(0x22)
    }
}
