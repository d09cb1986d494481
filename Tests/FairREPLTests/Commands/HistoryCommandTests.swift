import Testing
@testable import FairREPL

@Suite("history")
struct HistoryCommandTests {
    @Test("numbers every line typed, failures included")
    func listing() {
        let repl = makeInterpreter()
        _ = repl.execute("let x = 1")
        _ = repl.execute("oops")
        #expect(repl.execute("history").output == "  1  let x = 1\n  2  oops\n  3  history")
        #expect(repl.execute("history 2").output == "  3  history\n  4  history 2")
        #expect(repl.execute("history 0").output == "error: COUNT: '0' is not allowed; expected an integer ≥ 1.")
    }
}
