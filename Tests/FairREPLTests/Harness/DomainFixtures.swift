import FairCore
import FairData
import Foundation
import Testing
@testable import FairREPL

/// Sessions and files the domain-command tests start from.
enum DomainFixtures {
    /// Synthetic Gaussian scores (`y` = score + noise): loaded, split, imported as predictions.
    static let scoresSetup = [
        "load synthetic --mode gaussian-scores --rows 3000 --seed 5", "split --test 0.3 --pool 0.5 --seed 5",
        "import scores score --tasks y",
    ]

    /// `scoresSetup`, then a repair fitted on the pool and applied to the test rows.
    static let repairedSetup = scoresSetup + ["fit barycenter", "apply"]

    /// A pinned interpreter after running `lines`, each required to succeed.
    static func session(
        _ lines: [String], directory: String = FileManager.default.temporaryDirectory.path,
        variables: [String: String] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Interpreter {
        let repl = Interpreter(
            registry: .standard(), environment: InterpreterEnvironment(workingDirectory: directory, variables: variables, isPinned: true))
        for line in lines {
            let result = repl.execute(line)
            #expect(result.status == .success, "\(line) → \(result.output)", sourceLocation: sourceLocation)
        }
        return repl
    }

    /// The output of `line`, which must fail.
    static func failure(_ repl: Interpreter, _ line: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let result = repl.execute(line)
        #expect(result.status == .failure, "\(line) should fail: \(result.output)", sourceLocation: sourceLocation)
        return result.output
    }

    /// A small CSV: 40 rows, groups F/M, a numeric feature, a categorical feature, a
    /// regression label `y`, a binary label `clicked` and an id column.
    static func peopleCSV(rows: Int = 40) -> String {
        var lines = ["id,sex,age,city,y,clicked"]
        var generator = SeededGenerator(seed: 11)
        for row in 0..<rows {
            let sex = row % 3 == 0 ? "F" : "M"
            let age = 20 + generator.nextInt(below: 40)
            let city = ["north", "south"][row % 2]
            let y = Double(age) / 10 + (sex == "F" ? 1 : 0) + generator.nextDouble()
            let clicked = generator.nextDouble() < 0.4 ? 1 : 0
            lines.append("\(row),\(sex),\(age),\(city),\(y),\(clicked)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
