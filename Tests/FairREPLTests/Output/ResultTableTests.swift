import Testing
@testable import FairREPL

@Suite("ResultTable")
struct ResultTableTests {
    let table = ResultTable(
        columns: [ResultTable.Column("group"), ResultTable.Column("n", rightAligned: true), ResultTable.Column("ks", rightAligned: true)],
        rows: [[.text("F"), .integer(4000), .number(0.23712)], [.text("M, \"x\""), .integer(25), .number(1.0 / 3.0)], [.text("none"), .empty, .number(.nan)]])

    @Test("aligned text with fixed significant digits")
    func text() {
        #expect(table.render(.table, digits: 3) == """
            group       n     ks
            ------  -----  -----
            F       4,000  0.237
            M, "x"     25  0.333
            none             nan
            """)
    }

    @Test("CSV quotes what needs quoting and keeps exact numbers")
    func csv() {
        #expect(table.render(.csv, digits: 3) == #"""
            group,n,ks
            F,4000,0.23712
            "M, ""x""",25,0.3333333333333333
            none,,nan
            """#)
    }

    @Test("JSON objects keyed by column; non-finite numbers are null")
    func json() {
        #expect(table.render(.json, digits: 3) == #"""
            [
              {"group": "F", "n": 4000, "ks": 0.23712},
              {"group": "M, \"x\"", "n": 25, "ks": 0.3333333333333333},
              {"group": "none", "n": null, "ks": null}
            ]
            """#)
        #expect(ResultTable(columns: ["a"], rows: []).render(.json, digits: 3) == "[]")
        #expect(ResultTable.jsonString("a\tb\u{01}") == "\"a\\tb\\u0001\"")
    }
}

@Suite("ProgressLine")
struct ProgressLineTests {
    @Test("the progress line never fills the terminal's width: cut to width − 1 columns, ending in …", arguments: [24, 80, 140])
    func fitted(width: Int) {
        let long = "train: epoch 7/75  loss y_regression 0.1234 · y_binary 0.5678  [#####---------------] 25%  ~3 s left and then some more text"
        let line = ProgressLine.fitted(long, width: width)
        #expect(line.count <= width - 1)
        #expect(line.count == min(long.count, width - 1))
        #expect(long.count > width - 1 ? line.hasSuffix("…") : line == long)
        #expect(ProgressLine.fitted("short", width: 80) == "short")
    }
}
