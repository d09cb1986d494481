import Testing
@testable import FairREPL

/// Typed options and arguments: what a handler reads, and that every declaration of the
/// standard registry is consistent (its default passes its own checks).
@Suite("typed options")
struct CommandOptionTests {
    enum Canvas: String, ChoiceValue {
        case ascii, braille
    }

    enum Keys {
        static let count = CommandArgument<Int>(
            "count", .integer(min: 1, max: 9), summary: "how many", default: 3)
        static let words = CommandArgument<[String]>.variadic("words", summary: "words", optional: true)
        static let epochs = CommandOption<Int>(
            "epochs", .integer(min: 1, max: 100), summary: "epochs", default: 5)
        static let rate = CommandOption<Double>("rate", .real(min: 0), summary: "rate", default: 0.001)
        static let seed = CommandOption<Int?>("seed", .integer(min: 0), summary: "seed")
        static let hidden = CommandOption<[Int]>(
            "hidden", .list(.integer(min: 1)), summary: "widths", default: [64, 32])
        static let canvas = CommandOption<Canvas>(
            "canvas", Canvas.kind, summary: "canvas", default: .ascii)
        static let both = CommandOption.flag("both", summary: "both")
    }

    /// The standard registry plus a command that prints what its handler reads.
    static func interpreter() -> Interpreter {
        var registry = CommandRegistry.standard()
        registry.register(CommandSpec(
            "probe", group: .workspace, summary: "print the typed values",
            arguments: [Keys.count, Keys.words],
            options: [Keys.epochs, Keys.rate, Keys.seed, Keys.hidden, Keys.canvas, Keys.both]
        ) { context in
            let invocation = context.invocation
            let seed = invocation[Keys.seed].map(String.init) ?? "nil"
            let keys: [any DeclaredOption] = [Keys.epochs, Keys.seed]
            let given = keys.filter(invocation.isGiven).map(\.spec.name)
            context.print(
                "count \(invocation[Keys.count]) words \(invocation[Keys.words]) "
                    + "epochs \(invocation[Keys.epochs]) rate \(invocation[Keys.rate]) seed \(seed) "
                    + "hidden \(invocation[Keys.hidden]) canvas \(invocation[Keys.canvas].rawValue) "
                    + "both \(invocation[Keys.both]) given \(given)")
        })
        return makeInterpreter(registry: registry)
    }

    @Test("a handler reads typed values: defaults when not typed, nil for an option without one")
    func defaults() {
        #expect(Self.interpreter().execute("probe").output
            == "count 3 words [] epochs 5 rate 0.001 seed nil hidden [64, 32] canvas ascii both false "
            + "given []")
    }

    @Test("a handler reads what was typed, and whether it was typed")
    func typed() {
        let output = Self.interpreter().execute(
            "probe 7 a b --epochs 5 --rate 2 --seed 9 --hidden 8 --canvas braille --both").output
        #expect(output == "count 7 words [\"a\", \"b\"] epochs 5 rate 2.0 seed 9 hidden [8] "
            + "canvas braille both true given [\"epochs\", \"seed\"]")
    }

    @Test("help shows the typed defaults as the user would type them")
    func help() {
        let text = Self.interpreter().execute("help probe").output
        #expect(text.contains("how many (optional; default 3)"))
        #expect(text.contains("rate (a number ≥ 0; default 0.001)"))
        #expect(text.contains("default 64,32)"))
        #expect(text.contains("canvas (one of ascii, braille; default ascii)"))
    }

    @Test("range and choice errors are the parser's, with what is allowed")
    func errors() {
        let repl = Self.interpreter()
        #expect(repl.execute("probe 10").output
            == "error: COUNT: '10' is not allowed; expected an integer between 1 and 9.")
        #expect(repl.execute("probe --canvas brail").output
            == "error: --canvas: 'brail' is not allowed; expected one of ascii, braille. "
            + "Did you mean 'braille'?")
    }

    @Test("a handler that reads a key its command does not declare stops (instead of reading nil)")
    func undeclaredKey() async {
        await #expect(processExitsWith: .failure) {
            var registry = CommandRegistry.standard()
            registry.register(CommandSpec(
                "stray", group: .workspace, summary: "reads another command's key",
                options: [CommandOptionTests.Keys.epochs]
            ) { context in
                context.print("\(context.invocation[CommandOptionTests.Keys.seed] ?? 0)")
            })
            _ = makeInterpreter(registry: registry).execute("stray")
        }
    }

    @Test("every Swift type reads the kinds it should, and no other")
    func typeChecks() {
        #expect(Int.reads(.integer()) && !Int.reads(.real()) && !Int.reads(.text))
        #expect(Double.reads(.real()) && Double.reads(.integer()) && !Double.reads(.choice(["a"])))
        #expect(String.reads(.choice(["a"])) && String.reads(.path(.newFile(extensions: []))))
        #expect(Bool.reads(.flag) && Bool.reads(.boolean) && !Bool.reads(.text))
        #expect([Double].reads(.list(.real())) && ![Double].reads(.real()) && ![Int].reads(.list(.text)))
        #expect(Canvas.reads(.choice(["ascii", "braille"])) && !Canvas.reads(.choice(["ascii", "svg"])))
    }

    @Test("every default of the standard registry passes its own option's checks")
    func standardDefaults() throws {
        let repl = makeInterpreter()
        let context = ValueContext(
            workspace: repl.workspace, settings: repl.settings, registry: repl.registry,
            environment: repl.environment)
        for command in repl.registry.commands {
            for option in command.options {
                guard let text = option.defaultValue else { continue }
                #expect(
                    (try? option.kind.parse(text, subject: option.spelling, context: context)) != nil,
                    "\(command.name) \(option.spelling) default \(text)")
            }
            for argument in command.arguments {
                guard let text = argument.defaultValue else { continue }
                #expect(
                    (try? argument.kind.parse(text, subject: argument.name, context: context)) != nil,
                    "\(command.name) \(argument.name) default \(text)")
            }
        }
    }
}
