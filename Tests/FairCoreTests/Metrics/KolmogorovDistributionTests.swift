import Testing
@testable import FairCore

@Suite("KolmogorovDistribution")
struct KolmogorovDistributionTests {
    /// `scipy.stats.kstwo.sf(d, n)` from scipy 1.17.1, printed by
    ///   python3 -c "from scipy.stats import kstwo; print(repr(float(kstwo.sf(d, n))))"
    /// The cases cover every region of the algorithm: Ruben–Gambino (n d ≤ 1, n d ≥ n − 1),
    /// d ≥ 1/2, the exact matrix and Pomeranz regions (n ≤ 140), the one-sided upper tail,
    /// Pelz–Good, n d² ≥ 370 and the n > 10⁶ one-sided approximation.
    static let kstwoSurvival: [(n: Int, d: Double, p: Double)] = [
        (1, 0.7, 0.6000000000000001), (2, 0.3, 0.98), (2, 0.8, 0.07999999999999996),
        (5, 0.15, 0.9988), (5, 0.3, 0.664), (5, 0.6, 0.03008000000000001),
        (20, 0.04, 0.9999999999991517), (20, 0.15, 0.7044671549442872), (20, 0.3, 0.04306706665851623),
        (20, 0.6, 2.0483011649719853e-07), (20, 0.97, 6.973568802000124e-31),
        (100, 0.05, 0.9532159710635725), (100, 0.15, 0.019839242125641813), (100, 0.3, 1.7719869892662917e-08),
        (140, 0.07, 0.4776228287946577), (141, 0.07, 0.47315284500403054), (141, 0.15, 0.0031058623613645147),
        (500, 0.02, 0.9859871786857471), (500, 0.07, 0.01416832020019071), (500, 0.9, 0.0),
        (2400, 0.006, 0.9999927231636467), (2400, 0.03, 0.026060777189260143), (2400, 0.05, 1.1819331834983836e-05),
        (2400, 0.5, 0.0), (2400, 0.0004, 1.0),
        (50000, 0.001, 0.9999999997471354), (50000, 0.004, 0.3994316646755731), (50000, 0.01, 9.018048811843602e-05),
        (200000, 0.001, 0.9881500208855729), (200000, 0.004, 0.003314212822560255),
        (2400000, 0.0005, 0.5857908007573644), (2400000, 0.001, 0.01644852437807449),
        (2400000, 0.003, 3.4565256054855887e-19),
    ]

    @Test("survival equals scipy's kstwo.sf in every region")
    func matchesScipy() throws {
        for c in Self.kstwoSurvival {
            let p = try KolmogorovDistribution.survival(c.d, sampleSize: c.n)
            #expect(abs(p - c.p) <= 1e-10 * c.p + 1e-300, "n = \(c.n), d = \(c.d): \(p) vs \(c.p)")
        }
    }

    /// `scipy.stats.kstwobign.sf(x)` from scipy 1.17.1, printed by
    ///   python3 -c "from scipy.stats import kstwobign; print(repr(float(kstwobign.sf(x))))"
    static let kolmogorovSurvival: [(x: Double, p: Double)] = [
        (0.2, 0.999999999999495), (0.5, 0.9639452436648751), (0.82, 0.5119717052984973),
        (0.83, 0.4961909953505036), (1.0, 0.26999967167735456), (1.36, 0.049485876755377876),
        (2.0, 0.0006709252557796953), (3.0, 3.045995948942526e-08), (5.0, 3.8574996959278356e-22),
    ]

    @Test("limitingSurvival equals scipy's kstwobign.sf")
    func limitMatchesScipy() {
        for c in Self.kolmogorovSurvival {
            let p = KolmogorovDistribution.limitingSurvival(c.x)
            #expect(abs(p - c.p) <= 1e-13 * c.p, "x = \(c.x): \(p) vs \(c.p)")
        }
        #expect(KolmogorovDistribution.limitingSurvival(0) == 1)
    }

    @Test("closed forms: n = 1 gives 2 - 2d; d <= 1/(2n) gives 1; d >= 1 gives 0")
    func closedForms() throws {
        for d in stride(from: 0.5, through: 1.0, by: 0.05) {
            #expect(abs(try KolmogorovDistribution.survival(d, sampleSize: 1) - (2 - 2 * d)) < 1e-15)
        }
        for n in [1, 7, 100, 5_000] {
            #expect(try KolmogorovDistribution.survival(0.5 / Double(n), sampleSize: n) == 1)
            #expect(try KolmogorovDistribution.survival(1, sampleSize: n) == 0)
            #expect(try KolmogorovDistribution.survival(0, sampleSize: n) == 1)
        }
    }

    @Test("survival is non-increasing in d and approaches the Kolmogorov limit", arguments: [3, 60, 141, 3_000, 30_000])
    func monotoneAndLimit(n: Int) throws {
        var previous = 1.0
        for step in 0...400 {
            let d = Double(step) / 400
            let p = try KolmogorovDistribution.survival(d, sampleSize: n)
            #expect(p <= previous + 1e-12, "n = \(n), d = \(d)")
            previous = p
        }
        if n >= 3_000 {
            // sqrt(n) D_n -> K: at x = 1, relative error of order 1/sqrt(n).
            let d = 1 / Double(n).squareRoot()
            let p = try KolmogorovDistribution.survival(d, sampleSize: n)
            #expect(abs(p - KolmogorovDistribution.limitingSurvival(1)) < 2 / Double(n).squareRoot())
        }
    }

    @Test("the exact Durbin matrix and the Pelz-Good series agree to 1e-7 at n >= 1000")
    func methodsAgree() {
        for (n, d) in [(1_000, 0.02), (3_000, 0.01)] {
            let exact = KolmogorovDistribution.durbinCDF(n, d)
            let series = KolmogorovDistribution.pelzGoodCDF(n, d)
            #expect(abs(exact - series) < 1e-7, "n = \(n), d = \(d)")
        }
    }

    @Test("a sample size below 1 or a NaN statistic is an error")
    func errors() {
        let size = FairCoreError.invalidParameter(name: "sampleSize", value: "0", allowed: "use a sample size of at least 1")
        #expect(throws: size) { try KolmogorovDistribution.survival(0.1, sampleSize: 0) }
        #expect(size.description.contains("at least 1"))
        let nan = FairCoreError.invalidParameter(name: "statistic", value: "nan", allowed: "pass a number in [0, 1]")
        #expect(throws: nan) { try KolmogorovDistribution.survival(.nan, sampleSize: 3) }
    }
}
