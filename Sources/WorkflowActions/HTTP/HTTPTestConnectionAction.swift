import WorkflowModel

/// `com.datadoghq.http.testConnection`: a GET of the step's connection base URL through ``HTTPAction``; the
/// outputs are the request's (`{status, body, headers}`), and a status 400–999 fails the step.
public struct HTTPTestConnectionAction: Action {
    private let http: HTTPAction

    /// - Parameter http: the action that sends the request.
    public init(http: HTTPAction = HTTPAction()) { self.http = http }

    /// Sends the request.
    /// - Throws: ``ActionError`` `.invalidInput` when the step has no connection with a base URL; what
    ///   ``HTTPAction`` throws.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        guard let connection = invocation.connection, !connection.baseURL.isEmpty else {
            throw ActionError(
                .invalidInput, "\(invocation.actionId) needs a step connection with a base URL to test")
        }
        var request = invocation
        request.actionId = ActionRegistry.SystemActionID.httpRequest
        request.inputs = ["verb": "GET", "url": .string(connection.baseURL)]
        return try await http.run(request)
    }
}
