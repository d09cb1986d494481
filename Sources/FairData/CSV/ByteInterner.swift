#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Assigns a small integer to each distinct byte string, in order of first appearance, without
/// creating a `String` per occurrence: open addressing over an arena of the distinct strings.
///
/// Its storage is raw memory owned by the instance (not Swift arrays), so a lookup does no
/// uniqueness or exclusivity check, and the hash reads eight bytes at a time; with 10^7
/// distinct labels a lookup costs the same as with ten (the table stays at most half full).
final class ByteInterner {
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity = 1 << 12
    /// Per distinct string: its offset in the arena, its length and its hash.
    private var entries: UnsafeMutablePointer<Entry>
    private var entryCapacity = 32
    /// Slots hold `index + 1`; 0 is empty. Capacity is a power of two, kept at most half full.
    private var slots: UnsafeMutablePointer<Int32>
    private var slotCount = 64
    /// The OR of every stored byte: below 0x80 when every string is ASCII.
    private(set) var byteUnion: UInt8 = 0

    private struct Entry {
        var offset: Int
        var length: Int
        var hash: UInt64
    }

    /// Number of distinct strings seen.
    private(set) var count = 0

    /// Whether every distinct string is ASCII (their byte order is then Swift's `String` order).
    var isASCII: Bool { byteUnion < 0x80 }

    init() {
        arena = .allocate(capacity: arenaCapacity)
        entries = .allocate(capacity: entryCapacity)
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
    }

    deinit {
        arena.deallocate()
        entries.deallocate()
        slots.deallocate()
    }

    /// The index of the bytes, adding them when new.
    @inline(__always)
    func index(of start: UnsafePointer<UInt8>, count length: Int) -> Int32 {
        let hash = Self.hash(start, length)
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash >> 7) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let index = Int(entry - 1)
            let stored = entries[index]
            if stored.hash == hash, stored.length == length,
               length == 0 || memcmp(arena + stored.offset, start, length) == 0 {
                return Int32(index)
            }
            slot = (slot + 1) & mask
        }
        return insert(start, length, hash: hash, slot: slot)
    }

    private func insert(
        _ start: UnsafePointer<UInt8>, _ length: Int, hash: UInt64, slot: Int
    ) -> Int32 {
        let index = count
        if arenaCount + length > arenaCapacity {
            arenaCapacity = max(2 * arenaCapacity, arenaCount + length)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: arenaCapacity)
            grown.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = grown
        }
        if index == entryCapacity {
            entryCapacity *= 2
            let grown = UnsafeMutablePointer<Entry>.allocate(capacity: entryCapacity)
            grown.moveInitialize(from: entries, count: index)
            entries.deallocate()
            entries = grown
        }
        var union = byteUnion
        for i in 0..<length {
            arena[arenaCount + i] = start[i]
            union |= start[i]
        }
        byteUnion = union
        (entries + index).initialize(to: Entry(offset: arenaCount, length: length, hash: hash))
        arenaCount += length
        count += 1
        slots[slot] = Int32(index + 1)
        if 2 * count > slotCount { grow() }
        return Int32(index)
    }

    /// The bytes of entry `index`.
    func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let entry = entries[index]
        return UnsafeBufferPointer(start: arena + entry.offset, count: entry.length)
    }

    /// The distinct strings, by index (invalid UTF-8 replaced by U+FFFD).
    func strings() -> [String] {
        (0..<count).map { String(decoding: bytes($0), as: UTF8.self) }
    }

    /// Entry indices in byte order (shorter first on a common prefix): for ASCII strings,
    /// the order of Swift's `String` comparison.
    func indicesInByteOrder() -> [Int32] {
        // Sort (first eight bytes big-endian, index) pairs; compare the rest only on a tie.
        var keyed: [(prefix: UInt64, index: Int32)] = (0..<count).map { index in
            let entry = entries[index]
            var prefix: UInt64 = 0
            for i in 0..<8 {
                prefix <<= 8
                if i < entry.length { prefix |= UInt64(arena[entry.offset + i]) }
            }
            return (prefix, Int32(index))
        }
        keyed.sort { a, b in
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            let x = entries[Int(a.index)]
            let y = entries[Int(b.index)]
            let common = min(x.length, y.length)
            if common > 8 {
                let order = memcmp(arena + x.offset + 8, arena + y.offset + 8, common - 8)
                if order != 0 { return order < 0 }
            }
            return x.length < y.length
        }
        return keyed.map(\.index)
    }

    /// A 64-bit hash of the bytes, eight at a time (multiply–xorshift mixing).
    @inline(__always)
    private static func hash(_ start: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: length)
        let raw = UnsafeRawPointer(start)
        var i = 0
        while i + 8 <= length {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            i += 8
        }
        if i < length {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < length {
                tail |= UInt64(start[i]) << shift
                shift += 8
                i += 1
            }
            hash = (hash ^ tail) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
        }
        hash = (hash ^ (hash >> 29)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 32)
    }

    private func grow() {
        let newCount = slotCount * 2
        let newSlots = UnsafeMutablePointer<Int32>.allocate(capacity: newCount)
        newSlots.initialize(repeating: 0, count: newCount)
        let mask = newCount - 1
        for index in 0..<count {
            var slot = Int(truncatingIfNeeded: entries[index].hash >> 7) & mask
            while newSlots[slot] != 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Int32(index + 1)
        }
        slots.deallocate()
        slots = newSlots
        slotCount = newCount
    }
}
