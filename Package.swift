// swift-tools-version: 6.1
// FairMTL: fair multi-task learning via Wasserstein barycenters.
// Module layout and data flow: README.md, section "Architecture".
import PackageDescription

let package = Package(
    name: "FairMTL",
    products: [
        .library(name: "FairSupport", targets: ["FairSupport"]),
        .library(name: "FairCore", targets: ["FairCore"]),
        .library(name: "FairData", targets: ["FairData"]),
        .library(name: "FairNet", targets: ["FairNet"]),
        .library(name: "FairPlot", targets: ["FairPlot"]),
        .library(name: "FairReplication", targets: ["FairReplication"]),
        .library(name: "FairREPL", targets: ["FairREPL"]),
        .executable(name: "fair", targets: ["fair"]),
        .executable(name: "fair-bench", targets: ["fair-bench"]),
    ],
    dependencies: [
        // The `fair` command line: subcommands, options, help, usage errors (exit 64), completion.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `swift package generate-documentation`; a plugin, so it builds only when invoked.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: Libraries
        // What the engines share without knowing about fairness: the seeded generator and keyed
        // noise, atomic file writes, strict JSON reading, group columns, cancellation.
        // No dependencies.
        .target(name: "FairSupport"),
        // Distributions, 1-D transport, barycenter repair, fairness metrics. Re-exports
        // FairSupport; never prints.
        .target(name: "FairCore", dependencies: ["FairSupport"]),
        // Tables, CSV, feature encoding, splits, label masks, data directory, dataset recipes. Never prints.
        .target(name: "FairData", dependencies: ["FairCore", "CFastFloat"]),
        // fast_float (Debian libfast-float-dev, header-only C++, installed by .ci/install-deps)
        // behind one C function: FairData's correctly rounded number parsing.
        .target(name: "CFastFloat"),
        // OpenBLAS's CBLAS interface (system package libopenblas-dev, installed by .ci/install-deps).
        .systemLibrary(name: "COpenBLAS"),
        // Multi-task networks with YOTO (FiLM) task-weight conditioning: training, prediction, metrics,
        // lambda calibration, model files. Knows nothing about tables or fairness; never prints.
        .target(
            name: "FairNet", dependencies: ["FairSupport", "COpenBLAS"], exclude: ["README.md"]),
        // Terminal (ASCII, Braille) and SVG charts: CDFs, transport maps, histograms, trade-offs. Pure functions.
        .target(name: "FairPlot"),
        // The paper's experiments as protocols (COMPAS Table 2, label scarcity Table 1): runs, aggregates,
        // reports as text/Markdown/CSV/JSON and the plot as a FairPlot figure. Its own library, not part of
        // FairREPL, so that the REPL, `fair reproduce` and fair-bench share one implementation without
        // fair-bench linking the interpreter. Never prints; progress goes through a callback.
        .target(name: "FairReplication", dependencies: ["FairCore", "FairData", "FairNet", "FairPlot"]),
        // cmark-gfm, GitHub's CommonMark renderer, with its table/strikethrough/autolink extensions
        // (libcmark-gfm-dev, libcmark-gfm-extensions-dev; installed by .ci/install-deps). No pkgConfig,
        // as for readline: Debian installs it on the default paths.
        .systemLibrary(name: "CCmarkGFM", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        // The REPL core: interpreter, command registry, workspace, expect language, lessons, the Book
        // writer (cmark-gfm renders its prose, KaTeX its math, FairPlot's SVG its figures). No terminal I/O.
        .target(
            name: "FairREPL",
            dependencies: ["FairCore", "FairData", "FairNet", "FairPlot", "FairReplication", "CCmarkGFM"]),

        // MARK: Executables
        // GNU readline, found on the default include and library paths; no pkgConfig (REPL-AND-LESSONS.md §3.2).
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        // `fair`: interactive front end (readline), script modes, lessons, demo.
        .executableTarget(
            name: "fair",
            dependencies: [
                "FairREPL", "FairCore", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Release-mode benchmarks in the peers' JSON-lines format (../shared/bench/README.md).
        .executableTarget(name: "fair-bench", dependencies: ["FairCore", "FairData", "FairNet", "FairReplication"], exclude: ["README.md"]),

        // MARK: Tests
        .testTarget(name: "FairSupportTests", dependencies: ["FairSupport"]),
        .testTarget(name: "FairCoreTests", dependencies: ["FairCore", "FairSupport"]),
        .testTarget(name: "FairDataTests", dependencies: ["FairData", "FairCore"]),
        .testTarget(name: "FairNetTests", dependencies: ["FairNet", "FairSupport"]),
        // FairSupport only for its seeded generator (property tests over many seeds).
        .testTarget(name: "FairPlotTests", dependencies: ["FairPlot", "FairSupport"]),
        // Reduced protocols (2 seeds, few epochs) on the real files; skipped without the datasets.
        .testTarget(name: "FairReplicationTests", dependencies: ["FairReplication", "FairCore", "FairData", "FairNet"]),
        // Depends on `fair` so that the binary is built before the script-mode and terminal tests run it.
        .testTarget(
            name: "FairREPLTests",
            dependencies: ["FairREPL", "FairCore", "FairData", "FairNet", "FairPlot", "fair"],
            exclude: ["Commands/HelpSnapshots"])
    ],
    swiftLanguageModes: [.v6]
)
