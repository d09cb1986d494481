import FairREPL
import Foundation

/// `fair lessons [--bless] [--here] [FILE…]`: runs lessons and reports at `file:line`.
enum LessonsCommand {
    static func run(files: [String], bless: Bool, here: Bool) -> Int32 {
        let fileManager = FileManager.default
        var paths = files
        if paths.isEmpty {
            let directory = "Lessons"
            guard let names = LessonFiles.names(in: directory) else {
                Terminal.printError("fair: no Lessons directory here; run from the project root or name the lesson files")
                return 64
            }
            paths = names.map { directory + "/" + $0 }
            if paths.isEmpty {
                Terminal.printError("fair: no lessons (NN-name.md) in Lessons/")
                return 64
            }
        }
        let runner = LessonRunner(workingDirectory: here ? fileManager.currentDirectoryPath : nil)
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
}
