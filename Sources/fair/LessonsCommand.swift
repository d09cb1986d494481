import FairREPL
import Foundation

/// `fair lessons [--bless] [--here] [--seeds A-B] [FILE…]` and `fair run FILE|N`: runs lessons
/// and reports at `file:line`; with seeds, sweeps their checks over those seeds.
enum LessonsCommand {
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
