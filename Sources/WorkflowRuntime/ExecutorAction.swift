import WorkflowActions

/// An action that needs the executor running its instance (child workflows start and wait for other
/// instances). The executor binds it to itself when it builds a plan's ``ActionTable``; run on its own (without an
/// executor) it fails as unsupported.
public protocol ExecutorAction: Action {
    /// Runs one attempt on `executor`, for a step of the workflow named `workflowName`.
    /// - Throws: ``ActionError`` when the step fails; cancellation arrives as task cancellation.
    func run(
        _ invocation: ActionInvocation, on executor: WorkflowExecutor, workflowName: String
    ) async throws(ActionError) -> ActionResult
}

extension ExecutorAction {
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        throw ActionError(
            .unsupported, "step \"\(invocation.stepName)\": \(invocation.actionId) needs a workflow executor to run")
    }
}

/// An ``ExecutorAction`` bound to the executor of a plan's action table. The executor is held weakly: it keeps
/// the table of the plan it started last, and must not keep itself alive through it.
struct BoundExecutorAction: Action {
    let base: any ExecutorAction
    weak let executor: WorkflowExecutor?
    let workflowName: String

    func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        guard let executor else { throw ActionError(.canceled, "the executor stopped") }
        return try await base.run(invocation, on: executor, workflowName: workflowName)
    }
}
