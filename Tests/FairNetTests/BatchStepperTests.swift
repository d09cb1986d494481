import FairSupport
import Testing
@testable import FairNet

@Suite("BatchStepper: batches split into parallel shards")
struct BatchStepperTests {
    /// The batch gradient (after the shard reduction) of a stepper with `shards` shards, with a zero
    /// learning rate so the parameters stay put.
    static func batchGradient(shards: Int, rows: Int, architecture a: NetworkArchitecture) -> [Float] {
        let parameters = Fixtures.randomParameters(a, seed: 1)
        let stepper = BatchStepper(architecture: a, batch: rows, shards: shards, seed: 3, parameters: parameters)
        let x = Fixtures.gaussianFeatures(rows: rows, columns: a.inputs, seed: 2)
        var g = SeededGenerator(seed: 4)
        let labels: [Float] = (0..<rows).flatMap { i -> [Float] in
            [i % 5 == 0 ? .nan : Float(g.nextNormal()), g.nextDouble() < 0.5 ? 0 : 1]
        }
        var lambdaGenerator = SeededGenerator(seed: 5)
        stepper.sampleLambdas(rows: rows, ranges: a.conditioning!.ranges, generator: &lambdaGenerator)
        let adam = AdamOptimizer(count: stepper.layout.count, decayedCount: 0, learningRate: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0)
        let indices = (0..<rows).map { Int32($0) }
        x.values.withUnsafeBufferPointer { xp in
            labels.withUnsafeBufferPointer { yp in
                indices.withUnsafeBufferPointer { ip in
                    _ = stepper.step(features: xp.baseAddress!, labels: yp.baseAddress!, indices: ip.baseAddress!, rows: rows, optimizer: adam)
                }
            }
        }
        #expect(stepper.parameterArray() == parameters)
        return Array(UnsafeBufferPointer(start: stepper.engines[0].gradients, count: stepper.layout.count))
    }

    @Test("shards normalise by the whole batch: the summed shard gradients equal the one-shard gradient",
          arguments: [2, 3])
    func shardedGradient(shards: Int) {
        let a = Fixtures.architecture(inputs: 3, hidden: [20, 6], mode: .perUnit)
        let whole = Self.batchGradient(shards: 1, rows: 11, architecture: a)
        let split = Self.batchGradient(shards: shards, rows: 11, architecture: a)
        for i in whole.indices {
            #expect(abs(Double(whole[i]) - Double(split[i])) <= 1e-5 * max(1, abs(Double(whole[i]))), "parameter \(i)")
        }
    }

    @Test("training on several threads is deterministic per seed and thread count, and learns")
    func threadedTraining() throws {
        let a = Fixtures.architecture(inputs: 4, hidden: [16, 8], tasks: [.regression("a"), .binary("b")], dropout: 0.1, mode: .scalar)
        let x = Fixtures.gaussianFeatures(rows: 321, columns: 4, seed: 1) // the last batch of 64 has 1 row
        let data = try TrainingData(features: x, labels: ["a": Fixtures.linearTarget(x), "b": Fixtures.separableClass(x)])
        let model = try MultiTaskNetwork(architecture: a, seed: 2)
        var options = TrainingOptions(epochs: 6, batchSize: 64, learningRate: 1e-2, seed: 3)
        options.threads = 2
        let first = try Trainer(options: options).train(model, on: data)
        let second = try Trainer(options: options).train(model, on: data)
        #expect(first.model.parameters.map(\.bitPattern) == second.model.parameters.map(\.bitPattern))
        #expect(first.history.last!.trainingLoss[0] < first.history.first!.trainingLoss[0] / 2)
        options.threads = 1
        let single = try Trainer(options: options).train(model, on: data)
        #expect(single.model.parameters != first.model.parameters) // shards draw their own dropout masks
        options.threads = 0
        #expect(caughtError { try Trainer(options: options).train(model, on: data) }?.description.contains("threads = 0") == true)
    }
}
