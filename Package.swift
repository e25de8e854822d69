// swift-tools-version: 6.0
// One target per pipeline stage: load → front matter → markdown → graph → validate → render → index → write.
import PackageDescription

let package = Package(
    name: "gids",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gids", targets: ["gids"])
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // C libraries from Debian: libcmark-gfm-dev and libcmark-gfm-extensions-dev (GitHub Flavored
        // Markdown 0.29, cmark's C API) and libstemmer-dev (Snowball).
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        // libxml2's HTML parser (Debian libxml2-dev), for reading built HTML.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        .target(name: "GidsDiagnostics"),
        .target(name: "GidsCore", dependencies: ["GidsDiagnostics"]),
        .target(name: "GidsLinks", dependencies: ["GidsCore"]),
        .target(name: "GidsHTML", dependencies: ["CLibXML2", "GidsCore", "GidsLinks"]),
        .target(name: "GidsLoad", dependencies: ["GidsCore"]),
        .target(name: "GidsFrontMatter", dependencies: ["GidsLoad", "Yams"]),
        .target(name: "GidsMarkdown", dependencies: ["GidsCore", "GidsHTML", "GidsLinks", "CCmarkGFM"]),
        .target(name: "GidsGraph", dependencies: ["GidsFrontMatter", "GidsMarkdown", "GidsLinks"]),
        .target(name: "GidsValidation", dependencies: ["GidsGraph", "GidsHTML"]),
        // Mustache (spec 1.3 without optional modules): parsed, checked against typed contexts, rendered.
        .target(name: "GidsTemplates", dependencies: ["GidsCore"]),
        // The site plan: every route (page kind) with its output file, between graph and render.
        .target(name: "GidsPlan", dependencies: ["GidsGraph"]),
        .target(name: "GidsRender", dependencies: ["GidsGraph", "GidsPlan", "GidsLinks", "GidsTemplates"]),
        .target(name: "GidsSearch", dependencies: ["GidsGraph", "CStemmer"]),
        .target(name: "GidsOutput", dependencies: ["GidsCore"]),
        // Checks after the build: any built HTML site, and external links over HTTP.
        .target(name: "GidsSiteCheck", dependencies: ["GidsLinks", "GidsHTML"]),
        .target(name: "GidsExternalCheck", dependencies: ["GidsLinks"]),
        .target(
            name: "GidsBuild",
            dependencies: [
                "GidsLoad", "GidsFrontMatter", "GidsMarkdown", "GidsGraph", "GidsValidation",
                "GidsPlan", "GidsRender", "GidsSearch", "GidsOutput", "GidsSiteCheck", "GidsExternalCheck", "Yams",
                // Hugo's hugo.toml / config.toml, read by `gids init --from`.
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        // `gids serve`: the preview server (FlyingFox), file watching (inotify) and rebuilds.
        .target(name: "GidsServe", dependencies: ["GidsBuild", .product(name: "FlyingFox", package: "FlyingFox")]),
        .executableTarget(
            name: "gids",
            dependencies: [
                "GidsBuild", "GidsServe", "GidsExternalCheck",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc (Debian libjemalloc-dev) takes over malloc for the whole process: a 10,000-page
            // build spends about 8 % less time than with glibc's allocator, at the same peak memory.
            linkerSettings: [.linkedLibrary("jemalloc")]),

        // libFuzzer targets (`make fuzz` builds them with -sanitize=fuzzer -DFUZZING); a normal
        // build makes replay tools that run a corpus, used by the regression tests.
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzFrontMatter", dependencies: ["GidsFrontMatter", "FuzzSupport"]),
        .executableTarget(name: "FuzzLinks", dependencies: ["GidsGraph", "GidsHTML", "GidsLinks", "FuzzSupport"]),
        .executableTarget(name: "FuzzSlug", dependencies: ["GidsCore", "FuzzSupport"]),
        .executableTarget(name: "FuzzMarkdown", dependencies: ["GidsMarkdown", "GidsHTML", "FuzzSupport"]),

        .testTarget(name: "GidsCoreTests", dependencies: ["GidsCore"]),
        .testTarget(name: "GidsLinksTests", dependencies: ["GidsLinks", "GidsHTML", "GidsDiagnostics"]),
        .testTarget(
            name: "GidsCheckTests", dependencies: ["GidsBuild", "GidsCore", "GidsSiteCheck", "GidsExternalCheck"],
            exclude: ["Fixtures"]),
        .testTarget(name: "GidsLoadTests", dependencies: ["GidsLoad"]),
        .testTarget(name: "GidsFrontMatterTests", dependencies: ["GidsFrontMatter"]),
        .testTarget(name: "GidsMarkdownTests", dependencies: ["GidsMarkdown", "GidsCore"]),
        .testTarget(name: "GidsTemplatesTests", dependencies: ["GidsTemplates"]),
        .testTarget(name: "GidsRenderTests", dependencies: ["GidsRender", "GidsTemplates"]),
        .testTarget(name: "GidsSearchTests", dependencies: ["GidsSearch"]),
        .testTarget(
            name: "GidsBuildTests",
            dependencies: ["GidsBuild", "GidsFrontMatter", "GidsPlan", "GidsRender", "GidsSearch", "GidsSiteCheck"],
            exclude: ["Fixtures"]),
        .testTarget(name: "GidsServeTests", dependencies: ["GidsServe", "GidsBuild"]),
    ]
)
