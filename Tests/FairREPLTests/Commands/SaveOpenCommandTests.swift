import Foundation
import Testing
@testable import FairREPL

@Suite("save and open")
struct SaveOpenCommandTests {
    @Test("save then open restores values and analysis settings, not the terminal's")
    func roundTrip() {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let first = makeInterpreter(registry: domainRegistry(), directory: directory.path)
        run(first, "fake load people", "let x = 1/3", "set seed 11", "set digits 5", "set width 120")
        #expect(first.execute("save s.fairws").output == "saved 2 values and the settings to s.fairws")
        let second = makeInterpreter(registry: domainRegistry(), directory: directory.path)
        run(second, "let gone = 1")
        #expect(second.execute("open s.fairws").output == "opened s.fairws: 2 values (1 tables, 1 numbers)")
        #expect(second.workspace.number(named: "gone") == nil)
        #expect(second.workspace.number(named: "x") == 1.0 / 3.0)
        #expect(second.workspace.current(FakeTable.self)?.name == "people")
        #expect(second.settings.seed == 11 && second.settings.digits == 5)
        #expect(second.settings.width == 80)
    }

    @Test("open refuses other files, and a failed open keeps the workspace")
    func openErrors() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("hello", to: "text.fairws")
        let repl = makeInterpreter(directory: directory.path)
        run(repl, "let keep = 1")
        #expect(repl.execute("open text.fairws").output.hasPrefix("error: text.fairws is not a file this command can read"))
        #expect(repl.execute("open missing.fairws").output == "error: cannot use missing.fairws: no such file (looked in \(directory.path)).")
        #expect(repl.workspace.number(named: "keep") == 1)
    }

    @Test("open reports settings this build does not have")
    func unknownSetting() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(#"{"format": "fairmtl-workspace", "version": 1, "settings": {"seed": "5", "data-dir": "/x"}, "values": []}"#, to: "w.fairws")
        let repl = makeInterpreter(directory: directory.path)
        #expect(repl.execute("open w.fairws").output == "opened w.fairws: 0 values\nignored settings this build does not have: data-dir")
        #expect(repl.settings.seed == 5)
    }

    @Test("save into a missing directory fails and says so")
    func saveError() {
        let repl = makeInterpreter()
        #expect(repl.execute("save /nonexistent-dir-fair/x.fairws").output
            == "error: cannot use /nonexistent-dir-fair/x.fairws: the directory /nonexistent-dir-fair does not exist; create it first.")
    }
}
