import FairCore

/// The memory a CSV load will take, estimated before the file is read, so that a file too
/// large for the process is an error saying how much was needed (`MemoryBudget`), not a Swift
/// runtime abort part-way through the read.
///
/// The estimate reads the first MiB (cut after its last line end) with the same options, and
/// scales what it holds by the file's size: the file's bytes (held while parsing), 16 bytes per
/// numeric cell (8 for the `Double`, as much again while its array grows by doubling), 12 per
/// label cell (a 4-byte code, its growth, and the code remapped into category order), and per
/// distinct label its bytes plus 112 (interner entry and slots, the `String` and its storage).
/// Distinct labels are scaled with the rows, an overestimate for columns of few categories
/// that costs little. Measured peaks (fair-bench README) stay below the estimate.
enum CSVMemoryEstimate {
    /// Files up to this size are not checked (and the sample is this long).
    static let sampleByteCount = 1 << 20

    /// Throws when the estimated peak of reading the file at `path` exceeds what the process
    /// can get (`available`, by default `MemoryBudget.available()`). A file that cannot be
    /// opened or sampled is not checked: the read itself reports it.
    /// - Throws: `FairCoreError.insufficientMemory` naming the file, the bytes needed and the
    ///   limit.
    static func check(
        path: String, options: CSVReadOptions,
        available: MemoryBudget.Availability? = MemoryBudget.available()
    ) throws {
        guard let (size, sample) = FileIO.prefix(ofFileAtPath: path, count: sampleByteCount),
              size > sampleByteCount, let room = available
        else { return }
        let needed = peakBytes(fileSize: size, sample: sample, options: options)
        guard needed > room.bytes else { return }
        throw FairCoreError.insufficientMemory(
            what: "reading \(path) (\(NumberFormatting.count(size)) bytes)", needed: needed,
            available: room.bytes, limitedBy: room.limitedBy)
    }

    /// The estimated peak bytes of reading a file of `fileSize` bytes that starts with `sample`.
    static func peakBytes(fileSize: Int, sample: [UInt8], options: CSVReadOptions) -> Int {
        let cut = (sample.lastIndex(of: 10) ?? -1) + 1
        guard cut > 0,
              let table = try? CSVReader.read(bytes: Array(sample[..<cut]), options: options)
        else {
            // Not one whole record in the sample: assume the worst of a numeric file.
            return fileSize + 8 * fileSize
        }
        let scale = Double(fileSize) / Double(cut)
        let rows = Double(table.rowCount) * scale
        var bytes = Double(fileSize)
        for column in table.columns {
            switch column {
            case .numeric:
                bytes += 16 * rows
            case let .categorical(categorical):
                let labelBytes = categorical.categories.reduce(0) { $0 + $1.utf8.count }
                bytes += 12 * rows + Double(labelBytes + 112 * categorical.categories.count) * scale
            }
        }
        return Int(min(bytes, Double(Int.max / 2)))
    }
}
