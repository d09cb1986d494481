// swift-tools-version: 6.1
// FairMTL: fair multi-task learning via Wasserstein barycenters.
// Module layout and data flow: README.md, section "Architecture".
import PackageDescription

let package = Package(
    name: "FairMTL",
    products: [
        .library(name: "FairCore", targets: ["FairCore"]),
        .executable(name: "fair", targets: ["fair"]),
    ],
    targets: [
        // Distributions, 1-D transport, barycenter repair, fairness metrics. No dependencies; never prints.
        .target(name: "FairCore"),
        .executableTarget(name: "fair", dependencies: ["FairCore"]),
        .testTarget(name: "FairCoreTests", dependencies: ["FairCore"]),
    ],
    swiftLanguageModes: [.v6]
)
