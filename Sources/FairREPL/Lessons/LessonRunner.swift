import Foundation

/// Runs a lesson top to bottom in a fresh interpreter (§1.6): front matter applied first
/// (seed, width), output pinned (ASCII canvas, no colour, timer off, prompt `fair> `),
/// each command's output compared with the expected lines, failures reported at their line.
public struct LessonRunner: Sendable {
    public var registry: CommandRegistry
    /// Working directory of the lesson's commands; nil runs each lesson in a fresh
    /// temporary directory, removed afterwards (no state leaks between lessons).
    public var workingDirectory: String?
    /// Environment variables (the data directory `FAIR_DATA_DIR` among them).
    public var variables: [String: String]
    /// Directory that `tested-by:` paths are relative to; nil: the parent of the lesson's folder.
    public var projectRoot: String?
    /// A seed that replaces the lesson's own (`seed:`), for a seed sweep (`fair lessons --seeds`).
    /// Outputs then differ from the lesson's, so they are not compared: only the `expect`
    /// checks (and commands that fail outside `error` blocks) are judged.
    public var seedOverride: UInt64?

    public init(
        registry: CommandRegistry = .standard(), workingDirectory: String? = nil,
        variables: [String: String] = ProcessInfo.processInfo.environment, projectRoot: String? = nil,
        seedOverride: UInt64? = nil
    ) {
        self.registry = registry
        self.workingDirectory = workingDirectory
        self.variables = variables
        self.projectRoot = projectRoot
        self.seedOverride = seedOverride
    }

    /// Reads, parses and runs the lesson at `path` (shown as `displayPath` in messages).
    public func run(path: String, displayPath: String? = nil) -> LessonReport {
        let shown = displayPath ?? path
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            var report = LessonReport(path: shown)
            report.failures.append(.init(path: shown, line: 1, message: "cannot read the lesson file (missing, or not UTF-8)"))
            return report
        }
        do {
            let lesson = try LessonParser.parse(text, path: shown)
            let root = projectRoot ?? URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent().path
            return run(lesson, projectRoot: root)
        } catch {
            var report = LessonReport(path: shown)
            report.failures.append(.init(path: shown, line: error.line, message: error.message))
            return report
        }
    }

    /// Runs a parsed lesson.
    public func run(_ lesson: Lesson, projectRoot: String) -> LessonReport {
        var report = LessonReport(path: lesson.path)
        func fail(_ line: Int, _ message: String) {
            report.failures.append(.init(path: lesson.path, line: line, message: message))
        }

        // Data the lesson needs (§1.3 `requires`).
        if let requires = lesson.value("requires") {
            let names = requires.value.split(separator: ",").map { TextLayout.trimmed($0) }.filter { !$0.isEmpty }
            guard let dataDirectory = variables["FAIR_DATA_DIR"], !dataDirectory.isEmpty else {
                report.skipReason = "needs dataset \(names.joined(separator: ", ")); set FAIR_DATA_DIR to the data directory to run it"
                return report
            }
            for name in names {
                var isDirectory: ObjCBool = false
                let folder = URL(fileURLWithPath: dataDirectory).appendingPathComponent(name).path
                if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
                    fail(requires.line, "dataset '\(name)' is not in FAIR_DATA_DIR (\(dataDirectory)); add it there or fix 'requires'")
                }
            }
        }
        if let testedBy = lesson.value("tested-by") {
            let file = URL(fileURLWithPath: projectRoot).appendingPathComponent(testedBy.value).path
            if !FileManager.default.fileExists(atPath: file) {
                fail(testedBy.line, "tested-by names \(testedBy.value), which does not exist; point it at the property test of this theorem")
            }
        }
        if !report.failures.isEmpty { return report }

        // A fresh, pinned interpreter.
        var temporary: String?
        let directory: String
        if let workingDirectory {
            directory = workingDirectory
        } else {
            let made = FileManager.default.temporaryDirectory.appendingPathComponent("fair-lesson-\(UUID().uuidString)").path
            try? FileManager.default.createDirectory(atPath: made, withIntermediateDirectories: true)
            temporary = made
            directory = made
        }
        defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
        let interpreter = Interpreter(
            registry: registry,
            environment: InterpreterEnvironment(workingDirectory: directory, variables: variables, isPinned: true))
        for key in ["seed", "width"] {
            guard let entry = lesson.value(key) else { continue }
            guard let spec = registry.setting(key) else { continue }
            let context = ValueContext(
                workspace: interpreter.workspace, settings: interpreter.settings, registry: registry,
                environment: interpreter.environment)
            do {
                interpreter.settings[key] = try spec.kind.parse(entry.value, subject: key, context: context)
            } catch {
                fail(entry.line, error.description)
            }
        }
        if let seedOverride { interpreter.settings.seed = seedOverride }
        if !report.failures.isEmpty { return report }

        for block in lesson.blocks where !block.flags.contains(.skip) {
            for command in block.commands {
                let result = interpreter.execute(command.text)
                if !TextLayout.trimmed(command.text).isEmpty { report.commands += 1 }
                report.passedExpectations += result.passedExpectations
                report.failedExpectations += result.failedExpectations
                let actual = OutputMatcher.normalizedLines(result.output)
                report.capturedOutputs[command.line] = actual
                if let check = LessonReport.Check(command: command.text, line: command.line, result: result), !block.flags.contains(.error) {
                    report.checks.append(check)
                }
                if !result.figures.isEmpty { report.capturedFigures[command.line] = result.figures }
                let compared = !block.flags.contains(.nondeterministic) && seedOverride == nil
                let outputMatches = !compared || OutputMatcher.matches(expected: command.expected, actual: actual)
                var problems: [String] = []
                switch result.status {
                case .failure where !block.flags.contains(.error):
                    problems.append("'\(command.text)' failed, in a block without the 'error' flag")
                case .interrupted:
                    problems.append("'\(command.text)' was interrupted")
                case .expectationFailed:
                    problems.append("expectation failed: \(actual.first { $0.hasPrefix("✗") } ?? result.output)")
                default:
                    break
                }
                if !outputMatches {
                    report.mismatchedOutputs[command.line] = actual
                    problems.append("output of '\(command.text)' differs from the lesson (- lesson, + actual):")
                }
                guard !problems.isEmpty else { continue }
                var message = problems.joined(separator: "; ")
                let shownDiff = outputMatches ? actual.map { "  " + $0 } : OutputMatcher.diff(expected: command.expected, actual: actual)
                if !shownDiff.isEmpty { message += "\n" + shownDiff.joined(separator: "\n") }
                fail(command.line, message)
            }
        }
        return report
    }

    /// The lesson text with the expected output of every mismatched command replaced by its
    /// actual output (matching outputs, with their `...` and `(re)` lines, are kept).
    public static func blessed(_ lesson: Lesson, with report: LessonReport) -> String {
        var lines = lesson.lines
        let commands = lesson.blocks.flatMap(\.commands).sorted { $0.line > $1.line }
        for command in commands {
            guard let actual = report.mismatchedOutputs[command.line] else { continue }
            lines.replaceSubrange(command.expectedLines, with: actual)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs the lesson at `path` and, when outputs differ, rewrites them in place (atomically).
    /// Returns the report of the run before rewriting, and whether the file changed.
    public func bless(path: String, displayPath: String? = nil) -> (report: LessonReport, rewritten: Bool) {
        let report = run(path: path, displayPath: displayPath)
        return (report, Self.rewrite(path: path, with: report))
    }

    /// Rewrites the lesson at `path` (atomically) with the mismatched outputs of `report`, a
    /// run of that file. Returns whether the file changed.
    @discardableResult
    public static func rewrite(path: String, with report: LessonReport) -> Bool {
        guard !report.mismatchedOutputs.isEmpty,
            let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8),
            let lesson = try? LessonParser.parse(text, path: report.path)
        else { return false }
        do {
            try FileWriting.write(blessed(lesson, with: report), to: path)
            return true
        } catch {
            return false
        }
    }
}
