import WorkflowModel

/// `com.datadoghq.core.noop`: does nothing, outputs `{}`, branch `main`. Allocates nothing.
public struct NoopAction: InlineAction {
    /// Creates the action.
    public init() {}

    public func runInline(_ invocation: ActionInvocation) throws(ActionError) -> ActionResult {
        ActionResult()
    }
}
