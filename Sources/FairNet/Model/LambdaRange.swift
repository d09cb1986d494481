import FairSupport
import Foundation

/// The training distribution of one task weight λ_t in a YOTO-conditioned network.
///
/// ## Mathematical properties
/// - `uniform`: λ = low + (high − low)·u with u uniform on [0, 1) (53-bit grid), so λ ∈ [low, high).
/// - `logUniform`: log λ uniform on [log low, log high): λ = low·(high/low)^u; needs low > 0.
/// - `low == high` gives a fixed weight.
/// - The conditioning network does not see λ itself but its position in the range,
///   `normalized(λ) = 2·(x − x_low)/(x_high − x_low) − 1` with x = λ (uniform) or x = log λ
///   (log-uniform), which maps the range onto [−1, 1]; it is 0 for a fixed weight, whatever λ is
///   given at prediction (the network never saw that weight vary). A λ outside the
///   range is allowed at prediction time (it maps outside [−1, 1]: the network extrapolates).
public struct LambdaRange: Sendable, Codable, Hashable {
    /// How λ is spread over the range.
    public enum Distribution: String, Sendable, Codable, CaseIterable {
        case uniform
        case logUniform
    }

    public let low: Double
    public let high: Double
    public let distribution: Distribution

    /// A range `[low, high]`; validated when the architecture is validated.
    public init(_ low: Double, _ high: Double, _ distribution: Distribution = .uniform) {
        self.low = low
        self.high = high
        self.distribution = distribution
    }

    /// A fixed weight.
    public static func fixed(_ value: Double) -> LambdaRange { LambdaRange(value, value) }

    /// Problem with this range, or nil when it is usable.
    func problem() -> String? {
        guard low.isFinite, high.isFinite else { return "bounds must be finite (got [\(low), \(high)])" }
        guard low >= 0 else { return "weights must be non-negative (got low = \(low))" }
        guard low <= high else { return "low must not exceed high (got [\(low), \(high)])" }
        if distribution == .logUniform, low <= 0 { return "a log-uniform range needs low > 0 (got \(low))" }
        return nil
    }

    /// Draws one λ vector per row (YOTO training), in row order, one uniform `u` per task:
    /// `lambdas[r · stride + t]` is the weight at `u` of task `t`'s range, and
    /// `inputs[r · stride + t]` its conditioning input, the position in the range, 2u − 1 (0 for
    /// a fixed weight).
    static func draw(
        _ ranges: [LambdaRange], rows: Int, stride: Int, generator: inout SeededGenerator,
        lambdas: UnsafeMutablePointer<Float>, inputs: UnsafeMutablePointer<Float>
    ) {
        for r in 0..<rows {
            for (t, range) in ranges.enumerated() {
                let u = generator.nextDouble()
                lambdas[r * stride + t] = Float(range.value(atUnit: u))
                inputs[r * stride + t] = range.high > range.low ? Float(2 * u - 1) : 0
            }
        }
    }

    /// The weight at position `u ∈ [0, 1)` of the range (a draw when `u` is uniform).
    func value(atUnit u: Double) -> Double {
        switch distribution {
        case .uniform: return low + (high - low) * u
        case .logUniform: return low * Foundation.exp(Foundation.log(high / low) * u)
        }
    }

    /// λ mapped to the conditioning network's input scale (see the type's documentation).
    func normalized(_ lambda: Double) -> Double {
        switch distribution {
        case .uniform:
            return high > low ? 2 * (lambda - low) / (high - low) - 1 : 0
        case .logUniform:
            let a = Foundation.log(low), b = Foundation.log(high)
            return b > a ? 2 * (Foundation.log(lambda) - a) / (b - a) - 1 : 0
        }
    }
}
