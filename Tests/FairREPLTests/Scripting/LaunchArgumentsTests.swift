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
        #expect(try LaunchArguments.parse(["lessons", "--seeds", "101-103"]).mode == .sweep(files: [], seeds: [101, 102, 103], here: false))
        #expect(try LaunchArguments.parse(["run", "a.md", "--seeds=7"]).mode == .sweep(files: ["a.md"], seeds: [7], here: false))
        #expect(try LaunchArguments.parse(["run", "3"]).mode == .lessons(files: ["3"], bless: false, here: false))
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
        (["lessons", "--seeds", "9-2"], "--seeds: '9-2' is not a seed range; give A-B (e.g. 1-30) or one seed, with 0 <= A <= B"),
        (["lessons", "--seeds"], "--seeds needs a value (a seed range such as 1-30)"),
        (["lessons", "--bless", "--seeds", "1-2"], "--bless and --seeds do not go together: a sweep compares no output, so there is nothing to bless"),
        (["run"], "'fair run' runs one lesson: give its file or number (e.g. fair run Lessons/01-strong-demographic-parity.md, or fair run 1)"),
        (["run", "a.md", "--bless"], "unknown option '--bless' for 'fair run'."),
        (["bok"], "unexpected argument 'bok'. Did you mean 'book'? To run a script, use -f FILE."),
    ])
    func errors(arguments: [String], message: String) {
        #expect(throws: LaunchArguments.UsageError(message: message)) { try LaunchArguments.parse(arguments) }
    }
}
