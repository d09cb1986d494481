/// A probability law with finitely many atoms: strictly increasing `values` with positive
/// `masses`.
///
/// ## Mathematical properties
/// - `values` are strictly increasing and finite; `masses` are positive and sum to 1 up to
///   one rounding per atom (they come from widths of quantile segments).
/// - CDF `F(y) = Σ_{values[i] <= y} masses[i]` (right-continuous); mean `Σ masses[i] values[i]`.
public struct DiscreteLaw: Sendable, Hashable, Codable {
    /// Atom locations, strictly increasing.
    public let values: [Double]
    /// Atom masses, positive, parallel to `values`.
    public let masses: [Double]

    /// Wraps atoms the caller guarantees to be valid (sorted, positive masses).
    init(trustedValues values: [Double], masses: [Double]) {
        self.values = values
        self.masses = masses
    }

    /// Number of atoms.
    public var count: Int { values.count }

    /// Total mass (1 up to rounding).
    public var totalMass: Double { ProbabilityWeights.compensatedSum(masses) }

    /// The mean `Σ masses[i] * values[i]`.
    public var mean: Double {
        var terms = [Double](repeating: 0, count: values.count)
        for i in 0..<values.count { terms[i] = masses[i] * values[i] }
        return ProbabilityWeights.compensatedSum(terms)
    }

    /// The right-continuous CDF `Σ_{values[i] <= y} masses[i]`; NaN for a NaN query.
    public func cdf(_ y: Double) -> Double {
        if y.isNaN { return .nan }
        let r = values.withUnsafeBufferPointer { EmpiricalDistribution.upperBound($0, y) }
        return ProbabilityWeights.compensatedSum(Array(masses[0..<r]))
    }
}
