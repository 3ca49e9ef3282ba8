import WorkflowModel

/// `com.datadoghq.core.if`: evaluates `conditions` (a non-empty array, see docs/semantics.md#conditions) joined by
/// `joinOperator` (`and` or `or`, default `and`) and takes branch `true` or `false`; outputs `{}`.
///
/// Every condition is evaluated (no short circuit), so a condition that cannot be evaluated is always reported.
public struct IfAction: InlineAction {
    /// Creates the action.
    public init() {}

    public func runInline(_ invocation: ActionInvocation) throws(ActionError) -> ActionResult {
        let conditions = try invocation.requiredInput("conditions")
        do {
            let result = try ConditionList.evaluate(
                conditions: conditions, joinOperator: invocation.inputs["joinOperator"])
            return ActionResult(branch: result ? "true" : "false")
        } catch {
            throw ActionError(.invalidInput, error.message)
        }
    }
}
