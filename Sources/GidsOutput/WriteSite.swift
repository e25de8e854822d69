import Foundation
import GidsCore

#if canImport(Glibc)
    import Glibc
#endif

/// A file every gids site has at its root; its presence marks a folder gids may replace.
public let siteMarker = SitePath.searchIndex

/// Why the write stage could not write the site. The previous output is intact in every case.
public struct OutputError: Error, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): error: \(message)" }
}

/// The write stage, the only code that writes to the output folder.
///
/// Files go to a fresh temporary folder beside `output` (`.site.tmp-<pid>`), which then takes
/// the place of `output` in one rename (Linux `renameat2` with `RENAME_EXCHANGE` where the file
/// system allows it, else two renames). So a failed or interrupted build leaves the previous
/// site as it was, and a reader never sees a half-written site. Leftover temporary folders of
/// earlier interrupted builds are removed first.
///
/// - Parameters:
///   - files: site path → contents.
///   - copies: site path → file on disk to copy.
///   - output: the output folder (`site`).
///   - protectedPaths: folders that `output` must not be, contain or lie in (content, templates).
/// - Throws: ``OutputError`` when a file cannot be written, `output` is or lies in a protected
///   folder, or `output` is an existing, non-empty folder without ``siteMarker`` (not a site
///   that gids built, so replacing it could lose someone's files).
public func writeSite(files: [String: Data], copies: [String: String], to output: String, protectedPaths: [String])
    throws
{
    let fileManager = FileManager.default
    let outputURL = URL(fileURLWithPath: output).standardizedFileURL
    let outputPath = outputURL.path
    for protected in protectedPaths {
        let path = URL(fileURLWithPath: protected).standardizedFileURL.path
        if path == outputPath || path.hasPrefix(outputPath + "/") || outputPath == "/" {
            throw OutputError(path: output, message: "refusing to replace '\(output)': it holds \(protected)")
        }
        if outputPath.hasPrefix(path + "/") {
            throw OutputError(path: output, message: "the output folder may not lie inside \(protected)")
        }
    }
    var isDirectory: ObjCBool = false
    if fileManager.fileExists(atPath: outputPath, isDirectory: &isDirectory) {
        let entries = (try? fileManager.contentsOfDirectory(atPath: outputPath)) ?? []
        if !isDirectory.boolValue {
            throw OutputError(
                path: output, message: "refusing to replace '\(output)': it is a file, not a folder; choose a folder")
        }
        if !entries.isEmpty && !entries.contains(siteMarker) {
            throw OutputError(
                path: output,
                message: "refusing to replace '\(output)': it exists and is not a site built by gids "
                    + "(no \(siteMarker)); choose a new folder or empty this one")
        }
    }
    let parent = outputURL.deletingLastPathComponent().path
    let name = outputURL.lastPathComponent
    try? fileManager.createDirectory(atPath: parent, withIntermediateDirectories: true)
    // Leftovers of builds that were killed before they could clean up.
    for entry in (try? fileManager.contentsOfDirectory(atPath: parent)) ?? []
    where entry.hasPrefix(".\(name).tmp-") || entry.hasPrefix(".\(name).old-") {
        try? fileManager.removeItem(atPath: parent + "/" + entry)
    }
    let pid = ProcessInfo.processInfo.processIdentifier
    let temporary = parent + "/.\(name).tmp-\(pid)"
    let old = parent + "/.\(name).old-\(pid)"
    do {
        try fileManager.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        var directories = Set<String>()
        // One mkdir per folder, parents first (FileManager's checks per call cost as much as
        // writing the files, for a site with a folder per page).
        func makeDirectory(_ directory: String) throws {
            guard !directory.isEmpty, directories.insert(directory).inserted else { return }
            try makeDirectory(SitePath.directory(of: String(directory.dropLast())))
            if mkdir(temporary + "/" + directory, 0o755) != 0 && errno != EEXIST {
                throw OutputError(path: output + "/" + directory, message: "cannot create the folder")
            }
        }
        func ensureDirectory(for sitePath: String) throws {
            try makeDirectory(SitePath.directory(of: sitePath))
        }
        let sorted = files.sorted(by: { $0.key < $1.key })
        for (path, _) in sorted { try ensureDirectory(for: path) }
        // Plain writes, in parallel: the folder as a whole is what is swapped in atomically, so
        // each file needs no temporary copy or fsync of its own.
        let failures = sorted.concurrentMap { path, data -> String? in
            writeFile(temporary + "/" + path, data) ? nil : path
        }
        if let failed = failures.compactMap({ $0 }).first {
            throw OutputError(path: output + "/" + failed, message: "cannot write file")
        }
        for (path, source) in copies.sorted(by: { $0.key < $1.key }) where files[path] == nil {
            try ensureDirectory(for: path)
            try fileManager.copyItem(atPath: source, toPath: temporary + "/" + path)
        }
    } catch let error as OutputError {
        try? fileManager.removeItem(atPath: temporary)
        throw error
    } catch {
        try? fileManager.removeItem(atPath: temporary)
        throw OutputError(path: output, message: "cannot write the site: \(error.localizedDescription)")
    }
    if fileManager.fileExists(atPath: outputPath) {
        if exchange(temporary, outputPath) {
            try? fileManager.removeItem(atPath: temporary)  // now holds the previous site
            return
        }
        do {
            try fileManager.moveItem(atPath: outputPath, toPath: old)
        } catch {
            try? fileManager.removeItem(atPath: temporary)
            throw OutputError(path: output, message: "cannot replace the previous site: \(error.localizedDescription)")
        }
    }
    do {
        try fileManager.moveItem(atPath: temporary, toPath: outputPath)
    } catch {
        if fileManager.fileExists(atPath: old) { try? fileManager.moveItem(atPath: old, toPath: outputPath) }
        try? fileManager.removeItem(atPath: temporary)
        throw OutputError(path: output, message: "cannot move the new site into place: \(error.localizedDescription)")
    }
    try? fileManager.removeItem(atPath: old)
}

/// Writes `data` to a new file at `path` (mode 0644); false on any error.
private func writeFile(_ path: String, _ data: Data) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    return data.withUnsafeBytes { buffer -> Bool in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }
}

/// Swaps two paths in one step (Linux `renameat2(RENAME_EXCHANGE)`); false where unsupported.
private func exchange(_ a: String, _ b: String) -> Bool {
    #if os(Linux)
        let renameExchange: UInt32 = 2  // RENAME_EXCHANGE, linux/fs.h
        let atCurrentDirectory: Int32 = -100  // AT_FDCWD
        // glibc ≥ 2.28 has renameat2, but its declaration needs _GNU_SOURCE, so look it up.
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        return renameat2(atCurrentDirectory, a, atCurrentDirectory, b, renameExchange) == 0
    #else
        return false
    #endif
}
