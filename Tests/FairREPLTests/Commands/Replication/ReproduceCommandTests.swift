import Foundation
import Testing
@testable import FairREPL

/// The datasets folder for the replication commands (as FairDataTests finds it), or nil.
private let datasets: String? = {
    if let variable = ProcessInfo.processInfo.environment["FAIR_DATA_DIR"], !variable.isEmpty { return variable }
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<5 { root.deleteLastPathComponent() }
    return [root.path + "/../shared/datasets", "/work/shared/datasets"].first { FileManager.default.fileExists(atPath: $0 + "/compas") }
}()

@Suite("reproduce")
struct ReproduceCommandTests {
    @Test("help reproduce compas explains the protocol; without a data directory the command says how to set one")
    func helpAndErrors() {
        let repl = makeInterpreter()
        let help = run(repl, "help reproduce compas").output
        #expect(help.contains("reproduce compas") && help.contains("--seeds") && help.contains("pp(pool)"))
        let result = repl.execute("reproduce compas --seeds 1")
        #expect(result.status != .success)
        #expect(result.output.contains("none is configured"))
        let scarcity = repl.execute("reproduce scarcity --dataset nowhere")
        #expect(scarcity.status != .success)
        #expect(scarcity.output.contains("law-school"))
    }

    @Test("reduced runs from the REPL: the tables, the checks, the plot and the --out files", .enabled(if: datasets != nil, "needs the datasets"))
    func reducedRuns() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = makeInterpreter(directory: directory.path)
        run(repl, "set data-dir \(datasets ?? "")")
        let compas = run(repl, "reproduce compas --seeds 1 --epochs 1 --stl-epochs 1 --bootstrap 10 --out out").output
        #expect(compas.contains("Table 2: mean ± SD over 1 seeds") && compas.contains("  paper") && compas.contains("Reading"))
        #expect(!compas.contains("time:"))
        for name in ["compas-runs.csv", "compas-runs.json", "compas-summary.md"] { #expect(directory.read("out/\(name)") != nil, "\(name)") }
        let scarcity = run(repl, "reproduce scarcity --dataset acs --seeds 1 --epochs 1 --fractions 0,0.5").output
        #expect(scarcity.contains("regression – 50% missing") && scarcity.contains("paper (other data)"))
        #expect(scarcity.contains("multi-task degrades less than single-task"))
        #expect(scarcity.contains("MSE of log_PINCP"))
    }
}
