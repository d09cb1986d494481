import Testing
@testable import FairREPL

@Suite("CommandRegistry")
struct CommandRegistryTests {
    @Test("multi-word names resolve to the longest match")
    func resolution() throws {
        let registry = domainRegistry()
        let (command, words) = try registry.resolve(words: ["record", "start", "x.md"])
        #expect(command.name == "record start")
        #expect(words == 2)
        #expect(try registry.resolve(words: ["exit"]).command.name == "quit")
    }

    @Test("unknown command: did you mean")
    func unknown() {
        let result = makeInterpreter(registry: domainRegistry()).execute("shwo")
        #expect(result.status == .failure)
        #expect(result.output == "error: unknown command 'shwo'. Did you mean 'show'? Type 'help' for the list of commands.")
        #expect(makeInterpreter().execute("xyzzy").output == "error: unknown command 'xyzzy'. Type 'help' for the list of commands.")
    }

    @Test("a first word of multi-word commands asks for the next word")
    func missingSubcommand() {
        let repl = makeInterpreter(registry: domainRegistry())
        #expect(repl.execute("record").output == "error: 'record' needs a subcommand: 'record start', 'record stop'.")
        #expect(repl.execute("record stpo").output
            == "error: 'record' has no subcommand 'stpo'. Did you mean 'record stop'? Use one of 'record start', 'record stop'.")
    }

    @Test("registering a command of the same name replaces it")
    func replace() {
        var registry = CommandRegistry.standard()
        let count = registry.commands.count
        registry.register(CommandSpec("show", group: .workspace, summary: "replaced") { $0.print("mine") })
        #expect(registry.commands.count == count)
        #expect(makeInterpreter(registry: registry).execute("show").output == "mine")
    }

    @Test("a missing prerequisite names the command to run first")
    func prerequisite() {
        let result = makeInterpreter(registry: domainRegistry()).execute("fake train --label age")
        #expect(result.status == .failure)
        #expect(result.output == "error: 'fake train' needs a table: run 'fake load NAME' first.")
    }
}
