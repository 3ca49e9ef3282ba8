import Foundation
import Logging
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

/// Runs `spec` on a manual clock until its first sleeper waits, suspends it (a graceful shutdown), then
/// resumes it in a new executor on virtual time and waits for the end.
struct SuspendResumeScenario {
    var id = ""
    /// What the first executor's `suspendAll` returned, and the instance's status it reported after.
    var suspended = 0
    var statusAfterSuspend: InstanceStatus?
    /// The stored instance and journal between the two executors.
    var left: InstanceSummary?
    var journalLeft: [JournalEntry] = []
    /// What the second executor resumed and could not, and the final status and instance.
    var resumed: [String] = []
    var failed: [(id: String, reason: String)] = []
    var status: InstanceStatus?
    var done: InstanceSummary?

    static func run(_ spec: WorkflowSpec) async throws -> SuspendResumeScenario {
        var scenario = SuspendResumeScenario()
        let instances = MemoryInstanceStore()
        let definitions = MemoryDefinitionStore()
        let stored = try await definitions.create(
            Workflow(id: "wf", name: "wf", spec: spec, createdAt: Date(), updatedAt: Date()))
        let plan = try ExecutionPlan(spec: spec, workflowId: "wf", workflowName: "wf")

        let clock = ManualClock()
        let first = WorkflowExecutor(
            registry: .core(clock: clock), store: instances, clock: clock, logger: Logger(label: "t"))
        async let firstRunning: Void = first.run()
        let id = try await first.start(StartRequest(plan: plan, trigger: .workflow, workflowVersion: stored.version))
        scenario.id = id
        await clock.waitForSleepers(1)
        scenario.suspended = await first.suspendAll()
        scenario.statusAfterSuspend = await first.wait(for: id)
        await first.shutdown()
        await firstRunning
        scenario.left = try await instances.instance(id: id)
        scenario.journalLeft = try await instances.journal(instance: id)

        let virtual = VirtualClock()
        let second = WorkflowExecutor(
            registry: .core(clock: virtual), store: instances, clock: virtual, logger: Logger(label: "t"))
        async let secondRunning: Void = second.run()
        (scenario.resumed, scenario.failed) = await second.resumeUnfinished(definitions: definitions)
        scenario.status = await second.wait(for: id)
        await second.shutdown()
        await secondRunning
        scenario.done = try await instances.instance(id: id)
        return scenario
    }
}
