import Testing
@testable import FairCore

@Suite("MultiAttributeRepair: cells, errors, files")
struct MultiAttributeRepairTests {
    /// Two attributes, with the cell (a1, b1) holding only `small` rows.
    func skewed(small: Int) throws -> MultiAttributeTestSupport.Sample {
        var rng = SeededGenerator(seed: 5)
        var a: [String] = [], b: [String] = [], x: [Double] = []
        for (cell, count) in [(("a0", "b0"), 40), (("a0", "b1"), 30), (("a1", "b0"), 25), (("a1", "b1"), small)] {
            for _ in 0..<count {
                a.append(cell.0); b.append(cell.1); x.append(rng.nextNormal())
            }
        }
        let attributes = try SensitiveAttributes(names: ["A", "B"], columns: [GroupColumn(labels: a), GroupColumn(labels: b)])
        return .init(attributes: attributes, scores: ["t": x], rowIDs: x.indices.map { UInt64($0) })
    }

    @Test("a cell below the minimum is refused with every small cell and every count")
    func smallCellsRefused() throws {
        let s = try skewed(small: 4)
        let expected = FairCoreError.smallIntersections(
            attributes: ["A", "B"], small: ["a1 × b1": 4], minimum: 10,
            allCounts: ["a0 × b0": 40, "a0 × b1": 30, "a1 × b0": 25, "a1 × b1": 4])
        do {
            _ = try MultiAttributeRepair.fit(predictions: s.scores, attributes: s.attributes, mode: .intersectional)
            Issue.record("a cell of 4 rows was accepted")
        } catch {
            #expect(error == expected)
        }
        let message = FairCoreError.smallIntersections(attributes: ["A", "B"], small: ["a1 × b1": 4], minimum: 10, allCounts: ["a1 × b1": 4]).description
        #expect(message.contains("\"a1 × b1\": 4") && message.contains("--merge-small"))
    }

    @Test("merging: the small cells, then the next smallest while too small, become one group")
    func mergeSmall() throws {
        let s = try skewed(small: 4)
        let repair = try MultiAttributeRepair.fit(predictions: s.scores, attributes: s.attributes, mode: .intersectional, mergeSmallCells: true)
        let stage = repair.stages[0]
        // 4 < 10 alone: the smallest other cell (a1 × b0, 25) joins it.
        #expect(stage.mergedGroups == ["{a1 × b0, a1 × b1}": ["a1 × b0", "a1 × b1"]])
        #expect(stage.repairs[0].groupNames == ["a0 × b0", "a0 × b1", "{a1 × b0, a1 × b1}"])
        #expect(stage.repairs[0].poolCounts == [40, 30, 29])
        // It equals a plain repair on the merged column.
        let merged = GroupColumn(labels: (0..<s.attributes.count).map { i in
            s.attributes.columns[0].label(ofRow: i) == "a1" ? "{a1 × b0, a1 × b1}" : SensitiveAttributes.cellName(s.attributes.columns.map { $0.label(ofRow: i) })
        })
        let plain = try BarycenterRepair.fit(scores: s.scores["t"]!, groups: merged, taskName: "t")
        #expect(plain == stage.repairs[0])
    }

    @Test("an unseen combination names it and the known ones")
    func unseenCombination() throws {
        let s = try skewed(small: 12)
        let repair = try MultiAttributeRepair.fit(predictions: s.scores, attributes: s.attributes, mode: .intersectional)
        let rows = try SensitiveAttributes(names: ["A", "B"], columns: [GroupColumn(labels: ["a0", "a2"]), GroupColumn(labels: ["b0", "b1"])])
        let expected = FairCoreError.unseenCombination(
            attributes: ["A", "B"], values: ["a2", "b1"], known: [["a0", "b0"], ["a0", "b1"], ["a1", "b0"], ["a1", "b1"]])
        #expect(throws: expected) { try repair.apply(predictions: ["t": [0, 0]], attributes: rows) }
        #expect(expected.description.contains("A = \"a2\", B = \"b1\"") && expected.description.contains("(A = \"a0\", B = \"b0\")"))
        // Sequential: the stage of B knows b0, b1; a value of A it never saw is named alone.
        let sequential = try MultiAttributeRepair.fit(predictions: s.scores, attributes: s.attributes, mode: .sequential)
        #expect(throws: FairCoreError.unseenCombination(attributes: ["A"], values: ["a2"], known: [["a0"], ["a1"]])) {
            try sequential.apply(predictions: ["t": [0, 0]], attributes: rows)
        }
        // A missing attribute is named.
        let onlyA = SensitiveAttributes(name: "A", column: GroupColumn(labels: ["a0"]))
        #expect(throws: FairCoreError.self) { try repair.apply(predictions: ["t": [0]], attributes: onlyA) }
    }

    @Test("sequential ε is fixed at fit; intersectional takes any ε at apply")
    func epsilonRules() throws {
        var rng = SeededGenerator(seed: 9)
        let s = try MultiAttributeTestSupport.sample(&rng, rows: 400, levels: [2, 2])
        let sequential = try MultiAttributeRepair.fit(predictions: s.scores, attributes: s.attributes, mode: .sequential, epsilon: [0.2])
        #expect(sequential.stages.map(\.epsilon) == [0.2, 0.2])
        #expect(throws: FairCoreError.self) { try sequential.apply(predictions: s.scores, attributes: s.attributes, epsilon: 0.5) }
        let same = try sequential.apply(predictions: s.scores, attributes: s.attributes, epsilon: 0.2)
        #expect(same == (try sequential.apply(predictions: s.scores, attributes: s.attributes)))
        let intersectional = try MultiAttributeRepair.fit(predictions: s.scores, attributes: s.attributes, mode: .intersectional)
        _ = try intersectional.apply(predictions: s.scores, attributes: s.attributes, epsilon: 0.5)
        #expect(throws: FairCoreError.self) {
            try MultiAttributeRepair.fit(predictions: s.scores, attributes: s.attributes, mode: .sequential, epsilon: [0.1, 0.2, 0.3])
        }
    }

    @Test("jitter: stage 0 keeps the seed, later stages draw distinct noise")
    func stageSeeds() throws {
        var rng = SeededGenerator(seed: 10)
        let s = try MultiAttributeTestSupport.sample(&rng, rows: 300, levels: [2, 2, 2])
        let repair = try MultiAttributeRepair.fit(predictions: s.scores, attributes: s.attributes, mode: .sequential,
                                                  defaultOptions: RepairOptions(jitterHalfWidth: 1e-3, seed: 77))
        let seeds = repair.stages.map { $0.repairs[0].options.seed }
        #expect(seeds[0] == 77)
        #expect(Set(seeds).count == 3)
        #expect(seeds == (0..<3).map { MultiAttributeRepair.stageSeed(77, stage: $0) })
    }

    @Test("saved and reopened: bit-identical outputs; old single-repair files still open; other kinds refused by name")
    func fileRoundTrip() throws {
        var rng = SeededGenerator(seed: 11)
        let s = try MultiAttributeTestSupport.sample(&rng, rows: 500, levels: [2, 3], tasks: ["r", "s"])
        let directory = try TemporaryDirectory()
        for mode in MultiAttributeMode.allCases {
            let repair = try MultiAttributeRepair.fit(
                predictions: s.scores, attributes: s.attributes, mode: mode, lambda: [1, 2],
                defaultOptions: RepairOptions(jitterHalfWidth: 1e-4, seed: 3), epsilon: [0.1])
            let path = directory.file("\(mode).json")
            try repair.save(to: path)
            let reopened = try MultiAttributeRepair.load(from: path)
            #expect(reopened == repair)
            let a = try repair.apply(predictions: s.scores, attributes: s.attributes, lambda: [1, 2], rowIDs: s.rowIDs)
            let b = try reopened.apply(predictions: s.scores, attributes: s.attributes, lambda: [1, 2], rowIDs: s.rowIDs)
            for task in ["r", "s"] { #expect(a.outputs[task]!.map(\.bitPattern) == b.outputs[task]!.map(\.bitPattern)) }
            #expect(throws: FairCoreError.self) { try MultiTaskRepair(fileBytes: try repair.fileBytes()) }
            #expect(throws: FairCoreError.lambdaMismatch(fitted: [1, 2], given: [1, 3])) {
                try repair.apply(predictions: s.scores, attributes: s.attributes, lambda: [1, 3])
            }
        }
        // A single-task file is not a multi-attribute one (refused by its kind, not misread).
        let single = try BarycenterRepair.fit(scores: s.scores["r"]!, groups: s.attributes.columns[0], taskName: "r")
        #expect(throws: FairCoreError.self) { try MultiAttributeRepair(fileBytes: try single.fileBytes()) }
        #expect(try BarycenterRepair(fileBytes: try single.fileBytes()) == single)
    }

    @Test("a hand-edited file whose stages do not match its mode is refused")
    func corruptStages() throws {
        var rng = SeededGenerator(seed: 12)
        let s = try MultiAttributeTestSupport.sample(&rng, rows: 200, levels: [2, 2])
        let repair = try MultiAttributeRepair.fit(predictions: s.scores, attributes: s.attributes, mode: .sequential)
        let text = String(decoding: try repair.fileBytes(), as: UTF8.self).replacing("\"sequential\"", with: "\"intersectional\"")
        #expect(throws: FairCoreError.self) { try MultiAttributeRepair(fileBytes: Array(text.utf8)) }
    }
}
