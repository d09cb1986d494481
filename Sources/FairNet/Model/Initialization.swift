import FairSupport

/// Initial parameters of a network, drawn from `SeededGenerator(seed: seed, purpose: "initialization")`.
///
/// ## Mathematical properties
/// - Trunk weights (followed by ReLU): He normal, N(0, 2/fan_in) (He et al., 2015).
/// - Head weights (linear output) and the conditioning output layer's inputs: Xavier/Glorot normal,
///   N(0, 2/(fan_in + fan_out)) with fan_out = 1 per head (Glorot & Bengio, 2010).
/// - Conditioning hidden layer (followed by ReLU): He normal, N(0, 2/T).
/// - Conditioning output layer `M`: zero, with biases γ = 1 and β = 0, so the untrained conditioned
///   network computes exactly the unconditioned trunk (FiLM starts as the identity).
/// - All other biases: 0.
/// Normals come from `SeededGenerator.nextNormal()` (Box–Muller on the platform's libm), drawn in the
/// parameter layout's order, so a seed fixes every initial weight.
enum Initialization {
    static func parameters(for architecture: NetworkArchitecture, seed: UInt64) -> [Float] {
        let layout = ParameterLayout(architecture)
        var values = [Float](repeating: 0, count: layout.count)
        var generator = SeededGenerator(seed: seed, purpose: "initialization")
        func fill(_ offset: Int, _ count: Int, std: Double) {
            for i in 0..<count { values[offset + i] = Float(std * generator.nextNormal()) }
        }
        for (l, (fanIn, w)) in zip(layout.inputsOf, layout.widths).enumerated() {
            fill(layout.trunkWeights[l], fanIn * w, std: (2.0 / Double(fanIn)).squareRoot())
        }
        let last = layout.widths[layout.widths.count - 1]
        fill(layout.headWeights, last * layout.taskCount, std: (2.0 / Double(last + 1)).squareRoot())
        if layout.conditioned {
            fill(layout.conditionWeights, layout.taskCount * layout.conditioningUnits,
                 std: (2.0 / Double(layout.taskCount)).squareRoot())
            // M stays 0; γ biases are 1 and β biases 0.
            for (l, offset) in layout.filmOffsets.enumerated() {
                let n = layout.perUnit ? layout.widths[l] : 1
                for j in 0..<n { values[layout.filmBiases + offset + j] = 1 }
            }
        }
        return values
    }
}
