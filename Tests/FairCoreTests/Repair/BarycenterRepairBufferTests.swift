import Testing
@testable import FairCore

/// The buffer entry points (`fit(scores:groupCodes:groupNames:...)`, `apply(...into:)`) and the
/// large-input paths behind every entry point: two workers, the sort straight from the rows,
/// validation inside the histogram passes, partitioned sub-ranges.
@Suite("BarycenterRepair: buffers and large inputs")
struct BarycenterRepairBufferTests {
    /// Bit patterns, so that `-0.0` and `0.0` differ and NaN equals itself.
    static func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

    /// The error `body` throws (fails the test when it throws none or another type).
    static func error(_ body: () throws -> Void) -> FairCoreError? {
        BarycenterRepairErrorTests.error(body)
    }

    /// A pool with `n` rows over the groups of `names` (codes index `names`), continuous or with
    /// ties, plus a few awkward values.
    static func pool(_ rng: inout SeededGenerator, n: Int, groups k: Int, ties: Bool) -> (scores: [Double], codes: [UInt8]) {
        var scores = [Double](), codes = [UInt8]()
        for _ in 0..<n {
            let g = rng.nextInt(below: k)
            let x = ties ? Double(rng.nextInt(below: 50)) * 0.25 : Double(g) * 0.3 + rng.nextNormal()
            scores.append(x)
            codes.append(UInt8(g))
        }
        return (scores, codes)
    }

    @Test("UInt8 and Int32 buffers give the repair and outputs of the array API, bit for bit", arguments: [false, true])
    func sameAsArrays(jitter: Bool) throws {
        var rng = SeededGenerator(seed: 900)
        let (scores, codes) = Self.pool(&rng, n: 3_000, groups: 3, ties: !jitter)
        // Names given out of order: the fitted groups are sorted by name, codes matched by name.
        let names = ["c", "a", "b"]
        let options = RepairOptions(jitterHalfWidth: jitter ? 0.01 : 0, seed: 5)
        let column = GroupColumn(labels: codes.map { names[Int($0)] })
        let viaArrays = try BarycenterRepair.fit(scores: scores, groups: column, taskName: "t", options: options)
        let wide = codes.map { Int32($0) }
        let viaBytes = try scores.withUnsafeBufferPointer { s in
            try codes.withUnsafeBufferPointer { c in
                try BarycenterRepair.fit(scores: s, groupCodes: c, groupNames: names, taskName: "t", options: options)
            }
        }
        let viaInt32 = try scores.withUnsafeBufferPointer { s in
            try wide.withUnsafeBufferPointer { c in
                try BarycenterRepair.fit(scores: s, groupCodes: c, groupNames: names, taskName: "t", options: options)
            }
        }
        #expect(viaBytes.groupNames == ["a", "b", "c"])
        #expect(viaBytes == viaArrays && viaInt32 == viaArrays)
        #expect(viaBytes.poolCounts == viaArrays.poolCounts && viaBytes.weights == viaArrays.weights)

        let queries = (0..<2_000).map { _ in -3 + 6 * rng.nextDouble() }
        let queryCodes = queries.map { _ in UInt8(rng.nextInt(below: 3)) }
        let expected = try viaArrays.apply(scores: queries, groups: GroupColumn(labels: queryCodes.map { names[Int($0)] }))
        var outputs = [Double](repeating: .nan, count: queries.count)
        let report = try queries.withUnsafeBufferPointer { s in
            try queryCodes.withUnsafeBufferPointer { c in
                try outputs.withUnsafeMutableBufferPointer { out in
                    try viaBytes.apply(scores: s, groupCodes: c, groupNames: names, into: out)
                }
            }
        }
        #expect(Self.bits(outputs) == Self.bits(expected.outputs))
        #expect(report == expected.report)
    }

    @Test("firstRowID keys row i as firstRowID + i, at fit and at apply")
    func firstRowID() throws {
        var rng = SeededGenerator(seed: 901)
        let (scores, codes) = Self.pool(&rng, n: 500, groups: 2, ties: false)
        let names = ["a", "b"]
        let options = RepairOptions(jitterHalfWidth: 0.05, seed: 3, splitCalibration: true)
        let ids = scores.indices.map { UInt64(7_000 + $0) }
        let column = GroupColumn(labels: codes.map { names[Int($0)] })
        let keyed = try BarycenterRepair.fit(scores: scores, groups: column, rowIDs: ids, taskName: "t", options: options)
        let offset = try scores.withUnsafeBufferPointer { s in
            try codes.withUnsafeBufferPointer { c in
                try BarycenterRepair.fit(scores: s, groupCodes: c, groupNames: names, firstRowID: 7_000, taskName: "t", options: options)
            }
        }
        #expect(offset == keyed)
        let expected = try keyed.apply(scores: scores, groups: column, rowIDs: ids).outputs
        var outputs = [Double](repeating: 0, count: scores.count)
        _ = try scores.withUnsafeBufferPointer { s in
            try codes.withUnsafeBufferPointer { c in
                try outputs.withUnsafeMutableBufferPointer { out in
                    try offset.apply(scores: s, groupCodes: c, groupNames: names, firstRowID: 7_000, into: out)
                }
            }
        }
        #expect(Self.bits(outputs) == Self.bits(expected))
    }

    @Test("buffer errors: repeated names, firstRowID with rowIDs, a short output buffer, a code outside the names, no rows")
    func bufferErrors() throws {
        let scores: [Double] = [1, 2, 3, 4], codes: [UInt8] = [0, 1, 0, 1], ids: [UInt64] = [1, 2, 3, 4]
        let options = RepairOptions(minimumGroupSize: 1)
        func fit(_ names: [String], _ codes: [UInt8], ids: [UInt64]? = nil, first: UInt64 = 0) throws -> BarycenterRepair {
            try scores.withUnsafeBufferPointer { s in
                try codes.withUnsafeBufferPointer { c in
                    if let ids {
                        return try ids.withUnsafeBufferPointer { i in
                            try BarycenterRepair.fit(scores: s, groupCodes: c, groupNames: names, rowIDs: i, firstRowID: first,
                                                     taskName: "t", options: options)
                        }
                    }
                    return try BarycenterRepair.fit(scores: s, groupCodes: c, groupNames: names, firstRowID: first,
                                                    taskName: "t", options: options)
                }
            }
        }
        let repeated = Self.error { _ = try fit(["a", "a"], codes) }
        #expect(repeated == .duplicateGroupName("a"))
        let both = Self.error { _ = try fit(["a", "b"], codes, ids: ids, first: 5) }
        #expect(both == .invalidParameter(name: "firstRowID", value: "5",
                                          allowed: "0 when rowIDs are given (the keys are then rowIDs); pass one or the other"))
        #expect(both?.description.contains("pass one or the other") == true)
        let outside = Self.error { _ = try fit(["a", "b"], [0, 1, 2, 1]) }
        #expect(outside == .invalidGroupCode(row: 2, code: 2, groupCount: 2))
        let none = Self.error {
            _ = try [Double]().withUnsafeBufferPointer { s in
                try [UInt8]().withUnsafeBufferPointer { c in
                    try BarycenterRepair.fit(scores: s, groupCodes: c, groupNames: ["a"], taskName: "t")
                }
            }
        }
        #expect(none == .emptyInput(what: "calibration scores of task \"t\""))

        let repair = try fit(["a", "b"], codes)
        var short = [Double](repeating: 0, count: 3)
        let shortError = Self.error {
            _ = try scores.withUnsafeBufferPointer { s in
                try codes.withUnsafeBufferPointer { c in
                    try short.withUnsafeMutableBufferPointer { out in
                        try repair.apply(scores: s, groupCodes: c, groupNames: ["a", "b"], into: out)
                    }
                }
            }
        }
        #expect(shortError == .lengthMismatch(what: "output buffer", expected: 4, actual: 3))
        // No rows: an empty report.
        var empty = [Double]()
        let report = try [Double]().withUnsafeBufferPointer { s in
            try [UInt8]().withUnsafeBufferPointer { c in
                try empty.withUnsafeMutableBufferPointer { out in
                    try repair.apply(scores: s, groupCodes: c, groupNames: ["a", "b"], into: out)
                }
            }
        }
        #expect(report.rowCounts == [0, 0])
    }

    @Test("a large pool (two workers) is fitted to the sorted jittered pool, with ties, huge values and outliers",
          arguments: [0.0, 1e-3])
    func largePool(jitter: Double) throws {
        var rng = SeededGenerator(seed: 902)
        let n = BarycenterRepair.parallelFitThreshold + 5_001
        let pool = Self.pool(&rng, n: n, groups: 2, ties: jitter == 0)
        var scores = pool.scores
        let codes = pool.codes
        // Values the range sample may miss (clamped into the end buckets), signed zeros, and
        // finite values above 2^1023 (flagged, then accepted by the exact checks when u = 0).
        for i in stride(from: 11, to: n, by: 997) { scores[i] = (i % 2 == 0 ? 1 : -1) * 1e200 * Double(i) }
        scores[5] = -0.0
        scores[6] = 0.0
        if jitter == 0 { scores[7] = .greatestFiniteMagnitude; scores[8] = -.greatestFiniteMagnitude }
        let options = RepairOptions(jitterHalfWidth: jitter, seed: 9)
        let repair = try scores.withUnsafeBufferPointer { s in
            try codes.withUnsafeBufferPointer { c in
                try BarycenterRepair.fit(scores: s, groupCodes: c, groupNames: ["a", "b"], taskName: "big", options: options)
            }
        }
        let stream = KeyedNoise.stableHash("big")
        for (g, name) in ["a", "b"].enumerated() {
            let expected = scores.indices.filter { Int(codes[$0]) == g }.map { row in
                scores[row] + KeyedNoise.symmetric(seed: 9, stream: stream, key: UInt64(row), halfWidth: jitter) + 0.0
            }.sorted()
            #expect(Self.bits(try repair.quantileSample(ofGroup: name).sortedValues) == Self.bits(expected))
        }
        #expect(repair.poolCounts == [codes.filter { $0 == 0 }.count, codes.filter { $0 == 1 }.count])
    }

    @Test("many groups (more buckets and partitions than 16-bit ids hold): the pool is sorted exactly and the batch equals the single-row path",
          arguments: [0.0, 1e-3])
    func manyGroups(jitter: Double) throws {
        // 70 groups of about 8,000 rows: 70 × 2,048 pool buckets and about 70 × 1,000 apply
        // partitions, both above 65,535, so neither pass keeps per-row ids; 20 groups take the
        // id paths.
        for k in [70, 20] {
            var rng = SeededGenerator(seed: 903 + UInt64(k))
            let n = k * 8_000
            let (scores, codes) = Self.pool(&rng, n: n, groups: k, ties: false)
            let names = (0..<k).map { "g\(1000 + $0)" }
            let options = RepairOptions(jitterHalfWidth: jitter, seed: 11)
            let repair = try scores.withUnsafeBufferPointer { s in
                try codes.withUnsafeBufferPointer { c in
                    try BarycenterRepair.fit(scores: s, groupCodes: c, groupNames: names, taskName: "many", options: options)
                }
            }
            let partitions = PartitionLayout(repair.storage.map, groupCount: k).partitionCount
            #expect(k == 70 ? partitions >= Int(UInt16.max) : partitions < Int(UInt16.max), "\(partitions) partitions")
            let stream = KeyedNoise.stableHash("many")
            for g in stride(from: 0, to: k, by: 13) {
                let expected = scores.indices.filter { Int(codes[$0]) == g }.map { row in
                    scores[row] + KeyedNoise.symmetric(seed: 11, stream: stream, key: UInt64(row), halfWidth: jitter) + 0.0
                }.sorted()
                #expect(Self.bits(try repair.quantileSample(ofGroup: names[g]).sortedValues) == Self.bits(expected))
            }
            var out = [Double](repeating: .nan, count: n)
            _ = try scores.withUnsafeBufferPointer { s in
                try codes.withUnsafeBufferPointer { c in
                    try out.withUnsafeMutableBufferPointer { o in
                        try repair.apply(scores: s, groupCodes: c, groupNames: names, into: o)
                    }
                }
            }
            let rows = Array(stride(from: 0, to: n, by: 97))
            let single = try rows.map { row in
                try repair.apply(score: scores[row], group: names[Int(codes[row])], rowID: UInt64(row))
            }
            #expect(Self.bits(rows.map { out[$0] }) == Self.bits(single), "k = \(k)")
        }
    }

    @Test("a large pool or batch names the first bad row: a bad code or a NaN late in the rows")
    func largeErrors() throws {
        var rng = SeededGenerator(seed: 903)
        let n = BarycenterRepair.parallelFitThreshold + 3_000
        let (scores, codes) = Self.pool(&rng, n: n, groups: 2, ties: false)
        func fit(_ scores: [Double], _ codes: [UInt8]) throws -> BarycenterRepair {
            try scores.withUnsafeBufferPointer { s in
                try codes.withUnsafeBufferPointer { c in
                    try BarycenterRepair.fit(scores: s, groupCodes: c, groupNames: ["a", "b"], taskName: "t")
                }
            }
        }
        var badCodes = codes
        badCodes[n - 10] = 9
        badCodes[n - 3] = 7
        #expect(Self.error { _ = try fit(scores, badCodes) } == .invalidGroupCode(row: n - 10, code: 9, groupCount: 2))
        var badScores = scores
        badScores[n - 5] = .nan
        let nan = Self.error { _ = try fit(badScores, codes) }
        guard case let .nonFiniteValue(_, row, _)? = nan else {
            Issue.record("expected nonFiniteValue, got \(String(describing: nan))")
            return
        }
        #expect(row == n - 5)

        let repair = try fit(scores, codes)
        var outputs = [Double](repeating: 0, count: n)
        func apply(_ scores: [Double], _ codes: [UInt8], names: [String]) throws {
            _ = try scores.withUnsafeBufferPointer { s in
                try codes.withUnsafeBufferPointer { c in
                    try outputs.withUnsafeMutableBufferPointer { out in
                        try repair.apply(scores: s, groupCodes: c, groupNames: names, into: out)
                    }
                }
            }
        }
        #expect(Self.error { try apply(scores, badCodes, names: ["a", "b"]) } == .invalidGroupCode(row: n - 10, code: 9, groupCount: 2))
        let nanAtApply = Self.error { try apply(badScores, codes, names: ["a", "b"]) }
        guard case let .nonFiniteValue(what, applyRow, value)? = nanAtApply else {
            Issue.record("expected nonFiniteValue, got \(String(describing: nanAtApply))")
            return
        }
        #expect(what == "scores of task \"t\"" && applyRow == n - 5 && value.isNaN)
        var unseenCodes = codes
        unseenCodes[n - 7] = 2
        let unseen = Self.error { try apply(scores, unseenCodes, names: ["a", "b", "z"]) }
        #expect(unseen == .unseenGroup(name: "z", known: ["a", "b"]))
        // The name alone (no row uses it) is not an error.
        try apply(scores, codes, names: ["a", "b", "z"])
    }

    @Test("partitioned sub-ranges on two workers equal the row-by-row outputs; the report counts every row",
          arguments: [1 << 15, 40_000, 1 << 22])
    func subranges(subrangeRows: Int) throws {
        var rng = SeededGenerator(seed: 904)
        let (x, labels) = RepairTestSupport.pool(&rng, groups: 3, sizes: 800...2_500, ties: true)
        let groups = GroupColumn(labels: labels)
        let options = RepairOptions(jitterHalfWidth: 0.01, seed: 4, outOfRange: .tailShift)
        let repair = try BarycenterRepair.fit(scores: x, groups: groups, taskName: "sub", options: options)
        let n = BarycenterRepair.parallelThreshold + 30_001
        let scores = (0..<n).map { _ in -4 + 8 * rng.nextDouble() }
        let codes = (0..<n).map { _ in Int32(rng.nextInt(below: 3)) }
        var outputs = [Double](repeating: .nan, count: n)
        let report = try scores.withUnsafeBufferPointer { s in
            try codes.withUnsafeBufferPointer { c in
                try outputs.withUnsafeMutableBufferPointer { out in
                    try RowBatch.with(s, c, nil, firstRowID: 0) { (batch) throws(FairCoreError) in
                        try repair.apply(batch, names: groups.names, epsilon: 0, into: out.baseAddress!, subrangeRows: subrangeRows)
                    }
                }
            }
        }
        var mismatches = 0
        for i in stride(from: 0, to: n, by: 13) {
            let single = try repair.apply(score: scores[i], group: groups.names[Int(codes[i])], rowID: UInt64(i))
            if single.bitPattern != outputs[i].bitPattern { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(report.rowCounts == (0..<3).map { g in codes.filter { $0 == g }.count })
        #expect(!outputs.contains { $0.isNaN })
    }
}
