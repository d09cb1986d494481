import ArgumentParser
import FairREPL
import Foundation

/// `fair lessons [--bless] [--here] [--seeds A-B] [FILE…]`: runs lessons and reports at
/// `file:line`; with seeds, sweeps their checks over those seeds.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "Run lessons (default: every lesson of Lessons/) and report at file:line.",
        discussion: """
            Exit 0 when every output and check of every lesson matches, 1 otherwise (with \
            file:line and a diff).
            """)

    @Flag(help: "Rewrite the lessons' expected outputs with what the commands print now.")
    var bless = false

    @OptionGroup var options: LessonRunOptions

    @Argument(
        help: "Lesson files, or numbers or names of lessons in Lessons/ (default: all).",
        completion: .file(extensions: ["md"]))
    var files: [String] = []

    func validate() throws {
        if bless && options.seeds != nil {
            throw ValidationError(
                "--bless and --seeds do not go together: a sweep compares "
                    + "no output, so there is nothing to bless")
        }
    }

    func run() throws {
        let status =
            if let seeds = options.seeds {
                Self.sweep(files: files, seeds: seeds, here: options.here)
            } else {
                Self.run(files: files, bless: bless, here: options.here)
            }
        if status != 0 { throw ExitCode(status) }
    }

    /// The lesson files to run: `files` as given (a path, or a lesson number or name in
    /// `Lessons/`), or every lesson of `Lessons/`; nil after printing why there are none.
    static func paths(for files: [String]) -> [String]? {
        let directory = "Lessons"
        let names = LessonFiles.names(in: directory)
        if files.isEmpty {
            guard let names else {
                Terminal.printError("fair: no Lessons directory here; run from the project root or name the lesson files")
                return nil
            }
            if names.isEmpty {
                Terminal.printError("fair: no lessons (NN-name.md) in Lessons/")
                return nil
            }
            return names.map { directory + "/" + $0 }
        }
        var paths: [String] = []
        for file in files {
            if FileManager.default.fileExists(atPath: file) {
                paths.append(file)
            } else if let names, let name = LessonFiles.name(matching: file, among: names) {
                paths.append(directory + "/" + name)
            } else {
                Terminal.printError("fair: no lesson '\(file)': give a lesson file, or a number or name of a lesson in Lessons/")
                return nil
            }
        }
        return paths
    }

    static func run(files: [String], bless: Bool, here: Bool) -> Int32 {
        guard let paths = paths(for: files) else { return 64 }
        let runner = LessonRunner(workingDirectory: here ? FileManager.default.currentDirectoryPath : nil)
        var failed = false
        for path in paths {
            var report = runner.run(path: path)
            if bless && !report.mismatchedOutputs.isEmpty {
                let (_, rewritten) = runner.bless(path: path)
                if rewritten {
                    Terminal.printLine("\(path): rewrote \(report.mismatchedOutputs.count) output\(report.mismatchedOutputs.count == 1 ? "" : "s")")
                    report = runner.run(path: path)
                }
            }
            for failure in report.failures { Terminal.printLine(failure.description) }
            Terminal.printLine(report.summary)
            if !report.isPassing { failed = true }
        }
        return failed ? 1 : 0
    }

    static func sweep(files: [String], seeds: [UInt64], here: Bool) -> Int32 {
        guard let paths = paths(for: files) else { return 64 }
        let sweep = SeedSweep(runner: LessonRunner(workingDirectory: here ? FileManager.default.currentDirectoryPath : nil), seeds: seeds)
        var results: [SeedSweep.LessonSweep] = []
        for path in paths {
            let result = sweep.run(path: path)
            for line in result.lines { Terminal.printLine(line) }
            results.append(result)
        }
        Terminal.printLine(SeedSweep.summary(results))
        return results.allSatisfy(\.isPassing) ? 0 : 1
    }
}
