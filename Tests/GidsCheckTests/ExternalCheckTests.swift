import Foundation
import GidsCore
import GidsExternalCheck
import GidsLinks
import Testing

/// The loopback server of `Fixtures/loopback-server.py`, on 127.0.0.1 only; stopped on deinit.
final class LoopbackServer {
    let process = Process()
    let port: Int

    init() throws {
        let portFile = temporaryDirectory() + "/port"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repo.fixtures + "/loopback-server.py", portFile]
        // The server must not hold the test runner's output open, or `swift test` never ends.
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        var port: Int?
        while port == nil && Date() < deadline && process.isRunning {
            port = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap {
                $0.hasSuffix("\n") ? Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) : nil
            }
            if port == nil { usleep(20_000) }
        }
        guard let port else {
            process.terminate()
            throw CocoaError(.executableLoad)
        }
        self.port = port
    }

    deinit { stop() }

    func stop() {
        // SIGKILL without waiting: `waitUntilExit` can stall inside a concurrency task on Linux.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    struct Log: Decodable {
        struct Request: Decodable {
            let method: String
            let path: String
            let time: Double
        }
        let requests: [Request]
        let maxInFlight: Int

        enum CodingKeys: String, CodingKey {
            case requests
            case maxInFlight = "max_in_flight"
        }
    }

    func log() throws -> Log {
        try JSONDecoder().decode(Log.self, from: Data(contentsOf: URL(string: url("/log"))!))
    }
}

func references(_ server: LoopbackServer, _ paths: [String]) -> [ExternalReference] {
    paths.enumerated().map { index, path in
        ExternalReference(url: server.url(path), location: SourceLocation(path: "page.md", line: index + 1, column: 1))
    }
}

func fastOptions() -> ExternalCheckOptions {
    var options = ExternalCheckOptions()
    options.timeout = 2  // /slow answers after 3 s; 2 s leaves room on a loaded machine
    options.retries = 1
    options.backoff = 0.05
    options.hostInterval = 0
    options.hostConcurrency = 8
    return options
}

@Suite(.serialized) struct ExternalCheckTests {
    @Test func eachAnswerGivesTheRightFinding() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let paths = [
            "/ok", "/moved", "/temporary", "/missing", "/busy", "/flaky", "/slow", "/no-head", "/always-busy",
        ]
        let result = try await checkExternal(references(server, paths), options: fastOptions())
        let found = result.diagnostics.sortedForOutput().map { "\($0.location.line!) \($0.severity) \($0.code)" }
        #expect(
            found == [
                "2 warning external.moved", "4 error external.status", "7 error external.unreachable",
                "9 warning external.rate-limited",
            ])
        let moved = result.diagnostics.first { $0.code == "external.moved" }
        #expect(moved?.message.contains("moved permanently to '\(server.url("/ok"))'") == true)
        let slow = result.diagnostics.first { $0.code == "external.unreachable" }
        #expect(slow?.message.contains("did not answer within 2 s") == true)
        #expect(result.fetched == paths.count)

        let log = try server.log()
        // Retry-After: 1 was honoured before the second request for /busy.
        let busy = log.requests.filter { $0.path == "/busy" }.map(\.time)
        #expect(busy.count == 2)
        if busy.count == 2 { #expect(busy[1] - busy[0] >= 0.95) }
        // HEAD first; GET only where HEAD failed.
        // /ok itself, and at the end of /moved and /temporary.
        #expect(log.requests.filter { $0.path == "/ok" }.map(\.method) == ["HEAD", "HEAD", "HEAD"])
        #expect(log.requests.filter { $0.path == "/no-head" }.map(\.method) == ["HEAD", "GET"])
        #expect(log.requests.filter { $0.path == "/flaky" }.count >= 2)
        // The slow URL was given up on (its retry may still be queued on the server).
        #expect(log.requests.filter { $0.path == "/slow" }.count >= 1)
    }

    @Test func theCacheMakesARerunCheapAndTheIgnoreListSkips() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let cache = temporaryDirectory() + "/cache/links.json"
        var options = fastOptions()
        options.cachePath = cache
        options.ignore = ["/pause/"]
        let refs = references(server, ["/ok", "/missing", "/flaky", "/pause/1"])
        let first = try await checkExternal(refs, options: options)
        #expect(first.fetched == 3 && first.cached == 0 && first.ignored == 1)
        let requestsAfterFirst = try server.log().requests.count
        let second = try await checkExternal(refs, options: options)
        #expect(second.cached == 3 && second.fetched == 0)
        #expect(second.diagnostics.map(\.code) == first.diagnostics.map(\.code))
        #expect(try server.log().requests.count == requestsAfterFirst)
        // An expired cache is not used.
        options.cacheMaximumAge = 0
        let third = try await checkExternal(refs, options: options)
        #expect(third.fetched == 3)
        #expect(try server.log().requests.filter { $0.path.hasPrefix("/pause/") }.isEmpty)
    }

    @Test func perHostConcurrencyIsLimited() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        var options = fastOptions()
        options.hostConcurrency = 2
        let result = try await checkExternal(references(server, (1...8).map { "/pause/\($0)" }), options: options)
        #expect(result.diagnostics.isEmpty)
        let log = try server.log()
        #expect(log.requests.count == 8)
        #expect(log.maxInFlight <= 2)
        #expect(log.maxInFlight == 2)
    }

    @Test func anInvalidIgnorePatternIsAnError() async {
        var options = fastOptions()
        options.ignore = ["(unclosed"]
        await #expect(throws: IgnorePatternError.self) { try await checkExternal([], options: options) }
    }
}
