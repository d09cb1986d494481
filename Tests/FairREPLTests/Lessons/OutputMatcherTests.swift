import Testing
@testable import FairREPL

@Suite("OutputMatcher")
struct OutputMatcherTests {
    @Test("exact lines after normalisation of CRLF, ANSI, trailing blanks and trailing empty lines")
    func normalisation() {
        #expect(OutputMatcher.normalizedLines("a  \r\n\u{1B}[31mb\u{1B}[0m\n\n") == ["a", "b"])
        #expect(OutputMatcher.matches(expected: ["a", "b", ""], actual: ["a ", "b"]))
        #expect(!OutputMatcher.matches(expected: ["a"], actual: ["a", "b"]))
    }

    @Test("'...' matches any run of lines, including none")
    func ellipsis() {
        #expect(OutputMatcher.matches(expected: ["a", "...", "z"], actual: ["a", "z"]))
        #expect(OutputMatcher.matches(expected: ["a", "...", "z"], actual: ["a", "b", "c", "z"]))
        #expect(OutputMatcher.matches(expected: ["..."], actual: []))
        #expect(!OutputMatcher.matches(expected: ["a", "...", "z"], actual: ["a", "b"]))
    }

    @Test("'(re)' lines are whole-line regular expressions")
    func regex() {
        #expect(OutputMatcher.matches(expected: [#"x = 0\.\d+ (re)"#], actual: ["x = 0.333"]))
        #expect(!OutputMatcher.matches(expected: [#"x = 0\.\d+ (re)"#], actual: ["x = 0.333 extra"]))
        #expect(!OutputMatcher.matches(expected: ["( (re)"], actual: ["("]), "an invalid expression matches nothing")
    }

    @Test("the diff marks lesson-only and actual-only lines")
    func diff() {
        #expect(OutputMatcher.diff(expected: ["a", "b", "c"], actual: ["a", "B", "c"]) == ["  a", "+ B", "- b", "  c"])
    }
}
