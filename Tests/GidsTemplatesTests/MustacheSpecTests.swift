import Foundation
import Testing

@testable import GidsTemplates

/// The Mustache spec (`../shared/corpora/mustache-spec/specs/*.json`, MIT) as tests: every test
/// of the modules gids supports. The optional modules (`~lambdas`, `~dynamic-names`,
/// `~inheritance`) are not supported and not run: gids templates are data-only, and their
/// sigils would need names the checker cannot type.
@Suite struct MustacheSpecTests {
    /// `../shared/corpora/mustache-spec/specs` beside the repository (or under `GIDS_CORPORA`,
    /// or the workplace's `/work/shared/corpora`); never copied into the project.
    static let specFolder: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            ProcessInfo.processInfo.environment["GIDS_CORPORA"],
            root.deletingLastPathComponent().appendingPathComponent("shared/corpora").path, "/work/shared/corpora",
        ].compactMap { $0 }.map { $0 + "/mustache-spec/specs" }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/sections.json") } ?? candidates[1]
    }()

    static let modules = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections"]

    struct Case: CustomTestStringConvertible, Sendable {
        let module: String
        let name: String
        let template: String
        let data: SpecData
        let partials: [String: String]
        let expected: String
        var testDescription: String { "\(module): \(name)" }
    }

    /// JSON data of a spec test, made Sendable.
    struct SpecData: @unchecked Sendable { let value: Any }

    static let cases: [Case] = modules.flatMap { module -> [Case] in
        let path = specFolder + "/\(module).json"
        guard let data = FileManager.default.contents(atPath: path),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let tests = json["tests"] as? [[String: Any]]
        else { return [] }
        return tests.map { test in
            Case(
                module: module, name: test["name"] as? String ?? "?", template: test["template"] as? String ?? "",
                data: SpecData(value: test["data"] ?? NSNull()),
                partials: test["partials"] as? [String: String] ?? [:], expected: test["expected"] as? String ?? "")
        }
    }

    @Test func theSpecIsThere() {
        // 6 modules; a missing corpus must fail, not pass with no cases.
        #expect(Self.cases.count > 100, "mustache-spec not found at \(Self.specFolder)")
    }

    @Test(arguments: cases)
    func spec(_ test: Case) {
        var sources = test.partials
        sources["__spec"] = test.template
        let library = TemplateLibrary(sources: sources)
        #expect(library.syntaxErrors.isEmpty)
        #expect(library.render("__spec", templateValue(test.data.value)) == test.expected)
    }
}

/// JSON from the spec as template values: objects get a shape of their own keys, typed `.any`.
func templateValue(_ json: Any) -> TemplateValue {
    switch json {
    case let dictionary as [String: Any]:
        let keys = dictionary.keys.sorted()
        var object = TemplateObject(Shape("json", keys.map { Field($0, .any, "") }))
        for key in keys { object[key] = templateValue(dictionary[key]!) }
        return .object(object)
    case let array as [Any]: return .list(array.map(templateValue))
    case let number as NSNumber:
        if String(cString: number.objCType) == "c" { return .flag(number.boolValue) }
        let double = number.doubleValue
        if double == double.rounded(), abs(double) < 1e15 { return .number(Int(double)) }
        return .text(String(double))
    case let string as String: return .text(string)
    default: return .absent
    }
}
