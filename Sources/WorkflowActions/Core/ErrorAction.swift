import WorkflowModel

/// `com.datadoghq.core.error`: always fails (code ``ActionError/Code/failed``) with its input `message`.
///
/// A non-string message is used as compact JSON; without one the message says which step failed.
public struct ErrorAction: InlineAction {
    /// Creates the action.
    public init() {}

    public func runInline(_ invocation: ActionInvocation) throws(ActionError) -> ActionResult {
        let message: String
        switch invocation.inputs["message"] {
        case .string(let text)? where !text.isEmpty: message = text
        case nil, .null?, .string?: message = "step \"\(invocation.stepName)\" raised an error"
        case let other?: message = other.compactJSON
        }
        throw ActionError(.failed, message)
    }
}
