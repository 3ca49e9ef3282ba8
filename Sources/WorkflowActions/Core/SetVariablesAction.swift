import WorkflowModel

/// `com.datadoghq.core.setVariables`: sets several workflow variables; outputs `{}`.
///
/// `variables` is either an array of `{name, value}` (a later entry for the same name wins; a missing `value` is
/// `null`) or an object of values by name.
public struct SetVariablesAction: InlineAction {
    /// Creates the action.
    public init() {}

    public func runInline(_ invocation: ActionInvocation) throws(ActionError) -> ActionResult {
        let value = try invocation.requiredInput("variables")
        switch value {
        case .object(let members):
            return ActionResult(variables: members)
        case .array(let entries):
            var variables: [String: JSONValue] = [:]
            for (index, entry) in entries.enumerated() {
                guard case .string(let name)? = entry["name"], !name.isEmpty else {
                    throw ActionError(
                        .invalidInput, "variables[\(index)] must be an object with a non-empty string \"name\"")
                }
                variables[name] = entry["value"] ?? .null
            }
            return ActionResult(variables: variables)
        default:
            throw ActionError(
                .invalidInput,
                "input \"variables\" must be an array of {name, value} or an object, got \(value.typeName)"
            )
        }
    }
}
