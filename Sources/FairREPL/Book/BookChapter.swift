/// One chapter of the Book: a lesson with the output its commands printed when it was run
/// (REPL-AND-LESSONS.md §1.7). The front matter gives the title and the theorem call-out; the
/// prose is kept as written; each fenced `fair` block becomes a transcript (`hide` blocks,
/// the setup, too: the Book shows them collapsed, so that every chapter can be reproduced from
/// its page).
public struct BookChapter: Sendable, Equatable {
    /// A run of prose (Markdown lines, as in the lesson) or a transcript.
    public enum Part: Sendable, Equatable {
        case prose([String])
        case transcript(BookTranscript)
    }

    /// The lesson's path as shown (`Lessons/01-strong-demographic-parity.md`).
    public var source: String
    /// The file name without `.md` (`01-strong-demographic-parity`): the chapter's file names.
    public var name: String
    /// The `lesson` number, which orders the table of contents.
    public var number: Int?
    /// The `title`, else the lesson's first `# ` heading, else `name`.
    public var title: String
    /// The `theorem` the lesson demonstrates.
    public var theorem: String?
    /// The `tested-by` property test.
    public var testedBy: String?
    /// The part of the paper the lesson follows: the theorem's name (its text before ` — `,
    /// e.g. `Theorem 1`, `Section 6.4`).
    public var paper: String?
    public var parts: [Part]

    public init(
        source: String, name: String, number: Int?, title: String, theorem: String?, testedBy: String?,
        paper: String? = nil, parts: [Part]
    ) {
        self.source = source
        self.name = name
        self.number = number
        self.title = title
        self.theorem = theorem
        self.testedBy = testedBy
        self.paper = paper
        self.parts = parts
    }

    /// The chapter of `lesson` with the outputs and failures of `report`, a run of that lesson.
    public init(lesson: Lesson, report: LessonReport) {
        source = lesson.path
        var file = String(lesson.path.split(separator: "/").last ?? "")
        if file.hasSuffix(".md") { file.removeLast(3) }
        name = file
        number = lesson.value("lesson").flatMap { Int($0.value) }
        theorem = lesson.value("theorem")?.value
        testedBy = lesson.value("tested-by")?.value
        paper = theorem.flatMap { text in text.range(of: " — ").map { String(text[..<$0.lowerBound]) } }

        let lines = lesson.lines
        var index = 0
        if lines.first == "---", let close = lines.dropFirst().firstIndex(of: "---") { index = close + 1 }
        let blocks = Dictionary(uniqueKeysWithValues: lesson.blocks.map { ($0.line - 1, $0) })
        var parts: [Part] = []
        var prose: [String] = []
        func flushProse() {
            while prose.first?.allSatisfy(\.isWhitespace) == true { prose.removeFirst() }
            while prose.last?.allSatisfy(\.isWhitespace) == true { prose.removeLast() }
            if !prose.isEmpty { parts.append(.prose(prose)) }
            prose = []
        }
        while index < lines.count {
            if let block = blocks[index], let fence = LessonParser.Fence(lines[index]) {
                // Skip to the closing fence (the parser has checked that there is one).
                index += 1
                while index < lines.count && !fence.isClosed(by: lines[index]) { index += 1 }
                index += 1
                flushProse()
                parts.append(.transcript(BookTranscript(block: block, report: report)))
            } else if let fence = LessonParser.Fence(lines[index]) {
                // Other fences (```text, ```swift) are prose; copy them whole so that a `# ` line
                // inside one is not taken for a heading.
                prose.append(lines[index])
                index += 1
                while index < lines.count {
                    prose.append(lines[index])
                    index += 1
                    if fence.isClosed(by: lines[index - 1]) { break }
                }
            } else {
                prose.append(lines[index])
                index += 1
            }
        }
        flushProse()

        // The chapter's heading replaces the lesson's own first-level heading, if it opens the prose.
        var heading: String?
        if case var .prose(first)? = parts.first, let line = first.first, line.hasPrefix("# ") {
            heading = TextLayout.trimmed(line.dropFirst(2))
            first.removeFirst()
            while first.first?.allSatisfy(\.isWhitespace) == true { first.removeFirst() }
            if first.isEmpty { parts.removeFirst() } else { parts[0] = .prose(first) }
        }
        title = lesson.value("title")?.value ?? heading ?? file
        self.parts = parts
    }

    /// `Lesson 1: Strong demographic parity…`, or the title alone without a lesson number.
    public var heading: String {
        number.map { "Lesson \($0): \(title)" } ?? title
    }

    /// The transcripts of the chapter.
    public var transcripts: [BookTranscript] {
        parts.compactMap { if case let .transcript(transcript) = $0 { transcript } else { nil } }
    }

    /// The same chapter with every output that may vary replaced by `placeholder`.
    public func masked(with placeholder: String) -> BookChapter {
        var copy = self
        copy.parts = parts.map { part in
            if case let .transcript(transcript) = part { .transcript(transcript.masked(with: placeholder)) } else { part }
        }
        return copy
    }
}
