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
        // Most text needs no escape at all: copied in one go.
        let plain = text.utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            for byte in buffer where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                return false
            }
            if htmlSafe {
                for byte in buffer where byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2 {
                    return false
                }
            }
            out.append(contentsOf: buffer)
            return true
        }
        if plain == true {
            out.append(0x22)
            return
        }
        let bytes = text.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x08: out += [0x5C, 0x62]
            case 0x0C: out += [0x5C, 0x66]
            case 0x3C where htmlSafe: out += Array("\\u003c".utf8)
            case 0x3E where htmlSafe: out += Array("\\u003e".utf8)
            case 0x26 where htmlSafe: out += Array("\\u0026".utf8)
            case 0xE2 where htmlSafe:
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                let second = bytes.index(after: index)
                if second != bytes.endIndex, bytes[second] == 0x80 {
                    let third = bytes.index(after: second)
                    if third != bytes.endIndex, bytes[third] == 0xA8 || bytes[third] == 0xA9 {
                        out += Array((bytes[third] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                        index = bytes.index(after: third)
                        continue
                    }
                }
                out.append(byte)
            default:
                if byte < 0x20 {
                    let hex = Array("0123456789abcdef".utf8)
                    out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                } else {
                    out.append(byte)
                }
            }
            index = bytes.index(after: index)
        }
        out.append(0x22)
    }
}
