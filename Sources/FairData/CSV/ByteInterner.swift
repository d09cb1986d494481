/// Assigns a small integer to each distinct byte string, in order of first appearance, without
/// creating a `String` per occurrence (open addressing over an arena of the distinct strings).
final class ByteInterner {
    private var arena: [UInt8] = []
    private var offsets: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    /// Slots hold `index + 1`; 0 is empty. Capacity is a power of two, kept at most half full.
    private var slots: [Int32] = [Int32](repeating: 0, count: 64)

    /// Number of distinct strings seen.
    var count: Int { offsets.count }

    /// The index of the bytes, adding them when new.
    func index(of start: UnsafePointer<UInt8>, count length: Int) -> Int32 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for i in 0..<length {
            hash ^= UInt64(start[i])
            hash &*= 0x0000_0100_0000_01B3
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let index = Int(entry - 1)
            if hashes[index] == hash, lengths[index] == length, equals(index, start, length) { return Int32(index) }
            slot = (slot + 1) & mask
        }
        let index = offsets.count
        offsets.append(arena.count)
        lengths.append(length)
        hashes.append(hash)
        arena.append(contentsOf: UnsafeBufferPointer(start: start, count: length))
        slots[slot] = Int32(index + 1)
        if 2 * offsets.count > slots.count { grow() }
        return Int32(index)
    }

    /// The distinct strings, by index (invalid UTF-8 replaced by U+FFFD).
    func strings() -> [String] {
        arena.withUnsafeBufferPointer { arena in
            (0..<offsets.count).map { i in
                String(decoding: UnsafeBufferPointer(rebasing: arena[offsets[i]..<offsets[i] + lengths[i]]), as: UTF8.self)
            }
        }
    }

    private func equals(_ index: Int, _ start: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        if length == 0 { return true }
        return arena.withUnsafeBufferPointer { arena in
            let stored = arena.baseAddress! + offsets[index]
            for i in 0..<length where stored[i] != start[i] { return false }
            return true
        }
    }

    private func grow() {
        var newSlots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = newSlots.count - 1
        for index in 0..<offsets.count {
            var slot = Int(truncatingIfNeeded: hashes[index]) & mask
            while newSlots[slot] != 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Int32(index + 1)
        }
        slots = newSlots
    }
}
