import Foundation
import Testing

@testable import GidsCore

/// The byte-level text helpers that replaced Foundation calls for speed must give Foundation's
/// (or `JSONEncoder`'s) result exactly.
@Suite struct FastTextTests {
    static let samples = [
        "", " ", "\t", "  titel  ", "\u{00A0}Financiële tekorten\u{3000}", "geen spaties", "\u{2003}\t x \t\u{2003}",
        "regel\n", "\nregel", "\u{00A0}\u{00A0}", "café ", " é", "a\u{0301} ",
    ]

    @Test(arguments: samples) func trimmingSpacesIsFoundationsWhitespaceTrim(_ text: String) {
        #expect(text.trimmingScalars(in: .whitespaces) == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func jsonStringsAreWhatJSONEncoderWrites() throws {
        struct Box: Encodable { let a: String }
        var text = ""
        for value in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(value)!) }
        text += "\"\\/<>&\u{2028}\u{2029}\u{7F}é 🙂"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let encoded = String(decoding: try encoder.encode(Box(a: text)), as: UTF8.self)
        #expect("{\"a\":" + JSONText.string(text) + "}" == encoded)
        // Text without anything to escape takes the copy-in-one-go path.
        #expect(JSONText.string("Financiële steun – 2018", htmlSafe: false) == "\"Financiële steun – 2018\"")
        #expect(JSONText.string("Financiële steun", htmlSafe: true) == "\"Financiële steun\"")
        // The HTML-safe form changes exactly the five characters that can end a script element.
        let safe = JSONText.string(text, htmlSafe: true)
        #expect(!safe.contains("<") && !safe.contains(">") && !safe.contains("&"))
        #expect(safe.contains("\\u003c\\u003e\\u0026\\u2028\\u2029"))
    }

    @Test func slugsKeepTheirRuleOnTheASCIIFastPath() {
        #expect(Slug.make("Wet (Wmo) 2015_deel-2") == "wet-wmo-2015-deel-2")
        #expect(Slug.make("Financiële tekorten") == "financiele-tekorten")
        #expect(Slug.make("Ⅻ ½ ²") == Slug.make("Ⅻ ½ ²"))
        #expect(Slug.make("!!!") == "sectie")
    }
}

extension FastTextTests {
    @Test(arguments: samples + ["(hier)", "«lees meer»…", "hier!!", "...", "¡Klik!", "\u{0085}x\u{2029}"])
    func trimmingScalarsIsFoundationsTrim(_ text: String) {
        let set = CharacterSet.whitespacesAndNewlines.union(.punctuationCharacters)
        #expect(text.trimmingScalars(in: set) == text.trimmingCharacters(in: set))
    }
}

/// Site paths, split on the `/` byte.
@Suite struct SitePathByteTests {
    @Test func resolveFollowsDotsAgainstTheBaseFolder() {
        #expect(SitePath.resolve("../b/c.md", against: "a/x/") == "a/b/c.md")
        #expect(SitePath.resolve("./d/", against: "a/") == "a/d/")
        #expect(SitePath.resolve("/x/y.png", against: "a/b/") == "x/y.png")
        #expect(SitePath.resolve("../..", against: "a/b/") == "")
        #expect(SitePath.resolve("../../..", against: "a/b/") == nil)
        #expect(
            SitePath.resolve("zorg//financiële tekorten.md", against: "gids/") == "gids/zorg/financiële tekorten.md")
        #expect(SitePath.resolve("", against: "a/b/") == "a/b")
    }

    @Test func directoryIsThePartUpToTheLastSlash() {
        #expect(SitePath.directory(of: "a/b/c.png") == "a/b/")
        #expect(SitePath.directory(of: "a/b/") == "a/b/")
        #expect(SitePath.directory(of: "x") == "")
        #expect(SitePath.directory(of: "") == "")
    }
}

@Suite struct NaturalOrderTests {
    @Test func numbersReadAsNumbers() {
        let titles = ["Demo Sprint 10", "Demo Sprint 2", "Demo Sprint 1", "Agenda", "Demo Sprint 02", "demo"]
        #expect(
            titles.sorted(by: NaturalOrder.less) == [
                "Agenda", "Demo Sprint 1", "Demo Sprint 2", "Demo Sprint 02", "Demo Sprint 10", "demo",
            ])
    }

    @Test func withoutDigitsItIsPlainOrder() {
        let titles = ["Zorg", "Ábc", "abc", "Abc", "zorg en welzijn"]
        #expect(titles.sorted(by: NaturalOrder.less) == titles.sorted())
    }
}
