import Synchronization

/// A flag that asks a running training loop to stop. Thread-safe: `cancel()` may be called from any
/// thread or task while training runs on another. The trainer checks it between mini-batches and,
/// when it is set, throws `FairNetError.cancelled` without touching the model it was given.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Requests cancellation (idempotent).
    public func cancel() { flag.store(true, ordering: .releasing) }

    /// Whether cancellation has been requested.
    public var isCancelled: Bool { flag.load(ordering: .acquiring) }
}
