// swift-tools-version: 6.1
// FairMTL: fair multi-task learning via Wasserstein barycenters.
// Module layout and data flow: README.md, section "Architecture".
import PackageDescription

let package = Package(
    name: "FairMTL",
    products: [
        .library(name: "FairCore", targets: ["FairCore"]),
        .library(name: "FairData", targets: ["FairData"]),
        .library(name: "FairNet", targets: ["FairNet"]),
        .library(name: "FairPlot", targets: ["FairPlot"]),
        .library(name: "FairREPL", targets: ["FairREPL"]),
        .executable(name: "fair", targets: ["fair"]),
        .executable(name: "fair-bench", targets: ["fair-bench"]),
    ],
    dependencies: [
        // Markdown -> HTML for the Book (`fair book`).
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        // MARK: Libraries
        // Distributions, 1-D transport, barycenter repair, fairness metrics. No dependencies; never prints.
        .target(name: "FairCore"),
        // Tables, CSV, feature encoding, splits, label masks, data directory, dataset recipes. Never prints.
        .target(name: "FairData", dependencies: ["FairCore"]),
        // OpenBLAS's CBLAS interface (system package libopenblas-dev, installed by .ci/install-deps).
        .systemLibrary(name: "COpenBLAS"),
        // Multi-task networks with YOTO (FiLM) task-weight conditioning: training, prediction, metrics,
        // lambda calibration, model files. Knows nothing about tables or fairness; never prints.
        .target(name: "FairNet", dependencies: ["FairCore", "COpenBLAS"], exclude: ["README.md"]),
        // Terminal (ASCII, Braille) and SVG charts: CDFs, transport maps, histograms, trade-offs. Pure functions.
        .target(name: "FairPlot"),
        // The REPL core: interpreter, command registry, workspace, expect language, lessons, the Book
        // writer (Ink renders its HTML). No terminal I/O.
        .target(
            name: "FairREPL",
            dependencies: ["FairCore", "FairData", "FairNet", "FairPlot", .product(name: "Ink", package: "Ink")]),

        // MARK: Executables
        // GNU readline, found on the default include and library paths; no pkgConfig (REPL-AND-LESSONS.md §3.2).
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        // `fair`: interactive front end (readline), script modes, lessons, demo.
        .executableTarget(name: "fair", dependencies: ["FairREPL", "FairCore", "CReadline"]),
        // Release-mode benchmarks in the peers' JSON-lines format (../shared/bench/README.md).
        .executableTarget(name: "fair-bench", dependencies: ["FairCore", "FairData", "FairNet"], exclude: ["README.md"]),

        // MARK: Tests
        .testTarget(name: "FairCoreTests", dependencies: ["FairCore"]),
        .testTarget(name: "FairDataTests", dependencies: ["FairData", "FairCore"]),
        .testTarget(name: "FairNetTests", dependencies: ["FairNet", "FairCore"]),
        // FairCore only for its seeded generator (property tests over many seeds).
        .testTarget(name: "FairPlotTests", dependencies: ["FairPlot", "FairCore"]),
        // Depends on `fair` so that the binary is built before the script-mode and terminal tests run it.
        .testTarget(name: "FairREPLTests", dependencies: ["FairREPL", "FairCore", "FairData", "FairNet", "FairPlot", "fair"]),
    ],
    swiftLanguageModes: [.v6]
)
