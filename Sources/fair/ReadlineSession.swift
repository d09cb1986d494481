import CReadline
import FairCore
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

/// The interactive front end: GNU readline with completion, a persistent history file (saved
/// atomically as soon as each line is entered), a prompt showing the workspace state, Ctrl-C
/// that clears the line (or interrupts a running command) and Ctrl-D that exits.
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
        if let historyPath { read_history(historyPath) }
        installInterruptHandler()
        Terminal.printLine("fair — type 'help' for the commands, Tab to complete, Ctrl-D to leave.")

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
            saveHistory()
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

    /// Replaces the history file with the session's history (readline's list: what the file
    /// held at start, then this session's lines, the last 1,000) through `AtomicFile`, at once
    /// after each line, so a closed terminal loses nothing and a kill or a full disk mid-write
    /// leaves the previous file whole; the file keeps its mode and a symbolic link is written
    /// through. Two sessions at once: the one that saves last keeps its own lines.
    private func saveHistory() {
        guard let historyPath else { return }
        var bytes: [UInt8] = []
        if let entries = history_list() {
            var i = 0
            while let entry = entries[i], let line = entry.pointee.line {
                bytes += UnsafeRawBufferPointer(start: line, count: strlen(line))
                bytes.append(UInt8(ascii: "\n"))
                i += 1
            }
        }
        do {
            try AtomicFile.write(bytes, to: historyPath)
        } catch {
            Terminal.printError("fair: could not save the history: \(error)")
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
