/// The story `fair demo` tells, in under a minute: predictions that differ by group, the
/// unfairness KS, the Wasserstein-barycenter repair, KS after at the noise floor, ranks
/// kept, and the CDFs before and after. Each step is a paragraph of narration and the
/// commands that show it; the front end prints one and runs the other.
public enum DemoTour {
    public struct Step: Sendable, Equatable {
        public var narration: String
        public var commands: [String]

        /// The narration wrapped to `width` columns (paragraphs kept).
        public func wrappedNarration(width: Int) -> String {
            narration.components(separatedBy: "\n\n").map { TextLayout.wrapped($0, width: width).joined(separator: "\n") }
                .joined(separator: "\n\n")
        }
    }

    public static let steps: [Step] = [
        Step(
            narration: """
                FairMTL demo: post-processing predictions so that every group gets the same distribution of scores \
                (strong demographic parity), with the Wasserstein-2 barycenter of the group-wise laws.

                No model is trained in this tour yet: the scores below are synthetic, drawn from a different \
                Gaussian law in each group (A: mean -1, sd 0.5; B: mean 0.5, sd 1.5), and stand in for a model's \
                predictions. Any model's predictions can be repaired the same way ('import predictions FILE').
                """,
            commands: ["load synthetic --mode gaussian-scores --rows 20000", "split --test 0.3 --pool 0.5"]),
        Step(
            narration: """
                The scores become predictions of a task 'y'. The pool rows, without their labels, calibrate the \
                repair; the test rows measure it.
                """,
            commands: ["import scores score --tasks y", "fit barycenter", "apply"]),
        Step(
            narration: """
                Unfairness is the largest Kolmogorov-Smirnov distance between two groups' score distributions. \
                Before the repair it is large; after it, it falls to the noise floor: the KS that two samples of \
                these sizes from one law would show.
                """,
            commands: ["verify ks"]),
        Step(
            narration: """
                Within each group the repair is non-decreasing (Corollary 1): nobody overtakes anyone of their own \
                group. Its cost is the smallest any fair map can have: Σ π W2² to the barycenter.
                """,
            commands: ["verify ranks", "verify risk"]),
        Step(
            narration: "The picture: the groups' CDFs before, and after, when they lie on the barycenter (*).",
            commands: ["plot cdf"]),
        Step(
            narration: """
                Next: 'help' lists every command; the lessons (fair lessons, Lessons/*.md) go through each result \
                step by step; 'load compas' and the other datasets need a data directory ('datasets' shows it).
                """,
            commands: []),
    ]
}
