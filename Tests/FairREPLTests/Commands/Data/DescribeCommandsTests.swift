import FairData
import FairPlot
import Foundation
import Testing
@testable import FairREPL

@Suite("describe and head")
struct DescribeCommandsTests {
    @Test("describe prints the table summary, the tasks and the source")
    func describe() throws {
        let repl = DomainFixtures.session(["load synthetic --mode gaussian-scores --rows 200 --seed 1"])
        let output = run(repl, "describe").output
        let dataset = try #require(repl.workspace.value(TableValue.self, named: "synthetic")?.dataset)
        #expect(output.hasPrefix(dataset.summary().text))
        #expect(output.contains("task y (regression): score plus Gaussian noise"))
        #expect(output.contains("source: FairMTL synthetic generator, mode gaussian-scores, n 200, seed 1"))
        #expect(run(repl, "describe synthetic").output == output)
    }

    @Test("head shows the first rows, optionally some columns, in the chosen format")
    func head() throws {
        let repl = DomainFixtures.session(["load synthetic --mode gaussian-scores --rows 50 --seed 1", "set format csv"])
        let output = run(repl, "head 2 --columns group,y").output
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first == "group,y")
        let table = try #require(repl.workspace.value(TableValue.self, named: "synthetic")?.dataset.table)
        let y = try table.numeric("y")
        let group = try table.column("group").text(ofRow: 1) ?? ""
        #expect(lines.last == "\(group),\(NumberFormat.exact(y[1]))")
        #expect(run(repl, "head").output.split(separator: "\n").count == 6)
    }

    @Test("errors: no table yet, an unknown table or column")
    func errors() {
        let repl = makeInterpreter()
        #expect(DomainFixtures.failure(repl, "describe") == "error: 'describe' needs a table or predictions: run 'load NAME|FILE' or 'import predictions FILE' first.")
        #expect(DomainFixtures.failure(repl, "head") == "error: 'head' needs a table or predictions: run 'load NAME|FILE' or 'import predictions FILE' first.")
        run(repl, "load synthetic --rows 50")
        #expect(DomainFixtures.failure(repl, "describe synth") == "error: no table or predictions named 'synth'. Did you mean 'synthetic'?")
        #expect(DomainFixtures.failure(repl, "head --columns x9") == "error: no column named 'x9'. Did you mean 'x1' or 'x2'?")
        #expect(repl.completions(for: "head --columns gr", cursor: 18) == ["group"])
    }
}
