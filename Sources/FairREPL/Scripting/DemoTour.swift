/// The story `fair demo` tells, in under a minute: an unconstrained multi-task model whose
/// predictions differ by group, the unfairness KS, the Wasserstein-barycenter repair, KS after
/// at the noise floor, ranks kept, and the CDFs before and after. Each step is a paragraph of
/// narration and the commands that show it; the front end prints one and runs the other.
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
                FairMTL demo: a multi-task model, then a post-processing that gives every group the same distribution \
                of predictions (strong demographic parity), with the Wasserstein-2 barycenter of the group-wise laws.

                The data are synthetic: two groups, A (30%) and B (70%), whose features come from different laws; \
                two tasks, a regression y_regression and a classification y_binary. The rows are split into training \
                rows, an unlabeled calibration pool for the repair, and test rows.
                """,
            commands: ["load synthetic --rows 20000", "split --test 0.3 --pool 0.5"]),
        Step(
            narration: """
                An unconstrained multi-task network, trained once for every task weight λ (YOTO), and λ chosen on \
                held-out training rows (Algorithm 2). Its predictions on every row follow.
                """,
            commands: ["train mtl --epochs 10 --hidden 32", "lambda sweep --grid 0.1,0.55,1", "predict"]),
        Step(
            narration: """
                The repair of each task is fitted on the pool's predictions (no labels needed; a tiny jitter breaks \
                ties between equal predictions) and applied to the test rows.
                """,
            commands: ["fit barycenter --jitter 1e-6", "apply"]),
        Step(
            narration: """
                Unfairness is the largest Kolmogorov-Smirnov distance between two groups' prediction distributions. \
                Before the repair it is large; after it, it should fall to the noise floor, the KS that two samples \
                of these sizes from one law would show. The verdict follows the test: the groups cannot be told \
                apart only when the p-value is at least α = 0.05.
                """,
            commands: ["verify ks"]),
        Step(
            narration: """
                Within each group the repair is non-decreasing (Corollary 1): nobody overtakes anyone of their own \
                group. Its cost is the smallest any fair map can have: Σ π W2² to the barycenter.
                """,
            commands: ["verify ranks", "verify risk"]),
        Step(
            narration: "The picture: the groups' CDFs of y_regression before, and after, when they lie on the barycenter (*).",
            commands: ["plot cdf --task y_regression"]),
        Step(
            narration: """
                Next: 'help' lists every command; the lessons (fair lessons, Lessons/*.md) go through each result \
                step by step; your own model's predictions come in with 'import predictions FILE'; 'load compas' \
                and the other real datasets need a data directory ('datasets' shows it).
                """,
            commands: []),
    ]
}
