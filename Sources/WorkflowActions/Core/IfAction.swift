import WorkflowModel

/// `com.datadoghq.core.if`: evaluates `conditions` (a non-empty array, see SEMANTICS §7) joined by
/// `joinOperator` (`and` or `or`, default `and`) and takes branch `true` or `false`; outputs `{}`.
///
/// Every condition is evaluated (no short circuit), so a condition that cannot be evaluated is always reported.
public struct IfAction: InlineAction {
    /// Creates the action.
    public init() {}

    public func runInline(_ invocation: ActionInvocation) throws(ActionError) -> ActionResult {
        let value = try invocation.requiredInput("conditions")
        guard case .array(let conditions) = value else {
            throw ActionError(.invalidInput, "input \"conditions\" must be an array, got \(value.typeName)")
        }
        guard !conditions.isEmpty else {
            throw ActionError(.invalidInput, "input \"conditions\" must hold at least one condition")
        }
        let conjunction: Bool
        switch invocation.inputs["joinOperator"] {
        case nil, .null?: conjunction = true
        case .string(let name)? where name.lowercased() == "and": conjunction = true
        case .string(let name)? where name.lowercased() == "or": conjunction = false
        case let other?:
            throw ActionError(
                .invalidInput, "input \"joinOperator\" must be \"and\" or \"or\", got \(other.compactJSON)")
        }
        var result = conjunction
        for (index, condition) in conditions.enumerated() {
            let place = "conditions[\(index)]"
            let holds = try ConditionInput(condition, where: place).evaluate(where: place)
            result = conjunction ? (result && holds) : (result || holds)
        }
        return ActionResult(branch: result ? "true" : "false")
    }
}
