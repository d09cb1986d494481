import Testing
@testable import FairCore

@Suite("KolmogorovSmirnov")
struct KolmogorovSmirnovTests {
    /// The definition, evaluated by brute force in O(n²): both ECDFs at every pooled value,
    /// as exact integer differences `n_b·#{a ≤ u} − n_a·#{b ≤ u}`; the smallest u attaining
    /// each side's maximum.
    struct Oracle {
        var plus = Int.min, plusAt = 0.0, minus = Int.min, minusAt = 0.0
        init(_ a: [Double], _ b: [Double]) {
            for u in (a + b).sorted() {
                let d = a.count(where: { $0 <= u }) * b.count - b.count(where: { $0 <= u }) * a.count
                if d > plus { plus = d; plusAt = u }
                if -d > minus { minus = -d; minusAt = u }
            }
        }
        var countDifference: Int { max(plus, minus) }
        var sign: Int { plus >= minus ? 1 : -1 }
        var location: Double { sign > 0 ? plusAt : minusAt }
    }

    /// Samples with many ties (few distinct integers) or continuous (normal) values.
    static func sample(_ rng: inout SeededGenerator, _ n: Int, distinct: Int) -> [Double] {
        (0..<n).map { _ in distinct > 0 ? Double(rng.nextInt(below: distinct)) * 0.5 : rng.nextNormal() }
    }

    @Test("equals the brute-force definition, with ties, over many seeds and sizes",
          arguments: [0, 2, 3, 10])
    func oracle(distinct: Int) throws {
        var rng = SeededGenerator(seed: 77 + UInt64(distinct))
        for _ in 0..<150 {
            let n1 = 1 + rng.nextInt(below: 40), n2 = 1 + rng.nextInt(below: 70)
            let a = Self.sample(&rng, n1, distinct: distinct)
            let b = Self.sample(&rng, n2, distinct: distinct).map { $0 + (distinct > 0 ? 0 : 0.3) }
            let test = try KolmogorovSmirnov(a, b)
            let expected = Oracle(a, b)
            #expect(test.countDifference == expected.countDifference)
            #expect(test.plusCount == expected.plus && test.minusCount == expected.minus)
            #expect(test.sign == expected.sign)
            #expect(test.location == expected.location)
            #expect(test.statistic == Double(expected.countDifference) / Double(n1 * n2))
            #expect(test.n1 == n1 && test.n2 == n2)
        }
    }

    @Test("equals the brute-force definition on larger samples (radix-sort path)")
    func oracleLarge() throws {
        var rng = SeededGenerator(seed: 5)
        for distinct in [0, 40] {
            let a = Self.sample(&rng, 1_500, distinct: distinct)
            let b = Self.sample(&rng, 900, distinct: distinct).map { $0 * 1.1 }
            let test = try KolmogorovSmirnov(a, b)
            let expected = Oracle(a, b)
            #expect(test.countDifference == expected.countDifference)
            #expect(test.location == expected.location)
        }
    }

    @Test("sorted entry point agrees with the sorting one; swapping exchanges the sides")
    func sortedAndSwapped() throws {
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<50 {
            let a = Self.sample(&rng, 1 + rng.nextInt(below: 30), distinct: 4)
            let b = Self.sample(&rng, 1 + rng.nextInt(below: 30), distinct: 4)
            let test = try KolmogorovSmirnov(a, b)
            #expect(try KolmogorovSmirnov(sortedA: a.sorted(), sortedB: b.sorted()) == test)
            let reversed = try KolmogorovSmirnov(b, a)
            #expect(reversed == test.swapped)
            #expect(reversed.statistic == test.statistic)
        }
    }

    @Test("identical samples give 0, all-tied samples give 0, disjoint supports give 1")
    func extremes() throws {
        var rng = SeededGenerator(seed: 1)
        let a = Self.sample(&rng, 200, distinct: 0)
        var shuffled = a
        shuffled.shuffle(using: &rng)
        let same = try KolmogorovSmirnov(a, shuffled)
        #expect(same.statistic == 0 && same.countDifference == 0)
        #expect(same.location == a.min())
        let tied = try KolmogorovSmirnov([2, 2, 2], [2, 2])
        #expect(tied.statistic == 0)
        #expect(tied.location == 2)
        let below = try KolmogorovSmirnov([1, 2, 2], [3, 4, 5, 6])
        #expect(below.statistic == 1 && below.sign == 1 && below.location == 2)
        let above = try KolmogorovSmirnov([3, 4, 5, 6], [1, 2, 2])
        #expect(above.statistic == 1 && above.sign == -1 && above.location == 2)
        // Touching supports: the shared value counts on both sides (right-continuous ECDFs).
        #expect(try KolmogorovSmirnov([0, 1], [1, 2]).statistic == 0.5)
    }

    @Test("signed zeros are one value")
    func signedZero() throws {
        #expect(try KolmogorovSmirnov([-0.0, 1], [0.0, 1]).statistic == 0)
        #expect(try KolmogorovSmirnov(sortedA: [-0.0, 1], sortedB: [0.0, 1]).statistic == 0)
    }

    /// Reference values from scipy 1.17.1, produced by
    ///   python3 -c "from scipy.stats import ks_2samp; print(ks_2samp(a, b), ks_2samp(a, b, method='asymp').pvalue)"
    /// for the samples below (the script is reproduced in each case's comment): `pValue` is the
    /// default (`method='auto'`, exact here since no sample exceeds 10,000 rows), `asymptotic`
    /// the `method='asymp'` one.
    struct ScipyCase {
        var name: String, a: [Double], b: [Double], statistic: Double, pValue: Double, asymptotic: Double, location: Double, sign: Int
    }

    static let scipyCases: [ScipyCase] = {
        // a = [((i * 37) % 101) / 10 for i in range(200)]; b = [((j * 53 + 11) % 97) / 10 + 0.3 for j in range(150)]
        let modularA = (0..<200).map { (i: Int) -> Double in Double((i * 37) % 101) / 10 }
        let modularB = (0..<150).map { (j: Int) -> Double in Double((j * 53 + 11) % 97) / 10 + 0.3 }
        // a = [((i * 7919) % 10007) / 10007 for i in range(5000)]
        // b = [((j * 104729 + 13) % 10009) / 10009 * 0.98 + 0.01 for j in range(3000)]
        let uniformA = (0..<5000).map { (i: Int) -> Double in Double((i * 7919) % 10007) / 10007 }
        let uniformB = (0..<3000).map { (j: Int) -> Double in
            let u: Double = Double((j * 104729 + 13) % 10009) / 10009
            return u * 0.98 + 0.01
        }
        // b = [(((j * 104729 + 13) % 10009) / 10009) ** 1.1 for j in range(3000)]
        let powerB = (0..<3000).map { (j: Int) -> Double in LibM.pow(Double((j * 104729 + 13) % 10009) / 10009, 1.1) }
        let tiesA: [Double] = [0, 0, 1, 1, 1, 2, 3, 3], tiesB: [Double] = [0, 1, 1, 2, 2, 2, 2, 4, 5]
        return [
            // scipy's location is 3.0: D = 1/3 is attained at 1, 2 and 3, and scipy's float
            // differences rank 1 - 2/3 = 0.33333333333333337 highest; exactly, 1 comes first.
            ScipyCase(name: "small", a: [1, 2, 3], b: [1.5, 2.5, 3.5], statistic: 0.33333333333333337,
                      pValue: 1.0, asymptotic: 0.9444444444444444, location: 1.0, sign: 1),
            ScipyCase(name: "ties", a: tiesA, b: tiesB, statistic: 0.2916666666666667,
                      pValue: 0.7600987248046072, asymptotic: 0.7961516203703702, location: 1.0, sign: 1),
            ScipyCase(name: "disjoint", a: [1, 2], b: [3, 4, 5], statistic: 1.0, pValue: 0.2, asymptotic: 0.0, location: 2.0, sign: 1),
            ScipyCase(name: "modular", a: modularA, b: modularB, statistic: 0.04999999999999999,
                      pValue: 0.9766144311167493, asymptotic: 0.9752732457828701, location: 1.4, sign: 1),
            ScipyCase(name: "uniform5000", a: uniformA, b: uniformB, statistic: 0.012399999999999967,
                      pValue: 0.9321650441342796, asymptotic: 0.931828971721887, location: 0.9802088120691378, sign: -1),
            ScipyCase(name: "power3000", a: uniformA, b: powerB, statistic: 0.03760000000000002,
                      pValue: 0.009737909629934116, asymptotic: 0.009710308614426424, location: 0.33982815255709, sign: -1),
        ]
    }()

    @Test("statistic, p-values, location and sign match scipy's ks_2samp (default and method='asymp')",
          arguments: 0..<6)
    func scipyReference(index: Int) throws {
        let c = Self.scipyCases[index]
        let test = try KolmogorovSmirnov(c.a, c.b)
        // scipy subtracts two rounded fractions (error up to about 2 ulps of 1); ours is the
        // exact fraction, correctly rounded.
        #expect(abs(test.statistic - c.statistic) <= 4e-16, "\(c.name)")
        #expect(test.statistic == Double(test.countDifference) / Double(c.a.count * c.b.count))
        #expect(test.pValueMethod == .exact)
        #expect(abs(test.pValue - c.pValue) <= 1e-14 * c.pValue, "\(c.name)")
        let asymptotic = try KolmogorovSmirnov.asymptoticPValue(statistic: test.statistic, n1: c.a.count, n2: c.b.count)
        #expect(abs(asymptotic - c.asymptotic) <= 1e-12 * max(c.asymptotic, 1e-300) + 1e-300, "\(c.name)")
        #expect(try KolmogorovSmirnov.exactPValue(statistic: test.statistic, n1: c.a.count, n2: c.b.count) == test.pValue)
        #expect(test.location == c.location, "\(c.name)")
        #expect(test.sign == c.sign, "\(c.name)")
    }

    /// scipy 1.17.1, `python3 -c "from scipy.stats import ks_2samp; r = ks_2samp(a, b); print(r.statistic, r.pvalue)"`
    /// with the samples in each comment; the p-values are exact (`method='auto'`).
    @Test("exact p-values for small samples match scipy's ks_2samp, to about 1e-15 relative")
    func exactPValues() throws {
        // a = [1, 2]; b = [3, 4]: D = 1, p = 2 / C(4, 2) = 1/3 (the asymptotic formula gives 0).
        let twoByTwo = try KolmogorovSmirnov([1, 2], [3, 4])
        #expect(twoByTwo.statistic == 1 && twoByTwo.pValue == 1.0 / 3)
        #expect(try KolmogorovSmirnov.asymptoticPValue(statistic: 1, n1: 2, n2: 2) == 0)
        let cases: [(a: [Double], b: [Double], statistic: Double, p: Double)] = [
            // a = [i/50 for i in range(50)]; b = [i/50 + 0.13 for i in range(50)]
            ((0..<50).map { Double($0) / 50 }, (0..<50).map { Double($0) / 50 + 0.13 }, 0.14, 0.7166468440414822),
            // a = [i/50 for i in range(50)]; b = [i/70 + 0.3 for i in range(70)]
            ((0..<50).map { Double($0) / 50 }, (0..<70).map { Double($0) / 70 + 0.3 }, 0.3171428571428571, 0.004288892835184804),
            // a = [i/300 for i in range(300)]; b = [i/200 + 0.5 for i in range(200)]
            ((0..<300).map { Double($0) / 300 }, (0..<200).map { Double($0) / 200 + 0.5 }, 0.5033333333333333, 3.8332752875486307e-28),
            // a = [i/1000 for i in range(1000)]; b = [i/1000 + 0.04 for i in range(1000)]
            ((0..<1000).map { Double($0) / 1000 }, (0..<1000).map { Double($0) / 1000 + 0.04 }, 0.041, 0.37012017606173),
        ]
        for c in cases {
            let test = try KolmogorovSmirnov(c.a, c.b)
            #expect(abs(test.statistic - c.statistic) <= 4e-16)
            #expect(abs(test.pValue - c.p) <= 1e-14 * c.p, "\(c.a.count) vs \(c.b.count): \(test.pValue) against \(c.p)")
        }
    }

    /// scipy 1.17.1: a = [((i * 7919) % 10007) / 10007 for i in range(10001)];
    /// b = [((j * 104729 + 13) % 10009) / 10009 + 0.02 for j in range(40)];
    /// `ks_2samp(a, b)` → (0.03353664633536646, 0.9999999988788482), the asymptotic value,
    /// because a sample exceeds 10,000 rows.
    @Test("above 10,000 rows in a sample the p-value is asymptotic, as scipy's default")
    func asymptoticAboveLimit() throws {
        let a = (0..<10_001).map { Double(($0 * 7919) % 10007) / 10007 }
        let b = (0..<40).map { Double(($0 * 104729 + 13) % 10009) / 10009 + 0.02 }
        let test = try KolmogorovSmirnov(a, b)
        #expect(test.pValueMethod == .asymptotic)
        #expect(abs(test.pValue - 0.9999999988788482) <= 1e-14)
        #expect(try KolmogorovSmirnov(Array(a.prefix(10_000)), b).pValueMethod == .exact)
    }

    @Test("the exact recursion is skipped above 2.5e7 steps, only where the p-value is astronomically small")
    func stepLimit() throws {
        let a = (0..<10_000).map { Double($0) / 10_000 }
        let far = try KolmogorovSmirnov(a, (0..<9_999).map { Double($0) / 9_999 + 0.9 })
        #expect(far.pValueMethod == .asymptotic && far.pValue < 1e-68)
        let near = try KolmogorovSmirnov(a, (0..<9_999).map { Double($0) / 9_999 + 0.05 })
        #expect(near.pValueMethod == .exact)
        #expect(SmirnovDistribution.steps(m: 9_999, n: 10_000, h: far.reducedCount) > KolmogorovSmirnov.exactStepLimit)
        #expect(SmirnovDistribution.steps(m: 300, n: 300, h: 5) == 300)
    }

    @Test("exact p-value: 1 at D = 0, 2/C(m+n, n) at D = 1, non-increasing, and errors for bad arguments")
    func exactPValueShape() throws {
        #expect(try KolmogorovSmirnov.exactPValue(statistic: 0, n1: 7, n2: 5) == 1)
        // C(12, 5) = 792 paths, two of them separate the samples.
        #expect(abs(try KolmogorovSmirnov.exactPValue(statistic: 1, n1: 7, n2: 5) - 2.0 / 792) <= 1e-17)
        var previous = 1.0
        for count in 0...35 {
            let p = try KolmogorovSmirnov.exactPValue(statistic: Double(count) / 35, n1: 7, n2: 5)
            #expect(p <= previous && p >= 0)
            previous = p
        }
        #expect(throws: FairCoreError.self) { try KolmogorovSmirnov.exactPValue(statistic: 0.5, n1: 0, n2: 5) }
        #expect(throws: FairCoreError.self) { try KolmogorovSmirnov.exactPValue(statistic: 0.5, n1: 1_000_003, n2: 1_000_033) }
    }

    @Test("the p-value is 1 at D = 0, decreases with D, and is 1 when n1 = n2 = 1")
    func pValueShape() throws {
        #expect(try KolmogorovSmirnov.asymptoticPValue(statistic: 0, n1: 50, n2: 70) == 1)
        #expect(try KolmogorovSmirnov.asymptoticPValue(statistic: 1, n1: 50, n2: 70) == 0)
        #expect(try KolmogorovSmirnov([1], [2]).pValue == 1)
        var previous = 1.0
        for step in 0...100 {
            let p = try KolmogorovSmirnov.asymptoticPValue(statistic: Double(step) / 100, n1: 300, n2: 200)
            #expect(p <= previous)
            previous = p
        }
    }

    @Test("noise floor: sqrt(pi/2) ln 2 sqrt(1/n1 + 1/n2), the mean of D under the null")
    func noiseFloor() throws {
        #expect(abs(KolmogorovSmirnov.meanOfKolmogorov - 0.868_731_160_636_159) < 1e-13)
        // METHOD.md: COMPAS test split (635 / 600) ≈ 0.050, folktables (≈ 5.5k / 6.2k) ≈ 0.016.
        #expect(abs(KolmogorovSmirnov.noiseFloor(n1: 635, n2: 600) - 0.0492) < 5e-4)
        #expect(abs(KolmogorovSmirnov.noiseFloor(n1: 5_500, n2: 6_200) - 0.0161) < 5e-4)
        #expect(KolmogorovSmirnov.noiseFloor(n1: 0, n2: 3).isNaN)
        // Monte Carlo: the average D between samples of one law is close to the floor.
        var rng = SeededGenerator(seed: 31)
        var total = 0.0
        let reps = 200
        for _ in 0..<reps {
            let a = (0..<1_000).map { _ in rng.nextNormal() }
            let b = (0..<1_500).map { _ in rng.nextNormal() }
            total += try KolmogorovSmirnov(a, b).statistic
        }
        let floor = KolmogorovSmirnov.noiseFloor(n1: 1_000, n2: 1_500)
        #expect(abs(total / Double(reps) - floor) < 0.06 * floor)
        #expect(try KolmogorovSmirnov([1, 2], [3]).noiseFloor == KolmogorovSmirnov.noiseFloor(n1: 2, n2: 1))
    }

    @Test("exceeds compares the exact fractions")
    func exactComparison() throws {
        let third = try KolmogorovSmirnov([1, 2, 3], [1.5, 2.5, 3.5])         // 3/9
        let alsoThird = try KolmogorovSmirnov([1, 2, 3, 4, 5, 6], [1.5, 2.5, 3.5, 4.5, 5.5, 6.5])  // 6/36
        #expect(third.exceeds(alsoThird))
        #expect(!alsoThird.exceeds(third))
        #expect(!third.exceeds(third))
    }

    // MARK: - Errors

    @Test("an empty sample is an error naming it")
    func emptyError() {
        #expect(throws: FairCoreError.emptyInput(what: "first sample")) { try KolmogorovSmirnov([], [1]) }
        #expect(throws: FairCoreError.emptyInput(what: "second sample")) { try KolmogorovSmirnov(sortedA: [1], sortedB: []) }
        #expect(FairCoreError.emptyInput(what: "first sample").description.contains("pass at least one value"))
    }

    @Test("a NaN or infinite value is an error naming the sample and row")
    func nonFiniteError() {
        #expect(throws: FairCoreError.nonFiniteValue(what: "second sample", row: 2, value: .infinity)) {
            try KolmogorovSmirnov([1], [0, 1, .infinity])
        }
        // NaN != NaN, so match the case instead of comparing errors.
        let error = #expect(throws: FairCoreError.self) { try KolmogorovSmirnov([0, .nan], [1]) }
        guard case let .nonFiniteValue(what, row, value)? = error else {
            Issue.record("expected nonFiniteValue, got \(String(describing: error))")
            return
        }
        #expect(what == "first sample" && row == 1 && value.isNaN)
        #expect(error!.description.contains("row 1") && error!.description.contains("Remove or impute"))
    }

    @Test("an unsorted sample given as sorted is an error naming the row")
    func notSortedError() {
        let error = FairCoreError.notSorted(what: "first sample", row: 2, value: 1, previous: 3)
        #expect(throws: error) { try KolmogorovSmirnov(sortedA: [0, 3, 1], sortedB: [1]) }
        #expect(error.description.contains("row 2") && error.description.contains("Sort it first"))
    }

    @Test("p-value parameters outside their range are errors")
    func pValueErrors() {
        #expect(throws: FairCoreError.invalidParameter(name: "sample sizes", value: "(0, 5)",
                                                       allowed: "both sizes must be at least 1")) {
            try KolmogorovSmirnov.asymptoticPValue(statistic: 0.1, n1: 0, n2: 5)
        }
        let error = FairCoreError.invalidParameter(name: "statistic", value: "1.5", allowed: "a KS statistic lies in [0, 1]")
        #expect(throws: error) { try KolmogorovSmirnov.asymptoticPValue(statistic: 1.5, n1: 3, n2: 5) }
        #expect(error.description == "statistic = 1.5 is not allowed: a KS statistic lies in [0, 1].")
    }
}
