/// The scatter pass of a counting sort, the one loop behind the pool sort of `fit` and the
/// partitioning of a large `apply`: each row of `rows`, in order, is stored at the next free slot
/// of its bucket (`next[bucket]`, then advanced), so rows keep their order within a bucket (a
/// stable sort). `place` gives a row's bucket and the value to store; `store` writes it.
enum CountingScatter {
    @inline(__always)
    static func run<Value>(_ rows: Range<Int>, next: UnsafeMutablePointer<Int>,
                           place: (_ row: Int) -> (bucket: Int, value: Value),
                           store: (_ slot: Int, _ row: Int, _ value: Value) -> Void) {
        for row in rows {
            let (bucket, value) = place(row)
            let slot = next[bucket]
            store(slot, row, value)
            next[bucket] = slot &+ 1
        }
    }
}
