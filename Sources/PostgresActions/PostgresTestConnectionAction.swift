import WorkflowActions
import WorkflowModel

/// `com.datadoghq.postgresql.testConnection`: as the runner does it, reports what the step connection's tokens
/// resolved to, without opening a database connection: `{tokens: {host, port, user, …}}`, the `password` shown
/// as `***REDACTED***`.
public struct PostgresTestConnectionAction: InlineAction {
    /// What stands for the password.
    public static let redactedPassword = "***REDACTED***"

    public init() {}

    /// Reports the tokens.
    /// - Throws: ``ActionError`` `.invalidInput` when the step has no connection.
    public func runInline(_ invocation: ActionInvocation) throws(ActionError) -> ActionResult {
        guard let connection = invocation.connection else {
            throw ActionError(
                .invalidInput,
                "\(invocation.actionId) needs a step connection (a connectionLabel whose credential file holds the "
                    + "tokens \(PostgresCredentials.required.joined(separator: ", ")))")
        }
        var tokens: [String: JSONValue] = [:]
        for (name, value) in connection.credentials {
            tokens[name] = .string(name == "password" ? Self.redactedPassword : value)
        }
        return ActionResult(outputs: connection.scrub(["tokens": .object(tokens)]))
    }
}
