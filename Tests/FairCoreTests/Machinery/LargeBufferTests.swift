import Testing
@testable import FairCore

@Suite("LargeBuffer")
struct LargeBufferTests {
    @Test("a large buffer holds what is written; the huge-page advice changes no content, at any alignment")
    func advice() {
        let count = (LargeBuffer.adviceThreshold / 8) + 1_001
        let buffer = LargeBuffer.allocate(UInt64.self, capacity: count)
        defer { buffer.deallocate() }
        for i in 0..<count { buffer[i] = UInt64(i) &* 0x9E37_79B9_7F4A_7C15 }
        // Advice on written memory, on unaligned and small ranges: a hint only.
        LargeBuffer.adviseHugePages(UnsafeMutableRawPointer(buffer) + 3, byteCount: 8 * count - 3)
        LargeBuffer.adviseHugePages(UnsafeMutableRawPointer(buffer), byteCount: 100)
        var same = true
        for i in 0..<count where buffer[i] != UInt64(i) &* 0x9E37_79B9_7F4A_7C15 { same = false }
        #expect(same)
    }
}

@Suite("LargeBuffer retention")
struct LargeBufferRetentionTests {
    /// A size no other test allocates (a whole number of 2 MiB pages, under the retention limit).
    static let capacity = (26 << 20) / 8 - 123

    @Test("a released large buffer is handed out again for the same rounded size, its contents undefined but usable")
    func reuse() {
        let first = LargeBuffer.allocate(Double.self, capacity: Self.capacity)
        first.initialize(repeating: 1.5, count: Self.capacity)
        LargeBuffer.deallocate(first, capacity: Self.capacity)
        // Same rounded size (26 MiB): the retained buffer comes back.
        let second = LargeBuffer.allocate(Double.self, capacity: Self.capacity + 100)
        #expect(second == first)
        second.update(repeating: -2, count: Self.capacity + 100)
        #expect(second[Self.capacity + 99] == -2)
        second.deallocate() // a plain free is allowed too; nothing is retained then
        #expect(LargeBuffer.retainedBytes <= LargeBuffer.retainedBytesLimit)
    }

    @Test("retention never exceeds its limits; buffers above the size limit go back to the system; releaseRetained empties it")
    func limits() {
        let big = LargeBuffer.retainedBufferLimit / 8 + 1
        let pointers = (0..<(LargeBuffer.retainedCountLimit + 3)).map { _ in LargeBuffer.allocate(UInt64.self, capacity: big) }
        for p in pointers { LargeBuffer.deallocate(p, capacity: big) }
        #expect(LargeBuffer.retainedBytes <= LargeBuffer.retainedBytesLimit)
        let sizes = [4 << 20, 6 << 20, 8 << 20, 10 << 20, 12 << 20, 14 << 20, 16 << 20, 18 << 20]
        let buffers = sizes.map { (LargeBuffer.allocate(UInt8.self, capacity: $0), $0) }
        for (p, count) in buffers { LargeBuffer.deallocate(p, capacity: count) }
        #expect(LargeBuffer.retainedBytes <= LargeBuffer.retainedBytesLimit)
        // Small buffers are never retained: they are plain allocations.
        #expect(LargeBuffer.roundedBytes(UInt8.self, capacity: 1000) == 1000)
        #expect(LargeBuffer.roundedBytes(UInt8.self, capacity: (4 << 20) + 1) == 6 << 20)
        LargeBuffer.releaseRetained()
        #expect(LargeBuffer.retainedBytes <= LargeBuffer.retainedBytesLimit)
    }

    @Test("repeated fits and applies give the same bits when their buffers are reused")
    func repeatedRepairs() throws {
        var rng = SeededGenerator(seed: 77)
        let n = 600_000 // sorted samples and apply scratch above the 4 MiB threshold
        let scores = (0..<n).map { _ in Double.random(in: 0..<1, using: &rng) }
        let codes = (0..<n).map { _ in UInt8.random(in: 0...1, using: &rng) }
        var outputs: [[Double]] = []
        for _ in 0..<3 {
            let repair = try scores.withUnsafeBufferPointer { s in
                try codes.withUnsafeBufferPointer { c in
                    try BarycenterRepair.fit(scores: s, groupCodes: c, groupNames: ["a", "b"], taskName: "t", options: RepairOptions())
                }
            }
            var out = [Double](repeating: .nan, count: n)
            _ = try scores.withUnsafeBufferPointer { s in
                try codes.withUnsafeBufferPointer { c in
                    try out.withUnsafeMutableBufferPointer { o in
                        try repair.apply(scores: s, groupCodes: c, groupNames: ["a", "b"], into: o)
                    }
                }
            }
            outputs.append(out)
        }
        #expect(outputs[1].map(\.bitPattern) == outputs[0].map(\.bitPattern))
        #expect(outputs[2].map(\.bitPattern) == outputs[0].map(\.bitPattern))
        // Jitter 0 and the pool as the batch: every row maps onto the barycenter of its own rank,
        // so each group's outputs are non-decreasing in its scores.
        for g in 0..<2 {
            let rows = (0..<n).filter { codes[$0] == UInt8(g) }.sorted { scores[$0] < scores[$1] }
            #expect(zip(rows, rows.dropFirst()).allSatisfy { outputs[0][$0] <= outputs[0][$1] })
        }
    }
}
