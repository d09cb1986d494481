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
