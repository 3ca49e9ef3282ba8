import WorkflowModel

/// Stands in for an action during a dry run: nothing runs; the attempt plays the step's mock (by step name,
/// then by action id), else succeeds with the action's documented output shape (empty values) or `{}`, and a
/// warning.
public struct MockAction: Action {
    private let book: MockBook
    private let recorder: DryRunRecorder
    private let shapes: [String: JSONValue]

    /// - Parameter shapes: action id → the outputs an unmocked step gets (``ActionRegistry/documentedOutputShape(for:)``).
    public init(book: MockBook, recorder: DryRunRecorder, shapes: [String: JSONValue] = [:]) {
        self.book = book
        self.recorder = recorder
        self.shapes = shapes
    }

    /// Plays the mock for the invocation's step and attempt.
    /// - Throws: ``ActionError`` `.failed` with the mock's message when the mock says to fail.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let (mock, source) = book.mock(step: invocation.stepName, actionId: invocation.actionId)
        recorder.record(step: invocation.stepName, source: source)
        guard let mock else {
            if let shape = shapes[invocation.actionId] {
                recorder.warn(
                    "step \"\(invocation.stepName)\" (\(invocation.actionId)) has no mock: outputs its documented "
                        + "shape with empty values")
                return ActionResult(outputs: shape)
            }
            recorder.warn("step \"\(invocation.stepName)\" (\(invocation.actionId)) has no mock: outputs {}")
            return ActionResult()
        }
        return try mock.play(attempt: invocation.attempt, iteration: invocation.iteration)
    }
}

extension ActionRegistry {
    /// The registry of a dry run: the `core` actions run for real (on `clock`, a virtual one); every other
    /// action id of `spec` — HTTP, shell, manifests, ids not available here — is a ``MockAction``, whose
    /// unmocked steps output the shape `available` documents for their action.
    public static func dryRun(
        steps: [(name: String, actionId: String)], book: MockBook, recorder: DryRunRecorder,
        clock: any Clock<Duration>, available: ActionRegistry = ActionRegistry()
    ) -> ActionRegistry {
        var registry = ActionRegistry.core(clock: clock)
        var shapes: [String: JSONValue] = [:]
        for step in steps { shapes[step.actionId] = available.documentedOutputShape(for: step.actionId) }
        let mock = MockAction(book: book, recorder: recorder, shapes: shapes)
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
