import ArgumentParser
import FairREPL

/// The options `fair lessons` and `fair run` share: where lessons run, and a seed sweep.
struct LessonRunOptions: ParsableArguments {
    @Flag(help: "Run in the current directory instead of a fresh temporary one.")
    var here = false

    @Option(
        help: ArgumentHelp(
            """
            Re-run each lesson once per seed A…B in place of its own and judge only its expect \
            checks ('N of M checks held'; exit 1 if any failed).
            """,
            valueName: "A-B"),
        transform: { text in
            do { return try SeedSweep.seeds(parsing: text) } catch {
                throw ValidationError("\(error)")
            }
        })
    var seeds: [UInt64]?
}
