import Foundation
import Synchronization
import Testing
@testable import FairNet

@Suite("WorkerTeam: persistent helpers, one closure per member")
struct WorkerTeamTests {
    /// Per-member counters written by the members (disjoint entries) and read after `run` returns.
    final class Slots: @unchecked Sendable {
        var values: [Int]
        init(_ n: Int) { values = Array(repeating: 0, count: n) }
    }

    @Test("every member runs exactly once per run, and run returns only after all have finished", arguments: [1, 2, 3])
    func everyMemberOncePerRun(size: Int) {
        let team = WorkerTeam(size: size)
        #expect(team.size == size)
        let slots = Slots(size)
        for round in 1...300 {
            team.run { s in slots.values[s] += s + 1 }
            #expect(slots.values == (0..<size).map { round * ($0 + 1) }, "round \(round)")
            if slots.values != (0..<size).map({ round * ($0 + 1) }) { break }
        }
    }

    @Test("helpers that fell asleep while idle wake up for the next run")
    func wakesAfterIdle() {
        let team = WorkerTeam(size: 2)
        let slots = Slots(2)
        for round in 1...3 {
            Thread.sleep(forTimeInterval: 0.05) // far longer than the spin phase
            team.run { s in slots.values[s] += 1 }
            #expect(slots.values == [round, round])
        }
    }

    final class Flag: Sendable {
        let value = Atomic<Bool>(false)
        var isSet: Bool { value.load(ordering: .sequentiallyConsistent) }
    }

    @Test("a waiter returns at once when the condition already holds, and after a wake otherwise")
    func waiter() {
        let waiter = SpinThenSleepWaiter()
        waiter.wait { true }
        let flag = Flag()
        let thread = Thread {
            Thread.sleep(forTimeInterval: 0.05) // the waiter is asleep by then
            flag.value.store(true, ordering: .sequentiallyConsistent)
            waiter.wake()
        }
        thread.start()
        waiter.wait { flag.isSet }
        #expect(flag.isSet)
    }
}
