import WorkflowModel

/// `com.datadoghq.core.sleep`: waits `durationSeconds` (a number ≥ 0, at most 10⁹) on its clock, then outputs
/// `{}`. Cancelling the task ends the wait at once with ``ActionError/Code/canceled``.
///
/// A ``WaitingAction``: a workflow run keeps the wait as a durable timer instead of calling ``run(_:)``.
public struct SleepAction: WaitingAction {
    /// The longest accepted wait, in seconds.
    public static let maximumSeconds: Double = 1_000_000_000

    /// The clock the wait runs on.
    public let clock: any Clock<Duration>

    /// Creates the action; tests pass a manual clock.
    public init(clock: any Clock<Duration> = ContinuousClock()) { self.clock = clock }

    public func waitDuration(of invocation: ActionInvocation) throws(ActionError) -> Duration {
        let seconds = try invocation.numberInput("durationSeconds")
        guard seconds >= 0, seconds <= Self.maximumSeconds else {
            throw ActionError(
                .invalidInput,
                "input \"durationSeconds\" must be between 0 and \(JSONValue.format(number: Self.maximumSeconds)), got \(JSONValue.format(number: seconds))"
            )
        }
        return .seconds(seconds)
    }

    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let duration = try waitDuration(of: invocation)
        do {
            try await clock.sleep(for: duration)
        } catch {
            throw ActionError(.canceled, "sleep canceled")
        }
        return ActionResult()
    }
}
