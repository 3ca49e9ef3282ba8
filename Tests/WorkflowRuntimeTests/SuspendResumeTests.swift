import Foundation
import Logging
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
        let instances = MemoryInstanceStore()
        let definitions = MemoryDefinitionStore()
        let spec = SpecBuilder.spec(
            [
                SpecBuilder.step("First", next: [("Wait", "main")]),
                SpecBuilder.step(
                    "Wait", action: CoreActionID.sleep, next: [("Last", "main")], parameters: ["durationSeconds": 60]),
                SpecBuilder.step("Last"),
            ], start: ["First"])
        let stored = try await definitions.create(
            Workflow(id: "wf", name: "wf", spec: spec, createdAt: Date(), updatedAt: Date()))
        let plan = try ExecutionPlan(spec: spec, workflowId: "wf", workflowName: "wf")

        let clock = ManualClock()
        let first = WorkflowExecutor(
            registry: .core(clock: clock), store: instances, clock: clock, logger: Logger(label: "t"))
        async let firstRunning: Void = first.run()
        let id = try await first.start(StartRequest(plan: plan, trigger: .workflow, workflowVersion: stored.version))
        await clock.waitForSleepers(1)
        #expect(await first.suspendAll() == 1)
        #expect(await first.wait(for: id) == .inProgress)
        await first.shutdown()
        await firstRunning
        let left = try #require(try await instances.instance(id: id))
        #expect(left.status == .inProgress)
        #expect(left.steps.map(\.state) == [.succeeded, .inProgress])
        #expect(
            try await instances.journal(instance: id).allSatisfy { entry in
                if case .stepCanceled = entry.event { return false }
                return true
            })

        let virtual = VirtualClock()
        let second = WorkflowExecutor(
            registry: .core(clock: virtual), store: instances, clock: virtual, logger: Logger(label: "t"))
        async let secondRunning: Void = second.run()
        let (resumed, failed) = await second.resumeUnfinished(definitions: definitions)
        #expect(resumed == [id])
        #expect(failed.isEmpty)
        #expect(await second.wait(for: id) == .succeeded)
        await second.shutdown()
        await secondRunning
        let done = try #require(try await instances.instance(id: id))
        #expect(done.steps.map(\.name) == ["First", "Wait", "Last"])
        #expect(done.step(named: "First")?.attempts == 1)
    }
}
