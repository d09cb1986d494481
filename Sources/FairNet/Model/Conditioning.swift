/// How the hidden layers are modulated by the task weights λ (YOTO with FiLM).
///
/// ## Mathematical properties
/// After each hidden layer's ReLU (and dropout, during training) the activations `a` become
/// `h = γ(λ) ⊙ a + β(λ)`. The coefficients come from a small conditioning network
/// `u = ReLU(normalized(λ)·C + c)` (one hidden layer of `hiddenUnits` units) followed by one linear
/// map `[γ, β] = u·M + m` producing the coefficients of every layer at once.
///
/// - `perUnit` (default, FiLM as published by Perez et al.): γ and β have one entry per unit of the
///   layer, so λ can re-weight individual features of the representation: the conditioning output
///   has 2·Σ widths values.
/// - `scalar` (the paper's reference code): one γ and one β per layer, shared by all its units;
///   λ can only rescale and shift a whole layer: 2·(number of hidden layers) values. Through a narrow
///   layer it therefore cannot change *which* feature is passed on (a one-unit bottleneck carries the
///   same projection at every λ), where per-unit FiLM can. The reference
///   code uses two separate 2→10 networks (scale and shift); one shared hidden layer of 20 units
///   (the default here) contains that model as a special case.
///
/// The output layer `M` starts at zero and `m` at γ = 1, β = 0, so an untrained conditioned network
/// computes exactly the unconditioned trunk; gradients reach `M` from the first step.
public struct Conditioning: Sendable, Codable, Hashable {
    /// Per-unit or per-layer modulation.
    public enum Mode: String, Sendable, Codable, CaseIterable {
        case perUnit
        case scalar
    }

    public let mode: Mode
    /// Width of the conditioning network's hidden layer.
    public let hiddenUnits: Int
    /// The training distribution of each task's weight, in task order.
    public let ranges: [LambdaRange]

    public init(mode: Mode = .perUnit, hiddenUnits: Int = 20, ranges: [LambdaRange]) {
        self.mode = mode
        self.hiddenUnits = hiddenUnits
        self.ranges = ranges
    }
}
