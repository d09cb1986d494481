import ArgumentParser

/// How `fair` runs commands without a terminal front end: from a file, from `-c`, or (with
/// neither) from standard input when it is not a terminal.
struct ScriptOptions: ParsableArguments {
    @Option(
        name: .customShort("f"),
        help: ArgumentHelp("Run the commands in <file>.", valueName: "file"),
        completion: .file())
    var file: String?

    @Option(
        name: .customShort("c"),
        help: ArgumentHelp("Run these commands, separated by ';' or newlines.", valueName: "cmds"))
    var commands: String?

    @Flag(help: "Print each command (fair> …) before its output.")
    var echo = false

    @Flag(help: "Run the remaining commands after a failure (the exit status is still 1).")
    var keepGoing = false
}
