/// The one-line progress display of long commands, fitted to the terminal.
public enum ProgressLine {
    /// `line` cut to fit in `width − 1` columns (a line as wide as the terminal wraps on some
    /// terminals, and a wrapped progress line can no longer be erased in place), ending in `…`
    /// when cut. Columns are counted as characters.
    public static func fitted(_ line: String, width: Int) -> String {
        let room = max(1, width - 1)
        guard line.count > room else { return line }
        return String(line.prefix(room - 1)) + "…"
    }
}
