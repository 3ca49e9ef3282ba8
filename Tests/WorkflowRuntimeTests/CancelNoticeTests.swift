import Foundation
import Logging
import Synchronization
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

@Suite("Cancel requests a store announces")
struct CancelNoticeTests {
    @Test("an announced cancel request cancels the instance without waiting for the next poll")
    func noticeCancels() async throws {
        let store = ObservedStore(notifying: true)
        let clock = ManualClock()
        // The poll would first look in an hour: only the notice can cancel the instance within the test.
        let executor = WorkflowExecutor(
            registry: .core(clock: clock), store: store, clock: clock, logger: Logger(label: "t"),
            cancelPollInterval: .seconds(3_600))
        async let loop: Void = executor.run()
        let spec = SpecBuilder.spec(
            [SpecBuilder.step("Wait", action: CoreActionID.sleep, parameters: ["durationSeconds": 60])], start: ["Wait"]
        )
        let id = try await executor.start(StartRequest(plan: try ExecutionPlan(spec: spec), trigger: .workflow))
        await clock.waitForSleepers(1)
        try await store.requestCancel(instance: id)
        #expect(await executor.wait(for: id) == .canceled)
        #expect(store.polls.withLock { $0 } == 0)
        #expect(try await store.cancelRequests().isEmpty)
        await executor.shutdown()
        await loop
    }
}
