import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

@Suite("Child workflows: cancellation, timeouts and carrying on after a restart")
struct ChildWorkflowLifecycleTests {
    @Test("cancelling the parent cancels the child it waits for")
    func cancelParentCancelsChild() async throws {
        let harness = try ChildWorkflowHarness()
        let parent = try await harness.storeCallerOfSleeper()
        let clock = ManualClock()
        let executor = harness.executor(clock: clock)
        async let running: Void = executor.run()
        let id = try await harness.start(parent, on: executor)
        await clock.waitForSleepers(1)
        #expect(await executor.cancel(id))
        #expect(await executor.wait(for: id) == .canceled)
        let childId = try #require(try await harness.instances().first { $0.parent?.instanceId == id }?.id)
        #expect(await executor.wait(for: childId) == .canceled)
        await executor.shutdown()
        await running
        #expect(try await harness.store.instance(id: id)?.step(named: "Call")?.state == .canceled)
        #expect(try await harness.store.instance(id: childId)?.step(named: "Nap")?.state == .canceled)
    }

    @Test("an async child is not cancelled with its parent")
    func asyncChildOutlivesParent() async throws {
        let harness = try ChildWorkflowHarness()
        let child = try await harness.storeWorkflow("Sleeper", ChildWorkflowHarness.sleepingChild)
        let parent = try await harness.storeWorkflow(
            "Parent",
            SpecBuilder.spec(
                [
                    ChildWorkflowHarness.trigger("Kick", workflow: child, waits: false, next: [("Wait", "main")]),
                    SpecBuilder.step("Wait", action: CoreActionID.sleep, parameters: ["durationSeconds": 600]),
                ], start: ["Kick"]))
        let clock = ManualClock()
        let executor = harness.executor(clock: clock)
        async let running: Void = executor.run()
        let id = try await harness.start(parent, on: executor)
        await clock.waitForSleepers(2)
        #expect(await executor.cancel(id))
        #expect(await executor.wait(for: id) == .canceled)
        let childId = try #require(try await harness.instances().first { $0.parent?.instanceId == id }?.id)
        clock.advance(by: .seconds(60))
        #expect(await executor.wait(for: childId) == .succeeded)
        await executor.shutdown()
        await running
    }

    @Test("timeoutSeconds: the child is cancelled and the step fails TIMED_OUT")
    func timeout() async throws {
        let harness = try ChildWorkflowHarness()
        let parent = try await harness.storeCallerOfSleeper(extra: ["timeoutSeconds": 5])
        let clock = ManualClock()
        let executor = harness.executor(clock: clock)
        async let running: Void = executor.run()
        let id = try await harness.start(parent, on: executor)
        await clock.waitForSleepers(2)
        clock.advance(by: .seconds(5))
        #expect(await executor.wait(for: id) == .stepError)
        await executor.shutdown()
        await running
        let childId = try #require(try await harness.instances().first { $0.parent?.instanceId == id }?.id)
        #expect(try await harness.store.instance(id: childId)?.status == .canceled)
        let error = try #require(try await harness.store.instance(id: id)?.step(named: "Call")?.error)
        #expect(error.code == "TIMED_OUT")
        #expect(error.message == "child workflow \"Sleeper\" (instance \(childId)) did not finish within 5.0 seconds")
    }

    @Test("a parent carried on from its journal waits for the child it started instead of starting another")
    func restartKeepsOneChild() async throws {
        let harness = try ChildWorkflowHarness()
        let parent = try await harness.storeCallerOfSleeper()
        let firstClock = ManualClock()
        let first = harness.executor(clock: firstClock)
        async let firstRunning: Void = first.run()
        let id = try await harness.start(parent, on: first)
        await firstClock.waitForSleepers(1)
        // A graceful shutdown: both stop where they are, nothing is cancelled (as after a crash).
        #expect(await first.suspendAll() == 2)
        await first.shutdown()
        await firstRunning
        let before = try await harness.instances()
        #expect(before.count == 2)
        #expect(before.allSatisfy { $0.status == .inProgress })
        let childId = try #require(before.first { $0.parent?.instanceId == id }?.id)

        let secondClock = ManualClock()
        let second = harness.executor(clock: secondClock)
        async let secondRunning: Void = second.run()
        let (_, failed) = await second.resumeUnfinished(definitions: harness.store)
        #expect(failed.isEmpty)
        await secondClock.waitForSleepers(1)
        secondClock.advance(by: .seconds(60))
        #expect(await second.wait(for: id) == .succeeded)
        #expect(await second.wait(for: childId) == .succeeded)
        await second.shutdown()
        await secondRunning
        #expect(try await harness.instances().count == 2)
        let call = try #require(try await harness.store.instance(id: id)?.step(named: "Call"))
        #expect(call.outputs?["instanceId"] == .string(childId))
        #expect(call.attempts == 1)
    }
}
