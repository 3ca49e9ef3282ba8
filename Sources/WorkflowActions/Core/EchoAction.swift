import WorkflowModel

/// `com.datadoghq.core.echo`: outputs `{value}`, its input `value` (`null` when absent).
public struct EchoAction: InlineAction {
    /// Creates the action.
    public init() {}

    public func runInline(_ invocation: ActionInvocation) throws(ActionError) -> ActionResult {
        ActionResult(outputs: .object(["value": invocation.inputs["value"] ?? .null]))
    }
}
