import Glibc

/// Facts about the process's terminal, and unbuffered writes (so output is never lost
/// when the process exits from a signal handler).
enum Terminal {
    static var inputIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
    static var errorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Whether a progress line can be drawn (and erased) on standard error: a terminal that
    /// understands `ESC [ 2 K`, i.e. not `TERM=dumb`.
    static var canDrawProgress: Bool {
        errorIsTerminal && (getenv("TERM").map { String(cString: $0) } ?? "dumb") != "dumb"
    }

    /// Columns of the terminal on standard output, else `$COLUMNS`, else 80 (capped at 100).
    static func width(environment: [String: String]) -> Int {
        var size = winsize()
        if outputIsTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return max(24, min(100, Int(size.ws_col)))
        }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return max(24, min(100, columns)) }
        return 80
    }

    /// Columns of the terminal on standard error (where progress is drawn), read at each call
    /// so a resized window is followed; `$COLUMNS`, else 80, when it cannot be asked.
    static var errorWidth: Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 0 { return columns }
        return 80
    }

    /// Whether the locale says UTF-8 (for the Braille canvas).
    static func isUTF8(environment: [String: String]) -> Bool {
        let locale = environment["LC_ALL"] ?? environment["LC_CTYPE"] ?? environment["LANG"] ?? ""
        return locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
    }

    /// Colour when output is a terminal, `TERM` is not `dumb`, and `NO_COLOR` is unset.
    static func wantsColor(environment: [String: String]) -> Bool {
        outputIsTerminal && environment["TERM"] != "dumb" && environment["NO_COLOR"] == nil
    }

    /// Writes `text` to a file descriptor with write(2), retrying on partial writes; returns
    /// the `errno` of a failed write (e.g. ENOSPC on /dev/full), or nil when all was written.
    @discardableResult
    static func write(_ text: String, to descriptor: Int32 = STDOUT_FILENO) -> Int32? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        var offset = 0
        var failure: Int32?
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        return failure
    }

    /// Writes `text` and a newline to standard output; returns the errno of a failed write.
    @discardableResult
    static func printLine(_ text: String) -> Int32? { write(text + "\n") }

    /// Writes `text` and a newline to standard error.
    static func printError(_ text: String) { write(text + "\n", to: STDERR_FILENO) }
}
