import Logging
import PostgresNIO
import WorkflowActions
import WorkflowModel

extension PostgresActionSettings {
    /// Runs `body` on a connection to the server of `invocation`'s connection, under the task time limit its
    /// `timeout` input sets, and returns `body`'s outputs; outputs and error messages are scrubbed of the
    /// connection's secrets.
    /// - Throws: ``ActionError``: the credentials' and ``PostgresSession``'s failures.
    func run(
        _ invocation: ActionInvocation,
        _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> JSONValue
    ) async throws(ActionError) -> ActionResult {
        let connection = invocation.connection
        do throws(ActionError) {
            let credentials = try PostgresCredentials(connection: connection)
            let timeout = TaskTimeout(inputs: invocation.inputs, defaultSeconds: defaultTimeoutSeconds)
            let outputs = try await PostgresSession.run(credentials, timeout: timeout, settings: self, body)
            return ActionResult(outputs: connection?.scrub(outputs) ?? outputs)
        } catch {
            throw ActionError(error.code, connection?.scrub(error.message) ?? error.message)
        }
    }
}
