import FairSupport
import Foundation

/// One optimisation step on a mini-batch, with the batch cut into `shards` contiguous parts whose
/// forward and backward passes run in parallel on engines that share one parameter buffer.
///
/// ## Mathematical properties
/// - Task weights are drawn (or set) for the whole batch before it is cut, in row order, so the
///   λ stream does not depend on the shard count.
/// - Every shard normalises each task by the label count n_t of the **whole** batch, so the shard
///   objectives and gradients add up to the batch's `J` and ∇J (see `LossKernels`). The batch
///   gradient is summed in shard order: ((g₀ + g₁) + g₂) + …
/// - Shard s draws dropout masks from the stream "dropout" (s = 0) or "dropout shard s"; with one
///   shard the step is exactly the single-engine step.
/// - The Adam update is split into parameter ranges (multiples of 16 values) updated in parallel;
///   each value's update is the same arithmetic whichever range it falls in.
///
/// The shards run on a `WorkerTeam` (the calling thread and `shards − 1` persistent helpers), which
/// costs a few atomic operations per phase instead of a Dispatch wake-up.
///
/// Thread safety: workers write disjoint rows, disjoint shard engines and disjoint parameter ranges;
/// the parameters are read by all shards only while no update runs. Hence `@unchecked Sendable`.
final class BatchStepper: @unchecked Sendable {
    let layout: ParameterLayout
    let engines: [NetworkEngine]
    let parameters: UnsafeMutablePointer<Float>
    let tasks: Int
    let batch: Int
    private let lambdaStage: UnsafeMutablePointer<Float>
    private let inputStage: UnsafeMutablePointer<Float>
    private let batchCounts: UnsafeMutablePointer<Int>
    private let objectives: UnsafeMutablePointer<Double>
    /// One member per shard: member s runs shard s's passes and parameter range s.
    private let team: WorkerTeam

    init(architecture: NetworkArchitecture, batch: Int, shards: Int, seed: UInt64, parameters initial: [Float]) {
        let layout = ParameterLayout(architecture)
        self.layout = layout
        self.tasks = architecture.tasks.count
        self.batch = batch
        let shards = max(1, min(shards, batch))
        let shared = UnsafeMutablePointer<Float>.allocate(capacity: layout.count)
        initial.withUnsafeBufferPointer { shared.initialize(from: $0.baseAddress!, count: layout.count) }
        parameters = shared
        let capacity = (batch + shards - 1) / shards
        engines = (0..<shards).map { s in
            let engine = NetworkEngine(architecture: architecture, capacity: capacity, training: true, sharedParameters: shared)
            engine.dropoutGenerator = s == 0 ? SeededGenerator(seed: seed, purpose: "dropout") : SeededGenerator(seed: seed, purpose: "dropout shard \(s)")
            return engine
        }
        lambdaStage = .zeroed(batch * tasks)
        inputStage = .zeroed(batch * tasks)
        batchCounts = .zeroed(tasks)
        team = WorkerTeam(size: shards)
        objectives = .zeroed(shards)
    }

    deinit {
        parameters.deallocate()
        lambdaStage.deallocate()
        inputStage.deallocate()
        batchCounts.deallocate()
        objectives.deallocate()
    }

    /// Draws one λ vector per row of the next batch (YOTO), in row order; the conditioning input is
    /// the position in the range, 2u − 1 (0 for a fixed weight).
    func sampleLambdas(rows: Int, ranges: [LambdaRange], generator: inout SeededGenerator) {
        LambdaRange.draw(ranges, rows: rows, stride: tasks, generator: &generator,
                         lambdas: lambdaStage, inputs: inputStage)
    }

    /// Sets the same task weights on every row of the next batch (unconditioned network).
    func setLambdas(_ weights: [Double], rows: Int) {
        for r in 0..<rows {
            for t in 0..<tasks {
                lambdaStage[r * tasks + t] = Float(weights[t])
                inputStage[r * tasks + t] = 0
            }
        }
    }

    /// Forward, backward and one Adam step on rows `indices[0..<rows]` of the training matrices;
    /// returns the batch objective J.
    func step(features: UnsafePointer<Float>, labels: UnsafePointer<Float>, indices: UnsafePointer<Int32>,
              rows: Int, optimizer: AdamOptimizer) -> Double {
        for t in 0..<tasks {
            var n = 0
            for r in 0..<rows where !labels[Int(indices[r]) * tasks + t].isNaN { n += 1 }
            batchCounts[t] = n
        }
        let shards = engines.count
        let perShard = (rows + shards - 1) / shards
        let inputs = StepInputs(features: features, labels: labels, indices: indices)
        let pass: @Sendable (Int) -> Void = { s in self.shardPass(s, start: s * perShard, rows: min(perShard, rows - s * perShard), inputs) }
        team.run(pass)

        optimizer.beginStep()
        let count = layout.count
        let rangeSize = ((count + shards - 1) / shards + 15) & ~15
        let update: @Sendable (Int) -> Void = { w in
            let range = min(count, w * rangeSize)..<min(count, (w + 1) * rangeSize)
            let g = self.engines[0].gradients
            // ((g₀ + g₁) + g₂) + …: the last shard's gradient is added inside the update, the ones
            // before it in passes of their own (the same sums in the same order).
            if self.engines.count == 1 {
                optimizer.update(parameters: self.parameters, gradients: g, range: range)
            } else {
                for s in 1..<(self.engines.count - 1) {
                    let other = self.engines[s].gradients
                    for i in range { g[i] += other[i] }
                }
                optimizer.update(parameters: self.parameters, summing: g, plus: self.engines[self.engines.count - 1].gradients, range: range)
            }
        }
        team.run(update)
        var objective = 0.0
        for s in 0..<shards { objective += objectives[s] }
        return objective
    }

    private func shardPass(_ s: Int, start: Int, rows: Int, _ inputs: StepInputs) {
        let engine = engines[s]
        guard rows > 0 else {
            engine.gradients.update(repeating: 0, count: layout.count)
            objectives[s] = 0
            return
        }
        engine.gather(features: inputs.features, labelMatrix: inputs.labels, indices: inputs.indices + start, rows: rows)
        engine.lambdas.update(from: lambdaStage + start * tasks, count: rows * tasks)
        engine.lambdaInputs.update(from: inputStage + start * tasks, count: rows * tasks)
        engine.forward(input: engine.inputBatch, rows: rows, training: true, sharedLambda: false)
        objectives[s] = engine.loss(rows: rows, withGradient: true, batchCounts: batchCounts)
        engine.backward(input: engine.inputBatch, rows: rows, training: true)
    }

    /// The epoch's unweighted loss sum and label count of task `t`, over all shards.
    func lossTotal(task t: Int) -> (Double, Int) {
        var sum = 0.0, n = 0
        for engine in engines {
            sum += engine.lossSums[t]
            n += engine.lossCounts[t]
        }
        return (sum, n)
    }

    func resetLossTotals() { for engine in engines { engine.resetLossTotals() } }

    func parameterArray() -> [Float] { Array(UnsafeBufferPointer(start: parameters, count: layout.count)) }
}

/// The training matrices and the batch's row indices, handed to shard workers (read only).
private struct StepInputs: @unchecked Sendable {
    let features: UnsafePointer<Float>
    let labels: UnsafePointer<Float>
    let indices: UnsafePointer<Int32>
}
