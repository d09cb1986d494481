/// Records what is typed and printed, in the lesson format (REPL-AND-LESSONS.md §1.2), so a
/// session can be replayed and checked by `fair lessons`: front matter with the seed and
/// width, then ```` ```fair ```` blocks of `fair> ` commands and their output. Commands
/// that failed go into ```` ```fair error ```` blocks, where failing is expected.
struct TranscriptRecorder {
    struct Entry {
        var command: String
        var output: String
        var failed: Bool
    }

    /// Absolute path written.
    let path: String
    /// The path as the user typed it.
    let displayPath: String
    let title: String
    let seed: UInt64
    let width: Int
    private(set) var entries: [Entry] = []
    /// How many entries the file on disk holds: the count at the last write that succeeded
    /// (writes are atomic, so the file always holds a whole transcript of that many commands).
    private(set) var writtenCount = 0

    init(path: String, displayPath: String, title: String, seed: UInt64, width: Int) {
        self.path = path
        self.displayPath = displayPath
        self.title = title
        self.seed = seed
        self.width = width
    }

    mutating func append(command: String, output: String, failed: Bool) {
        entries.append(Entry(command: command, output: output, failed: failed))
    }

    /// The transcript as lesson Markdown.
    func render() -> String {
        var lines = ["---", "title: \(title)", "seed: \(seed)", "width: \(width)", "---", ""]
        var index = 0
        while index < entries.count {
            let failed = entries[index].failed
            lines.append(failed ? "```fair error" : "```fair")
            while index < entries.count && entries[index].failed == failed {
                lines.append("fair> " + entries[index].command)
                if !entries[index].output.isEmpty {
                    lines.append(contentsOf: entries[index].output.split(separator: "\n", omittingEmptySubsequences: false).map {
                        TextLayout.trimmingTrailingBlanks(TextLayout.strippingANSI(String($0)))
                    })
                }
                index += 1
            }
            lines.append("```")
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// Writes the transcript atomically.
    mutating func write() throws(CommandError) {
        try FileWriting.write(render(), to: path)
        writtenCount = entries.count
    }
}
