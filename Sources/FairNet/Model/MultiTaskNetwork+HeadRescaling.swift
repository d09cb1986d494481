extension MultiTaskNetwork {
    /// A copy whose head of `task` outputs `scale · h + shift` where this network's head outputs
    /// `h`: the weights of that head are multiplied by `scale` and its bias becomes
    /// `scale · bias + shift`. Used to train a regression task on standardised labels,
    /// `(y − mean) / sd`, and then predict in the labels' own units (`scale = sd`, `shift = mean`).
    ///
    /// ## Mathematical properties
    /// Heads are linear in the last hidden layer (`h = h_L · w_t + c_t`, no modulation after it),
    /// so the copy's output is exactly `scale · h + shift` up to Float32 rounding of the new
    /// parameters (relative error ≤ 2⁻²⁴ per weight). Other heads, the trunk, the conditioning and
    /// the provenance are unchanged. A binary head's logit would be rescaled too; callers rescale
    /// regression heads only.
    /// - Throws: `FairNetError.unknownTask`; `invalidOption` for a non-finite or zero `scale` or a
    ///   non-finite `shift`.
    public func rescalingHead(of task: String, scale: Double, shift: Double) throws(FairNetError) -> MultiTaskNetwork {
        let t = try architecture.taskIndex(named: task)
        guard scale.isFinite, scale != 0 else { throw .invalidOption(name: "scale", value: "\(scale)", allowed: "use a finite, non-zero scale") }
        guard shift.isFinite else { throw .invalidOption(name: "shift", value: "\(shift)", allowed: "use a finite shift") }
        let layout = ParameterLayout(architecture)
        let width = architecture.hidden[architecture.hidden.count - 1]
        let tasks = architecture.tasks.count
        var rescaled = parameters
        for i in 0..<width {
            let index = layout.headWeights + i * tasks + t
            rescaled[index] = Float(Double(rescaled[index]) * scale)
        }
        let bias = layout.headBiases + t
        rescaled[bias] = Float(Double(rescaled[bias]) * scale + shift)
        return MultiTaskNetwork(
            unchecked: architecture, parameters: rescaled, provenance: provenance, featureNames: featureNames,
            encoderReference: encoderReference)
    }
}
