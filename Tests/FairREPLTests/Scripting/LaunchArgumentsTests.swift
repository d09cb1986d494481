import Testing
@testable import FairREPL

@Suite("LaunchArguments")
struct LaunchArgumentsTests {
    @Test("modes and options")
    func modes() throws {
        #expect(try LaunchArguments.parse([]).mode == .session)
        let file = try LaunchArguments.parse(["--echo", "--keep-going", "-f", "a.fair", "--width=64", "--canvas", "braille", "--color", "never"])
        #expect(file.mode == .file("a.fair"))
        #expect(file.echo && file.keepGoing && file.width == 64 && file.canvas == "braille" && file.color == .never)
        #expect(try LaunchArguments.parse(["-c", "help; quit"]).mode == .commands("help; quit"))
        #expect(try LaunchArguments.parse(["lessons", "--bless", "a.md"]).mode == .lessons(files: ["a.md"], bless: true, here: false))
        #expect(try LaunchArguments.parse(["lessons"]).mode == .lessons(files: [], bless: false, here: false))
        #expect(try LaunchArguments.parse(["book"]).mode == .book(bless: false, out: nil))
        #expect(try LaunchArguments.parse(["book", "--out", "/tmp/b", "--bless"]).mode == .book(bless: true, out: "/tmp/b"))
        #expect(try LaunchArguments.parse(["book", "--out=site"]).mode == .book(bless: false, out: "site"))
        #expect(try LaunchArguments.parse(["demo"]).mode == .demo)
        #expect(try LaunchArguments.parse(["--version"]).mode == .version)
        #expect(try LaunchArguments.parse(["-h"]).mode == .help)
        #expect(try LaunchArguments.parse(["--data-dir", "/d"]).dataDirectory == "/d")
    }

    @Test("usage errors say what is wrong", arguments: [
        (["--ech"], "unknown option '--ech'. Did you mean '--echo'?"),
        (["script.fair"], "unexpected argument 'script.fair'. To run a script, use -f FILE."),
        (["-f"], "-f needs a value"),
        (["--width", "10"], "--width: '10' is not allowed; expected an integer between 24 and 400"),
        (["--canvas", "dots"], "--canvas: 'dots' is not allowed; expected ascii or braille"),
        (["--color", "sometimes"], "--color: 'sometimes' is not allowed; expected auto, always or never"),
        (["-f", "a", "-c", "b"], "give only one of -f, -c and demo"),
        (["lessons", "--blss"], "unknown option '--blss' for 'fair lessons'. Did you mean '--bless'?"),
        (["book", "--ot", "x"], "unknown option '--ot' for 'fair book'. Did you mean '--out'?"),
        (["book", "--out"], "--out needs a value (the folder to write the Book to)"),
        (["book", "Lessons/01-a.md"], "unexpected argument 'Lessons/01-a.md' for 'fair book'; it always builds every lesson of Lessons/ (to write elsewhere, use --out DIR)"),
        (["bok"], "unexpected argument 'bok'. Did you mean 'book'? To run a script, use -f FILE."),
    ])
    func errors(arguments: [String], message: String) {
        #expect(throws: LaunchArguments.UsageError(message: message)) { try LaunchArguments.parse(arguments) }
    }
}
