import FairSupport

/// The null distribution of the one-sample, two-sided Kolmogorov–Smirnov statistic
/// `D_n = sup_x |F_n(x) − F(x)|` of `n` independent draws from a continuous law (scipy's
/// `kstwo`), and its limit, the Kolmogorov distribution of `sqrt(n) D_n` (scipy's `kstwobign`).
///
/// FairMTL uses it for the asymptotic p-value of the two-sample test (see
/// `KolmogorovSmirnov.asymptoticPValue`), exactly as scipy's `ks_2samp(method='asymp')` does;
/// `KolmogorovSmirnov.pValue` uses it above 10,000 rows a sample (below, `SmirnovDistribution`).
///
/// ## Mathematical properties
/// - `survival(d, sampleSize: n) = P(D_n ≥ d)`; it is 1 for `d ≤ 1/(2n)` and 0 for `d ≥ 1`, and
///   non-increasing in `d`. (`D_n` has a continuous law, so `≥` and `>` agree.)
/// - The method follows Simard & L'Ecuyer (2011), with the same choice of algorithm per
///   region as scipy 1.17 (`scipy.stats._ksstats._kolmogn`):
///   - Ruben–Gambino closed forms for `n d ≤ 1` and `n d ≥ n − 1`;
///   - `2 P(D_n⁺ ≥ d)` with the exact one-sided Smirnov–Birnbaum–Tingey sum when `d ≥ 1/2`
///     (the two one-sided events are then disjoint) and in the upper tail (`n d² > 4` for
///     `n ≤ 140`; `2.2 ≤ n d² < 370` for larger `n`); 0 for `n d² ≥ 370` when `n > 140`;
///   - the Durbin matrix algorithm in the form of Marsaglia, Tsang & Wang (2003), exact, for
///     `n ≤ 140, n d² ≤ 4` and for `n ≤ 10⁵, n d^{3/2} ≤ 1.4` (scipy uses Pomeranz's exact
///     recursion for `n ≤ 140, 0.754693 < n d² ≤ 4`; both are exact, so they agree to rounding);
///   - the Pelz–Good asymptotic series otherwise (accurate to about 1e-10 there).
/// - Like scipy, for `n > 10⁶` the one-sided tail uses the approximation
///   `P(D_n⁺ ≥ d) ≈ exp(−(6 n d + 1)² / (18 n))`.
/// - The one-sided sum is evaluated in log space with Stirling's series for the binomial
///   coefficients (no overflow); it agrees with scipy's double-double evaluation to about 1e-12
///   relative.
public enum KolmogorovDistribution {
    /// `P(D_n ≥ d)` for the one-sample two-sided statistic of `n` draws.
    /// - Throws: `FairCoreError.invalidParameter` when `n < 1` or `d` is NaN.
    public static func survival(_ d: Double, sampleSize n: Int) throws(FairCoreError) -> Double {
        if n < 1 { throw .invalidParameter(name: "sampleSize", value: "\(n)", allowed: "use a sample size of at least 1") }
        if d.isNaN { throw .invalidParameter(name: "statistic", value: "nan", allowed: "pass a number in [0, 1]") }
        return survivalUnchecked(d, n)
    }

    /// `P(K ≥ x)` for the Kolmogorov distribution `K`, the limit of `sqrt(n) D_n`:
    /// `Q(x) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²x²}` (for small `x` the equivalent theta-function
    /// form `1 − (sqrt(2π)/x) Σ_{k≥1} e^{−(2k−1)²π²/(8x²)}` is summed instead).
    public static func limitingSurvival(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0.04 { return 1 }
        if x < 1 {
            let factor = (2 * Double.pi).squareRoot() / x
            var sum = 0.0
            for k in stride(from: 6, through: 1, by: -1) {
                let m = Double(2 * k - 1)
                sum += LibM.exp(-m * m * Double.pi * Double.pi / (8 * x * x))
            }
            return min(1, max(0, 1 - factor * sum))
        }
        var sum = 0.0
        for k in stride(from: 8, through: 1, by: -1) {
            let term = LibM.exp(-2 * Double(k * k) * x * x)
            sum += k % 2 == 1 ? term : -term
        }
        return min(1, max(0, 2 * sum))
    }

    // MARK: - Region selection (Simard & L'Ecuyer; scipy's `_kolmogn`)

    static func survivalUnchecked(_ d: Double, _ n: Int) -> Double {
        if d >= 1 { return 0 }
        if d <= 0 { return 1 }
        let nD = Double(n)
        let t = nD * d
        if t <= 1 {
            if t <= 0.5 { return 1 }
            return clamp(1 - rubenGambinoLowerCDF(n, t))
        }
        if t >= nD - 1 { return clamp(2 * LibM.pow(1 - d, nD)) }
        if d >= 0.5 { return clamp(2 * smirnovSurvival(n, d)) }
        let ndSquared = t * d
        if n <= 140 {
            if ndSquared <= 4 { return clamp(1 - durbinCDF(n, d)) }
            return clamp(2 * smirnovSurvival(n, d))
        }
        if ndSquared >= 370 { return 0 }
        if ndSquared >= 2.2 { return clamp(2 * smirnovSurvival(n, d)) }
        if n <= 100_000 && nD * LibM.pow(d, 1.5) <= 1.4 { return clamp(1 - durbinCDF(n, d)) }
        return clamp(1 - pelzGoodCDF(n, d))
    }

    @inline(__always)
    static func clamp(_ p: Double) -> Double { min(1, max(0, p)) }

    // MARK: - Ruben–Gambino: P(D_n ≤ d) = n!/nⁿ (2nd − 1)ⁿ for 1/(2n) ≤ d ≤ 1/n

    static func rubenGambinoLowerCDF(_ n: Int, _ t: Double) -> Double {
        let base = 2 * t - 1
        if n <= 140 {
            var product = 1.0
            let inverse = 1.0 / Double(n)
            for i in 1...n { product *= Double(i) * inverse * base }
            return product
        }
        return LibM.exp(logFactorialOverPower(n) + Double(n) * LibM.log(base))
    }

    /// `log(n! / nⁿ) = ½ log(2πn) − n + δ(n)` (Stirling, no cancellation of `n log n`).
    static func logFactorialOverPower(_ n: Int) -> Double {
        let nD = Double(n)
        return 0.5 * LibM.log(2 * Double.pi * nD) - nD + stirlingRemainder(n)
    }

    // MARK: - Durbin matrix (Marsaglia, Tsang & Wang 2003): exact P(D_n < d)

    static func durbinCDF(_ n: Int, _ d: Double) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        // H[i][j] = 1/(i − j + 1)! for i − j + 1 ≥ 0; first column and last row corrected by h.
        var matrix = [Double](repeating: 0, count: m * m)
        var inverseFactorial = [Double](repeating: 1, count: m + 1)
        for j in 1...m { inverseFactorial[j] = inverseFactorial[j - 1] / Double(j) }
        for i in 0..<m {
            for j in 0..<m where i - j + 1 >= 0 { matrix[i * m + j] = inverseFactorial[i - j + 1] }
        }
        var hPower = 1.0
        for i in 0..<m {
            hPower *= h  // h^(i+1)
            matrix[i * m] -= hPower * inverseFactorial[i + 1]
            matrix[(m - 1) * m + (m - 1 - i)] -= hPower * inverseFactorial[i + 1]
        }
        // The corner was corrected twice (−2 h^m / m!); add back (2h − 1)^m / m! when 2h > 1.
        if 2 * h - 1 > 0 { matrix[(m - 1) * m] += LibM.pow(2 * h - 1, Double(m)) * inverseFactorial[m] }

        // H^n by repeated squaring; both factors are kept near 1 by exact power-of-two scaling.
        var result = [Double](repeating: 0, count: m * m)
        for i in 0..<m { result[i * m + i] = 1 }
        var resultExponent = 0, baseExponent = 0
        var base = matrix
        var scratch = [Double](repeating: 0, count: m * m)
        var remaining = n
        while remaining > 0 {
            if remaining & 1 == 1 {
                multiply(result, base, into: &scratch, m)
                swap(&result, &scratch)
                resultExponent += baseExponent + rescale(&result)
            }
            remaining >>= 1
            if remaining > 0 {
                multiply(base, base, into: &scratch, m)
                swap(&base, &scratch)
                baseExponent = 2 * baseExponent + rescale(&base)
            }
        }
        // Multiply the (k, k) entry by n!/nⁿ, keeping it in range.
        var p = result[(k - 1) * m + (k - 1)]
        var exponent = resultExponent
        let nD = Double(n)
        for i in 1...n {
            p = Double(i) * p / nD
            if abs(p) < 0x1p-128 {
                p *= 0x1p128
                exponent -= 128
            }
        }
        return Double(sign: .plus, exponent: exponent, significand: p)
    }

    /// `c = a · b` for `m × m` row-major matrices.
    static func multiply(_ a: [Double], _ b: [Double], into c: inout [Double], _ m: Int) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    for i in 0..<(m * m) { c[i] = 0 }
                    for i in 0..<m {
                        for l in 0..<m {
                            let factor = a[i * m + l]
                            if factor == 0 { continue }
                            for j in 0..<m { c[i * m + j] += factor * b[l * m + j] }
                        }
                    }
                }
            }
        }
    }

    /// Scales `matrix` by a power of two so that its largest entry lies in [1, 2); returns the
    /// exponent `e` such that the original equals `2^e` times the scaled matrix.
    static func rescale(_ matrix: inout [Double]) -> Int {
        var largest = 0.0
        for x in matrix { largest = max(largest, abs(x)) }
        if largest == 0 || !largest.isFinite { return 0 }
        let e = Int(largest.exponent)
        if e == 0 { return 0 }
        let factor = Double(sign: .plus, exponent: -e, significand: 1)
        for i in matrix.indices { matrix[i] *= factor }
        return e
    }

    // MARK: - Pelz–Good asymptotic series for P(D_n ≤ d)

    static func pelzGoodCDF(_ n: Int, _ d: Double) -> Double {
        if d <= 0 { return 0 }
        if d >= 1 { return 1 }
        let pi2 = Double.pi * Double.pi, pi4 = pi2 * pi2, pi6 = pi4 * pi2
        let sqrt2pi = (2 * Double.pi).squareRoot()
        let z = Double(n).squareRoot() * d
        let z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2
        let qLog = -pi2 / 8 / z2
        if qLog < -708 { return 0 }
        let q = LibM.exp(qLog)
        // Coefficients of the sums over odd m = 2k − 1 of c(m) q^(m²) for K0..K3.
        let k1a = -z2, k1b = pi2 / 4
        let k2a = 6 * z6 + 2 * z4, k2b = (2 * z4 - 5 * z2) * pi2 / 4, k2c = pi4 * (1 - 2 * z2) / 16
        let k3d = pi6 * (5 - 30 * z2) / 64
        let k3c = pi4 * (-60 * z2 + 212 * z4) / 16
        let k3b = pi2 * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * z4 * z4
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        let maxK = Int((16 * z / Double.pi).rounded(.up))
        for k in stride(from: maxK, through: 1, by: -1) {
            // Horner in q^(8k) = q^((2k+1)² − (2k−1)²).
            let m = Double(2 * k - 1)
            let m2 = m * m, m4 = m2 * m2, m6 = m4 * m2
            let qPower = LibM.pow(q, Double(8 * k))
            s0 = s0 * qPower + 1
            s1 = s1 * qPower + (k1a + k1b * m2)
            s2 = s2 * qPower + (k2a + k2b * m2 + k2c * m4)
            s3 = s3 * qPower + (k3a + k3b * m2 + k3c * m4 + k3d * m6)
        }
        s0 *= q * sqrt2pi / z
        s1 *= q * sqrt2pi / (6 * z4)
        s2 *= q * sqrt2pi / (72 * z4 * z3)
        s3 *= q * sqrt2pi / (6480 * z6 * z4)
        // The sums over all integers k of the K2 and K3 corrections.
        let r = LibM.exp(-pi2 / 2 / z2)
        var extra2 = 0.0, extra3 = 0.0
        for k in stride(from: maxK, through: 1, by: -1) {
            let kD = Double(k)
            let weight = kD * kD * LibM.pow(r, kD * kD)
            extra2 += weight
            extra3 += (3 * z2 - pi2 * kD * kD) * weight
        }
        s2 += extra2 * pi2 * sqrt2pi / (-36 * z3)
        s3 += extra3 * pi2 * sqrt2pi / (216 * z6)
        let rootN = Double(n).squareRoot()
        return s0 + s1 / rootN + s2 / Double(n) + s3 / (Double(n) * rootN)
    }

    // MARK: - One-sided Smirnov: P(D_n⁺ ≥ d)

    /// `P(D_n⁺ ≥ d) = d Σ_{v=0}^{⌊n(1−d)⌋} C(n, v) (d + v/n)^{v−1} (1 − d − v/n)^{n−v}`
    /// (Smirnov 1944; Birnbaum & Tingey 1951), summed in log space.
    static func smirnovSurvival(_ n: Int, _ d: Double) -> Double {
        if d >= 1 { return 0 }
        if d <= 0 { return 1 }
        if n == 1 { return 1 - d }
        let nD = Double(n)
        if -2 * nD * d * d < -745.1332191019412 { return 0 }
        // n d = floor + alpha, exactly (two-product with a fused multiply-add).
        let high = nD * d
        let low = (-high).addingProduct(nD, d)  // fma(n, d, −high): the rounding error of n·d
        var floorPart = high.rounded(.down)
        var alpha = (high - floorPart) + low
        if alpha < 0 { floorPart -= 1; alpha += 1 }
        if alpha >= 1 { floorPart += 1; alpha -= 1 }
        let nxFloor = Int(floorPart)
        if nxFloor >= n - 1 { return LibM.pow(1 - d, nD) }
        if n > 1_000_000 { return LibM.exp(-(6 * nD * d + 1) * (6 * nD * d + 1) / 18 / nD) }

        let y = Double(nxFloor) + alpha  // n d
        let lastTerm = n - nxFloor - 1   // the largest v with 1 − d − v/n > 0
        let termCount = lastTerm + 1
        let deltaN = stirlingRemainder(n)
        // Running log-sum-exp: total = exp(scale) * sum.
        var scale = -LibM.log(d) + nD * log1p(-d)  // v = 0: (1 − d)^n / d
        var sum = 1.0
        if lastTerm >= 1 {
            for v in 1...lastTerm {
                let vD = Double(v), restD = Double(n - v)
                let logBinomialRest = deltaN - stirlingRemainder(v) - stirlingRemainder(n - v)
                    - 0.5 * LibM.log(2 * Double.pi * vD * (restD / nD))
                let upperRatio = (Double(n - v - nxFloor) - alpha) / restD  // (1 − d − v/n)/(1 − v/n)
                let logUpper = upperRatio < 0.5 ? LibM.log(upperRatio) : log1p(-y / restD)
                let logTerm = logBinomialRest + vD * log1p(y / vD) + restD * logUpper
                    - LibM.log((Double(v + nxFloor) + alpha) / nD)
                let relative: Double
                if logTerm > scale {
                    sum = sum * LibM.exp(scale - logTerm) + 1
                    scale = logTerm
                    relative = 1
                } else {
                    relative = LibM.exp(logTerm - scale)
                    sum += relative
                }
                // Stop once the remaining terms cannot matter (scipy's rule).
                if v != termCount - 1 && 4 * Double(termCount - v) * relative < Double.ulpOfOne * sum { break }
            }
        }
        return LibM.exp(LibM.log(d) + scale + LibM.log(sum))
    }

    // MARK: - Helpers

    /// `log(1 + x)` accurate for small `x` (Goldberg's correction of `log(1 + x)`).
    @inline(__always)
    static func log1p(_ x: Double) -> Double {
        let u = 1 + x
        if u == 1 { return x }
        return LibM.log(u) * x / (u - 1)
    }

    /// `δ(k) = log k! − (k log k − k + ½ log(2πk))`, the remainder of Stirling's formula, for `k ≥ 1`.
    static func stirlingRemainder(_ k: Int) -> Double {
        if k < smallRemainders.count { return smallRemainders[k] }
        let x = Double(k)
        let x2 = x * x
        // 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹); error < 1e-17 for x ≥ 20.
        return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - 1.0 / 1188 / x2) / x2) / x2) / x2) / x
    }

    /// `δ(k)` for `k < 20` from `log k!` summed directly.
    static let smallRemainders: [Double] = {
        var table = [Double](repeating: 0, count: 20)
        var logFactorial = 0.0
        for k in 1..<20 {
            let x = Double(k)
            logFactorial += LibM.log(x)
            table[k] = logFactorial - (x * LibM.log(x) - x + 0.5 * LibM.log(2 * Double.pi * x))
        }
        return table
    }()
}
