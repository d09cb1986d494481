import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import FairSupport

@Suite("AtomicFile")
struct AtomicFileTests {
    static func text(_ path: String) -> String? {
        (try? AtomicFile.read(path)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func error(_ body: () throws -> Void) -> FairSupportError? {
        do {
            try body()
            Issue.record("expected an error")
            return nil
        } catch let error as FairSupportError {
            return error
        } catch {
            Issue.record("expected a FairSupportError, got \(error)")
            return nil
        }
    }

    static func mode(_ path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode : nil
    }

    @Test("a failed save leaves the old file intact and no temporary file behind")
    func failedSaveKeepsOldFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("repair.json")
        try AtomicFile.write(Array("old content".utf8), to: path)
        let failure = FairSupportError.fileAccess(path: path, reason: "simulated crash before the rename")
        #expect(throws: failure) {
            try AtomicFile.write(Array("new content".utf8), to: path) { () throws(FairSupportError) in throw failure }
        }
        #expect(Self.text(path) == "old content")
        #expect(dir.entries() == ["repair.json"])
        // And a successful save replaces it.
        try AtomicFile.write(Array("new content".utf8), to: path)
        #expect(Self.text(path) == "new content")
        #expect(dir.entries() == ["repair.json"])
    }

    /// Writes half of what it is given, then fails as a full disk does.
    struct FullDisk: AtomicFile.Writer {
        let capacity: Int
        func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
            var status = stat()
            _ = fstat(fd, &status)
            let room = capacity - Int(status.st_size)
            if room <= 0 {
                errno = ENOSPC
                return -1
            }
            return Glibc.write(fd, buffer, min(count, room))
        }
    }

    @Test("a disk that fills up part-way: the old file is intact, nothing stray is left, the error says what to do")
    func diskFull() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("w.fairws")
        try AtomicFile.write(Array("old".utf8), to: path)
        let e = Self.error {
            try AtomicFile.write(Array(repeating: 65, count: 10_000), to: path, writer: FullDisk(capacity: 4096), beforeRename: {})
        }
        #expect(e?.description == "cannot access \(path): writing failed: No space left on device (free some space, or choose another disk); the old file is unchanged.")
        #expect(Self.text(path) == "old")
        #expect(dir.entries() == ["w.fairws"])
    }

    @Test("real failures: a missing directory, a destination that is a directory")
    func realFailures() throws {
        let dir = try TemporaryDirectory()
        let missing = dir.file("no/such/dir/r.json")
        let e = Self.error { try AtomicFile.write([1], to: missing) }
        #expect(e?.description == "cannot access \(missing): the directory \(dir.path)/no/such/dir does not exist; create it first or choose another path.")
        let sub = dir.file("sub")
        #expect(mkdir(sub, 0o755) == 0)
        let e2 = Self.error { try AtomicFile.write([1], to: sub) }
        #expect(e2?.description == "cannot access \(sub): it is a directory, not a regular file; write to a regular file instead.")
        #expect(dir.entries() == ["sub"])
    }

    @Test("a device or a FIFO is refused and left as it was")
    func specialFiles() throws {
        let e = Self.error { try AtomicFile.write([1], to: "/dev/null") }
        #expect(e?.description == "cannot access /dev/null: it is a device, not a regular file; write to a regular file instead.")
        #expect(Self.mode("/dev/null").map { $0 & S_IFMT } == S_IFCHR)
        let dir = try TemporaryDirectory()
        let fifo = dir.file("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let e2 = Self.error { try AtomicFile.write([1], to: fifo) }
        #expect(e2?.description.contains("it is a FIFO (named pipe), not a regular file") == true)
        #expect(Self.mode(fifo).map { $0 & S_IFMT } == S_IFIFO)
        // Reading one is refused too (it could block for ever).
        let e3 = Self.error { _ = try AtomicFile.read(fifo) }
        #expect(e3?.description == "cannot access \(fifo): it is a FIFO (named pipe), not a regular file.")
        #expect(dir.entries() == ["pipe"])
    }

    @Test("a symbolic link is written through: the link stays, its target gets the content, in the target's directory")
    func symbolicLinks() throws {
        let dir = try TemporaryDirectory()
        #expect(mkdir(dir.file("real"), 0o755) == 0)
        try AtomicFile.write(Array("old".utf8), to: dir.file("real/t.fairws"))
        #expect(symlink("real/t.fairws", dir.file("l.fairws")) == 0)
        #expect(symlink("l.fairws", dir.file("ll.fairws")) == 0)
        try AtomicFile.write(Array("new".utf8), to: dir.file("ll.fairws"))
        #expect(Self.mode(dir.file("l.fairws")).map { $0 & S_IFMT } == S_IFLNK)
        #expect(Self.mode(dir.file("ll.fairws")).map { $0 & S_IFMT } == S_IFLNK)
        #expect(Self.text(dir.file("real/t.fairws")) == "new")
        #expect(dir.entries() == ["l.fairws", "ll.fairws", "real"])
        // A dangling link creates its target.
        #expect(symlink("real/fresh.csv", dir.file("d.csv")) == 0)
        try AtomicFile.write(Array("x".utf8), to: dir.file("d.csv"))
        #expect(Self.text(dir.file("real/fresh.csv")) == "x")
        #expect(Self.mode(dir.file("d.csv")).map { $0 & S_IFMT } == S_IFLNK)
        // A loop is an error, not a hang.
        #expect(symlink("loop2", dir.file("loop1")) == 0)
        #expect(symlink("loop1", dir.file("loop2")) == 0)
        let e = Self.error { try AtomicFile.write([1], to: dir.file("loop1")) }
        #expect(e?.description.hasSuffix("too many levels of symbolic links.") == true)
        #expect(unlink(dir.file("real/t.fairws")) == 0 && unlink(dir.file("real/fresh.csv")) == 0)
    }

    @Test("an existing file keeps its mode; a new one gets 0666 minus the umask, read from /proc without changing it")
    func modes() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("private.fairws")
        let before = umask(0o027)
        defer { umask(before) }
        #expect(AtomicFile.currentUmask() == 0o027)
        try AtomicFile.write(Array("old".utf8), to: path)
        #expect(Self.mode(path).map { $0 & 0o7777 } == 0o640)
        #expect(chmod(path, 0o600) == 0)
        try AtomicFile.write(Array("new".utf8), to: path)
        #expect(Self.mode(path).map { $0 & 0o7777 } == 0o600)
        #expect(chmod(path, 0o604) == 0)
        try AtomicFile.write(Array("newer".utf8), to: path)
        #expect(Self.mode(path).map { $0 & 0o7777 } == 0o604)
    }

    @Test("temporaries of processes that are gone are removed by the next write; live ones are left alone")
    func staleTemporaries() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("w.fairws")
        let gone = Int32.max - 1  // above any pid_max: no such process
        let stale = ".w.fairws.fairtmp-\(gone)-0"
        let live = ".w.fairws.fairtmp-1-0"  // pid 1 always exists
        let other = ".other.fairws.fairtmp-\(gone)-0"
        for name in [stale, live, other] { try AtomicFile.write(Array("partial".utf8), to: dir.file(name)) }
        try AtomicFile.write(Array("saved".utf8), to: path)
        #expect(dir.entries() == [live, other, "w.fairws"].sorted())
        #expect(Self.text(path) == "saved")
    }

    @Test("the temporaries in flight are listed for a signal handler, which removes them")
    func inFlight() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("big.fairws")
        try AtomicFile.write(Array("old".utf8), to: path)
        var temporary: String?
        var listed = false
        try AtomicFile.write(Array("new".utf8), to: path) { () throws(FairSupportError) in
            temporary = dir.entries().first { $0.hasPrefix(".big.fairws.fairtmp-\(getpid())-") }
            listed = temporary.map { InFlight.contains(dir.file($0)) } ?? false
        }
        // (Removing them is left to the binary's SIGTERM test: here it would also remove the
        // temporaries of tests running in parallel.)
        #expect(listed)
        #expect(temporary.map { InFlight.contains(dir.file($0)) } == false)
        #expect(dir.entries() == ["big.fairws"])
        #expect(Self.text(path) == "new")
    }

    @Test("the directory of a path")
    func directory() {
        #expect(AtomicFile.directory(of: "r.json") == ".")
        #expect(AtomicFile.directory(of: "/r.json") == "/")
        #expect(AtomicFile.directory(of: "a/b/r.json") == "a/b")
    }
}
