import Testing
@testable import FairCore

/// The ε path (paper §6.5; the approximate-fairness lesson), over 20 seeds and 2-5 Gaussian
/// groups: g_ε = (1 − ε) g + ε f moves each group's law along its geodesic to the barycenter,
/// so on any sample the W2 distance of g_ε's groups to their barycenter is within (1 − ε) times
/// the fair score's own (sampling) distance of ε times the original's, and the squared change is
/// (1 − ε)² times the fair map's.
@Suite("Approximate fairness: properties over seeds and groups")
struct ApproximateFairnessPropertyTests {
    /// sqrt(Σ π_s W2²(ν_s, ν*)) of the values' groups, with π their frequencies.
    static func distanceToBarycenter(_ values: [Double], groups: GroupColumn) throws -> Double {
        let sorted = try SortedGroups(values: values, groups: groups)
        let total = Double(values.count)
        let components = try sorted.samples.map { try EmpiricalDistribution(sortedValues: $0) }
        let barycenter = try Barycenter(components, weights: sorted.counts.map { Double($0) / total })
        return barycenter.cost().squareRoot()
    }

    @Test("W2 to the barycenter scales by ε up to (1 − ε) times the fair score's noise; the squared change by (1 − ε)²", arguments: Array(UInt64(1)...20))
    func geodesic(seed: UInt64) throws {
        var rng = SeededGenerator(seed: 8_000 + seed)
        let k = 2 + rng.nextInt(below: 4)
        func draw() -> ([Double], GroupColumn) {
            var x: [Double] = [], labels: [String] = []
            for s in 0..<k {
                for _ in 0..<(500 + 200 * s) {
                    x.append(Double(s) * 0.8 + (0.5 + 0.4 * Double(s)) * rng.nextNormal())
                    labels.append("g\(s)")
                }
            }
            return (x, GroupColumn(labels: labels))
        }
        let (pool, poolGroups) = draw()
        let repair = try BarycenterRepair.fit(scores: pool, groups: poolGroups, taskName: "t")
        let (test, groups) = draw()
        let fair = try repair.apply(scores: test, groups: groups).outputs
        let original = try Self.distanceToBarycenter(test, groups: groups)
        let noise = try Self.distanceToBarycenter(fair, groups: groups)
        let change = zip(test, fair).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(test.count)
        #expect(noise < 0.2 * original, "seed \(seed): the fair score is far from fair")
        for eps in [0.2, 0.5, 0.8] {
            let blended = try repair.apply(scores: test, groups: groups, epsilon: eps).outputs
            let distance = try Self.distanceToBarycenter(blended, groups: groups)
            #expect(abs(distance - eps * original) <= (1 - eps) * noise + 1e-9, "seed \(seed) eps \(eps)")
            let blendedChange = zip(test, blended).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(test.count)
            #expect(abs(blendedChange - (1 - eps) * (1 - eps) * change) <= 1e-9 * (1 + change), "seed \(seed) eps \(eps)")
        }
    }
}
