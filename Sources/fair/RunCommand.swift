import ArgumentParser

/// `fair run FILE|N [--here] [--seeds A-B]`: one lesson, as `fair lessons` runs it.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one lesson: exit 0 when every output and check matches, 1 otherwise.",
        discussion: "A failure is reported at its file:line, with a diff of the output.")

    @OptionGroup var options: LessonRunOptions

    @Argument(
        help: "The lesson: a file, or its number or name in Lessons/ (e.g. 5).",
        completion: .file(extensions: ["md"]))
    var lesson: String

    func run() throws {
        let status =
            if let seeds = options.seeds {
                LessonsCommand.sweep(files: [lesson], seeds: seeds, here: options.here)
            } else {
                LessonsCommand.run(files: [lesson], bless: false, here: options.here)
            }
        if status != 0 { throw ExitCode(status) }
    }
}
