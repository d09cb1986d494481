// swift-tools-version: 6.1
// FairMTL: fair multi-task learning via Wasserstein barycenters.
// Module layout and data flow: README.md, section "Architecture".
import PackageDescription

let package = Package(
    name: "FairMTL",
    products: [
        .library(name: "FairCore", targets: ["FairCore"]),
        .library(name: "FairNet", targets: ["FairNet"]),
        .executable(name: "fair", targets: ["fair"]),
        .executable(name: "fair-bench", targets: ["fair-bench"]),
    ],
    targets: [
        // Distributions, 1-D transport, barycenter repair, fairness metrics. No dependencies; never prints.
        .target(name: "FairCore"),
        // OpenBLAS's CBLAS interface (system package libopenblas-dev, installed by .ci/install-deps).
        .systemLibrary(name: "COpenBLAS"),
        // Multi-task networks with YOTO (FiLM) task-weight conditioning: training, prediction, metrics,
        // lambda calibration, model files. Knows nothing about tables or fairness; never prints.
        .target(name: "FairNet", dependencies: ["FairCore", "COpenBLAS"], exclude: ["README.md"]),
        .executableTarget(name: "fair", dependencies: ["FairCore"]),
        // Release-mode benchmarks in the peers' JSON-lines format (../shared/bench/README.md).
        .executableTarget(name: "fair-bench", dependencies: ["FairCore", "FairNet"]),
        .testTarget(name: "FairCoreTests", dependencies: ["FairCore"]),
        .testTarget(name: "FairNetTests", dependencies: ["FairNet", "FairCore"]),
    ],
    swiftLanguageModes: [.v6]
)
