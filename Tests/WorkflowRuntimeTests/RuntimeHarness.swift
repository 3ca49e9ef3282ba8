import Foundation
import Logging
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

/// An executor over a memory store, running for the length of one test body.
struct RuntimeHarness {
    let executor: WorkflowExecutor
    let store: MemoryInstanceStore

    init(
        registry: ActionRegistry, clock: any Clock<Duration>, store: MemoryInstanceStore = MemoryInstanceStore(),
        expressionEvaluator: (any ExpressionEvaluator)? = nil
    ) {
        self.store = store
        executor = WorkflowExecutor(
            registry: registry, store: store, clock: clock, logger: Logger(label: "test"),
            expressionEvaluator: expressionEvaluator)
    }

    /// Runs `body` while the executor runs, then shuts it down and waits for it.
    func with<T: Sendable>(_ body: (WorkflowExecutor) async throws -> T) async rethrows -> T {
        async let running: Void = executor.run()
        do {
            let result = try await body(executor)
            await executor.shutdown()
            await running
            return result
        } catch {
            await executor.shutdown()
            await running
            throw error
        }
    }

    /// Starts one instance of `spec` and waits for its summary.
    func run(
        _ spec: WorkflowSpec, trigger: TriggerKind = .workflow, inputs: [String: JSONValue] = [:]
    ) async throws -> InstanceSummary {
        let plan = try ExecutionPlan(spec: spec, workflowId: "wf-test", workflowName: "Test")
        return try await with { executor in
            let id = try await executor.start(StartRequest(plan: plan, trigger: trigger, inputs: inputs))
            _ = await executor.wait(for: id)
            return try #require(try await store.instance(id: id))
        }
    }
}
