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

@Suite("Suspend and resume (a server's graceful shutdown and restart)")
struct SuspendResumeTests {
    @Test("a suspended instance stays unfinished with nothing cancelled, and a new executor carries it on")
    func suspendThenResume() async throws {
        let spec = SpecBuilder.spec(
            [
                SpecBuilder.step("First", next: [("Wait", "main")]),
                SpecBuilder.step(
                    "Wait", action: CoreActionID.sleep, next: [("Last", "main")], parameters: ["durationSeconds": 60]),
                SpecBuilder.step("Last"),
            ], start: ["First"])
        let run = try await SuspendResumeScenario.run(spec)
        #expect(run.suspended == 1)
        #expect(run.statusAfterSuspend == .inProgress)
        let left = try #require(run.left)
        #expect(left.status == .inProgress)
        #expect(left.steps.map(\.state) == [.succeeded, .inProgress])
        #expect(
            run.journalLeft.allSatisfy { entry in
                if case .stepCanceled = entry.event { return false }
                return true
            })
        #expect(run.resumed == [run.id])
        #expect(run.failed.isEmpty)
        #expect(run.status == .succeeded)
        let done = try #require(run.done)
        #expect(done.steps.map(\.name) == ["First", "Wait", "Last"])
        #expect(done.step(named: "First")?.attempts == 1)
    }
}

@Suite("Cancel requests from other processes")
struct CancelRequestTests {
    @Test("a request stored long after the run started (many polls later) still cancels it")
    func lateRequest() async throws {
        let store = ObservedStore()
        let clock = ManualClock()
        let executor = WorkflowExecutor(
            registry: .core(clock: clock), store: store, clock: clock, logger: Logger(label: "t"),
            cancelPollInterval: .milliseconds(5))
        async let loop: Void = executor.run()
        let spec = SpecBuilder.spec(
            [SpecBuilder.step("Wait", action: CoreActionID.sleep, parameters: ["durationSeconds": 60])], start: ["Wait"]
        )
        let id = try await executor.start(StartRequest(plan: try ExecutionPlan(spec: spec), trigger: .workflow))
        await clock.waitForSleepers(1)
        // Wait until the executor has looked several times, so the request arrives in a later poll.
        for _ in 0..<2_000 where store.polls.withLock({ $0 }) < 4 { try await Task.sleep(for: .milliseconds(1)) }
        #expect(store.polls.withLock { $0 } >= 4)
        try await store.requestCancel(instance: id)
        #expect(await executor.wait(for: id) == .canceled)
        #expect(try await store.cancelRequests().isEmpty)
        await executor.shutdown()
        await loop
    }
}
