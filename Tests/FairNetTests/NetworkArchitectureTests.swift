import Testing
@testable import FairNet

@Suite("NetworkArchitecture and ParameterLayout")
struct NetworkArchitectureTests {
    static func error(inputs: Int = 3, hidden: [Int] = [4], tasks: [TaskSpec] = [.regression("a")], dropout: Double = 0,
                      conditioning: Conditioning? = nil) -> String? {
        caughtError { try NetworkArchitecture(inputs: inputs, hidden: hidden, tasks: tasks, dropout: dropout, conditioning: conditioning) }?.description
    }

    @Test("every invalid architecture is an error naming the problem")
    func validation() {
        #expect(Self.error(inputs: 0)?.contains("inputs = 0; a network needs at least 1 input") == true)
        #expect(Self.error(hidden: [])?.contains("no hidden layer") == true)
        #expect(Self.error(hidden: [4, 0])?.contains("hidden layer 1 has width 0") == true)
        #expect(Self.error(tasks: [])?.contains("no task") == true)
        #expect(Self.error(tasks: [.regression("")])?.contains("empty name") == true)
        #expect(Self.error(tasks: [.regression("a"), .binary("a")])?.contains("\"a\" is used twice") == true)
        #expect(Self.error(dropout: 1)?.contains("dropout = 1.0; use a probability in [0, 1)") == true)
        #expect(Self.error(conditioning: Conditioning(hiddenUnits: 0, ranges: [LambdaRange(0, 1)]))?.contains("hiddenUnits = 0") == true)
        #expect(Self.error(conditioning: Conditioning(ranges: []))?.contains("0 lambda range(s) for 1 task(s)") == true)
        #expect(Self.error(conditioning: Conditioning(ranges: [LambdaRange(2, 1)]))?.contains("low must not exceed high") == true)
        #expect(Self.error(conditioning: Conditioning(ranges: [LambdaRange(-1, 1)]))?.contains("non-negative") == true)
        #expect(Self.error(conditioning: Conditioning(ranges: [LambdaRange(0, 1, .logUniform)]))?.contains("needs low > 0") == true)
        #expect(Self.error(conditioning: Conditioning(ranges: [LambdaRange(0, .infinity)]))?.contains("finite") == true)
        #expect(Self.error(inputs: 0)?.contains("Fix the architecture") == true)
    }

    @Test("task weights are resolved by name and checked")
    func orderedWeights() throws {
        let a = try NetworkArchitecture(inputs: 2, hidden: [2], tasks: [.regression("a"), .binary("b")],
                                        conditioning: Conditioning(ranges: [LambdaRange(0, 1), LambdaRange(0.1, 1, .logUniform)]))
        #expect(try a.orderedWeights(["b": 3, "a": 0]) == [0, 3])
        #expect(caughtError { try a.orderedWeights(["a": 1, "c": 1]) } == .lambdaTaskMismatch(missing: ["b"], extra: ["c"]))
        #expect(caughtError { try a.orderedWeights(["a": -1, "b": 1]) }?.description.contains("must be finite and >= 0") == true)
        #expect(caughtError { try a.orderedWeights(["a": 1, "b": 0]) }?.description.contains("log-uniform range, so it must be finite and > 0") == true)
        #expect(try a.taskIndex(named: "b") == 1)
        #expect(caughtError { try a.taskIndex(named: "z") } == .unknownTask(name: "z", known: ["a", "b"]))
    }

    @Test("single-task baselines and the plain model keep the trunk")
    func derivedArchitectures() throws {
        let a = Fixtures.architecture(inputs: 5, hidden: [7, 3], tasks: [.regression("a"), .binary("b")], dropout: 0.1, mode: .perUnit)
        let b = try a.singleTask("b")
        #expect(b == (try NetworkArchitecture(inputs: 5, hidden: [7, 3], tasks: [.binary("b")], dropout: 0.1)))
        #expect(a.unconditioned == (try NetworkArchitecture(inputs: 5, hidden: [7, 3], tasks: a.tasks, dropout: 0.1)))
        #expect(caughtError { try a.singleTask("c") } == .unknownTask(name: "c", known: ["a", "b"]))
    }

    @Test("the layout packs weights first, then biases, without gaps", arguments: [Conditioning.Mode?.none, .perUnit, .scalar])
    func layout(mode: Conditioning.Mode?) {
        let a = Fixtures.architecture(inputs: 5, hidden: [7, 3, 4], tasks: [.regression("a"), .binary("b"), .regression("c")], mode: mode, hiddenUnits: 6)
        let l = ParameterLayout(a)
        var blocks: [(Int, Int)] = zip(l.trunkWeights, zip([5, 7, 3], [7, 3, 4]).map { $0 * $1 }).map { ($0, $1) }
        blocks.append((l.headWeights, 4 * 3))
        if mode != nil { blocks += [(l.conditionWeights, 3 * 6), (l.filmWeights, 6 * l.filmWidth)] }
        blocks += zip(l.trunkBiases, [7, 3, 4]).map { ($0, $1) }
        blocks.append((l.headBiases, 3))
        if mode != nil { blocks += [(l.conditionBiases, 6), (l.filmBiases, l.filmWidth)] }
        var cursor = 0
        for (offset, size) in blocks {
            #expect(offset == cursor)
            cursor += size
        }
        #expect(cursor == l.count)
        #expect(l.filmWidth == (mode == nil ? 0 : mode == .perUnit ? 2 * 14 : 6))
        #expect(l.weightCount == l.trunkBiases[0])
    }
}

@Suite("FeatureMatrix and TrainingData")
struct TrainingDataTests {
    @Test("shapes and finiteness are checked with row and column")
    func featureErrors() throws {
        #expect(caughtError { try FeatureMatrix(rows: 2, columns: 3, values: [1, 2]) }
                == .shapeMismatch(what: "feature values for 2 rows x 3 columns", expected: 6, actual: 2))
        #expect(caughtError { try FeatureMatrix(rows: -1, columns: 3, values: []) }?.description.contains("rows = -1") == true)
        #expect(caughtError { try FeatureMatrix(rows: 0, columns: 0, values: []) }?.description.contains("use at least 1 column") == true)
        #expect(caughtError { try FeatureMatrix(rowArrays: [[1, 2], [3]]) } == .shapeMismatch(what: "length of row 1", expected: 2, actual: 1))
        #expect(caughtError { try FeatureMatrix(rowArrays: []) }?.description.contains("give at least one row") == true)
        let m = try FeatureMatrix(rowArrays: [[1, 2], [3, .infinity]])
        #expect(caughtError { try m.validateFinite() } == .nonFiniteFeature(row: 1, column: 1, value: .infinity))
        #expect(m.selecting(rows: [1, 0]).values == [3, .infinity, 1, 2])
        #expect(caughtError { try TrainingData(features: m, labels: ["a": [1]]) }
                == .shapeMismatch(what: "labels of task \"a\" (one per feature row)", expected: 2, actual: 1))
    }

    @Test("the validation split is a seeded partition of the rows")
    func split() throws {
        let x = Fixtures.gaussianFeatures(rows: 50, columns: 2, seed: 1)
        let data = try TrainingData(features: x, labels: ["a": (0..<50).map(Double.init)])
        let (t, v) = try data.split(validationFraction: 0.2, seed: 3)
        #expect(t.rows == 40 && v.rows == 10)
        let all = (t.labels["a"]! + v.labels["a"]!).sorted()
        #expect(all == (0..<50).map(Double.init))
        #expect(t.labels["a"]! == t.labels["a"]!.sorted())
        let again = try data.split(validationFraction: 0.2, seed: 3)
        #expect(again.validation == v)
        #expect(try data.split(validationFraction: 0.2, seed: 4).validation != v)
        // Features travel with their labels.
        let row = Int(v.labels["a"]![0])
        #expect(Array(v.features.values[0..<2]) == Array(x.values[(2 * row)..<(2 * row + 2)]))
        #expect(caughtError { try data.split(validationFraction: 1, seed: 1) }?.description.contains("strictly between 0 and 1") == true)
        #expect(caughtError { try data.split(validationFraction: 0.001, seed: 1) }?.description.contains("leaves an empty part") == true)
    }

    @Test("the vector finiteness scan finds the first NaN or infinity, and passes extreme finite values")
    func firstNonFinite() {
        let finite: [Float] = [.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -0.0, 0, 1]
        let special: [Float] = [.nan, -.nan, .infinity, -.infinity, .signalingNaN]
        for count in [0, 1, 15, 16, 17, 40] {
            let base = (0..<count).map { finite[$0 % finite.count] }
            #expect(base.withUnsafeBufferPointer { FeatureMatrix.firstNonFinite($0.baseAddress!, count: count) } == nil)
            for position in Set([0, count / 2, count - 1]) where position >= 0 && position < count {
                for s in special {
                    var values = base
                    values[position] = s
                    if position + 1 < count { values[count - 1] = .nan }
                    #expect(values.withUnsafeBufferPointer { FeatureMatrix.firstNonFinite($0.baseAddress!, count: count) } == position,
                            "count \(count), position \(position), \(s)")
                }
            }
        }
    }
}
