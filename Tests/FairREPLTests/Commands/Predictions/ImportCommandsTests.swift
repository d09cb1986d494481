import FairCore
import FairData
import Foundation
import Testing
@testable import FairREPL

@Suite("import predictions and import scores")
struct ImportCommandsTests {
    static func predictionsCSV() -> String {
        var lines = ["row,part,race,p,q,y,z"]
        for row in 0..<60 {
            let part = ["train", "pool", "test"][row % 3]
            let race = row % 4 == 0 ? "b" : "a"
            lines.append("\(100 + row),\(part),\(race),\(Double(row) / 60),\(Double(row % 7)),\(row % 2),\(Double(row) * 0.1)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("import predictions: tasks, labels, parts, row IDs and lambda from the file")
    func importPredictions() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(Self.predictionsCSV(), to: "preds.csv")
        let repl = makeInterpreter(directory: directory.path)
        let output = run(repl, "import predictions preds.csv --group race --tasks p,q --labels y,z --part-column part --id row --lambda 1,2").output
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first == "imported preds: p, q on train 20 · pool 20 · test 20; λ = (1, 2); imported from preds.csv")
        // p and q are unrelated to their labels: both are said to be no better than a constant.
        #expect(lines.dropFirst().map { $0.prefix(41) } == ["warning: p is no better than a constant: ", "warning: q is no better than a constant: "])
        let value = try #require(repl.workspace.value(PredictionsValue.self, named: "preds"))
        #expect(value.taskNames == ["p", "q"])
        #expect(value.tasks[0].isBinary && !value.tasks[1].isBinary)
        #expect(value.tasks[0].values[3] == 3.0 / 60)
        #expect(value.tasks[1].labels[3] == 0.30000000000000004)
        #expect(value.rowIDs.first == 100 && value.rowIDs.last == 159)
        #expect(value.groups.names == ["a", "b"])
        #expect(value.rows(in: "pool").count == 20)
        // Without --tasks: every numeric column not named by another option.
        run(repl, "import predictions preds.csv --group race --labels y --part-column part --id row --tasks p --as one")
        run(repl, "import predictions preds.csv --group race --as all")
        #expect(repl.workspace.value(PredictionsValue.self, named: "all")?.taskNames == ["row", "p", "q", "y", "z"])
        #expect(repl.workspace.value(PredictionsValue.self, named: "all")?.hasParts == false)
    }

    @Test("import predictions: every error names the file, the column or the row")
    func importErrors() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(Self.predictionsCSV(), to: "preds.csv")
        try directory.write("g,p,part,id,t\na,0.1,pool,1,x\n,0.2,test,2,y\n", to: "nogroup.csv")
        try directory.write("g,p,part,id,t\na,0.1,pool,1,x\nb,0.2,later,2,y\n", to: "badpart.csv")
        try directory.write("g,p,part,id,t\na,0.1,pool,1.5,x\nb,0.2,test,2,y\n", to: "badid.csv")
        try directory.write("g,p,part,id,t\na,NA,pool,1,x\nb,0.2,test,2,y\n", to: "hole.csv")
        try directory.write("g,t\na,x\nb,y\n", to: "text.csv")
        let repl = makeInterpreter(directory: directory.path)
        let cases: [(String, String)] = [
            ("import predictions preds.csv", "error: 'import predictions' needs --group: a comma-separated list, each any text. Usage: import predictions --group TEXT,… FILE [--tasks TEXT,…] [--labels TEXT,…] [--part-column TEXT] [--id TEXT] [--lambda X,…] [--delimiter TEXT] [--as TEXT]"),
            ("import predictions nothere.csv --group g", "error: cannot use nothere.csv: no such file (looked in \(directory.path))."),
            ("import predictions preds.csv --group rac", "error: no column in preds.csv named 'rac'. Did you mean 'race'?"),
            ("import predictions preds.csv --group race --tasks p --labels y,z", "error: --labels names 2 columns for 1 task; give one label column per task, in the same order"),
            ("import predictions preds.csv --group race --tasks p,q --lambda 1", "error: --lambda has 1 weight for 2 tasks; give one weight per task"),
            ("import predictions preds.csv --group race --tasks p,p", "error: task 'p' is named twice; give each task once"),
            ("import predictions preds.csv --group race --tasks part", "error: preds.csv: column 'part' holds text; predictions must be numbers"),
            ("import predictions preds.csv --group race --tasks p --labels race", "error: preds.csv: label column 'race' holds text; labels must be numbers"),
            ("import predictions text.csv --group g", "error: text.csv has no numeric column left for predictions (columns: 'g', 't'): name them with --tasks"),
            ("import predictions nogroup.csv --group g --tasks p", "error: nogroup.csv: the group column 'g' is empty at data row 2; every row needs a group"),
            ("import predictions badpart.csv --group g --tasks p --part-column part", "error: badpart.csv: column 'part' holds 'later' at data row 2; each value must be train, pool or test"),
            ("import predictions badid.csv --group g --tasks p --id id", "error: badid.csv: column 'id' holds 1.5 at data row 1; row IDs are whole numbers ≥ 0"),
            ("import predictions hole.csv --group g --tasks p", "error: hole.csv: column 'p' has no usable value at data row 1: every row needs a finite prediction; drop such rows first"),
        ]
        for (line, expected) in cases {
            #expect(DomainFixtures.failure(repl, line) == expected, "\(line)")
        }
        #expect(repl.workspace.isEmpty)
        #expect(repl.completions(for: "import predictions preds.csv --group r", cursor: 38) == ["race", "row"])
        #expect(repl.completions(for: "import predictions preds.csv --tasks p,", cursor: 39).contains("p,q"))
    }

    @Test("import scores: table columns as predictions, labels of tasks with the same name, parts from the split")
    func importScores() throws {
        let repl = DomainFixtures.session(DomainFixtures.scoresSetup)
        let value = try #require(repl.workspace.value(PredictionsValue.self, named: "scores"))
        let dataset = try #require(repl.workspace.value(TableValue.self, named: "synthetic")?.dataset)
        #expect(value.tasks[0].values == (try dataset.table.numeric("score")))
        #expect(value.tasks[0].labels == (try dataset.table.numeric("y")))
        let split = try #require(repl.workspace.value(SplitValue.self, named: "split")?.split)
        #expect(value.rows(in: "pool") == split.pool)
        #expect(value.rows(in: "test") == split.test)
        #expect(value.groups == dataset.groups)

        let bare = DomainFixtures.session(["load synthetic --rows 300"])
        #expect(run(bare, "import scores f_true,p_true --tasks y_regression,y_binary --as oracle").output
            == "imported oracle: y_regression, y_binary for 300 rows; labels of y_regression, y_binary; no split: use --on all / --to all, or run 'split' first")
        let oracle = try #require(bare.workspace.value(PredictionsValue.self, named: "oracle"))
        #expect(oracle.tasks[1].isBinary && !oracle.hasParts)
        #expect(run(bare, "import scores f_true").output.hasSuffix("f_true for 300 rows; no labels; no split: use --on all / --to all, or run 'split' first"))
    }

    @Test("import scores: errors")
    func scoresErrors() {
        let repl = makeInterpreter()
        #expect(DomainFixtures.failure(repl, "import scores x") == "error: 'import scores' needs a table: run 'load NAME|FILE' first.")
        run(repl, "load synthetic --rows 100")
        #expect(DomainFixtures.failure(repl, "import scores f_tru") == "error: no column named 'f_tru'. Did you mean 'f_true'?")
        #expect(DomainFixtures.failure(repl, "import scores f_true,p_true --tasks a")
            == "error: --tasks names 1 task for 2 columns; give one name per column")
        #expect(DomainFixtures.failure(repl, "import scores group") == "error: table synthetic: column 'group' holds text; predictions must be numbers")
        #expect(DomainFixtures.failure(repl, "import") == "error: 'import' needs a subcommand: 'import predictions', 'import scores'.")
        #expect(repl.completions(for: "import scores f_true,p_", cursor: 23) == ["f_true,p_true"])
    }
}
