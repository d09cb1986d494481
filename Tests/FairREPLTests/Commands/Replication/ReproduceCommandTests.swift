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

    @Test("the numbers are kept as reports that expect reads, show lists and save/open keeps",
          .enabled(if: datasets != nil, "needs the datasets"))
    func keptNumbers() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = makeInterpreter(directory: directory.path)
        run(repl, "set data-dir \(datasets ?? "")", "set seed 7")
        let line = "reproduce compas --seeds 2 --epochs 2 --stl-epochs 2 --bootstrap 0"
            + " --session-seeds"
        let compas = run(repl, line).output
        #expect(compas.contains("2 seeds (7, 8)"), "session seeds 7 and 8")
        #expect(compas.contains("kept as report 'compas'"))
        let workspace = repl.workspace
        let rows = ["mtl_is_recid", "mtl_is_violent_recid", "stl_is_recid", "stl_is_violent_recid"]
        for row in rows {
            for column in ["AUC", "AUC_sd", "KS", "pp_AUC", "pp_KS", "pp_KS_sd", "floor",
                           "expected",
                           "KS_min_ratio", "pp_KS_max_ratio", "drop_min", "agree"] {
                let value = workspace.number(named: "compas.\(row).\(column)")
                #expect(value?.isFinite == true, "\(row).\(column)")
            }
            let before = workspace.number(named: "compas.\(row).KS") ?? .nan
            let after = workspace.number(named: "compas.\(row).pp_KS") ?? .nan
            #expect(after < before, "\(row): KS \(before) → \(after)")
        }
        #expect(workspace.number(named: "compas.paper_mtl_is_recid.AUC") == 0.742)
        #expect(workspace.number(named: "compas.paper_stl_is_violent_recid.pp_KS_sd") == 0.02)
        #expect(workspace.number(named: "compas.mtl_is_violent_recid.D6_AUC")?.isFinite == true)
        #expect(workspace.number(named: "compas.mtl_is_recid.D6_AUC") == nil)
        run(repl, "expect compas.mtl_is_recid.drop_min > 0")
        #expect(run(repl, "show compas").output.contains("paper_stl_is_violent_recid"))

        run(repl, "reproduce scarcity --dataset acs --seeds 2 --epochs 2 --fractions 0,0.5"
            + " --as acs")
        for row in ["mtl_reg_p0", "stl_reg_p50", "mtl_clf_p50", "stl_clf_p0"] {
            for column in ["perf", "perf_sd", "KS", "pp_perf", "pp_KS", "expected",
                           "pp_KS_max_ratio", "drop_min"] {
                let value = repl.workspace.number(named: "acs.\(row).\(column)")
                #expect(value?.isFinite == true, "\(row).\(column)")
            }
        }
        #expect(repl.workspace.number(named: "acs.mtl_reg_p50.lambda")?.isFinite == true)
        #expect(repl.workspace.number(named: "acs.stl_reg_p50.lambda") == nil)
        for check in ["degrades_less", "ks_to_floor", "mse_cost", "auc_cost"] {
            let verdict = repl.workspace.number(named: "acs_checks.\(check).verdict")
            let known = verdict.map { [-1, 0, 1].contains($0) } == true
            #expect(known, "\(check): \(String(describing: verdict))")
        }
        #expect(repl.workspace.number(named: "acs_checks.mse_cost.limit") == 0.05)

        let saved = repl.workspace.numbers
        run(repl, "save w.fairws")
        let reopened = makeInterpreter(directory: directory.path)
        run(reopened, "open w.fairws")
        #expect(reopened.workspace.numbers.map(\.name) == saved.map(\.name))
        let same = zip(reopened.workspace.numbers, saved).allSatisfy { a, b in
            a.value == b.value || (a.value.isNaN && b.value.isNaN)
        }
        #expect(same)
    }
}
