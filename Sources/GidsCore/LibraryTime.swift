import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CPU time spent inside the libraries the project must use (`gids build --timings`), so a
/// profile tells their share from gids's own code. Off by default: reading a thread's CPU clock
/// costs a system call (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`, POSIX.1-2008), about a
/// microsecond here, twice per measured call.
public enum LibraryTime {
    /// The measured libraries; each is timed around its own calls only.
    public enum Library: Int, CaseIterable, Sendable {
        /// `Yams.compose`: the YAML parser and composer (libyaml inside), per front-matter block.
        case yams
        /// `cmark_parse_document` and `cmark_render_html` (CommonMark 0.30), per parse or render.
        case cmark
        /// `MustacheLibrary.render` (swift-mustache), per template rendered, partials included.
        case mustache
        /// `sb_stemmer_stem` (Snowball Dutch stemmer), per distinct word of a chunk.
        case stemmer

        /// What the library is called in reports: `Yams`, `libcmark`, `swift-mustache`, `libstemmer`.
        public var name: String {
            switch self {
            case .yams: "Yams"
            case .cmark: "libcmark"
            case .mustache: "swift-mustache"
            case .stemmer: "libstemmer"
            }
        }
    }

    private static let isOn = Atomic<Bool>(false)
    private static let yams = Atomic<Int>(0)
    private static let cmark = Atomic<Int>(0)
    private static let mustache = Atomic<Int>(0)
    private static let stemmer = Atomic<Int>(0)
    /// Per library and detail (a template's name): calls and nanoseconds.
    private static let details = Mutex<[Library: [String: (calls: Int, nanoseconds: Int)]]>([:])

    /// Starts measuring from zero (`true`) or stops (`false`); totals stay readable after stopping.
    public static func enable(_ on: Bool) {
        if on {
            yams.store(0, ordering: .relaxed)
            cmark.store(0, ordering: .relaxed)
            mustache.store(0, ordering: .relaxed)
            stemmer.store(0, ordering: .relaxed)
            details.withLock { $0 = [:] }
        }
        isOn.store(on, ordering: .relaxed)
    }

    /// Whether calls are being measured.
    public static var isEnabled: Bool { isOn.load(ordering: .relaxed) }

    /// Runs `body`, adding the calling thread's CPU time during it to `library`'s total when
    /// measuring is on.
    @inline(__always)
    public static func measure<T>(_ library: Library, _ body: () throws -> T) rethrows -> T {
        guard isOn.load(ordering: .relaxed) else { return try body() }
        let start = threadCPUNanoseconds()
        defer { add(threadCPUNanoseconds() - start, to: library) }
        return try body()
    }

    /// Like ``measure(_:_:)``, and also counts the call and its time under `detail` (e.g. the
    /// template rendered), for ``details(_:)``.
    public static func measure<T>(_ library: Library, detail: String, _ body: () throws -> T) rethrows -> T {
        guard isOn.load(ordering: .relaxed) else { return try body() }
        let start = threadCPUNanoseconds()
        defer {
            let spent = threadCPUNanoseconds() - start
            add(spent, to: library)
            details.withLock {
                let old = $0[library, default: [:]][detail] ?? (0, 0)
                $0[library, default: [:]][detail] = (old.calls + 1, old.nanoseconds + spent)
            }
        }
        return try body()
    }

    /// The calls measured with a detail for `library` since ``enable(_:)``: per detail, the
    /// number of calls and their CPU seconds, most seconds first (ties by name).
    public static func details(_ library: Library) -> [(detail: String, calls: Int, seconds: Double)] {
        details.withLock { $0[library] ?? [:] }
            .map { (detail: $0.key, calls: $0.value.calls, seconds: Double($0.value.nanoseconds) / 1e9) }
            .sorted { ($0.seconds, $1.detail) > ($1.seconds, $0.detail) }
    }

    /// CPU seconds measured for `library` (all threads together) since ``enable(_:)``.
    public static func seconds(_ library: Library) -> Double {
        let nanoseconds =
            switch library {
            case .yams: yams.load(ordering: .relaxed)
            case .cmark: cmark.load(ordering: .relaxed)
            case .mustache: mustache.load(ordering: .relaxed)
            case .stemmer: stemmer.load(ordering: .relaxed)
            }
        return Double(nanoseconds) / 1e9
    }

    private static func add(_ nanoseconds: Int, to library: Library) {
        switch library {
        case .yams: yams.add(nanoseconds, ordering: .relaxed)
        case .cmark: cmark.add(nanoseconds, ordering: .relaxed)
        case .mustache: mustache.add(nanoseconds, ordering: .relaxed)
        case .stemmer: stemmer.add(nanoseconds, ordering: .relaxed)
        }
    }

    private static func threadCPUNanoseconds() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
    }
}
