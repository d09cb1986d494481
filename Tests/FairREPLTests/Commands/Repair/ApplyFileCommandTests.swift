import FairCore
import FairData
import Foundation
import Testing
@testable import FairREPL

@Suite("apply-file")
struct ApplyFileCommandTests {
    /// Rows with three groups, two tasks, a quoted text column and scores beyond the pool's range.
    static func scoresCSV(rows: Int = 3_000) -> String {
        var generator = SeededGenerator(seed: 15, purpose: "apply-file test")
        var lines = ["id,race,note,p,q"]
        for row in 0..<rows {
            let race = ["a", "b", "c"][generator.nextInt(below: 3)]
            let p = generator.nextNormal() + (race == "a" ? 0.5 : 0)
            let q = generator.nextDouble() * (race == "c" ? 2 : 1)
            let note = row % 5 == 0 ? "\"says \"\"hi\"\", twice\"" : "n\(row)"
            lines.append("\(7 * row + 3),\(race),\(note),\(p),\(q)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The values of `column` in the CSV at `path`.
    static func column(_ column: String, of path: String) throws -> [Double] {
        try CSVReader.read(contentsOf: path).numeric(column)
    }

    @Test("streamed outputs equal in-memory apply, with jitter, by row number or by --id")
    func equalsApply() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let csv = Self.scoresCSV()
        try directory.write(csv, to: "in.csv")
        let repl = makeInterpreter(directory: directory.path)
        for id in [nil, "id"] as [String?] {
            let idOption = id.map { " --id \($0)" } ?? ""
            run(repl, "import predictions in.csv --group race --tasks p,q --lambda 1,2 --as m\(idOption)",
                "fit barycenter --on all --jitter 0.05 --as r", "export r repair.json",
                "apply --to all --eps 0.2 --as fair")
            let output = run(repl,
                "apply-file in.csv out.csv --repair repair.json --group race --eps 0.2\(idOption)").output
            #expect(output.hasPrefix("applied repair.json to 3,000 rows of in.csv → out.csv (added "))
            let fair = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
            let out = directory.path + "/out.csv"
            #expect(try Self.column("p_after", of: out) == fair.tasks[0].after)
            #expect(try Self.column("q_after", of: out) == fair.tasks[1].after)
            // Every input line is kept byte for byte, the repaired values appended.
            let written = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
            let read = csv.split(separator: "\n")
            #expect(written.count == read.count)
            #expect(written.first == read.first.map { $0 + ",p_after,q_after" })
            #expect(zip(written, read).allSatisfy { $0.hasPrefix($1 + ",") })
        }
    }

    @Test("batches do not change outputs: rows are repaired independently of their batch")
    func batchIndependence() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(Self.scoresCSV(rows: 500), to: "in.csv")
        let repl = makeInterpreter(directory: directory.path)
        run(repl, "import predictions in.csv --group race --tasks p,q --lambda 1,2 --as m",
            "fit barycenter --on all --jitter 0.05 --as r", "export r repair.json")
        let repairs = try ApplyFileSupport.repairs(at: directory.path + "/repair.json", shown: "r")
        var outputs: [[Double]] = []
        for batchRows in [1, 7, 1 << 16] {
            var engine = StreamingRepairApply(
                tasks: repairs.map { .init(repair: $0, scoreColumn: $0.taskName) }, groupColumn: "race",
                idColumn: nil, epsilon: 0)
            engine.batchRows = batchRows
            _ = try engine.run(input: directory.path + "/in.csv", output: directory.path + "/out.csv")
            outputs.append(try Self.column("q_after", of: directory.path + "/out.csv"))
        }
        #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2])
    }

    @Test("errors name file:line and leave an existing output unchanged")
    func errors() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(Self.scoresCSV(rows: 300), to: "in.csv")
        let repl = makeInterpreter(directory: directory.path)
        run(repl, "import predictions in.csv --group race --tasks p,q --lambda 1,2 --as m",
            "fit barycenter --on all --as r", "export r repair.json")
        try directory.write("old output\n", to: "out.csv")
        try directory.write("id,race,note,p,q\n1,a,x,0.1,0.2\n2,zz,x,0.1,0.2\n", to: "unseen.csv")
        #expect(DomainFixtures.failure(repl, "apply-file unseen.csv out.csv --repair repair.json --group race")
            .contains("unseen.csv:3: group 'zz' was not in the repair's calibration data"))
        try directory.write("id,race,note,p,q\n1,a,x,0.1,0.2\n2,b,x,,0.2\n", to: "missing.csv")
        #expect(DomainFixtures.failure(repl, "apply-file missing.csv out.csv --repair repair.json --group race")
            .contains("missing.csv:3: the score of task p is missing"))
        try directory.write("id,race,note,p,q\n1,a,x,0.1,0.2\n2,b,x\n", to: "ragged.csv")
        #expect(DomainFixtures.failure(repl, "apply-file ragged.csv out.csv --repair repair.json --group race")
            .contains("ragged.csv:3:"))
        #expect(DomainFixtures.failure(repl, "apply-file in.csv out.csv --repair repair.json --group sex")
            .contains("in.csv has no column 'sex' (the group column, --group)"))
        #expect(DomainFixtures.failure(repl, "apply-file in.csv out.csv --repair repair.json --group race --scores p")
            .contains("--scores names 1 column for the 2 tasks of repair.json"))
        #expect(try String(contentsOfFile: directory.path + "/out.csv", encoding: .utf8) == "old output\n")
    }
}
