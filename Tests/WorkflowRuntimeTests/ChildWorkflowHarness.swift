import Foundation
import Logging
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

/// Child workflow tests' setting: one real SQLite file holding workflows and instances, and executors over it
/// that can start stored workflows, with time on a manual clock.
final class ChildWorkflowHarness: Sendable {
    let store: SQLiteStore
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-children-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory.appendingPathComponent("stepwise.db").path)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// An executor over the file whose `triggerWorkflow` steps start the workflows stored in it (none when
    /// `withDefinitions` is false), nesting at most `maxDepth` deep.
    func executor(
        clock: ManualClock, withDefinitions: Bool = true, maxDepth: Int = ChildWorkflowAction.defaultMaxDepth
    ) -> WorkflowExecutor {
        var registry = ActionRegistry.core(clock: clock)
        registry.registerChildWorkflows()
        return WorkflowExecutor(
            registry: registry, store: store, clock: clock, logger: Logger(label: "test"),
            definitions: withDefinitions ? store : nil, maxChildDepth: maxDepth)
    }

    /// Stores `spec` as workflow `name` and returns its id (a new UUID unless given).
    @discardableResult
    func storeWorkflow(
        _ name: String, _ spec: WorkflowSpec, id: String = UUID().uuidString.lowercased()
    ) async throws -> String {
        _ = try await store.create(Workflow(id: id, name: name, spec: spec, createdAt: Date(), updatedAt: Date()))
        return id
    }

    /// Stores ``sleepingChild`` as "Sleeper" and a parent whose one step `Call` waits for it (with `extra`
    /// parameters); returns the parent's id.
    func storeCallerOfSleeper(extra: [String: JSONValue] = [:]) async throws -> String {
        let child = try await storeWorkflow("Sleeper", Self.sleepingChild)
        return try await storeWorkflow(
            "Parent", SpecBuilder.spec([Self.trigger("Call", workflow: child, extra: extra)], start: ["Call"]))
    }

    /// Starts the stored workflow `id` from its workflowTrigger with its default inputs, as `stepwise run` does.
    func start(_ id: String, on executor: WorkflowExecutor) async throws -> String {
        let stored = try #require(try await store.workflow(id: id))
        let plan = try ExecutionPlan(spec: stored.workflow.spec, workflowId: id, workflowName: stored.workflow.name)
        let inputs = try (stored.workflow.spec.inputSchema ?? InputSchema()).resolve([:])
        return try await executor.start(
            StartRequest(plan: plan, trigger: .workflow, inputs: inputs, workflowVersion: stored.version))
    }

    /// Runs the stored workflow `id` to its end on a fresh executor (a manual clock nobody advances, the
    /// options of ``executor(clock:withDefinitions:maxDepth:)``); returns its summary.
    func runToEnd(
        _ id: String, withDefinitions: Bool = true, maxDepth: Int = ChildWorkflowAction.defaultMaxDepth
    ) async throws -> InstanceSummary {
        let executor = executor(clock: ManualClock(), withDefinitions: withDefinitions, maxDepth: maxDepth)
        async let running: Void = executor.run()
        let instance = try await start(id, on: executor)
        _ = await executor.wait(for: instance)
        await executor.shutdown()
        await running
        return try #require(try await store.instance(id: instance))
    }

    /// Every instance in the file, newest first.
    func instances() async throws -> [InstanceSummary] {
        try await store.list(InstanceQuery(pageSize: 100)).instances
    }

    /// A step that starts workflow `id` with `inputs`: `triggerWorkflow`, or `triggerWorkflowAsync` when
    /// `waits` is false.
    static func trigger(
        _ name: String, workflow id: String, inputs: JSONValue? = nil, waits: Bool = true,
        extra: [String: JSONValue] = [:], next: [(String, String)] = []
    ) -> Step {
        var parameters: [String: JSONValue] = ["workflowId": .string(id)]
        if let inputs { parameters["workflowInputs"] = inputs }
        parameters.merge(extra) { _, new in new }
        return SpecBuilder.step(
            name, action: waits ? ChildWorkflowAction.triggerId : ChildWorkflowAction.triggerAsyncId, next: next,
            parameters: parameters)
    }

    /// A child that sleeps `seconds` on the clock, then succeeds.
    static let sleepingChild = SpecBuilder.spec(
        [SpecBuilder.step("Nap", action: CoreActionID.sleep, parameters: ["durationSeconds": 60])], start: ["Nap"])
}
