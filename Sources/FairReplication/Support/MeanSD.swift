import Foundation

/// Mean and sample standard deviation of per-seed values.
///
/// ## Mathematical properties
/// - `sd` uses the divisor n − 1 (the sample SD over seeds, the convention every replication table
///   states); 0 for a single value.
/// - `standardError = sd / sqrt(n)`: the standard error of the mean over seeds (0 for one value).
public struct MeanSD: Sendable, Hashable, Codable {
    public let mean: Double
    public let sd: Double
    /// Number of values.
    public let count: Int

    public init(_ values: [Double]) {
        let n = Double(values.count)
        let m = values.reduce(0, +) / max(n, 1)
        mean = m
        sd = values.count < 2 ? 0 : (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
        count = values.count
    }

    public var standardError: Double { count < 1 ? .nan : sd / Double(count).squareRoot() }

    /// `0.739 ± 0.010` with `digits` decimals.
    public func text(_ digits: Int = 3) -> String { "\(Fixed.format(mean, digits)) ± \(Fixed.format(sd, digits))" }
    /// `[mean, sd]` for JSON.
    public var json: [Double] { [mean, sd] }
}

/// Number formatting of the reports (C `printf` conventions, locale-independent on Linux).
enum Fixed {
    /// `x` rounded to `digits` decimals, as C's `%.Nf` (correctly rounded; `nan`, `inf` spelled out).
    static func format(_ x: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", x)
    }

    /// A p-value: 3 significant digits down to 0.001, then `< 1e-N`-style scientific text.
    static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "nan" }
        if p >= 0.001 { return format(p, 3) }
        if p <= 0 { return "0" }
        var exponent = 0
        var m = p
        while m < 1 { m *= 10; exponent += 1 }
        return "\(format(m, 1))e-\(exponent)"
    }

    /// `25%` for 0.25.
    static func percent(_ f: Double) -> String {
        let p = f * 100
        return (p == p.rounded() ? String(Int(p)) : format(p, 1)) + "%"
    }
}

extension Fixed {
    /// `%g` (shortest of fixed and scientific, 6 significant digits): `1`, `0.001`, `1e-05`.
    static func compact(_ x: Double) -> String { String(format: "%g", x) }
}
