import Testing
@testable import FairREPL

@Suite("EditDistance")
struct EditDistanceTests {
    @Test("Levenshtein distance", arguments: [
        ("", "", 0), ("a", "", 1), ("kitten", "sitting", 3), ("trian", "train", 2), ("seed", "seed", 0), ("flaw", "lawn", 2),
    ])
    func distance(a: String, b: String, expected: Int) {
        #expect(EditDistance.between(a, b) == expected)
        #expect(EditDistance.between(b, a) == expected)
    }

    @Test("suggestions: prefixes first, then close words, nothing far")
    func suggestions() {
        #expect(EditDistance.suggestions(for: "trian", among: ["train", "show", "set"]) == ["train"])
        #expect(EditDistance.suggestions(for: "exp", among: ["expect", "export", "exit", "help"]).prefix(2) == ["expect", "export"])
        #expect(EditDistance.suggestions(for: "zzzzzz", among: ["train", "show"]).isEmpty)
        #expect(EditDistance.suggestions(for: "Seed", among: ["seed"]) == ["seed"])
    }
}
