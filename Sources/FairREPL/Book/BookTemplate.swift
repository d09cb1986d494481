/// The page every Book HTML file is wrapped in: UTF-8, a viewport for small screens, and a
/// short inline style sheet (readable measure, monospace transcripts that scroll sideways
/// rather than wrap, so ASCII plots keep their shape; light and dark schemes). No scripts, no
/// external resources, no dates: the same body always gives the same page.
public enum BookTemplate {
    public static let bookTitle = "FairMTL — the Book"
    public static let bookSubtitle = """
        The lessons of FairMTL, each run afresh when the Book was built: every transcript is what \
        the fair REPL printed then, checked against the lesson.
        """

    /// A complete page: `title` (plain text, escaped here) and the lines of the `<body>`.
    public static func page(title: String, body: [String]) -> String {
        let pageTitle = title == bookTitle ? title : "\(title) · \(bookTitle)"
        let head = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"generator\" content=\"fair book\">",
            "<title>\(BookHTML.escaped(pageTitle))</title>",
            "<style>",
            style,
            "</style>",
            "</head>",
            "<body>",
        ]
        return (head + body + ["</body>", "</html>"]).joined(separator: "\n") + "\n"
    }

    /// The inline style sheet.
    static let style = """
        :root { color-scheme: light dark; --text: #1f2328; --muted: #59636e; --back: #ffffff;
          --code: #f6f8fa; --rule: #d1d9e0; --accent: #0969da; --pass: #1a7f37; --fail: #cf222e; }
        @media (prefers-color-scheme: dark) {
          :root { --text: #e6edf3; --muted: #9198a1; --back: #0d1117; --code: #161b22; --rule: #3d444d;
            --accent: #4493f8; --pass: #3fb950; --fail: #f85149; } }
        body { margin: 0 auto; max-width: 50rem; padding: 1.5rem 1rem 3rem; background: var(--back);
          color: var(--text); font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        h1, h2, h3 { line-height: 1.25; margin-top: 2rem; }
        h1 { font-size: 1.8rem; margin-top: 1rem; }
        a { color: var(--accent); }
        nav { font-size: 0.9rem; color: var(--muted); padding: 0.5rem 0; border-bottom: 1px solid var(--rule); }
        nav:last-of-type { border-bottom: 0; border-top: 1px solid var(--rule); margin-top: 2rem; }
        code, pre { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
          font-size: 0.875rem; }
        :not(pre) > code { background: var(--code); padding: 0.1em 0.3em; border-radius: 4px; }
        pre { background: var(--code); border: 1px solid var(--rule); border-radius: 6px; padding: 0.75rem 1rem;
          overflow-x: auto; line-height: 1.35; }
        pre.transcript { margin-bottom: 0.25rem; }
        .prompt { color: var(--muted); user-select: none; }
        .command { font-weight: 600; }
        .verdict { margin-top: 0; font-size: 0.875rem; }
        .verdict.pass { color: var(--pass); }
        .verdict.fail { color: var(--fail); font-weight: 600; }
        .verdict.not-run { color: var(--muted); }
        .theorem { border-left: 4px solid var(--accent); background: var(--code); padding: 0.25rem 1rem;
          margin: 1rem 0; }
        .source { color: var(--muted); font-size: 0.875rem; }
        .contents { list-style: none; padding-left: 0; }
        .contents li { margin: 0.75rem 0; }
        .statement { color: var(--muted); font-size: 0.9rem; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid var(--rule); padding: 0.25rem 0.5rem; }
        """
}
