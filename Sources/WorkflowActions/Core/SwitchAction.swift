import WorkflowModel

/// `com.datadoghq.core.switch`: takes the branch of the first case of `cases` that matches `switchExpression`,
/// else `default`; outputs `{}`.
///
/// A case is `{branchName, value}`, matching when `value` equals the switch expression (``ConditionOperator/equal``
/// semantics: `"3"` matches `3`), or `{branchName, condition}` with a condition as in `core.if`; a condition
/// without `operand1` compares the switch expression.
public struct SwitchAction: InlineAction {
    /// Creates the action.
    public init() {}

    public func runInline(_ invocation: ActionInvocation) throws(ActionError) -> ActionResult {
        let expression = try invocation.requiredInput("switchExpression")
        let value = try invocation.requiredInput("cases")
        guard case .array(let cases) = value else {
            throw ActionError(.invalidInput, "input \"cases\" must be an array, got \(value.typeName)")
        }
        for (index, item) in cases.enumerated() {
            let place = "cases[\(index)]"
            guard case .object(let members) = item else {
                throw ActionError(.invalidInput, "\(place) must be an object, got \(item.typeName)")
            }
            guard case .string(let branch)? = members["branchName"], !branch.isEmpty else {
                throw ActionError(.invalidInput, "\(place) needs a non-empty string \"branchName\"")
            }
            let matches: Bool
            if let condition = members["condition"] {
                do {
                    matches = try ConditionInput(condition, where: "\(place).condition", defaultOperand1: expression)
                        .evaluate(where: "\(place).condition")
                } catch {
                    throw ActionError(.invalidInput, error.message)
                }
            } else if let caseValue = members["value"] {
                matches = caseValue.looselyEquals(expression)
            } else {
                throw ActionError(.invalidInput, "\(place) needs a \"value\" or a \"condition\"")
            }
            if matches { return ActionResult(branch: branch) }
        }
        return ActionResult(branch: "default")
    }
}
