import Foundation
import GidsBuild
import GidsSearch
import Testing

/// Relevance on the real content: the query set in `Tests/Search/queries.json` (Dutch queries
/// with the pages a policy adviser expects in the top 3: plain, diacritic, plural, compound,
/// synonym, abbreviation, typo and phrase queries), run through the site's own search script.
@Suite struct SearchQualityTests {
    struct Evaluation: Decodable {
        struct Miss: Decodable {
            let query: String
            let kind: String
            let top3: [String]
        }
        let queries: Int
        let hits: Int
        let typingHits: Int
        let mrr: Double
        let misses: [Miss]
    }

    @Test func everyQueryFindsAnExpectedPageInTheTopThree() throws {
        let site = temporaryDirectory() + "/site"
        let result = runBuild(
            BuildOptions(
                contentDirectory: Repo.root + "/content", templatesDirectory: Repo.templates, outputDirectory: site))
        #expect(result.succeeded)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "node", Repo.root + "/Tests/Search/evaluate.js", Repo.templates + "/assets/search.js",
            site + "/search-index.json", Repo.root + "/Tests/Search/queries.json",
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let evaluation = try JSONDecoder().decode(Evaluation.self, from: data)
        #expect(evaluation.queries >= 40)
        #expect(evaluation.hits == evaluation.queries && evaluation.typingHits == evaluation.queries)
        #expect(evaluation.misses.isEmpty, "\(evaluation.misses.map { "\($0.query) [\($0.kind)] → \($0.top3)" })")
        #expect(evaluation.mrr >= 0.9)
    }

    /// The ranking core on a hand-made index: BM25 values worked out by hand, stop words,
    /// stemmed forms, all-words-first, typo and prefix weights (`Tests/Search/ranking.js`).
    @Test func rankingGivesTheValuesOfTheFormula() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", Repo.root + "/Tests/Search/ranking.js", Repo.templates + "/assets/search.js"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text == "ok\n")
    }
}
