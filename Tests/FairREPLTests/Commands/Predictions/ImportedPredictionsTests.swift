import FairCore
import FairData
import Foundation
import Testing
@testable import FairREPL

@Suite("imported predictions: tasks, keys, a calibration split, describe, head and export")
struct ImportedPredictionsTests {
    /// 200 rows of an outside model: id, group, a score that follows the label, the label, a model-only column.
    static func modelCSV(rows: Int = 200) -> String {
        var lines = ["id,sex,score,y,fold"]
        var generator = SeededGenerator(seed: 21)
        for row in 0..<rows {
            let y = generator.nextDouble() < 0.4 ? 1 : 0
            let score = min(1, max(0, 0.3 + 0.3 * Double(y) + 0.3 * generator.nextDouble()))
            lines.append("\(1000 + row),\(row % 3 == 0 ? "F" : "M"),\(score),\(y),\(row % 5)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("without --tasks, the numeric columns that are not the id, a label, the group or the part column, and it says so")
    func tasksNamed() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(Self.modelCSV(), to: "model.csv")
        let repl = DomainFixtures.session([], directory: directory.path)
        let output = run(repl, "import predictions model.csv --group sex --id id").output.split(separator: "\n").map(String.init)
        #expect(output.last == "tasks from every numeric column except the group, the id (name them with --tasks): 'score', 'y', 'fold'")
        let value = try #require(repl.workspace.value(PredictionsValue.self, named: "model"))
        #expect(value.taskNames == ["score", "y", "fold"])
        #expect(DomainFixtures.failure(repl, "import predictions model.csv --group sex --labels y --id id --as two")
            == "error: --labels names 1 column for the 2 tasks taken from model.csv ('score', 'fold'): name the prediction columns with --tasks, one per label")
        #expect(!run(repl, "import predictions model.csv --group sex --tasks score --labels y --id id --as given").output.contains("tasks from"))
    }

    @Test("a duplicated --id is an error naming the first duplicate")
    func duplicateID() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("id,g,p\n7,a,0.1\n8,b,0.2\n9,a,0.3\n8,b,0.4\n9,a,0.5\n", to: "dup.csv")
        let repl = DomainFixtures.session([], directory: directory.path)
        #expect(DomainFixtures.failure(repl, "import predictions dup.csv --group g --tasks p --id id")
            == "error: dup.csv: column 'id' holds the ID 8 twice (data row 2 and data row 4); row IDs (--id) must be distinct")
    }

    @Test("split on imported predictions: pool and test, stratified by group, seeded; then fit and apply use them")
    func split() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(Self.modelCSV(), to: "model.csv")
        let repl = DomainFixtures.session(["import predictions model.csv --group sex --tasks score --labels y --id id"], directory: directory.path)
        let output = run(repl, "split --test 0.4 --seed 3").output
        #expect(output.hasPrefix("split model (seed 3, stratified by group) into an unlabeled calibration pool and test rows"))
        let value = try #require(repl.workspace.value(PredictionsValue.self, named: "model"))
        let test = value.rows(in: "test"), pool = value.rows(in: "pool")
        #expect(test.count == 80 && pool.count == 120 && value.rows(in: "train").isEmpty)
        let expected = try DataSplit.random(rowCount: 200, testFraction: 0.4, poolFraction: 0, seed: 3, stratifiedBy: value.groups)
        #expect(test == expected.test.sorted() && pool == expected.train.sorted())
        // Each group keeps its share (stratified): F has 67 rows, M 133.
        let testF = test.filter { value.groups.label(ofRow: $0) == "F" }.count
        #expect(abs(testF - 27) <= 1)
        run(repl, "fit barycenter", "apply")
        #expect(DomainFixtures.failure(repl, "split").hasPrefix("error: model already has parts"))
        #expect(DomainFixtures.failure(repl, "split --predictions model --pool 0.3")
            == "error: --pool is for splitting a table; predictions are split into pool and test rows only (--test, --seed)")
        // With a table loaded, --predictions chooses the predictions.
        let both = DomainFixtures.session(["load synthetic --rows 100", "import predictions model.csv --group sex --tasks score --as m"], directory: directory.path)
        run(both, "split --predictions m --seed 3")
        #expect(both.workspace.value(PredictionsValue.self, named: "m")?.hasParts == true)
        #expect(both.workspace.contains(kind: .split) == false)
    }

    @Test("split on predictions without --test keeps half of the rows for testing, as help says")
    func splitDefaultShare() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(Self.modelCSV(), to: "model.csv")
        let repl = DomainFixtures.session(
            ["import predictions model.csv --group sex --tasks score --labels y --id id"],
            directory: directory.path)
        run(repl, "split --seed 3")
        let value = try #require(repl.workspace.value(PredictionsValue.self, named: "model"))
        let expected = try DataSplit.random(
            rowCount: 200, testFraction: 0.5, poolFraction: 0, seed: 3, stratifiedBy: value.groups)
        #expect(value.rows(in: "test") == expected.test.sorted())
        #expect(value.rows(in: "pool") == expected.train.sorted())
        #expect(run(makeInterpreter(), "help split").output.contains("(default 0.5)"))
    }

    @Test("describe and head work on predictions; export keeps the part column and names the key column after --id")
    func showAndExport() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(Self.modelCSV(rows: 30), to: "model.csv")
        let repl = DomainFixtures.session(["import predictions model.csv --group sex --tasks score --labels y --id id"], directory: directory.path)
        let described = run(repl, "describe").output.split(separator: "\n").map(String.init)
        #expect(described.first == "30 rows × 1 task; imported from model.csv")
        #expect(described.contains { $0.hasPrefix("score") && $0.contains("binary") && $0.contains("30") })
        #expect(described.contains("parts: unassigned 30 (no split: 'split' draws pool and test rows)"))
        #expect(described.contains("groups (sex): M 20 · F 10"))
        #expect(described.contains("key column: id"))
        let head = run(repl, "head 3").output.split(separator: "\n").map(String.init)
        #expect(head.count == 5 && head[0].split(separator: " ").map(String.init) == ["id", "part", "sex", "score", "score_label"])
        #expect(head[2].hasPrefix("1,000  unassigned"))
        #expect(run(repl, "head 2 --columns id,score").output.split(separator: "\n").first?.split(separator: " ").map(String.init) == ["id", "score"])
        #expect(DomainFixtures.failure(repl, "head --columns nope").hasPrefix("error: no column named 'nope'."))
        run(repl, "split --seed 1", "export model out.csv")
        let exported = try #require(directory.read("out.csv")).split(separator: "\n")
        #expect(exported.first == "id,part,sex,score,score_label")
        #expect(exported.dropFirst().allSatisfy { $0.contains(",pool,") || $0.contains(",test,") })
        run(repl, "import predictions out.csv --group sex --tasks score --labels score_label --id id --part-column part --as back")
        #expect(repl.workspace.value(PredictionsValue.self, named: "back")?.parts == repl.workspace.value(PredictionsValue.self, named: "model")?.parts)
    }

    @Test("a model no better than a constant gets a warning: AUC within 2 null standard errors of 0.5, MSE at or above the variance")
    func constantWarnings() throws {
        let labels = (0..<400).map { Double($0 % 2) }
        let noise = (0..<400).map { Double(($0 * 7919) % 400) / 400 }
        func task(_ values: [Double], binary: Bool = true) -> PredictionsValue.Task {
            PredictionsValue.Task(name: "t", isBinary: binary, values: values, labels: binary ? labels : labels.map { $0 * 10 })
        }
        let useless = PredictionQuality.warnings(tasks: [task(noise)], testRows: [])
        #expect(useless.count == 1 && useless[0].hasPrefix("warning: t is no better than a constant: AUC "))
        #expect(useless[0].contains("within 2 standard errors of 0.5 (standard error 0.029 for 200 positive and 200 negative labels)"))
        let inverted = PredictionQuality.warnings(tasks: [task(labels.map { 1 - $0 })], testRows: [])
        #expect(inverted.first?.contains("below 0.5 by more than 2 standard errors") == true)
        #expect(PredictionQuality.warnings(tasks: [task(zip(labels, noise).map { 0.3 * $0 + 0.7 * $1 })], testRows: []).isEmpty)
        // SE₀ = √((n₀ + n₁ + 1) / (12 n₀ n₁)): 0.0289 for 200 and 200.
        #expect(abs(PredictionQuality.nullStandardError(negatives: 200, positives: 200) - (401.0 / (12 * 40_000)).squareRoot()) < 1e-15)
        // Regression: the mean's MSE is the variance (25), so predicting it is "no better"; the labels themselves are.
        #expect(PredictionQuality.warnings(tasks: [task(Array(repeating: 5, count: 400), binary: false)], testRows: []).first?.contains(
            "MSE 25 on 400 labelled rows is at or above the variance of their labels (25") == true)
        #expect(PredictionQuality.warnings(tasks: [task(labels.map { $0 * 10 + 0.1 }, binary: false)], testRows: []).isEmpty)
        // Only the labelled test rows count when there are some.
        let half = Array(0..<200)
        #expect(PredictionQuality.warnings(tasks: [task(labels.enumerated().map { $0.offset < 200 ? $0.element : 0.5 })], testRows: half).isEmpty)
    }
}
