import WorkflowActions
import WorkflowModel

/// Stands in for an external action when benchmarking a user's workflow: succeeds at once with `{}` outputs on
/// the `main` branch (dry-run semantics), inline, so only the engine's cost is measured.
public struct MockAction: InlineAction {
    /// Creates the mock.
    public init() {}

    public func runInline(_ invocation: ActionInvocation) throws(ActionError) -> ActionResult {
        ActionResult()
    }
}

extension ActionRegistry {
    /// The core actions, with every other action id used by `spec` mocked by ``MockAction``.
    public static func mocking(_ spec: WorkflowSpec) -> ActionRegistry {
        var registry = ActionRegistry.core()
        for step in spec.steps ?? [] where registry.action(for: step.actionId) == nil {
            registry.register(step.actionId, MockAction())
        }
        return registry
    }
}
