import CReadline
import FairREPL
import Foundation
import Glibc

// State read by readline's C callbacks, which cannot capture context (§3.3). Only the main
// thread touches it, from inside readline().
nonisolated(unsafe) private var completingInterpreter: Interpreter?
nonisolated(unsafe) private var completionCandidates: [String] = []
nonisolated(unsafe) private var nextCandidate = 0

/// Called repeatedly by readline; returns one malloc'ed match per call (readline frees it), then nil.
private let produceMatch: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
    if state == 0 { nextCandidate = 0 }
    guard nextCandidate < completionCandidates.count else { return nil }
    defer { nextCandidate += 1 }
    return strdup(completionCandidates[nextCandidate])
}

/// readline's completion entry point: candidates come from the interpreter's completion API.
private let attemptCompletion: @convention(c) (UnsafePointer<CChar>?, Int32, Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, _ in
    fair_rl_suppress_default_completion()
    guard let interpreter = completingInterpreter, let linePointer = fair_rl_line() else { return nil }
    let line = String(cString: linePointer)
    // readline's cursor is a byte offset; the interpreter counts characters.
    let cursor = String(decoding: Array(line.utf8).prefix(Int(fair_rl_point())), as: UTF8.self).count
    completionCandidates = interpreter.completions(for: line, cursor: cursor)
    guard !completionCandidates.isEmpty else { return nil }
    let opensMore = completionCandidates.count == 1
        && (completionCandidates[0].hasSuffix("/") || completionCandidates[0].hasSuffix("("))
    fair_rl_set_completion_append_character(opensMore ? 0 : 32)
    return rl_completion_matches(text, produceMatch)
}

/// The interactive front end: GNU readline with completion, a persistent history file (each
/// line appended as soon as it is entered),
/// a prompt showing the workspace state, Ctrl-C that clears the line (or interrupts a
/// running command) and Ctrl-D that exits.
struct ReadlineSession {
    let interpreter: Interpreter
    /// Where history persists; nil keeps it for this session only.
    let historyPath: String?
    let progress: ProgressDisplay

    func run() -> Int32 {
        // readline measures the prompt and the line in the locale's encoding.
        setlocale(LC_ALL, "")
        let utf8 = Terminal.isUTF8(environment: ProcessInfo.processInfo.environment)
        completingInterpreter = interpreter
        fair_rl_install("fair", attemptCompletion)
        fair_rl_set_word_break_characters(strdup(" \t\n="))
        using_history()
        stifle_history(1000)
        if let historyPath {
            read_history(historyPath)
            // append_history needs the file to exist; create it (with what was read) when it does not.
            if access(historyPath, F_OK) != 0 { saveHistory() }
        }
        installInterruptHandler()
        Terminal.printLine("fair — type 'help' for the commands, Tab to complete, Ctrl-D to leave.")
        var linesEntered = 0

        while true {
            let prompt = utf8 ? interpreter.prompt : interpreter.prompt.replacingOccurrences(of: " · ", with: " | ")
            guard var line = read(prompt: prompt) else {
                Terminal.write("\n")
                break
            }
            while ScriptContinuation.continues(line), let next = read(prompt: "....> ") {
                line = ScriptContinuation.join(line, next)
            }
            let command = line.trimmingBlanks()
            if command.isEmpty { continue }
            add_history(command)
            linesEntered += 1
            appendHistory(truncating: linesEntered % 100 == 0)
            interruptToken.reset()
            setInterruptState(.running)
            if let sections = LessonStepping.sectionCommands(for: command, workingDirectory: interpreter.environment.workingDirectory) {
                stepThrough(sections)
                continue
            }
            let result = interpreter.execute(command, cancellation: interruptToken, progress: progress.sink(for: command))
            progress.finish()
            if result.status == .interrupted { Terminal.write("\n") }  // the terminal echoed ^C without one
            if !result.output.isEmpty { Terminal.printLine(result.output) }
            if result.shouldQuit { break }
        }
        saveHistory()
        return 0
    }

    /// `run N` on a terminal: one section at a time, pausing between them (Enter: next, q: stop);
    /// the workspace keeps what the lesson built either way.
    private func stepThrough(_ sections: [String]) {
        for (index, section) in sections.enumerated() {
            interruptToken.reset()
            setInterruptState(.running)
            let result = interpreter.execute(section, cancellation: interruptToken, progress: progress.sink(for: section))
            progress.finish()
            if !result.output.isEmpty { Terminal.printLine(result.output) }
            if result.status == .interrupted || index == sections.count - 1 { return }
            guard let answer = read(prompt: "-- Enter: next section, q: stop -- ") else { return }
            if answer.trimmingBlanks().lowercased().hasPrefix("q") {
                Terminal.printLine("stopped; the workspace keeps what the lesson built ('show' lists it)")
                return
            }
        }
    }

    /// One line from readline, or nil on Ctrl-D at an empty prompt.
    private func read(prompt: String) -> String? {
        setInterruptState(.prompt)
        defer { setInterruptState(.running) }
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Appends the last line to the history file at once, so a closed terminal loses nothing
    /// (the file is cut back to the last 1,000 lines now and then, and rewritten at Ctrl-D).
    private func appendHistory(truncating: Bool) {
        guard let historyPath else { return }
        let status = append_history(1, historyPath)
        if status != 0 {
            Terminal.printError("fair: could not add to the history in \(historyPath): \(String(cString: strerror(status)))")
            return
        }
        if truncating { history_truncate_file(historyPath, 1000) }
    }

    private func saveHistory() {
        guard let historyPath else { return }
        let status = write_history(historyPath)
        if status != 0 {
            Terminal.printError("fair: could not save the history to \(historyPath): \(String(cString: strerror(status)))")
        }
    }

    /// `FAIR_HISTORY`, else `$XDG_STATE_HOME/fair/history`, else `~/.fair_history`.
    static func historyPath(environment: [String: String]) -> String? {
        if let path = environment["FAIR_HISTORY"] { return path.isEmpty ? nil : path }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            let directory = state + "/fair"
            mkdir(directory, 0o755)
            return directory + "/history"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.fair_history"
    }
}

/// Line continuation with a trailing backslash, as in scripts and lessons.
enum ScriptContinuation {
    static func continues(_ line: String) -> Bool {
        let trimmed = line.trimmingTrailingBlanks()
        return trimmed.reversed().prefix { $0 == "\\" }.count % 2 == 1
    }

    static func join(_ line: String, _ next: String) -> String {
        String(line.trimmingTrailingBlanks().dropLast()).trimmingTrailingBlanks() + " " + next.trimmingBlanks()
    }
}

extension String {
    func trimmingTrailingBlanks() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return String(self[..<end])
    }

    func trimmingBlanks() -> String {
        let head = drop { $0 == " " || $0 == "\t" }
        return String(head).trimmingTrailingBlanks()
    }
}
