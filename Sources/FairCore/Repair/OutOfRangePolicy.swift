/// What the barycenter repair does with a (jittered) score outside its group's calibration
/// range `[z_(1), z_(n)]` (METHOD.md §4.5). Out-of-range rows are counted in the apply report
/// under either policy.
///
/// ## Mathematical properties
/// - `clamp`: the estimator as defined; below the minimum the rank is 0, which maps to every
///   group's minimum; above the maximum the rank is `n`, which maps to every group's maximum.
///   Outputs stay within `[Σ π_b min_b, Σ π_b max_b]`, so [0, 1] scores stay in [0, 1].
/// - `tailShift`: continues with slope 1 beyond the range: `T(z_(n)) + (y - z_(n))` above,
///   `T(z_(1)) + (y - z_(1))` below. Monotone, but can leave [0, 1] for scores (combine with
///   an output range to clip).
public enum OutOfRangePolicy: String, Sendable, Hashable, Codable, CaseIterable {
    case clamp
    case tailShift
}
