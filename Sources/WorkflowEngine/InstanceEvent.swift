import WorkflowModel

/// One entry of an instance's journal. "Get instance" is a fold over these; a crashed run is replayed from them.
public enum InstanceEvent: Sendable, Hashable, Codable {
    /// An attempt of a step started with these rendered inputs.
    case stepStarted(step: String, attempt: Int, inputs: [String: JSONValue])
    /// An attempt failed and the step will be retried (error handler) after the wait that follows.
    case stepAttemptFailed(step: String, attempt: Int, failure: StepFailure)
    /// An attempt succeeded but its completion gate was not met: what it returned (the step waits or fails next).
    case stepAttemptOutputs(step: String, attempt: Int, outputs: JSONValue, branch: String)
    /// The step waits `delay` before its next attempt.
    case stepWaiting(step: String, attempt: Int, reason: WaitReason, delay: Duration)
    /// The step succeeded.
    case stepSucceeded(step: String, attempt: Int, outputs: JSONValue, branch: String)
    /// The step failed for good; `recovered` when its error handler's fallback edge was taken.
    case stepFailed(step: String, attempt: Int, failure: StepFailure, recovered: Bool)
    /// Every inbound edge of the step was dead.
    case stepSkipped(step: String)
    /// The step was running or waiting when the run ended.
    case stepCanceled(step: String)
    /// A step set workflow variables.
    case variablesSet(step: String, variables: [String: JSONValue])
    /// Loop step `step` started iteration `index` (from 0) of its body, whose steps are `body`: their events up
    /// to the next iteration belong to this one (docs/loops.md).
    case loopIterationStarted(step: String, index: Int, body: [String])
    /// A step's attempt spawned a process that leads its own process group `processGroup` (a shell step), whose
    /// leader started at `startTime` (clock ticks since boot, from `/proc`; 0 where unknown). Informational: replay
    /// ignores it; resuming or cancelling an instance whose process died ends the groups still alive.
    case stepProcessStarted(step: String, processGroup: Int32, startTime: UInt64)
    /// The instance ended.
    case instanceFinished(status: InstanceStatus, outputs: JSONValue, error: InstanceFailure?)

    /// The step the event is about, if any.
    public var stepName: String? {
        switch self {
        case .stepStarted(let step, _, _), .stepAttemptFailed(let step, _, _), .stepWaiting(let step, _, _, _),
            .stepAttemptOutputs(let step, _, _, _),
            .stepSucceeded(let step, _, _, _), .stepFailed(let step, _, _, _), .stepSkipped(let step),
            .stepCanceled(let step), .variablesSet(let step, _), .loopIterationStarted(let step, _, _),
            .stepProcessStarted(let step, _, _):
            return step
        case .instanceFinished: return nil
        }
    }
}

/// Why a step waits.
public enum WaitReason: String, Sendable, Hashable, Codable {
    /// The completion gate's condition was false; the action runs again after the interval.
    case completionGate
    /// The action failed; the error handler retries it after the interval.
    case errorHandlerRetry
}

/// Why an instance failed (`errorDetail`).
public struct InstanceFailure: Sendable, Hashable, Codable {
    /// The step that failed, when a step did.
    public var step: String?
    public var message: String
    public var code: String

    public init(step: String?, message: String, code: String) {
        self.step = step
        self.message = message
        self.code = code
    }
}
