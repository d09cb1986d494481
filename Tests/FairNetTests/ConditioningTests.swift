import FairSupport
import Testing
@testable import FairNet

@Suite("Conditioning: YOTO with FiLM")
struct ConditioningTests {
    /// Two regression tasks that compete for a one-unit bottleneck: "a" = x0, "b" = x1.
    static func competingData(rows: Int, seed: UInt64) -> TrainingData {
        let x = Fixtures.gaussianFeatures(rows: rows, columns: 4, seed: seed)
        return try! TrainingData(features: x, labels: ["a": Fixtures.column(x, 0), "b": Fixtures.column(x, 1)])
    }

    static func perTaskLoss(_ model: MultiTaskNetwork, _ data: TrainingData, lambda: [String: Double]?) throws -> [Double] {
        let p = try model.predict(data.features, lambda: lambda)
        return try ["a", "b"].map { try Metrics.meanSquaredError(predictions: p.values(for: $0), labels: data.labels[$0]!) }
    }

    /// The trunk ends in a one-unit layer, so a network can represent x0 or x1 well, not both; a
    /// per-unit FiLM lets λ choose which features reach that unit. (Scalar FiLM cannot: it only
    /// rescales and shifts a fixed projection, so it is not expected to pass this test.)
    @Test("a YOTO model reproduces, at two λ, the ordering of per-task losses of two fixed-λ models")
    func reproducesFixedLambdaOrdering() throws {
        let data = Self.competingData(rows: 512, seed: 1)
        let tasks: [TaskSpec] = [.regression("a"), .regression("b")]
        let favourA: [String: Double] = ["a": 4, "b": 0.25]
        let favourB: [String: Double] = ["a": 0.25, "b": 4]
        let options = TrainingOptions(epochs: 100, batchSize: 32, learningRate: 1e-2, seed: 2)

        let plain = try NetworkArchitecture(inputs: 4, hidden: [32, 1], tasks: tasks)
        var optionsA = options
        optionsA.taskWeights = favourA
        var optionsB = options
        optionsB.taskWeights = favourB
        let fixedA = try Trainer(options: optionsA).train(try MultiTaskNetwork(architecture: plain, seed: 3), on: data).model
        let fixedB = try Trainer(options: optionsB).train(try MultiTaskNetwork(architecture: plain, seed: 3), on: data).model
        let lossA = try Self.perTaskLoss(fixedA, data, lambda: nil)
        let lossB = try Self.perTaskLoss(fixedB, data, lambda: nil)
        // The fixed models do trade one task for the other, by a wide margin.
        #expect(2 * lossA[0] < lossB[0] && lossA[1] > 2 * lossB[1], "fixed: \(lossA) vs \(lossB)")

        let ranges = [LambdaRange(0.25, 4, .logUniform), LambdaRange(0.25, 4, .logUniform)]
        let yotoArchitecture = try NetworkArchitecture(inputs: 4, hidden: [32, 1], tasks: tasks,
                                                       conditioning: Conditioning(mode: .perUnit, hiddenUnits: 8, ranges: ranges))
        let yoto = try Trainer(options: options).train(try MultiTaskNetwork(architecture: yotoArchitecture, seed: 3), on: data).model
        let atA = try Self.perTaskLoss(yoto, data, lambda: favourA)
        let atB = try Self.perTaskLoss(yoto, data, lambda: favourB)
        #expect(2 * atA[0] < atB[0] && atA[1] > 2 * atB[1], "YOTO: \(atA) at λ favouring a vs \(atB) at λ favouring b")
    }

    @Test("an untrained conditioned network computes exactly its unconditioned trunk (FiLM starts at γ = 1, β = 0)",
          arguments: [Conditioning.Mode.perUnit, .scalar])
    func filmStartsAsIdentity(mode: Conditioning.Mode) throws {
        let tasks: [TaskSpec] = [.regression("a"), .binary("b")]
        let conditioned = try NetworkArchitecture(inputs: 3, hidden: [5, 4], tasks: tasks,
                                                  conditioning: Conditioning(mode: mode, hiddenUnits: 6, ranges: [LambdaRange(0, 1), LambdaRange(1, 3)]))
        let plain = try NetworkArchitecture(inputs: 3, hidden: [5, 4], tasks: tasks)
        let model = try MultiTaskNetwork(architecture: conditioned, seed: 4)
        // The plain network with the same trunk and heads: the layout puts trunk and head weights first.
        let lc = ParameterLayout(conditioned), lp = ParameterLayout(plain)
        var p = [Float](repeating: 0, count: lp.count)
        for i in 0..<lp.weightCount { p[i] = model.parameters[i] }
        for i in 0..<(lp.count - lp.weightCount) { p[lp.weightCount + i] = model.parameters[lc.weightCount + i] }
        let reference = try MultiTaskNetwork(architecture: plain, parameters: p)
        let x = Fixtures.gaussianFeatures(rows: 10, columns: 3, seed: 5)
        let expected = try reference.predict(x)
        for lambda in [["a": 0.0, "b": 1.0], ["a": 0.7, "b": 2.9]] {
            #expect(try model.predict(x, lambda: lambda).values == expected.values)
        }
    }

    @Test("λ ranges map onto [-1, 1] for the conditioning input; log-uniform ranges in log space")
    func normalisation() {
        let u = LambdaRange(0.25, 4.25)
        #expect(u.normalized(0.25) == -1 && u.normalized(4.25) == 1 && abs(u.normalized(2.25)) < 1e-15)
        let l = LambdaRange(0.1, 10, .logUniform)
        #expect(abs(l.normalized(1)) < 1e-15 && abs(l.normalized(0.1) + 1) < 1e-15 && abs(l.normalized(10) - 1) < 1e-15)
        #expect(LambdaRange.fixed(2).normalized(2) == 0)
        // A draw at position u has conditioning input 2u - 1 in both cases.
        for v in [0.0, 0.3, 0.99] {
            #expect(abs(u.normalized(u.value(atUnit: v)) - (2 * v - 1)) < 1e-12)
            #expect(abs(l.normalized(l.value(atUnit: v)) - (2 * v - 1)) < 1e-12)
        }
    }

    @Test("per-row λ draws follow the ranges (uniform mean, log-uniform median)")
    func lambdaSampling() {
        let a = Fixtures.architecture(mode: .perUnit, ranges: [LambdaRange(0.25, 15), LambdaRange(0.1, 10, .logUniform)])
        let engine = NetworkEngine(architecture: a, capacity: 4000, training: true)
        var g = SeededGenerator(seed: 1, purpose: "lambda")
        engine.sampleLambdas(rows: 4000, ranges: a.conditioning!.ranges, generator: &g)
        let first = (0..<4000).map { Double(engine.lambdas[2 * $0]) }
        let second = (0..<4000).map { Double(engine.lambdas[2 * $0 + 1]) }.sorted()
        #expect(first.allSatisfy { $0 >= 0.25 && $0 < 15 })
        #expect(abs(first.reduce(0, +) / 4000 - 7.625) < 0.25)
        #expect(second.first! >= 0.1 && second.last! < 10)
        #expect(abs(second[2000] - 1) < 0.1)
    }
}
