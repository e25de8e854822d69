import Foundation
import GidsCore
import GidsExternalCheck
import GidsLinks
import GidsSiteCheck

/// What `gids check` checks: the sources, a built site, or both; external links on request.
public struct CheckOptions: Sendable {
    /// The content folder for the source-level check; nil skips it.
    public var contentDirectory: String?
    public var templatesDirectory: String
    /// A built site (any generator's) for the output-level check; nil skips it.
    public var siteDirectory: String?
    /// URL path the site is served under, for root-relative links; defaults to the path of the
    /// site file's `base_url` when the sources are checked too.
    public var basePath: String?
    /// The site's public address: links starting with it are checked as local files.
    public var baseURL: String?
    /// Settings for fetching external links; nil: they are only counted.
    public var external: ExternalCheckOptions?

    public init(
        contentDirectory: String? = "content", templatesDirectory: String = "templates",
        siteDirectory: String? = nil, basePath: String? = nil, baseURL: String? = nil,
        external: ExternalCheckOptions? = nil
    ) {
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.siteDirectory = siteDirectory
        self.basePath = basePath
        self.baseURL = baseURL
        self.external = external
    }
}

/// A configuration problem that stops the check before it starts (exit code 2).
public struct CheckConfigurationError: Error, CustomStringConvertible {
    public let description: String
}

/// Runs the source-level check (everything `gids build` validates, writing nothing), the
/// output-level check of a built site, and, with ``CheckOptions/external``, the external check.
/// Both levels share ``LinkRules``. An external URL written in the sources is reported at its
/// Markdown or YAML position only, not again at every page that shows it.
///
/// Throws ``CheckConfigurationError`` for a site folder that cannot be read or an ignore pattern
/// that is not a regular expression.
public func runCheck(_ options: CheckOptions) async throws -> Report {
    var diagnostics: [Diagnostic] = []
    var checkedFiles: [String] = []
    var statistics: [String: Int] = [:]
    var external: [ExternalReference] = []
    // The sources' external URLs; their positions only for the external check.
    var sourceURLs = Set<String>()
    var ignore = options.external?.ignore ?? []
    var basePath = options.basePath
    if let content = options.contentDirectory {
        let build = runBuild(
            BuildOptions(
                contentDirectory: content, templatesDirectory: options.templatesDirectory, write: false,
                locatesExternalLinks: options.external != nil))
        diagnostics += build.diagnostics
        checkedFiles += build.sourceFiles
        external += build.externalReferences
        sourceURLs = Set(build.externalLinks)
        ignore += build.linkCheckIgnore
        basePath = basePath ?? build.basePath
        statistics["sources"] = build.sourceFiles.count
    }
    if let site = options.siteDirectory {
        let result = checkSite(SiteCheckOptions(root: site, basePath: basePath, baseURL: options.baseURL))
        if result.diagnostics.contains(where: { $0.code == "site.unreadable" }) {
            throw CheckConfigurationError(description: "\(site): not a folder, or not readable")
        }
        diagnostics += result.diagnostics
        checkedFiles += result.htmlFiles
        statistics["pages"] = result.htmlFiles.count
        statistics["links"] = result.referenceCount
        external += result.externalReferences.filter { !sourceURLs.contains($0.url) }
    }
    statistics["external"] = sourceURLs.union(external.map(\.url)).count
    if var settings = options.external {
        settings.ignore = ignore
        do {
            let result = try await checkExternal(external, options: settings)
            diagnostics += result.diagnostics
            statistics["fetched"] = result.fetched
            statistics["cached"] = result.cached
            statistics["ignored"] = result.ignored
        } catch let error as IgnorePatternError {
            throw CheckConfigurationError(description: error.description)
        }
    }
    return Report(diagnostics: diagnostics, checkedFiles: checkedFiles, statistics: statistics)
}
