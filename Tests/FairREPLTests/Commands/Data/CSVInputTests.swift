import FairCore
import FairData
import Foundation
import Testing
@testable import FairREPL

@Suite("load and import: input that says what it is")
struct CSVInputTests {
    /// `peopleCSV` with its commas replaced by `separator`.
    static func people(separatedBy separator: String) -> String {
        DomainFixtures.peopleCSV().replacingOccurrences(of: ",", with: separator)
    }

    @Test("--delimiter reads ;- and tab-separated files; without it, the header gets a hint")
    func delimiter() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(Self.people(separatedBy: ";"), to: "semi.csv")
        try directory.write(Self.people(separatedBy: "\t"), to: "tabs.csv")
        try directory.write(DomainFixtures.peopleCSV(), to: "people.csv")
        try directory.write("a;b\n1;2\n3,5;4\n", to: "ragged.csv")
        let repl = DomainFixtures.session([], directory: directory.path)
        #expect(DomainFixtures.failure(repl, "load semi.csv --label y --group sex")
            == "error: semi.csv reads as one column, 'id;sex;age;city;y;clicked'. Its header looks ';'-separated: add --delimiter ';' (or --delimiter semicolon).")
        #expect(DomainFixtures.failure(repl, "load tabs.csv --label y --group sex")
            == "error: tabs.csv reads as one column, 'id\tsex\tage\tcity\ty\tclicked'. Its header looks tab-separated: add --delimiter tab.")
        #expect(DomainFixtures.failure(repl, "import predictions ragged.csv --group a").hasSuffix("Its header looks ';'-separated: add --delimiter ';' (or --delimiter semicolon)."))
        #expect(DomainFixtures.failure(repl, "load people.csv --label y --group sex --delimiter ab")
            == "error: --delimiter: 'ab' is not allowed; expected one ASCII character other than a quote or a line end, or comma, semicolon, tab, space, pipe. Did you mean 'tab'?")
        run(repl, "load semi.csv --label y --group sex --drop id --delimiter ';' --as semi", "load tabs.csv --label y --group sex --drop id --delimiter tab --as tabs",
            "load people.csv --label y --group sex --drop id --as comma")
        let comma = try #require(repl.workspace.value(TableValue.self, named: "comma")?.dataset.table)
        #expect(repl.workspace.value(TableValue.self, named: "semi")?.dataset.table == comma)
        #expect(repl.workspace.value(TableValue.self, named: "tabs")?.dataset.table == comma)
        #expect(DomainFixtures.failure(repl, "load synthetic --delimiter ';'").hasPrefix("error: --delimiter is for CSV files"))
        run(repl, "import predictions semi.csv --group sex --tasks age --labels y --id id --delimiter semicolon --as semiPreds")
        #expect(repl.workspace.value(PredictionsValue.self, named: "semiPreds")?.tasks[0].values == (try comma.numeric("age")))
    }

    @Test("a header without data rows says so, for load and import")
    func headerOnly() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("id,y,sex,x\n", to: "header.csv")
        let repl = DomainFixtures.session([], directory: directory.path)
        let message = "error: header.csv has a header ('id', 'y', 'sex', 'x') but no data rows: there is nothing to load"
        #expect(DomainFixtures.failure(repl, "load header.csv --label y --group sex") == message)
        #expect(DomainFixtures.failure(repl, "import predictions header.csv --group sex") == message)
    }

    @Test("nan, inf and -inf are numbers: an infinite feature is missing (with a warning), an infinite label an error naming its row")
    func nonFinite() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var lines = ["sex,x,y"]
        for row in 0..<30 { lines.append("\(row % 2 == 0 ? "F" : "M"),\(row == 4 ? "inf" : row == 7 ? "-inf" : row == 9 ? "nan" : "\(row % 5)"),\(row % 3)") }
        try directory.write(lines.joined(separator: "\n") + "\n", to: "inf.csv")
        try directory.write("sex,x,y\nF,1,0.5\nM,2,-Infinity\n", to: "label.csv")
        try directory.write("g,p\na,0.1\nb,inf\n", to: "preds.csv")
        let repl = DomainFixtures.session([], directory: directory.path)
        #expect(DomainFixtures.failure(repl, "load inf.csv --label y --group sex").hasPrefix(
            "error: column 'x' has a missing value at data row 5, and features cannot be missing"))
        let output = run(repl, "load inf.csv --label y --group sex --drop-missing").output
        #expect(output.split(separator: "\n").last == "warning: column 'x' has 2 infinite values (inf, -inf); they are treated as missing")
        let table = try #require(repl.workspace.value(TableValue.self, named: "inf")?.dataset.table)
        #expect(table.rowCount == 27)
        #expect(try table.column("x").type == .numeric)
        #expect(DomainFixtures.failure(repl, "load label.csv --label y --group sex")
            == "error: label.csv: label column 'y' holds -inf at data row 2; a label must be a finite number (leave it empty when it is missing)")
        #expect(DomainFixtures.failure(repl, "import predictions preds.csv --group g --tasks p")
            == "error: preds.csv: column 'p' has a non-finite value (inf) at data row 2: every row needs a finite prediction; drop such rows first")
    }

    @Test("labels: yes/no is a binary task, 1/2 gets a warning, two other words a hint; a feature that determines a label is a likely leak")
    func labels() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var lines = ["sex,age,answer,coded,copy"]
        var generator = SeededGenerator(seed: 5)
        for row in 0..<40 {
            let yes = generator.nextDouble() < 0.5
            lines.append("\(row % 2 == 0 ? "F" : "M"),\(20 + generator.nextInt(below: 30)),\(yes ? "Yes" : "no"),\(yes ? 2 : 1),\(yes ? 10 : -3)")
        }
        try directory.write(lines.joined(separator: "\n") + "\n", to: "answers.csv")
        let repl = DomainFixtures.session([], directory: directory.path)
        let output = run(repl, "load answers.csv --label answer,coded --group sex").output.split(separator: "\n").map(String.init)
        #expect(output.contains("note: label 'answer' holds 'Yes', 'no': read as a binary task (yes/true/y = 1, no/false/n = 0)"))
        #expect(output.contains(
            "warning: label 'coded' takes only the values 1 and 2, so it is read as a regression task; if it is a binary label, recode it as 0/1 (1 for the positive class) and load again"))
        #expect(output.contains(
            "warning: feature 'copy' determines label 'answer' (it equals a monotone function of it on every row): a likely leak; --drop copy unless it is known before the label"))
        #expect(output.contains(
            "warning: feature 'copy' determines label 'coded' (it equals a monotone function of it on every row): a likely leak; --drop copy unless it is known before the label"))
        #expect(!output.contains { $0.contains("feature 'age'") }, "a feature unrelated to the label is no leak")
        let dataset = try #require(repl.workspace.value(TableValue.self, named: "answers")?.dataset)
        #expect(dataset.tasks.map(\.kind) == [.binary, .regression])
        #expect(try dataset.table.numeric("answer") == (try dataset.table.numeric("coded")).map { $0 - 1 })
    }

    @Test("leak detection: a monotone map of the label leaks, a noisy or constant feature does not, nor does anything on a handful of rows")
    func leaks() {
        let label = (0..<30).map { Double($0 % 3) }
        #expect(LabelInspection.leaks(feature: .numeric(label.map { 5 - 2 * $0 }), label: label))
        #expect(LabelInspection.leaks(feature: .numeric(label.map { $0 == 2 ? 9 : 0 }), label: label), "non-strictly monotone")
        #expect(!LabelInspection.leaks(feature: .numeric(label.map { $0 == 1 ? 9 : 0 }), label: label), "not monotone")
        #expect(!LabelInspection.leaks(feature: .numeric(Array(repeating: 1, count: 30)), label: label), "constant")
        #expect(!LabelInspection.leaks(feature: .numeric(label.enumerated().map { $0.element + ($0.offset == 3 ? 0.5 : 0) }), label: label))
        #expect(!LabelInspection.leaks(feature: .numeric([1, 2]), label: [0, 1]), "2 rows prove nothing")
        let categories = CategoricalColumn(labels: label.map { ["a", "b", "c"][Int($0)] })
        #expect(LabelInspection.leaks(feature: .categorical(categories), label: label))
    }

    @Test("--drop removes columns from the table; --private keeps a numeric feature that nothing shows or writes")
    func dropAndPrivate() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(DomainFixtures.peopleCSV(), to: "people.csv")
        let repl = DomainFixtures.session(["load people.csv --label y --group sex --drop id,city --private age"], directory: directory.path)
        let value = try #require(repl.workspace.value(TableValue.self, named: "people"))
        #expect(value.dataset.table.columnNames == ["sex", "age", "y", "clicked"], "dropped columns are gone from the table")
        #expect(value.dataset.features == [.oneHot("sex"), .standardized("age"), .standardized("clicked")], "a private column is still a feature")
        let described = run(repl, "describe").output
        let columnLines = described.split(separator: "\n").filter { !$0.hasPrefix("source:") && !$0.hasPrefix("private") }
        #expect(!columnLines.contains { $0.hasPrefix("id ") || $0.hasPrefix("city") || $0.hasPrefix("age ") })
        #expect(described.contains("private (features whose values are never shown): age"))
        let head = run(repl, "head 2").output
        #expect(head.split(separator: "\n").first?.split(separator: " ").map(String.init) == ["sex", "y", "clicked"])
        #expect(head.hasSuffix("private (not shown): age"))
        #expect(DomainFixtures.failure(repl, "head --columns age") == "error: 'age' is a private column (load --private): its values are never shown")
        #expect(DomainFixtures.failure(repl, "head --columns id").hasPrefix("error: no column named 'id'."))
        run(repl, "export people people-out.csv")
        #expect(directory.read("people-out.csv")?.split(separator: "\n").first == "sex,y,clicked")
        #expect(DomainFixtures.failure(repl, "save s.fairws")
            == "error: table 'people' has private columns (age), and private values are never written to a file: load it again with --drop instead of --private before saving")
        #expect(directory.read("s.fairws") == nil)
        #expect(DomainFixtures.failure(repl, "import scores age").hasPrefix("error: no column named 'age'"))
        run(repl, "split --seed 1", "train plain --epochs 1 --hidden 4")

        let fresh = DomainFixtures.session([], directory: directory.path)
        #expect(DomainFixtures.failure(fresh, "load people.csv --label y --group sex --private city").hasPrefix(
            "error: --private takes numeric columns, and 'city' holds text"))
        #expect(DomainFixtures.failure(fresh, "load people.csv --label y --group sex --drop y")
            == "error: 'y' is given to --drop and is also a label (--label); a column is one or the other")
        #expect(DomainFixtures.failure(fresh, "load people.csv --label y --group sex --drop age --private age")
            == "error: 'age' is given to both --drop and --private: --drop removes it, --private keeps it hidden; choose one")
    }

    @Test("row numbers in messages are 1-based data rows")
    func dataRows() {
        #expect(CSVInput.dataRow(0) == "data row 1")
        #expect(FairDataError.missingValue(column: "x", row: 4).description.contains("data row 5"))
    }

    @Test("a load with 10,000 groups lists 20 and counts the rest")
    func manyGroups() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let rows = (0..<10_000).map { "g\($0),\($0 % 2),\($0 % 7)" }
        try directory.write((["g,y,x"] + rows).joined(separator: "\n") + "\n", to: "many.csv")
        let repl = DomainFixtures.session([], directory: directory.path)
        let output = run(repl, "load many.csv --label y --group g").output
        #expect(output.count < 1_000)
        #expect(output.contains("· … (10,000 groups in all)"))
    }
}

@Suite("long lists in messages")
struct LongListTests {
    @Test("describe lists 20 groups and counts the rest; an error message of an engine's long list is cut with a count")
    func shortened() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let rows = (0..<10_000).map { "g\($0),\($0 % 2),\($0 % 7)" }
        try directory.write((["g,y,x"] + rows).joined(separator: "\n") + "\n", to: "many.csv")
        let repl = DomainFixtures.session(["load many.csv --label y --group g"], directory: directory.path)
        let described = run(repl, "describe").output
        #expect(described.count < 2_000)
        #expect(described.contains(" · … (10,000 groups in all)"))
        let long = "error: " + String(repeating: "x", count: 5_000)
        #expect(Interpreter.shortened(long) == String(long.prefix(2_000)) + "… (3007 more characters)")
        #expect(Interpreter.shortened("error: short") == "error: short")
    }
}
