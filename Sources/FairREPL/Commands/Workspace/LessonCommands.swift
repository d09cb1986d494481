import Foundation

extension CommandSpec {
    /// `lessons`: the lessons of the lessons folder, with the result each one demonstrates.
    static let lessons = CommandSpec(
        "lessons", group: .lessons, summary: "list the lessons: number, title and the result each demonstrates",
        discussion: """
            Reads the lesson files (NN-name.md) of the lessons folder, by default Lessons/ under the directory fair \
            was started in. 'run N' runs one in this session.
            """,
        options: [LessonOptions.directory],
        examples: ["lessons", "lessons --dir ~/FairMTL/Lessons"]
    ) { context in
        let directory = context.resolve(path: context.invocation[LessonOptions.directory])
        let lessons = try LessonCatalog.lessons(in: directory)
        var rows: [[ResultTable.Cell]] = []
        for (_, lesson) in lessons {
            rows.append([
                .text(lesson.value("lesson")?.value ?? "-"), .text(lesson.value("title")?.value ?? "-"),
                .text(LessonCatalog.result(of: lesson)),
            ])
        }
        context.print(table: ResultTable(
            columns: [ResultTable.Column("lesson", rightAligned: true), ResultTable.Column("title"), ResultTable.Column("result")],
            rows: rows))
        context.print("run one with 'run N' (e.g. run \(lessons.first?.lesson.value("lesson")?.value ?? "1"))")
    }

    /// `run N|FILE`: a lesson's commands run in this session, with their outputs and checks.
    static let run = CommandSpec(
        "run", group: .lessons, summary: "run a lesson in this session: its commands, their outputs and its checks",
        discussion: """
            Runs the lesson's fair blocks top to bottom in the current session (applying its seed), printing each \
            section heading, each command as 'fair> …' with its output, and a note where the output differs from \
            the lesson; what the lesson builds stays in the workspace to explore. Hidden setup blocks run without \
            showing unless --show-setup; blocks marked skip do not run. Ends with the number of checks that held; \
            a check that fails makes 'run' fail in a script. From the shell, 'fair run FILE' runs one lesson in a \
            fresh session and compares every output. On a terminal, 'run' pauses after each section (Enter: the \
            next one, q: stop); --section K runs only the K-th (sections start at the '## ' headings; 1 is the \
            setup before the first).
            """,
        arguments: [LessonOptions.lesson],
        options: [
            LessonOptions.showSetup, LessonOptions.section, LessonOptions.directory
        ],
        examples: ["run 1", "run risk --show-setup", "run Lessons/05-classification-thresholds.md"]
    ) { context in
        let reference = context.invocation[LessonOptions.lesson]
        let directory = context.resolve(path: context.invocation[LessonOptions.directory])
        let (path, lesson) = try LessonCatalog.lesson(reference, directory: directory, resolve: context.resolve(path:))
        let showSetup = context.invocation[LessonOptions.showSetup]
        let nested = Interpreter(registry: context.registry, environment: context.environment)
        let section = context.invocation[LessonOptions.section]
        if let section, section > LessonCatalog.sectionCount(lesson) {
            throw CommandError.failed(message: "\(path) has \(LessonCatalog.sectionCount(lesson)) sections; --section \(section) is past the last")
        }
        var settings = context.settings
        if section ?? 1 == 1, let seed = lesson.value("seed")?.value, let value = UInt64(seed) { settings.seed = value }
        nested.adopt(workspace: context.workspace, settings: settings)
        var shownHeadings = Set<Int>()
        var commands = 0, held = 0, failed = 0, differing = 0, broken = 0
        if section ?? 1 == 1 {
            context.print("lesson \(lesson.value("lesson")?.value ?? reference): \(lesson.value("title")?.value ?? path)")
        }
        for block in lesson.blocks where !block.flags.contains(.skip) {
            if let section, LessonCatalog.section(of: block, in: lesson) != section { continue }
            // The section headings up to this block.
            for index in 0..<(block.line - 1) where lesson.lines[index].hasPrefix("## ") && !shownHeadings.contains(index)
                && (section == nil || LessonCatalog.heading(index, isIn: section ?? 1, of: lesson))
            {
                shownHeadings.insert(index)
                context.print("")
                context.print(lesson.lines[index])
            }
            let shown = showSetup || !block.flags.contains(.hide)
            for command in block.commands {
                try context.checkCancellation("at \(path):\(command.line)")
                let result = nested.execute(command.text, cancellation: context.cancellation)
                if !TextLayout.trimmed(command.text).isEmpty { commands += 1 }
                held += result.passedExpectations
                failed += result.failedExpectations
                let actual = OutputMatcher.normalizedLines(result.output)
                let differs = !block.flags.contains(.nondeterministic) && !OutputMatcher.matches(expected: command.expected, actual: actual)
                if differs { differing += 1 }
                let broke = result.status == .failure && !block.flags.contains(.error)
                if broke { broken += 1 }
                if shown || differs || broke || result.failedExpectations > 0 {
                    context.print("fair> " + command.text)
                    if !result.output.isEmpty { context.print(result.output) }
                    if differs { context.print("(differs from the lesson at \(path):\(command.line))") }
                }
            }
        }
        context.workspace = nested.workspace
        context.settings = nested.settings
        for _ in 0..<held { context.recordExpectation(passed: true) }
        // A failed check, or a command that failed outside an error block, fails 'run' in a script.
        for _ in 0..<(failed + broken) { context.recordExpectation(passed: false) }
        let checks = held + failed
        let part = section.map { " (section \($0) of \(LessonCatalog.sectionCount(lesson)))" } ?? ""
        var summary = "\(path)\(part): \(commands) commands; \(held) of \(checks) check\(checks == 1 ? "" : "s") held"
        if broken > 0 { summary += "; \(broken) command\(broken == 1 ? "" : "s") failed" }
        if differing > 0 { summary += "; \(differing) output\(differing == 1 ? "" : "s") differ from the lesson (another seed or setting?)" }
        context.print("")
        let isLast = section == nil || section == LessonCatalog.sectionCount(lesson)
        context.print(summary + (isLast ? ". The workspace keeps what the lesson built: try 'show'." : "."))
    }
}

/// Finding and reading lessons for `lessons`, `run` and `help`.
enum LessonCatalog {
    /// The parsed lessons of `directory`, in order.
    static func lessons(in directory: String) throws -> [(name: String, lesson: Lesson)] {
        guard let names = LessonFiles.names(in: directory) else {
            throw CommandError.failed(message: "no lessons folder at \(directory): start fair in the project folder, or give --dir DIR")
        }
        return names.compactMap { name in
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8),
                let lesson = try? LessonParser.parse(text, path: "Lessons/" + name)
            else { return nil }
            return (name, lesson)
        }
    }

    /// The lesson `reference` names: a file, or a number or name in `directory`.
    static func lesson(_ reference: String, directory: String, resolve: (String) -> String) throws -> (String, Lesson) {
        var path = resolve(reference)
        var shown = reference
        if !FileManager.default.fileExists(atPath: path) {
            guard let names = LessonFiles.names(in: directory) else {
                throw CommandError.failed(message: "no lesson file \(reference) and no lessons folder at \(directory): give a lesson file, or --dir DIR")
            }
            guard let name = LessonFiles.name(matching: reference, among: names) else {
                throw CommandError.failed(
                    message: "no single lesson '\(reference)' in \(directory): give its number or the start of its name ('lessons' lists them)")
            }
            path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            shown = "Lessons/" + name
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CommandError.failed(message: "cannot read \(reference) (missing, unreadable, or not UTF-8)")
        }
        do {
            return (shown, try LessonParser.parse(text, path: shown))
        } catch {
            throw CommandError.failed(message: error.description)
        }
    }

    /// Sections: 1 is everything before the first `## ` heading, k + 1 starts at the k-th.
    static func sectionCount(_ lesson: Lesson) -> Int {
        1 + lesson.lines.filter { $0.hasPrefix("## ") }.count
    }

    /// The section a block is in.
    static func section(of block: Lesson.Block, in lesson: Lesson) -> Int {
        1 + lesson.lines[0..<(block.line - 1)].filter { $0.hasPrefix("## ") }.count
    }

    /// Whether the heading at 0-based `index` opens `section`.
    static func heading(_ index: Int, isIn section: Int, of lesson: Lesson) -> Bool {
        1 + lesson.lines[0...index].filter { $0.hasPrefix("## ") }.count == section
    }

    /// The result a lesson demonstrates: its `theorem` up to the first " — " (e.g. "Corollary 1").
    static func result(of lesson: Lesson) -> String {
        guard let theorem = lesson.value("theorem")?.value else { return "-" }
        return theorem.components(separatedBy: " — ").first ?? theorem
    }

    /// The lessons in `directory` with a command starting with `command` (e.g. "verify ks").
    static func lessons(using command: String, in directory: String) -> [String] {
        guard let lessons = try? lessons(in: directory) else { return [] }
        return lessons.filter { entry in
            entry.lesson.blocks.contains { block in
                block.commands.contains { text in
                    let words = TextLayout.trimmed(text.text)
                    return words == command || words.hasPrefix(command + " ")
                }
            }
        }.map { "Lessons/" + $0.name }
    }
}

/// Stepping through a lesson on a terminal: the front end runs `run N --section K` for each
/// section in turn and pauses between them.
public enum LessonStepping {
    /// The `run …` commands, one per section that has commands, that `line` stands for; nil when
    /// `line` is not a plain `run` of a lesson (e.g. it names a section, or the lesson is unknown).
    public static func sectionCommands(for line: String, workingDirectory: String) -> [String]? {
        let words = line.split(separator: " ").map(String.init)
        guard words.count >= 2, words[0] == "run", !words.contains(where: { $0.hasPrefix("--section") }) else { return nil }
        var directory = "Lessons"
        if let at = words.firstIndex(of: "--dir"), at + 1 < words.count { directory = words[at + 1] }
        let environment = InterpreterEnvironment(workingDirectory: workingDirectory, variables: [:], isPinned: false)
        guard let (_, lesson) = try? LessonCatalog.lesson(words[1], directory: environment.resolve(path: directory), resolve: environment.resolve(path:))
        else { return nil }
        let sections = Set(lesson.blocks.filter { !$0.flags.contains(.skip) && !$0.commands.isEmpty }.map { LessonCatalog.section(of: $0, in: lesson) })
        return sections.sorted().map { line + " --section \($0)" }
    }
}

extension CommandRegistry {
    /// `lessons` and `run`.
    public mutating func registerLessonCommands() {
        register(.lessons)
        register(.run)
    }
}

/// The arguments and options of `lessons` and `run`.
private enum LessonOptions {
    static let directory = CommandOption<String>(
        "dir", .text, summary: "the lessons folder", default: "Lessons")
    static let lesson = CommandArgument<String>(
        "lesson", .text, summary: "a lesson number (3), name (risk) or file")
    static let showSetup = CommandOption.flag(
        "show-setup", summary: "also show the hidden setup blocks")
    static let section = CommandOption<Int?>(
        "section", .integer(min: 1),
        summary: "run only this section (1: before the first '## ' heading)")
}
