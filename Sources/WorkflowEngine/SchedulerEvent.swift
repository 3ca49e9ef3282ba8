import WorkflowModel

/// What the runtime tells the scheduler.
public enum SchedulerEvent: Sendable {
    /// Start the instance at the fired trigger's start steps.
    case start
    /// An attempt of a step finished; `token` is the ``StepDispatch/token`` of the dispatch it answers.
    case stepCompleted(step: Int, attempt: Int, token: UInt32, outcome: StepOutcome)
    /// A timer the scheduler asked for has fired; `token` is the one the ``SchedulerAction/startTimer`` carried.
    case timerFired(step: Int, attempt: Int, token: UInt32)
    /// Cancel the instance.
    case cancel
    /// The instance reached ``InstanceLifetime/maximum`` since it started: it ends with `INSTANCE_ERROR`
    /// (code `INSTANCE_TIMEOUT`), its running steps canceled.
    case lifetimeExceeded
}

/// The result of one attempt of a step's action.
public enum StepOutcome: Sendable {
    /// The action succeeded with outputs, a branch, and variables to set.
    case succeeded(outputs: JSONValue, branch: String, variables: [String: JSONValue])
    /// The action failed.
    case failed(StepFailure)
    /// The action stopped because the run was cancelled.
    case canceled

    /// Success on the `main` branch.
    public static func succeeded(_ outputs: JSONValue = .emptyObject, branch: String = "main") -> StepOutcome {
        .succeeded(outputs: outputs, branch: branch, variables: [:])
    }
}
