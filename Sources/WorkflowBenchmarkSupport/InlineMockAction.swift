import WorkflowActions
import WorkflowModel

/// Stands in for an external action when benchmarking a user's workflow (dry-run semantics), inline, so only the
/// engine's cost is measured: the attempt plays the step's mock from `book` (by step name, then by action id),
/// else succeeds at once with `{}` outputs on the `main` branch.
public struct InlineMockAction: InlineAction {
    private let book: MockBook

    /// Creates the mock; with an empty book every step succeeds with `{}`.
    public init(book: MockBook = MockBook()) {
        self.book = book
    }

    /// Plays the mock for the invocation's step and attempt.
    /// - Throws: ``ActionError`` `.failed` with the mock's message when the mock says to fail.
    public func runInline(_ invocation: ActionInvocation) throws(ActionError) -> ActionResult {
        guard let mock = book.mock(step: invocation.stepName, actionId: invocation.actionId).0 else {
            return ActionResult()
        }
        return try mock.play(attempt: invocation.attempt)
    }
}

extension ActionRegistry {
    /// The core actions, with every other action id used by `spec` mocked by ``InlineMockAction`` playing `book`.
    public static func mocking(_ spec: WorkflowSpec, book: MockBook = MockBook()) -> ActionRegistry {
        var registry = ActionRegistry.core()
        let mock = InlineMockAction(book: book)
        for step in spec.steps ?? [] where registry.action(for: step.actionId) == nil {
            registry.register(step.actionId, mock)
        }
        return registry
    }
}
