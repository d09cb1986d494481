/// Which empirical CDF / quantile pair the barycenter repair composes (METHOD.md §4.4).
///
/// ## Mathematical properties
/// Both conventions are matched pairs: a calibration point mapped through its own group's
/// `Q ∘ F` comes back exactly, ties included, so identical groups give the identity map.
public enum RepairConvention: String, Sendable, Hashable, Codable, CaseIterable {
    /// Convention A (default, the paper's definitions): right-continuous ECDF
    /// `r = #{z <= y}` and generalized-inverse quantiles `z_(max(1, ceil(r n_b / n_s)))`,
    /// in integer arithmetic. A tie block maps to the top of the block's rank range.
    case generalizedInverse
    /// Convention B: mid-rank CDF `(#{z < y} + #{z <= y}) / (2 n_s)` with the Hazen quantile,
    /// the linear interpolation through the points `((i - 1/2) / n_b, z_(i))`, constant beyond
    /// the first and last node. The position `h = ((a + b) n_b + n_s) / (2 n_s)` is kept as an
    /// exact fraction. A tie block maps to the mid-rank position: deterministic tie handling
    /// without jitter.
    case midRankHazen
}
