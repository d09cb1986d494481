import Testing
@testable import FairCore

@Suite("MultiTaskRepair")
struct MultiTaskRepairTests {
    static let lambda: [Double] = [1.0, 2.75]

    static func table(_ rng: inout SeededGenerator, rows: Int) -> ([String: [Double]], GroupColumn) {
        var income: [Double] = [], employed: [Double] = [], labels: [String] = []
        for _ in 0..<rows {
            let s = rng.nextDouble() < 0.4 ? 0 : 1
            labels.append(["f", "m"][s])
            income.append(Double(s) + rng.nextNormal())
            employed.append(min(1, max(0, 0.3 + 0.2 * Double(s) + 0.1 * rng.nextNormal())))
        }
        return (["income": income, "employed": employed], GroupColumn(labels: labels))
    }

    static func error(_ body: () throws -> Void) -> FairCoreError? { BarycenterRepairErrorTests.error(body) }

    @Test("one repair per task, each equal to the single-task repair of that column")
    func perTask() throws {
        var rng = SeededGenerator(seed: 500)
        let (pool, groups) = Self.table(&rng, rows: 2_000)
        let options = ["employed": RepairOptions(jitterHalfWidth: 1e-3, seed: 8, outputRange: .unitInterval)]
        let multi = try MultiTaskRepair.fit(predictions: pool, groups: groups, lambda: Self.lambda, options: options,
                                            defaultOptions: RepairOptions(seed: 8))
        #expect(multi.taskNames == ["employed", "income"])
        #expect(multi.lambda == Self.lambda)
        for task in multi.taskNames {
            let single = try BarycenterRepair.fit(scores: pool[task]!, groups: groups, taskName: task,
                                                  options: options[task] ?? RepairOptions(seed: 8))
            #expect(try multi.repair(forTask: task) == single)
        }
        let (test, testGroups) = Self.table(&rng, rows: 500)
        let result = try multi.apply(predictions: test, groups: testGroups, lambda: Self.lambda, epsilon: ["income": 0.2])
        for task in multi.taskNames {
            let expected = try multi.repair(forTask: task).apply(scores: test[task]!, groups: testGroups,
                                                                 epsilon: task == "income" ? 0.2 : 0)
            #expect(result.outputs[task] == expected.outputs)
            #expect(result.reports[task] == expected.report)
        }
        #expect(result.outputs["employed"]!.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(multi.fitReports.map(\.taskName) == ["employed", "income"])
    }

    @Test("predictions made at another lambda are refused")
    func lambdaMismatch() throws {
        var rng = SeededGenerator(seed: 501)
        let (pool, groups) = Self.table(&rng, rows: 200)
        let multi = try MultiTaskRepair.fit(predictions: pool, groups: groups, lambda: Self.lambda)
        let e = Self.error { _ = try multi.apply(predictions: pool, groups: groups, lambda: [1.0, 2.5]) }
        #expect(e == .lambdaMismatch(fitted: [1.0, 2.75], given: [1.0, 2.5]))
        #expect(e?.description.contains("lambda = (1.0, 2.75), but these were made at lambda = (1.0, 2.5)") == true)
        #expect(e?.description.contains("Refit the repair at this lambda") == true)
    }

    @Test("an unknown task is refused at apply (predictions or epsilon) and at fit (options)")
    func unknownTask() throws {
        var rng = SeededGenerator(seed: 502)
        var (pool, groups) = Self.table(&rng, rows: 200)
        let multi = try MultiTaskRepair.fit(predictions: pool, groups: groups, lambda: Self.lambda)
        var extra = pool
        extra["wage"] = pool["income"]
        let e = Self.error { _ = try multi.apply(predictions: extra, groups: groups, lambda: Self.lambda) }
        #expect(e == .unknownTask(name: "wage", known: ["employed", "income"]))
        #expect(e?.description.contains("Use one of those names, or fit a repair for this task") == true)
        #expect(Self.error { _ = try multi.apply(predictions: pool, groups: groups, lambda: Self.lambda, epsilon: ["wage": 0.1]) }
                == .unknownTask(name: "wage", known: ["employed", "income"]))
        #expect(Self.error { _ = try multi.repair(forTask: "wage") } == .unknownTask(name: "wage", known: ["employed", "income"]))
        pool["employed"] = nil
        #expect(Self.error {
            _ = try MultiTaskRepair.fit(predictions: pool, groups: groups, lambda: Self.lambda, options: ["employed": RepairOptions()])
        } == .unknownTask(name: "employed", known: ["income"]))
    }

    @Test("a missing task is refused at apply")
    func missingTask() throws {
        var rng = SeededGenerator(seed: 503)
        var (pool, groups) = Self.table(&rng, rows: 200)
        let multi = try MultiTaskRepair.fit(predictions: pool, groups: groups, lambda: Self.lambda)
        pool["employed"] = nil
        let e = Self.error { _ = try multi.apply(predictions: pool, groups: groups, lambda: Self.lambda) }
        #expect(e == .missingTask(name: "employed", provided: ["income"]))
        #expect(e?.description.contains("Provide a prediction column for every task of the repair") == true)
    }

    @Test("no tasks, a bad lambda or a task given twice are errors")
    func construction() throws {
        let groups = GroupColumn(labels: ["a"])
        #expect(Self.error { _ = try MultiTaskRepair.fit(predictions: [:], groups: groups, lambda: [1]) }
                == .emptyInput(what: "predictions (one column per task)"))
        for bad in [[Double](), [1, -1], [Double.nan]] {
            let e = Self.error { _ = try MultiTaskRepair.fit(predictions: ["t": [1]], groups: groups, lambda: bad) }
            #expect(e?.description.contains("lambda") == true && e?.description.contains("non-negative") == true)
        }
        let one = try BarycenterRepair.fit(scores: [1, 2], groups: GroupColumn(labels: ["a", "b"]), taskName: "t",
                                           options: RepairOptions(minimumGroupSize: 1))
        #expect(Self.error { _ = try MultiTaskRepair(repairs: [one, one], lambda: [1]) } != nil)
        #expect(Self.error { _ = try MultiTaskRepair(repairs: [], lambda: [1]) } == .emptyInput(what: "task repairs"))
    }
}
