// swift-tools-version:6.0
// How fast swift-mustache renders the same template from different kinds of context: run from
// the repository root, after a build of gids has fetched the packages (.build/checkouts):
//   swift run -c release --package-path Benchmarks/build/mustache-contexts
import PackageDescription

let package = Package(
    name: "mustache-contexts",
    dependencies: [.package(path: "../../../.build/checkouts/swift-mustache")],
    targets: [
        .executableTarget(
            name: "mustache-contexts", dependencies: [.product(name: "Mustache", package: "swift-mustache")])
    ]
)
