import Foundation
import Testing
@testable import FairREPL

/// Script mode through the built binary: exit codes, --echo, -c, -f, stdin, --keep-going.
@Suite("fair binary, script mode")
struct BinaryTests {
    @Test("-c runs commands; success exits 0")
    func commands() throws {
        let run = try runFair(["-c", "let x = 1; expect x == 1"])
        #expect(run.status == 0)
        #expect(run.stdout == "x = 1\n✓ x == 1\n")
        #expect(run.stderr == "")
    }

    @Test("a failed expectation exits 1 and stops, naming the line; --keep-going runs the rest")
    func stops() throws {
        let stopped = try runFair(["-c", "let x = 1; expect x == 2; let y = 3"])
        #expect(stopped.status == 1)
        #expect(!stopped.stdout.contains("y = 3"))
        #expect(stopped.stderr == "fair: stopped at -c:2 (expectation failed); use --keep-going to run the rest\n")
        let kept = try runFair(["--keep-going", "-c", "let x = 1; expect x == 2; let y = 3"])
        #expect(kept.status == 1)
        #expect(kept.stdout.hasSuffix("y = 3\n"))
        let failed = try runFair(["-c", "let a = 1; xyzzy"])
        #expect(failed.status == 1)
        #expect(failed.stdout == "a = 1\n", "errors go to standard error")
        #expect(failed.stderr == "error: unknown command 'xyzzy'. Type 'help' for the list of commands.\nfair: stopped at -c:2 (command failed); use --keep-going to run the rest\n")
    }

    @Test("a failed write to standard output is an error: exit 1, said on standard error (fair -c … > /dev/full)")
    func fullDisk() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try FairBinary.require())
        process.arguments = ["-c", "let x = 1; let y = 2"]
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C"]
        process.standardOutput = full
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr == "fair: cannot write to standard output (No space left on device); stopped at -c:1\n")
    }

    @Test("--echo prints each command in transcript form")
    func echo() throws {
        let run = try runFair(["--echo", "-c", "let x = 1/2"])
        #expect(run.stdout == "fair> let x = 1/2\nx = 0.500\n")
    }

    @Test("-f runs a script with comments and continuations")
    func file() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("# a script\nlet a = \\\n  2\n\nexpect a == 2\n", to: "s.fair")
        let run = try runFair(["-f", "s.fair"], directory: directory.path)
        #expect(run.status == 0)
        #expect(run.stdout == "a = 2\n✓ a == 2\n")
        let missing = try runFair(["-f", "missing.fair"], directory: directory.path)
        #expect(missing.status == 64)
        #expect(missing.stderr == "fair: cannot read missing.fair (missing, unreadable, or not UTF-8)\n")
    }

    @Test("commands from standard input when it is not a terminal: no prompt")
    func standardInput() throws {
        let run = try runFair([], stdin: "let x = 2\nexpect x == 2\n")
        #expect(run.status == 0)
        #expect(run.stdout == "x = 2\n✓ x == 2\n")
    }

    @Test("usage errors exit 64 with the usage")
    func usage() throws {
        let run = try runFair(["--bogus"])
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("Error: Unknown option '--bogus'\nUsage: fair [<options>]"))
        #expect(try runFair(["--help"]).status == 0)
        #expect(try runFair(["--version"]).stdout.hasPrefix("fair "))
    }

    @Test("Ctrl-C during a command exits 130 and says where")
    func interrupt() throws {
        let binary = try FairBinary.require()
        let child = try LiveProcess(
            binary: binary, arguments: ["--echo", "-c", "sleep 20; let after = 1"], environment: ["PATH": "/usr/bin:/bin"],
            directory: FileManager.default.temporaryDirectory.path)
        #expect(child.waitFor("fair> sleep 20"))
        Thread.sleep(forTimeInterval: 0.2)
        child.process.interrupt()
        let (status, stderr) = child.finish()
        #expect(status == 130)
        #expect(!child.output.contains("after = 1"))
        #expect(stderr.hasPrefix("sleep: interrupted after "), "the interruption is said on standard error")
        #expect(stderr.hasSuffix(" s (workspace unchanged)\nfair: interrupted at -c:1\n"))
    }

    @Test("fair lessons runs lessons, reports at file:line, and --bless rewrites them")
    func lessons() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("Lessons"), withIntermediateDirectories: true)
        try directory.write("```fair\nfair> let x = 2\nx = 3\n```\n", to: "Lessons/01-a.md")
        let failing = try runFair(["lessons"], directory: directory.path)
        #expect(failing.status == 1)
        #expect(failing.stdout.hasPrefix("Lessons/01-a.md:2: output of 'let x = 2' differs"))
        #expect(failing.stdout.hasSuffix("Lessons/01-a.md: 1 command, 0 expectations — 1 failure\n"))
        let blessed = try runFair(["lessons", "--bless", "Lessons/01-a.md"], directory: directory.path)
        #expect(blessed.status == 0)
        #expect(blessed.stdout == "Lessons/01-a.md: rewrote 1 output\nLessons/01-a.md: 1 command, 0 expectations — all passed\n")
        #expect(directory.read("Lessons/01-a.md") == "```fair\nfair> let x = 2\nx = 2\n```\n")
        let empty = TemporaryDirectory()
        defer { empty.remove() }
        let none = try runFair(["lessons"], directory: empty.path)
        #expect(none.status == 64)
        #expect(none.stderr == "fair: no Lessons directory here; run from the project root or name the lesson files\n")
    }

    @Test("fair book writes the Book, fails at file:line on stale output, and --bless takes the new output")
    func book() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("Lessons"), withIntermediateDirectories: true)
        try directory.write("---\nlesson: 1\ntitle: A\n---\n```fair\nfair> let x = 2\nx = 3\n```\n", to: "Lessons/01-a.md")
        let failing = try runFair(["book"], directory: directory.path)
        #expect(failing.status == 1)
        #expect(failing.stdout.hasPrefix("Lessons/01-a.md:6: output of 'let x = 2' differs from the lesson (- lesson, + actual):\n+ x = 2\n- x = 3\n"))
        #expect(failing.stderr == "fair book: the Book was not written; fix the lessons above, or run 'fair book --bless' to take their new output into the lessons (review it with git diff)\n")
        #expect(!FileManager.default.fileExists(atPath: directory.file("Book")))

        let blessed = try runFair(["book", "--bless"], directory: directory.path)
        #expect(blessed.status == 0, "\(blessed.stderr)")
        #expect(blessed.stdout == """
            Lessons/01-a.md: rewrote 1 output
            Lessons/01-a.md: 1 command, 0 expectations — all passed
            wrote the Book to Book/: 1 chapter, 28 files (28 written, 0 unchanged); open Book/html/index.html

            """)
        #expect(directory.read("Lessons/01-a.md")?.contains("fair> let x = 2\nx = 2\n") == true)
        #expect(directory.read("Book/01-a.md")?.contains("```text\nfair> let x = 2\nx = 2\n```") == true)
        #expect(directory.read("Book/html/index.html")?.contains("<a href=\"01-a.html\">Lesson 1: A</a>") == true)
        // 7 generated files (chapter .md and .html, contents, commands, style, script, search index)
        // and KaTeX's stylesheet and 20 fonts, copied for use with no network.
        #expect(FileManager.default.fileExists(atPath: directory.file("Book/html/katex/fonts/KaTeX_Main-Regular.woff2")))

        let again = try runFair(["book", "--out", "Book"], directory: directory.path)
        #expect(again.status == 0)
        #expect(again.stdout.hasSuffix("wrote the Book to Book/: 1 chapter, 28 files (all up to date); open Book/html/index.html\n"))
        let intoLessons = try runFair(["book", "--out", "./Lessons/"], directory: directory.path)
        #expect(intoLessons.status == 64)
        #expect(intoLessons.stderr.hasPrefix("fair: --out ./Lessons/ is the Lessons folder"))
    }

    @Test("fair demo runs its tour and exits 0")
    func demo() throws {
        let run = try runFair(["demo"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("FairMTL demo: a multi-task model"))
        #expect(run.stdout.contains("fair> train mtl --epochs 10 --hidden 32\ntrained mtl: YOTO multi-task"))
        #expect(run.stdout.contains("fair> fit barycenter --jitter 1e-6\nfitted bary on 7,000 pool rows of pred"))
        #expect(run.stdout.contains("≥ α = 0.05: at this sample size the repaired groups cannot be told apart"))
        #expect(run.stdout.contains("no pair of rows of one group changes order: the repair is monotone within each group"))
        #expect(run.stdout.contains("CDF of y_regression by group — after repair"))
    }
}
