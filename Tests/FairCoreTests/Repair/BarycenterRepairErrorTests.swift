import Testing
@testable import FairCore

/// One test per error the barycenter repair can raise: the typed case and a message that says
/// what to do.
@Suite("BarycenterRepair: errors")
struct BarycenterRepairErrorTests {
    static let groups = GroupColumn(labels: ["A", "B", "A", "B", "A", "B"])
    static let scores: [Double] = [1, 2, 3, 4, 5, 6]
    static let small = RepairOptions(minimumGroupSize: 1)

    static func repair() throws -> BarycenterRepair {
        try BarycenterRepair.fit(scores: scores, groups: groups, taskName: "t", options: small)
    }

    /// The error `body` throws (fails the test when it throws none or another type).
    static func error(_ body: () throws -> Void) -> FairCoreError? {
        do {
            try body()
            Issue.record("expected an error")
            return nil
        } catch let error as FairCoreError {
            return error
        } catch {
            Issue.record("expected a FairCoreError, got \(error)")
            return nil
        }
    }

    @Test("empty calibration scores")
    func emptyInput() {
        let e = Self.error { _ = try BarycenterRepair.fit(scores: [], groups: GroupColumn(labels: []), taskName: "t") }
        #expect(e == .emptyInput(what: "calibration scores of task \"t\""))
        #expect(e?.description.contains("pass at least one value") == true)
    }

    @Test("mismatched lengths at fit and apply")
    func lengths() throws {
        let fitGroups = Self.error { _ = try BarycenterRepair.fit(scores: [1, 2, 3], groups: GroupColumn(labels: ["A", "B"]), taskName: "t") }
        #expect(fitGroups == .lengthMismatch(what: "calibration group labels", expected: 3, actual: 2))
        #expect(fitGroups?.description.contains("expected 3 values, got 2. Pass one value per row") == true)
        let fitIDs = Self.error {
            _ = try BarycenterRepair.fit(scores: Self.scores, groups: Self.groups, rowIDs: [1], taskName: "t", options: Self.small)
        }
        #expect(fitIDs == .lengthMismatch(what: "calibration row IDs", expected: 6, actual: 1))
        let repair = try Self.repair()
        #expect(Self.error { _ = try repair.apply(scores: [1, 2], groups: GroupColumn(labels: ["A"])) }
                == .lengthMismatch(what: "group labels", expected: 2, actual: 1))
        #expect(Self.error { _ = try repair.apply(scores: [1], groups: GroupColumn(labels: ["A"]), rowIDs: [1, 2]) }
                == .lengthMismatch(what: "row IDs", expected: 1, actual: 2))
    }

    @Test("NaN or infinite scores name the row, at fit and at apply")
    func nonFinite() throws {
        let atFit = Self.error {
            _ = try BarycenterRepair.fit(scores: [1, 2, .nan, 4, 5, 6], groups: Self.groups, taskName: "t", options: Self.small)
        }
        guard case let .nonFiniteValue(what, row, value)? = atFit else {
            Issue.record("expected nonFiniteValue, got \(String(describing: atFit))")
            return
        }
        #expect(what == "calibration scores of task \"t\"" && row == 2 && value.isNaN)
        #expect(atFit?.description.contains("at row 2 (0-based). Remove or impute that row first") == true)
        let repair = try Self.repair()
        let atApply = Self.error { _ = try repair.apply(scores: [1, 2, -.infinity], groups: GroupColumn(labels: ["A", "A", "B"])) }
        #expect(atApply == .nonFiniteValue(what: "scores of task \"t\"", row: 2, value: -.infinity))
        #expect(Self.error { _ = try repair.apply(score: .infinity, group: "A", rowID: 0) } != nil)
    }

    @Test("a score that overflows when jittered names the row, at fit and at apply")
    func jitterOverflow() throws {
        let u = 1e300
        // A seed whose noise for row key 0 is large and positive, so that max + noise = inf.
        let stream = KeyedNoise.stableHash("t")
        let seed = try #require((UInt64(0)..<1_000).first { KeyedNoise.symmetric(seed: $0, stream: stream, key: 0, halfWidth: u) > 1e299 })
        let options = RepairOptions(jitterHalfWidth: u, seed: seed, minimumGroupSize: 1)
        let atFit = Self.error {
            _ = try BarycenterRepair.fit(scores: [.greatestFiniteMagnitude, 2, 3, 4, 5, 6], groups: Self.groups, taskName: "t", options: options)
        }
        #expect(atFit == .nonFiniteValue(what: "calibration score plus jitter of task \"t\"", row: 0, value: .infinity))
        let repair = try BarycenterRepair.fit(scores: Self.scores, groups: Self.groups, taskName: "t", options: options)
        let atApply = Self.error {
            _ = try repair.apply(scores: [.greatestFiniteMagnitude], groups: GroupColumn(labels: ["A"]), rowIDs: [0])
        }
        #expect(atApply == .nonFiniteValue(what: "scores of task \"t\" plus jitter", row: 0, value: .infinity))
        #expect(atApply?.description.contains("at row 0") == true)
    }

    @Test("an unseen group at apply is an error naming it and the known groups")
    func unseenGroup() throws {
        let repair = try Self.repair()
        let single = Self.error { _ = try repair.apply(score: 1, group: "C", rowID: 0) }
        #expect(single == .unseenGroup(name: "C", known: ["A", "B"]))
        #expect(single?.description.contains("group \"C\" was not in the calibration data (known groups: \"A\", \"B\")") == true)
        #expect(single?.description.contains("Refit with rows of that group, or drop those rows") == true)
        let batch = Self.error { _ = try repair.apply(scores: [1, 2], groups: GroupColumn(labels: ["A", "C"])) }
        #expect(batch == .unseenGroup(name: "C", known: ["A", "B"]))
        // A name that no row uses is not an error.
        _ = try repair.apply(scores: [1], groups: try GroupColumn(codes: [0], names: ["A", "C"]))
    }

    @Test("a group below the minimum size: the message gives every group's count")
    func groupTooSmall() {
        let labels = Array(repeating: "A", count: 3) + Array(repeating: "B", count: 50)
        let e = Self.error {
            _ = try BarycenterRepair.fit(scores: labels.indices.map(Double.init), groups: GroupColumn(labels: labels), taskName: "t",
                                         options: RepairOptions(minimumGroupSize: 10))
        }
        #expect(e == .groupTooSmall(name: "A", count: 3, minimum: 10, allCounts: ["A": 3, "B": 50]))
        #expect(e?.description.contains("(group sizes: A: 3, B: 50)") == true)
        #expect(e?.description.contains("lower the minimum group size") == true)
        // The calibration split needs two points per group whatever the minimum.
        let split = Self.error {
            _ = try BarycenterRepair.fit(scores: [1, 2, 3], groups: GroupColumn(labels: ["A", "A", "B"]), taskName: "t",
                                         options: RepairOptions(splitCalibration: true, minimumGroupSize: 1))
        }
        #expect(split == .groupTooSmall(name: "B", count: 1, minimum: 2, allCounts: ["A": 2, "B": 1]))
        // A group listed in the column without any row has 0 points.
        let empty = Self.error {
            _ = try BarycenterRepair.fit(scores: [1, 2], groups: try GroupColumn(codes: [0, 0], names: ["A", "B"]), taskName: "t",
                                         options: Self.small)
        }
        #expect(empty == .groupTooSmall(name: "B", count: 0, minimum: 1, allCounts: ["A": 2, "B": 0]))
    }

    @Test("given weights with missing or extra group names")
    func weightNames() {
        let e = Self.error {
            _ = try BarycenterRepair.fit(scores: Self.scores, groups: Self.groups, taskName: "t", weights: ["A": 0.5, "C": 0.5],
                                         options: Self.small)
        }
        #expect(e == .weightGroupMismatch(missing: ["B"], extra: ["C"]))
        #expect(e?.description.contains("no weight for \"B\"; weights for unknown \"C\"") == true)
        #expect(e?.description.contains("Give exactly one weight per calibration group") == true)
    }

    @Test("given weights that do not sum to 1, are negative or not finite")
    func weightValues() {
        let sum = Self.error {
            _ = try BarycenterRepair.fit(scores: Self.scores, groups: Self.groups, taskName: "t", weights: ["A": 0.5, "B": 0.6],
                                         options: Self.small)
        }
        #expect(sum?.description.contains("they sum to 1.1, not 1") == true)
        #expect(sum?.description.contains("summing to 1") == true)
        let negative = Self.error {
            _ = try BarycenterRepair.fit(scores: Self.scores, groups: Self.groups, taskName: "t", weights: ["A": 1.5, "B": -0.5],
                                         options: Self.small)
        }
        #expect(negative == .invalidWeights(reason: "the weight of group \"B\" is -0.5, which is negative"))
        let nan = Self.error {
            _ = try BarycenterRepair.fit(scores: Self.scores, groups: Self.groups, taskName: "t", weights: ["A": .nan, "B": 1],
                                         options: Self.small)
        }
        #expect(nan?.description.contains("not a finite number") == true)
    }

    @Test("a bad epsilon is an error saying what it means")
    func badEpsilon() throws {
        let repair = try Self.repair()
        for eps in [-0.1, 1.5, Double.nan, Double.infinity] {
            let e = Self.error { _ = try repair.apply(scores: [1], groups: GroupColumn(labels: ["A"]), epsilon: eps) }
            #expect(e == .invalidParameter(name: "epsilon", value: "\(eps)",
                                           allowed: "a number in [0, 1]: 0 gives the fair output, 1 the original score"))
            #expect(Self.error { _ = try repair.apply(score: 1, group: "A", rowID: 0, epsilon: eps) } != nil)
        }
    }

    @Test("a bad jitter half-width or group-size setting is an error naming the setting")
    func badOptions() {
        for u in [-1e-3, Double.nan, Double.infinity] {
            let e = Self.error {
                _ = try BarycenterRepair.fit(scores: Self.scores, groups: Self.groups, taskName: "t",
                                             options: RepairOptions(jitterHalfWidth: u, minimumGroupSize: 1))
            }
            #expect(e?.description.contains("jitter half-width = \(u) is not allowed: a finite number >= 0") == true)
        }
        let minimum = Self.error {
            _ = try BarycenterRepair.fit(scores: Self.scores, groups: Self.groups, taskName: "t", options: RepairOptions(minimumGroupSize: 0))
        }
        #expect(minimum?.description.contains("minimum group size = 0 is not allowed") == true)
        let warning = Self.error {
            _ = try BarycenterRepair.fit(scores: Self.scores, groups: Self.groups, taskName: "t",
                                         options: RepairOptions(minimumGroupSize: 1, warningGroupSize: -1))
        }
        #expect(warning?.description.contains("warning group size = -1") == true)
    }

    @Test("an output range with bounds in the wrong order or not finite")
    func badOutputRange() {
        let e = Self.error { _ = try OutputRange(lower: 1, upper: 0) }
        #expect(e?.description.contains("finite bounds with lower <= upper") == true)
        #expect(Self.error { _ = try OutputRange(lower: 0, upper: .infinity) } != nil)
    }

    @Test("a group code outside the names (a hand-made column) names the row")
    func badGroupCode() throws {
        let bad = try JSONTestCoding.decode(GroupColumn.self, Array(#"{"names":["A"],"codes":[0,3]}"#.utf8))
        let e = Self.error { _ = try BarycenterRepair.fit(scores: [1, 2], groups: bad, taskName: "t", options: Self.small) }
        #expect(e == .invalidGroupCode(row: 1, code: 3, groupCount: 1))
        let repair = try Self.repair()
        #expect(Self.error { _ = try repair.apply(scores: [1, 2], groups: bad) } == .invalidGroupCode(row: 1, code: 3, groupCount: 1))
    }
}
