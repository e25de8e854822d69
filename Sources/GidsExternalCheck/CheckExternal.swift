import Foundation
import GidsCore
import GidsLinks

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Settings of the external link check (`gids check --external`).
public struct ExternalCheckOptions: Sendable {
    /// Seconds a request may take before it counts as unanswered.
    public var timeout: Double = 10
    /// Extra attempts after a 429, a 5xx or no answer.
    public var retries = 2
    /// First wait before a retry, in seconds; doubled per attempt. A `Retry-After` header wins.
    public var backoff: Double = 1
    /// Longest `Retry-After` honoured, in seconds; a server asking for longer gets a warning.
    public var maximumRetryAfter: Double = 60
    /// Requests in flight at once, over all hosts.
    public var concurrency = 32
    /// Requests in flight at once to one host.
    public var hostConcurrency = 2
    /// Seconds between the starts of two requests to one host.
    public var hostInterval: Double = 0.1
    /// Redirects followed per URL before giving up.
    public var maximumRedirects = 10
    /// Regular expressions (ICU syntax, unanchored); a URL matching any is not fetched.
    public var ignore: [String] = []
    /// Where results are kept between runs (JSON); nil for no cache.
    public var cachePath: String?
    /// Seconds a cached result stays valid.
    public var cacheMaximumAge: Double = 86_400

    public init() {}
}

/// What the external check found.
public struct ExternalCheckResult: Sendable {
    /// One diagnostic per location of each broken, unreachable or moved URL.
    public var diagnostics: [Diagnostic] = []
    /// Distinct URLs checked over the network in this run.
    public var fetched = 0
    /// Distinct URLs answered from the cache.
    public var cached = 0
    /// Distinct URLs skipped by the ignore list.
    public var ignored = 0
}

/// An ignore pattern that does not compile.
public struct IgnorePatternError: Error, CustomStringConvertible {
    public let pattern: String
    public let reason: String
    public var description: String { "invalid ignore pattern '\(pattern)': \(reason)" }
}

/// Checks every distinct `http(s)` URL once with HTTP HEAD (GET where the server rejects HEAD or
/// answers HEAD with an error), following redirects by hand so that permanent ones (301, 308) are
/// reported; retries 429 and 5xx answers and timeouts with exponential backoff, honouring
/// `Retry-After` (RFC 9110 §10.2.3, seconds or HTTP date). Per-host concurrency and request
/// spacing keep the check polite. Results with a definite answer are cached for
/// `cacheMaximumAge`; timeouts and 5xx never are.
///
/// Throws ``IgnorePatternError`` for an ignore pattern that is not a valid regular expression.
public func checkExternal(_ references: [ExternalReference], options: ExternalCheckOptions) async throws
    -> ExternalCheckResult
{
    let patterns = try options.ignore.map { pattern in
        do { return try NSRegularExpression(pattern: pattern) } catch {
            throw IgnorePatternError(pattern: pattern, reason: "not a regular expression")
        }
    }
    var locations: [String: [SourceLocation]] = [:]
    for reference in references { locations[reference.url, default: []].append(reference.location) }
    var result = ExternalCheckResult()
    var toFetch: [String] = []
    var cache = LinkCache.load(options.cachePath)
    let now = Date()
    var outcomes: [String: Outcome] = [:]
    for url in locations.keys.sorted() {
        let range = NSRange(url.startIndex..., in: url)
        if patterns.contains(where: { $0.firstMatch(in: url, range: range) != nil }) {
            result.ignored += 1
        } else if let entry = cache.entries[url], now.timeIntervalSince(entry.checked) < options.cacheMaximumAge {
            outcomes[url] = entry.outcome
            result.cached += 1
        } else {
            toFetch.append(url)
        }
    }
    let fetcher = Fetcher(options: options)
    let fetched = await fetcher.fetchAll(toFetch)
    result.fetched = toFetch.count
    for (url, outcome) in fetched {
        outcomes[url] = outcome
        if outcome.isCacheable { cache.entries[url] = LinkCache.Entry(checked: now, outcome: outcome) }
    }
    if let path = options.cachePath { cache.save(path, now: now, maximumAge: options.cacheMaximumAge) }
    for (url, outcome) in outcomes {
        guard let (severity, message, code, hint) = outcome.finding(url: url, timeout: options.timeout) else {
            continue
        }
        for location in locations[url] ?? [] {
            result.diagnostics.append(Diagnostic(severity, location, message, code: code, hint: hint))
        }
    }
    return result
}

/// The answer for one URL after redirects and retries.
enum Outcome: Codable, Sendable, Equatable {
    /// The final status (2xx), and where a permanent redirect led, if there was one.
    case ok(status: Int, movedTo: String?)
    /// A final error status (4xx or 5xx after retries).
    case status(Int)
    /// 429 after every retry, or a Retry-After longer than allowed.
    case rateLimited
    /// No answer: timeout, refused connection, unknown host, too many redirects.
    case unreachable(String, timedOut: Bool)

    /// Definite answers are kept; a timeout, 5xx or 429 may be different next time.
    var isCacheable: Bool {
        switch self {
        case .ok: true
        case .status(let code): code < 500
        case .rateLimited, .unreachable: false
        }
    }

    func finding(url: String, timeout: Double) -> (Severity, String, String, String?)? {
        switch self {
        case .ok(_, nil):
            return nil
        case .ok(_, let movedTo?):
            return (
                .warning, "'\(url)' has moved permanently to '\(movedTo)'", "external.moved",
                "link to the new address"
            )
        case .status(let code):
            let reason = HTTPURLResponse.localizedString(forStatusCode: code)
            return (.error, "'\(url)' answers \(code) \(reason)", "external.status", nil)
        case .rateLimited:
            return (
                .warning, "'\(url)' answers 429 Too Many Requests; not checked", "external.rate-limited",
                "run the check again later, or add the host to link_check.ignore in site.yml"
            )
        case .unreachable(let reason, let timedOut):
            let message =
                timedOut
                ? "'\(url)' did not answer within \(formatSeconds(timeout))" : "'\(url)' is unreachable: \(reason)"
            return (.error, message, "external.unreachable", nil)
        }
    }
}

private func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
}

/// The cache file: `{"version": 1, "entries": {"<url>": {"checked": <ISO 8601>, "outcome": …}}}`.
struct LinkCache: Codable {
    struct Entry: Codable {
        var checked: Date
        var outcome: Outcome
    }
    var version = 1
    var entries: [String: Entry] = [:]

    static func load(_ path: String?) -> LinkCache {
        guard let path, let data = FileManager.default.contents(atPath: path) else { return LinkCache() }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let cache = try? decoder.decode(LinkCache.self, from: data), cache.version == 1 else {
            return LinkCache()
        }
        return cache
    }

    /// Writes the cache without entries older than `maximumAge`; a failure only costs a re-check.
    func save(_ path: String, now: Date, maximumAge: Double) {
        var kept = self
        kept.entries = entries.filter { now.timeIntervalSince($0.value.checked) < maximumAge }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(kept) else { return }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// Keeps at most `limit` requests per host in flight and spaces their starts.
actor HostGate {
    private let limit: Int
    private let interval: Double
    private var active: [String: Int] = [:]
    private var nextStart: [String: ContinuousClock.Instant] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(limit: Int, interval: Double) {
        self.limit = max(1, limit)
        self.interval = max(0, interval)
    }

    func enter(_ host: String) async {
        if active[host, default: 0] >= limit {
            await withCheckedContinuation { waiting[host, default: []].append($0) }
        } else {
            active[host, default: 0] += 1
        }
        let now = ContinuousClock.now
        let start = max(now, nextStart[host] ?? now)
        nextStart[host] = start.advanced(by: .milliseconds(Int(interval * 1000)))
        if start > now { try? await Task.sleep(until: start, clock: .continuous) }
    }

    func leave(_ host: String) {
        if var queue = waiting[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[host] = queue
            next.resume()  // the slot passes to the waiter; `active` stays the same
        } else {
            active[host, default: 1] -= 1
        }
    }
}

/// Stops URLSession from following redirects, so each hop is seen and permanent ones reported.
final class RedirectStopper: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

/// One hop's result: an HTTP answer to act on, or a final outcome.
enum Hop {
    case answer(status: Int, location: String?)
    case done(Outcome)
}

struct Fetcher: Sendable {
    let options: ExternalCheckOptions
    let session: URLSession
    let gate: HostGate

    init(options: ExternalCheckOptions) {
        self.options = options
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = options.timeout
        configuration.timeoutIntervalForResource = options.timeout * 2
        configuration.httpMaximumConnectionsPerHost = max(1, options.hostConcurrency)
        configuration.httpAdditionalHeaders = ["User-Agent": "gids-link-check/0.1 (+static site link checker)"]
        session = URLSession(configuration: configuration, delegate: RedirectStopper(), delegateQueue: nil)
        gate = HostGate(limit: options.hostConcurrency, interval: options.hostInterval)
    }

    /// Every URL's outcome; at most `options.concurrency` in flight.
    func fetchAll(_ urls: [String]) async -> [(String, Outcome)] {
        await withTaskGroup(of: (String, Outcome).self) { group in
            var results: [(String, Outcome)] = []
            var pending = urls[...]
            for _ in 0..<max(1, options.concurrency) {
                guard let url = pending.popFirst() else { break }
                group.addTask { (url, await self.check(url)) }
            }
            while let result = await group.next() {
                results.append(result)
                if let url = pending.popFirst() { group.addTask { (url, await self.check(url)) } }
            }
            return results
        }
    }

    func check(_ text: String) async -> Outcome {
        let written = text.hasPrefix("//") ? "https:" + text : text
        guard var url = URL(string: written), url.host != nil else {
            return .unreachable("not a valid URL", timedOut: false)
        }
        var movedTo: String?
        var permanentSoFar = true
        for _ in 0...options.maximumRedirects {
            let answer = await request(url)
            switch answer {
            case .done(let outcome):
                return outcome
            case .answer(let status, let location):
                if (300..<400).contains(status), status != 304, let location,
                    let next = URL(string: location, relativeTo: url)?.absoluteURL
                {
                    permanentSoFar = permanentSoFar && (status == 301 || status == 308)
                    url = next
                    if permanentSoFar { movedTo = next.absoluteString }
                    continue
                }
                if (200..<400).contains(status) { return .ok(status: status, movedTo: movedTo) }
                return .status(status)
            }
        }
        return .unreachable("more than \(options.maximumRedirects) redirects", timedOut: false)
    }

    /// One hop: HEAD, then GET when HEAD is refused or fails; retries on 429, 5xx and no answer.
    private func request(_ url: URL) async -> Hop {
        var method = "HEAD"
        var attempt = 0
        while true {
            let answer = await send(url, method: method)
            switch answer {
            case .success(let response):
                let status = response.statusCode
                if method == "HEAD" && status >= 400 && status != 429 {
                    method = "GET"  // many servers answer HEAD with 403, 404 or 405 but serve GET
                    continue
                }
                if status == 429 || status >= 500 {
                    guard attempt < options.retries else {
                        return status == 429 ? .done(.rateLimited) : .answer(status: status, location: nil)
                    }
                    let wait = retryAfter(response) ?? options.backoff * pow(2, Double(attempt))
                    if wait > options.maximumRetryAfter { return .done(.rateLimited) }
                    attempt += 1
                    try? await Task.sleep(for: .milliseconds(Int(wait * 1000)))
                    continue
                }
                return .answer(status: status, location: response.value(forHTTPHeaderField: "Location"))
            case .failure(let error):
                guard attempt < options.retries else {
                    let timedOut = (error as? URLError)?.code == .timedOut
                    return .done(.unreachable(describe(error), timedOut: timedOut))
                }
                attempt += 1
                try? await Task.sleep(for: .milliseconds(Int(options.backoff * pow(2, Double(attempt - 1)) * 1000)))
            }
        }
    }

    private func send(_ url: URL, method: String) async -> Result<HTTPURLResponse, Error> {
        var request = URLRequest(url: url, timeoutInterval: options.timeout)
        request.httpMethod = method
        let host = url.host ?? ""
        await gate.enter(host)
        defer { Task { await gate.leave(host) } }
        do {
            let (_, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                return .failure(URLError(.badServerResponse))
            }
            return .success(http)
        } catch {
            return .failure(error)
        }
    }

    /// `Retry-After` in seconds, from a number or an HTTP date (RFC 9110 §10.2.3).
    private func retryAfter(_ response: HTTPURLResponse) -> Double? {
        guard let value = response.value(forHTTPHeaderField: "Retry-After")?.trimmingCharacters(in: .whitespaces)
        else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }

    private func describe(_ error: Error) -> String {
        guard let urlError = error as? URLError else { return "\(error)" }
        switch urlError.code {
        case .cannotFindHost, .dnsLookupFailed: return "unknown host"
        case .cannotConnectToHost: return "connection refused"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate:
            return "TLS certificate problem"
        case .timedOut: return "timed out"
        default: return "network error \(urlError.code.rawValue)"
        }
    }
}
