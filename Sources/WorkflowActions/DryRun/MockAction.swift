/// Stands in for an action during a dry run: nothing runs; the attempt plays the step's mock (by step name,
/// then by action id), else succeeds with `{}` and a warning.
public struct MockAction: Action {
    private let book: MockBook
    private let recorder: DryRunRecorder

    public init(book: MockBook, recorder: DryRunRecorder) {
        self.book = book
        self.recorder = recorder
    }

    /// Plays the mock for the invocation's step and attempt.
    /// - Throws: ``ActionError`` `.failed` with the mock's message when the mock says to fail.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let (mock, source) = book.mock(step: invocation.stepName, actionId: invocation.actionId)
        recorder.record(step: invocation.stepName, source: source)
        guard let mock else {
            recorder.warn("step \"\(invocation.stepName)\" (\(invocation.actionId)) has no mock: outputs {}")
            return ActionResult()
        }
        return try mock.play(attempt: invocation.attempt, iteration: invocation.iteration)
    }
}

extension ActionRegistry {
    /// The registry of a dry run: the `core` actions run for real (on `clock`, a virtual one); every other
    /// action id of `spec` — HTTP, shell, manifests, ids not available here — is a ``MockAction``.
    public static func dryRun(
        steps: [(name: String, actionId: String)], book: MockBook, recorder: DryRunRecorder,
        clock: any Clock<Duration>, available: ActionRegistry = ActionRegistry()
    ) -> ActionRegistry {
        var registry = ActionRegistry.core(clock: clock)
        let mock = MockAction(book: book, recorder: recorder)
        for step in steps
        where registry.action(for: step.actionId) == nil && !CoreActionID.engineHandled.contains(step.actionId) {
            registry.register(step.actionId, mock)
            if available.action(for: step.actionId) == nil {
                recorder.warn(
                    "step \"\(step.name)\" uses action \"\(step.actionId)\", which is not available here: mocked")
            }
        }
        return registry
    }
}
