/// Where each weight matrix and bias vector lives in a network's flat Float32 parameter buffer.
///
/// All weight matrices come first (so weight decay applies to the prefix `0..<weightCount`), then
/// all biases. Matrices are row-major `in × out` (an input row times the matrix gives the output row).
///
/// Order: `W_0 … W_{L−1}` (trunk), `H` (heads, `width_L × T`), and when conditioned `C` (`T × c`) and
/// `M` (`c × K`); then `b_0 … b_{L−1}`, `h` (`T`), and when conditioned `c` (`c`) and `m` (`K`),
/// where `K = 2·Σ widths` (per-unit) or `2·L` (scalar). In the conditioning output the coefficients
/// of layer ℓ are `[γ_ℓ, β_ℓ]`, contiguous, starting at `filmOffsets[ℓ]`.
struct ParameterLayout: Sendable {
    let widths: [Int]          // hidden widths
    let inputsOf: [Int]        // fan-in of each hidden layer
    let taskCount: Int
    let conditioned: Bool
    let perUnit: Bool
    let conditioningUnits: Int
    /// Number of conditioning outputs per row (γ and β of every layer).
    let filmWidth: Int
    /// Start of layer ℓ's γ inside a conditioning output row (β follows γ).
    let filmOffsets: [Int]

    let trunkWeights: [Int]
    let headWeights: Int
    let conditionWeights: Int  // C
    let filmWeights: Int       // M
    let trunkBiases: [Int]
    let headBiases: Int
    let conditionBiases: Int   // c
    let filmBiases: Int        // m
    let weightCount: Int
    let count: Int

    init(_ a: NetworkArchitecture) {
        widths = a.hidden
        inputsOf = [a.inputs] + a.hidden.dropLast()
        taskCount = a.tasks.count
        conditioned = a.conditioning != nil
        perUnit = a.conditioning?.mode != .scalar
        conditioningUnits = a.conditioning?.hiddenUnits ?? 0
        var offsets: [Int] = []
        var k = 0
        for w in widths {
            offsets.append(k)
            k += conditioned ? (perUnit ? 2 * w : 2) : 0
        }
        filmOffsets = offsets
        filmWidth = k

        var o = 0
        var tw: [Int] = []
        for (fanIn, w) in zip(inputsOf, widths) { tw.append(o); o += fanIn * w }
        trunkWeights = tw
        headWeights = o; o += widths[widths.count - 1] * taskCount
        conditionWeights = o; o += conditioned ? taskCount * conditioningUnits : 0
        filmWeights = o; o += conditioned ? conditioningUnits * filmWidth : 0
        weightCount = o
        var tb: [Int] = []
        for w in widths { tb.append(o); o += w }
        trunkBiases = tb
        headBiases = o; o += taskCount
        conditionBiases = o; o += conditioned ? conditioningUnits : 0
        filmBiases = o; o += conditioned ? filmWidth : 0
        count = o
    }
}
