import Testing
@testable import FairREPL

@Suite("show")
struct ShowCommandTests {
    @Test("an empty workspace says so")
    func empty() {
        let repl = makeInterpreter()
        #expect(repl.execute("show").output == "the workspace is empty")
        #expect(repl.execute("show results").output == "no results yet")
    }

    @Test("the listing groups values by kind and marks the current one")
    func listing() {
        let repl = makeInterpreter(registry: domainRegistry())
        run(repl, "let x = 1/3", "fake load people", "fake load other", "let y = 2")
        #expect(repl.execute("show").output == """
            name    kind    current  summary
            ------  ------  -------  ------------------
            people  table            10 rows, 3 columns
            other   table   *        10 rows, 3 columns
            x       number           0.333333
            y       number  *        2
            """)
    }

    @Test("show NAME gives the details of every value of that name")
    func details() {
        let repl = makeInterpreter()
        run(repl, "let xy = 1/3")
        #expect(repl.execute("show xy").output == "xy (number)\n0.333  (let xy = 1/3)")
        #expect(repl.execute("show xz").output == "error: no value named 'xz'. Did you mean 'xy'?")
    }
}
