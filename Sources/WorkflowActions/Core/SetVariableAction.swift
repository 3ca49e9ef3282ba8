import WorkflowModel

/// `com.datadoghq.core.setVariable`: sets the workflow variable `variableName` (a non-empty string) to
/// `variableValue` (`null` when absent); outputs `{}`.
public struct SetVariableAction: InlineAction {
    /// Creates the action.
    public init() {}

    public func runInline(_ invocation: ActionInvocation) throws(ActionError) -> ActionResult {
        let name = try invocation.stringInput("variableName")
        guard !name.isEmpty else { throw ActionError(.invalidInput, "input \"variableName\" must not be empty") }
        return ActionResult(variables: [name: invocation.inputs["variableValue"] ?? .null])
    }
}
