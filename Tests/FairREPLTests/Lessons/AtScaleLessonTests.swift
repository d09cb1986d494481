import Foundation
import Testing

@testable import FairREPL

/// Lesson 18 runs its DuckDB lines for real: after the lesson's commands (which write the
/// exported map, the script and the repaired rows), the lesson's `python` block runs in DuckDB
/// and must print the lesson's `text` block below it. Skipped, loudly, without DuckDB.
@Suite("Lesson 18 in DuckDB")
struct AtScaleLessonTests {
    /// The contents of the first fenced block of `language` after `offset`, and its end.
    static func block(_ text: String, language: String, after offset: String.Index) -> (
        String, String.Index
    )? {
        guard let open = text.range(of: "```\(language)\n", range: offset..<text.endIndex),
            let close = text.range(of: "\n```", range: open.upperBound..<text.endIndex)
        else { return nil }
        return (String(text[open.upperBound..<close.lowerBound]), close.upperBound)
    }

    @Test(
        "the python block prints the lesson's output",
        .enabled(if: SQLEngines.hasDuckDB, "needs duckdb (.ci/install-deps)"))
    func duckdbBlock() throws {
        let path = LessonTests.root.appendingPathComponent("Lessons/18-at-scale.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let (code, end) = try #require(Self.block(text, language: "python", after: text.startIndex))
        let (expected, _) = try #require(Self.block(text, language: "text", after: end))
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let report = LessonRunner(
            workingDirectory: directory.path, projectRoot: LessonTests.root.path
        )
        .run(path: path, displayPath: "Lessons/18-at-scale.md")
        #expect(report.failures.isEmpty, "\(report.failures.map(\.message))")
        try directory.write(code, to: "block.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SQLEngines.python)
        process.arguments = ["block.py"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(
            String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                == expected)
    }
}
