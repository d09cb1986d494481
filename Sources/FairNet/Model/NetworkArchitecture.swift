/// The shape of a multi-task network: a shared trunk of ReLU layers, one linear head per task,
/// optional dropout and optional YOTO conditioning on the task weights.
///
/// ## Mathematical properties
/// Layer ℓ computes `a = dropout(ReLU(h_{ℓ−1}·W_ℓ + b_ℓ))`, then `h_ℓ = γ_ℓ(λ) ⊙ a + β_ℓ(λ)` when
/// conditioned (`Conditioning`) or `h_ℓ = a` otherwise; head t outputs `h_L·w_t + c_t`, used as is for
/// regression and as a logit for binary classification. Dropout is inverted (kept units are scaled
/// by 1/(1 − p) during training) and inactive at prediction.
///
/// - A single-task baseline is an architecture with one task and no conditioning.
/// - A plain multi-task model has several tasks and no conditioning (trained at fixed task weights).
/// - A YOTO model has `conditioning` with one λ range per task.
public struct NetworkArchitecture: Sendable, Codable, Hashable {
    /// Number of input features.
    public let inputs: Int
    /// Widths of the shared hidden layers (at least one layer).
    public let hidden: [Int]
    /// The tasks, in head order.
    public let tasks: [TaskSpec]
    /// Dropout probability after each hidden ReLU, in [0, 1).
    public let dropout: Double
    /// YOTO conditioning, or nil for an unconditioned network.
    public let conditioning: Conditioning?

    /// - Throws: `FairNetError.invalidArchitecture` naming the first problem.
    public init(inputs: Int, hidden: [Int], tasks: [TaskSpec], dropout: Double = 0, conditioning: Conditioning? = nil) throws(FairNetError) {
        self.inputs = inputs
        self.hidden = hidden
        self.tasks = tasks
        self.dropout = dropout
        self.conditioning = conditioning
        try validate()
    }

    /// Checks every constraint (used by the initialiser and when a model file is read).
    public func validate() throws(FairNetError) {
        guard inputs >= 1 else { throw .invalidArchitecture(reason: "inputs = \(inputs); a network needs at least 1 input") }
        guard !hidden.isEmpty else { throw .invalidArchitecture(reason: "no hidden layer; give at least one hidden width") }
        if let (i, w) = hidden.enumerated().first(where: { $0.element < 1 }) {
            throw .invalidArchitecture(reason: "hidden layer \(i) has width \(w); every width must be at least 1")
        }
        guard !tasks.isEmpty else { throw .invalidArchitecture(reason: "no task; give at least one task") }
        var seen = Set<String>()
        for t in tasks {
            guard !t.name.isEmpty else { throw .invalidArchitecture(reason: "a task has an empty name; name every task") }
            guard seen.insert(t.name).inserted else { throw .invalidArchitecture(reason: "task name \"\(t.name)\" is used twice; task names must be distinct") }
        }
        guard dropout.isFinite, dropout >= 0, dropout < 1 else {
            throw .invalidArchitecture(reason: "dropout = \(dropout); use a probability in [0, 1)")
        }
        if let c = conditioning {
            guard c.hiddenUnits >= 1 else { throw .invalidArchitecture(reason: "conditioning hiddenUnits = \(c.hiddenUnits); use at least 1") }
            guard c.ranges.count == tasks.count else {
                throw .invalidArchitecture(reason: "conditioning has \(c.ranges.count) lambda range(s) for \(tasks.count) task(s); give one range per task, in task order")
            }
            for (t, r) in zip(tasks, c.ranges) {
                if let p = r.problem() { throw .invalidArchitecture(reason: "lambda range of task \"\(t.name)\": \(p)") }
            }
        }
    }

    /// Task names in head order.
    public var taskNames: [String] { tasks.map(\.name) }

    /// The head index of a task.
    /// - Throws: `FairNetError.unknownTask`.
    public func taskIndex(named name: String) throws(FairNetError) -> Int {
        guard let i = tasks.firstIndex(where: { $0.name == name }) else { throw .unknownTask(name: name, known: taskNames) }
        return i
    }

    /// Task weights given by name, as an array in task order.
    /// - Throws: `FairNetError.lambdaTaskMismatch` unless the names are exactly the tasks;
    ///   `FairNetError.invalidLambda` for a negative or non-finite weight (or ≤ 0 on a log-uniform range).
    public func orderedWeights(_ weights: [String: Double]) throws(FairNetError) -> [Double] {
        let names = taskNames
        let missing = names.filter { weights[$0] == nil }
        let extra = weights.keys.filter { !names.contains($0) }.sorted()
        guard missing.isEmpty, extra.isEmpty else { throw .lambdaTaskMismatch(missing: missing, extra: extra) }
        var out: [Double] = []
        for (i, name) in names.enumerated() {
            let v = weights[name]!
            let logUniform = conditioning?.ranges[i].distribution == .logUniform
            guard v.isFinite, v >= 0, !(logUniform && v <= 0) else {
                throw .invalidLambda(task: name, value: v, allowed: logUniform
                    ? "this task's weight was trained on a log-uniform range, so it must be finite and > 0"
                    : "a task weight must be finite and >= 0")
            }
            out.append(v)
        }
        return out
    }

    /// The single-task baseline of one task: the same trunk and dropout, that task's head only, no
    /// conditioning.
    /// - Throws: `FairNetError.unknownTask`.
    public func singleTask(_ name: String) throws(FairNetError) -> NetworkArchitecture {
        let t = try taskIndex(named: name)
        return NetworkArchitecture(unchecked: inputs, hidden, [tasks[t]], dropout, nil)
    }

    /// The plain multi-task model: the same trunk, dropout and heads, without conditioning.
    public var unconditioned: NetworkArchitecture {
        NetworkArchitecture(unchecked: inputs, hidden, tasks, dropout, nil)
    }

    private init(unchecked inputs: Int, _ hidden: [Int], _ tasks: [TaskSpec], _ dropout: Double, _ conditioning: Conditioning?) {
        self.inputs = inputs
        self.hidden = hidden
        self.tasks = tasks
        self.dropout = dropout
        self.conditioning = conditioning
    }
}
