import Testing
@testable import FairPlot

@Suite("DotGrid")
struct DotGridTests {
    @Test("a vertical jump sets every row it crosses")
    func vertical() {
        var grid = DotGrid(width: 5, height: 6)
        grid.draw([Series(name: "s", glyph: "s", points: [Point(0.5, 0), Point(0.5, 1)])],
                  x: Axis(lower: 0, upper: 1), y: Axis(lower: 0, upper: 1))
        for row in 0..<6 { #expect(grid.bits(column: 2, row: row).foreground == 1) }
    }

    @Test("a segment leaving the range is clipped at the border, not squashed onto it")
    func clipping() {
        var grid = DotGrid(width: 11, height: 11)
        grid.draw([Series(name: "s", glyph: "s", points: [Point(-1, 0.5), Point(2, 0.5)])],
                  x: Axis(lower: 0, upper: 1), y: Axis(lower: 0, upper: 1))
        for column in 0..<11 { #expect(grid.bits(column: column, row: 5).foreground == 1) }
        var outside = DotGrid(width: 11, height: 11)
        outside.draw([Series(name: "s", glyph: "s", points: [Point(-1, 2), Point(2, 2)])],
                     x: Axis(lower: 0, upper: 1), y: Axis(lower: 0, upper: 1))
        #expect((0..<11).allSatisfy { c in (0..<11).allSatisfy { outside.bits(column: c, row: $0).foreground == 0 } })
    }

    @Test("marks outside the range are skipped")
    func marksOutside() {
        var grid = DotGrid(width: 3, height: 3)
        grid.draw([Series(name: "s", glyph: "s", style: .points, points: [Point(5, 5), Point(0, 0)])],
                  x: Axis(lower: 0, upper: 1), y: Axis(lower: 0, upper: 1))
        #expect(grid.bits(column: 0, row: 2).foreground == 1)
        #expect(grid.bits(column: 2, row: 0).foreground == 0)
    }
}
