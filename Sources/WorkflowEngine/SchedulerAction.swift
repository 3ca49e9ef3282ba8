import WorkflowModel

/// What the scheduler asks the runtime to do.
public enum SchedulerAction: Sendable {
    /// Run one attempt of a step's action with rendered inputs.
    case runStep(StepDispatch)
    /// Call back with ``SchedulerEvent/timerFired(step:attempt:token:)`` after `delay`; `token` is the one of
    /// the dispatch the wait follows.
    case startTimer(step: Int, attempt: Int, token: UInt32, delay: Duration)
    /// Stop the running action of dispatch `token` (the run is ending, or its loop iteration failed).
    case cancelStep(step: Int, attempt: Int, token: UInt32)
    /// Forget the pending timer of dispatch `token` (the run is ending, or its loop iteration failed).
    case cancelTimer(step: Int, attempt: Int, token: UInt32)
    /// The instance has ended with this status.
    case finish(InstanceStatus)
}

/// One attempt of one step, ready to run.
public struct StepDispatch: Sendable {
    /// Dense step index in the plan.
    public var step: Int
    /// 1 for the first attempt; counts every run of the action, retries included.
    public var attempt: Int
    /// Parameters after template rendering.
    public var inputs: [String: JSONValue]
    /// The loop iteration (from 0) of a loop body step, else `nil`.
    public var iteration: Int?
    /// Identifies this dispatch among every dispatch of the instance (a counter the scheduler keeps): the
    /// completion echoes it, so an answer to an earlier dispatch of the same step and attempt (a loop's body
    /// runs again from attempt 1 in each iteration and each retry of the loop) is recognised and dropped.
    public var token: UInt32

    public init(step: Int, attempt: Int, inputs: [String: JSONValue], iteration: Int? = nil, token: UInt32 = 0) {
        self.step = step
        self.attempt = attempt
        self.inputs = inputs
        self.iteration = iteration
        self.token = token
    }
}

/// The output of one scheduler turn: journal events to store, then actions to perform.
public struct Transition: Sendable {
    public var events: [InstanceEvent]
    public var actions: [SchedulerAction]

    public init(events: [InstanceEvent] = [], actions: [SchedulerAction] = []) {
        self.events = events
        self.actions = actions
    }

    /// Empties both lists, keeping their storage for the next turn.
    public mutating func removeAll() {
        events.removeAll(keepingCapacity: true)
        actions.removeAll(keepingCapacity: true)
    }
}
