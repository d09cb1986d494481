import Testing
@testable import FairREPL

/// Option parsing, through the interpreter and a registry shaped like phase 2's.
@Suite("InvocationParser")
struct InvocationParserTests {
    func ready() -> Interpreter {
        let repl = makeInterpreter(registry: domainRegistry())
        run(repl, "fake load t")
        return repl
    }

    @Test("options: --name value, --name=value, flags, lists, defaults")
    func forms() {
        let repl = ready()
        #expect(repl.execute("fake train --label age").output == "trained 5 epochs on age lambda - both false")
        #expect(repl.execute("fake train --epochs=7 --label=sex --lambda 0.25,1 --both").output
            == "trained 7 epochs on sex lambda 0.25,1.0 both true")
    }

    @Test("errors say what is allowed", arguments: [
        ("fake train --label age --epoch 3", "error: unknown option '--epoch' for 'fake train'. Did you mean '--epochs'?"),
        ("fake train --label age --zzzz 3", "error: unknown option '--zzzz' for 'fake train'. Options of 'fake train': --epochs, --label, --lambda, --canvas, --both."),
        ("fake train --label age --epochs", "error: --epochs needs a value: an integer between 1 and 100."),
        ("fake train --label age --epochs 0", "error: --epochs: '0' is not allowed; expected an integer between 1 and 100."),
        ("fake train --label age --both=yes", "error: --both is a flag and takes no value: write just --both."),
        ("fake train --label age --label sex", "error: --label is given twice; give it once."),
        ("fake train", "error: 'fake train' needs --label: the name of a column. Usage: fake train --label COLUMN [--epochs N] [--lambda X,…] [--canvas ascii|braille] [--both]"),
        ("fake train --label sexx", "error: no column named 'sexx'. Did you mean 'sex'?"),
        ("fake train --label zzz", "error: no column named 'zzz'. Known: 'age', 'sex', 'score'."),
        ("fake train --label age --canvas brail", "error: --canvas: 'brail' is not allowed; expected one of ascii, braille. Did you mean 'braille'?"),
        ("fake train --label age extra", "error: 'fake train' does not take 'extra'. Usage: fake train --label COLUMN [--epochs N] [--lambda X,…] [--canvas ascii|braille] [--both]"),
        ("fake load", "error: 'fake load' needs NAME: table name. Usage: fake load NAME [--rows N]"),
        ("fake train --label age --lambda 0.5,2", "error: --lambda: '2' is not allowed; expected a number in [0, 1]."),
    ])
    func errors(line: String, message: String) {
        let result = ready().execute(line)
        #expect(result.status == .failure)
        #expect(result.output == message)
    }

    @Test("'--' ends options; quoted dashes are values")
    func endOfOptions() {
        let repl = ready()
        #expect(repl.execute("fake load -- --weird").output == "error: '--weird' cannot be used as a name: a name starts with a letter or '_'.")
        #expect(repl.execute("fake load '--odd'").output == "error: '--odd' cannot be used as a name: a name starts with a letter or '_'.")
    }
}
