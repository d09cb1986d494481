#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Whole-file reads and atomic whole-file writes: the one implementation every FairMTL module
/// writes files with (workspaces, exports, repairs, tables, encoders, models, transcripts,
/// lessons, the Book).
///
/// What a write guarantees:
/// - **All or nothing.** The bytes go to a temporary file beside the target, are flushed to disk
///   (`fsync`), and the temporary is renamed over the target (`rename` within one file system is
///   atomic; the directory is flushed too). A reader sees the old file or the whole new one,
///   never a mix; when anything fails (a full disk, a kill) the old file is left exactly as it was.
/// - **The file stays the file.** A symbolic link is followed to its final target, and the target
///   is replaced in the target's own directory, so the link keeps pointing at fresh content. A
///   target that exists but is not a regular file (a directory, a device such as `/dev/full`, a
///   FIFO, a socket) is refused, never replaced.
/// - **Permissions are kept.** An existing file keeps its mode (and, when the process may, its
///   owner); a new file gets `0666` minus the umask. The temporary is created `0600`, so data
///   never sits readable by others while it is written.
/// - **No stray files.** Temporaries are named `.NAME.fairtmp-PID-N`. A write removes the
///   temporaries of the same target left by processes that no longer exist (a `kill -9`, a power
///   cut); `removeTemporaryFilesInFlight()` lets a front end's signal handler remove the current
///   ones on SIGINT/SIGTERM.
///
/// Why the signal handling is the front end's: a library that installed process-wide handlers
/// would replace the host's own (the REPL's Ctrl-C cancels a command; a test runner has its
/// own), so FairSupport only keeps a signal-safe list of its in-flight temporaries and the front
/// end calls the remover from the handlers it installs anyway.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically (see the type's documentation).
    /// - Throws: `FairSupportError.fileAccess` naming the path and what to do: the target is not a
    ///   regular file, its directory is missing or not writable, the disk is full, …
    public static func write(_ bytes: [UInt8], to path: String) throws(FairSupportError) {
        try write(bytes, to: path, writer: SystemWriter(), beforeRename: {})
    }

    /// Writes the bytes of `buffer` to `path` atomically (see `write(_:to:)`).
    public static func write(_ buffer: UnsafeRawBufferPointer, to path: String)
        throws(FairSupportError)
    {
        try write(buffer, to: path, writer: SystemWriter(), beforeRename: {})
    }

    /// The whole content of the regular file at `path`.
    /// - Throws: `FairSupportError.fileAccess` naming the path and the system's reason; a
    ///   directory, a FIFO or a device is refused (reading one could block or never end).
    public static func read(_ path: String) throws(FairSupportError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { throw .fileAccess(path: path, reason: systemError()) }
        defer { _ = close(fd) }
        var status = stat()
        if fstat(fd, &status) != 0 { throw .fileAccess(path: path, reason: systemError()) }
        if let kind = irregularKind(status.st_mode) {
            throw .fileAccess(path: path, reason: "it is \(kind), not a regular file")
        }
        var result = [UInt8]()
        result.reserveCapacity(Int(status.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .fileAccess(path: path, reason: "reading failed: \(systemError())")
            }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// Removes the temporary files of the writes in progress in this process.
    ///
    /// Async-signal-safe (atomic loads and `unlink` only), for a front end's SIGINT/SIGTERM
    /// handler right before it exits; the interrupted writes then leave nothing behind.
    public static func removeTemporaryFilesInFlight() {
        InFlight.removeAll()
    }

    /// Makes the in-flight list ready, so that a signal handler never runs its lazy set-up;
    /// front ends call it before installing their handlers.
    public static func prepareForSignalHandlers() {
        InFlight.prepare()
    }

    // MARK: Writing

    /// Where the bytes go: the system's `write(2)`, or, in tests, a writer that fails on purpose
    /// (a full disk part-way through).
    protocol Writer {
        /// Writes up to `count` bytes; returns how many, or -1 with `errno` set.
        func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int
    }

    struct SystemWriter: Writer {
        func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { systemWrite(fd, buffer, count) }
    }

    /// `write(_:to:)` with a `writer` and `beforeRename`, which runs after the temporary file is
    /// complete and before the rename (test seams: a failing writer or a throwing hook simulate
    /// failures there).
    static func write(_ bytes: [UInt8], to path: String, writer: some Writer = SystemWriter(),
                      beforeRename: () throws(FairSupportError) -> Void) throws(FairSupportError) {
        var failure: FairSupportError? = nil
        bytes.withUnsafeBytes { raw in
            do throws(FairSupportError) {
                try write(raw, to: path, writer: writer, beforeRename: beforeRename)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    static func write(_ raw: UnsafeRawBufferPointer, to path: String, writer: some Writer,
                      beforeRename: () throws(FairSupportError) -> Void) throws(FairSupportError) {
        let target = try finalTarget(of: path)
        var status = stat()
        var existing: stat? = nil
        if stat(target, &status) == 0 {
            if let kind = irregularKind(status.st_mode) {
                throw .fileAccess(path: path, reason: "it is \(kind), not a regular file; write to a regular file instead")
            }
            existing = status
        } else if errno != ENOENT {
            throw .fileAccess(path: path, reason: systemError())
        }
        let directory = Self.directory(of: target)
        let base = baseName(of: target)
        removeStaleTemporaries(of: base, in: directory)

        let (fd, temporary) = try createTemporary(base: base, directory: directory, path: path)
        let slot = InFlight.add(temporary)
        defer { InFlight.remove(slot) }
        var closed = false
        do throws(FairSupportError) {
            let mode = existing.map { mode_t($0.st_mode) & 0o7777 } ?? (0o666 & ~currentUmask())
            if let existing, existing.st_uid != getuid() || existing.st_gid != getgid() {
                _ = fchown(fd, existing.st_uid, existing.st_gid)  // only root may; others keep their own
            }
            var offset = 0
            while offset < raw.count {
                let written = writer.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw .fileAccess(path: path, reason: "writing failed: \(systemError())\(advice(errno)); the old file is unchanged")
                }
                offset += written
            }
            if fsync(fd) != 0 {
                throw .fileAccess(path: path, reason: "flushing to disk failed: \(systemError())\(advice(errno)); the old file is unchanged")
            }
            if fchmod(fd, mode) != 0 { throw .fileAccess(path: path, reason: "cannot set the file's mode: \(systemError())") }
            closed = true
            if close(fd) != 0 {
                throw .fileAccess(path: path, reason: "closing failed: \(systemError())\(advice(errno)); the old file is unchanged")
            }
            try beforeRename()
            if rename(temporary, target) != 0 {
                throw .fileAccess(path: path, reason: "cannot replace the file: \(systemError())")
            }
        } catch {
            if !closed { _ = close(fd) }
            _ = unlink(temporary)
            throw error
        }
        // Make the rename itself durable; a failure here cannot undo it, so it is not an error.
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            _ = close(directoryFD)
        }
    }

    /// The file a write of `path` replaces: `path` itself, or the end of its chain of symbolic links.
    static func finalTarget(of path: String) throws(FairSupportError) -> String {
        var target = path
        for _ in 0..<40 {
            var status = stat()
            if lstat(target, &status) != 0 || (status.st_mode & S_IFMT) != S_IFLNK { return target }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(target, &buffer, buffer.count - 1)
            if count < 0 { throw .fileAccess(path: path, reason: "cannot read the symbolic link \(target): \(systemError())") }
            let destination = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            target = destination.hasPrefix("/") ? destination : directory(of: target) + "/" + destination
        }
        throw .fileAccess(path: path, reason: "too many levels of symbolic links")
    }

    /// Creates a new temporary file `.BASE.fairtmp-PID-N` in `directory`, mode 0600.
    private static func createTemporary(base: String, directory: String, path: String)
        throws(FairSupportError) -> (Int32, String)
    {
        while true {
            let name = temporaryPrefix(of: base) + "\(getpid())-\(counter.add(1, ordering: .relaxed).oldValue)"
            let temporary = directory + "/" + name
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { return (fd, temporary) }
            if errno == EEXIST { continue }
            let reason = errno == ENOENT
                ? "the directory \(directory) does not exist; create it first or choose another path"
                : "cannot create a temporary file in \(directory): \(systemError())\(advice(errno))"
            throw .fileAccess(path: path, reason: reason)
        }
    }

    /// The start of the names of `base`'s temporaries.
    static func temporaryPrefix(of base: String) -> String { "." + base + ".fairtmp-" }

    /// Removes `base`'s temporaries in `directory` whose writing process no longer exists
    /// (those of live processes, this one's writes in progress included, are left alone).
    static func removeStaleTemporaries(of base: String, in directory: String) {
        guard let stream = opendir(directory) else { return }
        defer { closedir(stream) }
        let prefix = temporaryPrefix(of: base)
        var stale: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name.hasPrefix(prefix) else { continue }
            let fields = name.dropFirst(prefix.count).split(separator: "-")
            guard fields.count == 2, let pid = pid_t(fields[0]), Int(fields[1]) != nil, pid > 0 else { continue }
            let alive = pid == getpid() ? InFlight.contains(directory + "/" + name) : (kill(pid, 0) == 0 || errno == EPERM)
            if !alive { stale.append(name) }
        }
        for name in stale { _ = unlink(directory + "/" + name) }
    }

    private static let counter = Atomic<Int>(0)

    // MARK: Helpers

    /// What a non-regular file is ("a directory", "a device", …), or nil for a regular file.
    static func irregularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// What to do about a write error, for the errors a user can act on.
    private static func advice(_ code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: return " (free some space, or choose another disk)"
        case EFBIG: return " (the file is larger than this process may write; see 'ulimit -f')"
        case EACCES, EPERM, EROFS: return " (choose a folder you can write to)"
        default: return ""
        }
    }

    /// The process's umask, read without changing it (`umask(2)` can only set it, and setting it
    /// even briefly would race with other threads creating files).
    static func currentUmask() -> mode_t {
        if let status = try? read("/proc/self/status"),
            let line = String(decoding: status, as: UTF8.self).split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
            let value = mode_t(line.dropFirst("Umask:".count).trimmingPrefix(while: { $0 == " " || $0 == "\t" }), radix: 8)
        {
            return value
        }
        return 0o022
    }

    /// The directory part of `path` ("." for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = String(path[..<slash])
        return head.isEmpty ? "/" : head
    }

    /// The last component of `path`.
    static func baseName(of path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    }

    static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

/// The temporaries of the writes in progress, kept where a signal handler can read them:
/// fixed slots allocated once and never freed, each a state word (free, being filled, in use)
/// and a NUL-terminated path. A path too long for a slot is not listed (the next write of the
/// same target still removes it once the process is gone).
enum InFlight {
    static let slotCount = 32
    static let pathCapacity = Int(PATH_MAX) + 1
    static let free = 0, filling = 1, inUse = 2

    // Allocated once and never freed; every access goes through the atomic states below.
    nonisolated(unsafe) static let states: UnsafeMutablePointer<Atomic<Int>> = {
        let states = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: slotCount)
        for i in 0..<slotCount { (states + i).initialize(to: Atomic(free)) }
        return states
    }()
    nonisolated(unsafe) static let paths = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * pathCapacity)

    static func prepare() {
        _ = states
        _ = paths
    }

    /// Lists `path`; returns its slot, or nil when none is free or the path is too long.
    static func add(_ path: String) -> Int? {
        let bytes = Array(path.utf8)
        guard bytes.count < pathCapacity else { return nil }
        for slot in 0..<slotCount where states[slot].compareExchange(expected: free, desired: filling, ordering: .acquiring).exchanged {
            let start = paths + slot * pathCapacity
            for (i, byte) in bytes.enumerated() { start[i] = CChar(bitPattern: byte) }
            start[bytes.count] = 0
            states[slot].store(inUse, ordering: .releasing)
            return slot
        }
        return nil
    }

    static func remove(_ slot: Int?) {
        guard let slot else { return }
        states[slot].store(free, ordering: .releasing)
    }

    static func contains(_ path: String) -> Bool {
        (0..<slotCount).contains { slot in
            states[slot].load(ordering: .acquiring) == inUse && String(cString: paths + slot * pathCapacity) == path
        }
    }

    /// Signal-safe: atomic loads and `unlink`.
    static func removeAll() {
        for slot in 0..<slotCount where states[slot].load(ordering: .acquiring) == inUse {
            _ = unlink(paths + slot * pathCapacity)
        }
    }
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }
