import WorkflowActions
import WorkflowModel

/// `com.datadoghq.dd.workflow_automation.triggerWorkflow` (start a stored workflow and wait for it) and
/// `…triggerWorkflowAsync` (start it and go on), as Datadog's action catalog names them.
///
/// Inputs: `workflowId` (required, the stored workflow's id), `workflowInputs` (an object, checked against the
/// child's input schema), and for the waiting form `timeoutSeconds` / `timeoutHours`. Outputs: `{instanceId,
/// workflowId, workflowOutputs}` when it waits, `{instanceId, workflowId}` when it does not. The child starts at
/// its `workflowTrigger`'s start steps; see docs/child-workflows.md for cancellation, nesting and crash recovery.
public struct ChildWorkflowAction: ExecutorAction {
    /// The action id of the form that waits for the child.
    public static let triggerId = "com.datadoghq.dd.workflow_automation.triggerWorkflow"
    /// The action id of the form that does not wait.
    public static let triggerAsyncId = "com.datadoghq.dd.workflow_automation.triggerWorkflowAsync"
    /// How deep child workflows nest by default: a root instance's child has depth 1, and a step that would
    /// start depth 11 fails, naming the chain (a workflow that starts itself forever stops there).
    public static let defaultMaxDepth = 10

    /// Whether the step waits for the child to end.
    public let waits: Bool

    /// The waiting form (`triggerWorkflow`) or the starting one (`triggerWorkflowAsync`).
    public init(waits: Bool) {
        self.waits = waits
    }

    public func run(
        _ invocation: ActionInvocation, on executor: WorkflowExecutor, workflowName: String
    ) async throws(ActionError) -> ActionResult {
        let call = try ChildWorkflowCall(invocation, waits: waits, parentWorkflowName: workflowName)
        return try await executor.runChild(call)
    }
}

extension ActionRegistry {
    /// Registers both child workflow actions (``ChildWorkflowAction``). They run on an executor built with a
    /// definition store (`WorkflowExecutor(…, definitions:)`); dry runs mock them like other external actions.
    public mutating func registerChildWorkflows() {
        register(ChildWorkflowAction.triggerId, ChildWorkflowAction(waits: true))
        register(ChildWorkflowAction.triggerAsyncId, ChildWorkflowAction(waits: false))
    }
}
