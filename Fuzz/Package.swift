// swift-tools-version: 6.1
// Coverage-guided fuzz targets (libFuzzer) for FairMTL's readers and parsers. A package of its
// own, depending on the main one by path, so that `swift build` and `swift test` of the main
// package never see the fuzzer flags. Build and run with `make fuzz` (README, "Reliability");
// the sanitizers are passed on the command line (`--sanitize=fuzzer --sanitize=address`), so that
// they instrument the FairMTL libraries as well as these targets.
import Foundation
import PackageDescription

/// The main package's identity is the name of its folder (e.g. `FairMTL`, or a worktree's name).
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

/// libFuzzer provides `main`; the targets only define `LLVMFuzzerTestOneInput`.
let fuzzSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

func fuzzTarget(_ name: String, _ folder: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name, dependencies: products.map { .product(name: $0, package: mainPackage) },
        path: "Targets/\(folder)", swiftSettings: fuzzSettings)
}

let package = Package(
    name: "FairMTLFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        fuzzTarget("fuzz-csv", "CSV", ["FairData"]),
        fuzzTarget("fuzz-command", "Command", ["FairREPL"]),
        fuzzTarget("fuzz-expression", "Expression", ["FairREPL"]),
        fuzzTarget("fuzz-lesson", "Lesson", ["FairREPL"]),
        fuzzTarget("fuzz-workspace", "Workspace", ["FairREPL"]),
        fuzzTarget("fuzz-repair", "Repair", ["FairCore"]),
        fuzzTarget("fuzz-model", "Model", ["FairNet"]),
    ],
    swiftLanguageModes: [.v6]
)
