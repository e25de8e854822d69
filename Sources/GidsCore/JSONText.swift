import Foundation

/// JSON text written by hand where `JSONEncoder` is too slow or its layout not wanted
/// (the search index shards, the JSON Schemas).
public enum JSONText {
    /// `text` as a JSON string (RFC 8259 §7): quotes, backslash and C0 controls escaped.
    /// `htmlSafe` also writes `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes, so the JSON
    /// can never close a `<script>` element or break a JavaScript string if someone inlines it.
    public static func string(_ text: String, htmlSafe: Bool = false) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<" where htmlSafe: out += "\\u003c"
            case ">" where htmlSafe: out += "\\u003e"
            case "&" where htmlSafe: out += "\\u0026"
            case "\u{2028}" where htmlSafe: out += "\\u2028"
            case "\u{2029}" where htmlSafe: out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
