import ArgumentParser
import Testing

@testable import FairREPL
@testable import fair

/// `fair`'s command line as argument-parser parses it: which command, with which values, and
/// which usage errors (exit 64) with which messages.
@Suite("fair command line")
struct FairCommandLineTests {
    @Test("script and display options of the root command")
    func root() throws {
        let file = try #require(
            try Fair.parseAsRoot([
                "--echo", "--keep-going", "-f", "a.fair", "--width=64", "--canvas", "braille",
                "--color", "never", "--data-dir", "/d"
            ]) as? Fair)
        #expect(file.script.file == "a.fair" && file.script.commands == nil)
        #expect(file.script.echo && file.script.keepGoing)
        #expect(file.display.width == 64 && file.display.canvas == .braille)
        #expect(file.display.color == .never && file.display.dataDir == "/d")
        let commands = try #require(try Fair.parseAsRoot(["-c", "help; quit"]) as? Fair)
        #expect(commands.script.commands == "help; quit" && commands.script.file == nil)
        let session = try #require(try Fair.parseAsRoot([]) as? Fair)
        #expect(
            session.script.file == nil && session.script.commands == nil && !session.script.echo)
        #expect(
            session.display.width == nil && session.display.canvas == nil
                && session.display.color == .auto)
    }

    @Test("lessons, run, book, demo and reproduce")
    func subcommands() throws {
        let lessons = try #require(
            try Fair.parseAsRoot(["lessons", "--bless", "a.md"]) as? LessonsCommand)
        #expect(lessons.bless && lessons.files == ["a.md"] && lessons.options.seeds == nil)
        let sweep = try #require(
            try Fair.parseAsRoot(["lessons", "--here", "--seeds", "101-103"]) as? LessonsCommand)
        #expect(
            sweep.options.seeds == [101, 102, 103] && sweep.options.here && sweep.files.isEmpty)
        let run = try #require(try Fair.parseAsRoot(["run", "a.md", "--seeds=7"]) as? RunCommand)
        #expect(run.lesson == "a.md" && run.options.seeds == [7])
        let book = try #require(try Fair.parseAsRoot(["book"]) as? BookCommand)
        #expect(!book.bless && book.out == "Book")
        let site = try #require(
            try Fair.parseAsRoot(["book", "--out", "/tmp/b", "--bless"]) as? BookCommand)
        #expect(site.bless && site.out == "/tmp/b")
        let demo = try #require(try Fair.parseAsRoot(["demo", "--width", "60"]) as? DemoCommand)
        #expect(demo.display.width == 60)
        let reproduce = try #require(
            try Fair.parseAsRoot(["reproduce", "compas", "--seeds", "2", "--help"])
                as? ReproduceCommand)
        #expect(
            reproduce.words == ["compas", "--seeds", "2", "--help"],
            "passed on to the REPL unparsed")
    }

    @Test("fair reproduce WORDS… is one REPL line: blanks quoted, options bare")
    func reproduceLine() throws {
        let line = ReproduceCommand.commandLine(["reproduce", "compas", "--out", "my results/it's"])
        #expect(line == "reproduce compas --out 'my results/it'\\''s'")
        #expect(
            try Tokenizer.tokenize(line).map(\.text) == [
                "reproduce", "compas", "--out", "my results/it's"
            ])
    }

    @Test("a first word that is no subcommand: a misspelling, or a script without -f")
    func unexpectedWord() {
        #expect(
            Fair.unexpectedWord(["bok"])?.message
                == "unexpected argument 'bok'. Did you mean 'book'? To run a script, use -f FILE.")
        #expect(
            Fair.unexpectedWord(["script.fair"])?.message
                == "unexpected argument 'script.fair'. To run a script, use -f FILE.")
        for fine in [["book"], ["help", "run"], ["-f", "bok"], ["--width", "60", "demo"], []] {
            #expect(Fair.unexpectedWord(fine) == nil)
        }
    }

    @Test(
        "usage errors exit 64 and say what is wrong",
        arguments: [
            (["--ech"], "Unknown option '--ech'. Did you mean '--echo'?"),
            (["-f"], "Missing value for '-f <file>'"),
            (
                ["--width", "10"],
                "--width: '10' is not allowed; expected an integer between 24 and 400"
            ),
            (
                ["--canvas", "dots"],
                "The value 'dots' is invalid for '--canvas <canvas>'. "
                    + "Please provide one of 'ascii' and 'braille'."
            ),
            (
                ["--color", "sometimes"],
                "The value 'sometimes' is invalid for '--color <color>'. Please "
                    + "provide one of 'auto', 'always' or 'never'."
            ),
            (["-f", "a", "-c", "b"], "give only one of -f and -c"),
            (["lessons", "--blss"], "Unknown option '--blss'. Did you mean '--bless'?"),
            (["book", "--ot", "x"], "Unknown option '--ot'. Did you mean '--out'?"),
            (["book", "--out"], "Missing value for '--out <dir>'"),
            (["book", "--out", ""], "--out needs a value (the folder to write the Book to)"),
            (["book", "Lessons/01-a.md"], "Unexpected argument 'Lessons/01-a.md'"),
            (
                ["lessons", "--seeds", "9-2"],
                "The value '9-2' is invalid for '--seeds <A-B>': '9-2' is not a seed "
                    + "range; give A-B (e.g. 1-30) or one seed, with 0 <= A <= B"
            ),
            (["lessons", "--seeds"], "Missing value for '--seeds <A-B>'"),
            (
                ["lessons", "--bless", "--seeds", "1-2"],
                "--bless and --seeds do not go together: a sweep compares "
                    + "no output, so there is nothing to bless"
            ),
            (["run"], "Missing expected argument '<lesson>'"),
            (["run", "a.md", "--bless"], "Unknown option '--bless'. Did you mean '--seeds'?"),
            (
                ["reproduce"],
                "'fair reproduce' needs what to reproduce: compas or "
                    + "scarcity (e.g. fair reproduce compas --seeds 2)"
            )
        ])
    func errors(arguments: [String], message: String) {
        do {
            _ = try Fair.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed without an error")
        } catch {
            #expect(Fair.message(for: error) == message)
            #expect(Fair.exitCode(for: error) == .validationFailure)
            #expect(ExitCode.validationFailure.rawValue == 64)
        }
    }
}
