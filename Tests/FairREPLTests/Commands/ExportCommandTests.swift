import Testing
@testable import FairREPL

@Suite("export")
struct ExportCommandTests {
    @Test("results and single values go to CSV or JSON, by extension or --format")
    func export() {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = makeInterpreter(registry: domainRegistry(), directory: directory.path)
        run(repl, "let a = 0.1", "let b = 2", "fake load people")
        #expect(repl.execute("export results r.csv").output == "exported results (2 rows) to r.csv")
        #expect(directory.read("r.csv") == "name,value\na,0.1\nb,2\n")
        run(repl, "export results r.txt --format json")
        #expect(directory.read("r.txt") == "[\n  {\"name\": \"a\", \"value\": 0.1},\n  {\"name\": \"b\", \"value\": 2}\n]\n")
        run(repl, "export people p.csv")
        #expect(directory.read("p.csv") == "column\nage\nsex\nscore\n")
    }

    @Test("errors: no format, unknown name, a value without a table")
    func errors() {
        var registry = domainRegistry()
        struct Opaque: WorkspaceValue {
            static let kind = WorkspaceKind(name: "model", plural: "models", order: 30)
            var summary: String { "a model" }
        }
        registry.register(valueType: Opaque.self)
        registry.register(CommandSpec("make model", group: .models, summary: "m") { try $0.workspace.store(Opaque(), as: "m") })
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = makeInterpreter(registry: registry, directory: directory.path)
        run(repl, "let a = 1", "make model")
        #expect(repl.execute("export a a.txt").output
            == "error: FILE: 'a.txt' is not allowed; expected a name ending in .csv or .json, or --format csv|json.")
        #expect(repl.execute("export zz z.csv").output == "error: no value named 'zz'. Known: 'results', 'a', 'm'.")
        #expect(repl.execute("export m m.csv").output == "error: 'm' is a model, which has no table to export (exportable: 'a', and 'results').")
    }
}
