import Testing
@testable import FairCore

/// The fast W1/W2 engines against their plain definitions, and their behaviour near ±1.8e308.
@Suite("Wasserstein: fast engines against the definitions, no overflow")
struct WassersteinReferenceTests {
    static func sample(_ rng: inout SeededGenerator, ties: Bool) -> [Double] {
        let n = 1 + rng.nextInt(below: 60)
        let shift = rng.nextNormal(), scale = 0.1 + 2 * rng.nextDouble()
        return (0..<n).map { _ in ties ? Double(rng.nextInt(below: 5)) * scale + shift : shift + scale * rng.nextNormal() }
    }

    @Test("w1 and w2Squared equal the CDF-form and quantile-form definitions (500 random pairs, ties, any sizes)")
    func againstReference() throws {
        var rng = SeededGenerator(seed: 1310)
        for trial in 0..<500 {
            let a = try EmpiricalDistribution(Self.sample(&rng, ties: trial % 2 == 0))
            let b = try EmpiricalDistribution(Self.sample(&rng, ties: trial % 3 == 0))
            let w1 = Wasserstein.w1(sortedA: a.sortedValues, sortedB: b.sortedValues)
            let w2s = Wasserstein.w2Squared(sortedA: a.sortedValues, sortedB: b.sortedValues)
            // Different summation orders: equal up to rounding of sums of at most 120 terms.
            let spread = max(a.maximum, b.maximum) - min(a.minimum, b.minimum)
            #expect(abs(w1 - Wasserstein.referenceW1(a, b)) <= 1e-13 * max(1, spread), "trial \(trial)")
            #expect(abs(w2s - Wasserstein.referenceW2Squared(a, b)) <= 1e-13 * max(1, spread * spread), "trial \(trial)")
        }
    }

    @Test("values near ±1e308: finite distances where they exist, in the scaled form; an error where they do not")
    func extremes() throws {
        let big = 1e308
        // W1 of {0, 1e308} and {0}: 5e307. W2: sqrt(0.5) · 1e308, finite though its square is not.
        #expect(try Wasserstein.w1([0, big], [0]) == 0.5 * big)
        let w2 = try Wasserstein.w2([0, big], [0])
        #expect(abs(w2 - 0.5.squareRoot() * big) <= 1e-15 * big)
        #expect(Wasserstein.w2Squared(sortedA: [0, big], sortedB: [0]) == .infinity)
        // The scaled form gives the same numbers as the plain one on values scaled down.
        let a = [-0.75 * big, 0.25 * big, big], b = [-big, 0.5 * big]
        let small = Wasserstein.w1(sortedA: a.map { $0 / 0x1p600 }, sortedB: b.map { $0 / 0x1p600 })
        #expect(Wasserstein.w1(sortedA: a, sortedB: b) == small * 0x1p600)
        // W1 of -1e308 and 1e308 is 2e308: beyond the largest Double, an error naming the distance.
        var thrown: FairCoreError? = nil
        do { _ = try Wasserstein.w1([-big], [big]) } catch { thrown = error }
        #expect(thrown?.description.contains("W1") == true)
        #expect(thrown?.description.contains("beyond the largest finite number") == true)
        // Pairwise: an error naming the pair, never inf or nan.
        thrown = nil
        do { _ = try PairwiseWasserstein(values: [-big, -big, big, big], groups: GroupColumn(labels: ["a", "a", "b", "b"])) } catch { thrown = error }
        #expect(thrown?.description.contains("between groups \"a\" and \"b\"") == true)
        let pairs = try PairwiseWasserstein(values: [0, big, 0, 0], groups: GroupColumn(labels: ["a", "a", "b", "b"]))
        #expect(pairs.maximumW2.w2.isFinite && pairs.maximumW1.w1 == 0.5 * big)
    }

    @Test("the barycenter's W2 to each component and its root cost stay finite for scores near ±1e308")
    func barycenterExtremes() throws {
        let big = 1e308
        let center = try Barycenter([EmpiricalDistribution([-big, -0.5 * big]), EmpiricalDistribution([0.5 * big, big])],
                                    weights: [0.5, 0.5])
        let distances = center.distancesToComponents()
        #expect(distances.allSatisfy { $0.isFinite })
        #expect(abs(distances[0] - 0.75 * big) <= 1e-15 * big)
        #expect(abs(center.rootCost() - 0.75 * big) <= 1e-15 * big)
        // Ordinary values: the same bits as sqrt of the squared forms.
        let plain = try Barycenter([EmpiricalDistribution([0, 1, 3]), EmpiricalDistribution([2, 5])], weights: [0.3, 0.7])
        #expect(plain.distancesToComponents() == plain.squaredDistancesToComponents().map { $0.squareRoot() })
        #expect(plain.rootCost() == plain.cost().squareRoot())
    }

    @Test("the risk identity with scores near ±1e308 is an error naming the side, never nan or inf")
    func riskIdentityExtremes() throws {
        let big = 1e308
        let scores = [-big, -0.9 * big, 0.9 * big, big]
        let groups = GroupColumn(labels: ["a", "a", "b", "b"])
        let repair = try BarycenterRepair.fit(scores: scores, groups: groups, taskName: "t", options: RepairOptions(minimumGroupSize: 1))
        var thrown: FairCoreError? = nil
        do { _ = try repair.riskIdentity(scores: scores, groups: groups) } catch { thrown = error }
        #expect(thrown?.description.contains("task \"t\"") == true)
        #expect(thrown?.description.contains("beyond the largest finite number") == true)
    }
}

/// The fast rank-preservation counts against the pair-by-pair definition.
@Suite("RankPreservation: fast counts against the definition")
struct RankPreservationReferenceTests {
    @Test("every count and the largest reversal equal the O(n²) definition (400 random maps, ties, tolerances)")
    func againstReference() throws {
        var rng = SeededGenerator(seed: 1320)
        for trial in 0..<400 {
            let n = 1 + rng.nextInt(below: 80)
            let f = (0..<n).map { _ in trial % 2 == 0 ? Double(rng.nextInt(below: 8)) : rng.nextNormal() }
            // A noisy monotone map, coarse on some trials so that it ties pairs.
            let g = f.map { x -> Double in
                let y = x + 0.3 * rng.nextNormal()
                return trial % 3 == 0 ? (y * 2).rounded() / 2 : y
            }
            let tolerance = trial % 4 == 0 ? 0.2 : 0
            let fast = try RankPreservation(before: f, after: g, tolerance: tolerance)
            let plain = try RankPreservation.reference(before: f, after: g, tolerance: tolerance)
            #expect(fast == plain, "trial \(trial)")
        }
    }
}
