import WorkflowActions

/// An action whose behaviour a test writes as a closure (per-attempt results, failures, counters).
public struct ScriptedAction: Action {
    private let body: @Sendable (ActionInvocation) async throws(ActionError) -> ActionResult

    public init(_ body: @escaping @Sendable (ActionInvocation) async throws(ActionError) -> ActionResult) {
        self.body = body
    }

    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        try await body(invocation)
    }
}
