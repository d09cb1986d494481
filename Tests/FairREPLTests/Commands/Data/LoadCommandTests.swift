import FairCore
import FairData
import Foundation
import Testing
@testable import FairREPL

@Suite("load")
struct LoadCommandTests {
    @Test("load synthetic: the recipe's table, with the session seed unless --seed is given")
    func synthetic() throws {
        let repl = makeInterpreter()
        let output = run(repl, "load synthetic --rows 500 --seed 3").output
        #expect(output == "loaded synthetic: 500 rows, 7 features; tasks y_regression (regression), y_binary (binary); groups (group): A 150 · B 350")
        var config = SyntheticRecipe.Config()
        config.rowCount = 500
        config.seed = 3
        #expect(repl.workspace.value(TableValue.self, named: "synthetic")?.dataset.table == (try SyntheticRecipe.make(config)).table)

        run(repl, "set seed 9", "load synthetic --mode gaussian-scores --rows 100 --as g")
        config = SyntheticRecipe.Config()
        config.rowCount = 100
        config.seed = 9
        config.mode = .gaussianScores
        #expect(repl.workspace.value(TableValue.self, named: "g")?.dataset.table == (try SyntheticRecipe.make(config)).table)
        #expect(repl.workspace.currentName(of: .table) == "g")
    }

    @Test("a CSV: labels per task (0/1 columns are binary), the group column, features from the rest")
    func csv() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(DomainFixtures.peopleCSV(), to: "people.csv")
        let repl = makeInterpreter(directory: directory.path)
        let output = run(repl, "load people.csv --label y,clicked --group sex --drop id").output
        #expect(output == "loaded people: 40 rows, 5 features; tasks y (regression), clicked (binary); groups (sex): F 14 · M 26")
        let dataset = try #require(repl.workspace.value(TableValue.self, named: "people")?.dataset)
        #expect(dataset.features == [.oneHot("sex"), .standardized("age"), .oneHot("city")])
        #expect(dataset.tasks.map(\.kind) == [.regression, .binary])
        #expect(dataset.sensitive == "sex")
    }

    @Test("missing feature or group values: an error that says how to load anyway; --drop-missing drops those rows")
    func missingValues() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var lines = DomainFixtures.peopleCSV().split(separator: "\n").map(String.init)
        lines[3] = "2,M,,south,3.5,1"
        try directory.write(lines.joined(separator: "\n") + "\n", to: "holes.csv")
        lines[5] = "4,,30,south,3.5,1"
        try directory.write(lines.joined(separator: "\n") + "\n", to: "nogroup.csv")
        try directory.write("sex,age,y\nF,,1\n,3,2\n", to: "empty.csv")
        let repl = makeInterpreter(directory: directory.path)
        #expect(DomainFixtures.failure(repl, "load holes.csv --label y --group sex")
            == "error: column 'age' has a missing value at data row 3, and features cannot be missing: load with --drop-missing to drop such rows, or --drop age to leave the column out")
        #expect(DomainFixtures.failure(repl, "load nogroup.csv --label y --group sex --drop age")
            == "error: the sensitive column 'sex' is missing at data row 5: load with --drop-missing to drop such rows")
        #expect(DomainFixtures.failure(repl, "load empty.csv --label y --group sex")
            .hasPrefix("error: the sensitive column 'sex' is missing at data row 2"))
        #expect(DomainFixtures.failure(repl, "load empty.csv --label y --group sex --drop-missing")
            == "error: every row of empty.csv has a missing feature or group value; nothing is left to load")
        #expect(run(repl, "load nogroup.csv --label y --group sex --drop-missing").output.hasPrefix("loaded nogroup: 38 rows"))
        #expect(repl.workspace.isEmpty == false)
    }

    @Test("every error names what was typed and says what to do")
    func errors() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(DomainFixtures.peopleCSV(), to: "people.csv")
        try FileManager.default.createDirectory(atPath: directory.file("sub"), withIntermediateDirectories: true)
        let repl = makeInterpreter(directory: directory.path)
        let cases: [(String, String)] = [
            ("load synthtic", "error: no dataset or file named 'synthtic'. Did you mean 'synthetic'? Built-in datasets: synthetic, compas, law-school, adult, acs; a CSV file is named by its path (e.g. data/people.csv)"),
            ("load synthetic --label y", "error: --label is for CSV files: built-in datasets have fixed tasks and features (see 'help load'); to choose them, load the CSV file itself"),
            ("load compas --rows 5", "error: --rows is for 'load synthetic' only; compas is read as it is"),
            ("load compas", "error: compas is read from the data directory, and none is configured: set one with 'set data-dir DIR', the FAIR_DATA_DIR environment variable, or 'fair --data-dir DIR' (DIR holds compas/, uci-adult/, …)"),
            ("load people.csv --group sex", "error: loading a CSV needs --label COL[,COL…] (one label column per task) and --group COL (the sensitive column); columns of people.csv: 'id', 'sex', 'age', 'city', 'y', 'clicked'"),
            ("load people.csv --label yy --group sex", "error: no column in people.csv named 'yy'. Did you mean 'y'?"),
            ("load people.csv --label y,y --group sex", "error: --label names 'y' twice; give each task's label column once"),
            ("load people.csv --label y --group y", "error: 'y' is both a label (--label) and a sensitive column (--group); choose another"),
            ("load people.csv --label city --group sex", "error: label column 'city' holds text; a label must be numeric (0/1 for a binary task, any number for regression) It has two values ('north', 'south'): for a binary task, recode them as 0 and 1 (1 for the positive class)."),
            ("load people.csv --label y --group sex --rows 3", "error: --rows is for 'load synthetic' only, not for a CSV file"),
            ("load missing.csv --label y --group sex", "error: cannot use missing.csv: no such file (looked in \(directory.path))."),
            ("load sub/ --label y --group sex", "error: cannot use sub/: it is a directory; give a CSV file inside it."),
            ("load synthetic --mode gauss", "error: --mode: 'gauss' is not allowed; expected one of tabular, gaussian-scores, joint-scores. Did you mean 'gaussian-scores'?"),
            ("load synthetic --as 1x", "error: '1x' cannot be used as a name: a name starts with a letter or '_'."),
        ]
        for (line, expected) in cases {
            #expect(DomainFixtures.failure(repl, line) == expected, "\(line)")
        }
        #expect(repl.workspace.isEmpty, "a failed load stores nothing")
    }

    @Test("the data directory: set data-dir, else FAIR_DATA_DIR (which fair --data-dir sets); a missing one says so")
    func dataDirectory() {
        let repl = makeInterpreter()
        run(repl, "set data-dir /nonexistent/datasets")
        #expect(DomainFixtures.failure(repl, "load compas").hasPrefix("error: the data directory /nonexistent/datasets does not exist."))
        let fromEnvironment = DomainFixtures.session([], variables: ["FAIR_DATA_DIR": "/elsewhere"])
        #expect(DomainFixtures.failure(fromEnvironment, "load law-school").hasPrefix("error: the data directory /elsewhere does not exist."))
        run(fromEnvironment, "set data-dir /first")
        #expect(DomainFixtures.failure(fromEnvironment, "load law-school").hasPrefix("error: the data directory /first does not exist."))
    }

    @Test("Tab completes dataset names, CSV files, and the file's columns for --label, --group and --drop")
    func completion() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(DomainFixtures.peopleCSV(), to: "people.csv")
        try directory.write("x", to: "notes.txt")
        let repl = makeInterpreter(directory: directory.path)
        #expect(repl.completions(for: "load syn", cursor: 8) == ["synthetic"])
        #expect(repl.completions(for: "load pe", cursor: 7) == ["people.csv"])
        #expect(repl.completions(for: "load la", cursor: 7) == ["law-school"])
        #expect(repl.completions(for: "load people.csv --group s", cursor: 25) == ["sex"])
        #expect(repl.completions(for: "load people.csv --label y,c", cursor: 27) == ["y,city", "y,clicked"])
        #expect(repl.completions(for: "load synthetic --mode ", cursor: 22) == ["gaussian-scores", "joint-scores", "tabular"])
    }
}
