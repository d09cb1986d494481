import Foundation

/// Group-wise Gaussian laws of a score, `f | S = s ~ N(m_s, σ_s²)` with weights `π_s`, and their
/// Wasserstein-2 barycenter in closed form (METHOD.md §6.3). This is the ground truth of the
/// synthetic data: the lessons' theorem checks compare the fitted repair with it.
///
/// ## Mathematical properties
/// - Barycenter: `N(m̄, σ̄²)` with `m̄ = Σ π_s m_s` and `σ̄ = Σ π_s σ_s` (quantile functions average).
/// - Optimal fair map of group s: `g(f, s) = m̄ + σ̄ (f − m_s) / σ_s` (monotone, so ranks within a
///   group are kept).
/// - `W₂²(N(m, σ²), N(m', σ'²)) = (m − m')² + (σ − σ')²`.
/// - Risk of the repair: `E(f − g)² = Σ π_s W₂²(ν_s, ν*) = Σ π_s [(m_s − m̄)² + (σ_s − σ̄)²]`.
/// - METHOD.md §7.0's toy model (π = (0.3, 0.7), m = (−1, 0.5), σ = (0.5, 1.5)) gives m̄ = 0.05,
///   σ̄ = 1.2 and a risk of 0.6825.
public struct GaussianGroupLaws: Sendable, Hashable, Codable {
    /// The law of one group.
    public struct Law: Sendable, Hashable, Codable {
        /// The group's name.
        public let group: String
        /// Its weight π_s.
        public let proportion: Double
        /// Its mean m_s.
        public let mean: Double
        /// Its standard deviation σ_s (> 0).
        public let standardDeviation: Double

        public init(group: String, proportion: Double, mean: Double, standardDeviation: Double) {
            self.group = group
            self.proportion = proportion
            self.mean = mean
            self.standardDeviation = standardDeviation
        }
    }

    /// One law per group.
    public let laws: [Law]

    /// - Throws: `invalidParameter` when there are fewer than 2 groups, a name repeats, a weight
    ///   is not positive or the weights do not sum to 1 (within 1e-9), or an SD is not positive.
    public init(laws: [Law]) throws {
        if laws.count < 2 {
            throw FairDataError.invalidParameter(name: "groups", value: "\(laws.count)", allowed: "at least 2 groups")
        }
        if Set(laws.map(\.group)).count != laws.count || laws.contains(where: { $0.group.isEmpty }) {
            throw FairDataError.invalidParameter(name: "group names", value: "\(laws.map(\.group))", allowed: "distinct, non-empty names")
        }
        for law in laws {
            if !(law.proportion > 0 && law.proportion.isFinite) {
                throw FairDataError.invalidParameter(name: "proportion of \(law.group)", value: "\(law.proportion)", allowed: "a positive weight")
            }
            if !(law.standardDeviation > 0 && law.standardDeviation.isFinite) || !law.mean.isFinite {
                throw FairDataError.invalidParameter(
                    name: "law of \(law.group)", value: "mean \(law.mean), sd \(law.standardDeviation)", allowed: "a finite mean and a positive SD")
            }
        }
        let total = laws.reduce(0) { $0 + $1.proportion }
        if abs(total - 1) > 1e-9 {
            throw FairDataError.invalidParameter(name: "group proportions", value: "sum \(total)", allowed: "proportions summing to 1")
        }
        self.laws = laws
    }

    /// `m̄ = Σ π_s m_s`, the barycenter's mean.
    public var barycenterMean: Double { laws.reduce(0) { $0 + $1.proportion * $1.mean } }

    /// `σ̄ = Σ π_s σ_s`, the barycenter's standard deviation.
    public var barycenterStandardDeviation: Double { laws.reduce(0) { $0 + $1.proportion * $1.standardDeviation } }

    /// `Σ π_s [(m_s − m̄)² + (σ_s − σ̄)²]`: the mean squared change made by the optimal fair map.
    public var repairRisk: Double {
        let mean = barycenterMean
        let sd = barycenterStandardDeviation
        return laws.reduce(0) { $0 + $1.proportion * Self.w2Squared(mean: $1.mean, sd: $1.standardDeviation, mean, sd) }
    }

    /// `W₂²(N(m, σ²), N(m', σ'²)) = (m − m')² + (σ − σ')²`.
    public static func w2Squared(mean: Double, sd: Double, _ otherMean: Double, _ otherSD: Double) -> Double {
        (mean - otherMean) * (mean - otherMean) + (sd - otherSD) * (sd - otherSD)
    }

    /// The optimal fair value of score `score` in group `group`: `m̄ + σ̄ (f − m_s) / σ_s`.
    /// - Throws: `invalidParameter` for an unknown group.
    public func fairValue(_ score: Double, group: String) throws -> Double {
        let law = try self.law(of: group)
        return barycenterMean + barycenterStandardDeviation * (score - law.mean) / law.standardDeviation
    }

    /// The CDF of group `group` at `x`: `Φ((x − m_s) / σ_s)`.
    public func cdf(_ x: Double, group: String) throws -> Double {
        let law = try self.law(of: group)
        return 0.5 * erfc(-(x - law.mean) / (law.standardDeviation * 2.0.squareRoot()))
    }

    /// The law of `group`.
    public func law(of group: String) throws -> Law {
        guard let law = laws.first(where: { $0.group == group }) else {
            throw FairDataError.invalidParameter(name: "group", value: group, allowed: "one of \(laws.map(\.group))")
        }
        return law
    }
}
