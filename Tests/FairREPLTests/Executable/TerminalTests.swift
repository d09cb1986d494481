import Foundation
import Testing
@testable import FairREPL

/// The interactive front end through a pseudo-terminal: completion, history across runs,
/// Ctrl-C at the prompt and during a command, Ctrl-D.
@Suite(
    "fair binary, interactive",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setsid"), "needs util-linux setsid"),
    .enabled(if: FileManager.default.fileExists(atPath: "/dev/ptmx"), "needs pseudo-terminals"), .serialized)
struct TerminalTests {
    func start(_ home: TemporaryDirectory) throws -> LiveProcess {
        try LiveProcess(
            terminalBinary: try FairBinary.require(),
            environment: ["PATH": "/usr/bin:/bin", "TERM": "dumb", "HOME": home.path, "FAIR_HISTORY": home.file("history"), "LANG": "C"],
            directory: home.path)
    }

    /// Types a command, waits for `marker` at the start of an output line, then for the next prompt.
    func command(_ fair: LiveProcess, _ line: String, _ marker: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let start = fair.output.count
        fair.send(line + "\r")
        let done = fair.waitPast("\n" + marker, after: start).flatMap { fair.waitPast("fair> ", after: $0) }
        #expect(done != nil, "\(line) → \(marker)\n\(fair.output)", sourceLocation: sourceLocation)
    }

    @Test("Tab completes a command; Ctrl-D on an empty line exits 0")
    func completion() throws {
        let home = TemporaryDirectory()
        defer { home.remove() }
        let fair = try start(home)
        #expect(fair.waitFor("fair> "))
        fair.send("hel\t")
        #expect(fair.waitFor("help "))
        command(fair, "expe\t", "expect — check a condition over named results")
        let continued = fair.output.count
        fair.send("let y = \\\r")
        #expect(fair.waitFor("....> ", after: continued), "a trailing backslash asks for more")
        command(fair, "3", "y = 3")
        let mark = fair.output.count
        fair.send("\u{04}")
        #expect(fair.finish().status == 0)
        #expect(!fair.output.dropFirst(mark).contains("error"))
    }

    @Test("history persists across two runs")
    func history() throws {
        let home = TemporaryDirectory()
        defer { home.remove() }
        let first = try start(home)
        #expect(first.waitFor("fair> "))
        command(first, "let remembered = 7", "remembered = 7")
        first.send("\u{04}")
        #expect(first.finish().status == 0)
        #expect(home.read("history")?.contains("let remembered = 7") == true)

        let second = try start(home)
        #expect(second.waitFor("fair> "))
        command(second, "\u{10}", "remembered = 7")  // Ctrl-P recalls the previous line
        second.send("quit\r")
        #expect(second.finish().status == 0)
    }

    @Test("each line is in the history file as soon as it is entered, so a closed terminal loses nothing")
    func historyAppended() throws {
        let home = TemporaryDirectory()
        defer { home.remove() }
        let fair = try start(home)
        #expect(fair.waitFor("fair> "))
        command(fair, "let first = 1", "first = 1")
        command(fair, "let second = 2   # with a comment", "second = 2")
        #expect(home.read("history") == "let first = 1\nlet second = 2   # with a comment\n", "written before the session ends")
        fair.send("quit\r")
        #expect(fair.finish().status == 0)
    }

    @Test("Ctrl-C at the prompt clears the line; during a command it interrupts and keeps the workspace")
    func interrupts() throws {
        let home = TemporaryDirectory()
        defer { home.remove() }
        let fair = try start(home)
        #expect(fair.waitFor("fair> "))
        command(fair, "let x = 1", "x = 1")
        let typed = fair.output.count
        fair.send("half typed garbage")
        let echoed = fair.waitPast("garbage", after: typed)
        fair.send("\u{03}")
        #expect(echoed.flatMap { fair.waitPast("fair> ", after: $0) } != nil, "a fresh prompt after Ctrl-C")
        command(fair, "expect x == 1", "✓ x == 1")
        #expect(!fair.output.contains("unknown command"), "the abandoned line was not run")

        let beforeSleep = fair.output.count
        fair.send("sleep 20\r")
        #expect(fair.waitFor("sleep 20\n", after: beforeSleep))
        Thread.sleep(forTimeInterval: 0.3)
        fair.send("\u{03}")
        let interrupted = fair.waitPast("sleep: interrupted after", after: beforeSleep)
        #expect(interrupted.flatMap { fair.waitPast("fair> ", after: $0) } != nil, "back at the prompt")
        command(fair, "expect x == 1", "✓ x == 1")
        fair.send("\u{04}")
        #expect(fair.finish().status == 0)
        #expect(home.read("history")?.contains("garbage") == false, "an abandoned line is not saved")
    }

    @Test("Ctrl-C during train returns to the prompt with the previous model intact")
    func interruptTraining() throws {
        let home = TemporaryDirectory()
        defer { home.remove() }
        let fair = try start(home)
        #expect(fair.waitFor("fair> "))
        // With values in the workspace the prompt shows them: fair[synthetic · mtl]> .
        func step(_ line: String, _ marker: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let start = fair.output.count
            fair.send(line + "\r")
            let done = fair.waitPast("\n" + marker, after: start).flatMap { fair.waitPast("]> ", after: $0) }
            #expect(done != nil, "\(line) → \(marker)\n\(fair.output)", sourceLocation: sourceLocation)
        }
        step("load synthetic --rows 20000", "loaded synthetic")
        step("split", "split synthetic")
        step("train mtl --epochs 1 --hidden 8", "trained mtl")

        let beforeTraining = fair.output.count
        fair.send("train mtl --epochs 10000 --hidden 64,64 --batch 16\r")
        #expect(fair.waitFor("--batch 16\n", after: beforeTraining))
        Thread.sleep(forTimeInterval: 0.5)
        fair.send("\u{03}")
        let interrupted = fair.waitPast("train: interrupted at epoch", after: beforeTraining)
        #expect(interrupted.flatMap { fair.waitPast("]> ", after: $0) } != nil, "back at the prompt")
        step("expect mtl.epochs == 1", "✓ mtl.epochs == 1")
        step("show mtl", "mtl (model)")
        #expect(fair.output.hasSuffix("hidden 8; 1 epoch on synthetic\nfair[synthetic | mtl]> "), "the 1-epoch model is still there")
        fair.send("\u{04}")
        #expect(fair.finish().status == 0)
    }
}
