import Testing
import WorkflowActions
import WorkflowModel
import WorkflowTestSupport

@Suite("core.sleep")
struct SleepActionTests {
    @Test func sleepsOnTheInjectedClock() async throws {
        let clock = ManualClock()
        let action = SleepAction(clock: clock)
        let task = Task { try await action.run(invocation(CoreActionID.sleep, ["durationSeconds": 300])) }
        await clock.waitForSleepers(1)
        #expect(clock.nextDeadline == ManualClock.Instant(offset: .seconds(300)))
        clock.advance(by: .seconds(299))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(1))
        let result = try await task.value
        #expect(result == ActionResult())
        #expect(clock.sleeperCount == 0)
    }

    @Test func zeroSecondsReturnsAtOnce() async throws {
        let clock = ManualClock()
        let result = try await SleepAction(clock: clock).run(invocation(CoreActionID.sleep, ["durationSeconds": 0]))
        #expect(result.outputs == [:])
    }

    @Test func cancellationEndsTheWait() async {
        let clock = ManualClock()
        let action = SleepAction(clock: clock)
        let task = Task { try await action.run(invocation(CoreActionID.sleep, ["durationSeconds": 3600])) }
        await clock.waitForSleepers(1)
        task.cancel()
        let outcome = await task.result
        #expect(throws: ActionError(.canceled, "sleep canceled")) { try outcome.get() }
        #expect(clock.sleeperCount == 0)
    }

    @Test(
        arguments: [
            [String: JSONValue](), ["durationSeconds": "soon"], ["durationSeconds": -1], ["durationSeconds": 1e12],
        ])
    func badDurations(_ inputs: [String: JSONValue]) async {
        let error = await #expect(throws: ActionError.self) {
            try await SleepAction(clock: ManualClock()).run(invocation(CoreActionID.sleep, inputs))
        }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("durationSeconds") == true)
    }
}
