import Foundation
import Testing

/// The guides are written in our own words (issue 19): `content/` may not share a run of eight or
/// more consecutive words with the source magazine (`../shared/seeds`, or `GIDS_SEEDS`). Words are
/// lowercased with accents folded; text inside quotation marks and link targets does not count,
/// and a short allow-list holds the names and titles that may stay word for word.
@Suite struct MagazineOverlapTests {
    /// The shortest run of shared words that counts as copied.
    static let minimumRun = 8

    /// Names and titles that may appear word for word, each with the reason it may stay.
    /// Only names and official titles belong here, never a sentence.
    static let allowList: [(phrase: String, reason: String)] = [
        (
            "Handreiking Ondersteuning van LHBTI-bewoners binnen het sociaal domein",
            "official title of the Movisie handreiking (2018), used as link text"
        )
    ]

    @Test func contentSharesNoLongRunOfWordsWithTheMagazine() throws {
        let magazine = try #require(
            SourceMagazine.shared,
            "the magazine is missing: no .txt file in \(SourceMagazine.folder); set GIDS_SEEDS to the seeds folder")
        let findings = OverlapScanner(magazine: magazine, allowList: Self.allowList.map(\.phrase))
            .scan(contentRoot: Repo.root + "/content")
        #expect(
            findings.isEmpty,
            """
            \(findings.count) runs of \(Self.minimumRun) or more words also occur in the magazine; \
            rewrite them in our own words (names and titles may go on the allow-list):
            \(findings.map(\.formatted).joined(separator: "\n"))
            """)
    }

    @Test func everyAllowListEntryIsInTheMagazineAndTheContent() throws {
        let magazine = try #require(
            SourceMagazine.shared,
            "the magazine is missing: no .txt file in \(SourceMagazine.folder); set GIDS_SEEDS to the seeds folder")
        let magazineText = " " + magazine.words.joined(separator: " ") + " "
        let content = OverlapScanner.segments(contentRoot: Repo.root + "/content")
            .map { " " + $0.words.map(\.text).joined(separator: " ") + " " }
        for (phrase, reason) in Self.allowList {
            #expect(!reason.isEmpty)
            let words =
                " " + OverlapTokens.words(in: OverlapTokens.fold(phrase)).map(\.text).joined(separator: " ") + " "
            #expect(magazineText.contains(words), "allow-list entry not in the magazine: \(phrase)")
            #expect(content.contains { $0.contains(words) }, "allow-list entry no longer used in content/: \(phrase)")
        }
    }

    @Test func tokensSplitAtHyphensAndApostrophesAndFoldAccents() {
        let words = OverlapTokens.words(
            in: OverlapTokens.fold("Financiële LHBTI’s, zo'n e-tool — ideeën: Wmo-raad - 2018"))
        #expect(
            words.map(\.text) == ["financiele", "lhbti", "s", "zo", "n", "e", "tool", "ideeen", "wmo", "raad", "2018"])
        #expect(
            SourceMagazine.joinLineBreaks("beleids-\nmakers en Facebook-\nen WhatsApp")
                == "beleidsmakers en Facebook- en WhatsApp")
    }

    @Test func quotationsAndLinkTargetsDoNotCount() {
        let text = OverlapTokens.clean(
            "Hij zei ‘dit telt niet’ en „dit ook niet” maar LHBTI’s en 's avonds wel, zie [de gids](https://movisie.nl/gids)."
        )
        #expect(
            OverlapTokens.words(in: OverlapTokens.fold(text)).map(\.text) == [
                "hij", "zei", "en", "maar", "lhbti", "s", "en", "s", "avonds", "wel", "zie", "de", "gids",
            ])
        #expect(OverlapTokens.clean("een \"citaat\"\nover twee regels") == "een         \nover twee regels")
    }

    @Test func runsAreFoundAcrossLinesOfAParagraphButNotAcrossParagraphs() {
        let magazine = SourceMagazine(
            words: OverlapTokens.words(in: "een twee drie vier vijf zes zeven acht negen tien").map(\.text))
        let scanner = OverlapScanner(magazine: magazine, allowList: [])
        let paragraph = OverlapScanner.markdownSegments("Nul een twee drie\nvier vijf zes zeven acht.", firstLine: 5)
        #expect(
            scanner.findings(in: paragraph, path: "p.md").map(\.formatted) == [
                "p.md:5: 8 words: \"een twee drie vier vijf zes zeven acht\""
            ])
        let split = OverlapScanner.markdownSegments("een twee drie vier\n\nvijf zes zeven acht", firstLine: 1)
        #expect(scanner.findings(in: split, path: "p.md").isEmpty)
        let allowed = OverlapScanner(magazine: magazine, allowList: ["vier vijf"])
        #expect(allowed.findings(in: paragraph, path: "p.md").isEmpty)
    }
}

/// The source magazine as one stream of folded words.
struct SourceMagazine {
    let words: [String]

    /// `GIDS_SEEDS`, or `shared/seeds` next to the repository, or the workplace's
    /// `/work/shared/seeds` (where the practice corpora are looked for too).
    static var folder: String {
        if let folder = ProcessInfo.processInfo.environment["GIDS_SEEDS"] { return folder }
        let candidates = [Repo.root + "/../shared/seeds", "/work/shared/seeds"]
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
    }

    /// Every `.txt` file in ``folder``, in name order; nil when there is none. Read once.
    static let shared: SourceMagazine? = load()

    static func load() -> SourceMagazine? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        let texts = names.filter { $0.hasSuffix(".txt") }.sorted()
            .compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
        guard !texts.isEmpty else { return nil }
        let text = OverlapTokens.fold(joinLineBreaks(texts.joined(separator: "\n\n")))
        return SourceMagazine(words: OverlapTokens.words(in: text).map(\.text))
    }

    /// Joins words hyphenated at a line end (`beleids-\nmakers`), also over one blank line, but
    /// keeps a hyphen before a conjunction (`Facebook-\nen WhatsApp`) as a hyphen.
    static func joinLineBreaks(_ text: String) -> String {
        let pattern = #"(?<=\p{L})[-\u2010\u2011][ \t]*\n(?:[ \t]*\n)?[ \t]*(?=\p{L})(?!(?:en|of|tot)\b)"#
        let expression = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        let conjunction = try! NSRegularExpression(
            pattern: #"(?<=\p{L})[-\u2010\u2011][ \t]*\n(?:[ \t]*\n)?[ \t]*(?=(?:en|of|tot)\b)"#,
            options: [.caseInsensitive])
        let range = NSRange(text.startIndex..., in: text)
        let joined = expression.stringByReplacingMatches(in: text, range: range, withTemplate: "")
        return conjunction.stringByReplacingMatches(
            in: joined, range: NSRange(joined.startIndex..., in: joined), withTemplate: "- ")
    }
}

/// Words and the text they come from.
enum OverlapTokens {
    struct Word: Equatable {
        let text: String
        let line: Int
    }

    /// Lowercase, without accents.
    static func fold(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
    }

    /// Runs of letters and digits, so a hyphen or apostrophe splits (`e-tool` and `LHBTI’s` are two
    /// words each, in both texts). Lines count from `firstLine` at every newline.
    static func words(in text: String, firstLine: Int = 1) -> [Word] {
        let scalars = Array(text.unicodeScalars)
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
        var words: [Word] = []
        var current = String.UnicodeScalarView()
        var line = firstLine
        var startLine = firstLine
        for scalar in scalars {
            if isWordScalar(scalar) {
                if current.isEmpty { startLine = line }
                current.append(scalar)
                continue
            }
            if !current.isEmpty { words.append(Word(text: String(current), line: startLine)) }
            current = String.UnicodeScalarView()
            if scalar == "\n" { line += 1 }
        }
        if !current.isEmpty { words.append(Word(text: String(current), line: startLine)) }
        return words
    }

    /// `text` with link targets `](…)` and quotations („…”, “…”, "…", ‘…’, '…') blanked out;
    /// newlines stay, so line numbers still hold. An apostrophe inside or at the end of a word
    /// (`zo’n`, `LHBTI’s`) and the elisions `’s`, `’t` and `’n` are not quotation marks.
    static func clean(_ text: String) -> String {
        var characters = Array(text)
        func blank(_ range: Range<Int>) {
            for index in range where characters[index] != "\n" { characters[index] = " " }
        }
        // Link and image targets.
        var index = 0
        while index + 1 < characters.count {
            if characters[index] == "]", characters[index + 1] == "(",
                let close = characters[(index + 1)...].firstIndex(of: ")")
            {
                blank((index + 1)..<(close + 1))
                index = close + 1
            } else {
                index += 1
            }
        }
        // Quotations.
        let closers: [Character: Set<Character>] = [
            "\u{201E}": ["\u{201D}", "\u{201C}", "\""], "\u{201C}": ["\u{201D}"], "\"": ["\""],
            "\u{2018}": ["\u{2019}"], "'": ["'", "\u{2019}"],
        ]
        func isWordCharacter(_ offset: Int) -> Bool {
            offset >= 0 && offset < characters.count && (characters[offset].isLetter || characters[offset].isNumber)
        }
        func isElision(after offset: Int) -> Bool {
            guard offset + 1 < characters.count, ["s", "t", "n"].contains(characters[offset + 1].lowercased())
            else { return false }
            return !isWordCharacter(offset + 2)
        }
        index = 0
        while index < characters.count {
            let character = characters[index]
            guard let closing = closers[character], !isWordCharacter(index - 1), isWordCharacter(index + 1),
                !(character != "\u{201E}" && character != "\u{201C}" && character != "\"" && isElision(after: index))
            else {
                index += 1
                continue
            }
            var end = index + 1
            while end < characters.count,
                !(closing.contains(characters[end]) && !isWordCharacter(end + 1) && characters[end - 1] != " ")
            {
                end += 1
            }
            if end < characters.count {
                blank(index..<(end + 1))
                index = end + 1
            } else {
                index += 1
            }
        }
        return String(characters)
    }
}

/// One run of words that also occurs in the magazine.
struct OverlapFinding {
    let path: String
    let line: Int
    let words: [String]

    var formatted: String { "\(path):\(line): \(words.count) words: \"\(words.joined(separator: " "))\"" }
}

/// Finds the runs of ``MagazineOverlapTests/minimumRun`` or more words that `content/` shares
/// with the magazine. A run never crosses a paragraph, list item, heading, table cell or YAML value.
struct OverlapScanner {
    struct Segment {
        let words: [OverlapTokens.Word]
    }

    let grams: Set<String>
    let allowed: [[String]]
    let length = MagazineOverlapTests.minimumRun

    init(magazine: SourceMagazine, allowList: [String]) {
        var grams = Set<String>()
        let words = magazine.words
        if words.count >= length {
            for start in 0...(words.count - length) {
                grams.insert(words[start..<(start + length)].joined(separator: " "))
            }
        }
        self.grams = grams
        allowed = allowList.map { OverlapTokens.words(in: OverlapTokens.fold($0)).map(\.text) }.filter { !$0.isEmpty }
    }

    func scan(contentRoot: String) -> [OverlapFinding] {
        Self.files(contentRoot: contentRoot).flatMap { path, segments in
            findings(in: segments, path: "content/" + path)
        }
    }

    func findings(in segments: [Segment], path: String) -> [OverlapFinding] {
        var findings: [OverlapFinding] = []
        for segment in segments {
            // Words inside an allowed name or title break the run.
            var pieces: [[OverlapTokens.Word]] = [[]]
            let texts = segment.words.map(\.text)
            var index = 0
            while index < texts.count {
                if let phrase = allowed.first(where: {
                    index + $0.count <= texts.count && Array(texts[index..<(index + $0.count)]) == $0
                }) {
                    pieces.append([])
                    index += phrase.count
                } else {
                    pieces[pieces.count - 1].append(segment.words[index])
                    index += 1
                }
            }
            for words in pieces where words.count >= length {
                // A run is a chain of shared windows that each start one word after the last.
                var runStart: Int?
                var lastStart = -2
                for start in 0...(words.count - length) {
                    let gram = words[start..<(start + length)].map(\.text).joined(separator: " ")
                    guard grams.contains(gram) else { continue }
                    if let first = runStart, start != lastStart + 1 {
                        findings.append(finding(words[first..<(lastStart + length)], path: path))
                        runStart = start
                    } else if runStart == nil {
                        runStart = start
                    }
                    lastStart = start
                }
                if let first = runStart { findings.append(finding(words[first..<(lastStart + length)], path: path)) }
            }
        }
        return findings
    }

    private func finding(_ words: ArraySlice<OverlapTokens.Word>, path: String) -> OverlapFinding {
        OverlapFinding(path: path, line: words.first!.line, words: words.map(\.text))
    }

    /// Every `.md`, `.yml` and `.svg` file below `contentRoot` (relative path, sorted) with its segments.
    static func files(contentRoot: String) -> [(String, [Segment])] {
        let paths = (FileManager.default.enumerator(atPath: contentRoot)?.compactMap { $0 as? String } ?? [])
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".md") || $0.hasSuffix(".yml") || $0.hasSuffix(".svg")) }
            .sorted()
        return paths.map { path in
            let text = (try? String(contentsOfFile: contentRoot + "/" + path, encoding: .utf8)) ?? ""
            if path.hasSuffix(".yml") { return (path, yamlSegments(text, firstLine: 1)) }
            if path.hasSuffix(".svg") { return (path, svgSegments(text)) }
            var lines = text.components(separatedBy: "\n")
            if lines.first == "---", let close = lines.dropFirst().firstIndex(of: "---") {
                let frontMatter = lines[1..<close].joined(separator: "\n")
                lines = Array(lines[(close + 1)...])
                return (
                    path,
                    yamlSegments(frontMatter, firstLine: 2)
                        + markdownSegments(lines.joined(separator: "\n"), firstLine: close + 2)
                )
            }
            return (path, markdownSegments(text, firstLine: 1))
        }
    }

    static func segments(contentRoot: String) -> [Segment] { files(contentRoot: contentRoot).flatMap(\.1) }

    /// Paragraphs; a heading, list item, block quote line or table row starts a new one, and
    /// table cells are apart. Fenced code does not count.
    static func markdownSegments(_ text: String, firstLine: Int) -> [Segment] {
        var segments: [Segment] = []
        var paragraph: [String] = []
        var paragraphLine = firstLine
        var inFence = false
        func flush() {
            if !paragraph.isEmpty {
                let cleaned = OverlapTokens.clean(paragraph.joined(separator: "\n"))
                segments.append(
                    Segment(words: OverlapTokens.words(in: OverlapTokens.fold(cleaned), firstLine: paragraphLine)))
            }
            paragraph = []
        }
        for (offset, line) in text.components(separatedBy: "\n").enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flush()
                inFence.toggle()
                continue
            }
            if inFence { continue }
            if trimmed.isEmpty {
                flush()
                continue
            }
            let startsBlock =
                trimmed.hasPrefix("#") || trimmed.hasPrefix(">") || trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ")
                || trimmed.hasPrefix("|") || trimmed.range(of: #"^\d+[.)] "#, options: .regularExpression) != nil
            if startsBlock { flush() }
            if trimmed.hasPrefix("|") {
                for cell in trimmed.split(separator: "|") {
                    paragraphLine = firstLine + offset
                    paragraph = [String(cell)]
                    flush()
                }
                continue
            }
            if paragraph.isEmpty { paragraphLine = firstLine + offset }
            paragraph.append(line)
        }
        flush()
        return segments
    }

    /// One segment per YAML value (with its continuation lines) and per comment. Keys do not
    /// count, and quotes around a whole value are YAML syntax, not a quotation.
    static func yamlSegments(_ text: String, firstLine: Int) -> [Segment] {
        var segments: [Segment] = []
        var value: [String] = []
        var valueLine = firstLine
        var open = false
        func flush() {
            if !value.isEmpty {
                let cleaned = OverlapTokens.clean(value.joined(separator: "\n"))
                segments.append(
                    Segment(words: OverlapTokens.words(in: OverlapTokens.fold(cleaned), firstLine: valueLine)))
            }
            value = []
            open = false
        }
        let entry = try! NSRegularExpression(pattern: #"^(\s*)(-\s+)?([A-Za-z_][A-Za-z0-9_-]*:(?:\s+|$))?(.*)$"#)
        for (offset, line) in text.components(separatedBy: "\n").enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                flush()
                continue
            }
            if trimmed.hasPrefix("#") {
                flush()
                valueLine = firstLine + offset
                value = [String(trimmed.dropFirst())]
                flush()
                continue
            }
            guard let match = entry.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) else { continue }
            let indented = match.range(at: 1).length > 0
            let isEntry = match.range(at: 2).location != NSNotFound || match.range(at: 3).location != NSNotFound
            var rest = (line as NSString).substring(with: match.range(at: 4)).trimmingCharacters(in: .whitespaces)
            if open, indented, !isEntry {
                value.append(rest)
                continue
            }
            flush()
            if [">", ">-", "|", "|-"].contains(rest) { rest = "" }
            if rest.count >= 2, let first = rest.first, first == "\"" || first == "'", rest.last == first {
                rest = String(rest.dropFirst().dropLast())
            }
            valueLine = firstLine + offset
            value = rest.isEmpty ? [] : [rest]
            open = true
        }
        flush()
        return segments
    }

    /// The text of every element (`<title>`, `<desc>`, `<text>`), one segment each.
    static func svgSegments(_ text: String) -> [Segment] {
        let expression = try! NSRegularExpression(pattern: #">([^<]+)<"#)
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            guard let textRange = Range(match.range(at: 1), in: text) else { return nil }
            let line = text[..<textRange.lowerBound].filter { $0 == "\n" }.count + 1
            let words = OverlapTokens.words(
                in: OverlapTokens.fold(OverlapTokens.clean(String(text[textRange]))), firstLine: line)
            return words.isEmpty ? nil : Segment(words: words)
        }
    }
}
