import Foundation
import Synchronization

/// A fixed team of threads that runs one closure per member, many times, with a synchronisation cost
/// of a few atomic operations per run (instead of waking Dispatch workers every time).
///
/// Member 0 is the thread that calls `run`; members `1..<size` are persistent helper threads started by
/// the initialiser. A helper waits for work by spinning for a bounded time (`spinChecks`) and then
/// sleeping on a semaphore, so back-to-back runs (one training step after another) never sleep, and an
/// idle team uses no CPU. The helpers stop when the team is released.
///
/// Determinism: member `s` always runs `body(s)`; which physical core runs it does not matter to the
/// result as long as the members touch disjoint data, which is the caller's contract.
///
/// Thread safety: `run` must not be called concurrently (one caller at a time). Hence `@unchecked
/// Sendable` only for handing the team to its helpers.
final class WorkerTeam: @unchecked Sendable {
    /// The number of members, the calling thread included.
    let size: Int
    private let state: TeamState

    init(size: Int) {
        self.size = max(1, size)
        state = TeamState(helpers: self.size - 1)
        for member in 1..<self.size {
            let state = self.state
            let thread = Thread { state.helperLoop(member: member) }
            thread.name = "FairNet worker \(member)"
            thread.start()
        }
    }

    deinit { state.shutDown() }

    /// Runs `body(s)` for every member `s` in `0..<size` (member 0 on the calling thread) and returns
    /// when all have finished.
    func run(_ body: @escaping (Int) -> Void) {
        guard size > 1 else { body(0); return }
        state.start(body)
        body(0)
        state.finish()
    }
}

/// What the helpers of a `WorkerTeam` share with its caller (the helpers hold this, not the team, so
/// that releasing the team stops them).
private final class TeamState: @unchecked Sendable {
    let helpers: Int
    /// Incremented once per run (after `job` is set), and once more to stop.
    let generation = Atomic<Int>(0)
    /// Helper completions, cumulative: `generation × helpers` when a run is complete.
    let completed = Atomic<Int>(0)
    let stopping = Atomic<Bool>(false)
    /// The closure of the current run: written before `generation` is incremented, read by the helpers
    /// after they see the increment, cleared after every helper has completed.
    var job: ((Int) -> Void)?
    let helperWaiters: [SpinThenSleepWaiter]
    let callerWaiter = SpinThenSleepWaiter()

    init(helpers: Int) {
        self.helpers = helpers
        helperWaiters = (0..<helpers).map { _ in SpinThenSleepWaiter() }
    }

    func start(_ body: @escaping (Int) -> Void) {
        job = body
        generation.add(1, ordering: .sequentiallyConsistent)
        for waiter in helperWaiters { waiter.wake() }
    }

    func finish() {
        let target = generation.load(ordering: .sequentiallyConsistent) * helpers
        callerWaiter.wait { completed.load(ordering: .sequentiallyConsistent) == target }
        job = nil
    }

    func helperLoop(member: Int) {
        let waiter = helperWaiters[member - 1]
        var seen = 0
        while true {
            waiter.wait { generation.load(ordering: .sequentiallyConsistent) != seen }
            seen += 1
            if stopping.load(ordering: .sequentiallyConsistent) { return }
            job!(member)
            completed.add(1, ordering: .sequentiallyConsistent)
            callerWaiter.wake()
        }
    }

    func shutDown() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        generation.add(1, ordering: .sequentiallyConsistent)
        for waiter in helperWaiters { waiter.wake() }
    }
}

/// One thread's wait for a condition that another thread makes true: spin on the condition for a
/// bounded number of checks, then sleep until woken.
///
/// Protocol: the waking thread first makes the condition true (with a sequentially consistent atomic
/// store or read-modify-write), then calls `wake()`. The waiter announces that it will sleep (`sleeping`
/// = true) before its last check of the condition; with sequentially consistent operations on both
/// sides, either that check sees the condition or the waker sees the announcement and signals, so no
/// wake-up is lost, and every signal is consumed by exactly one `wait`.
final class SpinThenSleepWaiter: Sendable {
    /// Condition checks before sleeping (each an atomic load). Long enough that neither side sleeps
    /// between the phases of consecutive training steps (measured in Sources/fair-bench/README.md).
    static let spinChecks = 250_000
    private let sleeping = Atomic<Bool>(false)
    private let semaphore = DispatchSemaphore(value: 0)

    func wait(until condition: () -> Bool) {
        for _ in 0..<Self.spinChecks where condition() { return }
        while true {
            sleeping.store(true, ordering: .sequentiallyConsistent)
            if condition() {
                // Take the announcement back; if a waker took it first, its signal is on the way: consume it.
                if !sleeping.exchange(false, ordering: .sequentiallyConsistent) { semaphore.wait() }
                return
            }
            semaphore.wait()
            if condition() { return }
        }
    }

    func wake() {
        if sleeping.exchange(false, ordering: .sequentiallyConsistent) { semaphore.signal() }
    }
}
