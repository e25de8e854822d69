import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Watches folders (recursively) with Linux's inotify(7) and reports the paths that changed,
/// in batches: a batch ends when no event came for `quiet` seconds (editors write a file in
/// several steps). Folders created later are watched too. Hidden files and folders are ignored.
public final class FileWatcher: @unchecked Sendable {
    private let descriptor: Int32
    private var watches: [Int32: String] = [:]
    private let lock = NSLock()
    private let quiet: TimeInterval

    /// Errors: inotify unavailable (not Linux, or out of instances).
    public init(folders: [String], quiet: TimeInterval = 0.02) throws {
        #if canImport(Glibc)
            descriptor = inotify_init1(Int32(IN_CLOEXEC))
        #else
            descriptor = -1
        #endif
        guard descriptor >= 0 else {
            throw NSError(domain: "gids", code: 1, userInfo: [NSLocalizedDescriptionKey: "inotify is not available"])
        }
        self.quiet = quiet
        for folder in folders { addRecursively(folder) }
    }

    private func addRecursively(_ folder: String) {
        #if canImport(Glibc)
            let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB)
            let watch = inotify_add_watch(descriptor, folder, mask)
            guard watch >= 0 else { return }
            lock.withLock { watches[watch] = folder }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names where !name.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                let path = folder + "/" + name
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    addRecursively(path)
                }
            }
        #endif
    }

    /// Reads events forever on a thread of its own and calls `handle` with each batch of changed
    /// paths (sorted, without repeats).
    public func start(_ handle: @escaping @Sendable ([String]) -> Void) {
        let thread = Thread { [self] in
            var pending = Set<String>()
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let timeout = pending.isEmpty ? -1 : Int32(quiet * 1000)
                let ready = poll(&poller, 1, timeout)
                if ready == 0 {
                    handle(pending.sorted())
                    pending = []
                    continue
                }
                guard ready > 0 else { continue }
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { continue }
                pending.formUnion(parse(buffer, count: count))
            }
        }
        thread.name = "gids-watch"
        thread.start()
    }

    /// The paths of the events in `buffer` (struct inotify_event records); new folders are watched.
    private func parse(_ buffer: [UInt8], count: Int) -> [String] {
        var paths: [String] = []
        #if canImport(Glibc)
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += header + length
                guard let folder = lock.withLock({ watches[watch] }), !name.hasPrefix(".") else { continue }
                let path = name.isEmpty ? folder : folder + "/" + name
                if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    addRecursively(path)
                }
                paths.append(path)
            }
        #endif
        return paths
    }
}
