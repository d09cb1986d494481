import Testing
@testable import FairREPL

@Suite("help")
struct HelpCommandTests {
    @Test("the overview lists every command once, grouped, with the hint line")
    func overview() {
        let repl = makeInterpreter(registry: domainRegistry())
        let text = repl.execute("help").output
        for command in repl.registry.commands {
            #expect(text.contains("  " + command.shortUsage), "\(command.name) is listed")
        }
        let groups = ["Data", "Models", "Checks", "Lessons", "Workspace"]
        let positions = groups.compactMap { group in text.range(of: "\n" + group + "\n")?.lowerBound }
        #expect(positions.count == groups.count && positions == positions.sorted(), "groups in method order")
        #expect(text.hasSuffix("Type 'help CMD' or '?CMD' for details. Tab completes commands, options, names and files."))
    }

    @Test("help CMD shows usage, options with allowed values and defaults, needs, example")
    func detail() {
        let text = makeInterpreter(registry: domainRegistry()).execute("help fake train").output
        #expect(text.hasPrefix("fake train — train on the table\n\nUsage: fake train --label COLUMN [--epochs N]"))
        #expect(text.contains("--epochs N"))
        #expect(text.contains("epochs (an integer between 1 and 100; default 5)"))
        #expect(text.contains("label column (the name of a column); required"))
        #expect(text.contains("Needs: a table (run 'fake load NAME')"))
        let save = makeInterpreter().execute("help save").output
        #expect(save.contains("Example:\n  fair> save session.fairws"))
        #expect(makeInterpreter().execute("help quit").output.contains("Also: exit"))
    }

    @Test("help on an unknown command suggests one")
    func unknown() {
        let repl = makeInterpreter()
        #expect(repl.execute("help sve").output == "error: unknown command 'sve'. Did you mean 'save'? Type 'help' for the list of commands.")
        #expect(repl.execute("help record strat").output
            == "error: 'record' has no subcommand 'strat'. Did you mean 'record start'? "
            + "Use one of 'record start', 'record stop'.")
        #expect(repl.execute("help save now").output == "error: unknown command 'save now'. Did you mean 'save'? Type 'help' for the list of commands.")
    }

    @Test("help FAMILY lists the family's commands with their summaries, for every family")
    func family() {
        let repl = makeInterpreter()
        let record = run(repl, "help record").output
        #expect(record.hasPrefix("record — 2 commands: 'record start', 'record stop'\n\n"
            + "  record start"))
        #expect(record.hasSuffix(
            "Type 'help record start' (or another of them) for its options and examples."))
        let reproduce = run(repl, "help reproduce").output
        for name in ["reproduce compas", "reproduce scarcity"] {
            let command = repl.registry.command(named: name)
            #expect(reproduce.contains("  " + (command?.shortUsage ?? name)), "\(name) listed")
            let summary = String((command?.summary ?? "").prefix(20))
            #expect(reproduce.contains(summary), "\(name) summary")
        }
        let families = Set(repl.registry.commands.compactMap { spec -> String? in
            let words = spec.name.split(separator: " ")
            let first = String(words.first ?? "")
            guard words.count > 1, repl.registry.command(named: first) == nil else { return nil }
            return first
        })
        #expect(families.isSuperset(of: ["record", "reproduce", "verify"]))
        for family in families {
            let result = repl.execute("help \(family)")
            #expect(result.status == .success, "help \(family)")
            #expect(result.output.hasPrefix(family + " — "), "help \(family)")
        }
    }

    @Test("every command has a summary, an example that parses, and help")
    func everyCommandDocumented() {
        let registry = CommandRegistry.standard()
        for command in registry.commands {
            #expect(!command.summary.isEmpty)
            #expect(!command.examples.isEmpty, "\(command.name) has an example")
            for example in command.examples {
                let line = example.hasPrefix("?") ? "help " + example.dropFirst() : example
                let words = line.split(separator: " ").map(String.init)
                #expect((try? registry.resolve(words: words))?.command.name == command.name, "\(example)")
            }
        }
    }
}
