import Synchronization

/// Asks a running job to stop: a training loop (FairNet checks it between mini-batches) or a
/// REPL command (polled at safe points through `CommandContext.checkCancellation(_:)`).
/// Thread-safe: `cancel()` is a single lock-free atomic store, so it may be called from any
/// thread or task, and from a signal handler (the front end's SIGINT handler calls it).
/// Whoever stops on it leaves its inputs untouched: the trainer throws `FairNetError.cancelled`
/// without touching the model it was given; the interpreter discards the command's copy of
/// the workspace.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// A token that is never cancelled.
    public static let never = CancellationToken()

    /// Requests cancellation (idempotent, async-signal-safe; ignored by `never`).
    public func cancel() { if self !== Self.never { flag.store(true, ordering: .releasing) } }

    /// Whether cancellation was requested.
    public var isCancelled: Bool { flag.load(ordering: .acquiring) }

    /// Clears the request (the front end does this before each command).
    public func reset() { flag.store(false, ordering: .releasing) }
}
