import Synchronization
import Testing
import WorkflowTestSupport

/// Values appended from several tasks.
final class Recorder: Sendable {
    private let storage = Mutex<[Int]>([])
    func append(_ value: Int) { storage.withLock { $0.append(value) } }
    var values: [Int] { storage.withLock { $0 } }
}

@Suite("ManualClock")
struct ManualClockTests {
    @Test func sleepersWakeInDeadlineOrder() async throws {
        let clock = ManualClock()
        let order = Recorder()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for seconds in [30, 10, 20] {
                group.addTask {
                    try await clock.sleep(for: .seconds(seconds))
                    order.append(seconds)
                }
            }
            await clock.waitForSleepers(3)
            #expect(clock.nextDeadline == .init(offset: .seconds(10)))
            clock.advance(by: .seconds(15))
            try await group.next()
            #expect(order.values == [10])
            clock.advance(by: .seconds(100))
            try await group.waitForAll()
        }
        #expect(order.values.first == 10)
        #expect(Set(order.values) == [10, 20, 30])
        #expect(clock.elapsed == .seconds(115))
    }

    @Test func pastDeadlinesReturnAtOnce() async throws {
        let clock = ManualClock()
        clock.advance(by: .seconds(5))
        try await clock.sleep(until: .init(offset: .seconds(1)))
        #expect(clock.sleeperCount == 0)
        clock.advance(to: .init(offset: .seconds(2)))
        #expect(clock.now == .init(offset: .seconds(5)))
    }

    @Test func cancelledBeforeSleepingThrows() async {
        let clock = ManualClock()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await clock.sleep(for: .seconds(1))
        }
        let outcome = await task.result
        #expect(throws: CancellationError.self) { try outcome.get() }
        #expect(clock.sleeperCount == 0)
    }

    @Test func cancellingOneSleeperLeavesTheOthers() async throws {
        let clock = ManualClock()
        let first = Task { try await clock.sleep(for: .seconds(10)) }
        let second = Task { try await clock.sleep(for: .seconds(10)) }
        await clock.waitForSleepers(2)
        first.cancel()
        let outcome = await first.result
        #expect(throws: CancellationError.self) { try outcome.get() }
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(10))
        try await second.value
        #expect(clock.sleeperCount == 0)
    }

    @Test func instantsMeasureDurations() {
        let start = ManualClock.Instant(offset: .seconds(1))
        #expect(start.advanced(by: .seconds(2)) == .init(offset: .seconds(3)))
        #expect(start.duration(to: .init(offset: .seconds(4))) == .seconds(3))
        #expect(ManualClock().minimumResolution == .zero)
    }
}
