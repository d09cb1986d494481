/// The weighted Wasserstein-2 barycenter of k empirical distributions on the real line.
///
/// In one dimension the barycenter `ν*` of `ν_1 ... ν_k` with weights `w_s` is the law whose
/// quantile function is `Q*(v) = Σ_s w_s Q_s(v)` (METHOD.md §2.8, §6.2). For empirical laws
/// every `Q_s` is a step function, so `Q*` is a step function on the merged quantile grid
/// (`QuantileGrid`) and every quantity below is an exact finite sum.
///
/// ## Mathematical properties
/// - **Quantile.** `quantile(v) = Σ_s w_s Q_s(v)` with each `Q_s` the generalized inverse
///   `z_(ceil(v n_s))`, `Q_s(0) = z_(1)` (see `EmpiricalDistribution`). Non-decreasing in `v`.
/// - **Law.** `law()` has one atom per segment `(v_prev, v_next]` of the merged grid, at
///   `Σ_s w_s z_s(i_s)` with mass `v_next - v_prev`; consecutive equal atoms are merged.
/// - **Mean.** `Σ_s w_s mean(ν_s)` (integrate the quantile identity over `v`); equal to the
///   mean of `law()` up to rounding.
/// - **Cost.** `cost() = Σ_s w_s W2²(ν_s, ν*) = Σ_s w_s ∫ (Q_s - Q*)² dv`, exact on the grid:
///   the minimum of `ν ↦ Σ_s w_s W2²(ν_s, ν)`.
/// - **Weights.** Finite, `>= 0`, summing to 1 within 1e-9 (checked).
/// - **No overflow.** Distances are computed in a scaled form when values exceed ±2^510 (see
///   `Wasserstein`); `distancesToComponents()` and `rootCost()` are finite whenever the
///   distances are, the squared forms +inf only when the square is beyond the largest Double.
public struct Barycenter: Sendable, Hashable {
    /// The distributions averaged.
    public let components: [EmpiricalDistribution]
    /// One weight per component.
    public let weights: [Double]

    /// - Throws: `FairCoreError.emptyInput` for no components, `.lengthMismatch` when the
    ///   counts differ, `.invalidWeights` for a negative or non-finite weight or a sum other
    ///   than 1.
    public init(_ components: [EmpiricalDistribution], weights: [Double]) throws(FairCoreError) {
        if components.isEmpty { throw .emptyInput(what: "barycenter components") }
        try ProbabilityWeights.validate(weights, names: components.indices.map { "component \($0)" })
        self.components = components
        self.weights = weights
    }

    /// Wraps components and weights the caller has already validated.
    init(trustedComponents components: [EmpiricalDistribution], weights: [Double]) {
        self.components = components
        self.weights = weights
    }

    /// `Σ_s w_s Q_s(v)`.
    /// - Throws: `FairCoreError.invalidParameter` when `level` is not in [0, 1].
    public func quantile(_ level: Double) throws(FairCoreError) -> Double {
        var sum = 0.0
        for (s, component) in components.enumerated() {
            sum += weights[s] * (try component.quantile(level))
        }
        return sum
    }

    /// `Σ_s w_s mean(ν_s)`.
    public var mean: Double {
        ProbabilityWeights.compensatedSum(components.indices.map { weights[$0] * components[$0].mean })
    }

    /// The barycenter as a discrete law over the merged quantile grid.
    public func law() -> DiscreteLaw {
        var values: [Double] = []
        var masses: [Double] = []
        let w = weights
        QuantileGrid.forEachSegment(components.map(\.sortedValues)) { width, indices in
            let value = Self.average(indices, w, components)
            if let last = values.last, last == value {
                masses[masses.count - 1] += width
            } else {
                values.append(value)
                masses.append(width)
            }
        }
        return DiscreteLaw(trustedValues: values, masses: masses)
    }

    /// `W2²(ν_s, ν*)` for every component `s`, exact over the merged grid; +inf for a distance
    /// whose square is beyond the largest Double.
    public func squaredDistancesToComponents() -> [Double] {
        let (values, e) = scaledSquaredDistances()
        return values.map { Double(sign: .plus, exponent: 2 * e, significand: $0) }
    }

    /// `W2(ν_s, ν*)` for every component `s`: finite whenever the distance is, even where its
    /// square is not (values beyond ±1e154).
    public func distancesToComponents() -> [Double] {
        let (values, e) = scaledSquaredDistances()
        return values.map { Double(sign: .plus, exponent: e, significand: $0.squareRoot()) }
    }

    /// `Σ_s w_s W2²(ν_s, ν*)`: the barycenter's cost, the least mean squared change of any
    /// map that makes the components equal in law (METHOD.md §6.4); +inf when it is beyond
    /// the largest Double.
    public func cost() -> Double {
        let (values, e) = scaledSquaredDistances()
        return Double(sign: .plus, exponent: 2 * e, significand: weightedTotal(values))
    }

    /// `sqrt(cost())`, computed in the scaled form: finite whenever it is.
    public func rootCost() -> Double {
        let (values, e) = scaledSquaredDistances()
        return Double(sign: .plus, exponent: e, significand: weightedTotal(values).squareRoot())
    }

    private func weightedTotal(_ squared: [Double]) -> Double {
        ProbabilityWeights.compensatedSum(squared.indices.map { weights[$0] * squared[$0] })
    }

    /// The squared distances of the components divided by `2^e`, `2^e` chosen so that no
    /// difference or square overflows (`e = 0`, no scaling, unless a value exceeds 2^510; see
    /// `Wasserstein`).
    private func scaledSquaredDistances() -> (values: [Double], exponent: Int) {
        let largest = components.map { max(abs($0.minimum), abs($0.maximum)) }.max() ?? 0
        let e = Wasserstein.scaleExponent(largest, limit: 510)
        let parts = e == 0 ? components
            : components.map { EmpiricalDistribution(trustedSorted: Wasserstein.scaled($0.sortedValues, e)) }
        var result = [Double](repeating: 0, count: parts.count)
        let w = weights
        QuantileGrid.forEachSegment(parts.map(\.sortedValues)) { width, indices in
            let center = Self.average(indices, w, parts)
            for s in 0..<parts.count {
                let d = parts[s].sortedValues[indices[s]] - center
                result[s] += width * d * d
            }
        }
        return (result, e)
    }

    private static func average(_ indices: UnsafeBufferPointer<Int>, _ w: [Double], _ components: [EmpiricalDistribution]) -> Double {
        var sum = 0.0
        for s in 0..<components.count { sum += w[s] * components[s].sortedValues[indices[s]] }
        return sum
    }
}
