import Testing

@testable import GidsCore

/// The slug rule as examples (input → slug), in the spirit of CommonMark's spec.txt.
@Suite struct SlugTests {
    @Test(arguments: [
        ("Financiële tekorten", "financiele-tekorten"),
        ("Wet maatschappelijke ondersteuning (Wmo)", "wet-maatschappelijke-ondersteuning-wmo"),
        ("  Jonge mantelzorgers & school  ", "jonge-mantelzorgers-school"),
        ("Wmo 2015", "wmo-2015"),
        ("LHBTI's in het onderwijs", "lhbtis-in-het-onderwijs"),
        ("‘Van zorg naar werk’", "van-zorg-naar-werk"),
        ("snake_case--en  spaties", "snake-case-en-spaties"),
        ("Café coöperatie", "cafe-cooperatie"),
        ("Straße", "straße"),
        ("!!!", "sectie"),
        ("Stap 2: Plan_van-aanpak\t(2018)!", "stap-2-plan-van-aanpak-2018"), ("-A-", "a"), ("", "sectie"),
        ("ZZ top, Az", "zz-top-az"),
    ])
    func slug(input: String, expected: String) {
        #expect(Slug.make(input) == expected)
        // Text that is all ASCII takes a byte path; a dropped curly quote sends it the long way.
        #expect(Slug.make(input + "\u{2019}") == expected)
    }

    @Test func duplicateHeadingsGetDistinctIDs() {
        var used = Set<String>()
        let ids = ["Overzicht", "Overzicht 1", "Overzicht"].map { Slug.unique($0, used: &used) }
        #expect(ids == ["overzicht", "overzicht-1", "overzicht-2"])
        #expect(Set(ids).count == 3)
    }

    @Test func rememberingTheNextSuffixGivesTheSameIDs() {
        // A pathological page (thousands of tabs titled "t") made `unique` quadratic; with `next`
        // each suffix is tried once, and the ids are those the plain rule gives.
        let titles = (0..<3000).map { ["Overzicht", "Overzicht 1", "Overzicht-2", "Stap", "stap 1"][$0 % 5] }
        var plainUsed = Set<String>()
        var fastUsed = Set<String>()
        var next: [String: Int] = [:]
        let plain = titles.map { Slug.unique($0, used: &plainUsed) }
        let fast = titles.map { Slug.unique($0, used: &fastUsed, next: &next) }
        #expect(fast == plain)
        #expect(Set(fast).count == titles.count)
    }

    @Test func foldingRemovesDiacriticsAndCase() {
        #expect(TextFolding.fold("Financiële ÉÉN") == "financiele een")
    }

    /// Latin text folds scalar by scalar from a table; it must give what the rule gives.
    @Test func latinTableFoldsAsTheRule() {
        let latin = (Array(0x20..<TextFolding.latinEnd) + Array(TextFolding.punctuation)).compactMap(
            Unicode.Scalar.init
        ).map(String.init)
        for text in latin {
            #expect(
                TextFolding.fold(text) == TextFolding.foldAny(text),
                "U+\(String(text.unicodeScalars.first!.value, radix: 16))")
        }
        #expect(TextFolding.fold(latin.joined()) == TextFolding.foldAny(latin.joined()))
        for text in [
            "Ĳsselmeer coöperatie", "İstanbul Æsop", "ﬁnanciën", "Crème brûlée\u{0301}", "Łódź ǅ ǈ",
            "‘Zo’n’ … 5 €–10 € ⁵ ₂",
        ] {
            #expect(TextFolding.fold(text) == TextFolding.foldAny(text))
        }
    }
}

@Suite struct SitePathTests {
    @Test(arguments: [
        ("a/b/", "c/", "../../c/"),
        ("", "", "./"),
        ("a/", "a/", "./"),
        ("a/b/", "a/c/", "../c/"),
        ("", "assets/style.css", "assets/style.css"),
        ("a/b/", "assets/style.css", "../../assets/style.css"),
        ("a/b/", "a/img/x.svg", "../img/x.svg"),
        ("a/", "", "../"),
        ("", "a:b/", "./a:b/"), ("a/", "a/x:y.html", "./x:y.html"), ("a/b/", "c/d:e/", "../../c/d:e/"),
        ("a/b", "a/c/", "../c/"), ("a/b", "x/", "../../x/"), ("a/b/", "a/b/c.png", "c.png"),
    ])
    func relative(base: String, target: String, expected: String) {
        #expect(SitePath.relative(from: base, to: target) == expected)
    }

    @Test func resolve() {
        #expect(SitePath.resolve("../regenbooggids/sport.md", against: "woudlopersgids/") == "regenbooggids/sport.md")
        #expect(SitePath.resolve("./x.md", against: "g/sub/") == "g/sub/x.md")
        #expect(SitePath.resolve("../../x.md", against: "g/") == nil)
    }

    /// A file next to the page takes a short path; it must give what splitting gives.
    @Test(arguments: [
        ("x.md", "g/sub/", "g/sub/x.md"), ("x.md", "", "x.md"), ("x.md", "g//sub/", "g/sub/x.md"),
        ("x.md", "/g/", "g/x.md"), ("..", "g/sub/", "g"), (".", "g/", "g"), ("x/", "g/", "g/x/"),
    ])
    func resolveNextToThePage(reference: String, base: String, expected: String) {
        #expect(SitePath.resolve(reference, against: base) == expected)
    }
}

@Suite struct CalendarDateTests {
    @Test func parsesStrictISODates() {
        #expect(CalendarDate(iso: "2018-09-01")?.dutch == "1 september 2018")
        #expect(CalendarDate(iso: "2020-02-29") != nil)
        #expect(CalendarDate(iso: "2019-02-29") == nil)
        #expect(CalendarDate(iso: "2018-9-1") == nil)
        #expect(CalendarDate(iso: "2018-13-01") == nil)
    }
}

@Suite struct SuggestionTests {
    @Test func didYouMean() {
        #expect(Suggestion.distance("evalueeren", "evalueren") == 1)
        #expect(Suggestion.closest(to: "evalueeren", among: ["voorbereiden", "evalueren"]) == "evalueren")
        #expect(Suggestion.closest(to: "xyz", among: ["voorbereiden", "evalueren"]) == nil)
        #expect(Suggestion.distance("sprot", "sport") == 1)
        #expect(Suggestion.closest(to: "sprot", among: ["sport", "wmo"]) == "sport")
        #expect(Suggestion.closest(to: "Basis", among: ["basis", "verdieping"]) == "basis")
    }
}
