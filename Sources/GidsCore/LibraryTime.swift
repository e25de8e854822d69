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
        /// libcmark-gfm parsing (`cmark_parser_finish`) and `cmark_render_html` (GFM 0.29), per parse or render.
        case cmark
        /// Mustache rendering (GidsTemplates), per template rendered, partials included.
        case mustache
        /// `sb_stemmer_stem` (Snowball Dutch stemmer), per distinct word of a chunk.
        case stemmer

        /// What the library is called in reports: `Yams`, `libcmark-gfm`, `Mustache templates`, `libstemmer`.
        public var name: String {
            switch self {
            case .yams: "Yams"
            case .cmark: "libcmark-gfm"
            case .mustache: "Mustache templates"
            case .stemmer: "libstemmer"
            }
        }
    }

    private static let isOn = Atomic<Bool>(false)
    /// Per library and detail (a template's name; "" for calls measured without one): calls
    /// and nanoseconds. A lock per measured call is cheap beside the clock reads around it.
    private static let totals = Mutex<[Library: [String: (calls: Int, nanoseconds: Int)]]>([:])

    /// Starts measuring from zero (`true`) or stops (`false`); totals stay readable after stopping.
    public static func enable(_ on: Bool) {
        if on { totals.withLock { $0 = [:] } }
        isOn.store(on, ordering: .relaxed)
    }

    /// Whether calls are being measured.
    public static var isEnabled: Bool { isOn.load(ordering: .relaxed) }

    /// Runs `body`, adding the calling thread's CPU time during it to `library`'s total when
    /// measuring is on; with a `detail` (e.g. the template rendered) also to that detail's
    /// count and time, for ``details(_:)``.
    @inline(__always)
    public static func measure<T>(_ library: Library, detail: String = "", _ body: () throws -> T) rethrows -> T {
        guard isOn.load(ordering: .relaxed) else { return try body() }
        let start = threadCPUNanoseconds()
        defer {
            let spent = threadCPUNanoseconds() - start
            totals.withLock {
                let old = $0[library, default: [:]][detail] ?? (0, 0)
                $0[library, default: [:]][detail] = (old.calls + 1, old.nanoseconds + spent)
            }
        }
        return try body()
    }

    /// The calls measured with a detail for `library` since ``enable(_:)``: per detail, the
    /// number of calls and their CPU seconds, most seconds first (ties by name).
    public static func details(_ library: Library) -> [(detail: String, calls: Int, seconds: Double)] {
        totals.withLock { $0[library] ?? [:] }.filter { !$0.key.isEmpty }
            .map { (detail: $0.key, calls: $0.value.calls, seconds: Double($0.value.nanoseconds) / 1e9) }
            .sorted { ($0.seconds, $1.detail) > ($1.seconds, $0.detail) }
    }

    /// CPU seconds measured for `library` (all threads together, with and without a detail)
    /// since ``enable(_:)``.
    public static func seconds(_ library: Library) -> Double {
        Double(totals.withLock { $0[library]?.values.reduce(0) { $0 + $1.nanoseconds } ?? 0 }) / 1e9
    }

    private static func threadCPUNanoseconds() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
    }
}
