/// `Codable` for the fitted repairs: every fitted number and setting, group by group, so that
/// a decoded repair gives bit-identical outputs. Decoding re-validates everything (names,
/// sizes, sortedness, finiteness, weights, options): a file edited by hand into an invalid
/// state is rejected, never half-trusted. Files: see `save(to:)` / `load(from:)`.
extension BarycenterRepair: Codable {
    private enum CodingKeys: String, CodingKey { case taskName, options, groups }

    /// One fitted group as stored.
    private struct StoredGroup: Codable {
        let name: String
        let poolCount: Int
        let weight: Double
        /// The sorted sample of `Q_s`.
        let quantileSample: [Double]
        /// The sorted sample of `F_s`, only when the calibration was split.
        let cdfSample: [Double]?
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(taskName, forKey: .taskName)
        try container.encode(options, forKey: .options)
        let groups = (0..<groupCount).map { g in
            StoredGroup(name: groupNames[g], poolCount: poolCounts[g], weight: weights[g],
                        quantileSample: storage.quantileSample(g), cdfSample: storage.split ? storage.cdfSample(g) : nil)
        }
        try container.encode(groups, forKey: .groups)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let taskName = try container.decode(String.self, forKey: .taskName)
        let options = try container.decode(RepairOptions.self, forKey: .options)
        let groups = try container.decode([StoredGroup].self, forKey: .groups)
        do {
            self = try BarycenterRepair(
                validatingTaskName: taskName, groupNames: groups.map(\.name), poolCounts: groups.map(\.poolCount),
                weights: groups.map(\.weight), options: options, quantileSamples: groups.map(\.quantileSample),
                cdfSamples: options.splitCalibration ? groups.map { $0.cdfSample ?? [] } : nil)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .groups, in: container, debugDescription: error.description)
        }
    }

    /// Rebuilds a repair from stored parts, checking every invariant a fit guarantees.
    init(validatingTaskName taskName: String, groupNames: [String], poolCounts: [Int], weights: [Double],
         options: RepairOptions, quantileSamples: [[Double]], cdfSamples: [[Double]]?) throws(FairCoreError) {
        try options.validate()
        let k = groupNames.count
        if k == 0 { throw .emptyInput(what: "groups of the repair") }
        if groupNames != groupNames.sorted() {
            throw .invalidParameter(name: "group names", value: "\(groupNames)", allowed: "distinct names sorted ascending")
        }
        for g in 1..<k where groupNames[g] == groupNames[g - 1] { throw .duplicateGroupName(groupNames[g]) }
        try Self.checkGroupSizes(names: groupNames, counts: poolCounts, options: options)
        try ProbabilityWeights.validate(weights, names: groupNames.map { "group \"\($0)\"" })
        let split = options.splitCalibration
        for g in 0..<k {
            let expectedQuantile = split ? poolCounts[g] - poolCounts[g] / 2 : poolCounts[g]
            if quantileSamples[g].count != expectedQuantile {
                throw .lengthMismatch(what: "quantile sample of group \"\(groupNames[g])\"", expected: expectedQuantile, actual: quantileSamples[g].count)
            }
            _ = try EmpiricalDistribution(sortedValues: quantileSamples[g], what: "quantile sample of group \"\(groupNames[g])\"")
            if let cdfSamples {
                if cdfSamples[g].count != poolCounts[g] / 2 {
                    throw .lengthMismatch(what: "CDF sample of group \"\(groupNames[g])\"", expected: poolCounts[g] / 2, actual: cdfSamples[g].count)
                }
                _ = try EmpiricalDistribution(sortedValues: cdfSamples[g], what: "CDF sample of group \"\(groupNames[g])\"")
            }
        }
        func concatenate(_ samples: [[Double]]) -> UnsafeMutableBufferPointer<Double> {
            let buffer = LargeBuffer.allocateBuffer(Double.self, capacity: samples.reduce(0) { $0 + $1.count })
            var at = 0
            for sample in samples {
                for v in sample { buffer[at] = v + 0.0; at += 1 }
            }
            return buffer
        }
        let storage = RepairStorage(
            convention: options.convention, weights: weights,
            quantileValues: concatenate(quantileSamples), quantileCounts: quantileSamples.map(\.count),
            cdfValues: cdfSamples.map(concatenate), cdfCounts: cdfSamples?.map(\.count))
        self.init(taskName: taskName, groupNames: groupNames, poolCounts: poolCounts, weights: weights.map { $0 + 0.0 },
                  options: options, storage: storage)
    }
}

extension MultiTaskRepair: Codable {
    private enum CodingKeys: String, CodingKey { case lambda, tasks }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lambda, forKey: .lambda)
        try container.encode(repairs, forKey: .tasks)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let lambda = try container.decode([Double].self, forKey: .lambda)
        let repairs = try container.decode([BarycenterRepair].self, forKey: .tasks)
        do {
            try self.init(repairs: repairs, lambda: lambda)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .tasks, in: container, debugDescription: error.description)
        }
    }
}
