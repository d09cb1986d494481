import Testing
@testable import FairCore

@Suite("RankPreservation")
struct RankPreservationTests {
    /// Every pair classified by brute force, O(n²).
    struct Oracle {
        var inversions = 0, small = 0, tiedByMap = 0, tiedBefore = 0, tiedAfter = 0, tiedBoth = 0, concordant = 0
        var violation = 0.0
        init(_ f: [Double], _ g: [Double], _ tolerance: Double) {
            for i in 0..<f.count {
                for j in (i + 1)..<f.count {
                    if g[i] == g[j] { tiedAfter += 1 }
                    if f[i] == f[j] {
                        tiedBefore += 1
                        if g[i] == g[j] { tiedBoth += 1 }
                        continue
                    }
                    let (lo, hi) = f[i] < f[j] ? (i, j) : (j, i)  // f[lo] < f[hi]
                    let d = g[lo] - g[hi]
                    violation = max(violation, d)
                    if d > tolerance { inversions += 1 } else if d > 0 { small += 1 } else if d == 0 { tiedByMap += 1 } else { concordant += 1 }
                }
            }
        }
    }

    static func pairs(_ rng: inout SeededGenerator, n: Int) -> ([Double], [Double]) {
        var f: [Double] = [], g: [Double] = []
        for _ in 0..<n {
            let x = Double(rng.nextInt(below: 25))
            f.append(x)
            // Mostly increasing, with noise, ties and occasional reversals.
            g.append((x + Double(rng.nextInt(below: 7)) * 0.5).rounded(.down) + (rng.nextInt(below: 10) == 0 ? -3 : 0))
        }
        return (f, g)
    }

    @Test("counts equal an O(n²) brute force over many seeds, with ties", arguments: [0.0, 0.5, 1.0, 2.5])
    func oracle(tolerance: Double) throws {
        var rng = SeededGenerator(seed: UInt64(tolerance * 10) + 1)
        for _ in 0..<60 {
            let (f, g) = Self.pairs(&rng, n: 1 + rng.nextInt(below: 120))
            let r = try RankPreservation(before: f, after: g, tolerance: tolerance)
            let o = Oracle(f, g, tolerance)
            #expect(r.inversions == o.inversions)
            #expect(r.smallInversions == o.small)
            #expect(r.tiedByMap == o.tiedByMap)
            #expect(r.tiedBefore == o.tiedBefore)
            #expect(r.tiedAfter == o.tiedAfter)
            #expect(r.tiedInBoth == o.tiedBoth)
            #expect(r.concordant == o.concordant)
            #expect(r.maximumViolation == o.violation)
            #expect(r.totalPairs == f.count * (f.count - 1) / 2)
            let n0 = Double(r.totalPairs)
            let tau = Double(o.concordant - o.inversions - o.small)
                / ((n0 - Double(o.tiedBefore)) * (n0 - Double(o.tiedAfter))).squareRoot()
            if tau.isNaN { #expect(r.kendallTauB.isNaN) } else { #expect(abs(r.kendallTauB - tau) < 1e-12) }
        }
    }

    @Test("larger samples agree with brute force (merge-sort path)")
    func larger() throws {
        var rng = SeededGenerator(seed: 99)
        let f = (0..<1_500).map { _ in rng.nextNormal() }
        let g = f.map { $0 + 0.05 * rng.nextNormal() }
        let r = try RankPreservation(before: f, after: g, tolerance: 0.02)
        let o = Oracle(f, g, 0.02)
        #expect(r.inversions == o.inversions && r.smallInversions == o.small && r.tiedByMap == o.tiedByMap)
    }

    @Test("a strictly increasing map is strictly preserved; flooring is monotone with ties; reversal inverts all")
    func shapes() throws {
        var rng = SeededGenerator(seed: 4)
        let f = (0..<300).map { _ in rng.nextNormal() }
        let increasing = try RankPreservation(before: f, after: f.map { 2 * $0 + 1 })
        #expect(increasing.isStrictlyPreserved && increasing.isMonotone && increasing.kendallTauB == 1)
        let floored = try RankPreservation(before: f, after: f.map { ($0 * 2).rounded(.down) })
        #expect(floored.isMonotone && !floored.isStrictlyPreserved && floored.tiedByMap > 0)
        #expect(floored.maximumViolation == 0)
        let reversed = try RankPreservation(before: f, after: f.map { -$0 })
        #expect(reversed.inversions == reversed.totalPairs && reversed.kendallTauB == -1)
        let constant = try RankPreservation(before: f, after: f.map { _ in 3 })
        #expect(constant.kendallTauB.isNaN && constant.tiedByMap == constant.totalPairs)
        let single = try RankPreservation(before: [1], after: [2])
        #expect(single.totalPairs == 0 && single.isStrictlyPreserved)
    }

    @Test("jitter-sized reversals fall under the tolerance, not the inversions")
    func tolerance() throws {
        let f: [Double] = [0, 1, 2, 3]
        let g: [Double] = [0, 1.001, 1.0, 3]  // one reversal of 0.001
        let strict = try RankPreservation(before: f, after: g)
        #expect(strict.inversions == 1 && !strict.isMonotone)
        let tolerant = try RankPreservation(before: f, after: g, tolerance: 0.002)
        #expect(tolerant.inversions == 0 && tolerant.smallInversions == 1)
        #expect(tolerant.isMonotone && !tolerant.isStrictlyPreserved)
        #expect(abs(tolerant.maximumViolation - 0.001) < 1e-12)
    }

    @Test("per-group counts equal the counts of each group's rows")
    func byGroup() throws {
        var rng = SeededGenerator(seed: 21)
        let (f, g) = Self.pairs(&rng, n: 400)
        let labels = (0..<400).map { _ in ["u", "v", "w"][rng.nextInt(below: 3)] }
        let result = try RankPreservation.byGroup(before: f, after: g, groups: GroupColumn(labels: labels), tolerance: 0.5)
        #expect(result.names == ["u", "v", "w"])
        for (c, name) in result.names.enumerated() {
            let rows = labels.indices.filter { labels[$0] == name }
            let expected = try RankPreservation(before: rows.map { f[$0] }, after: rows.map { g[$0] }, tolerance: 0.5)
            #expect(result.results[c] == expected)
        }
        #expect(result.inversions == result.results.map(\.inversions).reduce(0, +))
        #expect(result.tiedByMap == result.results.map(\.tiedByMap).reduce(0, +))
        #expect(result.isMonotone == result.results.allSatisfy(\.isMonotone))
    }

    @Test("empty input, mismatched lengths, non-finite values, a bad tolerance and empty groups are errors")
    func errors() throws {
        #expect(throws: FairCoreError.emptyInput(what: "before")) { try RankPreservation(before: [], after: []) }
        #expect(throws: FairCoreError.lengthMismatch(what: "after", expected: 2, actual: 1)) {
            try RankPreservation(before: [1, 2], after: [1])
        }
        #expect(throws: FairCoreError.nonFiniteValue(what: "after", row: 1, value: .infinity)) {
            try RankPreservation(before: [1, 2], after: [1, .infinity])
        }
        let tolerance = FairCoreError.invalidParameter(
            name: "tolerance", value: "-1.0",
            allowed: "use a finite tolerance >= 0 (e.g. 2u when the repair adds jitter of half-width u)")
        #expect(throws: tolerance) { try RankPreservation(before: [1], after: [1], tolerance: -1) }
        #expect(tolerance.description.contains("2u"))
        #expect(throws: FairCoreError.lengthMismatch(what: "group column", expected: 2, actual: 3)) {
            try RankPreservation.byGroup(before: [1, 2], after: [1, 2], groups: GroupColumn(labels: ["a", "b", "c"]))
        }
        #expect(throws: FairCoreError.emptyGroup(name: "b")) {
            try RankPreservation.byGroup(before: [1, 2], after: [1, 2], groups: try GroupColumn(codes: [0, 0], names: ["a", "b"]))
        }
    }

    @Test("scores near ±1e308: a finite violation where it fits a Double, else an error naming it")
    func extremes() throws {
        let big = 1e308
        // Reversed by 1e308 − 0 = 1e308: finite; both implementations agree.
        let fits = try RankPreservation(before: [0, 1, 2], after: [big, 0, -1])
        #expect(fits.maximumViolation == big)
        #expect(fits == (try RankPreservation.reference(before: [0, 1, 2], after: [big, 0, -1])))
        #expect(fits.inversions == 3)
        // Monotone at the extremes: no reversal, violation 0 (nothing to overflow).
        let monotone = try RankPreservation(before: [0, 1], after: [-big, big])
        #expect(monotone.maximumViolation == 0 && monotone.isStrictlyPreserved)
        // Reversed by 1e308 − (−1e308) = 2e308: no Double holds it, so an error names both values.
        let overflow = FairCoreError.overflow(
            what: "the rank violation 1e+308 − (-1e+308) (two after values)",
            remedy: "rescale the scores (e.g. divide them by 1e10) before checking ranks")
        #expect(throws: overflow) { try RankPreservation(before: [0, 1], after: [big, -big]) }
        #expect(throws: overflow) { try RankPreservation.reference(before: [0, 1], after: [big, -big]) }
        let groups = GroupColumn(labels: ["a", "a", "b"])
        #expect(throws: overflow) {
            try RankPreservation.byGroup(before: [0, 1, 5], after: [big, -big, 0], groups: groups)
        }
        #expect(overflow.description.contains("1e+308") && overflow.description.contains("rescale"))
    }
}
