import WorkflowModel

/// `com.datadoghq.script.enrichScript`: the predefined scripts of the step's connection, as choices.
///
/// Input: `search` (optional; keeps the names containing it, case-insensitively). Output:
/// `{options: [{label, value, description}], placeholder: "Select a script"}`, sorted by name; `description` is
/// the script's command.
public struct EnrichScriptAction: Action {
    public init() {}

    /// Lists the scripts.
    /// - Throws: ``ActionError`` `.invalidInput` when the connection's script credential file is missing or malformed.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let credentials = try ScriptCredentials(connection: invocation.connection, actionId: invocation.actionId)
        let search = invocation.inputs["search"]?.stringValue?.lowercased() ?? ""
        let options: [JSONValue] = credentials.scripts.keys.sorted()
            .filter { search.isEmpty || $0.lowercased().contains(search) }
            .map { name in
                let command = credentials.scripts[name]?.command.joined(separator: " ") ?? ""
                return ["label": .string(name), "value": .string(name), "description": .string(command)]
            }
        return ActionResult(outputs: ["options": .array(options), "placeholder": "Select a script"])
    }
}

/// `com.datadoghq.script.testConnection`: succeeds with `{}` when the connection's script credential file reads
/// as a `script-credentials-v1` file.
public struct ScriptTestConnectionAction: Action {
    public init() {}

    /// Reads the file.
    /// - Throws: ``ActionError`` `.invalidInput` naming what is wrong with the file.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        _ = try ScriptCredentials(connection: invocation.connection, actionId: invocation.actionId)
        return ActionResult()
    }
}
