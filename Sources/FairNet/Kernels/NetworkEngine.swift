import FairSupport
import Foundation

/// The forward and backward passes of a network on mini-batches of up to `capacity` rows, with every
/// buffer allocated once (no allocation per batch or per operation).
///
/// Buffers, for a batch of `r` rows (row-major):
/// - `A_ℓ` (`r × width_ℓ`): the layer's product `h_{ℓ−1}·W_ℓ`, overwritten in place by
///   `a_ℓ = dropout(ReLU(· + b_ℓ))`; `H_ℓ`: `γ ⊙ a_ℓ + β` (an alias of `A_ℓ` when unconditioned, and
///   in an engine without backward pass, where `a_ℓ` is not needed once `h_ℓ` is computed).
/// - `U` (`r × c`) and `F` (`r × K`): the conditioning network's hidden layer and its FiLM output;
///   with one shared λ only their first row is used (`rowStride = 0`).
/// - `O` (`r × T`) head outputs (logits for binary tasks), `Y` labels, `Λ` task weights.
/// Gradients: two ping-pong `r × maxWidth` blocks for `∂L/∂h` of successive layers, `∂L/∂F`, `∂L/∂U`, and the flat gradient
/// buffer laid out like the parameters (`ParameterLayout`).
///
/// Not thread-safe: one engine per thread.
final class NetworkEngine {
    let architecture: NetworkArchitecture
    let layout: ParameterLayout
    let capacity: Int
    let inputs: Int
    let tasks: Int
    let dropout: Double
    let keepScale: Float
    let dropThreshold: UInt32

    let parameters: UnsafeMutablePointer<Float>
    let gradients: UnsafeMutablePointer<Float>
    let inputBatch: UnsafeMutablePointer<Float>
    let activations: [UnsafeMutablePointer<Float>]
    let modulated: [UnsafeMutablePointer<Float>]
    let keep: UnsafeMutablePointer<Float>
    let keepOffsets: [Int]
    /// Random words of one layer's dropout masks (`⌈capacity·maxWidth/4⌉`, training with dropout only).
    let dropoutWords: UnsafeMutablePointer<UInt64>
    let lambdas: UnsafeMutablePointer<Float>
    let lambdaInputs: UnsafeMutablePointer<Float>
    let conditionHidden: UnsafeMutablePointer<Float>
    let film: UnsafeMutablePointer<Float>
    let outputs: UnsafeMutablePointer<Float>
    let labels: UnsafeMutablePointer<Float>
    let dOutputs: UnsafeMutablePointer<Float>
    let dFilm: UnsafeMutablePointer<Float>
    let dConditionHidden: UnsafeMutablePointer<Float>
    let deltaA: UnsafeMutablePointer<Float>
    let deltaB: UnsafeMutablePointer<Float>
    let binary: UnsafeMutablePointer<Bool>
    let lossSums: UnsafeMutablePointer<Double>
    let weightedLossSums: UnsafeMutablePointer<Double>
    let lossCounts: UnsafeMutablePointer<Int>

    /// The generator of dropout masks (stream "dropout" of the training seed).
    var dropoutGenerator = SeededGenerator(seed: 0, purpose: "dropout")

    private let storage: UnsafeMutablePointer<Float>

    /// - Parameters:
    ///   - training: also allocate what the backward pass and dropout need.
    ///   - sharedParameters: use this parameter buffer (owned by the caller, `layout.count` values)
    ///     instead of an own copy; engines working on shards of one batch share the parameters.
    init(architecture: NetworkArchitecture, capacity: Int, training: Bool, sharedParameters: UnsafeMutablePointer<Float>? = nil) {
        self.architecture = architecture
        let layout = ParameterLayout(architecture)
        self.layout = layout
        self.capacity = max(1, capacity)
        self.inputs = architecture.inputs
        self.tasks = architecture.tasks.count
        self.dropout = architecture.dropout
        self.keepScale = Float(1 / (1 - architecture.dropout))
        self.dropThreshold = UInt32((architecture.dropout * 65_536).rounded())

        let cap = self.capacity
        let widths = layout.widths
        let sumW = widths.reduce(0, +)
        let maxW = max(widths.max()!, architecture.inputs)
        let conditioned = layout.conditioned
        let c = layout.conditioningUnits, k = layout.filmWidth, t = architecture.tasks.count
        var sizes: [Int] = []
        sizes.append(sharedParameters == nil ? layout.count : 0)    // parameters
        sizes.append(training ? layout.count : 0)                   // gradients
        sizes.append(cap * architecture.inputs)                     // input batch
        for w in widths { sizes.append(cap * w) }                   // A_ℓ
        for w in widths { sizes.append(conditioned && training ? cap * w : 0) } // H_ℓ (in place on A_ℓ without backward)
        sizes.append(training && architecture.dropout > 0 ? cap * sumW : 0) // keep
        sizes += [cap * t, cap * t, cap * c, cap * k, cap * t, cap * t]     // Λ, λ inputs, U, F, O, Y
        sizes += training ? [cap * t, cap * k, cap * c, cap * maxW, cap * maxW] : [0, 0, 0, 0, 0]
        let total = sizes.reduce(0) { $0 + $1 + 16 } // 64-byte spacing between buffers
        let base = UnsafeMutablePointer<Float>.allocate(capacity: total)
        base.initialize(repeating: 0, count: total)
        storage = base
        var cursor = 0
        var index = 0
        func next() -> UnsafeMutablePointer<Float> {
            let p = base + cursor
            cursor += sizes[index] + 16
            index += 1
            return p
        }
        let ownParameters = next()
        parameters = sharedParameters ?? ownParameters
        gradients = next()
        inputBatch = next()
        var a: [UnsafeMutablePointer<Float>] = []
        for _ in widths { a.append(next()) }
        var h: [UnsafeMutablePointer<Float>] = []
        for l in widths.indices {
            let p = next()
            h.append(conditioned && training ? p : a[l])
        }
        activations = a
        modulated = h
        keep = next()
        var offsets: [Int] = []
        var o = 0
        for w in widths { offsets.append(o); o += cap * w }
        keepOffsets = offsets
        lambdas = next()
        lambdaInputs = next()
        conditionHidden = next()
        film = next()
        outputs = next()
        labels = next()
        dOutputs = next()
        dFilm = next()
        dConditionHidden = next()
        deltaA = next()
        deltaB = next()
        let wordCount = training && architecture.dropout > 0 ? (cap * (widths.max() ?? 0) + 3) / 4 : 0
        dropoutWords = .zeroed(max(1, wordCount))
        binary = .allocate(capacity: t)
        for (i, task) in architecture.tasks.enumerated() { binary[i] = task.kind == .binaryClassification }
        lossSums = .zeroed(t)
        weightedLossSums = .zeroed(t)
        lossCounts = .zeroed(t)
    }

    deinit {
        storage.deallocate()
        dropoutWords.deallocate()
        binary.deallocate()
        lossSums.deallocate()
        weightedLossSums.deallocate()
        lossCounts.deallocate()
    }

    /// Copies `values` (a flat parameter vector of `layout.count` values) into the engine.
    func loadParameters(_ values: [Float]) {
        values.withUnsafeBufferPointer { parameters.update(from: $0.baseAddress!, count: layout.count) }
    }

    /// The engine's parameters as an array.
    func parameterArray() -> [Float] { Array(UnsafeBufferPointer(start: parameters, count: layout.count)) }

    // MARK: - Batch loading

    /// Copies the rows `indices[0..<rows]` of a row-major feature matrix and label matrix (`n × T`,
    /// NaN = missing) into the batch buffers.
    func gather(features: UnsafePointer<Float>, labelMatrix: UnsafePointer<Float>, indices: UnsafePointer<Int32>, rows: Int) {
        for r in 0..<rows {
            let i = Int(indices[r])
            (inputBatch + r * inputs).update(from: features + i * inputs, count: inputs)
            (labels + r * tasks).update(from: labelMatrix + i * tasks, count: tasks)
        }
    }

    /// Draws one λ vector per row from the architecture's ranges (YOTO training), filling `Λ` and the
    /// conditioning inputs (the position in each range, 2u − 1; 0 for a fixed weight).
    func sampleLambdas(rows: Int, ranges: [LambdaRange], generator: inout SeededGenerator) {
        LambdaRange.draw(ranges, rows: rows, stride: tasks, generator: &generator,
                         lambdas: lambdas, inputs: lambdaInputs)
    }

    /// Sets the same task weights on every row (`rows` rows; conditioning inputs from the ranges).
    func setLambdas(_ weights: [Double], rows: Int) {
        let ranges = architecture.conditioning?.ranges
        for r in 0..<rows {
            for t in 0..<tasks {
                lambdas[r * tasks + t] = Float(weights[t])
                lambdaInputs[r * tasks + t] = ranges.map { Float($0[t].normalized(weights[t])) } ?? 0
            }
        }
    }

    // MARK: - Forward

    /// Computes `O` for `rows` rows of `input` (row-major, `inputs` columns).
    /// - Parameters:
    ///   - training: apply dropout (masks drawn from `dropoutGenerator`).
    ///   - sharedLambda: use row 0 of the conditioning inputs for every row.
    func forward(input: UnsafePointer<Float>, rows: Int, training: Bool, sharedLambda: Bool) {
        let p = UnsafePointer(parameters)
        let widths = layout.widths
        var filmBase: ModulationKernels.FiLM?
        if layout.conditioned {
            let r = sharedLambda ? 1 : rows
            let c = layout.conditioningUnits, k = layout.filmWidth
            BLAS.gemm(transA: false, transB: false, m: r, n: c, k: tasks, a: lambdaInputs, lda: tasks,
                      b: p + layout.conditionWeights, ldb: c, beta: 0, c: conditionHidden, ldc: c)
            ModulationKernels.forward(z: conditionHidden, h: nil, rows: r, width: c, bias: p + layout.conditionBiases, keep: nil, film: nil)
            BLAS.gemm(transA: false, transB: false, m: r, n: k, k: c, a: conditionHidden, lda: c,
                      b: p + layout.filmWeights, ldb: k, beta: 0, c: film, ldc: k)
            ModulationKernels.addBias(film, rows: r, width: k, bias: p + layout.filmBiases)
            filmBase = .init(base: film, rowStride: sharedLambda ? 0 : k, perUnit: layout.perUnit)
        }
        let useDropout = training && dropout > 0
        if useDropout { drawDropoutMasks(rows: rows) }
        var x = input
        var xWidth = inputs
        for l in widths.indices {
            let w = widths[l]
            let a = activations[l]
            BLAS.gemm(transA: false, transB: false, m: rows, n: w, k: xWidth, a: x, lda: xWidth,
                      b: p + layout.trunkWeights[l], ldb: w, beta: 0, c: a, ldc: w)
            let f = filmBase.map { ModulationKernels.FiLM(base: $0.base + layout.filmOffsets[l], rowStride: $0.rowStride, perUnit: $0.perUnit) }
            ModulationKernels.forward(z: a, h: f == nil ? nil : modulated[l], rows: rows, width: w,
                                      bias: p + layout.trunkBiases[l], keep: useDropout ? UnsafePointer(keep + keepOffsets[l]) : nil, film: f)
            x = UnsafePointer(modulated[l])
            xWidth = w
        }
        BLAS.gemm(transA: false, transB: false, m: rows, n: tasks, k: xWidth, a: x, lda: xWidth,
                  b: p + layout.headWeights, ldb: tasks, beta: 0, c: outputs, ldc: tasks)
        ModulationKernels.addBias(outputs, rows: rows, width: tasks, bias: p + layout.headBiases)
    }

    /// Fills each layer's keep factors (0 with probability p, else 1/(1 − p)); four masks per 64 random
    /// bits, each kept when its 16-bit quarter is ≥ round(p·2¹⁶), so the realised dropout probability is
    /// p rounded to a multiple of 2⁻¹⁶ (0.1 → 0.100006). Unit k of a layer uses quarter k mod 4 (from the
    /// low bits up) of the layer's word ⌊k/4⌋; a layer starts a new word. The words are drawn in one
    /// serial loop, then turned into factors 16 at a time (`DropoutKernels.keepFactors`).
    private func drawDropoutMasks(rows: Int) {
        // A local copy avoids an exclusivity check on the stored property at every draw.
        var generator = dropoutGenerator
        defer { dropoutGenerator = generator }
        let words = dropoutWords
        for (l, w) in layout.widths.enumerated() {
            let n = rows * w
            for i in 0..<((n + 3) / 4) { words[i] = generator.next() }
            DropoutKernels.keepFactors(words: UnsafePointer(words), count: n, threshold: dropThreshold, scale: keepScale,
                                       into: keep + keepOffsets[l])
        }
    }

    // MARK: - Loss

    /// The batch objective J (see `LossKernels`) on `O`, `Y`, `Λ`; adds per-task loss sums and counts
    /// into `lossSums`/`weightedLossSums`/`lossCounts`; writes ∂J/∂O into `dOutputs` when `withGradient`.
    /// - Parameter batchCounts: per-task label counts of the whole batch when these rows are a shard.
    func loss(rows: Int, withGradient: Bool, batchCounts: UnsafePointer<Int>? = nil) -> Double {
        LossKernels.evaluate(outputs: outputs, labels: labels, weights: lambdas, rows: rows, tasks: tasks, binary: binary,
                             gradient: withGradient ? dOutputs : nil, lossSums: lossSums, weightedSums: weightedLossSums,
                             counts: lossCounts, batchCounts: batchCounts)
    }

    /// Clears the accumulated per-task loss sums and counts.
    func resetLossTotals() {
        lossSums.update(repeating: 0, count: tasks)
        weightedLossSums.update(repeating: 0, count: tasks)
        lossCounts.update(repeating: 0, count: tasks)
    }

    // MARK: - Backward

    /// Fills `gradients` with ∂J/∂θ for the last `forward` (per-row λ) and `loss(withGradient: true)`.
    /// - Parameter training: whether that forward pass used dropout.
    func backward(input: UnsafePointer<Float>, rows: Int, training: Bool) {
        let p = UnsafePointer(parameters)
        let g = gradients
        let widths = layout.widths
        let last = widths.count - 1
        let k = layout.filmWidth
        (g + layout.weightCount).update(repeating: 0, count: layout.count - layout.weightCount)

        let hLast = UnsafePointer(modulated[last])
        let wLast = widths[last]
        BLAS.gemm(transA: true, transB: false, m: wLast, n: tasks, k: rows, a: hLast, lda: wLast,
                  b: dOutputs, ldb: tasks, beta: 0, c: g + layout.headWeights, ldc: tasks)
        ModulationKernels.addColumnSums(dOutputs, rows: rows, width: tasks, into: g + layout.headBiases)
        BLAS.gemm(transA: false, transB: true, m: rows, n: wLast, k: tasks, a: dOutputs, lda: tasks,
                  b: p + layout.headWeights, ldb: tasks, beta: 0, c: deltaA, ldc: wLast)

        var delta = deltaA
        var spare = deltaB
        let scale: Float = training && dropout > 0 ? keepScale : 1
        for l in stride(from: last, through: 0, by: -1) {
            let w = widths[l]
            let f: ModulationKernels.FiLM? = layout.conditioned
                ? .init(base: film + layout.filmOffsets[l], rowStride: k, perUnit: layout.perUnit) : nil
            ModulationKernels.backward(dh: delta, a: activations[l], rows: rows, width: w, scale: scale, film: f,
                                       dFilm: layout.conditioned ? dFilm + layout.filmOffsets[l] : nil, dFilmStride: k,
                                       dBias: g + layout.trunkBiases[l])
            let x: UnsafePointer<Float> = l == 0 ? input : UnsafePointer(modulated[l - 1])
            let xWidth = l == 0 ? inputs : widths[l - 1]
            BLAS.gemm(transA: true, transB: false, m: xWidth, n: w, k: rows, a: x, lda: xWidth,
                      b: delta, ldb: w, beta: 0, c: g + layout.trunkWeights[l], ldc: w)
            if l > 0 {
                BLAS.gemm(transA: false, transB: true, m: rows, n: xWidth, k: w, a: delta, lda: w,
                          b: p + layout.trunkWeights[l], ldb: w, beta: 0, c: spare, ldc: xWidth)
                swap(&delta, &spare)
            }
        }

        if layout.conditioned {
            let c = layout.conditioningUnits
            BLAS.gemm(transA: true, transB: false, m: c, n: k, k: rows, a: conditionHidden, lda: c,
                      b: dFilm, ldb: k, beta: 0, c: g + layout.filmWeights, ldc: k)
            ModulationKernels.addColumnSums(dFilm, rows: rows, width: k, into: g + layout.filmBiases)
            BLAS.gemm(transA: false, transB: true, m: rows, n: c, k: k, a: dFilm, lda: k,
                      b: p + layout.filmWeights, ldb: k, beta: 0, c: dConditionHidden, ldc: c)
            ModulationKernels.backward(dh: dConditionHidden, a: conditionHidden, rows: rows, width: c, scale: 1,
                                       film: nil, dFilm: nil, dFilmStride: 0, dBias: g + layout.conditionBiases)
            BLAS.gemm(transA: true, transB: false, m: tasks, n: c, k: rows, a: lambdaInputs, lda: tasks,
                      b: dConditionHidden, ldb: c, beta: 0, c: g + layout.conditionWeights, ldc: c)
        }
    }
}
