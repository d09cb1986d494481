import Testing
@testable import FairREPL

@Suite("set")
struct SetCommandTests {
    @Test("set KEY VALUE changes a typed setting")
    func change() {
        let repl = makeInterpreter()
        #expect(repl.execute("set seed 7").output == "seed = 7")
        #expect(repl.settings.seed == 7)
        #expect(repl.execute("set timer yes").output == "timer = on")
        #expect(repl.execute("set format json").output == "format = json")
        #expect(repl.settings.format == .json)
        #expect(repl.execute("set canvas braille").output == "canvas = braille")
        #expect(repl.settings.canvas == .braille)
    }

    @Test("set KEY shows it with what is allowed; set alone lists all")
    func show() {
        let repl = makeInterpreter()
        #expect(repl.execute("set width").output == "width = 80  (an integer between 24 and 400; width of plots and tables in columns)")
        let all = repl.execute("set").output
        for key in ["seed", "width", "format", "timer", "canvas", "color", "digits"] { #expect(all.contains("\n" + key + " ")) }
    }

    @Test("bad keys and values say what is allowed")
    func errors() {
        let repl = makeInterpreter()
        #expect(repl.execute("set sed 3").output == "error: no setting named 'sed'. Did you mean 'seed'?")
        #expect(repl.execute("set width 10").output == "error: setting 'width': '10' is not allowed; expected an integer between 24 and 400.")
        #expect(repl.execute("set format xml").output == "error: setting 'format': 'xml' is not allowed; expected one of table, csv, json.")
        #expect(repl.execute("set seed 1 2").output == "error: 'set' does not take '2'. Usage: set [KEY] [VALUE]")
        #expect(repl.settings.seed == 42)
    }

    @Test("format changes how tables print")
    func format() {
        let repl = makeInterpreter()
        run(repl, "let a = 0.5", "set format csv")
        #expect(repl.execute("show results").output == "name,value\na,0.5")
        run(repl, "set format json")
        #expect(repl.execute("show results").output == "[\n  {\"name\": \"a\", \"value\": 0.5}\n]")
        run(repl, "set format table", "set digits 2", "let b = 1/3")
        #expect(repl.execute("show results").output == "name  value\n----  -----\na      0.50\nb      0.33")
    }
}
