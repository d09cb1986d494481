import FairData
import Foundation
import Testing
@testable import FairREPL

@Suite("datasets")
struct DatasetsCommandTests {
    @Test("without a data directory: how to configure one, and the built-in list")
    func notConfigured() {
        let output = run(makeInterpreter(), "datasets").output
        #expect(output.hasPrefix("data directory: not configured; set one with 'set data-dir DIR', the FAIR_DATA_DIR environment variable, or 'fair --data-dir DIR'"))
        #expect(output.contains("synthetic   built in     generated (load synthetic --mode, --rows, --seed)"))
        #expect(output.contains("compas      no data dir  compas/compas-scores-two-years.csv"))
    }

    @Test("with a data directory: where it points, where it comes from, and which files are there")
    func configured() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("compas"), withIntermediateDirectories: true)
        try directory.write("", to: "compas/compas-scores-two-years.csv")
        let repl = DomainFixtures.session([], variables: ["FAIR_DATA_DIR": directory.path])
        let output = run(repl, "datasets").output
        #expect(output.hasPrefix("data directory: \(directory.path) (from FAIR_DATA_DIR)"))
        #expect(output.contains("compas      present"))
        #expect(output.contains("adult       missing"))
        run(repl, "set data-dir \(directory.path)/none")
        #expect(run(repl, "datasets").output.hasPrefix(
            "data directory: \(directory.path)/none (from set data-dir) does not exist; point it at the folder holding compas/, uci-adult/, … with 'set data-dir DIR'"))
    }

    @Test(
        "the real datasets load from FAIR_DATA_DIR",
        .enabled(if: ProcessInfo.processInfo.environment["FAIR_DATA_DIR"] != nil, "set FAIR_DATA_DIR to run it"))
    func realDatasets() {
        let repl = DomainFixtures.session([], variables: ProcessInfo.processInfo.environment)
        #expect(run(repl, "load compas").output.hasPrefix("loaded compas: 6,172 rows"))
        #expect(run(repl, "split --stratify").output.contains("pool"))
    }
}
