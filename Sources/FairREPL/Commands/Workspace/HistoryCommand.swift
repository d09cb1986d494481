extension CommandSpec {
    /// `history [N]`: the lines typed in this session.
    static let history = CommandSpec(
        "history", group: .workspace, summary: "list the commands of this session",
        arguments: [HistoryOptions.count],
        examples: ["history", "history 5"]
    ) { context in
        let all = context.history
        let shown = context.invocation[HistoryOptions.count].map { min($0, all.count) } ?? all.count
        let first = all.count - shown
        let width = String(all.count).count
        for (offset, line) in all[first...].enumerated() {
            context.print(TextLayout.rightAligned(String(first + offset + 1), to: width + 2) + "  " + line)
        }
    }
}

/// The argument of `history`.
private enum HistoryOptions {
    static let count = CommandArgument<Int?>(
        "count", .integer(min: 1), summary: "show only the last N")
}
