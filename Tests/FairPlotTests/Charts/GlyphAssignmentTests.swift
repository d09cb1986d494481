import Testing
@testable import FairPlot

@Suite("GlyphAssignment")
struct GlyphAssignmentTests {
    @Test("first letters when unambiguous")
    func initials() {
        #expect(GlyphAssignment.glyphs(for: ["F", "M"]) == ["f", "m"])
    }

    @Test("clashing first letters fall back to a, b, c")
    func clash() {
        #expect(GlyphAssignment.glyphs(for: ["female", "fair", "male"]) == ["a", "b", "m"])
    }

    @Test("fixed glyphs are kept and not reused")
    func fixed() {
        #expect(GlyphAssignment.glyphs(for: ["a", "barycenter", "b"], fixed: [nil, "*", "a"]) == ["b", "*", "a"])
    }

    @Test("reserved characters are never assigned")
    func reserved() {
        let glyphs = GlyphAssignment.glyphs(for: ["#hash", "*star", ".dot", " space"])
        #expect(glyphs == ["a", "b", "c", "d"])
        #expect(Set(glyphs).count == glyphs.count)
    }
}
