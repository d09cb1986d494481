import FairCore
import Foundation
import Testing
@testable import FairREPL

/// Issue 14 through the built binary (errors go to standard error): saves through links and onto special files, modes,
/// kills and signals during a save, resource limits, and readers racing a writer.
@Suite("fair binary, reliability")
struct ReliabilityTests {
    /// Runs `fair ARGUMENTS` under `/bin/sh` after `setup` (e.g. `ulimit -v 1500000; umask 077`).
    static func runLimited(_ setup: String, _ arguments: [String], directory: String) throws -> FairRun {
        let binary = try FairBinary.require()
        let quoted = ([binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let child = try LiveProcess(
            binary: "/bin/sh", arguments: ["-c", "\(setup); exec \(quoted)"],
            environment: ["PATH": "/usr/bin:/bin", "HOME": directory, "LANG": "C"], directory: directory)
        child.closeInput()
        let (status, stderr) = child.finish(timeout: 60)
        return FairRun(status: status, stdout: child.output, stderr: stderr)
    }

    static func fileType(_ path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : nil
    }

    static func permissions(_ path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & 0o7777 : nil
    }

    static func entries(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    @Test("item 1: save through a symbolic link writes its target and keeps the link")
    func saveThroughLink() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("old", to: "t.fairws")
        #expect(symlink("t.fairws", directory.file("l.fairws")) == 0)
        let run = try runFair(["-c", "load synthetic --rows 50; save l.fairws; open l.fairws"], directory: directory.path)
        #expect(run.status == 0, "\(run.stdout)")
        #expect(Self.fileType(directory.file("l.fairws")) == S_IFLNK)
        #expect(directory.read("t.fairws")?.contains("\"fairmtl-workspace\"") == true)
        #expect(Self.entries(directory.path) == ["l.fairws", "t.fairws"])
    }

    @Test("item 1: a device, a FIFO or a directory is refused with exit 1 and left as it was")
    func specialTargets() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        #expect(mkfifo(directory.file("pipe.csv"), 0o600) == 0)
        #expect(mkdir(directory.file("dir.fairws"), 0o755) == 0)
        let device = try runFair(["-c", "let x = 1; save /dev/null"], directory: directory.path)
        #expect(device.status == 1)
        #expect(device.stderr.hasPrefix("error: cannot use /dev/null: it is a device, not a regular file; write to a regular file instead.\n"))
        #expect(Self.fileType("/dev/null") == S_IFCHR)
        let fifo = try runFair(["-c", "let x = 1; export x pipe.csv"], directory: directory.path)
        #expect(fifo.status == 1)
        #expect(fifo.stderr.contains("it is a FIFO (named pipe), not a regular file"))
        #expect(Self.fileType(directory.file("pipe.csv")) == S_IFIFO)
        let folder = try runFair(["-c", "let x = 1; save dir.fairws"], directory: directory.path)
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("error: cannot use dir.fairws: it is a directory; give a file name."))
        let record = try runFair(["-c", "record start /dev/null"], directory: directory.path)
        #expect(record.status == 1)
        #expect(record.stderr.contains("it is a device"))
        #expect(Self.entries(directory.path) == ["dir.fairws", "pipe.csv"])
    }

    @Test("item 3: save keeps a file's mode, and a new file follows the umask")
    func modes() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("old", to: "private.fairws")
        #expect(chmod(directory.file("private.fairws"), 0o600) == 0)
        let kept = try Self.runLimited("umask 022", ["-c", "let x = 1; save private.fairws"], directory: directory.path)
        #expect(kept.status == 0)
        #expect(Self.permissions(directory.file("private.fairws")) == 0o600)
        let strict = try Self.runLimited("umask 077", ["-c", "let x = 1; save new.fairws; export x new.csv"], directory: directory.path)
        #expect(strict.status == 0)
        #expect(Self.permissions(directory.file("new.fairws")) == 0o600)
        #expect(Self.permissions(directory.file("new.csv")) == 0o600)
    }

    @Test("item 2: the issue's deep expressions exit 1 with a message, not a signal")
    func deepExpressions() throws {
        // Through standard input: 50,000 'not ' is longer than one command-line argument may be.
        for expression in [String(repeating: "(", count: 3500), String(repeating: "abs(", count: 10_000) + "1",
                           "1 > " + String(repeating: "-", count: 50_000) + "1", String(repeating: "not ", count: 50_000) + "1",
                           "2" + String(repeating: "^1", count: 50_000)] {
            let run = try runFair([], stdin: "expect " + expression + "\n")
            #expect(run.status == 1)
            #expect(run.stderr.contains("the expression nests more than \(ExpressionParser.maximumDepth) levels deep"))
        }
    }

    @Test("item 5: running out of memory is an error that says how much was needed, exit 1")
    func memoryLimit() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let run = try Self.runLimited("ulimit -v 1500000", ["-c", "load synthetic --rows 10000000"], directory: directory.path)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("error: the synthetic table of 10,000,000 rows needs about"), "\(run.stderr)")
        #expect(run.stderr.contains("(limited by ulimit -v). Use a smaller input, or raise the limit."))
    }

    @Test("item 5: a CSV too large for the memory limit is refused before it is read, exit 1")
    func csvMemoryLimit() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        // 2 MB of real rows, then a sparse tail to 2 GB: only the first MiB is ever read.
        let path = directory.path + "/big.csv"
        var text = "score,group\n"
        while text.utf8.count < 2_000_000 { text += "0.5,a\n0.25,b\n" }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 2_000_000_000)
        try handle.close()
        let run = try Self.runLimited(
            "ulimit -v 1500000", ["-c", "load big.csv --group group"], directory: directory.path)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("error: reading "), "\(run.stderr)")
        #expect(run.stderr.contains("big.csv (2,000,000,000 bytes) needs about"), "\(run.stderr)")
        #expect(run.stderr.contains("(limited by ulimit -v). Use a smaller input, or raise the limit."))
    }

    @Test("item 8: record stop on a full disk fails with exit 1, the file keeps a whole shorter transcript, recording goes on")
    func recordOnFullDisk() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        // ulimit -f (blocks of 1024 bytes) makes writes past 8 KB fail as a full disk does (EFBIG).
        let run = try Self.runLimited(
            "ulimit -f 8", ["-c", "record start t.md; let x = 1; help; help load; help save; record stop"], directory: directory.path)
        #expect(run.status == 1)
        #expect(run.stdout.contains("warning: the transcript was not saved: cannot use \(directory.file("t.md")): writing failed: File too large"))
        #expect(run.stderr.contains("error: cannot use \(directory.file("t.md")): writing failed: File too large"))
        #expect(run.stderr.contains("recording goes on: free some space (or fix the path) and run 'record stop' again"))
        let transcript = try #require(directory.read("t.md"))
        let lesson = try LessonParser.parse(transcript, path: "t.md")
        #expect(transcript.hasSuffix("```\n"))
        #expect(!lesson.blocks.isEmpty)
        #expect(Self.entries(directory.path) == ["t.md"])
    }

    @Test("item 4: a save killed before its rename leaves the old file intact; the next save removes the stray temporary")
    func killDuringSave() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let first = try runFair(["-c", "let x = 1; save big.fairws"], directory: directory.path)
        #expect(first.status == 0)
        let old = try #require(FileManager.default.contents(atPath: directory.file("big.fairws")))
        for signal in [SIGKILL, SIGTERM] {
            let child = try LiveProcess(
                binary: try FairBinary.require(), arguments: ["-c", "load synthetic --rows 400000; save big.fairws"],
                environment: ["PATH": "/usr/bin:/bin", "HOME": directory.path, "LANG": "C"], directory: directory.path)
            child.closeInput()
            // Wait for the temporary file of this process's save (the one killed before may
            // have left its own), then signal the process while it writes.
            let deadline = Date().addingTimeInterval(600)
            let prefix = ".big.fairws.fairtmp-\(child.process.processIdentifier)-"
            var temporary: String?
            while temporary == nil && child.process.isRunning && Date() < deadline {
                temporary = Self.entries(directory.path).first { $0.hasPrefix(prefix) }
            }
            try #require(temporary != nil, "the save finished before it could be interrupted")
            kill(child.process.processIdentifier, signal)
            let (status, _) = child.finish(timeout: 60)
            #expect(FileManager.default.contents(atPath: directory.file("big.fairws")) == old)
            if signal == SIGKILL {
                #expect(status == SIGKILL)
                #expect(Self.entries(directory.path).count == 2)  // the stray temporary
            } else {
                #expect(status == 128 + SIGTERM)  // the handler's exit, after removing its temporary
                #expect(Self.entries(directory.path) == ["big.fairws"])
            }
        }
        let next = try runFair(["-c", "let y = 2; save big.fairws"], directory: directory.path)
        #expect(next.status == 0)
        #expect(Self.entries(directory.path) == ["big.fairws"])
        #expect(directory.read("big.fairws")?.contains("\"y\"") == true)
    }

    @Test("opening a file while another process saves it gets one version or the other, never a mix")
    func readersSeeWholeFiles() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let saves = (1...40).map { "let v\($0) = \($0); save w.fairws" }.joined(separator: "; ")
        let first = try runFair(["-c", "load synthetic --rows 20000; save w.fairws"], directory: directory.path)
        #expect(first.status == 0)
        let child = try LiveProcess(
            binary: try FairBinary.require(), arguments: ["-c", "load synthetic --rows 20000; " + saves],
            environment: ["PATH": "/usr/bin:/bin", "HOME": directory.path, "LANG": "C"], directory: directory.path)
        child.closeInput()
        var reads = 0
        var versions = Set<Int>()
        let registry = CommandRegistry.standard()
        while child.process.isRunning {
            let bytes = try AtomicFile.read(directory.file("w.fairws"))
            let contents = try WorkspaceFile.decode(Data(bytes), path: "w.fairws", registry: registry)
            versions.insert(contents.workspace.entries.count)
            reads += 1
        }
        let (status, _) = child.finish(timeout: 120)
        #expect(status == 0)
        #expect(reads > 0)
        #expect(versions.allSatisfy { (1...41).contains($0) })  // the table and 0 to 40 results
        #expect(Self.entries(directory.path) == ["w.fairws"])
    }
}
