import Foundation

/// The site being served: file bytes by site path, content files to read from disk, and a
/// version that grows with every update, with the paths each update changed.
public struct SiteFiles: Sendable {
    public var files: [String: Data] = [:]
    /// Site path → path on disk (content assets, copied as they are in a build).
    public var copies: [String: String] = [:]
    public var version = 0

    public init() {}

    /// The site path a request path names, or nil when it cannot be one of the site's files:
    /// percent-decoded once, and refused with `..` or `.` segments, a backslash, a NUL or
    /// anything that is not valid UTF-8. `/` and paths ending in `/` mean their `index.html`.
    /// Only paths that are keys of ``files`` or ``copies`` are ever answered, so nothing outside
    /// the site can be read.
    public static func sitePath(forRequestPath path: String) -> String? {
        guard let decoded = path.removingPercentEncoding, !decoded.contains("\0"), !decoded.contains("\\") else {
            return nil
        }
        var segments = decoded.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.first == "" else { return nil }
        segments.removeFirst()
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return nil }
        if segments.dropLast().contains("") { return nil }
        var key = segments.joined(separator: "/")
        if key.isEmpty || key.hasSuffix("/") { key += "index.html" }
        return key
    }

    /// The bytes of a site path: built files from memory, content files from their disk path.
    public func contents(of key: String) -> Data? {
        if let data = files[key] { return data }
        if let disk = copies[key] { return FileManager.default.contents(atPath: disk) }
        return nil
    }

    public func contains(_ key: String) -> Bool { files[key] != nil || copies[key] != nil }
}

/// Content types of the files a site holds (IANA media types).
func contentType(of path: String) -> String {
    switch (path as NSString).pathExtension.lowercased() {
    case "html": "text/html; charset=utf-8"
    case "css": "text/css; charset=utf-8"
    case "js": "text/javascript; charset=utf-8"
    case "json": "application/json"
    case "xml": "application/xml"
    case "txt": "text/plain; charset=utf-8"
    case "svg": "image/svg+xml"
    case "png": "image/png"
    case "jpg", "jpeg": "image/jpeg"
    case "gif": "image/gif"
    case "webp": "image/webp"
    case "pdf": "application/pdf"
    case "ico": "image/x-icon"
    default: "application/octet-stream"
    }
}
