import WorkflowModel

/// The time limit of one task as Datadog's private action runner applies it: the action's `timeout` input when it
/// is a positive whole number of seconds (at most 2³¹ − 1), else the runner's default (60 s). Any other
/// `timeout` value is ignored, as the runner ignores it.
public struct TaskTimeout: Sendable, Hashable {
    /// The limit in whole seconds.
    public var seconds: Int

    /// The runner's default, `private_action_runner.task_timeout_seconds`.
    public static let runnerDefault = 60

    /// Reads `inputs["timeout"]`, falling back to `defaultSeconds`.
    public init(inputs: [String: JSONValue], defaultSeconds: Int = runnerDefault) {
        if case .number(let value)? = inputs["timeout"], value > 0, value == value.rounded(), value <= 2_147_483_647 {
            seconds = Int(value)
        } else {
            seconds = defaultSeconds
        }
    }

    /// The runner's failure message when the limit ends.
    public var message: String { "task execution exceeded global timeout of \(seconds) seconds" }
}
