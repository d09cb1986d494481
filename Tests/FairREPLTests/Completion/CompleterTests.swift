import Foundation
import Testing
@testable import FairREPL

@Suite("Completion")
struct CompleterTests {
    func ready() -> Interpreter {
        let repl = makeInterpreter(registry: domainRegistry())
        run(repl, "fake load people", "let ks.after = 0.01", "let ks.before = 0.5")
        return repl
    }

    func complete(_ repl: Interpreter, _ line: String) -> [String] {
        repl.completions(for: line, cursor: line.count)
    }

    @Test("command words, subcommand words, aliases and ?CMD")
    func commands() {
        let repl = ready()
        #expect(complete(repl, "sh") == ["show"])
        #expect(complete(repl, "ex") == ["exit", "expect", "export"])
        #expect(complete(repl, "record ") == ["start", "stop"])
        #expect(complete(repl, "record st") == ["start", "stop"])
        #expect(complete(repl, "fake t") == ["train"])
        #expect(complete(repl, "?he") == ["?head", "?help"])
        #expect(complete(repl, "").contains("help"))
    }

    @Test("options not yet given, then their values")
    func options() {
        let repl = ready()
        #expect(complete(repl, "fake train --e") == ["--epochs"])
        #expect(complete(repl, "fake train --epochs 3 --") == ["--both", "--canvas", "--label", "--lambda"])
        #expect(complete(repl, "fake train --canvas ") == ["ascii", "braille"])
        #expect(complete(repl, "fake train --canvas=b") == ["braille"])
        #expect(complete(repl, "fake train --label s") == ["score", "sex"])
    }

    @Test("arguments: settings and their values, workspace names, help words")
    func arguments() {
        let repl = ready()
        #expect(complete(repl, "set fo") == ["format"])
        #expect(complete(repl, "set format ") == ["csv", "json", "table"])
        #expect(complete(repl, "set timer o") == ["off", "on"])
        #expect(complete(repl, "show p") == ["people"])
        #expect(complete(repl, "show r") == ["results"])
        #expect(complete(repl, "export ks") == ["ks.after", "ks.before"])
        #expect(complete(repl, "help rec") == ["record"])
        #expect(complete(repl, "help record s") == ["start", "stop"])
    }

    @Test("names inside expressions")
    func expressions() {
        let repl = ready()
        #expect(complete(repl, "expect ks.a") == ["ks.after"])
        #expect(complete(repl, "expect approx(ks.b") == ["approx(ks.before"])
        #expect(complete(repl, "expect ap") == ["approx("])
        #expect(complete(repl, "let gap = ks.") == ["ks.after", "ks.before"])
    }

    @Test("file paths relative to the working directory, directories end in /, hidden files only when asked")
    func paths() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("", to: "notes.md")
        try directory.write("", to: "data.csv")
        try directory.write("", to: ".hidden.csv")
        try FileManager.default.createDirectory(atPath: directory.file("sub"), withIntermediateDirectories: true)
        try directory.write("", to: "sub/inner.csv")
        let repl = makeInterpreter(directory: directory.path)
        #expect(complete(repl, "record start ") == ["--title", "notes.md", "sub/"], "an empty word offers options too")
        #expect(complete(repl, "export results d") == ["data.csv"])
        #expect(complete(repl, "record start n") == ["notes.md"])
        #expect(complete(repl, "export results sub/") == ["sub/inner.csv"])
        #expect(complete(repl, "export results .h") == [".hidden.csv"])
        #expect(complete(repl, "open ") == ["sub/"], "only .fairws files and directories")
    }

    @Test("the cursor decides the word")
    func cursor() {
        let repl = ready()
        #expect(repl.completions(for: "show people", cursor: 2) == ["show"])
    }
}
