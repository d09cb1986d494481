import Testing
@testable import FairREPL

@Suite("fair demo's tour")
struct DemoTourTests {
    @Test("every command of the tour succeeds, and the story holds: KS at the noise floor, no rank inversion")
    func tour() {
        let repl = DomainFixtures.session(DemoTour.steps.flatMap(\.commands))
        let before = repl.workspace.number(named: "ks.before") ?? 0
        let after = repl.workspace.number(named: "ks.after") ?? 1
        let floor = repl.workspace.number(named: "ks.floor") ?? 0
        #expect(before > 10 * floor)
        #expect(after <= 3 * floor)
        #expect(repl.workspace.number(named: "ranks.inversions") == 0)
        #expect(repl.workspace.contains(kind: .model))
    }

    @Test("narration is wrapped to the width, paragraphs kept")
    func wrapping() {
        let text = DemoTour.steps[0].wrappedNarration(width: 50)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 50 })
        #expect(text.contains("\n\n"))
    }
}
