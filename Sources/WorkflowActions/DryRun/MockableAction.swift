/// In a dry run, an action that runs for real (JavaScript is logic, like the core actions) unless the mocks name
/// its step or its action id: then the mock plays instead, as for any mocked action (docs/dry-run.md).
public struct MockableAction: ContextReadingAction {
    private let base: any Action
    private let book: MockBook
    private let mock: MockAction

    public init(_ base: any Action, book: MockBook, recorder: DryRunRecorder) {
        self.base = base
        self.book = book
        self.mock = MockAction(book: book, recorder: recorder)
    }

    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        if book.mock(step: invocation.stepName, actionId: invocation.actionId).0 != nil {
            return try await mock.run(invocation)
        }
        return try await base.run(invocation)
    }
}

extension ActionRegistry {
    /// Wraps the registered actions of `actionIds` in ``MockableAction``s: a mock by step name or action id
    /// replaces them, other steps run them for real.
    public mutating func preferringMocks(for actionIds: [String], book: MockBook, recorder: DryRunRecorder) {
        for id in actionIds {
            guard let action = action(for: id) else { continue }
            register(id, MockableAction(action, book: book, recorder: recorder))
        }
    }
}
