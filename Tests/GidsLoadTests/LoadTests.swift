import Foundation
import Testing

@testable import GidsLoad

@Suite struct LoadTests {
    @Test(arguments: [
        ("content/gids", "content"), ("gids", "."), (".", ".."), ("./", ".."), ("/gids", "/"),
        ("content/gids/", "content"),
        ("../x/..", "../x/../.."), ("/a/b/c", "/a/b"),
    ])
    func parentFolderIsWhatAUserWouldType(path: String, parent: String) {
        #expect(parentFolder(of: path) == parent)
    }

    /// `--content content/mijngids` gave an error per page ("not in a guide folder") and hid the
    /// cause; now one error names it (found by a trial run).
    @Test func aGuideFolderAsContentFolderIsOneErrorWithTheParentAsHint() throws {
        let root = NSTemporaryDirectory() + "gids-load-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/gids", withIntermediateDirectories: true)
        for (name, text) in ["guide.yml": "title: Gids\n", "a.md": "---\ntitle: A\n---\n", "b.md": "# B\n"] {
            try text.write(toFile: root + "/gids/" + name, atomically: true, encoding: .utf8)
        }
        let (tree, diagnostics) = loadSources(root: root + "/gids")
        #expect(diagnostics.map(\.code) == ["load.guide-folder"])
        #expect(diagnostics.first?.hint == "pass the folder above it: --content \(root)")
        #expect(tree.isMissing && tree.markdownFiles.isEmpty)
    }

    @Test func byteOrderMarkIsRemoved() throws {
        let text = try decodeText(Data([0xEF, 0xBB, 0xBF] + Array("---\ntitle: A\n".utf8))).get()
        #expect(text == "---\ntitle: A\n")
    }

    @Test func lineEndingsAreNormalised() throws {
        #expect(try decodeText(Data("a\r\nb\rc\n".utf8)).get() == "a\nb\nc\n")
    }

    @Test func invalidUTF8IsReportedAtItsPosition() {
        let bytes = Array("regel een\nfinanci".utf8) + [0xEB] + Array("le\n".utf8)  // Latin-1 ë
        #expect(throws: TextPosition(line: 2, column: 8)) { try decodeText(Data(bytes)).get() }
    }

    @Test func walkIsSortedAndClassifiesFiles() throws {
        let root = NSTemporaryDirectory() + "gids-load-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = [
            "site.yml": "title: x", "b/guide.yml": "title: y", "b/z.md": "z", "b/a.md": "a", "b/img/p.png": "p",
            "a/guide.yml": "t", ".verborgen.md": "h", "b/extra.yml": "e",
        ]
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let (tree, diagnostics) = loadSources(root: root)
        #expect(tree.siteFile?.path == "site.yml")
        #expect(tree.guideFiles.map(\.path) == ["a/guide.yml", "b/guide.yml"])
        #expect(tree.markdownFiles.map(\.path) == ["b/a.md", "b/z.md"])
        #expect(tree.assets.map(\.path) == ["b/img/p.png"])
        #expect(diagnostics.map(\.code) == ["load.unused-yaml"])
    }

    @Test func missingContentFolderIsAnError() {
        let (_, diagnostics) = loadSources(root: "/bestaat/niet")
        #expect(diagnostics.map(\.code) == ["load.no-content"])
    }
}
