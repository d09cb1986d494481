import Foundation
import Glibc
import Testing

/// The built `fair` binary: `$FAIR_BINARY`, else beside the test bundle in the build
/// products directory (the test target depends on `fair`, so SwiftPM builds it first), else
/// `.build/debug/fair` under the package root.
enum FairBinary {
    static let path: String? = {
        let fileManager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["FAIR_BINARY"], fileManager.isExecutableFile(atPath: override) {
            return override
        }
        var candidates: [URL] = []
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        candidates.append(executable.deletingLastPathComponent().appendingPathComponent("fair"))
        if let bundle = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("fair"))
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/fair"))
        return candidates.first { fileManager.isExecutableFile(atPath: $0.path) }?.path
    }()

    /// The binary, or a recorded issue saying how to build it.
    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(path, "the fair binary was not found beside the tests; build it with 'swift build'", sourceLocation: sourceLocation)
    }
}

/// A finished run of `fair`.
struct FairRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// A running child process whose output is read incrementally (from pipes or a pseudo-terminal).
final class LiveProcess {
    let process = Process()
    private let outputDescriptor: Int32
    private let inputDescriptor: Int32
    private let errorPipe: Pipe?
    /// Everything read so far, with carriage returns removed (a terminal sends `\r\n`).
    private(set) var output = ""

    /// Starts `fair` with pipes for stdin, stdout and stderr.
    init(binary: String, arguments: [String], environment: [String: String], directory: String) throws {
        let input = Pipe(), out = Pipe(), err = Pipe()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        outputDescriptor = out.fileHandleForReading.fileDescriptor
        inputDescriptor = input.fileHandleForWriting.fileDescriptor
        errorPipe = err
    }

    /// Starts `fair` on a new pseudo-terminal that is its controlling terminal (through
    /// util-linux `setsid --ctty`, so Ctrl-C raises SIGINT), 100 × 30.
    init(terminalBinary binary: String, arguments: [String] = [], environment: [String: String], directory: String) throws {
        // posix_openpt/grantpt/unlockpt/ptsname are not in Swift's Glibc module; on Linux they are
        // /dev/ptmx plus two ioctls (TIOCSPTLCK = 0x40045431 unlocks, TIOCGPTN = 0x80045430 numbers).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw POSIXError(.ENOTTY) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            close(master)
            throw POSIXError(.ENOTTY)
        }
        let name = "/dev/pts/\(number)"
        var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let slave = open(name, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw POSIXError(.ENOTTY) }
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["--ctty", "--wait", binary] + arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        close(slave)
        outputDescriptor = master
        inputDescriptor = master
        errorPipe = nil
    }

    /// Types `text` (raw bytes: `\r` is Enter, `\t` Tab, `\u{03}` Ctrl-C, `\u{04}` Ctrl-D).
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { _ = write(inputDescriptor, $0.baseAddress, $0.count) }
    }

    /// Closes standard input (pipes only).
    func closeInput() { if errorPipe != nil { close(inputDescriptor) } }

    /// Reads until `text` has appeared after `offset` characters of output (or `timeout`
    /// seconds pass); returns whether it appeared.
    @discardableResult
    func waitFor(_ text: String, after offset: Int = 0, timeout: Double = 15) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if String(output.dropFirst(offset)).contains(text) { return true }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return false }
            if !readAvailable(milliseconds: Int32(min(200, remaining * 1000))) && !process.isRunning {
                return String(output.dropFirst(offset)).contains(text)
            }
        }
    }

    /// Waits for `text` after `offset` characters of output; returns the offset just past its
    /// first occurrence, or nil after `timeout` seconds.
    func waitPast(_ text: String, after offset: Int = 0, timeout: Double = 15) -> Int? {
        guard waitFor(text, after: offset, timeout: timeout) else { return nil }
        let tail = output.dropFirst(offset)
        guard let range = tail.range(of: text) else { return nil }
        return offset + tail.distance(from: tail.startIndex, to: range.upperBound)
    }

    /// Reads what is available within `milliseconds`; false at end of output.
    @discardableResult
    private func readAvailable(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: outputDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return true }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(outputDescriptor, &buffer, buffer.count)
        guard count > 0 else { return false }
        append(buffer[0..<count])
        return true
    }

    private var pending: [UInt8] = []

    /// Decodes complete UTF-8 sequences (a read may split one) and drops carriage returns.
    private func append(_ bytes: ArraySlice<UInt8>) {
        pending.append(contentsOf: bytes.filter { $0 != 13 })
        var end = pending.count
        // Keep an incomplete trailing sequence for the next read.
        var back = 0
        while back < min(3, end), pending[end - 1 - back] & 0xC0 == 0x80 { back += 1 }
        if back < end, pending[end - 1 - back] >= 0xC0 {
            let lead = pending[end - 1 - back]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            if back + 1 < length { end -= back + 1 }
        }
        output += String(decoding: pending[0..<end], as: UTF8.self)
        pending.removeFirst(end)
    }

    /// Waits for the process to end (killing it after `timeout`) and returns its status.
    func finish(timeout: Double = 15) -> (status: Int32, stderr: String) {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { readAvailable(milliseconds: 50) }
        if process.isRunning {
            // Children started from test threads inherit a blocked signal mask, so only SIGKILL
            // is sure to work; setsid's forked child is found through /proc.
            let pid = process.processIdentifier
            let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
            for child in children.split(separator: " ").compactMap({ Int32($0) }) { kill(child, SIGKILL) }
            kill(pid, SIGKILL)
            process.waitUntilExit()
            Issue.record("fair did not exit within \(timeout) s; output so far:\n\(output)")
        }
        // Drain what is left; a pipe reaches end of file, a terminal master reports an error.
        while true {
            var descriptor = pollfd(fd: outputDescriptor, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 50) <= 0 { break }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(outputDescriptor, &buffer, buffer.count)
            if count <= 0 { break }
            append(buffer[0..<count])
        }
        if errorPipe == nil { close(outputDescriptor) }
        let stderr = errorPipe.map { String(decoding: $0.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) } ?? ""
        return (process.terminationStatus, stderr)
    }
}

/// Runs `fair` to completion with `stdin` piped in (not a terminal).
func runFair(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:], directory: String? = nil
) throws -> FairRun {
    let binary = try FairBinary.require()
    var variables = ["PATH": "/usr/bin:/bin", "HOME": FileManager.default.temporaryDirectory.path, "LANG": "C"]
    variables.merge(environment) { $1 }
    let child = try LiveProcess(
        binary: binary, arguments: arguments, environment: variables,
        directory: directory ?? FileManager.default.temporaryDirectory.path)
    child.send(stdin)
    child.closeInput()
    let (status, stderr) = child.finish()
    return FairRun(status: status, stdout: child.output, stderr: stderr)
}
