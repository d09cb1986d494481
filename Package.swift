// swift-tools-version: 6.1
// FairMTL: fair multi-task learning via Wasserstein barycenters.
// Module layout and data flow: README.md, section "Architecture".
import PackageDescription

let package = Package(
    name: "FairMTL",
    products: [
        .library(name: "FairCore", targets: ["FairCore"]),
        .library(name: "FairData", targets: ["FairData"]),
        .executable(name: "fair", targets: ["fair"]),
        .executable(name: "fair-bench", targets: ["fair-bench"]),
    ],
    targets: [
        // Distributions, 1-D transport, barycenter repair, fairness metrics. No dependencies; never prints.
        .target(name: "FairCore"),
        // Tables, CSV, feature encoding, splits, label masks, data directory, dataset recipes. Never prints.
        .target(name: "FairData", dependencies: ["FairCore"]),
        .executableTarget(name: "fair", dependencies: ["FairCore"]),
        // Release-mode benchmarks in the peers' JSON-lines format (../shared/bench/README.md).
        .executableTarget(name: "fair-bench", dependencies: ["FairCore", "FairData"]),
        .testTarget(name: "FairCoreTests", dependencies: ["FairCore"]),
        .testTarget(name: "FairDataTests", dependencies: ["FairData", "FairCore"]),
    ],
    swiftLanguageModes: [.v6]
)
